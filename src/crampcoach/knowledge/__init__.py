"""The knowledge base: YAML data files, their schemas, and the one loader that reads them."""

from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge

__all__ = ["KnowledgeBase", "load_knowledge"]
