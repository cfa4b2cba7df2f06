"""The one reader of the knowledge base's YAML files; its errors name the file and place."""

from __future__ import annotations

from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crampcoach.errors import KnowledgeError, describe_validation_error

Model = TypeVar("Model", bound=BaseModel)


@cache
def _loader() -> Any:
    """The safe loader of the knowledge files (libyaml's when PyYAML has it: several times
    faster than pure Python), refusing a key twice in one mapping (YAML would keep the last
    one, and an entry's `patterns` written twice would silently lose the first list).

    PyYAML is imported here, when a file is read: a run that reads the knowledge back from
    its kept copy (knowledge/cache.py) never parses YAML, and importing it cost 10 ms.
    """
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep)

    return Loader


def read_yaml(source: Path | Traversable, name: str | None = None) -> Any:
    """The data in one YAML file, as plain lists, dicts and scalars.

    `name` is how errors name the file (its file name unless given). Raises
    KnowledgeError for a missing or unreadable file and for invalid YAML.
    """
    import yaml

    name = name or source.name
    try:
        # _loader() is a SafeLoader (CSafeLoader when built): no object is made from a tag.
        return yaml.load(source.read_text(encoding="utf-8"), Loader=_loader())  # nosec B506
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{name}: file missing") from exc
    except OSError as exc:
        raise KnowledgeError(f"{name}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc


def read_word_list(source: Path | Traversable) -> list[str]:
    """The words of a JSON list of words (lexicon_known_words.json, faq_known_words.json);
    KnowledgeError names the file when it is not one."""
    import json

    try:
        words = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"{source.name}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{source.name}: not valid JSON: {exc}") from exc
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise KnowledgeError(f"{source.name}: expected a list of words")
    return words


def place_in_sections(loc: tuple[str, ...]) -> str:
    """Where a problem is in a file of sections of named entries (plan.yaml).

    For `describe_validation_error`: "(file)", "entry <section>", or
    "entry <section>.<name>: field <field>".
    """
    if not loc:
        return "(file)"
    if len(loc) == 1:
        return f"entry {loc[0]}"
    return f"entry {loc[0]}.{loc[1]}: field {'.'.join(loc[2:]) or '(entry)'}"


def parse_sections(model: type[Model], data: Any, file_name: str) -> Model:
    """Validate the already-read data of a file of sections (plan.yaml) against `model`.

    Raises KnowledgeError naming the file, the entry and the field of the first problem.
    """
    if not isinstance(data, dict):
        raise KnowledgeError(f"{file_name}: expected a mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc, place_in_sections, first_only=True)
        raise KnowledgeError(f"{file_name}: {problem}") from exc


def load_sections(model: type[Model], file_name: str, path: Path | None = None) -> Model:
    """Read and validate a file of sections: the package's own `file_name` in
    knowledge/data, unless `path` is given. KnowledgeError names file, entry and field."""
    from importlib import resources

    if path is None:
        source: Path | Traversable = resources.files("crampcoach.knowledge") / "data" / file_name
        return parse_sections(model, read_yaml(source, file_name), file_name)
    return parse_sections(model, read_yaml(path, str(path)), str(path))
