"""Importers read real FIT, GPX and TCX files written in tmp_path, and name broken ones."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from activity_files import (
    GARMIN_CONNECT_GPX,
    MAPMYRIDE_TCX,
    START,
    STEP_M,
    fit_bytes,
    gpx_text,
    heart_rates,
    tcx_text,
    write,
)
from fit_tool.profile.profile_type import FileType, Sport, SubSport, WeatherReport

from crampcoach.diary import importers
from crampcoach.diary.importers import (
    ActivityFileError,
    ActivityRecord,
    NotAnActivityError,
    find_activity_files,
    read_activity,
    read_many,
)
from crampcoach.diary.importers import reader as reader_module
from crampcoach.diary.importers import tcx as tcx_module
from crampcoach.diary.importers.fit import parse_fit
from fuzzing import mutate

POINTS = 10
SPAN_S = (POINTS - 1) * 60.0
RATES = heart_rates(POINTS)
MEAN_HR = sum(RATES) / POINTS  # 144.5
DISTANCE_M = (POINTS - 1) * STEP_M


def test_fit_session_totals(tmp_path: Path) -> None:
    path = write(tmp_path / "run.fit", fit_bytes(pause_s=120))
    record = read_activity(path)
    assert record.file_format == "fit"
    assert record.sport == "running"
    assert record.start == START
    assert record.start is not None and record.start.utcoffset() is not None
    assert record.duration_s == SPAN_S  # timer time, the pause left out
    assert record.elapsed_s == SPAN_S + 120
    assert record.distance_m == pytest.approx(DISTANCE_M, abs=0.01)
    assert record.ascent_m == 42  # from the session, not recomputed from records
    assert record.avg_heart_rate == round(MEAN_HR)
    assert record.max_heart_rate == max(RATES)
    assert record.temperature_c == 25
    assert record.points == POINTS
    assert record.source_path == str(path)
    assert record.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_fit_without_session_falls_back_to_records(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "nosession.fit", fit_bytes(session=False)))
    assert record.sport is None
    assert record.start == START
    assert record.duration_s == record.elapsed_s == SPAN_S
    assert record.distance_m == pytest.approx(DISTANCE_M, abs=0.01)
    assert record.ascent_m == pytest.approx(9.0)  # altitudes 100..109
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)
    assert record.max_heart_rate == max(RATES)
    assert record.temperature_c == 25
    assert record.points == POINTS


def test_fit_session_gaps_are_filled_from_records(tmp_path: Path) -> None:
    content = fit_bytes(temperature=31, session_temperature=False)
    record = read_activity(write(tmp_path / "hot.fit", content))
    assert record.temperature_c == 31  # from the records
    assert record.ascent_m == 42  # still from the session


def test_fit_sub_sport_and_missing_temperature(tmp_path: Path) -> None:
    content = fit_bytes(sub_sport=SubSport.TREADMILL, temperature=None)
    record = read_activity(write(tmp_path / "treadmill.fit", content))
    assert record.sub_sport == "treadmill"
    assert record.temperature_c is None


def test_fit_humidity_is_the_current_weathers_and_forecasts_do_not_count(
    tmp_path: Path,
) -> None:
    reports = (
        (WeatherReport.CURRENT, 70),
        (WeatherReport.FORECAST, 20),  # of a later hour
        (WeatherReport.CURRENT, 80),
        (WeatherReport.DAILY_FORECAST, 10),
    )
    record = read_activity(write(tmp_path / "humid.fit", fit_bytes(weather=reports)))
    assert record.humidity_percent == 75
    assert record.water_temperature_c is None  # FIT has no field for it
    assert record.temperature_c == 25  # the device's, not the weather report's 24
    only_forecasts = fit_bytes(weather=((WeatherReport.FORECAST, 20),))
    assert read_activity(write(tmp_path / "later.fit", only_forecasts)).humidity_percent is None
    assert read_activity(write(tmp_path / "dry.fit", fit_bytes())).humidity_percent is None


def test_fit_that_is_not_an_activity(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.fit", fit_bytes(file_type=FileType.SETTINGS))
    with pytest.raises(NotAnActivityError, match="settings"):
        read_activity(path)


@pytest.mark.parametrize("offset_h", [0, 2, -5])
def test_gpx_garmin_extensions_and_utc_start(tmp_path: Path, offset_h: int) -> None:
    record = read_activity(write(tmp_path / "ride.gpx", gpx_text(offset_h=offset_h)))
    assert record.file_format == "gpx"
    assert record.start == START
    assert record.start is not None and record.start.tzinfo is UTC
    assert record.sport == "running"
    assert record.duration_s == record.elapsed_s == SPAN_S
    assert record.distance_m == pytest.approx(DISTANCE_M, rel=0.01)
    assert record.ascent_m == pytest.approx(9.0)
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)
    assert record.max_heart_rate == max(RATES)
    assert record.temperature_c == 28.0
    assert record.points == POINTS


def test_gpx_water_temperature_of_a_swim(tmp_path: Path) -> None:
    text = gpx_text(atemp=None, wtemp=14.5, sport="swimming")
    record = read_activity(write(tmp_path / "swim.gpx", text))
    assert record.water_temperature_c == 14.5
    assert record.temperature_c is None  # the water's is not the air's
    assert record.humidity_percent is None  # GPX has no field for it
    both = read_activity(write(tmp_path / "both.gpx", gpx_text(atemp=21.0, wtemp=16.0)))
    assert (both.temperature_c, both.water_temperature_c) == (21.0, 16.0)
    assert read_activity(write(tmp_path / "run.gpx", gpx_text())).water_temperature_c is None


def test_gpx_segments_split_by_a_pause_give_moving_time(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "paused.gpx", gpx_text(pause_before=5, pause_s=600)))
    assert record.duration_s == SPAN_S - 60  # the 60 s step across the pause is not counted
    assert record.elapsed_s == SPAN_S + 600
    assert record.points == POINTS


def test_gpx_other_apps_extension_tags(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "app.gpx", gpx_text(extensions="other", atemp=31.5)))
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)
    assert record.temperature_c == 31.5


def test_gpx_without_extensions_or_type(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "plain.gpx", gpx_text(extensions="none", sport=None)))
    assert record.avg_heart_rate is None
    assert record.max_heart_rate is None
    assert record.temperature_c is None
    assert record.sport is None
    assert record.points == POINTS


def test_gpx_with_routes_only_is_not_an_activity(tmp_path: Path) -> None:
    route = (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        '<rte><rtept lat="45.0" lon="7.0"/></rte></gpx>'
    )
    with pytest.raises(NotAnActivityError, match="no track points"):
        read_activity(write(tmp_path / "route.gpx", route))


def test_tcx_lap_totals_heart_rate_and_sport(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "ride.tcx", tcx_text(sport="Biking", pause_s=30)))
    assert record.file_format == "tcx"
    assert record.sport == "cycling"
    assert record.start == START
    assert record.duration_s == SPAN_S - 30  # the laps' TotalTimeSeconds
    assert record.elapsed_s == SPAN_S
    assert record.distance_m == pytest.approx(DISTANCE_M, abs=0.01)
    assert record.ascent_m == pytest.approx(9.0)
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)
    assert record.max_heart_rate == max(RATES)
    assert record.temperature_c is None
    assert record.points == POINTS


def test_tcx_indoor_points_without_position_are_kept(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "trainer.tcx", tcx_text(indoor=True)))
    assert record.points == POINTS
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)
    assert record.elapsed_s == SPAN_S
    assert record.distance_m == pytest.approx(DISTANCE_M, abs=0.01)


def test_tcx_summary_without_trackpoints_uses_the_laps(tmp_path: Path) -> None:
    manual = (
        '<?xml version="1.0"?><TrainingCenterDatabase'
        ' xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        '<Activity Sport="Other"><Id>2024-07-01T06:00:00Z</Id>'
        '<Lap StartTime="2024-07-01T08:00:00+02:00"><TotalTimeSeconds>1800</TotalTimeSeconds>'
        "<DistanceMeters>5000</DistanceMeters></Lap>"
        '<Lap StartTime="2024-07-01T06:30:00Z"><TotalTimeSeconds>600</TotalTimeSeconds>'
        "<DistanceMeters>1000</DistanceMeters></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>"
    )
    record = read_activity(write(tmp_path / "manual.tcx", manual))
    assert record.points == 0
    assert record.start == START
    assert record.duration_s == 2400
    assert record.distance_m == 6000
    assert record.sport is None  # "Other" says nothing


@pytest.mark.parametrize(
    ("made", "sport", "sub_sport"),
    [
        ({"sport": Sport.FITNESS_EQUIPMENT, "sub_sport": SubSport.INDOOR_ROWING}, "rowing", None),
        ({"session": False, "sport_message": True, "sport": Sport.WALKING}, "walking", None),
        ({"session": False, "lap_sport": Sport.SWIMMING}, "swimming", None),
        ({"sport": Sport.GENERIC, "lap_sport": Sport.CYCLING}, "cycling", None),
        ({"sport": Sport.SWIMMING, "sub_sport": SubSport.LAP_SWIMMING}, "swimming", "lap_swimming"),
    ],
)
def test_fit_sport_from_session_sport_message_or_laps(
    tmp_path: Path, made: dict[str, object], sport: str, sub_sport: str | None
) -> None:
    record = read_activity(write(tmp_path / "a.fit", fit_bytes(**made)))  # type: ignore[arg-type]
    assert record.sport == sport
    if sub_sport is not None:
        assert record.sub_sport == sub_sport


@pytest.mark.parametrize(
    ("before_track", "in_track", "sport"),
    [
        ("<metadata><type>Walking</type></metadata>", "", "walking"),
        (
            "<metadata><extensions><app:activity>Hike</app:activity></extensions></metadata>",
            "",
            "hiking",
        ),
        (
            "",
            "<extensions><gpxdata:sportType>swimming</gpxdata:sportType></extensions>",
            "swimming",
        ),
        (
            '<metadata><link href="https://www.strava.com/activities/1"/></metadata>',
            "<type>10</type>",
            "walking",
        ),
        ("", "<type>10</type>", None),  # a number of no app the file names
        ('<metadata><link href="x"><type>text/html</type></link></metadata>', "", None),
    ],
)
def test_gpx_sport_from_every_place_it_is_kept(
    tmp_path: Path, before_track: str, in_track: str, sport: str | None
) -> None:
    text = gpx_text(sport=None).replace("<trk><name>Test</name>", f"{before_track}<trk>{in_track}")
    namespaces = (
        ' xmlns:app="urn:example:app" xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0"'
    )
    text = text.replace(' creator="crampcoach tests"', namespaces)
    assert read_activity(write(tmp_path / "a.gpx", text)).sport == sport


def test_tcx_sport_of_every_activity(tmp_path: Path) -> None:
    swim = read_activity(write(tmp_path / "swim.tcx", tcx_text(sport="Swimming")))
    assert swim.sport == "swimming"  # outside the schema's three words, yet said
    legs = tcx_text(sport="Running").replace(
        "</Activities>",
        '<MultiSportSession><FirstSport><Activity Sport="Biking">'
        "<Id>2024-07-01T05:00:00Z</Id></Activity></FirstSport></MultiSportSession></Activities>",
    )
    assert read_activity(write(tmp_path / "brick.tcx", legs)).sport == "multisport"
    assert read_activity(write(tmp_path / "other.tcx", tcx_text(sport="Other"))).sport is None


def _contents() -> dict[str, bytes]:
    return {
        "fit": fit_bytes(),
        "gpx": gpx_text().encode(),
        "tcx": tcx_text().encode(),
    }


@pytest.mark.parametrize("fmt", ["fit", "gpx", "tcx"])
def test_gzipped_file_reads_like_plain_and_hashes_stored_bytes(tmp_path: Path, fmt: str) -> None:
    content = _contents()[fmt]
    plain = read_activity(write(tmp_path / f"a.{fmt}", content))
    zipped_path = write(tmp_path / f"a.{fmt}.gz", content, gz=True)
    zipped = read_activity(zipped_path)
    assert zipped.file_format == fmt
    assert zipped.source_sha256 == hashlib.sha256(zipped_path.read_bytes()).hexdigest()
    assert zipped.source_sha256 != plain.source_sha256
    assert _values(zipped) == _values(plain)


def _values(record: ActivityRecord) -> tuple[object, ...]:
    return (record.sport, record.start, record.duration_s, record.distance_m, record.points)


def test_format_comes_from_content_not_extension(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "misnamed.tcx", gpx_text()))
    assert record.file_format == "gpx"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("truncated.fit", fit_bytes()[:100], "truncated FIT"),  # cut before any record
        ("empty.fit", b"", "empty file"),
        ("blank.gpx", b"  \n", "empty file"),
        ("image.fit", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a FIT file (a PNG image)"),
        ("notes.fit", b"my run today was great\n" * 3, "not a FIT file (plain text)"),
        ("tiny.fit", b".FIT", "shorter than a FIT header"),
        ("broken.gpx", gpx_text()[:400].encode(), "unreadable GPX"),
        ("broken.tcx", tcx_text()[:-60].encode(), "unreadable TCX"),
        ("page.gpx", b"<html><body>404</body></html>", "neither GPX nor TCX"),
        ("truncated.fit.gz", gzip.compress(fit_bytes())[:-12], "truncated gzip"),
        ("garbage.fit.gz", b"\x1f\x8b" + bytes(40), "damaged gzip"),
        ("unknown.bin", bytes(range(200)), "not a FIT, GPX or TCX file"),
    ],
)
def test_broken_files_raise_with_path_and_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(ActivityFileError) as caught:
        read_activity(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message


def test_a_fit_file_cut_off_keeps_its_records_and_says_where_it_ends(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "cut.fit", fit_bytes()[:300]))  # 7 of 10 records
    assert (record.points, record.start, record.duration_s) == (7, START, 6 * 60.0)
    assert [str(m) for m in record.skipped] == [
        "truncated FIT file: read up to byte 300, where it ends; the rest is missing"
    ]
    assert read_activity(write(tmp_path / "whole.fit", fit_bytes())).skipped == ()


def test_a_fit_file_with_a_bad_message_keeps_what_came_before(tmp_path: Path) -> None:
    content = bytearray(fit_bytes())
    # where the 7th record ends: the shortest cut that still holds 7 records
    at = next(n for n in range(14, len(content)) if _points_in(bytes(content[:n])) == 7)
    content[at] = 0x0B  # the next message's header: a data message of local type 11, undefined
    record = read_activity(write(tmp_path / "bad.fit", bytes(content)))
    assert record.points >= 7 and record.start == START
    [said] = record.skipped
    assert str(said).startswith(f"damaged FIT file at byte {at} (local message 11 not defined)")
    assert str(said).endswith("what came before was read, the rest of the file skipped")


def _points_in(content: bytes) -> int:
    try:
        return parse_fit(content).points
    except ActivityFileError:
        return 0


@pytest.mark.parametrize("fmt", ["gpx", "tcx"])
def test_xml_with_text_before_its_declaration_is_read_with_a_warning(
    tmp_path: Path, fmt: str
) -> None:
    text = gpx_text() if fmt == "gpx" else tcx_text()
    record = read_activity(write(tmp_path / f"spaced.{fmt}", "  \r\n" + text))
    assert record.points == POINTS
    assert [str(m) for m in record.skipped] == ["text before the XML declaration was skipped"]
    assert read_activity(write(tmp_path / f"plain.{fmt}", text)).skipped == ()


@pytest.mark.parametrize("fmt", ["gpx", "tcx"])
def test_xml_with_undeclared_prefixes_is_read_by_local_names(tmp_path: Path, fmt: str) -> None:
    text = gpx_text() if fmt == "gpx" else tcx_text()
    declared = re.findall(r' xmlns:(\w+)="[^"]*"', text)
    assert declared, "the made-up file declares a prefix for its extensions"
    stripped = re.sub(r' xmlns:\w+="[^"]*"', "", text)
    record = read_activity(write(tmp_path / f"undeclared.{fmt}", stripped))
    assert record.points == POINTS
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)  # read from the undeclared prefix
    [said] = record.skipped
    assert str(said).startswith("namespace prefixes used but never declared (")


# Mutations of fit_bytes() the fuzzer found (tests/fuzzing.py): fitdecode's own slips on a
# garbled message (an assertion, a field size, a comparison) and a field read as a tuple.
FIT_SLIPS = [
    [("repeat", 0.0537, 77, 61), ("repeat", 0.6811, 114, 48), ("flip", 0.0838, 251, 53)],
    [("flip", 0.7536, 144, 58), ("byte", 0.7965, 165, 31)],
    [("byte", 0.6364, 122, 40), ("flip", 0.9018, 242, 40), ("flip", 0.1150, 33, 51)],
    [("byte", 0.13733013914966585, 254, 44), ("drop", 0.28552119459238445, 32, 35)],  # tuples
]


@pytest.mark.parametrize("mutations", FIT_SLIPS)
def test_a_garbled_fit_message_ends_the_read_with_a_clear_warning(
    tmp_path: Path, mutations: list[tuple[str, float, int, int]]
) -> None:
    path = write(tmp_path / "garbled.fit", mutate(fit_bytes(), mutations))
    try:
        record = read_activity(path)
    except ActivityFileError as exc:  # refused: by a reason of its own, not the catch-all
        assert "unreadable FIT" not in str(exc)
        return
    for said in record.skipped:
        assert str(said).startswith("damaged FIT file at byte ")
        assert str(said).endswith("what came before was read, the rest of the file skipped")


@pytest.mark.parametrize(
    ("fmt", "damage", "reason"),
    [
        (
            "gpx",
            ("<ele>101.0</ele>", "<ele>101,0</ele>"),
            "GPX file holds a value that cannot be read",
        ),
        ("tcx", ('encoding="UTF-8"', 'encoding="UTF-3"'), "TCX file declares an encoding that"),
        ("tcx", ("<Time>2024-07-01T06:02:00Z", "<Time>2024-07-01U06:02"), "TCX file holds a value"),
        ("tcx", ("<Time>2024-07-01T06:02:00Z</Time>", "<Time></Time>"), "TCX file holds a value"),
    ],
)
def test_a_damaged_xml_value_is_named(
    tmp_path: Path, fmt: str, damage: tuple[str, str], reason: str
) -> None:
    text = gpx_text() if fmt == "gpx" else tcx_text()
    assert damage[0] in text
    path = write(tmp_path / f"damaged.{fmt}", text.replace(damage[0], damage[1], 1))
    with pytest.raises(ActivityFileError, match=reason):
        read_activity(path)


def test_a_gpx_point_off_the_globe_is_skipped_with_a_warning(tmp_path: Path) -> None:
    """The fuzzer's find: a latitude of 999 made the track's length a math domain error."""
    text = gpx_text(points=11)
    last = '<trkpt lat="45.010000" lon="7.000000">'
    assert last in text
    record = read_activity(
        write(tmp_path / "off.gpx", text.replace(last, last.replace("45.010000", "999")))
    )
    assert record.points == POINTS
    assert record.distance_m == pytest.approx(DISTANCE_M, rel=0.01)
    assert [str(m) for m in record.skipped] == ["1 point with a position off the globe skipped"]
    nowhere = re.sub(r'lat="[^"]*"', 'lat="NaN"', text)
    with pytest.raises(ActivityFileError, match="every track point has a position off the globe"):
        read_activity(write(tmp_path / "nowhere.gpx", nowhere))


def test_a_tcx_lap_time_that_is_not_a_number_says_nothing(tmp_path: Path) -> None:
    text = tcx_text(pause_s=30)
    assert "<TotalTimeSeconds>510<" in text
    text = text.replace("<TotalTimeSeconds>510<", "<TotalTimeSeconds>5:x40<")
    record = read_activity(write(tmp_path / "lap.tcx", text))
    assert record.duration_s == record.elapsed_s == SPAN_S  # from the trackpoints instead


def test_gzip_inflating_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "MAX_ACTIVITY_BYTES", 2**20)
    monkeypatch.setattr(reader_module, "GZIP_CHUNK_BYTES", 1000)
    path = write(tmp_path / "bomb.gpx.gz", gpx_text(points=5000), gz=True)
    with pytest.raises(ActivityFileError, match="unpacks to more than 1 MB"):
        read_activity(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ActivityFileError, match=r"missing\.fit: cannot read"):
        read_activity(tmp_path / "missing.fit")


def test_find_activity_files_expands_folders(tmp_path: Path) -> None:
    export = tmp_path / "export"
    (export / "2024" / "07").mkdir(parents=True)
    (export / ".cache").mkdir()
    wanted = [
        export / "2024" / "07" / "b.FIT",
        export / "2024" / "07" / "c.Gpx.GZ",
        export / "2024" / "a.tcx",
        export / "z.fit.gz",
    ]
    ignored = [
        export / "photo.png",
        export / "summary.csv",
        export / "._z.fit",  # macOS resource fork
        export / ".cache" / "d.fit",
        export / "archive.gz",
    ]
    for path in wanted + ignored:
        path.write_bytes(b"x")
    single = write(tmp_path / "notes.txt", "named explicitly, so kept")
    found = find_activity_files([export, single, export / "z.fit.gz", tmp_path / "gone.fit"])
    assert found == [*sorted(wanted, key=lambda p: p.as_posix()), single, tmp_path / "gone.fit"]


def _mixed_files(folder: Path, count: int) -> list[Path]:
    makers = [
        lambda i: write(folder / f"{i:03}.fit", fit_bytes(hr0=120 + i)),
        lambda i: write(folder / f"{i:03}.gpx.gz", gpx_text(hr0=120 + i), gz=True),
        lambda i: write(folder / f"{i:03}.tcx", tcx_text(hr0=120 + i)),
        lambda i: write(folder / f"{i:03}.fit", b"broken"),
    ]
    return [makers[i % len(makers)](i) for i in range(count)]


def _outcomes(results: list[tuple[Path, ActivityRecord | ActivityFileError]]) -> list[object]:
    return [(p, r if isinstance(r, ActivityRecord) else str(r)) for p, r in results]


def test_read_many_serially_keeps_order_and_errors(tmp_path: Path) -> None:
    files = _mixed_files(tmp_path, 8)
    results = list(read_many(files, workers=1))
    assert [p for p, _ in results] == files
    for i, (path, outcome) in enumerate(results):
        if i % 4 == 3:
            assert isinstance(outcome, ActivityFileError)
            assert str(path) in str(outcome)
        else:
            assert isinstance(outcome, ActivityRecord)
            assert outcome.max_heart_rate == max(heart_rates(POINTS, 120 + i))


def test_read_many_in_a_process_pool_matches_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _mixed_files(tmp_path, 8)
    serial = list(read_many(files, workers=1))
    monkeypatch.setattr(reader_module, "MIN_FILES_FOR_POOL", 2)
    pooled = list(read_many(files, workers=2))
    assert _outcomes(pooled) == _outcomes(serial)


def test_read_many_skips_the_pool_for_few_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for two files")

    monkeypatch.setattr(reader_module, "ProcessPoolExecutor", no_pool)
    files = _mixed_files(tmp_path, 2)
    assert len(list(read_many(files, workers=2))) == 2


def test_public_names() -> None:
    assert set(importers.__all__) >= {
        "ActivityRecord",
        "ActivityFileError",
        "find_activity_files",
        "read_activity",
        "read_many",
    }


def test_start_is_utc_for_all_formats(tmp_path: Path) -> None:
    later = datetime(2025, 1, 2, 23, 30, tzinfo=UTC)
    paths = [
        write(tmp_path / "a.fit", fit_bytes(start=later)),
        write(tmp_path / "a.gpx", gpx_text(start=later, offset_h=9)),
        write(tmp_path / "a.tcx", tcx_text(start=later)),
    ]
    for path in paths:
        start = read_activity(path).start
        assert start == later
        assert start is not None and start.utcoffset() == later.utcoffset()


def test_tcx_reader_hook_keeps_the_parsed_root() -> None:
    # Guards the single XML parse: if tcxreader renames its private parse step, this fails.
    reader = tcx_module._RootKeepingReader()
    reader.read(io.BytesIO(tcx_text().encode()), only_gps=False)
    assert reader.root is not None


def test_gpx_in_latin1_is_read(tmp_path: Path) -> None:
    text = gpx_text().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("<name>Test</name>", "<name>Côte d'Azur</name>")
    record = read_activity(write(tmp_path / "old.gpx", text.encode("latin-1")))
    assert record.points == POINTS


@pytest.mark.parametrize("fmt", ["gpx", "tcx"])
def test_utf16_xml_is_read(tmp_path: Path, fmt: str) -> None:
    text = (gpx_text() if fmt == "gpx" else tcx_text()).replace("UTF-8", "UTF-16")
    record = read_activity(write(tmp_path / f"wide.{fmt}", text.encode("utf-16")))
    assert record.file_format == fmt
    assert record.avg_heart_rate == pytest.approx(MEAN_HR)


def test_real_garmin_connect_gpx(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "garmin.gpx", GARMIN_CONNECT_GPX))
    assert record.sport == "cycling"  # <type>road_biking</type>
    assert record.start == datetime(2017, 11, 19, 11, 23, 7, tzinfo=UTC)
    assert record.avg_heart_rate == 113
    assert record.temperature_c == 15.0  # atemp, not the water temperature
    assert record.points == 1


def test_real_mapmyride_tcx_keeps_points_before_gps_fix(tmp_path: Path) -> None:
    record = read_activity(write(tmp_path / "mapmyride.tcx", MAPMYRIDE_TCX))
    assert record.sport == "cycling"
    assert record.points == 8
    assert record.start == datetime(2022, 11, 12, 15, 58, 25, 849800, tzinfo=UTC)
    assert record.duration_s == 3111.0
    assert record.distance_m == pytest.approx(15350.42, abs=0.01)
    assert record.avg_heart_rate is None
    assert record.ascent_m == pytest.approx(663.67 - 663.29, abs=0.001)
