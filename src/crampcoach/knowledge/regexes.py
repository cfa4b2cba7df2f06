r"""How a knowledge pattern (a regular expression in the YAML) is compiled: once, when it is
checked, into the form the story matcher searches with.

Python's re finds a pattern that starts with letters far faster than one that starts with
\b, so a leading \b is left out of the compiled pattern (the matcher checks it on each
match), and the words one of which every match contains are read from the same parse, so
that a text holding none of them is never searched.
"""

from __future__ import annotations

import re
import re._compiler as sre_compile  # type: ignore[import-not-found]  # compiles a parse
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]  # the parser of re patterns
from typing import Any, NamedTuple


class CompiledPattern(NamedTuple):
    regex: re.Pattern[str]
    boundary: bool  # a leading \b was left out of `regex`: check it on each match
    needs: tuple[str, ...] | None  # one of these is in every match; None: not known


def compile_pattern(pattern: str) -> CompiledPattern:
    """`pattern`, parsed once: its words needed and its compiled form. Raises re.error."""
    body, boundary = pattern_body(pattern)
    parsed = sre_parse.parse(body)
    needs = _needs_of(parsed)
    return CompiledPattern(sre_compile.compile(parsed), boundary, needs)


def checked(patterns: list[str]) -> tuple[CompiledPattern, ...]:
    """Each of `patterns` compiled; ValueError names the first that does not compile."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_pattern(pattern))
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from exc
    return tuple(compiled)


# What can open or close a group, or split a pattern, with escapes and [classes] whole.
_PATTERN_TOKENS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]")


def _without_leading_boundary(pattern: str) -> str | None:
    r"""`pattern` less its leading \b, when that \b governs the whole pattern; else None."""
    if not pattern.startswith("\\b") or pattern[2:3] in ("", "*", "+", "?", "{", "|"):
        return None
    rest, depth = pattern[2:], 0
    for token in _PATTERN_TOKENS.finditer(rest):
        if token.group() == "(":
            depth += 1
        elif token.group() == ")":
            depth -= 1
        elif token.group() == "|" and depth == 0:
            return None  # "\ba|b": the other branch has no \b
    return rest


def pattern_body(pattern: str) -> tuple[str, bool]:
    r"""The pattern to compile, and whether a leading \b was left out of it to check apart."""
    body = _without_leading_boundary(pattern)
    return (pattern, False) if body is None else (body, True)


_MAX_NEEDS = 24  # more alternatives than this cost more to look for than the search itself
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _needs_of(parsed: Any) -> tuple[str, ...] | None:
    """Strings one of which every match of the parsed pattern contains; None when none are
    known. Read from the parse: a run of literal characters, the union over the branches of
    an alternation, the body of a group or of a repeat that must occur at least once.
    Case-insensitive patterns are never filtered."""
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    needs = _required(list(parsed))
    if not needs or "" in needs or len(needs) > _MAX_NEEDS:
        return None
    return tuple(sorted(needs))


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best known set of strings one of which a match of this sequence contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _item_required(op, arg) if op is not None else None
        if found:
            candidates.append(found)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def _item_required(op: Any, arg: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = arg
        if add_flags & (re.IGNORECASE | re.LOCALE):
            return None
        return _required(list(body))
    if op is sre.ATOMIC_GROUP:
        return _required(list(arg))
    if op in _REPEATS:
        low, _high, body = arg
        return _required(list(body)) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _required(list(branch))
            if not found:
                return None
            union |= found
        return frozenset(union)
    return None
