"""A session's relative humidity (%) and water temperature (°C), for the forecast (issue 18).

Two nullable columns on `sessions`; every row kept as it was, without them. Going back drops
the two columns (and what they held). Both databases add and drop a column in place
(SQLite since 3.35), so no table is copied and the CHECK constraints stay.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("humidity_percent", sa.Float()))
    op.add_column("sessions", sa.Column("water_temperature_c", sa.Float()))


def downgrade() -> None:
    op.drop_column("sessions", "water_temperature_c")
    op.drop_column("sessions", "humidity_percent")
