"""Alembic migrations of the diary, run from code by `crampcoach.diary.database.upgrade`."""
