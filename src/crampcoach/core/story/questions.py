"""Signs asked of in a question: "was the urine brown? (no)" denies dark urine, "she
asked if my lips were tingling, but no" denies tingling, and "could this be ALS?" tells
no condition. The story answers its own questions; a sign only asked of is not said.
"""

from __future__ import annotations

from crampcoach.knowledge.regexes import kept_regex

# Words after "no" that answer nothing: "no idea", "no one knows", "no wait".
ANSWERS_NOTHING = (
    r"(?!\s+(?:idea|clue|one|doubt|way|matter|sure|longer|more\s+than|wait|wonder|kidding|joke"
    r"|lie|question|surprise)\b)"
)
# A sign asked of in a question the story answers "no" ("was the urine brown? (no)",
# "any swelling or heat? none"): the question opens with an auxiliary or "any", and
# its answer follows the question mark. "No idea" and "no one knows" answer nothing.
_QUESTION_OPENER = kept_regex(
    r"\s*[\"'(\[-]*\s*(?:and\s+|so\s+|also\s+)?(?:was|were|is|are|am|did|do|does|had|has|have|"
    r"any|anything|ever|could|can|got|might|may|is\s+there|are\s+there)\b"
)
_CLAUSE_MARK = kept_regex(r"[.;:!?\n()\[\]]")
_QUESTION_ANSWER = kept_regex(
    r"\?\s*[(\[:\-\u2013\u2014]?\s*(?:no|none|nope|nah|nil|negative|neither|nothing|never)\b"
    + ANSWERS_NOTHING
)
# The same answer a line or a question later, standing alone: "Any weakness? Trouble
# getting up from a chair?" then, in a chat, "[19:41] Mum: No." A bare answer only, as
# "No dizziness" after two questions denies the dizziness, not the sign asked first.
_LATER_ANSWER = kept_regex(
    r"\?(?:[ \t]*[^.?!\n]{1,80}\?){0,2}"
    r"(?:\s*\n\s*(?:\[[^\]\n]{1,30}\]\s*)?(?:[a-z][a-z' ]{0,20}:)?)?"
    r"\s*(?:no|nope|nah|none|nothing|never)\s*(?:[.!,;\n]|$)"
)
_QUESTION_REACH = 160  # characters: a question asking of a sign is short
_LABEL_WORDS = 6  # a question with no asking word ("Swelling in that leg?") is a label
# The answer that denies a label: "no" alone, ending its sentence or line, or "no" with
# "normal" or "fine" after it (not "no...", "no wonder", "never", "no, but").
_BARE_NO = kept_regex(
    r"\?\s*[(\[]?\s*(?:no|nope|nah|none)\s*(?:[.!;)\]]?\s*(?:\n|$)|[.!;)\]](?=\s)"
    r"|,\s*(?:normal|fine|ok|okay|clear|all\s+good|nothing|never)\b)"
)
_CLAUSE_MARK_OR_COMMA = kept_regex(r"[,;:.?\-\u2013\u2014]")
# Asked in reported speech ("she asked if my lips were tingling, but no"): the answer
# follows the clause, after a comma or a full stop.
_REPORTED_QUESTION = kept_regex(
    r"\b(?:ask\w*|wonder\w*|want\w*\s+to\s+know|check\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:if|whether|about|for)\b"
)
# The answer, after a mark, told bare or as said ("checked for swelling, he replied no"), or
# right after the sign only as said ("we asked Gran about numbness and she said no"). A bare
# answer stands alone: ", no tests were done", "and nothing came of it", ", neither of us
# knew" answer nothing; nor does "he said nothing".
_BARE_ANSWER = r"(?:no|nope|nah|none|neither|nothing)(?=\s*(?:[,.;:!?)\n]|$))|not\s+at\s+all\b"
_SAID_ANSWER = r"(?:no|nope|nah)\b" + ANSWERS_NOTHING + r"|not\s+at\s+all\b"
_SAID = (
    r"(?:he|she|they|i|we)\s+(?:(?:just|simply|firmly)\s+)?(?:said|says|answered|answers|"
    r"replied|replies|told\s+(?:me|us|him|her|them))\s+(?:that\s+)?"
)
_QUOTE = r"[\"'\u2018\u201c]?"
_REPORTED_ANSWER = kept_regex(
    r"[,;:.?\-\u2013\u2014]\s*(?:but\s+|and\s+|well\s+)?"
    r"(?:" + _SAID + _QUOTE + r"(?:" + _SAID_ANSWER + r")|" + _QUOTE + r"(?:" + _BARE_ANSWER + r"))"
    r"|\s+(?:and|but|to\s+which)\s+" + _SAID + _QUOTE + r"(?:" + _SAID_ANSWER + r")"
)


def asked(norm: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) stand in a question ("could it be ALS?", "was
    the calf hot?"): a clause that opens with an auxiliary or "any" and ends with "?"."""
    close = _CLAUSE_MARK.search(norm, end, end + _QUESTION_REACH)
    if close is None or close.group() != "?":
        return False
    reach = max(0, start - _QUESTION_REACH)
    marks = [m.end() for m in _CLAUSE_MARK.finditer(norm, reach, start)]
    if not marks and reach > 0:
        return False  # the question began too far back to be one about these words
    if marks and norm[marks[-1] - 1] == "?":
        return True  # a question that follows one: "Any numbness? Pins and needles?"
    return bool(_QUESTION_OPENER.match(norm, marks[-1] if marks else 0))


def answered_no(norm: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) are asked of in a question answered "no"."""
    close = _CLAUSE_MARK.search(norm, end, end + _QUESTION_REACH)
    if close is None:
        return False
    if close.group() != "?":
        return _reported_and_denied(norm, start, end)
    at = close.start()
    if asked(norm, start, end):
        return bool(_QUESTION_ANSWER.match(norm, at) or _LATER_ANSWER.match(norm, at))
    return _labelled(norm, start, at) and _BARE_NO.match(norm, at) is not None


def _labelled(norm: str, start: int, at: int) -> bool:
    """Whether the question closing at `at` is a short label of the sign at `start`, as in a
    list of questions and answers ("Cuts on the soles? No."): a few words from the start
    of its clause to the question mark. Such a label is denied only by a bare "no"
    (`_BARE_NO`): "Swollen like this? Never" or "Chest pain? No... it's crushing" say it is
    there."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(norm, max(0, start - _QUESTION_REACH), start)]
    begin = marks[-1] if marks else 0
    if not marks and start > _QUESTION_REACH:
        return False
    return sum(1 for word in norm[begin:at].split() if word[0].isalnum()) <= _LABEL_WORDS


def _reported_and_denied(norm: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) are asked in reported speech answered "no"."""
    begin = max(0, start - _QUESTION_REACH)
    # Most signs have no asking verb before them at all: looked for first, over the whole
    # reach (a match after the last clause mark is one found from `begin` too).
    if _REPORTED_QUESTION.search(norm, begin, start) is None:
        return False
    marks = [m.end() for m in _CLAUSE_MARK.finditer(norm, begin, start)]
    question = _REPORTED_QUESTION.search(norm, marks[-1] if marks else begin, start)
    if question is None:
        return False
    # The answer closes the asked clause: right after the sign, or after the words that end
    # it ("asked about a hot calf, as the leaflet lists: no").
    first = _CLAUSE_MARK_OR_COMMA.search(norm, end, end + 80)
    colon = norm.find(":", end, end + 80)
    return any(
        _REPORTED_ANSWER.match(norm, at)
        for at in (end, first.start() if first else -1, colon)
        if at >= 0
    )
