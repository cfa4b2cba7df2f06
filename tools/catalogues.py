"""The translated catalogues: brought up to the template, checked, compiled (`make messages`).

`pybabel update` and `pybabel compile` would do the first and last, but Babel reads "2% of"
in a message as a %-format and then refuses a translation without it; crampcoach's
messages are formatted with `str.format` only, so this tool checks `{placeholders}`
instead. Every language is `src/crampcoach/locale/<lang>/LC_MESSAGES/crampcoach.po`, and
its compiled `.mo` sits beside it (the package ships the `.mo`; Babel is a dev tool).

    python tools/catalogues.py update   # every message of the template, translations kept
    python tools/catalogues.py compile  # check each catalogue, then write its .mo
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "crampcoach" / "locale"
TEMPLATE = LOCALE / "crampcoach.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/crampcoach.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def problems(catalogue: Catalog, template: Catalog) -> list[str]:
    """What is wrong with a translated catalogue: a message of the template missing or
    empty, or a translation whose placeholders are not the message's."""
    found = []
    for message in template:
        if not message.id:
            continue
        # A plural message (NP_) has a tuple of ids and a translation per plural form.
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = catalogue.get(message.id)
        forms = () if translated is None else translated.string
        forms = forms if isinstance(forms, tuple) else (forms,)
        if not forms or not all(forms):
            found.append(f"no translation: {str(ids[0])[:70]!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(str(ids[-1])))
        if any(sorted(PLACEHOLDER.findall(str(form))) != wanted for form in forms):
            found.append(f"placeholders differ from {wanted}: {str(ids[0])[:70]!r}")
    return found


def update() -> None:
    template = _read(TEMPLATE)
    for path in catalogues():
        catalogue = _read(path)
        created = catalogue.creation_date  # the template has no header: keep the date
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.creation_date = created
        catalogue.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=100, sort_output=True, include_previous=False)


def compile_all() -> int:
    template = _read(TEMPLATE)
    failed = 0
    for path in catalogues():
        catalogue = _read(path)
        found = problems(catalogue, template)
        for problem in found:
            print(f"{path.relative_to(LOCALE)}: {problem}", file=sys.stderr)
        failed += bool(found)
        for message in catalogue:
            message.flags.discard("python-format")
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
    return 1 if failed else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        sys.exit(compile_all())
    else:
        sys.exit(__doc__)
