"""Reading a question's words: one normalised form for every way of saying the same thing.

Pure and deterministic: text in, tokens out. The question is lowercased, contractions are
written out (crampcoach.core.intents.plain_text), lay phrases and word families that describe
a topic without naming it are replaced by the word they stand for ("rock hard" is seize,
"35 degrees" is heat, "I'm 68" is old), and each word is lightly stemmed and mapped to one
form ("spasm" is cramp, "calves" is calf). Filler words are dropped.
"""

from __future__ import annotations

import re

from crampcoach.core.intents import plain_text
from crampcoach.core.story.phrases import Pattern
from crampcoach.knowledge.regexes import kept_regex


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


_STOPWORDS = word_set(
    """
    a an the is are am was were be been being do does did done i me my mine myself you
    your yours we our us it its this that these those to of in on at for with and or so if
    just really very get gets got getting have has had having there here then than them
    they their he she his her him can could would should will shall may might must about
    into from by as any some also too still ever always keep kept again up out off over
    one ones thing things anything something someone people person lot lots bit please
    tell know want need im ive dont doesnt thats whats hi hello thanks thank
    """
)

# Lay and regional words mapped to one form, after stemming.
_SYNONYMS: dict[str, str] = {
    "spasm": "cramp",
    "crampy": "cramp",
    "charlie": "charley",
    "liter": "litre",
    "ml": "litre",
    "calve": "calf",
    "leg": "leg",
    "feet": "foot",
    "toe": "toe",
    "hamstr": "hamstring",
    "quad": "quadricep",
    "quadricep": "quadricep",
    "thigh": "thigh",
    "ach": "ache",
    "achy": "ache",
    "hurt": "pain",
    "painful": "pain",
    "sore": "sore",
    "soreness": "sore",
    "tender": "sore",
    "tenderness": "sore",
    "pregnant": "pregnancy",
    "pregnanc": "pregnancy",
    "expect": "pregnancy",
    # Pregnant in slang: "preggy", "preggo", "preggers".
    "preggy": "pregnancy",
    "preggi": "pregnancy",
    "preggo": "pregnancy",
    "preggers": "pregnancy",
    "prego": "pregnancy",
    "elderly": "old",
    "older": "old",
    "ag": "age",
    "senior": "old",
    "doc": "doctor",
    "gp": "doctor",
    "physician": "doctor",
    "medication": "medicine",
    "med": "medicine",
    "drug": "medicine",
    "hydrat": "hydrate",
    "dehydrat": "dehydrate",
    "nocturnal": "night",
    "nighttime": "night",
    "nite": "night",
    "asleep": "sleep",
    "swimm": "swim",
    "swam": "swim",
    "stretche": "stretch",
    # The word for cramp in languages whose speakers may borrow it into English.
    "kramp": "cramp",
    "krampf": "cramp",
    "crampe": "cramp",
    "calambre": "cramp",
    "swelter": "heat",
    "scorch": "heat",
    "sinew": "tendon",
    "less": "fewer",
    "pee": "urine",
    "wee": "urine",
    "piss": "urine",
    "thrombosis": "clot",
    "dvt": "clot",
    "swell": "swollen",
    "puffy": "swollen",
}

# Multi-word lay terms, replaced before tokenising.
_PHRASES = (
    ("charley horse", "charley"),
    ("charlie horse", "charley"),
    ("water pill", "diuretic"),
    ("water tablet", "diuretic"),
    ("fluid pill", "diuretic"),
    ("heat stroke", "heatstroke"),
    ("heat cramp", "heatcramp"),
    ("a&e", "emergency"),
    ("pins and needles", "tingling"),
    # Idioms whose single words mean something else here ('waste' products, 'minutes' long).
    ("waste of time", "pointless"),
    ("waste of money", "pointless"),
    ("let go", "release"),
    ("let up", "release"),
    ("every day", "daily"),
    ("every night", "nightly"),
    ("side effect", "sideeffect"),
    ("blood pressure", "bloodpressure"),
    ("every evening", "daily"),
    ("every morning", "daily"),
)

# Word families that describe a topic without naming it, read as the word they stand for.
# Each is a pattern over the lowercased text, applied after the fixed phrases above; with
# it, the words one of which its every match holds (`Pattern.may_match`), so that a
# question without them is not searched (most questions hold the words of few families).
# Numbers as words before a unit ("five mg"): milligrams, not magnesium.
_NUMBER_WORDS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy"),
    *("eighty", "ninety", "hundred", "thousand", "half", "few", "many", "much", "several", "some"),
)
_PATTERNS: tuple[tuple[re.Pattern[str], Pattern, str], ...] = tuple(
    (kept_regex(pattern), Pattern(pattern), word)
    for pattern, word in (
        # "warm up", "warming-up", "warmups": the routine, not warm weather or a warm leg.
        (r"\bwarm(?:ing|ed|s)?[- ]?ups?\b", "warmup"),
        # Magnesium by its symbol or short name before what it comes as ("Mg tablets", "mag
        # glycinate"), not milligrams after a number ("250 mg tablets").
        (
            r"(?<![\d-])(?<!\d )" + "".join(f"(?<!{n} )" for n in _NUMBER_WORDS) + r"\b(?:mg|mag)\b"
            r"(?=\s+(?:tablets?|pills?|supplements?|capsules?|"
            r"citrate|glycinate|bisglycinate|oxide|chloride|sulphate|sulfate|spray|oil|flakes|"
            r"powder|lotion|gummies|drink))",
            "magnesium",
        ),
        # Moves named by a body part or a pull ("a muscle-up", "pull-ups", "push-ups"): an
        # exercise, not a pulled muscle.
        (r"\b(?:muscle|pull|push|chin|sit)[- ]?ups?\b", "bodyweightmove"),
        # A muscle described as seized: "went rock hard", "pulls hard", "balled up".
        (
            r"\b(?:rock|stone|brick)[- ]hard\b"
            r"|\b(?:hard as|like) (?:a )?(?:rock|stone|brick|board)\b",
            "seize",
        ),
        # A tendon that 'pumps' or 'pulls', a leg 'pumping': the word-for-word translation
        # of the word for cramp in Chinese. A tendon that was 'pulled' is an injury.
        (
            r"\b(?:pumps?|pumping|pulls?|pulling|draws?|drawing|twitch\w*|jerk\w*)"
            r"(?: (?:the|my|a|of))? (?:tendons?|sinews?)\b"
            r"|\b(?:tendons?|sinews?) (?:is |are |keeps? )?(?:pumps?|pumping|pulls?|pulling"
            r"|draws?|drawing|twitch\w*|jerk\w*)\b"
            r"|\b(?:legs?|calf|calves|foot|feet|toes?) (?:is |are |keeps? )?(?:pumps?|pumping)\b",
            "cramp",
        ),
        (
            r"\b(?P<body>calf|calves|legs?|foot|feet|toes?|muscles?|hamstrings?|thighs?|quads?"
            r"|arch|shins?|fingers?|hands?|tendons?|it|they)\b(?: \w+){0,2}? (?:go|goes|went"
            r"|gone|going|get|gets|got|getting|turn|turns|turned|turning|become|becomes|became"
            r"|pull|pulls|pulling) (?:really |very |so |all |super )?(?:hard|rigid|solid)\b",
            r"\g<body> seize",
        ),
        (r"\b(?:balls?|balled|balling|ties|tied|tying) (?:itself |themselves )?up\b", "seize"),
        # A muscle that "catches", as many speakers of Indian English say a cramp: "calf
        # catch", "my leg is catching"; not a leg caught on or in something.
        (
            r"\b(?P<body>calf|calves|legs?|foot|feet|toes?|muscles?|hamstrings?|thighs?|nerves?)"
            r" (?:is |are |keeps? )?(?:catch|catches|catching|caught)\b"
            r"(?! (?:on|in|under|between|by|up|a|the|my|his|her)\b)",
            r"\g<body> cramp",
        ),
        # A price by the night ("a budget of 150 a night", "£90 per night"): a room's, no
        # one's night (not "3 a night", a count of cramps).
        (
            r"(?:[£$€]\s*\d+(?:[.,]\d+)?|\bbudget\s+(?:of\s+)?(?:around\s+|about\s+|up\s+to\s+)?"
            r"\d+|\b\d+\s*(?:pounds|dollars|euros|quid|bucks|usd|gbp|eur|yen))"
            r"\s*(?:a|per|/)\s*night\b",
            "pricepernight",
        ),
        # Water swum in, not drunk: "open water", "wild water", a calf seizing "in the sea".
        (r"\b(?:open|wild)[- ]water\b", "swimming"),
        (
            r"\b(?P<c>cramp\w*|seiz\w*|spasm\w*)\s+(?:up\s+)?(?:while\s+)?in\s+the\s+"
            r"(?:water|sea|lake|pool|river|ocean)\b",
            r"\g<c> swimming",
        ),
        # Eyes or a mouth that water shed tears or spit, not drinking water.
        (
            r"\b(?:eyes?|mouth)\s+(?:\w+\s+)?(?:water|waters|watered|watering)\b"
            r"|\bwatering\s+(?:eyes|mouth)\b|\bmouth[- ]watering\b",
            "tears",
        ),
        # The stomach upset by a remedy is its side effect, not a cramp of the stomach.
        (
            r"\bupset(?:s|ting)? (?:the |your |my |his |her |their )?stomachs?\b"
            r"|\bstomach upsets?\b|\b(?:on|with) an empty stomach\b",
            "sideeffect",
        ),
        # A person who seizes up is a muscle that does: "would I seize up less in the cold".
        (r"\b(?:i|you|we|he|she|they)\b(?: [\w']+){0,4}? seiz(?:e|es|ed|ing) up\b", "cramp"),
        # Pregnancy told by how far along it is: "30 weeks along", "seven months gone".
        (
            r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty"
            r"(?:[- ]\w+)?|thirty(?:[- ]\w+)?) (?:weeks?|months?) (?:along|gone)\b",
            "pregnant",
        ),
        # Tonic water by its bar names: "a G&T", "gin and tonic mixer".
        (r"\bg\s*(?:&|and|n)\s*t\b", "tonic"),
        # Quinine by what else it is taken for: "those malaria tablets", "anti-malarials".
        (
            r"\b(?:anti-?)?malaria(?:l)? (?:tablets?|pills?|drugs?|medicines?|medications?)\b"
            r"|\banti-?malarials?\b",
            "quinine",
        ),
        # A limb that is hot or warm to the touch is inflamed (a clot sign), not hot weather.
        (
            r"\b(?:swollen|swelled|swelling|swell|puffy|red|tender)(?:,? \w+){0,2}?,? "
            r"(?:and |& )?(?:hot|warm)\b",
            "swollen inflamed",
        ),
        (
            r"\b(?:hot|warm),? (?:and |& )?(?:swollen|swelled|swelling|swell|puffy|red)\b",
            "inflamed swollen",
        ),
        (r"\b(?:hot|warm) to (?:the )?touch\b", "inflamed"),
        # Moving without being told to: "my toes bend by themselves".
        (r"\b(?:by|on) (?:itself|themselves|its own|their own)\b", "involuntary"),
        # Too little fluid, said without the word dehydration.
        (
            r"\b(?:not|never|too little|barely|hardly|rarely|seldom) (?:drink|drinking|drank"
            r"|hydrated|hydrating)(?: (?:enough|much))?(?: (?:water|fluids?))?\b"
            r"|\bunder[- ]?hydrat\w*"
            r"|\b(?:drink|drinking|drank)(?: (?:water|fluids?))? (?:too little|not enough)\b"
            r"|\b(?:not enough|too little|lack of|shortage of|short of) (?:water|fluids?)\b",
            "dehydrate",
        ),
        # Hot weather as a number: 28-49 degrees Celsius, 85-119 Fahrenheit.
        (r"\b(?:8[5-9]|9\d|1[01]\d) ?(?:°|degrees?) ?f(?:ahrenheit)?\b", "heat"),
        (r"\b(?:2[89]|[34]\d) ?(?:(?:°|degrees?\b)(?! ?f\b)(?: ?c\b)?|c\b)", "heat"),
        # "Burning hot" skin or weather is heat, not the burn of lactic acid.
        (
            r"\b(?:burning|boiling|roasting|baking|scorching|blazing|sweltering) (?:hot|heat)\b",
            "hot",
        ),
        # "Does it do anything?", "any use?": asking whether something works.
        (
            r"\b(?:do|does|did|doing) (?:anything|much|any good|something)\b"
            r"|\bmake (?:a|any) difference\b|\bany (?:good|use)\b",
            "help",
        ),
        # Team games named by their size: 'side' is not a side effect.
        (r"\b(?:five|six|seven|eleven|[5-7]|11)[- ]a[- ]side\b", "football"),
        # Small hours: "at 3 a.m.", "4 in the morning", "three in the morning".
        (
            r"\b(?:[1-4]|one|two|three|four|midnight) ?(?:a\.?m\b\.?|o'?clock in the morning"
            r"|in the morning)",
            "night",
        ),
        # What goes on in the muscle: the mechanism, not what to do about it.
        (
            r"\b(?:happens?|happening|going on|goes on|takes place)\b(?: \w+){0,2}? "
            r"(?:inside|in|within) (?:the|a|my|your|our) (?:\w+ )?muscles?\b",
            "mechanism muscle",
        ),
        # Pregnancy told without the word: "she is with child", "seven months along".
        (
            r"\b(?:i am|i'm|im|i was|she is|she's|my wife is|wife is) with "
            r"(?:a |my |the )?(?:baby|child)\b"
            r"|\b(?:\d|one|two|three|four|five|six|seven|eight|nine) months? (?:along|gone)\b"
            r"|\bexpecting (?:a|our|my|the) (?:baby|child|first|second|twins)\b",
            "pregnancy",
        ),
        # The asker set beside their younger self ("more than I did at 25", "than in my
        # twenties", "than when I was a kid"): a question of age.
        (
            r"\bthan (?:(?:(?:i|he|she|we) (?:did|was|were|used to|could) )?"
            r"(?:at|in (?:my|his|her|our)) (?:\d{1,2}|twenties|thirties|forties|[2-4]0s)"
            r"|when (?:i|he|she|we) (?:was|were) (?:\d{1,2}|young|younger|a kid))\b"
            r"(?! ?(?:km|k|kg|kilos?|miles?|mins?|minutes?|hours?|seconds?|%|degrees?|weeks?))",
            "younger",
        ),
        # A cramp set against an injury as the two things it may be ("a tear or only a
        # cramp?", "cramp or a torn calf?"): the question is their difference (the words
        # are kept, "difference" added).
        (
            r"\b(?:a\s+)?(?:tear|torn\s+\w+|strain|strained\s+\w+|pull|pulled\s+\w+|sprain|injury)"
            r"\s+or\s+(?:was\s+it\s+|is\s+it\s+|it\s+was\s+)?(?:only\s+|just\s+)?(?:a\s+)?cramp"
            r"|\bcramp\s+or\s+(?:a\s+)?(?:tear|torn|strain|strained|pull|pulled|sprain|injury)\b",
            r"\g<0> difference",
        ),
        # A stretch described: "touching my toes".
        (r"\btouch(?:ing|es)? (?:my |your |the |his |her )?toes\b|\btoe[- ]touch\w*", "stretch"),
    )
)

_AGES = (
    kept_regex(r"\b(\d{1,3})[- ]?(?:years?|yrs?|y)[- ]?old\b"),
    # An age said without 'years old': "now I'm 68", "aged 70" (not "I am 10 km in").
    kept_regex(
        r"\b(?:i am|im|he is|she is|they are|aged|age|turned|turning) (\d{1,2})\b"
        r"(?! ?(?:km|k|kg|kilos?|miles?|mins?|minutes?|hours?|%|degrees?|weeks?|months?|times?))"
    ),
)


def _age_word(found: re.Match[str]) -> str:
    # '10 year old' is a child, '70 year old' is old: the number matters, not the word 'old'.
    age = int(found.group(1))
    return "child" if age < 18 else "old" if age >= 60 else "adult"


_IRREGULAR: dict[str, str] = {
    "calves": "calf",
    "feet": "foot",
    "women": "woman",
    "children": "child",
    "ran": "run",
    "running": "run",
    "swimming": "swim",
    "swimmer": "swim",
    "stopping": "stop",
    "stopped": "stop",
    "woke": "wake",
    "waking": "wake",
    "drank": "drink",
    "worse": "bad",
    "cramping": "cramp",
    "cramped": "cramp",
    "cramps": "cramp",
    "sprain": "sprain",
    "lying": "lie",
    "during": "during",
    "diabetes": "diabetes",
    "always": "always",
    "this": "this",
    "hyponatremia": "hyponatremia",
    "bent": "bend",
    "hyponatraemia": "hyponatremia",
}

# A word, as the index and the anchors see it.
TOKEN = kept_regex(r"[a-z0-9]+")


def _stem(word: str) -> str:
    """A light, deterministic suffix stripper: good enough to join 'cramps' and 'cramping'."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ied", "y")):
        if word.endswith(suffix) and len(word) > 4:
            return word[: -len(suffix)] + keep
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith("ly") and len(word) > 5:
        return word[:-2]
    if (word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def canonical(word: str) -> str:
    """One form for `word`: stemmed, then mapped to the lay word it stands for."""
    stem = _stem(word)
    return _SYNONYMS.get(stem, _SYNONYMS.get(word, stem))


def stemmed(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list, each also as the index sees it (a
    question's words are compared in that form: "shares" is "share"), and as it sees the
    word's plural (a list written "calorie" meets "calories", which it reads "calory")."""
    words = word_set(text)
    return words | frozenset(canonical(form) for word in words for form in (word, word + "s"))


def normalise(text: str) -> list[str]:
    """Lowercase, expand contractions, tokenise, stem, map synonyms, drop stopwords."""
    text = plain_text(text)
    for phrase, word in _PHRASES:
        text = text.replace(phrase, word)
    for age in _AGES:
        text = age.sub(_age_word, text)
    for pattern, needed, word in _PATTERNS:
        if needed.may_match(text):
            text = pattern.sub(f" {word} ", text)
    tokens = []
    for word in TOKEN.findall(text):
        if word in _STOPWORDS:
            continue
        tokens.append(canonical(word))
    return [t for t in tokens if t not in _STOPWORDS]
