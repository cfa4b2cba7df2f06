"""The question matcher: topics for paraphrases and typos, None for questions outside cramps."""

from __future__ import annotations

import ast
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampcoach.core import answers, intents, question_scope, question_spelling, question_words
from crampcoach.core.answers import AnswerIndex, AnswerMatch, answer_question, build_index
from crampcoach.core.question_scope import names_a_cramp, out_of_scope_answer, parse_anchor
from crampcoach.core.question_words import normalise
from crampcoach.core.safety import DangerSigns, lead_with_danger
from crampcoach.knowledge.faq import load_faq

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "ask_heldout.jsonl"
ROWS = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
IN_SCOPE = [r for r in ROWS if r["topic"] is not None]
OUT_OF_SCOPE = [r for r in ROWS if r["topic"] is None]
FAQ = load_faq()
INDEX = build_index(FAQ.entries, real_words=FAQ.known_words)  # as the Coach builds it


# --- the held-out phrasings (written apart from faq.yaml; never copied into it) -------


def test_held_out_set_has_five_or_more_questions_per_topic() -> None:
    counts = Counter(r["topic"] for r in IN_SCOPE)
    assert set(counts) == set(FAQ.ids)
    assert min(counts.values()) >= 5
    assert len(OUT_OF_SCOPE) >= 10


def test_held_out_accuracy() -> None:
    misses = [
        (r["question"], answer_question(r["question"], INDEX).topic, r["topic"])
        for r in IN_SCOPE
        if answer_question(r["question"], INDEX).topic != r["topic"]
    ]
    assert len(misses) / len(IN_SCOPE) <= 0.05, misses


@pytest.mark.parametrize("topic", FAQ.ids)
def test_each_topic_is_found_for_most_of_its_held_out_phrasings(topic: str) -> None:
    rows = [r for r in IN_SCOPE if r["topic"] == topic]
    hits = sum(answer_question(r["question"], INDEX).topic == topic for r in rows)
    assert hits >= len(rows) - 1, topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # A leg that wakes the person, without the word cramp: night cramps.
        ("my toes curl up and wake me on most nights, any tips", "night_cramps"),
        ("calf woke me again at 3, how do I stop it", "night_cramps"),
        # Salt put into a drink asks about sodium, not about how much to drink.
        ("should I add salt to my water for long hikes in summer", "salt_sodium"),
        # Pickles as a drink after sport, not as food.
        ("gherkin brine shots after long rides: worth it?", "pickle_juice"),
        # Pain that stays after the cramp, even when the cramp came at night.
        ("my foot cramped in bed and it is still tender the next morning", "sore_after_cramp"),
        # "A sign that" asks for the cause.
        ("are cramps a symptom that your body is short of fluid", "dehydration"),
        # "Leg pulling" is a cramp in many speakers' English.
        ("my legs keep pulling in bed every night, what helps?", "night_cramps"),
        # Eating more salt asks about sodium, whatever else is said of sweat.
        ("my cap is white with salt after runs, should I eat extra salt?", "salt_sodium"),
        # A substance a person takes, without the word cramp.
        ("is a magnesium bath worth trying?", "magnesium"),
        ("do I need more potassium if I sweat a lot?", "potassium_bananas"),
        # Dehydration named, or too little drink asked about as the reason.
        (
            "I sip water all through a match and my calves still go; is dehydration a myth?",
            "dehydration",
        ),
        ("do my thighs seize because I don't take enough fluid in?", "dehydration"),
        # Salt taken in a drink asks about sodium.
        (
            "I sweat loads, is taking salt in my water before a game any good for cramps?",
            "salt_sodium",
        ),
        # Which of the two: a pulled muscle set beside a cramp.
        ("strained my hamstring, or merely a cramp? it still twinges", "cramp_vs_strain"),
        # Doubting that a cramp is simply a lack of fluid; what a cramp says of drinking.
        ("I sip all day and still seize up, isn't it simply dehydration then?", "dehydration"),
        ("calf knotted at work; does it mean I did not drink enough water today?", "dehydration"),
        # Asked as the reason in a learner's English, or as "was I just ...", whatever is
        # said of drinking around it.
        ("is this cramp come because I drink little water at the factory?", "dehydration"),
        # What the question sets aside is not what it asks about.
        ("what works for cramps that wake me in bed (not quinine please)", "night_cramps"),
        # Salt taken as tablets asks about sodium, whatever the event.
        ("Salt tabs in a marathon: yes or no? I always seize up late in the run.", "salt_sodium"),
        # A drink set against water asks which drink.
        (
            "are hydration tablets better than just water against cramps on the bike?",
            "sports_drinks",
        ),
        (
            "my hamstring cramped after the match, was I just dehydrated even with lots of drinks?",
            "dehydration",
        ),
        # The stomach a remedy upsets is its side effect, not a cramp of the stomach.
        (
            "Do sodium capsules on a long triathlon upset the stomach, or are they worth it?",
            "salt_sodium",
        ),
        # Asking what a cramp is, with how it behaves beside it.
        ("what is a cramp anyway, why does it lock the muscle so tight", "what_is_a_cramp"),
        # A muscle that "catches" is a cramp in Indian English.
        (
            "Best trick when hamstring catch comes halfway through a kabaddi game?",
            "stop_cramp_now",
        ),
    ],
)
def test_anchors_bring_in_questions_that_describe_their_topic(question: str, topic: str) -> None:
    assert answer_question(question, INDEX).topic == topic


@pytest.mark.parametrize("question", [r["question"] for r in OUT_OF_SCOPE])
def test_held_out_questions_outside_cramps_get_no_topic(question: str) -> None:
    match = answer_question(question, INDEX)
    assert match.topic is None
    assert match.confidence == 0.0
    assert match.answer.startswith("I can't answer that")


@pytest.mark.parametrize(
    "question",
    [
        "How do I fix my bike's gears?",
        "What helps knee pain?",
        "What is the capital of France?",
        "What is the best marathon training plan for beginners?",
        "banana bread recipe",
        "what vinegar do I need to pickle cucumbers?",
        "how long should a turkey sit in brine?",
        "how much salt goes in the water when you boil rice?",
        "how often should the lawn be watered in a drought?",
        "should chicken sit in pickle juice overnight before roasting?",
        "How do I swim faster?",
        "Is tonic water healthy?",
        # A metal or a chemical, not something a person takes: magnesium in an alloy, salt
        # spread on a path; and a heater is no misspelt "heat".
        "are magnesium wheels lighter than steel ones on a road bike?",
        "how much salt do I put on the front steps when it freezes?",
        "what size of storage heater does a small bedroom need?",
        "potassium permanganate for the garden pond, how much?",
        # Business, not drinking: a brand's sponsorship deal.
        "a sports drink company wants to sponsor our chess club, what goes in the contract?",
        # The voice and the light of a drink: no muscle.
        "what warm-up exercises help a singer before going on stage?",
        "does the quinine make gin and tonic fluorescent?",
        # Moves named by a body part, a figure of speech: no cramp of a person.
        "how do I progress from chin-ups to my first muscle up?",
        "is it rude to tell a flatmate he is cramping my style?",
        # A spasm in another sense: of the earth, of a history.
        "what is the 'spasm' phase before a volcanic eruption called by geologists?",
        "in my essay, is 'a spasm of unrest' too dramatic for a strike?",
        # A show's title in capitals, a quoted name with "spasm" in it.
        "Which actor played Tommy Lee in The Cramp Family movie?",
        "where does the name 'spasm bar' for that cocktail lounge come from?",
        # "All cramped" said of a thing.
        "my crochet looks all cramped at the edges, should I go up a hook size?",
        # Money that jerks: a list word in the plural is read as the question's words are.
        "our company shares are in a spasm this week, buy the dip?",
        # A word game, a wifi signal: the word, not a muscle.
        "crossword help: 'cramp', five letters, ends in T?",
        "my wifi router keeps cutting out in spasms at night, how do I fix it?",
        # The iron tie of masonry, "a cramp iron".
        "how do you replace a rusty cramp iron in a garden wall?",
        # Salt for a household machine, quinine against malaria: no cramp.
        "how often does the salt in a dishwasher need refilling?",
        "do I still need quinine tablets against malaria on a trip to Ghana?",
        # A machine that jerks or seizes: no muscle's spasm.
        "the mouse pointer spasms all over the monitor, driver problem?",
        "why does my drone keep twitching and seizing mid-flight?",
        # A light that flickers in spasms; a rusted bolt that will not shift, whatever
        # muscle is put behind the spanner.
        "the bathroom bulb flickers in spasms after the dimmer clicks, new switch needed?",
        "this bolt on the gate hinge has seized, I put all my muscle into the spanner, tips?",
        # Electronics that twitch as they warm up; birds in the heat.
        "the old hi-fi amplifier crackles in spasms for a minute after switching on, capacitor?",
        "the ducks are panting and holding their wings out in this heat, heatstroke?",
        # Hemmed in by a person, not seized by a cramp.
        "with the in-laws here all summer I am cramped by my relatives, how do I ask for space?",
        # A bowler cramping a batsman for room; a drink for a hangover.
        "why do commentators say a fast bowler is cramping the opener for room?",
        "are electrolyte drinks any use when you're badly hungover?",
        # "Spasm" of a thing, told with what jerks and no body part.
        "the tumble dryer drum lurches in spasms as each load finishes, belt or motor?",
        "our garage door opener stutters upward in spasms, is the chain too slack?",
        # A plant named for cramps; the word in another language; a medicine through customs.
        "will cramp bark thrive in clay soil under a north wall?",
        "what is the word for cramp in Polish, for my language flashcards?",
        "can I carry a prescription muscle relaxant through customs in Dubai?",
        # Too little room, denied: "so the family isn't cramped".
        "which minibus seats nine so the team isn't cramped on the long drive?",
        # The tool's word: "cramp" the plug of a network cable, or crimp it?
        "do you cramp or crimp an ethernet plug onto the cable, and with what tool?",
        # The word itself, or a custom of the past: what is named after it, whether it
        # offends, what rhymes with it, a rite around it.
        "was the town of Crampton named after cramps?",
        "is calling someone a 'spasm' a slur these days?",
        "which words rhyme with cramp for a limerick?",
        "what did medieval monks do at the cramp ceremony?",
        # A firm or family name with Cramp in it, in a question not written in title case.
        "Where was the Hollis Cramp & Daughters brewery before it moved to Bristol?",
        # A word met in old papers; a climbing hold named with a hand in it.
        "my gran's diary says the mill 'had a cramp' in 1902, what did that word mean then?",
        "is a crimp or an open-hand hold kinder on the tendons for a new climber?",
        # A young whale, a slip of the mind in a match, sweating off weight in a sauna.
        "how fast does an orca calf grow in its first year?",
        "my coach says I had a brain cramp on that free kick, is that an insult?",
        "will a sauna help me burn fat before my wedding?",
        # A racehorse to be named Charley Horse: a horse, not a cramp.
        "can a thoroughbred filly race under the name Charley Horse in Ireland?",
        # Fruit kept cold, a sting on the beach, a block game's villagers "cramped".
        "should avocados go in the fridge once they ripen?",
        "what helps a wasp sting on a toddler's arm?",
        "my Minecraft farm animals look cramped in their pen, how big should it be?",
        # A cramp on trade, autocorrect's word, a pub with the name.
        "will the strikes put a cramp on exports to Europe this winter?",
        "how do I stop autocorrect changing cram to cramp on my laptop?",
        "does the Charley Horse Inn by the river take bookings for twelve?",
        # Too little room to sleep in; a houseplant's leaves "like cramp".
        "how do sailors sleep well in cramped berths on long crossings?",
        "my potted fig's leaves curl as if they have cramp, is it the watering?",
        # Salt in a toy dough.
        "how much salt keeps homemade playdough from going mouldy?",
        "",
        "?!?",
    ],
)
def test_more_questions_outside_cramps(question: str) -> None:
    assert answer_question(question, INDEX).topic is None


@pytest.mark.parametrize(
    "question",
    [
        "after hours at the computer my calf spasms, how do I stop it?",
        "my hand keeps spasming on the mouse, what helps?",
        # A muscle's own cramp when strength is spoken of too.
        "I put all my muscle into the rowing machine and my back spasms, why?",
        "does putting some muscle into a massage help a calf cramp?",
        # Words about the cramp's name that still ask about a person's cramp.
        "where does the name charley horse come from, and how can I stop mine?",
        # A king, a century, a dictionary in a question about cramps themselves.
        "is salt the king of all the cramp cures people swear by?",
        "in this century do doctors still blame cramps on a lack of salt?",
        # A spasm asked of with no part named, in few words, is still a cramp question.
        "how can I stop a spasm quickly?",
        "do spasms in my shoulder mean anything?",
        # A crimp grip that cramps a forearm: the climber's own muscle.
        "my forearm cramps on small crimps at the wall, any fix?",
        # A body that cramps up beside a machine.
        "Using the games console for hours, my fingers cramp up - why?",
        "At the laptop all afternoon my forearm cramps up, what helps?",
        # Cramping up in a shootout with no nerves told: a muscle's cramp.
        "Cramped up in the shootout after extra time, was it fluids?",
    ],
)
def test_a_body_spasm_beside_a_machine_stays_in_scope(question: str) -> None:
    assert answer_question(question, INDEX).topic is not None


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("What helps period cramps?", "pharmacist"),
        ("What helps knee pain?", "doctor"),
        ("What is the best marathon training plan?", "coach"),
        ("How do I fix my bike's gears?", "bike shop"),
        ("Our spaniel drags a back paw after the beach, is it a cramp?", "vet"),
        ("How warm should the milk replacer be for a calf that was orphaned?", "vet"),
        ("Our dairy calves keep scouring, what should they drink?", "vet"),
        ("Which sash cramp length suits gluing a table top?", "woodworking"),
        ("How do I store bikes in a cramped hallway?", "search engine"),
        ("Our studio flat feels so cramped, where could a second wardrobe go?", "search engine"),
    ],
)
def test_refusal_says_where_to_ask_instead(question: str, where: str) -> None:
    match = answer_question(question, INDEX)
    assert match.topic is None
    assert where in match.answer


@pytest.mark.parametrize(
    "question",
    [
        "my calves cramp every time I take the dog out on the long loop, why?",
        "both my arches seize when I'm out walking the puppy, is that normal?",
        "woke with a charley horse at 3am, what helps?",
        # The asker's own calf beside a farm's calves, a cramp in a pull-up.
        "feeding the dairy calves at dawn my own calf seizes up, is it the cold?",
        "my forearms cramp halfway through a set of pull-ups, why?",
    ],
)
def test_a_pet_in_the_story_of_the_persons_own_cramp_stays_in_scope(question: str) -> None:
    assert answer_question(question, INDEX).topic is not None


# --- typos, lay words and the seeds' translated style ---------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("magnezium for cramp", "magnesium"),
        ("quinnine cramps at nite", "quinine"),
        ("does pickel juise help cramping", "pickle_juice"),
        ("dehidrated muscles cramp", "dehydration"),
        ("gatoraid for cramps", "sports_drinks"),
        ("streching every day to stop cramps", "stretching_prevention"),
    ],
)
def test_typos_are_repaired(question: str, topic: str) -> None:
    assert answer_question(question, INDEX).topic == topic


def test_repairs_are_reported() -> None:
    match = answer_question("magnezium for cramp", INDEX)
    assert match.topic == "magnesium"
    assert ("magnezium", "magnesium") in match.corrected


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("charley horse in the night, what gives?", "night_cramps"),
        ("Do water pills give you cramps?", "medicines_cause_cramps"),
        ("What is the reason of hind leg cramp during fitness exercise?", "what_is_a_cramp"),
        ("Do lactic acid bacteria make the legs cramp?", "lactic_acid"),
        ("my 75 year old mum cramps a lot", "fitness_and_age"),
        # Pregnant in slang; a cramp set against an injury as what it may be.
        ("13 weeks preggers and my calves lock up at night, what can I do", "pregnancy_cramps"),
        (
            "hamstring went in the sprint and aches today, pulled muscle or cramp?",
            "cramp_vs_strain",
        ),
        # The asker set beside their younger self.
        ("why do my legs seize up so much more than in my thirties", "fitness_and_age"),
        ("my legs cramp way more often than when I was a kid, is that normal?", "fitness_and_age"),
        ("is leg cramp from calcium shortage", "calcium_deficiency"),
    ],
)
def test_lay_words_and_translated_style(question: str, topic: str) -> None:
    assert answer_question(question, INDEX).topic == topic


def test_a_cramp_question_no_topic_fits_gets_the_broad_answer() -> None:
    match = answer_question("Are cramps hereditary?", INDEX)
    assert match.topic == "what_is_a_cramp"
    assert match.confidence <= 0.2


def test_questions_without_the_word_cramp_need_an_anchor() -> None:
    assert answer_question("How much fluid on a 3 hour ride?", INDEX).topic == "how_much_to_drink"
    assert answer_question("How much protein after a workout?", INDEX).topic is None
    assert answer_question("My calves ache when I walk", INDEX).topic == "walking_calf_pain"
    assert answer_question("My knee aches when I walk", INDEX).topic is None


# --- properties of the matcher ---------------------------------------------------------


def test_confident_on_a_clear_question_and_less_on_a_vague_one() -> None:
    clear = answer_question("Does pickle juice stop a cramp?", INDEX)
    vague = answer_question("cramp after sport", INDEX)
    assert clear.topic == "pickle_juice"
    assert 0.0 <= vague.confidence < clear.confidence <= 1.0


def test_the_answer_is_the_topic_answer() -> None:
    match = answer_question("Should I drink tonic water for cramps?", INDEX)
    entry = FAQ.get("quinine")
    assert match.topic == "quinine" and entry is not None
    assert match.answer == entry.answer


def test_deterministic_across_builds() -> None:
    other = build_index(FAQ.entries, real_words=FAQ.known_words)
    for row in ROWS:
        assert answer_question(row["question"], INDEX) == answer_question(row["question"], other)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_stays_in_the_vocabulary(question: str) -> None:
    match = answer_question(question, INDEX)
    assert match.topic is None or match.topic in FAQ.ids
    assert 0.0 <= match.confidence <= 1.0
    assert match.answer


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([r["question"] for r in IN_SCOPE]), st.sampled_from(["", "!!", "  "]))
def test_case_and_punctuation_do_not_change_the_topic(question: str, noise: str) -> None:
    base = answer_question(question, INDEX).topic
    assert answer_question(question.upper() + noise, INDEX).topic == base


# --- normalisation and the pieces -------------------------------------------------------


def test_normalise_joins_forms_and_drops_filler() -> None:
    assert normalise("My calves are cramping!") == ["calf", "cramp"]
    assert normalise("I can't stop the spasms") == ["not", "stop", "cramp"]
    assert normalise("Charley horse") == ["charley"]
    assert normalise("a 10 year old") == ["child"]


def test_anchor_needs_every_part() -> None:
    anchor = parse_anchor("calf|leg + walking|stairs")
    assert anchor.matches({"calf", "walk"})
    assert not anchor.matches({"calf"})
    assert not anchor.matches({"knee", "walk"})


def test_names_a_cramp() -> None:
    assert names_a_cramp(normalise("leg cramps"))
    assert names_a_cramp(normalise("my calf seized up"))
    assert not names_a_cramp(normalise("the engine seized"))
    assert names_a_cramp(normalise("my toes curled under and won't uncurl"))
    assert names_a_cramp(normalise("my hamstring knotted up"))
    assert not names_a_cramp(normalise("three sets of leg curls"))
    assert not names_a_cramp(normalise("bicep curls for bigger muscles"))


def test_idioms_are_read_as_a_whole() -> None:
    # 'waste' alone is a lactic-acid word, 'minutes' a warning-sign word, 'every' a routine.
    assert normalise("a waste of time") == ["pointless"]
    assert normalise("make it let go") == ["make", "release"]
    assert normalise("every day") == ["daily"]


# --- what the question asks decides between topics that share words ----------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # The same nouns, a different question.
        ("Two litres a day and I still cramp - is dehydration really the reason?", "dehydration"),
        ("How many litres a day should I drink so I stop cramping?", "how_much_to_drink"),
        # Asking to be checked, and telling a cramp from an injury, beat the words around it.
        (
            "I've cramped most nights for a month, my legs feel weak: should I get it seen?",
            "when_to_see_doctor",
        ),
        ("Sharp pain in my calf on a walk - cramp or have I torn it?", "cramp_vs_strain"),
        # A warm-up and a walking limit described without their usual words.
        ("Does some gentle jogging before kick-off stop me cramping?", "warmup"),
        (
            "My calf makes me stop after about 300 metres, then I can carry on: cramp?",
            "walking_calf_pain",
        ),
        # A seized muscle named without the word cramp.
        ("my toes have curled up and locked, how do I make them let go?", "stop_cramp_now"),
        # A remedy asked of as the way to end it at once: that remedy's question.
        ("how do I make a cramp stop right now, would pickle juice do it?", "pickle_juice"),
    ],
)
def test_the_question_asked_decides(question: str, topic: str) -> None:
    assert answer_question(question, INDEX).topic == topic


def test_out_of_scope_answer_is_honest() -> None:
    text = out_of_scope_answer("what is the capital of France")
    assert text.startswith("I can't answer that") and "search engine" in text
    assert "`" not in text  # no command of one face in the core's words


def test_a_refusal_ends_with_where_each_face_lists_the_topics() -> None:
    from crampcoach.core.answers import AnswerMatch
    from crampcoach.i18n import Translator
    from crampcoach.knowledge.loader import load_knowledge
    from crampcoach.views import TOPICS_IN_CLI, answer_words

    refusal = out_of_scope_answer("which planet has the most moons?")
    match = AnswerMatch(topic=None, confidence=0.0, answer=refusal)
    t, kb = Translator(), load_knowledge()
    assert answer_words(match, None, kb, t).endswith(t(TOPICS_IN_CLI))
    assert answer_words(match, None, kb, t, topics=None) == t(refusal)


@dataclass(frozen=True)
class Topic:
    """A minimal topic, to show the matcher needs only the TopicText fields."""

    id: str
    question: str
    answer: str
    keywords: tuple[str, ...]
    anchors: tuple[str, ...]
    phrasings: tuple[str, ...]
    general: bool = False
    priority: float = 1.0
    fallback: bool = False
    intents: tuple[str, ...] = ()


def test_works_on_any_topic_texts_and_blends_a_semantic_scorer() -> None:
    topics = [
        Topic(
            "night",
            "Why cramps at night?",
            "Stretch before bed.",
            ("night",),
            (),
            ("cramps at night", "cramp in bed"),
        ),
        Topic(
            "salt",
            "Salt for cramps?",
            "Partly.",
            ("salt",),
            ("salt + tablet",),
            ("salt for cramps", "salt tablets cramp"),
        ),
    ]
    index: AnswerIndex = build_index(topics)
    assert answer_question("cramp at night", index).topic == "night"
    assert answer_question("should I take salt tablets", index).topic == "salt"
    assert answer_question("what time is it", index).topic is None
    leaning = build_index(topics, semantic=lambda q: {"salt": 1.0, "night": 0.0})
    assert answer_question("cramp", leaning).topic == "salt"


def test_an_asked_intent_lifts_the_topic_that_answers_it() -> None:
    # Word for word the same topics: only what the question asks can tell them apart.
    same = ("Water for cramps?", "It depends.", ("water",), (), ("water and cramps",))
    topics = [
        Topic("amount", *same, intents=("amount",)),
        Topic("cause", *same, intents=("cause",)),
        Topic("night", "Cramps at night?", "Stretch before bed.", ("night",), (), ("in bed",)),
    ]
    index = build_index(topics)
    assert answer_question("how much water for cramps", index).topic == "amount"
    assert answer_question("is water the cause of my cramps", index).topic == "cause"


def test_asking_whether_a_remedy_works_lifts_only_the_remedy_named() -> None:
    # The "socks" topic also answers whether its remedy works: asking whether socks work
    # lifts it; asking whether "they" work, naming no remedy, lifts nothing.
    topics = [
        Topic(
            "socks",
            "Socks for cramps?",
            "Maybe.",
            ("socks",),
            (),
            ("socks", "cramps"),
            intents=("efficacy",),
        ),
        Topic("plain", "Cramps?", "Stretch.", ("cramps",), (), ("cramps", "cramps at rest")),
    ]
    index = build_index(topics)
    assert answer_question("do compression socks really work for cramps", index).topic == "socks"
    assert answer_question("do they really work for cramps at rest", index).topic == "plain"


@pytest.mark.parametrize(
    "module", [answers, intents, question_words, question_spelling, question_scope]
)
def test_core_modules_are_pure(module: ModuleType) -> None:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    tops = {name.split(".")[0] for name in imported}
    assert not tops & {"os", "pathlib", "io", "sqlite3", "yaml", "json", "time", "datetime"}
    # Only other pure core modules, the message marker and the regex compiler the story
    # reader's modules compile through (`kept_regex`): no knowledge files, no CLI.
    ours = [name for name in imported if "crampcoach" in name]
    allowed = ("crampcoach.core", "crampcoach.i18n", "crampcoach.knowledge.regexes")
    assert all(name.startswith(allowed) for name in ours)


# --- words that describe a topic, non-native English, typos (issue 11) ----------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # Warm-up asked about without the word cramp.
        ("does warming up help?", "warmup"),
        ("is a warm-up worth the bother?", "warmup"),
        ("warming up, does it do anything?", "warmup"),
        # A seized muscle described: rock hard, balled up, moving by itself.
        ("went into the sea in April and my calf went rock hard", "cold_water_swimming"),
        ("my hamstring balled up mid-game, what do I do right now?", "stop_cramp_now"),
        ("my toes bend down on their own in bed and wake me", "night_cramps"),
        # The word-for-word translation of the Chinese word for cramp.
        ("why calf pulling tendon in the night", "night_cramps"),
        ("my legs pumping when I lie down to sleep", "night_cramps"),
        # Heat as a number, too little fluid, an age without 'years old'.
        ("rugby in 33 degrees and my thighs cramped", "heat_cramps"),
        ("is drinking too little water why I cramp on hikes?", "dehydration"),
        ("I'm 71 now, is that why I cramp more?", "fitness_and_age"),
        # Which drink, not how much; a new medicine and then cramps.
        ("which drink stops cramp in a triathlon", "sports_drinks"),
        (
            "they switched me onto a water tablet and since then my calves knot",
            "medicines_cause_cramps",
        ),
        # Pregnancy, the small hours and the mechanism, told without their words.
        ("my wife is with baby and her calves cramp in bed, is it harmful?", "pregnancy_cramps"),
        ("six months along, legs cramp a lot, what is safe?", "pregnancy_cramps"),
        ("my feet cramp around four in the morning, never by day: why?", "night_cramps"),
        ("what goes on in the muscle fibres when they cramp?", "what_is_a_cramp"),
        ("my nan is in her eighties and cramps far more than she used to, why?", "fitness_and_age"),
        # The stomach where a drink goes is not the cramp's place.
        ("how can salty juice stop a cramp before it is even in the stomach?", "pickle_juice"),
    ],
)
def test_descriptions_and_non_native_english(question: str, topic: str) -> None:
    assert answer_question(question, INDEX).topic == topic


@pytest.mark.parametrize(
    ("question", "topic", "typed"),
    [
        ("leg cramsp in the nigth", "night_cramps", "nigth"),
        ("cramb in my calf, help me stop it now", "stop_cramp_now", "cramb"),
        ("sportsdrink against cramps?", "sports_drinks", "sportsdrink"),
    ],
)
def test_swapped_letters_and_run_together_words_are_repaired(
    question: str, topic: str, typed: str
) -> None:
    match = answer_question(question, INDEX)
    assert match.topic == topic
    assert typed in dict(match.corrected)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # A whole known word with a syllable more is another word, no typo: a crampon is
        # ice gear, and a cramp word one letter longer is still read as the cramp.
        ("which crampons suit a winter scramble in walking boots?", None),
        ("crampy calves after every long ride, what helps?", "stretching_prevention"),
    ],
)
def test_a_word_with_a_syllable_more_is_not_a_typo(question: str, topic: str | None) -> None:
    assert answer_question(question, INDEX).topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "How should I warm up my car engine on a frosty morning?",
        "What is a good warm up routine for choir singers?",
        "how long until I can jog after knee surgery?",
        "which diet helps you lose weight quickly?",
        "what cures a headache fastest?",
        "is a summer camp good for kids?",
        "how do I clamp a garden hose?",
        "what is the best time of day to do a hard workout?",
        "is it worth running in warm weather?",
    ],
)
def test_new_vocabulary_keeps_these_out_of_scope(question: str) -> None:
    assert answer_question(question, INDEX).topic is None


@pytest.mark.parametrize(
    "question",
    [
        # Too little room said of any thing, not only a place: a form, a board, a grid.
        "the sign-up form feels cramped on small phones, should the fields stack?",
        "after move ten in go my corner group is cramped, can it still live?",
        "our spreadsheet's columns are too cramped to print, any tips?",
        # A name: a record, a title, a thing called a cramp.
        "Is the record by Cramp Theory on vinyl anywhere in Leeds?",
        "my granny calls the jam jar lids 'cramp caps', where does that name come from?",
        # A quoted term asked of in another field; a machine that "runs" in spasms.
        "In kickball, what's a 'pickle' when a runner is stuck between two bases?",
        "In bowls, why do players say you bowl 'cramped' when the jack is near the ditch?",
        "is there a smoother way to say 'there is a cramp in our calendar' in english?",
        # Wheels turned to the kerb; a leg of a journey.
        "why does the highway code say to cramp your wheels on a steep street?",
        "which leg of the Pennine Way suits a two-day walk with kids?",
        # A chemistry lesson's water of crystallisation.
        "chemistry revision: is heating a blue hydrate until it turns white a kind of dehydration?",
        # A game character's muscles; a glaze in a kiln.
        "in my dnd campaign my paladin keeps getting muscle spasms as a curse, how do I lift it?",
        "why did the glaze on my mug cramp up and bead in the kiln?",
        "the tumble dryer runs in spasms halfway through, is the belt worn out?",
    ],
)
def test_a_cramp_word_not_of_a_body_is_out_of_scope(question: str) -> None:
    assert answer_question(question, INDEX).topic is None


@pytest.mark.parametrize(
    "question",
    [
        # The same words beside a body, a person cramping, or a sport: still about cramps.
        "my calves feel cramped and tight after the long coach journey, what helps?",
        "I cramped badly at mile 22 again, is it salt?",
        "Why do I get so cramped on long rides?",
        "She cramped up in the pool, how do we stop it next time?",
        "Cramps in bed every night, what can I do?",
        "what does 'cramp' actually mean in the muscle?",
        # A quoted kind of cramp, a quoted saying, a cramp told before a comma.
        "are so-called 'night cramps' just part of getting old?",
        "my trainer insists 'you cramped since your pace was too high' - is that right?",
        "I missed the warm-up and cramped, bad luck or cause?",
        "why do legs always feel cramped after a long train journey?",
        "is it usual to feel cramped after a day on a plane?",
        # A cramped place beside the person's own cramps: asked of the cramps.
        "our bedroom is tiny and cramped and stuffy; could the heat give me cramps?",
        # A quoted saying beside a field the cramp topics know; a person who runs.
        "is 'pickle brine' worth trying for cramps in marathons?",
        "my daughter runs cross-country and gets spasms in her calves, why?",
    ],
)
def test_the_same_words_beside_a_body_stay_in_scope(question: str) -> None:
    assert answer_question(question, INDEX).topic is not None


@pytest.mark.parametrize(
    ("text", "has", "lacks"),
    [
        ("35 degrees and cramping", "heat", ""),
        ("40 degrees f outside", "", "heat"),
        ("I went hard in the gym", "", "seize"),
        ("my calf goes rock hard", "seize", ""),
        ("warm weather", "warm", "warmup"),
        ("a warm-up first", "warmup", ""),
        ("a red, hot and swollen calf", "inflamed", "hot"),
        ("I am 10 km into the race", "", "child"),
        ("halfway through", "", "way"),
    ],
)
def test_word_families_in_normalise(text: str, has: str, lacks: str) -> None:
    tokens = set(normalise(text))
    assert set(normalise(has)) <= tokens, tokens
    assert not set(normalise(lacks)) & tokens, tokens


# --- leading with a danger sign (crampcoach.core.safety, without the engine) --------


def warning(*flags: str) -> DangerSigns:
    return DangerSigns(level="consultation_24", red_flags=list(flags), do_now=[])


def test_a_danger_sign_leads_and_picks_the_danger_topic() -> None:
    # 'hot' pulls heat cramps, but heat cramps do not speak to a clot.
    match = AnswerMatch("heat_cramps", 0.4, "Heat answer.")
    led = lead_with_danger(match, warning("dvt_signs"), FAQ)
    assert led.topic == FAQ.danger_topic == "when_to_see_doctor"
    assert led.led
    assert led.answer == FAQ.get("when_to_see_doctor").answer  # type: ignore[union-attr]


def test_a_specific_topic_that_names_the_danger_stays() -> None:
    match = AnswerMatch("heat_cramps", 0.7, "Heat answer.")
    led = lead_with_danger(match, warning("heat_stroke_signs"), FAQ)
    assert led.topic == "heat_cramps" and led.led and led.answer == "Heat answer."


def test_a_general_topic_gives_way_to_the_danger_topic() -> None:
    match = AnswerMatch("stop_cramp_now", 0.7, "Stretch.")
    assert lead_with_danger(match, warning("prolonged_cramp"), FAQ).topic == "when_to_see_doctor"


def test_out_of_scope_stays_out_of_scope_but_still_leads_with_the_danger() -> None:
    match = answer_question("what is the capital of France", INDEX)
    led = lead_with_danger(match, warning("breathlessness_or_chest_pain"), FAQ)
    assert led.topic is None and led.led and led.answer.startswith("I can't answer that")


def test_without_a_danger_sign_the_match_is_untouched() -> None:
    match = answer_question("does pickle juice work?", INDEX)
    assert lead_with_danger(match, None, FAQ) is match
    assert not match.led


def test_word_lists_hold_each_word_as_a_question_is_read() -> None:
    assert {"shares", "share"} <= question_words.stemmed("shares")


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Does a plain diet make night cramps worse?", "plain"),
        ("Can my heart rate warn me that a calf cramp is coming?", "heart"),
        ("Cramps in my feet while waiting at the station every morning, why?", "station"),
    ],
)
def test_a_real_word_is_no_typo_of_an_index_word(question: str, word: str) -> None:
    assert word in FAQ.known_words  # faq_known_words.json, made with a dictionary
    match = answer_question(question, INDEX)
    assert word not in dict(match.corrected)


def test_a_typo_is_still_mended_beside_the_real_words() -> None:
    match = answer_question("does magnezium help with nigth cramps?", INDEX)
    assert {"magnezium", "nigth"} <= set(dict(match.corrected))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("cramps doesnt that mean im low on salt", "cramps doesn't that mean im low on salt"),
        ("wouldnt stretching before bed stop night cramps", "wouldn't stretching before bed"),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_reads_as_with_it(
    typed: str, written: str
) -> None:
    from crampcoach.core.question_words import normalise

    assert normalise(typed)[:4] == normalise(written)[:4]


def test_hydrated_said_of_a_person_is_no_chemists_hydrate() -> None:
    assert answer_question(
        "On a day hike, what amount to drink keeps me well hydrated?", INDEX
    ).topic
    assert (
        answer_question("Why does a hydrate salt lose its water when heated?", INDEX).topic is None
    )


def test_whom_the_asker_asks_for_is_not_what_is_asked() -> None:
    question = "is a cramp my body saying I'm dehydrated? asking for our yoga club"
    assert answer_question(question, INDEX).topic == "dehydration"


def test_a_cause_asked_beside_how_much_is_drunk_is_the_cause() -> None:
    question = "Are calf cramps mostly from dehydration? Because I already drink loads daily."
    assert answer_question(question, INDEX).topic == "dehydration"
