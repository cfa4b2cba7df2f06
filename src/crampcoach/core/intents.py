"""What a question asks, read from its shape rather than its subject words.

"Is X the cause" and "how much X" can share every noun ("I drank 3 litres and still cramped,
so is it dehydration?"); "should I get it checked" asks for a doctor whatever else it names.
Pure: text in, intent names out. Topics list the intents they answer (faq.yaml `intents`).
"""

from __future__ import annotations

import re

from crampcoach.core.story.phrases import Pattern
from crampcoach.knowledge.regexes import kept_regex

_CONTRACTIONS = (
    (r"\bcan'?t\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"n't\b", " not"),
    # ... and as often typed without the apostrophe: "didnt", "doesnt", "isnt".
    (r"\b(do|does|did|is|are|was|were|has|have|had|would|could|should|must|need)nt\b", r"\1 not"),
    (r"'re\b", " are"),
    (r"'m\b", " am"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"'d\b", " would"),
    (r"'s\b", ""),
)


def plain_text(text: str) -> str:
    """Lowercase, with straight apostrophes and contractions written out."""
    text = text.lower().replace("\u2019", "'").replace("`", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    return text


_INJURY = r"(?:tear|tore|torn|rip|ripped|pull|pulled|strain|strained|sprain|injur\w*|damage\w*)"
_OBJECT = r"(?:it |this |that |them |these |myself |me |(?:my|the|his|her|their|your) \w+ )"
_EXAMINED = r"(?:checked|looked at|seen|examined|tested|investigated)\b"
# "Cramp, or did I tear something?", "how can I tell if it's torn", "strain vs cramp".
_COMPARE = "|".join(
    (
        rf"\bcramp\w*\b.{{0,40}}\bor\b.{{0,40}}{_INJURY}",
        rf"{_INJURY}\b.{{0,40}}\bor\b.{{0,40}}\bcramp",
        rf"\b(?:difference|tell apart|versus|vs)\b.{{0,60}}{_INJURY}",
        rf"{_INJURY}.{{0,60}}\b(?:difference|versus|vs)\b",
        rf"\bhow (?:do|can|would) (?:i|you) (?:tell|know)\b.{{0,60}}{_INJURY}",
    )
)
EFFICACY = "efficacy"  # whether a remedy works at all: it lifts only the remedy named
# Each a `Pattern` (core.story.phrases): a question without the words its every match holds
# is not searched, and most questions hold the words of few intents.
_INTENT_PATTERNS: tuple[tuple[str, Pattern], ...] = tuple(
    (name, Pattern(pattern))
    for name, pattern in (
        ("amount", r"\bhow (?:much|many)\b|\bwhat amount\b|\bper hour\b|\bdose\b"),
        (
            "cause",
            r"\bcaus\w*|\bdue to\b|\bbecause of\b|\bto blame\b|\bblame\b|\breason\b"
            r"|\bbehind (?:it|my|the|this)\b|\bis (?:it|that|this) (?:not |really |just )?"
            r"(?:the|my|a|from|down to)\b|\bit (?:is )?not\b|\bnot (?:from|down to)\b"
            r"|\bafter all\b|\bso it is\b|\bresponsible\b|\bthe culprit\b"
            # "Is cramp a sign that I did not drink enough": is that its cause.
            r"|\b(?:a|the) (?:sign|symptom) (?:of|that|you|i|we|they|your|my)\b"
            # Doubting a cause: "is it really X", "how can it be X", "how it can be X".
            r"|\bis (?:it|that|this) (?:really|actually|truly)\b"
            r"|\b(?:how )?(?:can|could) (?:it|that|this) (?:really |actually )?be\b"
            r"|\bhow (?:it|that|this) (?:can|could) be\b"
            r"|\bwhat (?:else )?(?:could|might|would) (?:it|this|that|they) be\b"
            r"|\b(?:is it|is that|is this|could it be|are they) (?:a |the |just )?"
            r"(?:lack|shortage|deficien\w*|low|not enough|too little)\b"
            # A change, then cramps: "put me on a statin and now my thighs seize".
            r"|\b(?:put|started|switched|moved) (?:me|him|her|them|us) (?:on|onto)\b"
            r"|\b(?:started|starting|began|begun|taking|takes|switched to|new) \w+(?: \w+){0,3}"
            r",? (?:and|&) (?:now|since then|ever since)\b"
            r"|\b(?:ever )?since (?:i |he |she |they |we )?(?:started|starting|began|switched)\b"
            # Doubting that it is just one thing: "isn't cramp simply low salt?"; asking what
            # a cramp tells: "does it mean I haven't had enough salt?".
            r"|\b(?:isn't|is not|aren't|are not) (?:(?:it|that|this|cramp|cramps|a cramp) )?"
            r"(?:just|simply|really|always) \w+"
            r"|\bdoes (?:that|it|this) mean (?:i|you|we|he|she) (?:didn't|didnt|did not|don't|dont"
            r"|am not|wasn't|haven't|need)\b"
            # Asking whether something is the reason: "do I seize up because I ...", "is
            # cramp come because ..." in a learner's English; "was I just run down?".
            r"|\b(?:am i|are (?:we|they|you)|is (?:it|he|she|my \w+|(?:the |this )?cramps?)"
            r"|do (?:i|we|they)|does (?:it|he|she)) (?:\w+ ){0,2}?because\b"
            r"|\b(?:was|am) i (?:just|simply|only) \w+"
            # "Is the cramp mostly from thirst?", "calf cramps are simply down to salt".
            r"|\b(?:are|is) (?:my |the |these |leg |calf |night )?cramps? (?:\w+ )?"
            r"(?:from|down to)\b"
            r"|\bcramps? (?:are|is) (?:\w+ ){0,2}?(?:from|down to)\b",
        ),
        (
            "checkup",
            rf"\bget(?:ting)? {_OBJECT}?{_EXAMINED}|\bhav(?:e|ing) {_OBJECT}{_EXAMINED}"
            r"|\bbe (?:checked|examined|looked at)\b|\bworth (?:seeing|seeking|getting)\b"
            r"|\bsee (?:a |my |the |your )?(?:doctor|doc|gp|physician|physio\w*|specialist"
            r"|professional|nurse|pharmacist|someone|somebody|anybody|anyone)\b"
            r"|\bmedical (?:help|attention|advice|care)\b",
        ),
        ("compare", _COMPARE),
        (
            "relieve",
            r"\b(?:make|get|getting|help) (?:it|them|this|that|the \w+|my \w+) (?:to )?"
            r"(?:stop|release|relax|go away|let go|uncurl|unlock|loosen|ease)\b"
            r"|\bhow (?:do|can|should|would) (?:i|you) (?:stop|release|relieve|ease|unlock|"
            r"loosen|get rid of|uncurl|relax)\b|\bwill not (?:release|relax|uncurl|unlock)\b"
            r"|\b(?:right now|in the moment|mid[- ]?cramp|as it happens|when it (?:hits|strikes))\b"
            r"|\b(?:during|in the middle of) (?:a|the) cramp\b"
            r"|\bwhen (?:my|the|a|your) \w+ (?:cramps?|seizes?|locks?|knots?|spasms?) up\b"
            # Learner's order: "what we can do in that moment", "what I should do if it locks".
            r"|\bwhat (?:i|we) (?:must|should|can|have to|need to) do\b(?! to (?:prevent|avoid))"
            # "The fastest way to ease one", "best thing to loosen it".
            r"|\b(?:fastest|quickest|fast|quick|best) (?:way|ways|thing) to (?:get rid of|stop|"
            r"ease|release|relieve|unlock|loosen)\b",
        ),
        (
            "warmup",
            r"\b(?:easy|light|gentle|slow|short|little|few minutes of)\b.{0,25}"
            r"\b(?:jog\w*|run|running|spin\w*|drills?|mobility|movement|cycl\w*|swim\w*|skipping)\b"
            r".{0,40}\b(?:before|beforehand|prior|first|pre)\b"
            r"|\b(?:before|prior to)\b.{0,40}\b(?:jog\w*|drills?|mobility|activation)\b"
            r"|\b(?:jog\w*|drills|strides|mobility|activation)\b.{0,40}\b(?:before|beforehand|prior)\b"
            r"|\bwarm(?:ing)?[- ]?ups?\b|\bwarm(?:ing)? up\b|\bloosen(?:ing)? up\b",
        ),
        (
            "lingering",
            # ... also "still pain" and "still paining", as Singapore and Indian English say it.
            r"\bstill (?:sore|tender|aches?|aching|achy|hurts?|hurting|painful|pain|paining|stiff"
            r"|bruised)\b"
            r"|\b(?:next|following) (?:day|morning)\b|\bday after\b|\bafterwards\b"
            r"|\b(?:sore|tender|stiff|achy|aching) (?:for|since) (?:days|a day|hours)\b",
        ),
        (
            "identify",
            r"\bwhat (?:was|is) (?:that|this)\b|\bwhat happened\b"
            # What a cramp is, however asked: "what exactly are cramps", "what's a leg cramp".
            r"|\bwhat(?:'s| (?:actually |exactly |really |even )?(?:is|are))"
            r" (?:actually |exactly |really )?(?:a |an )?(?:muscle |leg )?(?:cramps?|spasms?)\b",
        ),
        (
            # Which drink, not how much of it: "which drink is best", "what drink for a race".
            "drink_choice",
            r"\b(?:what|which) (?:kind of |sort of |type of |brand of )?"
            r"(?:drinks?|beverages?)\b(?! (?:amount|much))"
            r"|\bbest (?:drinks?|beverages?)\b"
            r"|\b(?:drinks?|beverages?) (?:is|are|works?) (?:the )?best\b"
            # A drink set against water: "are the tablets better than plain water?"
            r"|\b(?:better|worse) than (?:just |plain |normal |ordinary |tap |still )?water\b"
            r"|\b(?:instead of|rather than) (?:just |plain |normal |ordinary |tap )?water\b",
        ),
        (
            # Whether a remedy works at all: "does it actually help old people", "is there
            # proof", "any point doing it" (the remedy's own topic answers, not the setting).
            EFFICACY,
            r"\b(?:does|do|did|will|would|can|could) (?:it|this|that|they|these|those) "
            r"(?:actually |really |even |ever |truly )?(?:work|help)\b"
            r"|\b(?:actually|really|truly) (?:works?|helps?|working|helping)\b"
            r"|\b(?:is|are) there (?:any )?(?:proof|evidence|science|research|point)\b"
            r"|\bany (?:point|use) (?:in |of )?\w+ing\b|\bproven to\b",
        ),
        (
            "walk_distance",
            r"\b(?:every|after|only|about|around) (?:about |around |like |a )?\d+ ?"
            r"(?:m|metres?|meters?|yards?|yds|blocks?|steps?)\b"
            r"|\b(?:stop|stops|stopping|rest|rests|resting|stand still)\b.{0,60}"
            r"\b(?:carry|carries|keep|keeps|go|goes|walk|walks) (?:on|going|again)\b",
        ),
    )
)
INTENTS = tuple(name for name, _ in _INTENT_PATTERNS)
# A walking limit is about walking: after 30 km of a race, or stopping to stretch mid-run
# and carrying on, is an exercise cramp.
_INTENT_VETOES = {
    "walk_distance": kept_regex(
        r"\b(?:run|runs|running|ran|race|racing|jog\w*|sprint\w*|match|game|ride|riding"
        r"|cycl\w*|swim\w*|marathon|training|workout|sea|ocean|lake|river|pool|loch|bay)\b"
    )
}
# Intents that also stand for a word the topic text uses: easy jogging before a game is a
# warm-up, stopping every 100 metres is about walking, "should I get it seen" means a doctor.
INTENT_WORDS = {
    "warmup": "warmup",
    "walk_distance": "walk",
    "checkup": "doctor",
    # "Which drink is best?" weighs sports drinks against water.
    "drink_choice": "sports",
}


def detect_intents(question: str) -> frozenset[str]:
    """The intents a question expresses ('amount', 'cause', 'checkup', ...)."""
    text = plain_text(question)
    found = {name for name, pattern in _INTENT_PATTERNS if pattern.search(text)}
    return frozenset(
        name
        for name in found
        if name not in _INTENT_VETOES or not _INTENT_VETOES[name].search(text)
    )
