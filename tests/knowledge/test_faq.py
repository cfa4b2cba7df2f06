"""The FAQ data: one valid, cited entry per faq_topics id; errors name file, entry, field."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.core.safety import WARN_FROM
from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.faq import MIN_PHRASINGS, FaqBase, load_faq, parse_faq, read_concepts

DATA = Path(str(resources.files("crampcoach.knowledge").joinpath("data")))
SHARED = Path(__file__).resolve().parents[3] / "shared"
BRIEF = SHARED / "evidence" / "brief.md"
DEV_QUESTIONS = SHARED / "bench" / "questions-dev.jsonl"
HELDOUT = Path(__file__).resolve().parents[1] / "data" / "ask_heldout.jsonl"
DANGER_QUESTIONS = HELDOUT.with_name("ask_danger.jsonl")

FAQ = load_faq()
CONCEPTS = read_concepts()


def raw_entries() -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / "faq.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def squash(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_every_faq_topic_has_exactly_one_entry_in_vocabulary_order() -> None:
    assert FAQ.ids == tuple(t["id"] for t in CONCEPTS["faq_topics"])


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ not beside the checkout")
def test_packaged_topics_match_the_shared_vocabulary() -> None:
    shared = json.loads((SHARED / "spec" / "concepts.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in shared["faq_topics"]] == list(FAQ.ids)


def test_each_entry_has_many_distinct_phrasings() -> None:
    for entry in FAQ.entries:
        distinct = {squash(p) for p in entry.phrasings}
        assert len(distinct) >= MIN_PHRASINGS, entry.id


def test_direct_answer_is_one_or_two_sentences() -> None:
    for entry in FAQ.entries:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", entry.answer.strip())
        assert 1 <= len(sentences) <= 2, (entry.id, sentences)


@pytest.mark.parametrize(
    ("stance", "cues"),
    [("yes", {"yes"}), ("no", {"no", "not"}), ("unknown", {"unknown"})],
)
def test_a_clear_stance_opens_the_answer(stance: str, cues: set[str]) -> None:
    entries = [e for e in FAQ.entries if e.stance == stance]
    assert entries
    for entry in entries:
        first_words = set(re.findall(r"[a-z]+", entry.answer.lower())[:3])
        assert first_words & cues, (entry.id, entry.answer[:40])


def test_sources_are_ids_the_brief_defines() -> None:
    """S-numbers come from the brief's source lists; X- ids are sources it names inline."""
    if not BRIEF.exists():
        pytest.skip("shared/ not beside the checkout")
    defined = set(re.findall(r"\bS\d+[a-z]?\b", BRIEF.read_text(encoding="utf-8")))
    for entry in FAQ.entries:
        numbered = {s for s in entry.sources if not s.startswith("X-")}
        assert numbered <= defined, (entry.id, numbered - defined)


def test_every_cited_source_stands_behind_a_claim() -> None:
    """The entry's sources are its claims' sources; each source cited in a text is one."""
    for entry in FAQ.entries:
        assert entry.sources == tuple(dict.fromkeys(s for c in entry.claims for s in c.sources))
        text = " ".join([entry.answer, entry.explanation, *entry.what_to_do])
        assert set(re.findall(r"\bS\d+[a-z]?\b", text)) <= set(entry.sources), entry.id


def test_every_source_is_in_the_sources_file() -> None:
    path = DATA / "sources.yaml"
    known = {str(item["id"]) for item in yaml.safe_load(path.read_text(encoding="utf-8"))}
    for entry in FAQ.entries:
        assert set(entry.sources) <= known, (entry.id, set(entry.sources) - known)


def test_related_ids_are_factors_or_red_flags() -> None:
    ids = {f["id"] for f in CONCEPTS["factors"]} | {r["id"] for r in CONCEPTS["red_flags"]}
    for entry in FAQ.entries:
        assert set(entry.related) <= ids, entry.id


def test_seed_errors_are_corrected() -> None:
    get = FAQ.get
    assert get("calcium_deficiency") and get("calcium_deficiency").stance == "no"  # type: ignore[union-attr]
    lactic = get("lactic_acid")
    assert lactic is not None and lactic.stance == "no"
    assert "translation error" in lactic.answer + lactic.explanation
    quinine = get("quinine")
    assert quinine is not None and quinine.stance == "no" and "tonic" in quinine.answer.lower()
    salt = get("salt_sodium")
    assert salt is not None and "sodium chloride" in salt.explanation
    drink = get("how_much_to_drink")
    assert drink is not None and "never" in drink.answer.lower()
    # No entry advises drinking as much as possible, taking quinine, or calcium for cramps.
    for entry in FAQ.entries:
        advice = " ".join(entry.what_to_do).lower()
        assert "as much as possible" not in advice, entry.id
        assert "take quinine" not in advice and "take calcium" not in advice, entry.id


def test_unverified_claims_are_labelled_general_advice() -> None:
    # The brief marks warm-up as prevention and cold as a trigger UNVERIFIED.
    for topic in ("warmup", "cold_water_swimming"):
        entry = FAQ.get(topic)
        assert entry is not None and entry.evidence == "general_advice", topic


def test_no_phrasing_copies_a_benchmark_or_held_out_question() -> None:
    phrasings = {squash(p) for e in FAQ.entries for p in (e.question, *e.phrasings)}
    files = [HELDOUT, DANGER_QUESTIONS] + ([DEV_QUESTIONS] if DEV_QUESTIONS.exists() else [])
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = squash(json.loads(line)["question"])
                assert question not in phrasings, (path.name, question)


def test_exactly_one_fallback_topic() -> None:
    assert [e.id for e in FAQ.entries if e.fallback] == ["what_is_a_cramp"]


def test_the_danger_topic_is_when_to_see_a_doctor_and_lists_every_urgent_red_flag() -> None:
    assert [e.id for e in FAQ.entries if e.danger] == ["when_to_see_doctor"]
    assert FAQ.danger_topic == "when_to_see_doctor"
    entry = FAQ.get("when_to_see_doctor")
    assert entry is not None
    ranks = {t["id"]: t["rank"] for t in CONCEPTS["triage_levels"]}
    # Every red flag that makes `ask` warn (crampcoach.core.safety.WARN_FROM).
    urgent = {r["id"] for r in CONCEPTS["red_flags"] if ranks[r["min_triage"]] >= ranks[WARN_FROM]}
    assert urgent <= set(entry.related), urgent - set(entry.related)


def test_load_is_cached() -> None:
    assert load_faq() is load_faq()


# --- data errors name the file, the entry and the field -------------------------------


def broken(change: Any) -> list[dict[str, Any]]:
    entries = copy.deepcopy(raw_entries())
    change(entries)
    return entries


def parse(entries: Any) -> FaqBase:
    return parse_faq(entries, CONCEPTS, "faq.yaml")


def test_the_real_file_parses() -> None:
    assert parse(raw_entries()).ids == FAQ.ids


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda es: es[0].pop("answer"), ["faq.yaml", "calcium_deficiency", "answer"]),
        (lambda es: es[1].update(evidence="proven"), ["magnesium", "evidence"]),
        (lambda es: es[2].update(stance="maybe"), ["potassium_bananas", "stance"]),
        (lambda es: es[3].update(sources=["Smith 2020"]), ["salt_sodium", "sources"]),
        (lambda es: es[4].update(related=["bad_id"]), ["dehydration", "related", "bad_id"]),
        (lambda es: es[5].update(phrasings=["one"]), ["how_much_to_drink", "phrasings"]),
        (lambda es: es[6].update(id="not_a_topic"), ["not_a_topic", "id"]),
        (lambda es: es[7].update(colour="red"), ["stop_cramp_now", "colour"]),
        (lambda es: es.append(copy.deepcopy(es[0])), ["calcium_deficiency", "duplicate"]),
        (lambda es: es.pop(), ["no entry", "fitness_and_age"]),
        (lambda es: es[8].update(fallback=True), ["fallback"]),
        (lambda es: es[8].update(danger=True), ["danger", "when_to_see_doctor"]),
        (lambda es: es[9].update(intents=["guess"]), ["stretching_prevention", "intents"]),
    ],
)
def test_data_errors_say_where(change: Any, expected: list[str]) -> None:
    with pytest.raises(KnowledgeError) as info:
        parse(broken(change))
    for part in expected:
        assert part in str(info.value)


def test_not_a_list_is_refused() -> None:
    with pytest.raises(KnowledgeError, match=r"faq\.yaml: expected a list"):
        parse({"id": "x"})
