"""Saved assessments and plans; indexes on session start and cramp time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.CheckConstraint("kind IN ('assessment', 'plan')", name="ck_saved_kind"),
    )
    op.create_index("ix_saved_kind_created", "saved", ["kind", "created"])
    op.create_index("ix_sessions_start", "sessions", ["start"])
    op.create_index("ix_cramps_time", "cramps", ["time"])


def downgrade() -> None:
    op.drop_index("ix_cramps_time", table_name="cramps")
    op.drop_index("ix_sessions_start", table_name="sessions")
    op.drop_index("ix_saved_kind_created", table_name="saved")
    op.drop_table("saved")
