"""Write real activity files for tests and benchmarks: FIT with fit-tool, GPX and TCX as text.

Every track is regular: point i is at `start + i * interval_s`, has heart rate `hr0 + i % 20`,
altitude `100 + i % 10` and lies `STEP_M` metres further on, so a test can compute what a
reader must find.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.sport_message import SportMessage
from fit_tool.profile.messages.weather_conditions_message import WeatherConditionsMessage
from fit_tool.profile.profile_type import (
    FileType,
    Manufacturer,
    Sport,
    SubSport,
    WeatherReport,
)

START = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
STEP_M = 111.19  # 0.001 degree of latitude
GARMIN_TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def heart_rates(points: int, hr0: int = 140) -> list[int]:
    return [hr0 + i % 20 for i in range(points)]


def altitudes(points: int) -> list[float]:
    return [100.0 + i % 10 for i in range(points)]


def fit_bytes(
    *,
    start: datetime = START,
    points: int = 10,
    interval_s: int = 60,
    hr0: int = 140,
    temperature: int | None = 25,
    sport: Sport = Sport.RUNNING,
    sub_sport: SubSport | None = None,
    session: bool = True,
    session_temperature: bool = True,
    pause_s: float = 0.0,
    file_type: FileType = FileType.ACTIVITY,
    sport_message: bool = False,
    lap_sport: Sport | None = None,
    weather: tuple[tuple[WeatherReport, int], ...] = (),
) -> bytes:
    """A FIT activity; its session says elapsed = span + pause_s, timer = span, ascent = 42.

    `sport` and `sub_sport` are the session's, and the `sport` message's too with
    `sport_message`; `lap_sport` is its lap's. `weather`: a weather report (its kind, the
    relative humidity) per pair, in the middle of the records, as a watch writes them when
    its phone gives it the weather."""
    ms = int(start.timestamp() * 1000)
    span_s = (points - 1) * interval_s
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = file_type
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 1234
    file_id.time_created = ms
    builder.add(file_id)
    if sport_message:
        named = SportMessage()
        named.sport = sport
        if sub_sport is not None:
            named.sub_sport = sub_sport
        builder.add(named)
    rates = heart_rates(points, hr0)
    heights = altitudes(points)
    for i in range(points):
        record = RecordMessage()
        record.timestamp = ms + i * interval_s * 1000
        record.heart_rate = rates[i]
        record.distance = i * STEP_M
        record.enhanced_altitude = heights[i]
        record.position_lat = 45 + i * 0.001
        record.position_long = 7.0
        record.enhanced_speed = STEP_M / interval_s
        record.cadence = 85
        if temperature is not None:
            record.temperature = temperature
        builder.add(record)
        if i == points // 2:
            for report, humidity in weather:
                conditions = WeatherConditionsMessage()
                conditions.timestamp = record.timestamp
                conditions.weather_report = report
                conditions.relative_humidity = humidity
                conditions.temperature = 24
                builder.add(conditions)
    end_ms = ms + span_s * 1000
    lap = LapMessage()
    lap.timestamp = end_ms
    lap.start_time = ms
    lap.total_elapsed_time = span_s + pause_s
    lap.total_timer_time = span_s
    lap.total_distance = (points - 1) * STEP_M
    if lap_sport is not None:
        lap.sport = lap_sport
    builder.add(lap)
    if session:
        message = SessionMessage()
        message.timestamp = end_ms
        message.start_time = ms
        message.sport = sport
        if sub_sport is not None:
            message.sub_sport = sub_sport
        message.total_elapsed_time = span_s + pause_s
        message.total_timer_time = span_s
        message.total_distance = (points - 1) * STEP_M
        message.total_ascent = 42
        message.avg_heart_rate = round(sum(rates) / points)
        message.max_heart_rate = max(rates)
        if temperature is not None and session_temperature:
            message.avg_temperature = temperature
        builder.add(message)
    return bytes(builder.build().to_bytes())


def _iso(moment: datetime, offset_h: int) -> str:
    if offset_h == 0:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(timezone(timedelta(hours=offset_h))).isoformat()


def gpx_text(
    *,
    start: datetime = START,
    points: int = 10,
    interval_s: int = 60,
    hr0: int = 140,
    atemp: float | None = 28.0,
    wtemp: float | None = None,
    extensions: str = "garmin",
    offset_h: int = 0,
    sport: str | None = "running",
    pause_before: int | None = None,
    pause_s: int = 0,
) -> str:
    """A GPX 1.1 track; `extensions` is "garmin" (gpxtpx:hr/atemp, and wtemp when given),
    "other" or "none".

    With `pause_before`, that point starts a new segment, `pause_s` after the one before it.
    """
    rates = heart_rates(points, hr0)
    heights = altitudes(points)
    lines = []
    for i in range(points):
        paused = pause_s if pause_before is not None and i >= pause_before else 0
        if i == pause_before:
            lines.append("</trkseg><trkseg>")
        when = _iso(start + timedelta(seconds=i * interval_s + paused), offset_h)
        if extensions == "garmin":
            temp = f"<gpxtpx:atemp>{atemp}</gpxtpx:atemp>" if atemp is not None else ""
            temp += f"<gpxtpx:wtemp>{wtemp}</gpxtpx:wtemp>" if wtemp is not None else ""
            ext = (
                f"<extensions><gpxtpx:TrackPointExtension>{temp}"
                f"<gpxtpx:hr>{rates[i]}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>"
            )
        elif extensions == "other":
            temp = f"<temp>{atemp}</temp>" if atemp is not None else ""
            ext = (
                f"<extensions><heartrate>{rates[i]}</heartrate>{temp}"
                "<power>200</power></extensions>"
            )
        else:
            ext = ""
        lines.append(
            f'<trkpt lat="{45 + i * 0.001:.6f}" lon="7.000000"><ele>{heights[i]}</ele>'
            f"<time>{when}</time>{ext}</trkpt>"
        )
    kind = f"<type>{sport}</type>" if sport else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="crampcoach tests" xmlns="http://www.topografix.com/GPX/1/1"'
        f' xmlns:gpxtpx="{GARMIN_TPX}">\n'
        f"<trk><name>Test</name>{kind}<trkseg>\n" + "\n".join(lines) + "\n</trkseg></trk></gpx>\n"
    )


def tcx_text(
    *,
    start: datetime = START,
    points: int = 10,
    interval_s: int = 60,
    hr0: int = 140,
    indoor: bool = False,
    sport: str = "Running",
    pause_s: float = 0.0,
) -> str:
    """A TCX activity of one lap whose TotalTimeSeconds is the span minus `pause_s`."""
    rates = heart_rates(points, hr0)
    heights = altitudes(points)
    span_s = (points - 1) * interval_s
    tps = []
    for i in range(points):
        when = _iso(start + timedelta(seconds=i * interval_s), 0)
        where = (
            ""
            if indoor
            else f"<Position><LatitudeDegrees>{45 + i * 0.001:.6f}</LatitudeDegrees>"
            "<LongitudeDegrees>7.0</LongitudeDegrees></Position>"
        )
        tps.append(
            f"<Trackpoint><Time>{when}</Time>{where}<AltitudeMeters>{heights[i]}</AltitudeMeters>"
            f"<DistanceMeters>{i * STEP_M:.2f}</DistanceMeters>"
            f"<HeartRateBpm><Value>{rates[i]}</Value></HeartRateBpm>"
            "<Extensions><ns3:TPX><ns3:Speed>2.5</ns3:Speed></ns3:TPX></Extensions></Trackpoint>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
        ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n'
        f'<Activities><Activity Sport="{sport}"><Id>{_iso(start, 0)}</Id>'
        f'<Lap StartTime="{_iso(start, 0)}"><TotalTimeSeconds>{span_s - pause_s}</TotalTimeSeconds>'
        f"<DistanceMeters>{(points - 1) * STEP_M:.2f}</DistanceMeters><Calories>100</Calories>"
        "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>\n"
        + "\n".join(tps)
        + "\n</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n"
    )


def write(path: Path, content: bytes | str, *, gz: bool = False) -> Path:
    """Write content (gzipped when asked) and return the path."""
    data = content.encode() if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


# Real-world samples. Garmin Connect GPX export with the TrackPointExtension bound to the
# prefix "ns3" (not "gpxtpx"): gpxpy's test_files/garmin_gpxtpx.gpx (Apache-2.0).
GARMIN_CONNECT_GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>2017-11-19T11:23:07.000Z</time>
  </metadata>
  <trk>
    <name>roadbiking test track</name>
    <type>road_biking</type>
    <trkseg>
      <trkpt lat="43.12346" lon="8.74548">
        <ele>218.399993896484375</ele>
        <time>2017-11-19T11:23:07.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:atemp>15.0</ns3:atemp>
            <ns3:wtemp>15.0</ns3:wtemp>
            <ns3:cad>15.0</ns3:cad>
            <ns3:depth>113</ns3:depth>
            <ns3:hr>113</ns3:hr>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
    </trkseg>
  </trk>
</gpx>
"""

# MapMyRide TCX export, its first 8 trackpoints (the first 6 have a time but no position yet;
# the lap totals are the whole ride's): tcxreader's tests/data/mapmyride_biking.tcx (MIT).
_MMR_POINTS = [
    ("15:58:25.849800", None),
    ("15:58:26.473400", None),
    ("15:58:28.149300", None),
    ("15:58:28.473400", None),
    ("15:58:29.473500", None),
    ("15:58:30.473500", None),
    ("15:58:31.473500", ("35.23101844067633", "-82.41327034550099", "663.29", "2.4003")),
    (
        "15:58:32.473600",
        ("35.231046397628354", "-82.41327248728803", "663.6699999999998", "5.0305"),
    ),
]
MAPMYRIDE_TCX = (
    '<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase'
    ' xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Activities>'
    '<Activity Sport="Biking"><Id>2022-11-12T15:58:25+00:00</Id>'
    '<Lap StartTime="2022-11-12T15:58:25+00:00"><TotalTimeSeconds>3111.0</TotalTimeSeconds>'
    "<DistanceMeters>15350.42196864</DistanceMeters><MaximumSpeed>138.47064</MaximumSpeed>"
    "<Calories>457.99999973619197</Calories><Track>"
    + "".join(
        f"<Trackpoint><Time>2022-11-12T{when}+00:00</Time>"
        + (
            f"<Position><LatitudeDegrees>{where[0]}</LatitudeDegrees>"
            f"<LongitudeDegrees>{where[1]}</LongitudeDegrees></Position>"
            f"<AltitudeMeters>{where[2]}</AltitudeMeters><DistanceMeters>{where[3]}</DistanceMeters>"
            if where
            else ""
        )
        + "</Trackpoint>"
        for when, where in _MMR_POINTS
    )
    + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
)
