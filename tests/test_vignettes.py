"""Stories end to end (text -> parser -> engine): safety on every set, fixed quality bounds.

The sets in tests/data/vignettes_*.jsonl were written in other words than the
shared development cases; bench/data/*.jsonl are kept out of the tests on purpose
(they measured generalisation when they were new). The bounds are fixed, stated in
docs/evaluation.md, and never raised to whatever the code scores today.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crampcoach import contract
from crampcoach.coach import Coach
from crampcoach.knowledge.loader import load_knowledge

DATA = Path(__file__).parent / "data"
SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "vignettes-dev.jsonl"
KB = load_knowledge()
COACH = Coach()

# docs/evaluation.md: the development cases must all pass; every other set must meet the
# bounds the project promises on stories it never saw. Under-triage is 0 everywhere.
DEVELOPMENT = {"vignettes-dev"}
BOUNDS = {"triage": 0.92, "red_flag_recall": 0.98, "top1": 0.85}


def cases_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def misses(case: dict[str, Any], result: dict[str, Any]) -> tuple[bool, list[str]]:
    """(under-triaged?, every unmet expectation) for one case, as shared/bench/score.py scores."""
    expect, why = case["expect"], []
    if "error" in result:
        return False, [f"error {result['error']}"]
    level = result["triage"]["level"]
    accepted = expect["triage"]
    under = level not in accepted and KB.triage_rank(level) < min(
        KB.triage_rank(a) for a in accepted
    )
    if level not in accepted:
        why.append(f"triage {level} (want {accepted})")
    ids = [f["id"] for f in result["factors"]]
    why += [
        f"missed red flag {f}" for f in expect.get("red_flags", []) if f not in result["red_flags"]
    ]
    if expect.get("top1") and ids[:1] != [] and ids[0] not in expect["top1"]:
        why.append(f"top1 {ids[:1]} (want {expect['top1']})")
    why += [f"{f} not in top 3" for f in expect.get("top3", []) if f not in ids[:3]]
    why += [f"{f} in top 3" for f in expect.get("not_top3", []) if f in ids[:3]]
    if expect.get("muscle") and result["muscle"] not in expect["muscle"]:
        why.append(f"muscle {result['muscle']} (want {expect['muscle']})")
    return under, why


SETS = sorted(DATA.glob("vignettes_*.jsonl")) + ([SHARED_DEV] if SHARED_DEV.exists() else [])


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_story_set(path: Path) -> None:
    cases = cases_of(path)
    under, failed = [], []
    hits = {name: [0, 0] for name in BOUNDS}  # [met, counted]
    for case in cases:
        request = json.dumps({"id": case["id"], "text": case["text"]})
        result = contract.answer_line(request, lambda r: contract.assess_request(COACH, r))
        is_under, why = misses(case, result)
        if is_under:
            under.append(f"{case['id']}: {why}")
        if why:
            failed.append(f"{case['id']}: {'; '.join(why)}")
        expect = case["expect"]
        hits["triage"][0] += "error" not in result and result["triage"]["level"] in expect["triage"]
        hits["triage"][1] += 1
        for flag in expect.get("red_flags", []):
            hits["red_flag_recall"][0] += flag in result.get("red_flags", [])
            hits["red_flag_recall"][1] += 1
        if expect.get("top1"):
            top = [f["id"] for f in result.get("factors", [])][:1]
            hits["top1"][0] += bool(top) and top[0] in expect["top1"]
            hits["top1"][1] += 1
    assert under == [], "under-triage (the safety figure must be 0):\n" + "\n".join(under)
    report = "\n".join(failed)
    if path.stem in DEVELOPMENT:
        assert failed == [], f"every development case passes:\n{report}"
    for name, bound in BOUNDS.items():
        met, counted = hits[name]
        if counted:
            assert met / counted >= bound, f"{name} {met}/{counted} below {bound}:\n{report}"


def _assess(text: str) -> dict[str, Any]:
    request = json.dumps({"id": "t", "text": text})
    return contract.answer_line(request, lambda r: contract.assess_request(COACH, r))


@pytest.mark.parametrize(
    ("text", "flag", "levels"),
    [
        # A medicine told by what it treats, started by a doctor: the new-medicine flag.
        (
            "My dad is 77. His GP started him on Presta-Plus tablets for his pressure nine "
            "days ago, and since then his calves cramp every night.",
            "new_medicine",
            {"consultation", "consultation_24"},
        ),
        # Diabetes as the sugar illness, numbness as a carpet not felt.
        (
            "Asking for my nan, 80: she has had the sugar illness for years, her feet cramp "
            "at night and she can't feel the carpet under her feet.",
            "known_medical_condition",
            {"consultation", "consultation_24"},
        ),
        (
            "Asking for my nan, 80: she has had the sugar illness for years, her feet cramp "
            "at night and she can't feel the carpet under her feet.",
            "weakness_or_wasting",
            {"consultation", "consultation_24"},
        ),
        # A post about a parent after reading about cramps, the count that a change reached.
        (
            "I've read lots of posts about night cramps. This is about my mother, 70: since "
            "her new water tablet her leg cramps have gone from twice a month to most nights.",
            "frequent_unexplained",
            {"consultation", "consultation_24"},
        ),
    ],
)
def test_signs_told_in_new_words_reach_their_flag(text: str, flag: str, levels: set[str]) -> None:
    result = _assess(text)
    assert flag in result["red_flags"]
    assert result["triage"]["level"] in levels


@pytest.mark.parametrize(
    "text",
    [
        # Tingling gone once warm after a cold swim is the cold, not low calcium.
        "Sea swim at 9°C for 15 minutes, and pins and needles in my fingertips afterwards that "
        "faded once I warmed up. My arch cramped near the end and eased with a stretch.",
        # A person calling themselves weak judges their fitness: no weakness of a muscle.
        "Went up a big hill with friends, I never exercise. Coming down my thighs cramped "
        "twice, better after a rub. I suppose I'm just too weak, how do I avoid it?",
        # Walking round to release a cramp tells no claudication.
        "My foot cramped at my desk ten minutes ago; I walked round the kitchen, stood on "
        "the tiles, and it eased.",
    ],
)
def test_words_that_only_look_like_a_sign_stay_self_care(text: str) -> None:
    result = _assess(text)
    assert result["triage"]["level"] == "self_care", result["red_flags"]
