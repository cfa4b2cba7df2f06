"""Background imports kept in the database (issue 17): `import_jobs` (an athlete's job, its
status and progress) and `import_job_files` (each file's bytes until imported, then its
outcome), so that a poll answered by any server process finds the job.

Nothing else changes; going back drops the two tables (the jobs' progress with them; the
sessions they imported stay).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crampcoach.diary.models import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _athlete(table: str) -> sa.Column[int]:
    return sa.Column(
        "athlete_id",
        sa.Integer(),
        sa.ForeignKey("athletes.id", ondelete="CASCADE", name=f"fk_{table}_athlete"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "import_jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        _athlete("import_jobs"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("finished", UTCDateTime()),
        sa.CheckConstraint("status IN ('running', 'done', 'failed')", name="ck_import_jobs_status"),
    )
    op.create_index("ix_import_jobs_athlete_created", "import_jobs", ["athlete_id", "created"])
    op.create_table(
        "import_job_files",
        sa.Column(
            "job_id",
            sa.String(32),
            sa.ForeignKey("import_jobs.id", ondelete="CASCADE", name="fk_import_job_files_job"),
            nullable=False,
        ),
        sa.Column("place", sa.Integer(), nullable=False),
        _athlete("import_job_files"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(10)),
        sa.Column("outcome", sa.JSON()),
        sa.Column("content", sa.LargeBinary()),
        sa.PrimaryKeyConstraint("job_id", "place", name="pk_import_job_files"),
    )


def downgrade() -> None:
    op.drop_table("import_job_files")
    op.drop_index("ix_import_jobs_athlete_created", table_name="import_jobs")
    op.drop_table("import_jobs")
