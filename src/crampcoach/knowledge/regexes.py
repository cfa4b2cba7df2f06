r"""How a knowledge pattern (a regular expression in the YAML) is compiled: parsed once, when
it is checked, into the form the story matcher searches with.

Python's re finds a pattern that starts with letters far faster than one that starts with
\b, so a leading \b is left out of the compiled pattern (the matcher checks it on each
match), and the words one of which every match contains are read from the same parse, so
that a text holding none of them is never searched. The parse is turned into a regex on
first search: most patterns are never searched in a run of a few stories, and compiling
them all took a tenth of a second of every start-up.

A lexicon kept on disk (`knowledge.cache`) keeps each pattern's compiled program with it,
so that a process reading the lexicon back builds a pattern's regex from its program on
first search instead of parsing and compiling it again. Each process of a JSON-lines run
compiled the same two hundred regexes this way: a tenth of a second each.

The story reader's own regular expressions (in the code of `core/story/`) are compiled
through `kept_regex` and `kept_pattern`: their programs are kept in a table in the cache
folder (`cache.KeptTable`), by pattern, and read back by the next run of this Python.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # builds a regex from a compiled program
import re
import re._compiler as sre_compile  # type: ignore[import-not-found]  # compiles a parse
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]  # the parser of re patterns
import sys
from array import array
from importlib import resources
from typing import Any

from crampcoach.knowledge.cache import KeptTable

# What re's compiler makes of a parse, all plain values that pickle: the flags, the
# program (its words as bytes), the number of groups and their names both ways.
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_CODE = "I"  # an array of C unsigned ints holds one word of a program each (re's CODESIZE 4)


class CompiledPattern:
    """A checked pattern: its words needed, and its regex, compiled from the parse on first use.

    It pickles as its body, what was read from its parse and its compiled program (a lexicon
    kept on disk between runs, `knowledge.cache`, made by the same Python): the regex is
    built from the program on first use, without parsing or compiling the body again.
    """

    __slots__ = ("_parsed", "_program", "_regex", "also", "body", "boundary", "needs")

    def __init__(
        self,
        body: str,
        parsed: Any,
        boundary: bool,
        needs: tuple[str, ...] | None,
        also: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        self.body = body  # the pattern less any leading \b left out (`boundary`)
        self._parsed = parsed  # None: parsed again on first use
        self._program: Program | None = None  # read back from disk: the regex is built of it
        self._regex: re.Pattern[str] | None = None
        self.boundary = boundary  # a leading \b was left out of `regex`: check it on each match
        self.needs = needs  # one of these is in every match; None: not known
        # Further sets of strings, one of each of which every match also contains.
        self.also = also

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            if self._program is not None:
                self._regex = _from_program(self._program)
                self._program = None
            else:
                self._regex = sre_compile.compile(self._parse())
            self._parsed = None  # the parse is not needed again
        return self._regex

    def _parse(self) -> Any:
        return self._parsed if self._parsed is not None else sre_parse.parse(self.body)

    def __getstate__(self) -> _State:
        # The parse and the regex hold re's own constants, which do not pickle; the program
        # is plain numbers and names (kept as read back, if the regex was never built).
        program = self._program if self._program is not None else _program_of(self._parse())
        return self.body, self.boundary, self.needs, self.also, program

    def __setstate__(self, state: _State) -> None:
        self.body, self.boundary, self.needs, self.also, self._program = state
        self._parsed = self._regex = None


_State = tuple[str, bool, tuple[str, ...] | None, tuple[tuple[str, ...], ...], Program]


def _program_of(parsed: Any) -> Program:
    """The program re's compiler makes of `parsed`, as `re._compiler.compile` makes it."""
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    code = array(_CODE, sre_compile._code(parsed, 0)).tobytes()
    return parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _from_program(program: Program, source: str | None = None) -> re.Pattern[str]:
    """The regex of a program from `_program_of` (the same as `re._compiler.compile` gives:
    this Python made the program, as a lexicon kept on disk is read only by its maker), its
    `pattern` the `source` it was compiled from."""
    flags, code, groups, groupindex, indexgroup = program
    words = array(_CODE)
    words.frombytes(code)
    regex: re.Pattern[str] = _sre.compile(
        source, flags, words.tolist(), groups, groupindex, indexgroup
    )
    return regex


def _kept_version() -> bytes:
    """What a kept program depends on: this Python's re, and this module (what `_needs_of`
    reads from a parse)."""
    return (
        sys.version.encode()
        + b"\0"
        + resources.files(__package__).joinpath("regexes.py").read_bytes()
    )


# The compiled programs of the story reader's own regular expressions (the code's, not the
# lexicon's: those are kept with the lexicon), by pattern. Parsing and compiling them took
# a tenth of every start-up's time; a program is turned back into its regex in a fiftieth
# of the time.
_KEPT = KeptTable("regexes", _kept_version)


def kept_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, built from its program when a run of this Python kept
    it, else compiled (and kept for the runs after)."""
    key = ("regex", pattern, int(flags))
    program: Program | None = _KEPT.get(key)
    if program is not None:
        try:
            return _from_program(program, pattern)
        except Exception:  # nosec B110 (a program that cannot be used is compiled again)
            pass
    program = _program_of(sre_parse.parse(pattern, flags))
    _KEPT.add(key, program)
    return _from_program(program, pattern)


def kept_pattern(pattern: str) -> CompiledPattern:
    """`compile_pattern(pattern)`, read back from a run of this Python that kept it."""
    key = ("pattern", pattern)
    state: _State | None = _KEPT.get(key)
    if state is not None:
        try:
            kept = CompiledPattern.__new__(CompiledPattern)
            kept.__setstate__(state)
            kept.regex  # noqa: B018 (built now: a program that cannot be used is compiled again)
            return kept
        except Exception:  # nosec B110
            pass
    compiled = compile_pattern(pattern)
    _KEPT.add(key, compiled.__getstate__())
    return compiled


# Look-behinds are the only part of a parsed pattern that its compiling can still refuse
# ("look-behind requires fixed-width pattern"): a pattern with one is compiled at once.
_LOOK_BEHIND = re.compile(r"\(\?<[=!]")


def compile_pattern(pattern: str) -> CompiledPattern:
    """`pattern`, parsed once: its words needed and its regex (compiled on first use).

    Raises re.error for a pattern that does not compile.
    """
    body, boundary = pattern_body(pattern)
    parsed = sre_parse.parse(body)
    needs, also = _needs_of(parsed)
    compiled = CompiledPattern(body, parsed, boundary, needs, also)
    if _LOOK_BEHIND.search(body):
        compiled.regex  # noqa: B018 (compiled now, so that a bad look-behind is refused now)
    return compiled


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


# More alternatives than this cost more to look for than the search itself. (A text is
# looked through once for all rules' words, by their first letters: see the matcher.)
_MAX_NEEDS = 100
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _needs_of(parsed: Any) -> tuple[tuple[str, ...] | None, tuple[tuple[str, ...], ...]]:
    """Strings one of which every match of the parsed pattern contains (None when none are
    known), and further such sets. Read from the parse: a run of literal characters, the
    union over the branches of an alternation, the body of a group or of a repeat that must
    occur at least once. Case-insensitive patterns are never filtered."""
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None, ()
    found = [
        needs
        for needs in _all_required(list(parsed))
        if "" not in needs and len(needs) <= _MAX_NEEDS
    ]
    if not found:
        return None, ()
    best = max(found, key=_selectivity)
    also = {
        tuple(sorted(needs))
        for needs in found
        if needs != best and (needs == _DIGITS or min(len(s) for s in needs) >= _MIN_ALSO)
    }
    return tuple(sorted(best)), tuple(sorted(also))


_MIN_ALSO = 2  # a further set with a one-letter string rules out almost no text
_DIGITS = frozenset("0123456789")  # but a digit is rare enough in a story: "62M", "8/10"
_DIGIT_CLASSES = ([(sre.CATEGORY, sre.CATEGORY_DIGIT)], [(sre.RANGE, (ord("0"), ord("9")))])


def _selectivity(needs: frozenset[str]) -> tuple[int, int]:
    """The rarer in a text, the higher: the shortest string the longest, then fewest."""
    return min(len(s) for s in needs), -len(needs)


def _all_required(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every known set of strings one of which a match of this sequence contains: a run of
    literals, and what its groups and repeats (at least once) require in turn."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN and not arg[1] & (re.IGNORECASE | re.LOCALE):
            found += _all_required(list(arg[3]))
        elif op is sre.ATOMIC_GROUP:
            found += _all_required(list(arg))
        elif op in _REPEATS and arg[0] >= 1:
            found += _all_required(list(arg[2]))
        elif op is sre.BRANCH and (union := _branches_required(arg[1])):
            found.append(union)
        elif op is sre.IN and arg in _DIGIT_CLASSES:
            found.append(_DIGITS)
    return found


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best known set of strings one of which a match of this sequence contains."""
    found = _all_required(items)
    return max(found, key=_selectivity) if found else None


def _branches_required(branches: list[Any]) -> frozenset[str] | None:
    """One of these is in every match of an alternation: the union of its branches' best."""
    union: set[str] = set()
    for branch in branches:
        found = _required(list(branch))
        if not found:
            return None
        union |= found
    return frozenset(union)
