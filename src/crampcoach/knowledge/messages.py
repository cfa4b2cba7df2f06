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
    if name == "concepts.json":
        for level in json.loads(raw)["triage_levels"]:
            yield 1, "", level["meaning"], [f"triage level {level['id']}"]
        return
    sections: dict[str, type[BaseModel]] = {"plan.yaml": PlanRules, "records.yaml": RecordRules}
    if name in sections:  # sections, not a list of entries
        rules = sections[name].model_validate(yaml.safe_load(raw))
        for where, text in person_texts(rules):
            yield 1, "", text, [where]
        return
    model = ENTRY_MODELS.get(name)
    if model is None:
        return
    data = yaml.safe_load(raw) or []
    lines = _entry_lines(raw)
    for number, raw_entry in enumerate(data):
        entry = model.model_validate(raw_entry)
        label = getattr(entry, "id", f"#{number + 1}")
        line = lines[number] if number < len(lines) else 1
        for where, text in person_texts(entry):
            yield line, "", text, [f"{label}.{where}", *_number_notes(entry, text)]


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
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("concepts.json")]):
        with path.open("rb") as handle:
            for _, _, text, notes in extract(handle, None, None, None):
                yield f"{path.name}: {notes[0]}", text


def untranslated(folder: Path, lang: str) -> list[str]:
    """Where a knowledge text of `folder` has no translation in `lang`'s catalogue (a
    missing or empty one); nothing for English, the language of the texts themselves."""
    from crampcoach.i18n import SOURCE, translated_ids

    if lang == SOURCE:
        return []
    known = translated_ids(lang)
    return [where for where, text in knowledge_messages(folder) if text not in known]
