"""The diary: sessions and cramps, stored with SQLAlchemy, imported from watch files."""
