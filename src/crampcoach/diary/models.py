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
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
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


class AthleteRow(Base):
    """A person whose diary this database keeps (added in revision 0003); the single-user
    diary is the first athlete's (`FIRST_ATHLETE`)."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100))
    created: Mapped[datetime] = mapped_column(UTCDateTime())


FIRST_ATHLETE = 1  # the athlete of a single-user diary, and of every row kept before 0003


class AthleteScoped:
    """A row that belongs to one athlete: a scoped `Diary` reads and writes only its own."""

    @declared_attr
    def athlete_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("athletes.id", ondelete="CASCADE", name=f"fk_{cls.__tablename__}_athlete")  # type: ignore[attr-defined]
        )


class SessionRow(AthleteScoped, Base):
    """One training session, logged by hand or imported from a watch file."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("effort IN ('easy', 'usual', 'hard', 'race')", name="ck_sessions_effort"),
        CheckConstraint("duration_s >= 0", name="ck_sessions_duration"),
        # A file is imported once per athlete; two athletes may share a file.
        UniqueConstraint("athlete_id", "source_sha256", name="uq_sessions_athlete_sha256"),
        Index("ix_sessions_athlete_start", "athlete_id", "start"),
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
    humidity_percent: Mapped[float | None] = mapped_column(Float)  # relative, 0-100 (0006)
    water_temperature_c: Mapped[float | None] = mapped_column(Float)  # a swim's (0006)
    warmup: Mapped[bool | None] = mapped_column(Boolean)
    fluids_l: Mapped[float | None] = mapped_column(Float)
    sodium_mg: Mapped[float | None] = mapped_column(Float)
    effort: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))


class CrampRow(AthleteScoped, Base):
    """One cramp: inside a session (at an offset from its start) or at night."""

    __tablename__ = "cramps"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 10", name="ck_cramps_severity"),
        Index("ix_cramps_athlete_time", "athlete_id", "time"),
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


class ProfileRow(AthleteScoped, Base):
    """An athlete's profile, one row each (fields of core.profile.Profile)."""

    __tablename__ = "profile"
    __table_args__ = (UniqueConstraint("athlete_id", name="uq_profile_athlete"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    age_years: Mapped[float | None] = mapped_column(Float)
    sex: Mapped[str | None] = mapped_column(String(10))
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    sweat_rate_l_per_h: Mapped[float | None] = mapped_column(Float)
    sweat_sodium_mg_per_l: Mapped[float | None] = mapped_column(Float)
    cramp_history: Mapped[bool | None] = mapped_column(Boolean)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SavedRow(AthleteScoped, Base):
    """A saved assessment or plan, kept as its JSON payload (added in revision 0002)."""

    __tablename__ = "saved"
    __table_args__ = (
        CheckConstraint("kind IN ('assessment', 'plan')", name="ck_saved_kind"),
        Index("ix_saved_athlete_kind_created", "athlete_id", "kind", "created"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


ROLES = ("athlete", "coach", "admin")
CREDENTIAL_KINDS = ("api", "web")  # an API token, a web session


class UserRow(Base):
    """An account of the multi-user server (added in revision 0004): its email (kept in
    lower case, so unique whatever the case typed), its role, and for an athlete the
    athlete whose diary is theirs."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="ck_users_role"),
        CheckConstraint("email = lower(email)", name="ck_users_email_lower"),
        CheckConstraint(
            "(role = 'athlete' AND athlete_id IS NOT NULL) "
            "OR (role <> 'athlete' AND athlete_id IS NULL)",
            name="ck_users_athlete",
        ),
        UniqueConstraint("email", name="uq_users_email"),
        UniqueConstraint("athlete_id", name="uq_users_athlete"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(String(255))
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE", name="fk_users_athlete")
    )
    created: Mapped[datetime] = mapped_column(UTCDateTime())


class CredentialRow(Base):
    """An API token or a web session of a user: only its sha256 is kept; it ends at
    `expires`, or when revoked (logout, a new password, the account disabled)."""

    __tablename__ = "credentials"
    __table_args__ = (
        CheckConstraint("kind IN ('api', 'web')", name="ck_credentials_kind"),
        UniqueConstraint("token_sha256", name="uq_credentials_token"),
        Index("ix_credentials_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE", name="fk_credentials_user")
    )
    kind: Mapped[str] = mapped_column(String(3))
    token_sha256: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    expires: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginFailureRow(Base):
    """A failed login, counted against an account and a client address (`key`) for the
    lockout; kept in the database so that every worker of the server sees it."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_time", "key", "time"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    time: Mapped[datetime] = mapped_column(UTCDateTime())


LINK_STATES = ("pending", "active", "declined", "revoked")


class CoachLinkRow(Base):
    """A coach's invitation to an athlete, and the athlete's answer (added in revision 0005):
    while it is `active` the coach reads the athlete's diary. One row per coach and athlete:
    inviting again after a decline or a revocation makes it pending again."""

    __tablename__ = "coach_links"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'active', 'declined', 'revoked')", name="ck_coach_links_status"
        ),
        UniqueConstraint("coach_id", "athlete_id", name="uq_coach_links_pair"),
        Index("ix_coach_links_athlete", "athlete_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE", name="fk_coach_links_coach")
    )
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE", name="fk_coach_links_athlete")
    )
    status: Mapped[str] = mapped_column(String(10))
    invited: Mapped[datetime] = mapped_column(UTCDateTime())
    answered: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AccessLogRow(Base):
    """A coach's reading of an athlete's data (added in revision 0005), for the athlete to
    see: it belongs to the athlete (deleted with them) and keeps the coach's email, so it
    still says who when the coach's account is gone."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_athlete_time", "athlete_id", "time"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE", name="fk_access_log_athlete")
    )
    coach_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", name="fk_access_log_coach")
    )
    coach_email: Mapped[str] = mapped_column(String(254))
    time: Mapped[datetime] = mapped_column(UTCDateTime())
    what: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(String(300))


JOB_STATES = ("running", "done", "failed")


class ImportJobRow(AthleteScoped, Base):
    """An import of uploaded watch files running in the background (added in revision 0007):
    how far it is, kept in the database so that any server process answers a poll."""

    __tablename__ = "import_jobs"
    __table_args__ = (
        CheckConstraint("status IN ('running', 'done', 'failed')", name="ck_import_jobs_status"),
        Index("ix_import_jobs_athlete_created", "athlete_id", "created"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(10))
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ImportJobFileRow(AthleteScoped, Base):
    """One file of an import job, in the order uploaded (revision 0007): its bytes until it
    is imported (the worker may run in another process or on another machine), then its
    outcome. Scoped to the athlete like the job, so no query can reach another's files."""

    __tablename__ = "import_job_files"
    __table_args__ = (PrimaryKeyConstraint("job_id", "place", name="pk_import_job_files"),)

    job_id: Mapped[str] = mapped_column(
        ForeignKey("import_jobs.id", ondelete="CASCADE", name="fk_import_job_files_job")
    )
    place: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str | None] = mapped_column(String(10))  # None: not imported yet
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)


class ServerSecretRow(Base):
    """A secret the server's processes share (added in revision 0008): made once, at random,
    by the first process that needs it, when the settings give none (CRAMPCOACH_SECRET_KEY)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(UTCDateTime())


class PageStateRow(Base):
    """What a page flow keeps between a POST and the GET it redirects to (added in revision
    0008): a draft of an assessment, a result to show; kept until `expires`, so that any
    worker of the server answers the GET. `payload` is signed by the server's secret."""

    __tablename__ = "page_states"
    __table_args__ = (Index("ix_page_states_expires", "expires"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary())
    expires: Mapped[datetime] = mapped_column(UTCDateTime())


class WaitingInvitationRow(Base):
    """A coach's invitation to an email that no athlete's account has (added in revision
    0008): it becomes a pending invitation (`coach_links`) when an athlete's account with that
    email is added. So a coach's invitation is answered the same whether the account exists."""

    __tablename__ = "waiting_invitations"
    __table_args__ = (
        UniqueConstraint("coach_id", "email", name="uq_waiting_invitations_pair"),
        Index("ix_waiting_invitations_email", "email"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE", name="fk_waiting_invitations_coach")
    )
    email: Mapped[str] = mapped_column(String(254))
    invited: Mapped[datetime] = mapped_column(UTCDateTime())
