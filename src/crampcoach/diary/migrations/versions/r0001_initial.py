"""Initial diary: sessions, cramps and the profile.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sport", sa.String(40), nullable=False),
        sa.Column("start", UTCDateTime(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("distance_m", sa.Float()),
        sa.Column("ascent_m", sa.Float()),
        sa.Column("avg_heart_rate", sa.Float()),
        sa.Column("max_heart_rate", sa.Float()),
        sa.Column("temperature_c", sa.Float()),
        sa.Column("warmup", sa.Boolean()),
        sa.Column("fluids_l", sa.Float()),
        sa.Column("sodium_mg", sa.Float()),
        sa.Column("effort", sa.String(10)),
        sa.Column("notes", sa.Text()),
        sa.Column("source_file", sa.Text()),
        sa.Column("source_sha256", sa.String(64), unique=True),
        sa.CheckConstraint(
            "effort IN ('easy', 'usual', 'hard', 'race')", name="ck_sessions_effort"
        ),
        sa.CheckConstraint("duration_s >= 0", name="ck_sessions_duration"),
    )
    op.create_table(
        "cramps",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("time", UTCDateTime(), nullable=False),
        sa.Column("muscle", sa.String(20), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float()),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id", ondelete="SET NULL")),
        sa.Column("at_night", sa.Boolean(), nullable=False),
        sa.Column("relieved_by", sa.Text()),
        sa.Column("relief_s", sa.Float()),
        sa.Column("notes", sa.Text()),
        sa.CheckConstraint("severity BETWEEN 1 AND 10", name="ck_cramps_severity"),
    )
    op.create_index("ix_cramps_session_id", "cramps", ["session_id"])
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("age_years", sa.Float()),
        sa.Column("sex", sa.String(10)),
        sa.Column("body_mass_kg", sa.Float()),
        sa.Column("sweat_rate_l_per_h", sa.Float()),
        sa.Column("sweat_sodium_mg_per_l", sa.Float()),
        sa.Column("cramp_history", sa.Boolean()),
        sa.Column("updated", UTCDateTime()),
    )


def downgrade() -> None:
    op.drop_table("profile")
    op.drop_index("ix_cramps_session_id", table_name="cramps")
    op.drop_table("cramps")
    op.drop_table("sessions")
