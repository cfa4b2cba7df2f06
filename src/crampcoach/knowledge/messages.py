"""The knowledge texts a person reads, as messages of the gettext catalogue.

Each schema names its person-facing fields in `TEXTS` (a factor's label and plain words,
a red flag's why and steps, a relief step...). `person_texts` walks a loaded entry for
them; `extract` is the Babel extractor `make messages` runs over the knowledge files
(babel.cfg), so every knowledge text is a message id of `locale/crampcoach.pot`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import BaseModel

from crampcoach.knowledge.faq import FaqEntry
from crampcoach.knowledge.plan_rules import PlanRules
from crampcoach.knowledge.record_rules import RecordRules
from crampcoach.knowledge.schema import Factor, Finding, Muscle, RedFlag, SeedStatement

# The knowledge files that hold texts, and the schema of their entries.
ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "factors.yaml": Factor,
    "faq.yaml": FaqEntry,
    "findings.yaml": Finding,
    "muscles.yaml": Muscle,
    "red_flags.yaml": RedFlag,
    "seed_coverage.yaml": SeedStatement,
}


def person_texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every person-facing text in `value`, an entry or a part of one."""
    if isinstance(value, BaseModel):
        texts = getattr(value, "TEXTS", ())
        for name in type(value).model_fields:
            field = getattr(value, name)
            where = f"{path}.{name}" if path else name
            if name in texts:
                many = isinstance(field, list | tuple)
                for i, item in enumerate(field if many else [field]):
                    if isinstance(item, str) and item:
                        yield (f"{where}.{i}" if many else where), item
            else:
                yield from person_texts(field, where)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from person_texts(item, f"{path}.{i}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from person_texts(item, f"{path}.{key}")


def _entry_lines(text: str) -> list[int]:
    """The line (from 1) where each entry of a YAML list starts."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor: (line, "", text, [where]) for each person-facing text of one file."""
    name = Path(getattr(fileobj, "name", "")).name
    raw = fileobj.read().decode("utf-8")
    data = json.loads(raw) if name == "concepts.json" else yaml.safe_load(raw)
    lines = _entry_lines(raw) if name in ENTRY_MODELS else []
    for number, where, text, entry in file_texts(name, data):
        line = lines[number] if number < len(lines) else 1
        notes = _number_notes(entry, text) if entry is not None else ()
        yield line, "", text, [where, *notes]


def file_texts(name: str, data: Any) -> Iterator[tuple[int, str, str, BaseModel | None]]:
    """(entry number, where, text, entry) of each person-facing text in the data of the
    knowledge file `name`, already read; nothing for a file without texts."""
    if name == "concepts.json":
        for level in data["triage_levels"]:
            yield 0, f"triage level {level['id']}", level["meaning"], None
        return
    sections: dict[str, type[BaseModel]] = {"plan.yaml": PlanRules, "records.yaml": RecordRules}
    if name in sections:  # sections, not a list of entries
        for where, text in person_texts(sections[name].model_validate(data)):
            yield 0, where, text, None
        return
    model = ENTRY_MODELS.get(name)
    if model is None:
        return
    for number, raw_entry in enumerate(data or []):
        entry = model.model_validate(raw_entry)
        label = getattr(entry, "id", f"#{number + 1}")
        for where, text in person_texts(entry):
            yield number, f"{label}.{where}", text, entry


def _number_notes(entry: BaseModel, text: str) -> Iterator[str]:
    """For a translator: what each number of `text` is and whom it was measured in (from the
    entry's claims). A translation keeps every number as it is."""
    for claim in getattr(entry, "claims", ()):
        if claim.quote in text:
            for n in claim.numbers:
                sources = ", ".join(claim.sources)
                yield f"{n.value} {n.unit}: {n.what}; {n.population}; {n.setting} ({sources})"


def knowledge_messages(folder: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of every knowledge text in the data files of `folder`: the messages
    `extract` gives the catalogue."""
    from crampcoach.knowledge.files import read_yaml

    concepts = folder / "concepts.json"
    yield from _named("concepts.json", json.loads(concepts.read_text(encoding="utf-8")))
    for path in sorted(folder.glob("*.yaml")):
        if path.name in ENTRY_MODELS or path.name in ("plan.yaml", "records.yaml"):
            yield from _named(path.name, read_yaml(path))


def _named(name: str, data: Any) -> Iterator[tuple[str, str]]:
    for _, where, text, _ in file_texts(name, data):
        yield f"{name}: {where}", text


def untranslated(folder: Path, lang: str) -> list[str]:
    """Where a knowledge text of `folder` has no translation in `lang`'s catalogue (a
    missing or empty one); nothing for English, the language of the texts themselves."""
    from crampcoach.i18n import SOURCE, translated_ids

    if lang == SOURCE:
        return []
    known = translated_ids(lang)
    return [where for where, text in knowledge_messages(folder) if text not in known]
