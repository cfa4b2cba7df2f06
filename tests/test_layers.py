"""Imports run one way (docs/architecture.md): each module imports only its layer and below.

The import graph is read from the source (ast), every import counted: at the top, inside
functions and under TYPE_CHECKING. The core is also checked for purity: no module that
does I/O, no printing, no files, no clock.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# Bottom to top. A module may import from its own layer and the layers below it.
# "crampcoach" (the package's __init__, the public API) matches itself only.
LAYERS: dict[str, tuple[str, ...]] = {
    "foundation": (
        "crampcoach.errors",
        "crampcoach.message",
        "crampcoach.units",
        "crampcoach.i18n",
    ),
    "knowledge": ("crampcoach.knowledge",),
    "core": ("crampcoach.core",),
    "adapters": ("crampcoach.diary", "crampcoach.embeddings"),
    "coach": (
        "crampcoach",
        "crampcoach.coach",
        "crampcoach.package_knowledge",
        "crampcoach.conveniences",
        "crampcoach.contract",
        "crampcoach.reference",
        "crampcoach.evidence",
        "crampcoach.settings",
        "crampcoach.profile_store",
        "crampcoach.views",
        "crampcoach.plan_words",
        "crampcoach.forecast_words",
        "crampcoach.pattern_words",
        "crampcoach.diary_checks",
        "crampcoach.diary_words",
        "crampcoach.fact_words",
        "crampcoach.uploads",
        "crampcoach.import_jobs",
        "crampcoach.job_worker",
        "crampcoach.diary_methods",
        "crampcoach.plan_methods",
        "crampcoach.shared_database",
        "crampcoach.team_words",
        "crampcoach.server",
    ),
    "faces": ("crampcoach.cli", "crampcoach.api", "crampcoach.web", "crampcoach.__main__"),
}
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}

# What the pure core may not import: I/O, the process, the terminal, the database.
IMPURE_MODULES = frozenset(
    {
        *("os", "sys", "io", "pathlib", "shutil", "tempfile", "glob", "importlib", "logging"),
        *("sqlite3", "subprocess", "socket", "urllib", "http", "time"),
        *("typer", "rich", "sqlalchemy", "alembic", "matplotlib", "platformdirs"),
    }
)
IMPURE_CALLS = frozenset({"open", "print", "input"})  # builtins that read or write
CLOCK_CALLS = frozenset({"now", "today", "utcnow"})  # the core is given `today`


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted((SRC / "crampcoach").rglob("*.py"))}


def layer_of(module: str) -> str | None:
    """The layer of a crampcoach module (longest matching prefix), None for others."""
    matches = [
        (len(prefix), layer)
        for layer, prefixes in LAYERS.items()
        for prefix in prefixes
        if module == prefix or (prefix != "crampcoach" and module.startswith(prefix + "."))
    ]
    return max(matches)[1] if matches else None


def imported(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in MODULES else base))
    return list(dict.fromkeys(found))


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """Each import of `module` that reaches a higher layer, or an unknown one."""
    own = layer_of(module)
    if own is None:
        return [f"{module}: in no layer; add it to LAYERS and docs/architecture.md"]
    problems = []
    for line, target in imported(module, source, is_package):
        if target.split(".")[0] != "crampcoach":
            continue
        theirs = layer_of(target)
        if theirs is None or RANK[theirs] > RANK[own]:
            problems.append(f"{module}:{line} ({own}) imports {target} ({theirs})")
    return problems


def impurities(module: str, source: str) -> list[str]:
    """I/O, printing and clock reads in a core module."""
    problems = []
    for line, target in imported(module, source):
        if target.split(".")[0] in IMPURE_MODULES:
            problems.append(f"{module}:{line} imports {target}")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id in IMPURE_CALLS:
            problems.append(f"{module}:{node.lineno} calls {node.func.id}()")
        if isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS:
            problems.append(f"{module}:{node.lineno} reads the clock ({node.func.attr}())")
    return problems


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    path = MODULES[module]
    source = path.read_text(encoding="utf-8")
    assert violations(module, source, path.name == "__init__.py") == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) == "core"))
def test_the_core_is_pure(module: str) -> None:
    assert impurities(module, MODULES[module].read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("crampcoach.knowledge.loader", "from crampcoach.core.findings import compile_rule"),
        ("crampcoach.knowledge.lexicon", "def f():\n    import crampcoach.core.intake"),
        ("crampcoach.core.assess", "from crampcoach.diary.repository import Diary"),
        ("crampcoach.core.safety", "from crampcoach.coach import Coach"),
        ("crampcoach.core.story.parser", "from ...cli import app"),
        ("crampcoach.diary.records", "from crampcoach import coach"),
        ("crampcoach.coach", "from crampcoach.cli.render import assessment_view"),
        ("crampcoach.errors", "from crampcoach.knowledge.loader import KnowledgeBase"),
        ("crampcoach.newthing", "import json"),
    ],
)
def test_an_import_against_the_layers_is_found(module: str, source: str) -> None:
    assert violations(module, source), source


@pytest.mark.parametrize(
    "source",
    [
        "from pathlib import Path",
        "import os.path",
        "def f():\n    print('hi')",
        "def f(p):\n    return open(p).read()",
        "from datetime import date\nx = date.today()",
        "from sqlalchemy import select",
    ],
)
def test_impurity_in_the_core_is_found(source: str) -> None:
    assert impurities("crampcoach.core.example", source), source


def test_architecture_doc_lists_the_layers() -> None:
    """docs/architecture.md's layer table names the same modules, in the same order."""
    rows = [
        line
        for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines()
        if re.match(r"\|\s*\d", line)
    ]
    documented = {
        cells[1].strip().split()[-1]: tuple(re.findall(r"`(crampcoach[\w.]*)`", cells[2]))
        for cells in (row.split("|") for row in rows)
    }
    assert list(documented) == list(reversed(LAYERS))  # the table runs top to bottom
    assert {k: sorted(v) for k, v in documented.items()} == {
        k: sorted(v) for k, v in LAYERS.items()
    }
