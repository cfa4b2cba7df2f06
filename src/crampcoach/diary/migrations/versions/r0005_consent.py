"""Roles and consent: a coach's invitations to athletes and their answers (`coach_links`),
and the log of every reading of an athlete's data by a coach (`access_log`).

Nothing else changes; going back drops the two tables (every consent and log with them).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coach_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "coach_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_coach_links_coach"),
            nullable=False,
        ),
        sa.Column(
            "athlete_id",
            sa.Integer(),
            sa.ForeignKey("athletes.id", ondelete="CASCADE", name="fk_coach_links_athlete"),
            nullable=False,
        ),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("invited", UTCDateTime(), nullable=False),
        sa.Column("answered", UTCDateTime()),
        sa.CheckConstraint(
            "status IN ('pending', 'active', 'declined', 'revoked')", name="ck_coach_links_status"
        ),
        sa.UniqueConstraint("coach_id", "athlete_id", name="uq_coach_links_pair"),
    )
    op.create_index("ix_coach_links_athlete", "coach_links", ["athlete_id"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer(),
            sa.ForeignKey("athletes.id", ondelete="CASCADE", name="fk_access_log_athlete"),
            nullable=False,
        ),
        sa.Column(
            "coach_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_access_log_coach"),
        ),
        sa.Column("coach_email", sa.String(254), nullable=False),
        sa.Column("time", UTCDateTime(), nullable=False),
        sa.Column("what", sa.String(20), nullable=False),
        sa.Column("path", sa.String(300), nullable=False),
    )
    op.create_index("ix_access_log_athlete_time", "access_log", ["athlete_id", "time"])


def downgrade() -> None:
    op.drop_index("ix_access_log_athlete_time", table_name="access_log")
    op.drop_table("access_log")
    op.drop_index("ix_coach_links_athlete", table_name="coach_links")
    op.drop_table("coach_links")
