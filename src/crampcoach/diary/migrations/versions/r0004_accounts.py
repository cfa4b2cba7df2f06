"""Accounts of the multi-user server: users (an athlete's linked to their diary), their API
tokens and web sessions (kept hashed), and failed logins (for the lockout).

Nothing of a diary changes; going back drops the three tables (and the accounts with them).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column(
            "athlete_id",
            sa.Integer(),
            sa.ForeignKey("athletes.id", ondelete="CASCADE", name="fk_users_athlete"),
        ),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="ck_users_role"),
        sa.CheckConstraint("email = lower(email)", name="ck_users_email_lower"),
        sa.CheckConstraint(
            "(role = 'athlete' AND athlete_id IS NOT NULL) "
            "OR (role <> 'athlete' AND athlete_id IS NULL)",
            name="ck_users_athlete",
        ),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.UniqueConstraint("athlete_id", name="uq_users_athlete"),
    )
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_credentials_user"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(3), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("expires", UTCDateTime(), nullable=False),
        sa.Column("revoked", UTCDateTime()),
        sa.CheckConstraint("kind IN ('api', 'web')", name="ck_credentials_kind"),
        sa.UniqueConstraint("token_sha256", name="uq_credentials_token"),
    )
    op.create_index("ix_credentials_user", "credentials", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("time", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_login_failures_key_time", "login_failures", ["key", "time"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_key_time", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_credentials_user", table_name="credentials")
    op.drop_table("credentials")
    op.drop_table("users")
