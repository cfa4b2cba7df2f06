"""The Coach's part for the person's own records: the diary (sessions, cramps, imports,
patterns, export, restore) and the profile.

`DiaryMethods` is a base of `crampcoach.coach.Coach`: it opens the diary named by the
Coach's settings, checks records against the ranges of the knowledge (records.yaml)
before the diary keeps them, and reads the patterns with the core.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from crampcoach.core.profile import Profile
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_
from crampcoach.profile_store import FILE_NAME, JsonProfileStore
from crampcoach.shared_database import SharedDatabase

FIRST_ATHLETE = 1  # diary.models.FIRST_ATHLETE (not imported: the diary loads on first use)

if TYPE_CHECKING:
    from crampcoach.core.forecast_replay import Calibration
    from crampcoach.core.patterns import PatternReport
    from crampcoach.diary.database import DiaryDatabase, SchemaState
    from crampcoach.diary.records import Cramp, DiaryExport, Saved, Session, SessionCreate
    from crampcoach.diary.repository import Diary, ImportOutcome, ImportReport, Reader
    from crampcoach.package_knowledge import PackageKnowledge
    from crampcoach.settings import Settings

ExportFormat = Literal["json", "csv"]
ExportTable = Literal["sessions", "cramps"]


class NoDiaryError(InputError):
    """A diary named for reading that does not exist."""


class DiaryMethods:
    """The diary and the profile of the Coach's settings."""

    settings: Settings
    knowledge: PackageKnowledge
    # Whose diary: an athlete's id in the database, or None for the single-user diary (the
    # first athlete's, made on its first write).
    athlete_id: int | None = None
    # Why this Coach may not open a diary at all (a request of the multi-user server
    # without a login, or of an account that has none): the error `diary()` raises.
    refusal: Callable[[], CrampcoachError] | None = None
    # A coach's reading of an athlete's diary (multi-user server): any write is refused.
    read_only: bool = False
    # A server's one database for all its requests (None: each call opens the database).
    shared: SharedDatabase | None = None

    # --- the database ------------------------------------------------------------------------

    def database_state(self) -> SchemaState:
        """The revision the diary's database is at and the newest, changing nothing (a
        SQLite diary not made yet is at none)."""
        from crampcoach.diary.database import SchemaState, head_revision, sqlite_file

        file = sqlite_file(self.settings.db_url)
        if file is not None and not file.exists():
            return SchemaState(None, head_revision())
        with self._database_errors(), self._open_database(migrate=False) as database:
            return database.schema()

    def upgrade_database(self) -> tuple[SchemaState, SchemaState]:
        """Bring the diary's database to the newest revision (`crampcoach db upgrade`): the
        states before and after. A SQLite file that does not exist yet is made."""
        with self._database_errors(), self._open_database(migrate=False) as database:
            return database.upgrade(), database.schema()

    def check_database(self) -> None:
        """Before serving: a database that is not upgraded when opened (PostgreSQL) must be at
        the newest revision, with the job queue's tables (NotMigratedError names `crampcoach
        db upgrade`); InputError when it cannot be reached. A SQLite diary is upgraded on
        first use, as ever."""
        from crampcoach.diary.database import NotMigratedError, check_current, upgrades_itself
        from crampcoach.diary.jobs import NO_QUEUE_TABLES, queue_schema_applied

        if upgrades_itself(self.settings.db_url):
            return
        with self._database_errors(), self._open_database(migrate=False) as database:
            check_current(database.engine, database.where)
            if not queue_schema_applied(database.engine):
                raise NotMigratedError(NO_QUEUE_TABLES, where=database.where)

    @contextmanager
    def _database_errors(self) -> Iterator[None]:
        from alembic.util import CommandError
        from sqlalchemy.exc import SQLAlchemyError

        from crampcoach.diary.database import safe_url, sqlite_file
        from crampcoach.diary.database_errors import database_error

        url = self.settings.db_url
        try:
            yield
        except (SQLAlchemyError, CommandError) as exc:
            raise database_error(exc, safe_url(url), sqlite_file(url)) from exc

    def _open_database(self, *, migrate: bool) -> DiaryDatabase:
        from crampcoach.diary.database import DiaryDatabase

        return DiaryDatabase.open(
            self.settings.db_url, migrate=migrate, create_folder=not self.settings.db_given
        )

    # --- the diary ---------------------------------------------------------------------------

    @contextmanager
    def diary(self, *, reading: bool = False) -> Iterator[Diary]:
        """The person's diary (the athlete's, or the single-user one), closed afterwards.

        A SQLite diary is brought up to the current version first; another database must be
        there already (NotMigratedError names `crampcoach db upgrade`). `reading` (nothing
        will be written): a SQLite diary that does not exist yet is read as an empty one, and
        no file is made. Database errors become InputError saying what is wrong and what to
        do (the password of a URL hidden); what was committed before stays committed.
        """
        from sqlalchemy.exc import SQLAlchemyError

        from crampcoach.diary.database import safe_url, sqlite_file
        from crampcoach.diary.database_errors import database_error
        from crampcoach.diary.repository import Diary

        if self.refusal is not None:
            raise self.refusal()
        if self.read_only and not reading:
            from crampcoach.server.errors import ReadOnlyError

            raise ReadOnlyError()
        url = self.settings.db_url
        file = sqlite_file(url)
        if reading and file is not None and not file.exists():
            url = "sqlite://"  # an empty diary in memory
        if self.shared is not None and url != "sqlite://":
            database = self.shared.get()
            diary = (
                database.first_athlete()
                if self.athlete_id is None
                else database.for_athlete(self.athlete_id)
            )
        else:
            diary = Diary.open(
                url,
                athlete_id=self.athlete_id if url != "sqlite://" else None,
                create_folder=not self.settings.db_given,
            )
        try:
            yield diary
        except SQLAlchemyError as exc:
            raise database_error(exc, safe_url(url), file, opening=False) from exc
        finally:
            diary.close()

    def require_diary(self) -> None:
        """NoDiaryError when the diary was named (--db, CRAMPCOACH_DB) as a SQLite file that
        does not exist: a path typed with a slip, which reading should not create.

        The default diary may not exist yet: it then reads as empty.
        """
        from crampcoach.diary.database import safe_url, sqlite_file

        file = sqlite_file(self.settings.db_url)
        if self.settings.db_given and file is not None and not file.exists():
            raise NoDiaryError(
                N_(
                    "no diary at {where}: the file {path} does not exist. Check the path, or "
                    "start a diary there with crampcoach log session or crampcoach import."
                ),
                where=safe_url(self.settings.db_url),
                path=file,
            )

    def log_session(self, new: SessionCreate, *, allow_overlap: bool = False) -> Session:
        """Add a training session to the diary.

        RecordError names each value that cannot be (records.yaml); DuplicateSessionError
        when it overlaps a session already there, unless `allow_overlap`.
        """
        from crampcoach.diary_checks import DuplicateSessionError, check_session

        today, tz = _today()
        check_session(new, self.knowledge.record_rules, today, tz)
        with self.diary() as diary:
            if not allow_overlap and (existing := diary.overlapping_sessions(new)):
                raise DuplicateSessionError(existing)
            return diary.add_session(new)

    def log_cramp(
        self,
        fields: dict[str, Any],
        *,
        session: int | Literal["last"] | None = None,
        offset_s: float | None = None,
        time: datetime | None = None,
    ) -> Cramp:
        """Add a cramp: in a session (`offset_s` into it, else at its start), or at `time`.

        `fields` are CrampCreate's other fields; pydantic's ValidationError when they do
        not fit, RecordError naming a value that cannot be (records.yaml), InputError when
        there is no last session.
        """
        from crampcoach.diary.records import CrampCreate
        from crampcoach.diary_checks import check_cramp

        with self.diary() as diary:
            session_id = session
            if session == "last":
                last = diary.last_session()
                if last is None:
                    raise InputError(N_("--session last: the diary has no session yet"))
                session_id = last.id
            assert session_id != "last"
            when = time or datetime.now(UTC)
            if session_id is not None and offset_s is not None:
                when = diary.cramp_time(session_id, offset_s)
            elif session_id is not None and time is None:
                when = diary.get_session(session_id).start
            new = CrampCreate.model_validate({**fields, "session_id": session_id, "time": when})
            check_cramp(new, self.knowledge.record_rules, *_today())
            return diary.add_cramp(new)

    def activity_files(self, paths: Sequence[Path]) -> list[Path]:
        """The watch files (FIT, GPX, TCX, gzipped or not) in `paths`; InputError if none."""
        from crampcoach.diary.importers import find_activity_files

        files = find_activity_files(paths)
        if not files:
            raise InputError(
                N_("import: no .fit, .gpx or .tcx files found in {paths}"),
                paths=", ".join(map(str, paths)),
            )
        return files

    def import_files(
        self,
        files: Sequence[Path],
        *,
        workers: int = 2,
        reader: Reader | None = None,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
    ) -> ImportReport:
        """Import watch files; `on_outcome` hears of each file as it is done (for progress).

        A file whose session cannot be (records.yaml) is refused by name; a sensor's value
        that cannot be is left out of the session, with a warning in its outcome.
        """
        from crampcoach.diary_checks import import_vet

        vet = import_vet(self.knowledge.record_rules, *_today())
        with self.diary() as diary:
            return diary.import_files(
                files, reader, workers=workers, on_outcome=on_outcome, vet=vet
            )

    def sessions(self) -> list[Session]:
        """The sessions, oldest first."""
        with self.diary(reading=True) as diary:
            return diary.list_sessions()

    def cramps(self) -> list[Cramp]:
        """The cramps, oldest first."""
        with self.diary(reading=True) as diary:
            return diary.list_cramps()

    def saved(self, kind: Literal["assessment", "plan"]) -> list[Saved]:
        """The saved assessments or plans, oldest first."""
        with self.diary(reading=True) as diary:
            return diary.list_saved(kind)

    def patterns(
        self, *, today: date | None = None, tz: tzinfo | None = None, plot: Path | None = None
    ) -> PatternReport:
        """The person's cramp patterns (local time `tz`); `plot` also draws them to a file."""
        from crampcoach.core.patterns import find_patterns

        if plot is not None:
            from crampcoach.diary.plots import plot_format

            plot_format(plot)  # a bad suffix fails before any work
        tz = tz or datetime.now().astimezone().tzinfo or UTC
        rules = self.knowledge.pattern_rules
        with self.diary(reading=True) as diary:
            session_facts, cramp_facts = diary.pattern_inputs()
            report = find_patterns(
                session_facts, cramp_facts, today or date.today(), tz, rules=rules
            )
            if plot is not None:
                from crampcoach.diary.plots import save_patterns_plot

                save_patterns_plot(plot, report, diary.list_cramps())
        return report

    def forecast_report(self, *, plot: Path | None = None) -> Calibration:
        """How well the personal forecast does on this diary: before each of its latest
        sessions, the forecast from the sessions before it alone, scored against what
        happened (Brier, against the population figure alone, and a reliability table);
        `plot` also draws the reliability plot to a file."""
        from crampcoach.core.forecast_inputs import past_sessions
        from crampcoach.core.forecast_replay import backtest, calibration
        from crampcoach.core.personal_plan import plan_sport

        if plot is not None:
            from crampcoach.diary.plots import plot_format

            plot_format(plot)  # a bad suffix fails before any work
        knowledge = self.knowledge
        with self.diary(reading=True) as diary:
            sessions, cramps = diary.pattern_inputs()
        past = past_sessions(
            sessions, cramps, knowledge.pattern_rules, plan_sport(knowledge.plan_rules)
        )
        report = calibration(backtest(past, knowledge.forecast_rules), knowledge.forecast_rules)
        if plot is not None:
            from crampcoach.diary.plots import save_reliability_plot

            save_reliability_plot(plot, report)
        return report

    def export(self, fmt: ExportFormat = "json", table: ExportTable = "sessions") -> str:
        """The diary as text: JSON holds everything and can be restored; CSV is one table."""
        from crampcoach.diary.records import Cramp, Session

        with self.diary(reading=True) as diary:
            if fmt == "json":
                return diary.export_all(datetime.now(UTC)).model_dump_json(indent=2) + "\n"
            if table == "sessions":
                return _csv(diary.list_sessions(), Session)
            return _csv(diary.list_cramps(), Cramp)

    def restore(self, data: DiaryExport) -> None:
        """Restore an export into an empty diary (DiaryNotEmptyError otherwise)."""
        with self.diary() as diary:
            diary.restore(data)

    # --- the profile -------------------------------------------------------------------------

    def load_profile(self) -> Profile:
        """The profile kept in the diary (taking over a profile.json of an older version)."""
        with self.diary() as diary:
            profile = diary.load_profile()
            legacy = self.settings.home / FILE_NAME
            # profile.json was the one person's: only the single-user diary takes it over.
            single = self.athlete_id in (None, FIRST_ATHLETE)
            if single and profile == Profile() and legacy.exists():
                profile = JsonProfileStore(legacy).load()
                diary.save_profile(profile)
            return profile

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile kept in the diary."""
        with self.diary() as diary:
            diary.save_profile(profile)

    def plan_options(
        self, given: Mapping[str, Any], profile: Profile | None = None
    ) -> tuple[dict[str, Any], list[str]]:
        """The plan options `given`, their gaps filled from `profile` (default: the saved
        one), and the profile fields used (`core.profile.fill_plan_options`)."""
        from crampcoach.core.profile import fill_plan_options

        return fill_plan_options(given, self.load_profile() if profile is None else profile)


def _today() -> tuple[date, tzinfo]:
    """Today's date and the time zone of this computer: a record after today cannot be."""
    now = datetime.now().astimezone()
    return now.date(), now.tzinfo or UTC


def _csv(rows: Sequence[BaseModel], model: type[BaseModel]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["id", *[f for f in model.model_fields if f != "id"]]
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.model_dump(mode="json").items()})
    return buffer.getvalue()
