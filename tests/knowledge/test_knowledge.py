"""The package's knowledge base: it loads, covers the vocabulary and the seeds, cites
only real sources, and a broken copy fails with a message naming file, entry and field."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.claims import Claimed
from crampcoach.knowledge.intake import field_paths
from crampcoach.knowledge.loader import DATA, KnowledgeBase, load_knowledge
from crampcoach.knowledge.schema import EVIDENCE_SCALE, Rule

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA_DIR = Path(str(DATA))
SOURCE_TAG = re.compile(r"\b(S\d+[a-z]?|X-[a-z0-9-]+[a-z0-9])\b")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


# --- Loading and vocabulary ---------------------------------------------------------------


def test_the_package_knowledge_loads(kb: KnowledgeBase) -> None:
    assert len(kb.factors) == 20
    assert len(kb.red_flags) == 17
    assert len(kb.muscles) == 5
    assert len(kb.findings) > 60
    assert len(kb.sources) > 70


@pytest.mark.parametrize("kind", ["factors", "red_flags", "muscles"])
def test_every_vocabulary_id_has_an_entry_and_no_other(kb: KnowledgeBase, kind: str) -> None:
    table = {"factors": kb.factors, "red_flags": kb.red_flags, "muscles": kb.muscles}[kind]
    assert set(table) == set(kb.vocabulary(kind))


def test_factor_kinds_match_the_vocabulary(kb: KnowledgeBase) -> None:
    kinds = {entry["id"]: entry["kind"] for entry in kb.concepts["factors"]}
    assert {fid: f.kind for fid, f in kb.factors.items()} == kinds


def test_red_flag_levels_are_at_least_the_vocabulary_minimum(kb: KnowledgeBase) -> None:
    for entry in kb.concepts["red_flags"]:
        flag = kb.red_flags[entry["id"]]
        assert kb.triage_rank(flag.level) >= kb.triage_rank(entry["min_triage"]), flag.id


def test_the_packaged_concepts_equal_the_shared_spec() -> None:
    shared = SHARED / "spec" / "concepts.json"
    if not shared.exists():
        pytest.skip("../shared/spec/concepts.json is not beside the repository")
    packaged = json.loads((DATA_DIR / "concepts.json").read_text(encoding="utf-8"))
    assert packaged == json.loads(shared.read_text(encoding="utf-8"))


# --- Broken copies fail with file, entry and field ----------------------------------------


def _broken_copy(tmp_path: Path, name: str, change: Callable[[list[dict[str, Any]]], None]) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    entries = yaml.safe_load((target / name).read_text(encoding="utf-8"))
    change(entries)
    (target / name).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return target


def _entry(entries: list[dict[str, Any]], entry_id: str) -> dict[str, Any]:
    return next(e for e in entries if e.get("id") == entry_id)


def test_an_unchanged_copy_loads(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path, "factors.yaml", lambda entries: None)
    assert set(load_knowledge(copy).factors) == set(load_knowledge().factors)


def test_a_missing_vocabulary_id_is_named(tmp_path: Path) -> None:
    def drop(entries: list[dict[str, Any]]) -> None:
        entries.remove(_entry(entries, "tetanus"))

    with pytest.raises(KnowledgeError, match=r"factors\.yaml: entry 'tetanus': missing"):
        load_knowledge(_broken_copy(tmp_path, "factors.yaml", drop))


def test_an_id_outside_the_vocabulary_is_named(tmp_path: Path) -> None:
    def rename(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "other")["id"] = "elbow"

    with pytest.raises(KnowledgeError, match=r"muscles\.yaml: entry '(other|elbow)'"):
        load_knowledge(_broken_copy(tmp_path, "muscles.yaml", rename))


def test_an_unknown_finding_is_named(tmp_path: Path) -> None:
    def misspell(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "dvt_signs")["triggers"][0]["all"] = ["one_leg_swolen"]

    with pytest.raises(
        KnowledgeError,
        match=r"red_flags\.yaml: entry 'dvt_signs': field triggers\.0: "
        r"unknown finding 'one_leg_swolen'",
    ):
        load_knowledge(_broken_copy(tmp_path, "red_flags.yaml", misspell))


def test_an_unknown_source_is_named(tmp_path: Path) -> None:
    def invent(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "pregnancy")["claims"][0]["sources"].append("S99")

    with pytest.raises(
        KnowledgeError,
        match=r"factors\.yaml: entry 'pregnancy': field claims: unknown source 'S99'",
    ):
        load_knowledge(_broken_copy(tmp_path, "factors.yaml", invent))


def test_a_bad_field_value_is_named(tmp_path: Path) -> None:
    def impossible(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "cold_exposure")["evidence"] = "very strong"

    with pytest.raises(
        KnowledgeError, match=r"factors\.yaml: entry 'cold_exposure': field evidence"
    ):
        load_knowledge(_broken_copy(tmp_path, "factors.yaml", impossible))


def test_an_unknown_intake_field_is_named(tmp_path: Path) -> None:
    def wrong_field(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "dark_urine")["when"] = {"field": "findings.urine_colour", "is": True}

    with pytest.raises(
        KnowledgeError,
        match=r"findings\.yaml: entry 'dark_urine': field when: "
        r"unknown Intake field 'findings\.urine_colour'",
    ):
        load_knowledge(_broken_copy(tmp_path, "findings.yaml", wrong_field))


def test_an_uncorrected_wrong_seed_statement_is_named(tmp_path: Path) -> None:
    def uncorrect(entries: list[dict[str, Any]]) -> None:
        next(e for e in entries if e["verdict"] == "garbled").pop("correction")

    with pytest.raises(KnowledgeError, match=r"seed_coverage\.yaml: entry #\d+"):
        load_knowledge(_broken_copy(tmp_path, "seed_coverage.yaml", uncorrect))


# --- Sources ---------------------------------------------------------------------------------


def _yaml_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(DATA_DIR.glob("*.yaml")):
        if path.name in {
            "factors.yaml",
            "red_flags.yaml",
            "muscles.yaml",
            "seed_coverage.yaml",
            "faq.yaml",
        }:
            yield path.name, path.read_text(encoding="utf-8")


def test_every_source_tag_in_the_text_resolves(kb: KnowledgeBase) -> None:
    for name, text in _yaml_texts():
        for tag in SOURCE_TAG.findall(text):
            assert tag in kb.sources, f"{name} cites {tag}, which sources.yaml lacks"


def test_the_sources_are_the_briefs_and_each_is_cited(kb: KnowledgeBase) -> None:
    cited: set[str] = set()
    for _, text in _yaml_texts():
        cited |= set(SOURCE_TAG.findall(text))
    brief = SHARED / "evidence" / "brief.md"
    if brief.exists():
        defined = set(re.findall(r"\[(S\d+[a-z]?)[\]/ ]", brief.read_text(encoding="utf-8")))
        s_ids = {sid for sid in kb.sources if sid.startswith("S")}
        assert s_ids == defined
    assert cited == set(kb.sources), sorted(set(kb.sources) - cited)


def _graded_uses(kb: KnowledgeBase) -> Iterator[tuple[str, str, list[str]]]:
    """(where, evidence grade, sources) of every cited claim in the knowledge base."""
    for factor in kb.factors.values():
        for advice in factor.prevention + factor.what_to_do:
            yield f"factor {factor.id} advice", advice.evidence, advice.sources
    claimed: list[tuple[str, Claimed]] = [
        *((f"factor {factor.id}", factor) for factor in kb.factors.values()),
        *((f"red flag {flag.id}", flag) for flag in kb.red_flags.values()),
        *((f"muscle {muscle.id}", muscle) for muscle in kb.muscles.values()),
        *((f"seed statement #{i}", s) for i, s in enumerate(kb.seed_statements, 1)),
    ]
    for where, entry in claimed:
        for number, claim in enumerate(entry.claims):
            yield f"{where} claim {number}", claim.grade, list(claim.sources)


def test_an_unverified_source_never_stands_alone(kb: KnowledgeBase) -> None:
    unverified = {sid for sid, source in kb.sources.items() if not source.verified}
    assert unverified, "the brief marks some sources UNVERIFIED"
    for source_id in unverified:
        assert kb.sources[source_id].note, f"{source_id} needs a note saying what is unverified"
    for where, grade, sources in _graded_uses(kb):
        if grade == "general_advice" or not unverified & set(sources):
            continue
        assert set(sources) - unverified, f"{where} rests on unverified sources only"


def test_general_advice_is_labelled_where_it_is_plain_text(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        for line in muscle.in_water + muscle.avoid + muscle.get_help:
            assert "general advice" in line or SOURCE_TAG.search(line), (muscle.id, line)


def test_every_grade_is_on_the_stated_scale(kb: KnowledgeBase) -> None:
    for where, grade, _ in _graded_uses(kb):
        assert grade in EVIDENCE_SCALE, where


# --- Advice never recommends what the evidence rules out -------------------------------------

FORBIDDEN = re.compile(
    r"quinine|tonic water|fluoride|as much as possible|"
    r"(calcium|magnesium|potassium)\b[^.;]*\b(supplement|tablet|pill)s?|"
    r"\b(take|taking|buy|start)\b[^.;]*\b(calcium|magnesium)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(do not|don't|never|not|no|avoid|without)\b", re.IGNORECASE)


def _advice_texts(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    for factor in kb.factors.values():
        for advice in factor.prevention + factor.what_to_do:
            yield factor.id, advice.text
    for flag in kb.red_flags.values():
        for line in flag.do_now:
            yield flag.id, line
    for muscle in kb.muscles.values():
        for step in muscle.steps:
            yield muscle.id, step.text
        for line in muscle.in_water + muscle.avoid + muscle.get_help:
            yield muscle.id, line


def test_no_advice_recommends_quinine_overdrinking_fluoride_or_mineral_pills(
    kb: KnowledgeBase,
) -> None:
    checked = 0
    for where, text in _advice_texts(kb):
        for sentence in re.split(r"(?<=[.])\s+", text):
            if FORBIDDEN.search(sentence):
                checked += 1
                assert NEGATION.search(sentence), f"{where}: {sentence!r}"
    assert checked >= 5  # the warnings themselves are there


def test_the_checker_catches_a_recommendation() -> None:
    for bad in (
        "Take quinine at night.",
        "Drink as much as possible.",
        "Take calcium every day.",
        "Magnesium tablets prevent cramps.",
    ):
        assert FORBIDDEN.search(bad) and not NEGATION.search(bad), bad


# --- The product's own voice ------------------------------------------------------------------

# The seed articles are how the knowledge base was checked, not something a person has read:
# a text says what articles online claim and what the evidence says (issue 16).
SEED_TALK = re.compile(r"\bseeds?\b|原始文章", re.IGNORECASE)


def test_no_person_facing_text_speaks_of_seed_articles() -> None:
    from crampcoach.i18n import Translator
    from crampcoach.knowledge.messages import knowledge_messages

    chinese = Translator("zh-Hans")
    texts = list(knowledge_messages(DATA_DIR))
    assert len(texts) > 500  # every knowledge text, not a few
    for where, text in texts:
        assert not SEED_TALK.search(text), f"{where}: {text!r}"
        assert not SEED_TALK.search(chinese(text)), f"{where} (zh-Hans): {chinese(text)!r}"


def test_the_seed_check_catches_a_seed() -> None:
    for bad in (
        "The seed article's advice is right.",
        "One seed article lists these",
        "原始文章说",
    ):
        assert SEED_TALK.search(bad), bad
    assert not SEED_TALK.search("Some articles online say so; the evidence says otherwise.")


# --- Factors, findings, muscles --------------------------------------------------------------


def test_mimics_have_tiny_priors(kb: KnowledgeBase) -> None:
    for factor in kb.factors.values():
        if factor.kind == "mimic":
            assert max(factor.prior.values()) <= 0.02, factor.id
            assert max(w.present for w in factor.weights) >= 20, factor.id


def test_every_factor_says_what_to_do(kb: KnowledgeBase) -> None:
    for factor in kb.factors.values():
        assert factor.what_to_do or factor.prevention, factor.id
        assert len(factor.plain) <= 400


def _rule_paths(rule: Rule) -> Iterator[str]:
    if rule.field is not None:
        yield rule.field
    for sub in (rule.any or []) + (rule.all or []):
        yield from _rule_paths(sub)
    for sub in (rule.not_, rule.false_when):
        if sub is not None:
            yield from _rule_paths(sub)


def test_every_sign_and_symptom_field_is_a_finding(kb: KnowledgeBase) -> None:
    used = {path for f in kb.findings.values() for path in _rule_paths(f.when)}
    signs = {p for p in field_paths() if p.startswith("findings.")}
    assert signs <= used, sorted(signs - used)
    for path in (
        "person.age_years",
        "person.pregnant",
        "person.medicines",
        "person.conditions",
        "episode.duration_s",
        "episode.per_week",
        "activity.water_temperature_c",
        "activity.fluid_kind",
        "activity.warmup",
        "activity.faster_than_trained",
    ):
        assert path in used, path


def test_every_finding_is_used(kb: KnowledgeBase) -> None:
    used = {w.finding for f in kb.factors.values() for w in f.weights}
    for flag in kb.red_flags.values():
        for trigger in flag.triggers:
            used |= set(trigger.all) | set(trigger.not_)
        for escalation in flag.escalations:
            used |= set(escalation.with_)
    for statement in kb.seed_statements:
        used |= set(statement.covered_by)
    idle = set(kb.findings) - used
    assert not idle, sorted(idle)


def test_a_question_comes_with_the_field_it_sets(kb: KnowledgeBase) -> None:
    for finding in kb.findings.values():
        if finding.question:
            assert finding.ask is not None, finding.id


def test_the_seeds_relief_methods_are_in_with_the_evidence(kb: KnowledgeBase) -> None:
    calf = " ".join(step.text for step in kb.muscles["calf"].steps).lower()
    assert "knee straight" in calf and "forefoot" in calf
    assert "knead" in calf and "press" in calf
    assert "opposite muscle" in calf  # antagonist contraction
    assert "weight on the cramped leg" in calf
    for muscle in kb.muscles.values():
        assert any(step.hold_s for step in muscle.steps), muscle.id
        water = " ".join(muscle.in_water).lower()
        assert "float" in water and "signal" in water, muscle.id
        assert any("quinine" in line.lower() for line in muscle.avoid), muscle.id


# --- Seed coverage ---------------------------------------------------------------------------

# The key phrase of every cause, prevention, relief and definition statement of the seeds.
SEED_PHRASES: dict[str, list[str]] = {
    "000": [
        "cramp of exercise hind legs",
        "especially the calves and pedals",
        "long-term involuntary contraction",
        "not fully prepared for activities",
        "outside temperature is greatly reduced",
        "when swimming in winter",
        "25 times more heat",
        "central nervous system that manipulates muscles",
        "lactic acid bacteria",
        "salt and fluoride deficiency",
        "prevent feet from being too cold",
        "we must be fully prepared for activities",
        "don't be overworked",
        "supplement some edible salt",
        "insufficient preparation before fitness exercise",
        "Too much long-term fitness exercise",
        "Too much salt is lost",
        "sodium oxide",
        "left ventricular imbalance",
        "left ventricular replacement",
        "when muscle strain occurs",
        "not enough warm-up exercise, muscles will be stimulated by cold",
        "hard or prominent, causing severe pain",
        "muscle contracture is easy to occur again",
        "continuous stretching",
        "straighten the kneecap and pull hard",
        "partner's strength",
        "push, knead and pinch",
        "kept warm to prevent physical exercise",
        "fashionable jeans",
        "Warm-up exercise before fitness exercise can also prevent",
    ],
    "001": [
        "calcium deficiency",
        "especially anaerobic exercise",
        "acid metabolites",
        "poor muscle strength of the elderly",
        "Cold is the most common direct cause",
        "sudden vasospasm",
        "Calcium ion plays an important role",
        "calcium absorption capacity of the elderly",
        "children and pregnant women",
        "calcium ion in blood is too low",
        "internal cause of cramps",
        "atherosclerosis or thrombosis",
        "disappear after rest",
        "dorsal foot arteries",
        "Metabolites can not be taken away",
        "colliquative sweat",
        "low calcium, low potassium and low magnesium",
        "disorder of internal environment",
        "Local oppression",
        "quilt will press on the foot surface",
        "lie prone for a long time",
        "passive contracture",
    ],
}


def test_every_seed_statement_is_covered(kb: KnowledgeBase) -> None:
    for seed, phrases in SEED_PHRASES.items():
        quotes = [s.quote for s in kb.seed_statements if s.seed == seed]
        for phrase in phrases:
            assert any(phrase in quote for quote in quotes), f"seed {seed}: {phrase!r} not covered"


def _seed_text(seed: str) -> str:
    folder = SHARED / "seeds"
    matches = sorted(folder.glob(f"{seed}_*.txt")) if folder.exists() else []
    if not matches:
        pytest.skip("../shared/seeds is not beside the repository")
    return matches[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", ["000", "001"])
def test_quotes_are_verbatim_and_phrases_come_from_the_seed(kb: KnowledgeBase, seed: str) -> None:
    text = _seed_text(seed)
    for statement in kb.seed_statements:
        if statement.seed == seed:
            assert statement.quote in text, statement.quote
    for phrase in SEED_PHRASES[seed]:
        assert phrase in text, phrase


ITEM_START = re.compile(r"^(\d\.|\(\d\)|First,|Second,|Third,|Fourth,|colliquative)", re.MULTILINE)


@pytest.mark.parametrize("seed", ["000", "001"])
def test_every_numbered_item_of_a_seed_has_an_entry(kb: KnowledgeBase, seed: str) -> None:
    text = _seed_text(seed)
    starts = [m.start() for m in ITEM_START.finditer(text)]
    assert len(starts) >= 6
    quotes = [s.quote for s in kb.seed_statements if s.seed == seed]
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        item = text[start:end]
        assert any(quote in item for quote in quotes), f"seed {seed}: no entry for {item[:60]!r}"


def test_wrong_seed_statements_carry_a_correction_with_sources(kb: KnowledgeBase) -> None:
    """A correction is sourced, or each of its claims is marked general advice."""
    verdicts = {s.verdict for s in kb.seed_statements}
    assert {"correct", "partly_correct", "wrong", "garbled", "unproven"} <= verdicts
    for statement in kb.seed_statements:
        if statement.verdict != "correct":
            assert statement.correction, statement.quote
            assert statement.sources or all(
                claim.grade == "general_advice" for claim in statement.claims
            ), statement.quote


def test_a_danger_sign_that_a_context_can_silence_is_refused(tmp_path: Path) -> None:
    def forget(entries: list[dict[str, Any]]) -> None:
        del _entry(entries, "rhabdomyolysis_signs")["alone"]

    with pytest.raises(
        KnowledgeError,
        match=r"red_flags\.yaml: entry 'rhabdomyolysis_signs': field alone: "
        r"danger sign 'dark_urine' of triggers\.\d+ is silent when recent_exertion",
    ):
        load_knowledge(_broken_copy(tmp_path, "red_flags.yaml", forget))


def test_a_danger_sign_alone_below_a_day_is_refused(tmp_path: Path) -> None:
    def lower(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "rhabdomyolysis_signs")["alone"][0]["level"] = "consultation"

    with pytest.raises(KnowledgeError, match=r"alone demands consultation, below consultation_24"):
        load_knowledge(_broken_copy(tmp_path, "red_flags.yaml", lower))


def test_red_flag_suspects_are_factors(tmp_path: Path) -> None:
    def invent(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "dvt_signs")["suspects"] = ["blood_clot"]

    with pytest.raises(KnowledgeError, match=r"field suspects: unknown factor 'blood_clot'"):
        load_knowledge(_broken_copy(tmp_path, "red_flags.yaml", invent))


def test_a_key_given_twice_in_a_knowledge_file_is_refused(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys; the knowledge reader refuses the file, so an
    entry's `patterns` written twice cannot silently lose the first list."""
    from crampcoach.knowledge.files import read_yaml

    source = tmp_path / "lexicon.yaml"
    source.write_text("entries:\n  - id: a\n    patterns: [x]\n    patterns: [y]\n")
    with pytest.raises(KnowledgeError, match="given twice"):
        read_yaml(source)


@pytest.mark.parametrize(
    ("path", "unit"),
    [
        ("episode.duration_s", "s"),
        ("activity.distance_m", "m"),
        ("activity.air_temperature_c", "degC"),
        ("activity.fluid_l", "l"),
        ("person.body_mass_kg", "kg"),
        ("person.age_years", None),  # a plain number
        ("episode.muscle", None),
        ("episode.nonsense", None),
        ("nowhere.at_all", None),
    ],
)
def test_an_intake_field_names_the_unit_it_keeps(path: str, unit: str | None) -> None:
    from crampcoach.knowledge.intake import field_unit

    assert field_unit(path) == unit
