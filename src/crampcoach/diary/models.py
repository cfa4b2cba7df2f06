"""The diary's tables as SQLAlchemy 2 typed ORM classes; the migrations create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (portable across SQLite and PostgreSQL), read back aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes stored in the diary must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base of the diary tables."""


class SessionRow(Base):
    """One training session, logged by hand or imported from a watch file."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("effort IN ('easy', 'usual', 'hard', 'race')", name="ck_sessions_effort"),
        CheckConstraint("duration_s >= 0", name="ck_sessions_duration"),
        Index("ix_sessions_start", "start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sport: Mapped[str] = mapped_column(String(40))
    start: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_s: Mapped[float] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    ascent_m: Mapped[float | None] = mapped_column(Float)
    avg_heart_rate: Mapped[float | None] = mapped_column(Float)
    max_heart_rate: Mapped[float | None] = mapped_column(Float)
    temperature_c: Mapped[float | None] = mapped_column(Float)
    warmup: Mapped[bool | None] = mapped_column(Boolean)
    fluids_l: Mapped[float | None] = mapped_column(Float)
    sodium_mg: Mapped[float | None] = mapped_column(Float)
    effort: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)


class CrampRow(Base):
    """One cramp: inside a session (at an offset from its start) or at night."""

    __tablename__ = "cramps"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 10", name="ck_cramps_severity"),
        Index("ix_cramps_time", "time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[datetime] = mapped_column(UTCDateTime())
    muscle: Mapped[str] = mapped_column(String(20))
    severity: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    at_night: Mapped[bool] = mapped_column(Boolean, default=False)
    relieved_by: Mapped[str | None] = mapped_column(Text)
    relief_s: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)


class ProfileRow(Base):
    """The person's profile: a single row with id 1 (fields of core.profile.Profile)."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    age_years: Mapped[float | None] = mapped_column(Float)
    sex: Mapped[str | None] = mapped_column(String(10))
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    sweat_rate_l_per_h: Mapped[float | None] = mapped_column(Float)
    sweat_sodium_mg_per_l: Mapped[float | None] = mapped_column(Float)
    cramp_history: Mapped[bool | None] = mapped_column(Boolean)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SavedRow(Base):
    """A saved assessment or plan, kept as its JSON payload (added in revision 0002)."""

    __tablename__ = "saved"
    __table_args__ = (
        CheckConstraint("kind IN ('assessment', 'plan')", name="ck_saved_kind"),
        Index("ix_saved_kind_created", "kind", "created"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
