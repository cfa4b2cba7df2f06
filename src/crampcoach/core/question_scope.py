"""Whether a question is about muscle cramps, and an honest refusal when it is not.

A question is in scope when it names a cramp ("cramp", "spasm", "charley horse", or a
seized or locked muscle) or matches one of a topic's anchors: word combinations such as
"calf + walking" that are about that topic without the word cramp. Cramps of other organs
(stomach, period) and machines that warm up or seize are not. Pure: normalised words in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crampcoach.core.question_words import TOKEN, canonical, normalise, stemmed, word_set
from crampcoach.i18n import N_
from crampcoach.knowledge.regexes import kept_regex

# Words that name a cramp outright, and softer words that do so next to a body part.
CRAMP_WORDS = word_set("cramp charley tetany crampcoach heatcramp")
# "Leg pulling at night" is how many speakers of Indian English say a cramp.
_SOFT_CRAMP_WORDS = word_set(
    "seiz seize lock knot grab tighten clench bunch rigid involuntary pull"
)
# Curling is a cramp only for toes, feet and fingers: 'leg curls' and 'bicep curls' are lifts.
_CURL_WORDS = word_set("curl uncurl claw bend")
_CURL_BODY_WORDS = word_set("toe foot arch finger hand")
BODY_WORDS = word_set("calf leg foot toe hamstring quadricep thigh muscle shin arch")
# Word pairs that together describe a seized muscle: a cue and the body part it needs.
_CRAMP_PAIRS = (
    (_SOFT_CRAMP_WORDS, BODY_WORDS),
    (_CURL_WORDS, _CURL_BODY_WORDS),
)
# Cramps of other organs: outside what crampcoach knows when no skeletal muscle is named.
_OTHER_CRAMPS = word_set(
    """
    period menstrual menstruation stomach abdominal abdomen belly tummy bowel gut uterus
    uterine colic intestinal
    """
)
# Organs that are the cramp's place only when named with it ("stomach cramps", "cramps in
# my belly"), not where a drink goes ("before it reaches my stomach").
_ORGANS = "stomach|abdominal|abdomen|belly|tummy|bowel|gut|intestinal|intestines"
_ORGAN_CRAMP = kept_regex(
    rf"\b(?:{_ORGANS})\s+(?:\w+\s+)?(?:cramp|spasm)\w*"
    rf"|\b(?:cramp|spasm)\w*\s+(?:in|of)\s+(?:my|the|his|her|your|their)?\s*(?:{_ORGANS})\b"
)
_ORGAN_WORDS = stemmed(_ORGANS.replace("|", " "))
_MEDICAL_HINTS = word_set(
    """
    pain ache sore sick ill disease doctor medicine headache period menstrual stomach knee
    back ankle injury cold flu diet diabetes blood heart cure treat symptom
    """
)
# A pet's cramps or limp are a vet's question. Horses are left out: a rider's thighs and
# a "charley horse" are a person's. Farm animals too: a calf that is a young cow.
_ANIMALS = stemmed(
    """
    dog dogs puppy puppies cat cats kitten kittens pet pets rabbit rabbits hamster vet vets
    greyhound spaniel labrador terrier
    cow cows cattle heifer heifers bullock bullocks livestock herd calving holstein friesian
    angus hereford lamb lambs ewe ewes sheep goat goats piglet piglets sow sows foal foals
    hen hens poultry bantam bantams duck ducks goose geese budgie budgies ferret ferrets
    tortoise tortoises alpaca alpacas llama llamas
    whale whales orca orcas dolphin dolphins elephant elephants giraffe giraffes hippo hippos
    rhino rhinos moose elk bison buffalo camel camels
    """
)
# A calf named as an animal by its age, its feeding or its farming: "a newborn calf",
# "bottle-fed calves", "a baby humpback calf", "the milk replacer for a calf".
_YOUNG_ANIMAL = kept_regex(
    r"\b(?:new[\s-]?born|baby|dairy|beef|orphan(?:ed)?|bottle[\s-]?fed|weaned|weanling|bull|"
    r"heifer|veal)\s+(?:(?!(?:and|or|her|his|my|their|our|your|its|is|are|was)\b)\w+\s+){0,2}"
    r"(?:calf|calves)\b|\bmilk\s+replacer\b"
)
# Cramp as a figure of speech: "you're cramping my style", "cramped by my flatmate" (hemmed
# in by a person, not seized by a cramp), a bowler "cramping a batsman for room", a "brain
# cramp".
_FIGURATIVE_CRAMP = kept_regex(
    r"\bcramp(?:s|ed|ing)?\s+(?:\w+\s+)?style\b"
    r"|\bcramp(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?for\s+(?:room|space)\b"
    r"|\bcramped\s+by\s+(?:my|his|her|their|our|the|a|an|all\s+the)?\s*(?:\w+\s+)?"
    r"(?:flat|room|house)?mates?\b"
    r"|\bcramped\s+by\s+(?:my|his|her|their|our|the|a|an|all\s+the)?\s*(?:\w+\s+)?"
    r"(?:partner|husband|wife|boyfriend|girlfriend|boss|kids|children|family|parents|in-laws|"
    r"neighbou?rs?|colleagues?|co-?workers?|people|crowds?|guests?|visitors?|relatives?|"
    r"sister|brother|mum|mom|dad|team|manager)\b"
    # A code for a condition in records or billing (an ICD or SNOMED code for a cramp).
    r"|\b(?:icd[\s-]*(?:9|10|11)?|snomed|billing|diagnos(?:is|tic)|read)\s+codes?\b"
    # Money around a cramp: whether an insurance policy covers it (asked of the policy, not
    # a cramp question that mentions one), how a bet on a match is settled when a player
    # retires with cramp.
    r"|\b(?:does|do|will|would|is|are|can)\s+(?:my\s+|our\s+|the\s+)?(?:\w+\s+){0,2}?"
    r"(?:insurance|insurer|policy)\s+(?:cover|covers|pay|pays|pay\s+out)\b"
    r"|\bcovered\s+by\s+(?:my\s+|our\s+|the\s+)?(?:\w+\s+)?(?:insurance|insurer|policy)\b"
    r"|\b(?:accumulator|acca|bookmaker|bookie|betting|wager|"
    r"bets?\s+(?:is\s+|are\s+|be\s+)?(?:void|voided|settled|stand))\b"
    # The word itself, in a lesson on language: "cramp" as a noun or a verb, example
    # sentences, synonyms, rhymes.
    r"|\bcramp\w*['\"\u2019]?\s+(?:is\s+|being\s+|was\s+)?(?:used\s+)?as\s+an?\s+"
    r"(?:verb|noun|adjective|adverb)\b"
    r"|\b(?:example\s+sentences?|synonyms?|antonyms?|rhymes?\s+with|anagrams?)\b"
    # Citing a page on cramps in an essay: a style of referencing, not cramps.
    r"|\b(?:bibliography|reference\s+list|in-text\s+citation)\b"
    r"|\b(?:apa|mla|harvard|vancouver)\s+(?:\d+(?:st|nd|rd|th)?\s+)?(?:style|format|edition|referenc\w*)\b"
    # Cramping up as choking under pressure, told with the nerves it is: "cramps up on
    # penalties, pure nerves" (a mind that freezes, not a muscle).
    r"|\bcramp(?:s|ed|ing)?\s+up\s+(?:on|in|at|during|under|before)\s+(?:the\s+|big\s+|her\s+|his\s+|my\s+)?"
    r"(?:penalt\w+|pressure|exams?|interviews?|auditions?|stage|putts?|free[\s-]throws?|"
    r"spot[\s-]kicks?|shoot[\s-]?outs?|tests?|finals?|big\s+moments?)\b"
    r"(?=[\s\S]{0,200}?\b(?:nerves|nervous|chok(?:e|es|ed|ing)|freez(?:e|es|ing)|froze|panic\w*|"
    r"psych\w*|mental\w*|confidence|bottl(?:e|es|ed|ing)\s+it)\b)"
    # A "brain cramp": a slip of the mind, as a commentator says of a fielder's bad throw; a
    # cramp on trade or an economy.
    r"|\b(?:brain|mental)\s+cramps?\b"
    r"|\bcramp\s+on\s+(?:the\s+)?(?:\w+\s+)?(?:supply|economy|economies|trade|markets?|growth|"
    r"spending|demand|profits?|business|exports?|imports?)\b"
    # Type and layout that look "cramped": "which typeface reads least cramped", "my slides
    # feel cramped".
    r"|\b(?:fonts?|typefaces?|text|layouts?|pages?|slides?|designs?|handwriting|menus?|"
    r"websites?|spacing|lettering|kerning|margins?)\b[^.?!]{0,40}?\bcramped\b"
    r"|\bcramped\b[^.?!]{0,40}?\b(?:fonts?|typefaces?|text|layouts?|pages?|slides?|designs?|"
    r"handwriting|menus?|websites?|spacing|lettering|kerning|margins?)\b"
    # Software or a machine that "cramps up" as it hangs, itself the subject: "the macro
    # keeps cramping up" (not "at the laptop my neck cramps up").
    r"|\b(?:the|my|this|our|a|an|his|her|their|your)\s+(?:[\w-]+\s+)?(?:macros?|scripts?|"
    r"programs?|apps?|software|spreadsheets?|workbooks?|computers?|laptops?|pcs?|browsers?|"
    r"servers?|databases?|printers?|consoles?)\s+(?:keeps\s+|kept\s+|always\s+|just\s+)?"
    r"cramp(?:s|ed|ing)?\s+up\b"
    # Wheels turned towards the kerb, as a driving lesson says it: "cramp the wheels".
    r"|\bcramp(?:s|ed|ing)?['\u2019\"]?\s+(?:the|your|my|his|her|their|our)\s+"
    r"(?:front\s+|back\s+|rear\s+)?"
    r"(?:wheels?|tyres?|tires?|steering)\b"
    # Cramp as a verb of hindering things: "will cramp parking", "cramps the kitchen".
    r"|\bcramp(?:s|ed|ing)?\s+(?:the\s+|our\s+|their\s+|its\s+|any\s+|local\s+)?"
    r"(?:parking|traffic|space|growth|business|trade|sales|economy|development|progress|"
    r"creativity|freedom|options|view|garden|kitchen|street|road|lane|town|market|budget|"
    r"finances|plans?|layout|design|(?:tea\s+|lunch\s+|coffee\s+)?breaks|holidays|overtime|"
    r"wages|access)\b"
    # A cramp in a plan: "cramps in her diary", "a cramp in our calendar this month".
    r"|\bcramps?\s+in\s+(?:my|our|the|his|her|their|your)\s+(?:\w+\s+)?(?:schedule|calendar|"
    r"diary|plans?|week|timetable|agenda|budget|routine\s+at\s+work|workload)\b"
)
_CHARLEY = stemmed("charley charlie")
# "Cramped" before a place to be in: too little room.
_CRAMPED_SPACE = kept_regex(
    r"\bcramped\s+(?:\w+\s+)?(?:bunks?|berths?|cabins?|rooms?|flats?|quarters|spaces?|tents?|"
    r"offices?|kitchens?|conditions|cells?|dorms?|housing|apartments?|studios?|cockpits?|"
    r"dormitor(?:y|ies)|barracks|vans?|boats?)\b"
)
# A place or a firm called Charley Horse: "the Charley Horse Inn", "Charley Horse Ltd".
_NAMED_HORSE = kept_regex(
    r"\bcharl(?:ey|ie)\s+horse\s+(?:pub|inn|bar|tavern|restaurant|hotel|cafe|café|brewery|shop|"
    r"stables?|farm|ltd|limited)\b"
)
# Horses that are animals even beside a "Charley Horse": a racehorse, a mare, a jockey's.
_REAL_HORSES = stemmed("racehorse racehorses thoroughbred jockey stallion mare gelding filly colt")
# A cramp that is a clamp: "an F-cramp to glue a worktop", "sash cramps".
_TOOL_CRAMPS = stemmed(
    """
    glue glued gluing clamp clamps worktop woodwork woodworking joinery joiner timber plank
    sash vice workbench carpentry carpenter dovetail
    pva adhesive epoxy resin veneer laminate bookbinding bookbinder bookbind
    """
)
# Clamps named by their shape, a letter and a hyphen: a G-cramp, an F-cramp, a C-cramp;
# and the iron ties of masonry, "a cramp iron" (not "leg cramp iron deficiency").
_LETTER_CRAMP = kept_regex(
    r"\b(?:[b-hj-z]\s*-\s*|[cfg]\s+)cramp(?:s|ed)?\b"
    r"|\b(?:a|an|the|old|rusty|rusting|metal)\s+cramp[\s-]?irons?\b|\bcramp[\s-]?irons\b"
)
_MY_BODY = kept_regex(
    r"\b(?:my|our)\s+(?:own\s+|left\s+|right\s+|both\s+)?(?:calf|calves|legs?|thighs?|foot|"
    r"feet|toes?|arch|arches|soles?|shins?|hamstrings?|quads?|muscles?|hands?|arms?|forearms?|"
    r"wrists?|fingers?|thumbs?|biceps|triceps|glutes?|neck)\b"
    r"|\bi\s+(?:\w+\s+)?(?:get|got|have|had|keep\s+getting)\s+(?:\w+\s+)?cramp\w*"
)
_TRAINING_HINTS = word_set(
    """
    train training plan marathon race run workout coach muscle build program programme
    pace calorie protein weight fitness gym 10k 5k beginner shoe
    """
)
# Subjects that a drink or heat anchor alone must not pull in ("alcohol after a marathon").
# Machines warm up and seize too ("warm up my car engine").
_ANCHOR_VETO = stemmed(
    "alcohol beer wine coffee caffeine recipe calorie protein diet car engine motor laptop"
    # A hangover is no cramp: "is a sports drink good for a hangover?"
    " hangover hungover"
    # Travel with a medicine: what customs or a permit allow.
    " luggage suitcase customs permit visa border"
    # Salt for the house, not for a body: a water softener, a dishwasher, a pool's
    # chlorinator, grit for an icy road.
    " softener dishwasher limescale descaler chlorinator chlorination gritter gritting deicer"
    # Quinine against malaria, a travel medicine: no cramp in it.
    " malaria antimalarial antimalarials mosquito mosquitoes"
    # Words in another sense: a volcano's or an essay's "spasm".
    " essay volcano volcanic eruption earthquake"
    # Devices whose pointer, screen, signal or parts jerk, twitch or seize.
    " cursor trackpad touchpad mouse keyboard screen monitor printer computer smartphone"
    " wifi router modem broadband"
    " controller joystick drone robot"
    # A house's water and heating: pipes that run warm, a heat pump's defrost.
    " pipe plumbing plumber boiler radiator loft defrost thermostat compressor"
    # Lights that flicker in "spasms", mains appliances that cut in and out (an electric
    # blanket); bolts, nuts and lids that seize.
    " lamp bulb dimmer flicker flickering chandelier electric appliance"
    " amplifier electrolytic capacitor capacitors transistor solder circuit"
    " bolt nut screw lid wrench spanner lug"
    # Cooking: salt in the pasta water, the brine for dill pickles. Plants: water for the
    # tomatoes.
    " pasta boil cook bake fry roast oven sauce marinade ingredient dill jar ferment chicken"
    " dough playdough"
    " mushroom shiitake noodle lentil chickpea"
    " meat pork beef"
    " plant tomato lawn seedling flower"
    # Business: a sponsorship deal with a drinks brand, shares in a salt company.
    " sponsor sponsorship contract deal brand invest investment shares stock esports earnings"
    # Selling drinks: what sells best in a shop or a vending machine.
    " sell sells selling bestseller bestselling vending retail retailer"
    # Music: a warm-up of the voice. Light: why tonic water glows.
    " voice vocal choir singer singing song concert orchestra instrument"
    " glow uv blacklight fluorescent fluorescence"
    # Gear care: how to rinse a neoprene wetsuit after cold swims, or salt off a fishing
    # reel so that it does not corrode. Weight loss: burning fat,
    # "water weight" sweated off in a sauna. Food kept in the fridge; stings and bites.
    " neoprene reel corrode corrodes corroding corrosion"
    # Other health questions that share a nutrient or a drink with cramps: potassium for
    # blood pressure, pickle juice for reflux, water for a baby, a drink for a lunchbox.
    " bloodpressure hypertension reflux heartburn indigestion lunchbox infant newborn baby babies"
    " fat"
    " fridge freezer ripen ripening"
    " jellyfish sting stings stung wasp hornet"
    # A skin rash of the heat (prickly heat), not a heat cramp.
    " rash rashes prickly miliaria"
    # Crafts at home: lye and oils for a bar of soap, wax for candles, creams and lotions.
    " soap soapmaking lye hydroxide saponify saponification castile candle wax lotion"
    " cosmetic shampoo detergent"
    # Sweets that are pulled, boiled and salted: toffee, fudge, caramel, nougat.
    " taffy toffee fudge caramel confectionery confection fondant nougat marshmallow praline"
    " lollipop candyfloss"
    # Chemistry: a hydrated salt heated until its water goes, a compound's crystals; a
    # preservative in home brewing (potassium sorbate, metabisulphite).
    " sulphate sulfate anhydrous hydrate crystal crystals compound molecule molecules"
    " sorbate metabisulphite metabisulfite benzoate permanganate preservative homebrew"
    " titration chemistry"
)
_REPAIR_HINTS = word_set("bike bicycle gear tyre tire chain brake car fix repair")
# Words the scope check reads: typo repair must not turn them into other words.
SCOPE_WORDS = (
    CRAMP_WORDS | _OTHER_CRAMPS | {w for pair in _CRAMP_PAIRS for words in pair for w in words}
)


@dataclass(frozen=True)
class Anchor:
    """A word combination that ties a question to a topic: every part must match."""

    parts: tuple[frozenset[str], ...]

    def matches(self, tokens: set[str]) -> bool:
        """True when each part has at least one alternative among `tokens`."""
        # A loop, not all() over a generator: four times faster, and every question tests
        # every topic's anchors.
        for part in self.parts:  # noqa: SIM110
            if part.isdisjoint(tokens):
                return False
        return True


def parse_anchor(spec: str) -> Anchor:
    """Parse 'calf|leg + walk|stairs' into an Anchor of stemmed alternatives."""
    parts = []
    for part in spec.split("+"):
        words = {canonical(w) for alt in part.split("|") for w in TOKEN.findall(alt.lower())}
        if words:
            parts.append(frozenset(words))
    return Anchor(tuple(parts))


@dataclass(frozen=True)
class Scope:
    """Why a question is about cramps: it names one, or these topics' anchors match it."""

    names_cramp: bool
    anchored: frozenset[str]


# A question says "cramp" of a person's body, or of something else: a name ("a rock group
# named The Cramps", "'cramp balls' on a tree") or too little room said of any thing ("the layout
# looks cramped", "a cramped position after the opening"). Without a body part or a body's
# doing beside it, such a question is about that thing, whatever the thing is.
_CRAMP_TOKEN = kept_regex(r"\b[Cc][Rr][Aa][Mm][Pp]\w*")
# ... and the words that may name a thing as "cramp" does: "a 'spasm band'".
_NAMING_TOKEN = kept_regex(r"\b(?:[Cc][Rr][Aa][Mm][Pp]|[Ss][Pp][Aa][Ss][Mm])\w*")
_MEDIA = word_set(
    "cartoon cartoons show series film movie song album band episode character voiced sitcom "
    "novel lyrics"
)
_QUOTED = kept_regex(
    r"(?<![\w'])['\"\u2018\u201c]([^'\"\u2019\u201d]{2,40})['\"\u2019\u201d](?![\w'])"
)
# Before "cramped" said as too little room: a verb of being or seeming, or a degree.
_ROOM_BEFORE = word_set(
    """
    is are was were be been being am look looks looked looking feel feels felt feeling
    sound sounds sounded sounding
    isn't aren't wasn't weren't not
    seem seems seemed seeming become becomes became remain remains remained stay stays
    stayed so too very quite really rather bit more less pretty fairly extremely slightly
    super incredibly ridiculously awfully terribly way
    somewhat a an the this that such kind sort up all
    """
)
# After "cramped" as the body's verb: a direction, a time, a place of the body's doing.
_VERB_AFTER = word_set(
    """
    up at in on during after before while when and but or so again all for last this
    yesterday today tonight overnight every twice once then with from to badly terribly
    horribly hard halfway mid near because since as though although if until till whenever
    """
)
_FEEL = word_set("feel feels felt feeling")
# Words before "feel" that leave its subject a person untold: "to feel", "often feel".
_NO_SUBJECT = word_set(
    "to just still always often also sometimes usually can could might may would will do does "
    "did not never dont don't"
)
_PARTICLES = word_set("up out down off in on away again")
_PEOPLE = word_set("i i've i'd he she we they you u someone everyone everybody nobody")
# Words that tie a question to a body, a sport or a symptom: with one, "cramp" is read as ever.
_BODY_DOINGS = frozenset(
    canonical(w)
    for w in word_set(
        """
        run running race mile marathon swim swimming ride riding workout exercise training gym
        hike walk walking pain hurt hurts ache aches sore stretch stretching night sleep woke
        magnesium potassium electrolyte electrolytes dehydration sweat
        """
    )
)


_LOOK_BACK = 3  # words before "cramped" that may name who cramped or what is cramped
_LOOK_AHEAD = 40  # characters after it, for the word that follows
_SHORT_WORD = 3  # letters: shorter words ("of", "the") do not tell title case
_NAME_WORDS = 3  # words: a quoted name is short


def _not_of_a_body(question: str) -> bool:
    """Whether every cramp word in `question` names a thing or tells of too little room."""
    found = list(_NAMING_TOKEN.finditer(question))
    if not found:
        return False
    quoted = [m.span(1) for m in _QUOTED.finditer(question) if _names_a_thing(m.group(1))]
    words = [w for w in re.findall(r"[A-Za-z']+", question) if len(w) > _SHORT_WORD]
    # A question written in title case (nearly every longer word capitalised) tells no name
    # by its capitals, unless it speaks of a show, a song or a book.
    title_case = sum(w[0].isupper() for w in words) * 4 >= len(words) * 3 and not (
        {w.lower() for w in words} & _MEDIA
    )
    return all(_a_name(question, m, quoted, title_case) or _room(question, m) for m in found)


def _names_a_thing(quoted: str) -> bool:
    """Whether a quoted phrase names a thing that a cramp word only qualifies: its last word,
    the head of an English compound, is another noun ('cramp balls', not 'heat cramps' nor
    'cramped up'). A longer quotation is something said, not a name."""
    words = re.findall(r"[\w']+", quoted.lower())
    return (
        1 < len(words) <= _NAME_WORDS
        and not words[-1].startswith("cramp")
        and words[-1] not in _PARTICLES
    )


def _a_name(question: str, m: re.Match[str], quoted: list[tuple[int, int]], title: bool) -> bool:
    """A cramp word inside a quoted name of several words, or capitalised in mid-sentence."""
    if any(a <= m.start() < b for a, b in quoted):
        return True
    before = question[: m.start()].rstrip()
    sentence_start = not before or before[-1] in ".!?:;\n\"'(\u201c\u2018"
    return m.group()[0].isupper() and not m.group().isupper() and not sentence_start and not title


def _room(question: str, m: re.Match[str]) -> bool:
    """ "Cramped" said of a thing: after a verb of being or a degree, or before its noun."""
    if m.group().lower() != "cramped":
        return False
    before = [w.strip("'") for w in re.findall(r"[\w']+", question[: m.start()].lower())]
    before = before[-_LOOK_BACK:]
    ahead = re.split(r"[,.;:!?()]", question[m.end() : m.end() + _LOOK_AHEAD])[0]
    after = re.findall(r"[\w']+", ahead.lower())[:1]
    if (after and after[0] == "up") or any(w in _PEOPLE for w in before):
        return False
    if before[-2:-1] and before[-1] in _FEEL and before[-2] in _NO_SUBJECT:
        return False  # "is it normal to feel cramped after a flight": a person feels it
    if before and before[-1] in _ROOM_BEFORE:
        return True
    return bool(after) and after[0] not in _VERB_AFTER and not after[0].endswith("ly")


def _elsewhere(words: set[str], question: str, known: frozenset[str] = frozenset()) -> str | None:
    """The refusal for a question about something other than a person's muscles, told in
    cramp words: a pet's legs ("my dog limps"; not "I walk my dog and my calf cramps") or
    too little room ("a cramped studio"). `words` are the question's normalised words."""
    text = question.lower()
    animal = words & _ANIMALS or _YOUNG_ANIMAL.search(text) is not None
    if words & _REAL_HORSES and _MY_BODY.search(text) is None:
        return REFUSAL_ANIMAL
    if _NAMED_HORSE.search(text) is not None and _MY_BODY.search(text) is None:
        return REFUSAL  # "the Charley Horse pub": a place with the name
    if _CRAMPED_SPACE.search(text) is not None and not words & BODY_WORDS:
        return REFUSAL  # "sleeping in cramped bunks": too little room, whoever sleeps there
    if animal and not words & _CHARLEY and _MY_BODY.search(text) is None:
        return REFUSAL_ANIMAL
    if words & _TABLETOP and _MY_BODY.search(text) is None:
        return REFUSAL  # a game's spell or a character's muscles, no one's body
    if _FIGURATIVE_CRAMP.search(text) is not None and (
        _MY_BODY.search(text) is None or not words & (BODY_WORDS | _CURL_BODY_WORDS)
    ):
        return REFUSAL  # a cramp in a diary or a plan is no one's muscle, whoever has it
    # A thing's "cramp" or "spasm" (cheap to look for first), with no body in the question.
    of_a_thing = (
        _not_of_a_body(question)
        or _spasm_of_a_thing(words, question, known)
        or _a_term_of_another_field(question, known)
    )
    if (
        of_a_thing
        and not words & (BODY_WORDS | _CURL_BODY_WORDS)
        # The question's own words: typo repair may make a "mile" of "mobile"; a clock or
        # an engine "runs" as no body does.
        and not set(normalise(_A_THING_RUNS.sub(" ", question))) & _BODY_DOINGS
        and _MY_BODY.search(text) is None
    ):
        return REFUSAL
    return None


# A tabletop or video role-playing game: its characters' muscles are no one's.
_TABLETOP = stemmed("dnd 5e rpg ttrpg spellcaster paladin warlock sorcerer cleric dungeons")
# "Runs" said of a thing ("the old clock runs slow"): no one running.
_A_THING_RUNS = kept_regex(r"\bruns\b", re.IGNORECASE)
# A term in quotes asked of in a field: "what is a 'squeeze' in rugby", "in bridge, why
# call a hand 'cramped'". The field is a word no cramp topic uses, right after "in".
_QUOTED_TERM = kept_regex(r"(?:^|[\s(])['\"\u2018\u201c][a-z][a-z' -]{1,30}['\"\u2019\u201d]")
_IN_A_FIELD = kept_regex(r"\bin\s+([a-z]+)\b")


def _a_term_of_another_field(question: str, known: frozenset[str]) -> bool:
    """Whether the question asks about a quoted term of another field ("in chess", "in
    baseball"), the field a word no cramp topic uses (`known`: the topics' words)."""
    text = question.lower()
    if _QUOTED_TERM.search(text) is None:
        return False
    return any(
        field and field[0] not in known
        for m in _IN_A_FIELD.finditer(text)
        if (field := normalise(m.group(1)))
    )


_SPASM = kept_regex(r"\bspasm", re.IGNORECASE)
# Parts of the body a spasm may be told of, beyond the legs and feet the topics are about.
_OTHER_PARTS = stemmed(
    "back neck shoulder shoulders arm arms wrist forearm bicep biceps tricep jaw face eye"
    " eyelid chest rib ribs hip hips groin glute glutes buttock knee ankle abs side stomach"
    " body"
)
_THING_WORDS = 2  # words no cramp topic uses: enough to say what the spasms are of


def _spasm_of_a_thing(words: set[str], question: str, known: frozenset[str]) -> bool:
    """A question whose only cramp word is "spasm", told of no body part, no body's doing
    and no one's own body, in words no cramp topic uses (`known`: the topics' words): what
    jerks is a machine, a light or a word ("the old fan rattles in spasms, bearing?").
    People tell a muscle's spasm with the muscle; "what stops spasms fast?", or "cramp"
    alone, stays a cramp question."""
    if _SPASM.search(question) is None or _CRAMP_TOKEN.search(question) is not None:
        return False
    if words & (_CHARLEY | _OTHER_PARTS | CRAMP_WORDS - {canonical("cramp")}):
        return False
    strange = {w for w in normalise(question) if w not in known}
    return len(strange) >= _THING_WORDS


# "Muscle" as strength, not a body part: "every ounce of muscle behind the crowbar", "more
# muscle into it" (a muscle's own cramp, pain or tear is still one).
_STRENGTH = kept_regex(
    r"\b(?:all\s+(?:my|his|her|their|our|the|your)|some|more|enough|extra|brute|real|"
    r"a\s+(?:bit|lot)\s+of|a\s+little|every\s+ounce\s+of)\s+muscle\b"
    r"(?!\s+(?:cramp|spasm|pain|ache|twitch|tear|strain|knot))|\bmuscle\s+(?:into|behind)\s+it\b"
)


# "Leg" as a part of a route or a contest, not a body: "which leg of the pilgrimage", "the
# last leg of our road trip", "the anchor leg".
_LEG_OF_A_ROUTE = kept_regex(
    r"\b(?:first|second|third|fourth|fifth|final|last|next|opening|closing|each|every|which|"
    r"what|one|longest|shortest|hardest|easiest|anchor|return|outbound|home)\s+legs?\b"
    r"(?!\s+(?:cramp|spasm|pain|ache|muscle|hurt|twitch))"
    r"|\blegs?\s+of\s+(?:the|a|an|this|that|our|my|his|her|their)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:route|journey|trip|tour|trail|relay|race|walk|hike|pilgrimage|way|voyage|flight|ride|"
    r"crossing|expedition|rally|camino|cruise|drive|itinerary|competition|tournament|event)\b"
)


# A body word capitalised after "the" in mid-sentence is a place's name, not a body part:
# a fell called "The Calf", "the Foot of the hill" written as a name. Read as written.
_BODY_NAMES = ("Calf", "Leg", "Foot", "Thigh", "Shin", "Heel", "Toe", "Arch", "Knee")
_BODY_AS_NAME = kept_regex(r"(?<=[a-z,] )[Tt]he (" + "|".join(_BODY_NAMES) + r")\b")
# A body part of a figure, not of a person: "my rigged character's leg", "the robot's arm".
_FIGURES_BODY = kept_regex(
    r"\b(?:character|avatar|rig|model|robot|puppet|doll|mannequin|sprite|npc|action\s+figure)"
    r"(?:'s|s')?\s+(?:(?:left|right|front|back|upper|lower)\s+)?(legs?|arms?|foot|feet|calf|calves"
    r"|hands?|knees?|thighs?|muscles?)\b"
)


# "Hydrated" of a person ("neither under- nor over-hydrated", "keep well hydrated"), not
# the chemist's hydrate that `_ANCHOR_VETO` keeps out.
_A_BODY_HYDRATED = kept_regex(
    r"\b(?:over|under|well|stay|staying|stays|keep|keeping|properly|adequately|fully|poorly|"
    r"badly|enough|i'?m|am|be|being|get|getting|not)[\s-]*(?:or\s+(?:over|under)[\s-]*)?"
    r"(?:hydrated|hydrating|hydrate)\b"
)


def _used_otherwise(question: str) -> set[str]:
    """The body words (as the index reads them) that every time `question` says them mean
    something else: a route's leg, a figure's arm, a fell called "The Calf"."""
    text = question.lower()
    others = Counter(canonical("leg") for _ in _LEG_OF_A_ROUTE.finditer(text))
    others.update(canonical(m.group(1)) for m in _FIGURES_BODY.finditer(text))
    others.update(canonical(m.group(1).lower()) for m in _BODY_AS_NAME.finditer(question))
    if not others:
        return set()
    said = Counter(canonical(word) for word in TOKEN.findall(text) if canonical(word) in others)
    return {word for word, count in others.items() if said[word] == count}


def read_scope(
    words: set[str],
    anchors: Mapping[str, Sequence[Anchor]],
    question: str = "",
    known: frozenset[str] = frozenset(),
) -> Scope | None:
    """How the normalised `words` are about cramps, or None when they are outside them.

    `anchors` holds each topic's anchors by topic id; `question`, the words as written,
    tells a pet's legs and a cramped room from a person's muscles; `known`, the words the
    topics use, tells a spasm of a thing from a spasm asked of in a cramp's words.
    """
    if question and _STRENGTH.search(question.lower()) and "muscles" not in question.lower():
        words = words - {canonical("muscle")}
    if question:
        words = words - _used_otherwise(question)
        if _A_BODY_HYDRATED.search(question.lower()):
            words = words - {canonical("hydrated")}  # a body's water, not a salt's
    if question and _elsewhere(words, question, known) is not None:
        return None
    anchored = frozenset(t for t, ts in anchors.items() for a in ts if a.matches(words))
    cramp = names_a_cramp(words)
    if words & _ANCHOR_VETO and not (cramp and _said_of_a_body(words, question)):
        if cramp:
            return None  # "the cursor keeps spasming": a machine's jerks, no muscle's
        anchored = frozenset()
    organs = words & _OTHER_CRAMPS
    if organs and organs <= _ORGAN_WORDS and cramp and question:
        organs = organs if _ORGAN_CRAMP.search(question.lower()) else set()
    other_organ = bool(organs) and not words & BODY_WORDS
    a_tool = _a_tool(words, question) or _not_about_muscles(words, question)
    if other_organ or a_tool or not (cramp or anchored):
        return None
    return Scope(cramp, anchored)


def _said_of_a_body(words: set[str], question: str) -> bool:
    """Whether a question's cramp is a person's: it says "cramp" itself, or names a body
    part, or the asker's own body ("spasm" and "seize" are said of machines too)."""
    if not question:
        return True
    text = question.lower()
    return (
        _CRAMP_TOKEN.search(question) is not None
        or bool(words & (BODY_WORDS | _CURL_BODY_WORDS | _CHARLEY))
        or _MY_BODY.search(text) is not None
    )


# The word "cramp" or "spasm" itself, not a muscle's: as letters, a clue or an answer in a
# game, or asked about as a word (what is named after it, whether it offends, what rhymes
# with it, how it is said in another language).
_WORD_GAMES = stemmed(
    "crossword scrabble wordle anagram boggle countdown"
    " minecraft roblox fortnite sims pokemon zelda hogwarts wizard jinx potter malfoy dumbledore"
    " autocorrect autocorrects autocorrecting spellcheck predictive"
    " etymology offensive rude slur slang insult swearword pronounce pronunciation synonym rhyme"
    " dialogue translate translation vocab flashcard flashcards"
)
# Things called by a cramp word with no muscle in them: cramps in history's rites ("cramp
# rings" blessed at a medieval ceremony), plants named for them ("cramp bark"), cables
# ("cramp or crimp the connector?"). Unlike `_ANCHOR_VETO`, these subjects refuse a
# question that says "cramp" itself, as long as no body is in it.
_OTHER_THINGS = stemmed(
    "monarch medieval ceremony ritual tudor"
    # A glaze that "cramps" into beads in the kiln.
    " glaze glazes glazing kiln pottery ceramic ceramics"
    " shrub shrubs soil seedling seedlings compost repot bloom blooms perennial viburnum"
    " potted houseplant houseplants foliage"
    " crimp crimper crimping rj45 ethernet connector"
)
_ABOUT_A_NAME = kept_regex(
    r"\bnamed\s+(?:after|for)\b|\bname\s+(?:comes?|came)\s+from\b|\bold\s+name\b"
    r"|\b(?:the|this|that)\s+word\b"
    r"|\bwhy\s+(?:was|is)\s+(?:it|that|this|he|she)\s+called\b"
    r"|\bsay\b[^?.!]{0,60}\bin\s+(?:english|german|french|spanish|italian|portuguese|dutch|japanese|"
    r"chinese|mandarin|cantonese|korean|arabic|russian|hindi|polish|turkish|greek|swedish|"
    r"norwegian|danish|finnish|tagalog|malay|indonesian|vietnamese|thai)\b"
)


# A hand in a word that names a grip, a side or a way of doing, not a body: "an open-hand
# grip", "second-hand", "a left-hand bend", "hands-free".
_HAND_OF_A_THING = kept_regex(
    r"\b(?:open|second|first|left|right|off|under|over|back|fore|one|two|upper)-hand(?:ed)?\b"
    r"|\bhands?-(?:free|held|made|down)\b"
)


def _not_about_muscles(words: set[str], question: str) -> bool:
    """Whether the question plays with the word, asks about it as a word (a crossword clue,
    what is named after it) or is about a thing called by it (a rite, a plant, a cable),
    with no body, no body's doing and no person's own cramp in it."""
    said = words & (_WORD_GAMES | _OTHER_THINGS)
    if not (said or _ABOUT_A_NAME.search(question.lower())):
        return False
    if _HAND_OF_A_THING.search(question.lower()):
        words = set(normalise(_HAND_OF_A_THING.sub(" ", question.lower())))
    if words & (BODY_WORDS | _CURL_BODY_WORDS | _CHARLEY | _BODY_DOINGS):
        return False
    return _MY_BODY.search(question.lower()) is None


def _a_tool(words: set[str], question: str) -> bool:
    """Whether the question's cramp is a clamp: woodwork or glue words, or a clamp named by
    its shape ("a G-cramp"), with no body part named."""
    if words & BODY_WORDS:
        return False
    return bool(words & _TOOL_CRAMPS) or _LETTER_CRAMP.search(question.lower()) is not None


def names_a_cramp(tokens: Iterable[str]) -> bool:
    """True when the tokens say 'cramp' or describe a seized muscle."""
    present = set(tokens)
    if present & CRAMP_WORDS:
        return True
    return any(present & cues and present & body for cues, body in _CRAMP_PAIRS)


REFUSAL_OTHER_CRAMPS = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). For stomach or period cramps, ask "
    "a pharmacist or your doctor; severe or unusual pain needs a doctor."
)
_REFUSAL_MEDICAL = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). For that, ask a doctor, a "
    "pharmacist or a physiotherapist."
)
_REFUSAL_REPAIR = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). For that, a bike shop, a mechanic "
    "or the maker's manual will know."
)
_REFUSAL_TRAINING = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). For training questions, ask a "
    "coach or a qualified trainer."
)
REFUSAL_ANIMAL = N_(
    "I can't answer that: crampcoach only answers questions about people's muscle cramps "
    "(causes, relief, prevention, myths and when to see a doctor). For an animal, ask a vet."
)
_REFUSAL_TOOL = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). For tools and woodwork, a timber "
    "merchant or a woodworking forum will know."
)
REFUSAL = N_(
    "I can't answer that: crampcoach only answers questions about muscle cramps (causes, "
    "relief, prevention, myths and when to see a doctor). Please ask someone who knows that "
    "subject, or a general search engine."
)


def out_of_scope_answer(question: str) -> str:
    """An honest refusal that says where to ask instead (a message id)."""
    tokens = set(normalise(question))
    elsewhere = _elsewhere(tokens, question)
    if elsewhere is not None:
        return elsewhere
    if tokens & _OTHER_CRAMPS:
        return REFUSAL_OTHER_CRAMPS
    if tokens & _TOOL_CRAMPS or _LETTER_CRAMP.search(question.lower()) is not None:
        return _REFUSAL_TOOL
    if tokens & _MEDICAL_HINTS:
        return _REFUSAL_MEDICAL
    if tokens & _REPAIR_HINTS:
        return _REFUSAL_REPAIR
    if tokens & _TRAINING_HINTS:
        return _REFUSAL_TRAINING
    return REFUSAL
