"""Stories written without spaces (Chinese): numbers, cues and their reach, people, and the
facts the English reader would give."""

from __future__ import annotations

import pytest

from crampcoach.core.story.han_numbers import NumberReader
from crampcoach.core.story.segmented import SegmentedStoryReader
from crampcoach.knowledge.story_languages import load_story_language
from crampcoach.package_knowledge import PackageKnowledge

KNOWLEDGE = PackageKnowledge()
READER = KNOWLEDGE.story_reader("zh-Hans")
NUMBERS = NumberReader.of(load_story_language("zh-Hans").numerals)


def facts(text: str) -> dict[str, object]:
    """The Intake's fields the story sets, by dotted path."""
    story = READER.read(text)
    found: dict[str, object] = {}
    for part, values in story.intake.model_dump(exclude_defaults=True).items():
        found.update({f"{part}.{name}": value for name, value in values.items()})
    return found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三十五", 35),
        ("十", 10),
        ("十五", 15),
        ("一百", 100),
        ("一百二", 120),
        ("两千五", 2500),
        ("三万", 30000),
        ("3", 3),
        ("1.5", 1.5),
        ("3万", 30000),
        ("三点五", 3.5),
        ("两", 2),
        ("五六", 5),  # five or six: the lower end
        ("三四十", 30),
        ("二零二三", 2023),
    ],
)
def test_numbers_in_characters_digits_or_both(text: str, value: float) -> None:
    assert NUMBERS.value(text) == value


@pytest.mark.parametrize("text", ["", "三九十", "abc", "十x"])
def test_what_spells_no_number_is_none(text: str) -> None:
    assert NUMBERS.value(text) is None


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("跑了三十公里小腿抽筋", "activity.distance_m", 30000),
        ("跑了十公里小腿抽筋", "activity.distance_m", 10000),
        ("跑了3小时，小腿抽筋", "activity.duration_s", 10800),
        ("跑了两个多小时大腿抽筋", "activity.duration_s", 7200),
        ("半小时的慢跑，小腿抽了", "activity.duration_s", 1800),
        ("一个半小时以后小腿抽筋", "activity.duration_s", 5400),
        ("小腿抽筋了十分钟", "episode.duration_s", 600),
        ("三十五度的天，打球小腿抽筋", "activity.air_temperature_c", 35),
        ("冬泳小腿抽筋，水温只有五度", "activity.water_temperature_c", 5),
        ("零下五度跑步，小腿抽筋", "activity.air_temperature_c", -5),
        ("体重一百斤，跑步脚趾抽筋", "person.body_mass_kg", 50),
        ("我六十八岁，晚上腿抽筋", "person.age_years", 68),
        ("怀孕28周，晚上小腿抽筋", "person.pregnancy_week", 28),
        ("跑步后小腿抽筋，发烧到三十九度五", "findings.very_hot_skin", True),
    ],
)
def test_a_number_fills_the_field_its_words_tell(text: str, field: str, value: object) -> None:
    assert facts(text).get(field) == value


def test_a_bare_degree_without_weather_is_no_temperature() -> None:
    assert "activity.air_temperature_c" not in facts("小腿一度抽得很厉害")


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("小腿抽筋，腿不肿", "findings.swelling", False),
        ("小腿抽筋，没有发烧，没有头晕", "findings.dizziness", False),
        ("小腿抽筋，并没有肿", "findings.swelling", False),
        ("抽筋了，胸闷和气短都没有", "findings.breathlessness", False),
        ("骑车小腿抽筋，没热身", "activity.warmup", False),
        # A cue ends at punctuation or a terminator: what follows is said.
        ("小腿抽筋，腿不肿，但是很红", "findings.redness", True),
        ("腿没有肿，尿像酱油", "findings.dark_urine", True),
        # A cue's characters inside a word or a phrase deny nothing.
        ("跑完以后喘不上气，小腿抽筋", "findings.breathlessness", True),
        ("跑步小腿抽筋，摸不到脉搏", "findings.weak_foot_pulses", True),
        ("不知道为什么，跑完步尿像可乐", "findings.dark_urine", True),
        ("不到一小时就晕倒了，跑步时小腿抽筋", "findings.collapse", True),
    ],
)
def test_negation_reaches_what_follows_up_to_its_clause(
    text: str, field: str, value: object
) -> None:
    assert facts(text).get(field) == value


def test_a_denied_cramp_is_no_cramp_and_a_word_holding_not_is_no_denial() -> None:
    assert not READER.read("我没有抽筋，只是小腿酸").cramp_mentioned
    assert READER.read("跑步时小腿不停地抽筋").cramp_mentioned


def test_a_hedged_sign_is_kept_as_uncertain() -> None:
    story = READER.read("腿抽筋，好像尿有点像浓茶")
    urine = [f for f in story.facts if f.field == "findings.dark_urine"]
    assert urine and urine[0].value is True and urine[0].uncertain


def test_the_person_asked_for_is_the_one_the_story_is_about() -> None:
    story = READER.read("帮我妈问一下，她七十多岁了，晚上睡觉老是腿抽筋")
    assert story.about == "someone_else"
    assert story.intake.person.sex == "female"
    assert story.intake.person.age_years == 70


def test_someone_elses_or_a_past_sign_is_history_not_a_finding() -> None:
    for text in (
        "我爸以前晕倒过，我今天跑步小腿抽筋",
        "去年跑马拉松的时候晕倒过，这次跑步只是小腿抽筋",
        "跑友跑完马拉松叫不醒，我自己小腿抽筋没事",
    ):
        story = READER.read(text)
        assert story.intake.findings.collapse is not True, text
        assert any(f.field == "findings.collapse" for f in story.history), text


def test_a_past_cue_ends_at_a_word_of_now() -> None:
    story = READER.read("以前也抽过，但是这次小腿又肿又热")
    assert story.intake.person.cramp_history is True
    assert story.intake.findings.swelling is True


def test_traditional_characters_are_read_as_simplified() -> None:
    simplified = READER.read("跑完步小腿抽筋，尿像酱油一样")
    traditional = READER.read("跑完步小腿抽筋，尿像醬油一樣")
    assert traditional.intake == simplified.intake
    assert traditional.facts[-1].text in "跑完步小腿抽筋，尿像醬油一樣"  # quoted as written


def test_a_mixed_story_reads_its_latin_words() -> None:
    intake = READER.read("跑完half marathon小腿抽筋").intake
    assert intake.activity.distance_m == 21097
    assert intake.episode.muscle == "calf"


def test_a_danger_sign_in_the_middle_of_a_long_story_is_read() -> None:
    filler = "今天天气不错，早上吃了包子，去公园走了走，和朋友聊了聊天。" * 400
    story = READER.read(filler + "跑完步小腿抽筋，尿像酱油一样。" + filler)
    assert story.intake.findings.dark_urine is True


def test_the_quote_of_a_fact_is_the_persons_own_words() -> None:
    text = "跑馬拉松到三十公里小腿抽筋了"
    for fact in READER.read(text).facts:
        assert text[fact.start : fact.end] == fact.text


def test_a_text_with_nothing_to_go_on_is_not_usable() -> None:
    story = READER.read("今天天气很好")
    assert not story.usable and story.missing and story.notices
    assert story.lang == "zh-Hans"


def test_a_segmenter_that_loses_characters_is_not_trusted() -> None:
    reader = SegmentedStoryReader(
        lang="zh-Hans",
        data=READER.data,
        numbers=READER.numbers,
        segment=lambda text: [text[:-1]],  # drops the last character
    )
    assert reader.read("小腿不肿").intake.findings.swelling is False


def test_the_language_data_is_checked() -> None:
    data = load_story_language("zh-Hans")
    assert data.language == "zh-Hans"
    assert "抽筋" in data.dictionary()


def test_a_muscle_word_that_holds_the_cramp_word_is_still_a_cramp() -> None:
    for text in ("昨晚睡觉脚抽筋了", "写字写到手抽筋", "孩子小腿肚子抽筋了"):
        assert READER.read(text).cramp_mentioned, text


def test_someone_named_as_company_owns_no_words() -> None:
    story = READER.read("和几个同学去爬山，下山的时候小腿抽筋了")
    assert story.about == "writer"
    assert story.intake.episode.muscle == "calf"


def test_the_readers_addressed_are_no_one_in_the_story() -> None:
    story = READER.read("各位朋友，昨天游泳游到一半小腿抽了一下")
    assert story.about == "writer"
    assert story.intake.episode.muscle == "calf"


def test_a_pronoun_of_the_sex_of_the_person_asked_for_is_that_person() -> None:
    story = READER.read("替我爸问问，我哥陪他住。他这几天小腿肿，还说喘不上气")
    assert story.about == "someone_else"
    assert story.intake.findings.breathlessness is True


def test_hearsay_and_ifs_are_not_told_as_now() -> None:
    story = READER.read("听说抽筋严重了会尿血，我今早腿肚子抽了一下")
    assert story.intake.findings.dark_urine is not True
    assert READER.read("跑完步小腿抽筋，尿像浓茶").intake.findings.dark_urine is True


def test_dou_bu_denies_what_its_clause_told_and_what_follows() -> None:
    assert facts("小腿抽筋，两只脚踝都不肿").get("findings.swelling") is False
    assert facts("小腿抽筋，红肿热痛都没有").get("findings.redness") is False


def test_a_count_a_week_of_something_else_is_no_cramp_count() -> None:
    assert READER.read("每周游三次泳，昨天游完小腿抽了").intake.episode.per_week is None
    assert READER.read("半夜小腿抽筋，一个星期三次").intake.episode.per_week == 3


def test_the_writer_as_a_witness_owns_nothing_of_what_they_find() -> None:
    story = READER.read("帮我奶奶问一下。我一看，左腿比另一条腿粗，一碰就疼，夜里腿抽筋")
    assert story.about == "someone_else"
    assert story.intake.findings.swelling_one_side is True


def test_about_hedges_a_number_not_the_story() -> None:
    facts_read = READER.read("游了大概三公里，小腿抽筋了").facts
    assert not any(f.uncertain for f in facts_read if f.field == "episode.muscle")


def test_the_writer_acted_on_owns_nothing_of_what_follows() -> None:
    # The one who woke the writer is the one told of; someone named first acts on the writer.
    story = READER.read("我外公八十了。半夜把我摇醒，说左腿肚子抽筋，他的脚趾发紫，摸不到脉搏")
    assert story.about == "someone_else"
    assert story.intake.findings.weak_foot_pulses is True
    story = READER.read("篮球打到一半小腿抽筋，同学把我背到场边，现在还是头晕恶心")
    assert story.about == "writer"
    assert story.intake.findings.dizziness is True


def test_a_reflexive_names_whoever_was_told_of_already() -> None:
    story = READER.read("我奶奶有高血压，上周自己把利尿药加量了，今天夜里腿抽筋")
    assert story.about == "someone_else"
    assert "diuretic" in story.intake.person.medicines


def test_hearsay_runs_over_its_sentence_until_the_writer_speaks_again() -> None:
    story = READER.read("网上说骑车太猛会伤肌肉，尿会是浓茶色，我昨天骑完车大腿抽了一下")
    assert story.intake.findings.dark_urine is not True
    assert story.intake.episode.muscle == "quadriceps"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("夜间腿肚转筋，小便，颜色像浓茶", "findings.dark_urine"),
        ("小腿抽筋后，左脚比右脚凉很多", "findings.cold_pale_limb"),
        ("腿抽筋，脚背的搏动摸不着", "findings.weak_foot_pulses"),
        ("小腿抽筋，爬两层楼就喘得上气不接下气", "findings.breathlessness"),
        ("小腿抽筋，胸口左边一阵阵刺着疼", "findings.chest_pain"),
        ("坐了九个小时的大巴，小腿抽筋", "person.recent_immobility"),
        ("上周一根铁丝从鞋底戳进脚里，今天小腿抽筋", "person.recent_wound"),
        ("小腿抽筋，下巴发僵", "findings.jaw_stiffness"),
        ("小腿抽筋，嘴角有点麻", "findings.tingling_mouth_or_fingers"),
        ("踢球时小腿抽筋，像被人踹了一下，后来青了一大片", "findings.bruising"),
        ("踢球时大腿抽筋，现在拖着腿走", "findings.pain_bearing_weight"),
        ("骑车后大腿抽筋，今天比昨天还疼", "findings.pain_persists"),
        ("医生把我的降压药改成了另一种，这周夜里腿抽筋", "person.medicine_started_recently"),
    ],
)
def test_signs_told_in_everyday_words_zh_blind4(text: str, field: str) -> None:
    assert facts(text).get(field) is True, facts(text)


@pytest.mark.parametrize(
    "text",
    ["小腿抽筋，嘴唇四周不麻", "小腿抽筋，尿的颜色不是茶色", "小腿抽筋，胸口不疼"],
)
def test_a_negation_between_the_words_of_a_sign_denies_it(text: str) -> None:
    found = facts(text)
    assert not any(v is True for k, v in found.items() if k.startswith("findings.")), found


def test_a_muscle_in_the_cramps_sentence_ranks_before_one_named_elsewhere() -> None:
    story = READER.read("热身时转了转手腕。游到一半，右腿肚先是发紧，随后死死地僵住了。")
    assert story.intake.episode.muscle == "calf"


def test_pain_begun_a_day_before_and_felt_today_persists() -> None:
    assert facts("前晚开始腿肚转筋，今儿一早稍微一动就疼").get("findings.pain_persists") is True
    assert "findings.pain_persists" not in facts("前天开始腿肚转筋，今天已经不疼了")


def test_a_companion_word_is_a_word_of_its_own() -> None:
    # 同 in 同村 (the same village) names no company: the one who fainted is the neighbour.
    story = READER.read("同村的大叔中暑晕倒了。我只是小腿抽筋，人清醒。")
    assert story.intake.findings.collapse is not True
    # 跟 ends its word: the friend is company, the cramp is the writer's.
    story = READER.read("昨天跟朋友爬山，下山时大腿抽筋，喝了点水好了")
    assert story.about == "writer"
    assert story.intake.episode.muscle == "quadriceps"


def test_not_before_a_length_of_time_is_soon_after_not_a_denial() -> None:
    # 没 + a length of time or a few steps: "within", the cramp that follows is told.
    for text in ("下水没三分钟股四头肌就抽住了", "刚出门没跑几步脚底就抽住了"):
        story = READER.read(text)
        assert story.cramp_mentioned and story.intake.episode.muscle is not None, text
    assert facts("小腿抽筋，没肿").get("findings.swelling") is False


def test_someone_in_a_figure_of_speech_is_no_one_in_the_story() -> None:
    story = READER.read("小腿后面好像有人拿石头砸了一下，现在那里青了一片，只能拖着腿走")
    assert story.about == "writer"
    assert story.intake.findings.bruising is True
    assert story.intake.findings.pain_bearing_weight is True
    story = READER.read("凌晨腿肚抽住，仿佛有人攥着使劲拧，到现在一碰就疼")
    assert story.about == "writer"
    assert story.intake.findings.tenderness is True


def test_a_sign_denied_as_a_kind_after_it_is_denied() -> None:
    assert facts("大腿转筋一回，胸闷之类的也没有").get("findings.chest_pain") is False


def test_together_is_no_company() -> None:
    # 同 inside 同去 ("went together"): the friend named after it owns the dark urine.
    story = READER.read("爬完山，同去的朋友尿色像浓茶。我只有小腿转筋，尿色正常")
    assert story.intake.findings.dark_urine is False


def test_a_count_a_month_is_a_fraction_of_a_week() -> None:
    assert READER.read("凌晨腿肚转筋，一个月三次").intake.episode.per_week == pytest.approx(
        3 / 4.35
    )
    # ... or a sentence of its own after the cramp's; nights a week count too.
    assert READER.read("晚上脚底偶尔抽筋。每月两回吧。").intake.episode.per_week is not None
    assert READER.read("一周有四个晚上被腿肚转筋弄醒").intake.episode.per_week == 4


def test_a_person_named_inside_a_sign_told_over_clauses_owns_it() -> None:
    # The writer set out with him (company), and he is named inside the walking story.
    story = READER.read(
        "帮我姥爷咨询。我陪他去菜市场，走了两百来米，他便站住，说小腿酸痛，"
        "站着歇会儿便好了，再走又痛"
    )
    assert story.about == "someone_else"
    assert story.intake.findings.pain_on_walking_eased_by_rest is True


def test_a_fall_the_cramp_caused_is_no_collapse() -> None:
    assert facts("冲刺那下腘绳肌抽筋了，直接摔倒在地，拉开就好").get("findings.collapse") is None
    assert facts("跑完小腿抽筋，过了半小时突然晕倒在地").get("findings.collapse") is True


def test_a_foot_a_little_cooler_than_its_pair_is_no_lost_blood_supply() -> None:
    found = facts("熟睡中腿肚转筋，左脚比右脚稍微凉些")
    assert found.get("findings.cold_pale_limb") is None
    assert found.get("findings.cold_feet") is True
    assert facts("熟睡中腿肚转筋，左脚突然变得冰凉").get("findings.cold_pale_limb") is True


def test_the_writers_own_cramp_makes_the_story_theirs() -> None:
    # A relative's cramps told first, then the writer's own in a clause naming them.
    story = READER.read("我哥前年练长跑时常抽筋，我最近两晚也抽了脚底")
    assert story.about == "writer"
    assert story.intake.episode.muscle == "foot"
    # The writer only asking about it keeps the story the relative's.
    story = READER.read("帮我爸发帖，他今早骑车腿肚转筋。我就问问：这要紧吗")
    assert story.about == "someone_else"


@pytest.mark.parametrize("relative", ["俺爹", "我爹", "俺娘", "阿嬷", "俺闺女"])
def test_kinship_words_of_dialects_name_a_relative(relative: str) -> None:
    story = READER.read(f"{relative}下午在菜园里锄地，晚上腿转筋，现在还说胡话")
    assert story.about == "someone_else"
    assert story.intake.findings.confusion is True


def test_what_a_medicine_is_for_is_no_sign_and_a_pill_added_is_new() -> None:
    found = facts("外婆在吃消水肿用的药片，上礼拜又添了一种降压片，夜里脚底抽")
    assert found.get("findings.swelling") is None
    assert found.get("person.medicine_started_recently") is True


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # walking pain that stops and then "is gone" (没了) when he rests
        (
            "公公走一百多米腿肚便抽痛，停住靠墙站会儿，痛就没了",
            "findings.pain_on_walking_eased_by_rest",
            True,
        ),
        # the swollen leg named is the story's muscle
        ("长途火车下来左小腿肿起来，抽筋似的胀痛", "episode.muscle", "calf"),
        # a belly told by its size is no cramping muscle
        ("我肚子比较胖，夜里左腿肚转筋", "episode.muscle", "calf"),
        # the back told as a place, hands cramping with the legs
        ("被木刺扎过脚心，这几天背上一阵阵地抽", "episode.muscle", "other"),
        ("洗碗洗到半夜，手和腿同时抽起来", "episode.muscle", "other"),
        # curled up, or a stretch in bed
        ("蜷在车后座睡了一路，醒来脚趾僵住了", "episode.pressure_or_position", True),
        ("清早伸了个大懒腰，腿肚抽住了", "episode.foot_pointed_down", True),
        # an activity taken up just now
        ("前两天才开始学游泳，昨晚腿肚转筋", "activity.unaccustomed", True),
    ],
)
def test_families_of_zh_blind6(text: str, field: str, value: object) -> None:
    assert facts(text).get(field) == value, text


def test_a_hand_curled_in_the_cramp_is_no_posture() -> None:
    found = facts("弹了一下午钢琴，指头抽了，手蜷着张不开")
    assert found.get("episode.pressure_or_position") is None


def test_a_length_after_the_pain_is_the_cramps_and_walking_as_a_test_is_no_walk() -> None:
    found = facts("午觉起来脚心抽了，疼了四十来秒，现在走路时也没事")
    assert found.get("episode.duration_s") == 40
    assert found.get("activity.sport") is None
    assert facts("晚饭后散步两公里，回来腿肚转筋").get("activity.sport") == "walking"


def test_a_muscle_let_go_after_what_was_done_is_relieved() -> None:
    found = facts("游完泳脚心抽住，揉了一会儿便软下来了")
    assert found.get("episode.relieved_by_stretching") is True
    found = facts("腿肚转筋，按摩了二十分钟还没松，现在还在抽")
    assert found.get("episode.relieved_by_stretching") is False


def test_someone_elses_sign_told_as_now_is_theirs_now() -> None:
    """现在 before the sign, in its sentence: the workmate's, now (a flag that calls for an
    ambulance counts it); the same sign told of last year stays history."""
    now = READER.read("仓库里闷热，我大腿抽筋了。我的同事现在靠着货架，怎么叫都叫不醒。")
    assert now.intake.someone_else.collapse is True
    assert now.intake.findings.collapse is not True
    before = READER.read("去年夏天我的同事在仓库里晕倒过。今天我大腿抽筋了。")
    assert not before.intake.someone_else.model_fields_set
    assert any(fact.field == "findings.collapse" for fact in before.history)
