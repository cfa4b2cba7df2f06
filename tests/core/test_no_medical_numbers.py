"""No number with a medical meaning in core/: thresholds live in knowledge/data, with sources.

Every numeric literal under src/crampcoach/core/ must be plain (a unit, a ratio, a numerical
tolerance), or listed below for its module with the reason it is not medical. A new
threshold (say `HOT_C = 25.0`) fails: move it to a knowledge file with its source ids, or
`general_advice`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "src" / "crampcoach" / "core"

# Whole folders not scanned yet.
SKIPPED: dict[str, str] = {}

# Units and plain ratios: s/min/h/day, per cent, per mille, a half, zero, one, two.
PLAIN = frozenset({0, 1, 2, 0.5, 60, 100, 1000, 3600, 86400})
TOLERANCE = 1e-8  # smaller numbers are floating-point tolerances, never thresholds

_ROUND = "digits or steps of rounding"
_SHOWN = "how many items are shown or asked (a length, not a threshold)"
_WORDS = "word lengths of the spelling and stemming rules"
_RETRIEVAL = "retrieval scoring weights (BM25, fuzzy cut-offs), not medicine"
_REACH = "how far in the text (characters or words) a reading looks: a window, not medicine"
_WORD_VALUE = "what a word or a unit says in numbers ('a dozen', 'mid-forties', an ounce, a mile)"
_KIND = "what kind of number it can be (a mass, a volume, a distance): past it, another kind"
_FREQUENCY = "cramps a week said in words ('most nights' is 5, 'every other night' 3.5)"
_LANGUAGE = "shares and counts of words that tell a language or a headline"

# Module -> value -> why it is not a medical number.
NOT_MEDICAL: dict[str, dict[float, str]] = {
    "answers.py": dict.fromkeys(
        (0.1, 0.3, 0.45, 0.55, 0.75, 0.8, 0.9, 1.2, 1.5, 1.6, 3.0, 6.0), _RETRIEVAL
    )
    | {3: _SHOWN},
    "segmented_questions.py": {0.3: _LANGUAGE},
    "question_spelling.py": dict.fromkeys((3, 5, 7), _WORDS) | {80.0: _RETRIEVAL, 88.0: _RETRIEVAL},
    "question_scope.py": {
        3: _REACH,
        40: _REACH,
        4: "a question in title case: three words in four capitalised",
    },
    "question_words.py": dict.fromkeys((3, 4, 5), _WORDS)
    | {18: "a question's 'a 10 year old' is a child: under 18 in law and in words, not medicine"},
    "assess.py": {
        0.05: "a factor scoring under 5% is not listed (display cut-off of the score)",
        3: _SHOWN,
        6: _SHOWN,
        8: _SHOWN,
    },
    "binomial.py": {
        0.95: "the confidence level of the intervals",
        700.0: "the largest exponent a float can take without overflow",
        10.0: "bracket of the root search on the log scale",
        80: "bisection steps",
    },
    "forecast_person.py": {
        50: "the most Newton steps of the fit",
        1e-06: "floors: of a duration before the logarithm, and of a halved Newton step",
    },
    "forecast_inputs.py": {3: "the steps of easy, usual, hard and race (0-3)"},
    "forecast.py": {
        20: _SHOWN,
        1e-06: "a duration floor so that a zero never reaches the logarithm",
    },
    "follow_up.py": {3: _SHOWN, 4: _SHOWN, 7: _SHOWN, 10: _SHOWN},
    "changers.py": {
        3: "the top three factors (a length, not a threshold)",
        4: _SHOWN,
        8: "CLEAR, a floating-point margin of 8 ties between two log-odds",
    },
    "hydration.py": {
        0.01: _ROUND,
        4: "quarters of an hour (a drink every 15 minutes)",
        8: "the largest denominator of a fraction shown to people",
        10: _ROUND,
        50: _ROUND,
    },
    "interview.py": {12: _SHOWN},
    "patterns.py": {
        3: "rank of 'not enough data' and the three counts of a row",
        5: "MIN_GROUP_SESSIONS, the statistical rule",
        12: "noon: a night's cramps before it belong to the evening before",
    },
    "pattern_conditions.py": {
        3: "index of the fourth duration level",
        5: "5 am, when morning begins",
        12: "noon, when afternoon begins",
        17: "5 pm, when evening begins",
        22: "10 pm, when night begins",
    },
    "replies.py": {4: _SHOWN, 7.0: "days a week ('every night')"},
    "safety.py": {0.8: "confidence that a question matched a danger topic (retrieval)"},
    "scoring.py": {9: _ROUND, 700: "exp() overflow guard"},
    "plan.py": {
        3: _ROUND,
        9: "°F = °C × 9/5 + 32",
        5: "°F = °C × 9/5 + 32",
        32: "°F = °C × 9/5 + 32",
    },
    "plan_inputs.py": {3: _ROUND, 22.99: "molar mass of sodium, g/mol (arithmetic)"},
    "sweat.py": {3: _ROUND},
    "story/clock.py": dict.fromkeys(
        (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 24, 25, 30, 40), _WORD_VALUE
    )
    | {200: _REACH},
    "story/context.py": dict.fromkeys((4, 8, 10, 12, 20, 40, 300), _REACH)
    | {9: "an index beyond every span (10**9)"},
    "story/context_rules.py": {5: "kinds of cue phrase (range(5))"},
    "story/cooling.py": dict.fromkeys((4, 6, 20, 40, 60, 80, 160, 320), _REACH)
    | {5: "kinds of cue phrase (range(5))"},
    "story/derived.py": dict.fromkeys((3, 4, 15, 30, 50, 80, 90, 160, 300, 400, 500), _REACH),
    "story/duration_values.py": dict.fromkeys((900.0, 1800.0, 2700.0, 5400.0), _WORD_VALUE)
    | {1.1: "'20+ minutes' is read a little over 20 minutes"}
    | dict.fromkeys(
        (3600.0, 7200.0, 14400.0, 21600.0),
        "the least a length told without a number says ('hours' two, 'since yesterday' a night)",
    ),
    "story/durations.py": dict.fromkeys((3, 4, 6, 8, 10, 20, 30, 40, 200, 300), _REACH)
    | {1.1: "'over 20 minutes' is read a little over 20 minutes", 900: _KIND},
    "story/han_numbers.py": {10: "base ten: a digit after a hundred counts in tens"},
    "story/past.py": {
        3: _REACH,
        12: _REACH,
        300: _REACH,
        1200: _REACH,
        2024: "a year told is past before it, when today is not given",
    },
    "story/history.py": {600: _REACH},
    "story/segmented.py": {64: _REACH},
    "story/segmented_context.py": {4: _REACH, 64: _REACH},
    "story/segmented_quantities.py": dict.fromkeys((4, 6, 8, 10), _REACH),
    "story/language.py": dict.fromkeys((0.1, 0.3, 3, 4), _LANGUAGE) | {2000: _REACH},
    "story/matcher.py": dict.fromkeys((3, 4, 200), _REACH),
    "story/names.py": dict.fromkeys((0.6, 3), _LANGUAGE) | {20: _REACH},
    "story/owners.py": dict.fromkeys((3, 5, 8, 300), _REACH),
    "story/readings.py": dict.fromkeys((3, 4, 5, 10, 200), _REACH),
    "story/parser.py": dict.fromkeys((3, 4, 40, 60), _REACH)
    | {110: _KIND, 100000: "MAX_CHARS, the longest text read"},
    "story/person_numbers.py": dict.fromkeys(
        (20, 30, 40, 50, 70, 80, 90, 4.35, 3, 10, 12, 52, 8, 1.5), _WORD_VALUE
    )
    | dict.fromkeys((3.5, 5, 6.0, 7.0), _FREQUENCY)
    | dict.fromkeys((10, 99, 110, 200), _KIND)
    | {31: "the most days a share of the days or nights can be out of (a month)"},
    "story/phrases.py": {24: "alternatives in one search (speed)"},
    "story/quantities.py": dict.fromkeys(
        (3, 12, 20, 30, 32, 0.001, 0.0295735, 0.25, 0.45359237, 0.9144, 6.35029318, 1609.344),
        _WORD_VALUE,
    )
    | dict.fromkeys((4, 5, 6, 9, 50), _REACH)
    | dict.fromkeys((10.0, 40, 45, 350.0, 5000, 2000000), _KIND),
    "story/questions.py": {80: _REACH, 160: _REACH, 6: _REACH},
    "story/spelling.py": {5: _WORDS, 7: _WORDS, 50000: "entries kept in the spelling cache"},
    "story/text.py": {15: _REACH, 300: _REACH},
}


def numbers(source: str) -> list[tuple[int, float]]:
    """(line, value) of every numeric literal, a leading minus sign included."""
    tree = ast.parse(source)
    negated = {
        id(node.operand)
        for node in ast.walk(tree)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
    }
    return [
        (node.lineno, -node.value if id(node) in negated else node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ]


def medical_numbers(source: str, allowed: dict[float, str]) -> list[tuple[int, float]]:
    """The literals of `source` that are neither plain nor in `allowed`."""
    return [
        (line, value)
        for line, value in numbers(source)
        if abs(value) not in PLAIN and abs(value) >= TOLERANCE and abs(value) not in allowed
    ]


def modules() -> list[Path]:
    return sorted(
        path for path in CORE.rglob("*.py") if path.relative_to(CORE).parts[0] not in SKIPPED
    )


def allowed_in(name: str) -> dict[float, str]:
    return NOT_MEDICAL.get(name, {})


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(CORE)))
def test_no_medical_number_in_core(path: Path) -> None:
    name = str(path.relative_to(CORE))
    found = medical_numbers(path.read_text(encoding="utf-8"), allowed_in(name))
    assert not found, (
        f"core/{name}: numbers {found} (line, value) may carry a medical meaning: move each to "
        "src/crampcoach/knowledge/data with its source ids (or evidence: general_advice) and "
        "pass it in; a plain number (unit, count, rounding) goes to NOT_MEDICAL with its reason"
    )


@pytest.mark.parametrize(
    "source",
    [
        "HOT_C = 25.0",
        "def long(s):\n    return s.duration_s > 5400",
        "FEVER_C = 39.5",
        "def hard(fraction):\n    return fraction >= 0.85",
        "LOW = -15",
    ],
)
def test_a_threshold_in_code_is_found(source: str) -> None:
    assert medical_numbers(source, {}), source


@pytest.mark.parametrize(
    "source",
    ["minutes = seconds / 60", "share = k / n * 100", "mid = (low + high) * 0.5", "eps = 1e-9"],
)
def test_units_ratios_and_tolerances_are_plain(source: str) -> None:
    assert medical_numbers(source, {}) == []
