"""The fuzz targets of issue 16: hypothesis feeds each a stream of hostile inputs, and every
input must end in a result or a crampcoach error, never anything else (a traceback).

Targets:
- `intake`: JSON objects shaped like an Intake (its sections and field names, values of any
  type: "45 min", "86F", NaN, huge numbers, lists, nesting) through the JSON-lines contract;
- `story`: texts (story words, numbers with units, any Unicode) through the contract's
  `assess` of words: the story parser, then the assessment;
- `question`: the same kind of texts, English and Chinese, through `ask`;
- `fit`, `gpx`, `tcx`: mutated watch files (bytes flipped, replaced, cut, repeated, dropped;
  for XML also its text) made from small files the tests write and from the real files of
  ../shared/real-files (read in place: large ones cut to their head), through `read_activity`
  and on to the session the Coach would vet.

`run(target, inputs, seed)` runs one target and returns its `Figures`; `make fuzz`
(tools/fuzz.py) runs each with 10,000 inputs, and tests/test_fuzzing.py runs each with a few
hundred, seeded, so the harness cannot rot. A file target also counts the inputs that only
the importer's catch-all turned into an error ("unreadable GPX (KeyError: ...)"): not a
traceback, but a message less clear than it should be.
"""

from __future__ import annotations

import json
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "diary"))
from activity_files import fit_bytes, gpx_text, tcx_text

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-files"
WHOLE_BYTES = 40_000  # a real file up to this size is mutated whole; a larger one, its head
HEAD_BYTES = 16_000
HANG_S = 20  # an input that takes longer is a failure (a hang)

# Words of cramp stories and questions, written for the fuzzer (not taken from any test set).
WORDS = (
    "calf",
    "hamstring",
    "foot",
    "toes",
    "quad",
    "thigh",
    "cramp",
    "cramped",
    "cramps",
    "seized",
    "locked",
    "knot",
    "spasm",
    "twitch",
    "pain",
    "swollen",
    "red",
    "hot",
    "warm",
    "dark",
    "urine",
    "confused",
    "dizzy",
    "chest",
    "breath",
    "night",
    "woke",
    "bed",
    "run",
    "running",
    "marathon",
    "ride",
    "swim",
    "tennis",
    "mile",
    "km",
    "hours",
    "minutes",
    "no",
    "not",
    "never",
    "didn't",
    "without",
    "but",
    "and",
    "or",
    "after",
    "before",
    "during",
    "my",
    "her",
    "his",
    "mum",
    "both",
    "left",
    "right",
    "legs",
    "water",
    "salt",
    "drank",
    "sweat",
    "heat",
    "cold",
    "pregnant",
    "statin",
    "diuretic",
    "magnesium",
    "calcium",
    "quinine",
    "pickle",
    "juice",
    "stretch",
    "?",
    "!",
    ",",
    ".",
    "...",
    "'",
    '"',
    "(",
    ")",
    "抽筋",
    "小腿",
    "晚上",
    "跑步",
    "补钙",
    "喝水",
    "疼",
    "肿",
    "不",
    "没有",
    "吗",
    "？",
)
UNITS = ("km", "mi", "miles", "min", "h", "hours", "s", "C", "F", "°C", "°F", "kg", "lb", "L")


@dataclass
class Figures:
    """What one target's run found."""

    target: str
    inputs: int = 0
    seconds: float = 0.0
    failures: Counter[str] = field(default_factory=Counter)  # a traceback's signature -> count
    unclear: Counter[str] = field(default_factory=Counter)  # a file target's catch-all's reason
    examples: dict[str, bytes] = field(default_factory=dict)  # signature -> first input

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


class Hang(Exception):
    """An input that took longer than HANG_S."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _signature(exc: BaseException) -> str:
    """Where a failure comes from: its type, its words' start and crampcoach's last frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "crampcoach" in f.filename] or frames[-1:]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:80]}"


# --- texts ------------------------------------------------------------------------------------

_NUMBER = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, places=2).map(str),
)
_TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(_NUMBER, st.sampled_from(("", " ")), st.sampled_from(UNITS)).map("".join),
    st.text(max_size=12),
)
TEXTS = st.one_of(
    st.lists(_TOKEN, max_size=60).map(" ".join),
    st.text(max_size=400),
    st.lists(_TOKEN, max_size=20).map("".join),
)

# --- intakes ----------------------------------------------------------------------------------

_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    _TOKEN,
    st.sampled_from(("yes", "no", "unsure", "both", "left", "calf", "race", "water", "")),
)
_VALUE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _intakes() -> st.SearchStrategy[Any]:
    from crampcoach.knowledge.intake import Intake

    schema = Intake.model_json_schema()
    sections = {}
    for name, spec in schema["properties"].items():
        ref = spec.get("$ref") or next(
            (s["$ref"] for s in spec.get("anyOf", []) if "$ref" in s), None
        )
        fields = list(schema["$defs"][ref.rpartition("/")[2]]["properties"]) if ref else []
        keys = st.sampled_from(fields) if fields else st.text(max_size=10)
        sections[name] = st.one_of(
            st.dictionaries(st.one_of(keys, st.text(max_size=6)), _VALUE, max_size=12), _VALUE
        )
    return st.fixed_dictionaries({}, optional=sections)


# --- watch files ------------------------------------------------------------------------------


def seeds(file_format: str) -> list[tuple[str, bytes]]:
    """(name, bytes) to mutate: small files made here and the real files of that format
    (a large one cut to its head, itself a truncated file to recover from)."""
    made = {
        "fit": [fit_bytes(), fit_bytes(session=False, points=30)],
        "gpx": [gpx_text().encode(), gpx_text(extensions="other", pause_before=4).encode()],
        "tcx": [tcx_text().encode(), tcx_text(indoor=True, sport="Other").encode()],
    }[file_format]
    found = [(f"made-{i}.{file_format}", data) for i, data in enumerate(made)]
    if REAL.is_dir():
        for path in sorted(REAL.iterdir()):
            if path.suffix.lower() == f".{file_format}":
                with path.open("rb") as handle:  # read in place, never copied
                    data = handle.read(WHOLE_BYTES + 1)
                found.append((path.name, data if len(data) <= WHOLE_BYTES else data[:HEAD_BYTES]))
    return found


_MUTATION = st.tuples(
    st.sampled_from(("flip", "byte", "cut", "drop", "repeat", "insert", "digit", "text")),
    st.floats(0, 1),
    st.integers(0, 255),
    st.integers(1, 64),
)
_JUNK = (b"<", b">", b"</", b"\x00", b"&", b"&#0;", b"]]>", b"-", b"9999", b"\xff\xfe", b":x")


def mutate(data: bytes, mutations: list[tuple[str, float, int, int]]) -> bytes:
    """`data` with each mutation applied in turn: (kind, where as a share, a byte, a length)."""
    out = bytearray(data)
    for kind, share, value, length in mutations:
        if not out:
            out = bytearray(bytes([value]) * length)
            continue
        at = min(int(share * len(out)), len(out) - 1)
        if kind == "flip":
            out[at] ^= 1 << (value % 8)
        elif kind == "byte":
            out[at] = value
        elif kind == "cut":
            del out[at:]
        elif kind == "drop":
            del out[at : at + length]
        elif kind == "repeat":
            out[at:at] = out[at : at + length]
        elif kind == "insert":
            out[at:at] = _JUNK[value % len(_JUNK)] * (1 + length // 32)
        elif kind == "digit":  # a number in XML text made another: a date, a time, a value
            digit = out.find(b"0123456789"[value % 10 : value % 10 + 1], at)
            if digit >= 0:
                out[digit] = ord("0123456789"[length % 10])
        else:  # XML text: an element of another place, with a number for its value
            tag = b"Time time Value hr type Sport".split()[value % 6]
            out[at:at] = b"<%s>%d</%s>" % (tag, value * length, tag)
    return bytes(out)


# --- the targets ------------------------------------------------------------------------------


@dataclass
class Target:
    """A name, the strategy of its inputs and what one input goes through (raising only
    crampcoach errors, or a failure); `prepare` builds once what the inputs share."""

    name: str
    strategy: Callable[[], st.SearchStrategy[Any]]
    check: Callable[[Any, Any, Figures], None]
    prepare: Callable[[], Any]


def _coach() -> Any:
    from crampcoach.coach import Coach
    from crampcoach.package_knowledge import PackageKnowledge
    from crampcoach.settings import Settings

    return Coach(Settings(db_url="sqlite://", lang="en"), PackageKnowledge())


def _contract_line(coach: Any, request: dict[str, Any], _figures: Figures) -> None:
    from crampcoach.contract import answer_line, assess_request, encode

    answered = answer_line(json.dumps(request), lambda r: assess_request(coach, r))
    encode(answered)  # the line must be JSON too


def _check_intake(coach: Any, intake: Any, figures: Figures) -> None:
    _contract_line(coach, {"id": 1, "intake": intake}, figures)


def _check_story(coach: Any, text: str, figures: Figures) -> None:
    from crampcoach.core.story.parser import parse_story

    parse_story(text, coach.knowledge.lexicon, today=date(2026, 1, 1))
    _contract_line(coach, {"id": 1, "text": text}, figures)


def _check_question(coach: Any, text: str, _figures: Figures) -> None:
    from crampcoach.contract import answer_record, check_question
    from crampcoach.errors import InputError

    try:
        answer = coach.ask(check_question(text))
    except InputError:  # said to the person: an empty question, one too long
        return
    json.dumps(answer_record(coach, answer))


@dataclass
class _Files:
    """What a file target's inputs share: its seeds, a folder, the Coach's vet."""

    seeds: list[tuple[str, bytes]]
    folder: Path
    vet: Any


def _file_check(file_format: str) -> Callable[[_Files, Any, Figures], None]:
    def check(files: _Files, drawn: Any, figures: Figures) -> None:
        from crampcoach.diary.importers import ActivityFileError, read_activity
        from crampcoach.diary.imports import session_from_activity
        from crampcoach.errors import InputError
        from crampcoach.message import Message

        index, mutations = drawn
        _name, data = files.seeds[index % len(files.seeds)]
        path = files.folder / f"input.{file_format}"
        path.write_bytes(mutate(data, mutations))
        try:
            record = read_activity(path)
        except ActivityFileError as exc:
            problem = exc.message.values.get("problem")
            cause = exc.__cause__
            caught_all = isinstance(problem, Message) and problem.id == UNREADABLE
            if caught_all and cause is not None and not _xml_refusal(cause):
                figures.unclear[_signature(cause)] += 1
            return
        with suppress(InputError):  # refused by records.yaml: said to the person
            files.vet(session_from_activity(record))

    return check


UNREADABLE = "unreadable {format} ({reason})"  # the message of read_activity's catch-all


def _xml_refusal(exc: BaseException) -> bool:
    """Whether a parser's error says the file is not well-formed XML (a clear refusal)."""
    return type(exc).__name__ in ("ParseError", "GPXXMLSyntaxException", "ExpatError")


def _file_target(file_format: str) -> Target:
    def prepare() -> _Files:
        from crampcoach.diary_checks import import_vet
        from crampcoach.knowledge.record_rules import load_record_rules

        folder = Path(tempfile.mkdtemp(prefix=f"crampcoach-fuzz-{file_format}-"))
        return _Files(
            seeds(file_format), folder, import_vet(load_record_rules(), date.today(), UTC)
        )

    def strategy() -> st.SearchStrategy[Any]:
        return st.tuples(st.integers(0, 10**6), st.lists(_MUTATION, min_size=1, max_size=8))

    return Target(file_format, strategy, _file_check(file_format), prepare)


TARGETS = {
    "intake": Target("intake", _intakes, _check_intake, _coach),
    "story": Target("story", lambda: TEXTS, _check_story, _coach),
    "question": Target("question", lambda: TEXTS, _check_question, _coach),
    "fit": _file_target("fit"),
    "gpx": _file_target("gpx"),
    "tcx": _file_target("tcx"),
}


def run(name: str, inputs: int, seed_value: int = 0) -> Figures:
    """Feed target `name` `inputs` inputs drawn by hypothesis from `seed_value`."""
    target = TARGETS[name]
    shared = target.prepare()
    figures = Figures(name)

    @seed(seed_value)
    @settings(
        max_examples=inputs,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(target.strategy())
    def feed(drawn: Any) -> None:
        figures.inputs += 1
        try:
            with _time_limit(HANG_S):
                target.check(shared, drawn, figures)
        except Exception as exc:  # a traceback: what the fuzzing is for
            signature = _signature(exc)
            figures.failures[signature] += 1
            figures.examples.setdefault(signature, repr(drawn).encode()[:4000])

    started = time.perf_counter()
    feed()
    figures.seconds = time.perf_counter() - started
    return figures
