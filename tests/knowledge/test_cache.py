"""The checked knowledge kept between runs: read back only while its files are unchanged, the
same as a fresh reading, and never a reason for a run to fail."""

from __future__ import annotations

import pickle
import re
from datetime import date
from pathlib import Path

import pytest

from crampcoach.core.story import parse_story
from crampcoach.core.story.matcher import compile_lexicon
from crampcoach.core.story.phrases import Pattern
from crampcoach.knowledge import cache, regexes
from crampcoach.knowledge.cache import cached
from crampcoach.knowledge.lexicon import _read_lexicon, load_lexicon
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.knowledge.regexes import compile_pattern
from crampcoach.package_knowledge import PackageKnowledge


class Builds:
    """A build that counts its calls and returns a new list each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [self.calls]


def test_a_kept_copy_is_read_back_while_its_files_are_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    first = cached("thing", [source], build, tmp_path / "cache")
    again = cached("thing", [source], build, tmp_path / "cache")
    assert (first, again, build.calls) == ([1], [1], 1)
    assert again is not first  # a copy of its own for each reader


def test_a_changed_file_is_read_again_and_its_copy_replaced(tmp_path: Path) -> None:
    source, folder = tmp_path / "data.yaml", tmp_path / "cache"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    cached("thing", [source], build, folder)
    source.write_text("a: 2\n", encoding="utf-8")
    assert cached("thing", [source], build, folder) == [2]
    assert cached("thing", [source], build, folder) == [2]
    assert build.calls == 2
    assert len(list(folder.glob("thing-*.pickle"))) == 2  # the other is kept a day


def test_a_changed_knowledge_code_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    cached("thing", [source], build, tmp_path)
    monkeypatch.setattr(cache, "_code_digest", lambda: b"other code")
    assert cached("thing", [source], build, tmp_path) == [2]


def test_a_changed_file_of_the_code_given_is_read_again(tmp_path: Path) -> None:
    source, code = tmp_path / "data.yaml", tmp_path / "builder.py"
    source.write_text("a: 1\n", encoding="utf-8")
    code.write_text("VERSION = 1\n", encoding="utf-8")
    build = Builds()
    cached("thing", [source], build, tmp_path / "cache", code=[code])
    assert cached("thing", [source], build, tmp_path / "cache", code=[code]) == [1]
    code.write_text("VERSION = 2\n", encoding="utf-8")
    assert cached("thing", [source], build, tmp_path / "cache", code=[code]) == [2]


def test_a_damaged_copy_is_built_again(tmp_path: Path) -> None:
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    cached("thing", [source], build, tmp_path / "cache")
    for kept in (tmp_path / "cache").glob("thing-*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert cached("thing", [source], build, tmp_path / "cache") == [2]
    assert cached("thing", [source], build, tmp_path / "cache") == [2]  # kept again


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    build = Builds()
    assert cached("thing", [blocked], build, blocked / "cache") == [1]
    assert cached("thing", [blocked], build, blocked / "cache") == [2]


def test_a_failed_build_is_not_kept(tmp_path: Path) -> None:
    def fails() -> list[int]:
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        cached("thing", [], fails, tmp_path)
    assert not list(tmp_path.glob("*.pickle"))


def test_the_package_knowledge_read_back_equals_a_fresh_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "cache_folder", lambda: tmp_path)
    made, read_back = load_knowledge(), load_knowledge()
    assert len(list(tmp_path.glob("knowledge-*.pickle"))) == 1
    assert read_back is not made
    assert read_back.findings == made.findings
    assert read_back.factors == made.factors
    assert read_back.red_flags == made.red_flags
    assert read_back.muscles == made.muscles
    assert read_back.concepts == made.concepts


def test_the_lexicon_read_back_searches_as_a_fresh_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "cache_folder", lambda: tmp_path)
    load_lexicon()
    read_back, fresh = load_lexicon(), _read_lexicon(None)
    assert len(list(tmp_path.glob("lexicon-*.pickle"))) == 1
    assert [e.id for e in read_back.entries] == [e.id for e in fresh.entries]
    text = "my left calf cramped at 3 am, 62m, on the ladder; no swelling, i'm 45"
    for kept, made in zip(read_back.entries, fresh.entries, strict=True):
        assert kept.model_dump() == made.model_dump()
        for a, b in zip(kept.compiled_patterns, made.compiled_patterns, strict=True):
            assert (a.body, a.boundary, a.needs, a.also) == (b.body, b.boundary, b.needs, b.also)
            found = [m.span() for m in Pattern(a).finditer(text)]
            assert found == [m.span() for m in Pattern(b).finditer(text)]


def test_a_compiled_pattern_pickles_as_its_body_and_compiles_on_first_use() -> None:
    pattern = compile_pattern(r"\b(?<!not )cramp(?:ed|s)?\b")
    copy = pickle.loads(pickle.dumps(pattern))
    assert (copy.body, copy.boundary, copy.needs) == (pattern.body, True, ("cramp",))
    assert copy.regex.search("it cramped").span() == pattern.regex.search("it cramped").span()


@pytest.mark.parametrize(
    "written",
    [
        r"\b(?P<n>\d+)\s*(?:km|miles?)\b(?!\s+away)",  # a named group, a look-ahead
        r"(?i)\bcalves?\b",  # a flag set inside the pattern
        r"(?<!\bno\s)(?P<fact>swollen|swelling)(?:\s+(?P<side>left|right))?",
    ],
)
def test_a_pattern_read_back_is_built_from_its_program_without_a_parse(
    written: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, plain = compile_pattern(written), re.compile(written)
    copy = pickle.loads(pickle.dumps(made))
    text = "Calves swollen left after 12 km, no swelling, 3 miles away, my calf"
    want = [(m.span(), m.groups()) for m in plain.finditer(text)]
    monkeypatch.setattr(regexes.sre_parse, "parse", None)  # a parse would fail now
    monkeypatch.setattr(regexes.sre_compile, "compile", None)  # and so would a compile
    assert copy.regex.groupindex == plain.groupindex
    assert copy.regex.flags == plain.flags
    assert [(m.span(), m.groups()) for m in Pattern(copy).finditer(text)] == want


def test_the_lexicon_kept_with_its_matcher_reads_stories_as_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "cache_folder", lambda: tmp_path)
    PackageKnowledge().lexicon  # noqa: B018 (made and kept)
    read_back = PackageKnowledge().lexicon
    assert len(list(tmp_path.glob("lexicon+compile_lexicon-*.pickle"))) == 1
    fresh = _read_lexicon(None)
    kept = read_back.derived(compile_lexicon)
    assert kept.lexicon is read_back  # read back with the lexicon, not compiled again
    stories = [
        "my left calf cramped at 3 am after a 20 km run in 30C heat, no swelling, I'm 45",
        "my dad's hamstring locked up at night; he takes a water pill and felt dizzy",
    ]
    for text in stories:
        story = parse_story(text, read_back, today=date(2026, 1, 5))
        assert story == parse_story(text, fresh, today=date(2026, 1, 5))


# --- the table of compiled programs (`KeptTable`, `regexes.kept_regex`) ---------------------


def test_a_kept_table_is_written_when_the_run_that_added_to_it_ends(tmp_path: Path) -> None:
    first = cache.KeptTable("things", lambda: b"v1", folder=tmp_path)
    assert first.get("a") is None
    first.add("a", 1)
    assert first.get("a") == 1
    assert cache.KeptTable("things", lambda: b"v1", folder=tmp_path).get("a") is None
    first.write()  # as when the run ends
    assert cache.KeptTable("things", lambda: b"v1", folder=tmp_path).get("a") == 1
    # Another version of what the values depend on keeps a table of its own.
    assert cache.KeptTable("things", lambda: b"v2", folder=tmp_path).get("a") is None


def test_kept_tables_of_two_runs_are_merged(tmp_path: Path) -> None:
    one = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    two = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    one.get("x"), two.get("x")  # both read the (empty) table first
    one.add("a", 1)
    two.add("b", 2)
    one.write()
    two.write()
    later = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    assert (later.get("a"), later.get("b")) == (1, 2)


def test_a_kept_table_grown_too_large_keeps_what_its_last_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_MAX_KEPT", 3)
    old = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    for key in "abc":
        old.add(key, key)
    old.write()
    run = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    assert run.get("a") == "a"
    run.add("d", "d")
    run.write()
    after = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    assert [after.get(k) for k in "abcd"] == ["a", None, None, "d"]


def test_a_damaged_or_unwritable_kept_table_costs_only_time(tmp_path: Path) -> None:
    table = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    table.path().write_bytes(b"not a pickle")
    assert table.get("a") is None
    blocked = cache.KeptTable("things", lambda: b"v", folder=tmp_path / "file")
    (tmp_path / "file").write_text("a file where the folder would be")
    blocked.add("a", 1)
    blocked.write()  # no error


@pytest.mark.parametrize(
    ("written", "flags"),
    [
        (r"\b(?P<n>\d+)\s*(?:km|miles?)\b(?!\s+away)", 0),
        (r"\bcalves?\b", re.IGNORECASE),
        (r"(?<!\bno\s)(?P<fact>swollen|swelling)(?:\s+(?P<side>left|right))?", 0),
        (r"^\s*(?P<who>[A-Z]\w+):", re.MULTILINE),
    ],
)
def test_a_kept_regex_is_the_one_re_compiles_also_when_read_back(
    written: str, flags: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Calves swollen left after 12 km,\nDan: no swelling, 3 miles away, my calf"
    plain = re.compile(written, flags)
    want = [(m.span(), m.groups()) for m in plain.finditer(text)]
    monkeypatch.setattr(regexes, "_KEPT", cache.KeptTable("r", lambda: b"v", folder=tmp_path))
    compiled = regexes.kept_regex(written, flags)
    regexes._KEPT.write()
    monkeypatch.setattr(regexes, "_KEPT", cache.KeptTable("r", lambda: b"v", folder=tmp_path))
    monkeypatch.setattr(regexes.sre_parse, "parse", None)  # read back: a parse would fail
    kept = regexes.kept_regex(written, flags)
    for regex in (compiled, kept):
        assert (regex.pattern, regex.flags, regex.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groupindex,
        )
        assert [(m.span(), m.groups()) for m in regex.finditer(text)] == want


def test_a_kept_pattern_reads_back_its_needed_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = r"\b(?:calf|calves)\s+(?:is\s+)?swollen\b"
    fresh = compile_pattern(written)
    monkeypatch.setattr(regexes, "_KEPT", cache.KeptTable("p", lambda: b"v", folder=tmp_path))
    regexes.kept_pattern(written)
    regexes._KEPT.write()
    monkeypatch.setattr(regexes, "_KEPT", cache.KeptTable("p", lambda: b"v", folder=tmp_path))
    monkeypatch.setattr(regexes.sre_parse, "parse", None)
    kept = regexes.kept_pattern(written)
    assert (kept.body, kept.boundary, kept.needs, kept.also) == (
        fresh.body,
        fresh.boundary,
        fresh.needs,
        fresh.also,
    )
    assert kept.regex.search("my calves swollen").span() == (3, 17)


def test_the_answer_index_read_back_answers_as_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from crampcoach import package_knowledge
    from crampcoach.core.answers import answer_question, build_index
    from crampcoach.knowledge.faq import load_faq

    monkeypatch.setattr(cache, "cache_folder", lambda: tmp_path)
    faq = load_faq()
    fresh = build_index(faq.entries, real_words=faq.known_words)
    package_knowledge._kept_index(faq)  # built, and kept
    assert len(list(tmp_path.glob("answers-*.pickle"))) == 1
    read_back = package_knowledge._kept_index(faq)
    held_out = Path(__file__).resolve().parents[1] / "data" / "ask_heldout.jsonl"
    questions = [json.loads(line)["question"] for line in held_out.read_text().splitlines()]
    for question in questions:
        want, got = answer_question(question, fresh), answer_question(question, read_back)
        assert (got.topic, got.confidence, got.alternatives) == (
            want.topic,
            want.confidence,
            want.alternatives,
        )


def test_a_kept_table_changed_on_disk_is_not_read(tmp_path: Path) -> None:
    table = cache.KeptTable("things", lambda: b"v", folder=tmp_path)
    table.add("a", "the value kept")
    table.write()
    path = table.path()
    path.write_bytes(path.read_bytes().replace(b"the value kept", b"the value made"))
    assert cache.KeptTable("things", lambda: b"v", folder=tmp_path).get("a") is None


def test_a_kept_program_that_cannot_be_used_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = r"\b(?:the|this)\s+(?P<part>calf|foot)\b"
    table = cache.KeptTable("r", lambda: b"v", folder=tmp_path)
    flags, code, groups, groupindex, indexgroup = regexes._program_of(
        regexes.sre_parse.parse(written)
    )
    table.add(("regex", written, 0), (flags, code[:-8], groups, groupindex, indexgroup))
    table.add(("pattern", written), ("body", False, None, (), (flags, b"", 0, {}, ())))
    monkeypatch.setattr(regexes, "_KEPT", table)
    regex = regexes.kept_regex(written)
    assert regex.search("in the calf").group("part") == "calf"
    assert regexes.kept_pattern(written).regex.search("this foot") is not None
