"""The knowledge base: YAML data files, their schemas (schema.py) and the one loader (loader.py)."""
