"""The evidence table: `crampcoach kb evidence` and docs/evidence.md match the claims."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crampcoach.cli.app import app
from crampcoach.coach import Coach

DOC = Path(__file__).resolve().parents[1] / "docs" / "evidence.md"
COACH = Coach()


def test_docs_evidence_md_is_the_table_of_the_data() -> None:
    """Regenerate with `make evidence` after changing a claim."""
    assert DOC.read_text(encoding="utf-8") == COACH.evidence_markdown()


def test_every_claim_is_a_row_with_its_sources_and_their_study_type() -> None:
    rows = COACH.evidence()
    kb = COACH.kb
    claims = [c for e in COACH.knowledge.faq.entries for c in e.claims]
    for entries in (kb.seed_statements, kb.red_flags.values(), kb.muscles.values()):
        claims += [c for entry in entries for c in entry.claims]
    claims += [c for factor in kb.factors.values() for c in factor.claims]
    advice = [
        a
        for factor in kb.factors.values()
        for a in factor.prevention + factor.what_to_do
        if a.sources
    ]
    rules = COACH.knowledge.plan_rules
    plan = [n for _, n in rules.numbers if n.sources]
    plan += [a for a in rules.advice.values() if a.sources]
    forecast = [n for _, n in COACH.knowledge.forecast_rules.numbers() if n.sources]
    assert forecast  # the session rates of races and the history ratio are cited
    assert len(rows) == len(claims) + len(advice) + len(plan) + len(forecast)
    rows = rows[: len(claims)]
    assert {row.file for row in COACH.evidence()} == {
        "faq.yaml",
        "seed_coverage.yaml",
        "red_flags.yaml",
        "muscles.yaml",
        "factors.yaml",
        "plan.yaml",
        "forecast.yaml",
    }
    for row, claim in zip(rows, claims, strict=True):
        assert (row.grade, row.sources) == (claim.grade, claim.sources)
        assert len(row.study_types) == len(row.sources) and all(row.study_types)
        assert len(row.measured_in) == len(claim.numbers)


def test_kb_evidence_prints_each_claim() -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["kb", "evidence", "--json"]).stdout)
    assert len(data) == len(COACH.evidence())
    assert {"entry", "claim", "sources", "study_types", "measured_in", "reports", "grade"} <= set(
        data[0]
    )
    plain = runner.invoke(app, ["kb", "evidence"])
    assert plain.exit_code == 0
    first = COACH.evidence()[0]
    assert first.entry in plain.stdout and first.locator.split()[0] in plain.stdout


def test_every_cited_advice_row_says_what_its_sources_report() -> None:
    for row in COACH.evidence():
        if row.sources:
            assert row.reports and row.locator, (row.file, row.entry, row.claim)
