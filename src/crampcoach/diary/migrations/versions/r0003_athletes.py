"""Athletes: every row of the diary belongs to one; a diary kept so far is the first's.

A file is unique per athlete (its sha256), each athlete has one profile, and the indexes
lead with the athlete. Downgrading is refused once a second athlete has records: a diary
of revision 0002 keeps one person's.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FIRST_ATHLETE = 1  # models.FIRST_ATHLETE, as it was when this revision was written
SCOPED = ("sessions", "cramps", "profile", "saved")
# The unnamed UNIQUE on sessions.source_sha256 of revision 0001, as SQLite batch mode names it.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100)),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    # SQL made with `table` (here and below) names one of SCOPED, written in this file.
    if any(bind.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() for table in SCOPED):  # nosec B608
        athletes = sa.table(
            "athletes", sa.column("id"), sa.column("name"), sa.column("created", UTCDateTime())
        )
        op.execute(athletes.insert().values(id=FIRST_ATHLETE, created=datetime.now(UTC)))
        if bind.dialect.name == "postgresql":  # the id was given: the sequence moves past it
            op.execute("SELECT setval(pg_get_serial_sequence('athletes', 'id'), 1)")
    for table in SCOPED:
        op.add_column(table, sa.Column("athlete_id", sa.Integer()))
        op.execute(f"UPDATE {table} SET athlete_id = {FIRST_ATHLETE}")  # nosec B608

    old_unique = _unique_on(bind, "sessions", ["source_sha256"]) or "uq_sessions_source_sha256"
    with op.batch_alter_table("sessions", naming_convention=NAMING) as batch:
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "fk_sessions_athlete", "athletes", ["athlete_id"], ["id"], ondelete="CASCADE"
        )
        batch.drop_constraint(old_unique, type_="unique")
        batch.create_unique_constraint(
            "uq_sessions_athlete_sha256", ["athlete_id", "source_sha256"]
        )
        batch.drop_index("ix_sessions_start")
        batch.create_index("ix_sessions_athlete_start", ["athlete_id", "start"])
    with op.batch_alter_table("cramps") as batch:
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "fk_cramps_athlete", "athletes", ["athlete_id"], ["id"], ondelete="CASCADE"
        )
        batch.drop_index("ix_cramps_time")
        batch.create_index("ix_cramps_athlete_time", ["athlete_id", "time"])
    with op.batch_alter_table("profile") as batch:
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "fk_profile_athlete", "athletes", ["athlete_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_unique_constraint("uq_profile_athlete", ["athlete_id"])
    with op.batch_alter_table("saved") as batch:
        batch.alter_column("athlete_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "fk_saved_athlete", "athletes", ["athlete_id"], ["id"], ondelete="CASCADE"
        )
        batch.drop_index("ix_saved_kind_created")
        batch.create_index("ix_saved_athlete_kind_created", ["athlete_id", "kind", "created"])


def downgrade() -> None:
    bind = op.get_bind()
    owners: set[int] = set()
    for table in SCOPED:
        owners |= set(bind.execute(sa.text(f"SELECT DISTINCT athlete_id FROM {table}")).scalars())  # nosec B608
    if len(owners) > 1:
        raise RuntimeError(
            f"cannot go back to revision 0002: the diary holds the records of {len(owners)} "
            "athletes, and a diary of 0002 keeps one person's. Export each athlete's first."
        )
    op.execute("UPDATE profile SET id = 1")  # the one profile row, as 0002 reads it

    with op.batch_alter_table("saved") as batch:
        batch.drop_index("ix_saved_athlete_kind_created")
        batch.create_index("ix_saved_kind_created", ["kind", "created"])
        batch.drop_constraint("fk_saved_athlete", type_="foreignkey")
        batch.drop_column("athlete_id")
    with op.batch_alter_table("profile") as batch:
        batch.drop_constraint("uq_profile_athlete", type_="unique")
        batch.drop_constraint("fk_profile_athlete", type_="foreignkey")
        batch.drop_column("athlete_id")
    with op.batch_alter_table("cramps") as batch:
        batch.drop_index("ix_cramps_athlete_time")
        batch.create_index("ix_cramps_time", ["time"])
        batch.drop_constraint("fk_cramps_athlete", type_="foreignkey")
        batch.drop_column("athlete_id")
    old_unique = (
        "sessions_source_sha256_key"
        if bind.dialect.name == "postgresql"
        else "uq_sessions_source_sha256"
    )
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_athlete_start")
        batch.create_index("ix_sessions_start", ["start"])
        batch.drop_constraint("uq_sessions_athlete_sha256", type_="unique")
        batch.drop_constraint("fk_sessions_athlete", type_="foreignkey")
        batch.drop_column("athlete_id")
        batch.create_unique_constraint(old_unique, ["source_sha256"])
    op.drop_table("athletes")


def _unique_on(bind: sa.engine.Connection, table: str, columns: list[str]) -> str | None:
    """The name of the UNIQUE constraint on exactly `columns` (None when it has none)."""
    for constraint in sa.inspect(bind).get_unique_constraints(table):
        if constraint["column_names"] == columns:
            name = constraint["name"]
            return str(name) if name else None
    return None
