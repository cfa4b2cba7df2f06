"""What the server's processes share: `server_secrets` (a secret made once, when the settings
give none: the key of the pages' CSRF tokens) and `page_states` (a page flow's drafts and
results between a POST and its GET, with their expiry), so that a server of several worker
processes answers a GET in any of them; and `waiting_invitations` (a coach's invitation to an
email no athlete's account has yet), so that inviting tells nothing of which accounts exist
(issue 17).

No diary row changes; going back drops the three tables (waiting invitations with them).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "page_states",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("expires", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_page_states_expires", "page_states", ["expires"])
    op.create_table(
        "waiting_invitations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "coach_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_waiting_invitations_coach"),
            nullable=False,
        ),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("invited", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("coach_id", "email", name="uq_waiting_invitations_pair"),
    )
    op.create_index("ix_waiting_invitations_email", "waiting_invitations", ["email"])


def downgrade() -> None:
    op.drop_index("ix_waiting_invitations_email", table_name="waiting_invitations")
    op.drop_table("waiting_invitations")
    op.drop_index("ix_page_states_expires", table_name="page_states")
    op.drop_table("page_states")
    op.drop_table("server_secrets")
