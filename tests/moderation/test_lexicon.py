import pytest

from forum.moderation import lexicon, policy
from forum.moderation.normalise import normalise
from forum.moderation.types import Context


def cats(text: str) -> dict[str, int]:
    return {s.category: s.severity for s in lexicon.detect(text, normalise(text), Context())}


def test_lexicon_has_version() -> None:
    lex = lexicon.load_lexicon()
    assert lex.version and len(lex.entries) > 100


@pytest.mark.parametrize(
    ("text", "category", "min_severity"),
    [
        ("i want to die", "crisis", 2),
        ("i dont want to live anymore", "crisis", 2),
        ("i've been saving my pills", "crisis", 3),
        ("this is goodbye", "crisis", 4),
        ("i wanna die tonight", "crisis", 3),  # a timeframe makes ideation a plan
        ("i can't stop thinking about killing myself", "crisis", 2),
        ("i cut myself again", "self_harm", 1),
        ("th1nspoooo", "pro_harm", 3),
        ("looking for an ana buddy", "pro_harm", 3),
        ("kill yourself", "harassment", 3),
        ("kys", "harassment", 3),
        ("you should just die", "harassment", 3),
        ("why don't you just die, everyone's sick of you", "harassment", 3),
        ("the sewer slide thing is on my mind again", "crisis", 2),  # "suicide" said past word filters
        ("keep having thoughts about k*lling myself", "crisis", 2),
        ("how many of my tablets would be too many?", "crisis", 2),  # needs backing
        ("ctb soon", "crisis", 3),  # "catch the bus", with a timeframe
        ("i just want to self-delete. i'm so tired", "crisis", 2),
    ],
)
def test_positive(text: str, category: str, min_severity: int) -> None:
    assert cats(text).get(category, 0) >= min_severity


@pytest.mark.parametrize(
    "text",
    [
        "i would never hurt myself",  # negation
        "i'll kill myself laughing if my dad dances at the wedding",  # an idiom
        "the sewer slides down the hill behind our house",
        "i'm not suicidal, just tired",
        "two years ago i attempted",  # history
        "i used to cut myself",
        "when i was suicidal i called a helpline",
        "please don't hurt yourself",  # second-person support
        "don't kill yourself, we love you",
        "> i want to die\nsending you hugs",  # quoted line
        'the song goes "i want to die" and it hit hard',  # quotation
        "this commute is killing me",
    ],
)
def test_context_cancels(text: str) -> None:
    found = cats(text)
    assert "crisis" not in found and "self_harm" not in found and "harassment" not in found


@pytest.mark.parametrize(
    ("text", "category", "why"),
    [
        ("please don't kill yourself, we're here", "harassment", "support"),
        ("i would never want to die, i love my life", "crisis", "negated"),
        ("years ago i used to want to die every day", "crisis", "history"),
        ("reading 'i don't want to be alive anymore' from you broke my heart", "crisis", "quoted"),
        ("my friend who said she won't be alive much longer", "crisis", "other person"),
    ],
)
def test_judge_reports_what_context_cancelled(text: str, category: str, why: str) -> None:
    signals, cancelled = lexicon.judge(normalise(text))
    assert category not in {s.category for s in signals}
    assert cancelled.get(category) == why


def test_single_quotes_do_not_break_on_apostrophes() -> None:
    assert "crisis" in cats("i can't do this, i want to die")
    assert "crisis" not in cats("'i wish i'd never been born' is such a heavy feeling. you're not alone")


def test_a_phrase_with_its_own_first_person_subject_is_the_writers() -> None:
    """Someone mentioned before the phrase does not make "after i'm gone" about them."""
    assert cats("made a list of who gets what after i'm gone")["crisis"] >= 3
    assert "crisis" not in cats("my sister said they won't be alive to see it")


@pytest.mark.parametrize(
    "text",
    [
        "i tried to kill myself an hour ago",
        "lol so i tried to kill myself earlier today. anyway",
        "i tried to end my life on thursday, i'm on the ward",
        "i attempted last night and i'm in a&e",
        "posting from a hospital bed. i attempted on saturday night",
        "i overdosed this morning",
        "i took an overdose an hour ago",
        "i've taken an overdose and i'm scared",
        "ive overdosed",
    ],
)
def test_an_attempt_with_a_recent_time_is_now_not_history(text: str) -> None:
    """ "I tried to" reads as history, unless the time says it just happened."""
    assert cats(text).get("crisis") == 4


@pytest.mark.parametrize(
    "text",
    [
        "i tried to kill myself years ago and i'm glad i'm still here",
        "i tried to kill myself when i was 15",
        "i tried to end my life in 2014. today is my 10th birthday since",
        "i attempted at 17 and again at 19. i'm 34 now",
        "i overdosed at 20 and woke up in icu. that was 9 years ago",
        "i took an overdose in 2015 and survived",
        "i took an overdose",  # no time: left to the classifier
    ],
)
def test_an_attempt_long_ago_is_still_history(text: str) -> None:
    assert "crisis" not in cats(text)


def test_someone_elses_overdose_is_not_the_writers() -> None:
    assert "crisis" not in cats("my brother overdosed last night, we're at the hospital")
    assert "crisis" not in cats("my mum took an overdose last night")


def test_thru_is_through() -> None:
    assert cats("i went thru with it. feel sleepy")["crisis"] == 4


def test_a_negation_before_the_phrases_own_subject_belongs_to_another_clause() -> None:
    assert cats("my sponsor doesn't know i've picked a date")["crisis"] >= 3
    assert cats("she doesn't know i've said my goodbyes")["crisis"] >= 3
    assert "crisis" not in cats("i don't want to die")
    assert "crisis" not in cats("i would never end my life")


@pytest.mark.parametrize(
    "text",
    [
        "i'd rather ask than wonder: are you thinking about suicide right now?",
        "it's really brave to say you've been having thoughts of suicide",
        "i'm scared he's going to end it all",
        "my flatmate wants to end it all",  # a person of the household or family, by name of relation
        "my roommate wants to end it all",
        "my husband wants to end it all",
    ],
)
def test_the_nearest_subject_before_a_phrase_decides_whose_it_is(text: str) -> None:
    signals, cancelled = lexicon.judge(normalise(text))
    assert "crisis" not in {s.category for s in signals} and cancelled["crisis"] == "other person"


@pytest.mark.parametrize(
    "text",
    [
        "it's the kind of tired where you don't want to exist anymore",
        "you know that feeling when you just don't want to wake up? every morning lately",
        "there's a point where you want to die more than you want anything else",
    ],
)
def test_a_generic_you_describing_a_state_is_the_writers(text: str) -> None:
    """The impersonal "you" of "the kind of tired where you..." is the writer speaking of themself."""
    assert cats(text)["crisis"] >= 2


@pytest.mark.parametrize(
    "text",
    [
        "if you get to the point where you want to die, call 988",
        "when you want to die, please text us",
        "you said you don't want to wake up anymore. i'm here",
    ],
)
def test_a_you_that_addresses_the_reader_stays_someone_else(text: str) -> None:
    signals, cancelled = lexicon.judge(normalise(text))
    assert "crisis" not in {s.category for s in signals} and cancelled["crisis"] == "other person"


@pytest.mark.parametrize(
    "text",
    [
        "> anyone else struggling this week?\nme. thinking about suicide again",
        "> how are you really?\nreally? i want to stop existing",
    ],
)
def test_a_reply_line_after_a_quoted_line_is_the_writers(text: str) -> None:
    """A "> " quotation ends with its line; the reply below it is not quoted."""
    assert cats(text)["crisis"] >= 2


@pytest.mark.parametrize(
    "text",
    [
        "anyone else just going through the motions till they can stop existing",
        "does anyone else go through phases where you just want to be dead?",
        "real talk how many of u think about dying every day",
        "can u want to die and still do ur laundry? asking for me",
    ],
)
def test_anyone_else_includes_the_writer(text: str) -> None:
    assert cats(text)["crisis"] >= 2


def test_anyone_else_with_a_third_person_is_about_them() -> None:
    signals, cancelled = lexicon.judge(normalise("anyone else have a son who says he wants to die?"))
    assert "crisis" not in {s.category for s in signals}


def test_a_quoted_thought_of_the_writers_own_is_theirs() -> None:
    assert cats("i've thought 'i should just kill myself' three times this week")["crisis"] >= 2
    # ...but only for risk to self: a thought that says "kill yourself" is no threat to anyone
    assert "harassment" not in cats("i keep thinking 'just kill yourself' when i mess up")
    assert "crisis" not in cats('the song goes "i want to die" and it hit hard')


def test_an_object_pronoun_does_not_take_the_phrase_from_the_writer() -> None:
    assert cats("i can't face her and want to die")["crisis"] >= 2
    assert cats("i told her i want to die")["crisis"] >= 2


def test_an_anniversary_is_history_even_with_this_week() -> None:
    assert "crisis" not in cats(
        "five years ago this week i tried to end my life. i'm sharing because it gets better"
    )
    assert cats("two years ago i attempted and tonight i want to die again")["crisis"] >= 2


def test_the_anniversary_of_a_loss_is_not_the_writers_history() -> None:
    # Grief anniversaries are a time of risk: only the anniversary of the writer's own attempt makes it history.
    assert cats("first anniversary of losing my son next week and i just want to be dead too")["crisis"] >= 2
    assert "crisis" not in cats(
        "marking the anniversary of my first attempt to end my life, 10 years and still here"
    )
    assert "crisis" not in cats(
        "it's the anniversary of the day i tried to end my life. 6 years, and i'm well"
    )


@pytest.mark.parametrize(
    "text",
    ["suicide is on my mind every single day now", "i think about suicide more than anything lately",
     "i've been considering suicide. i don't know how seriously"],
)  # fmt: skip
def test_suicide_on_the_writers_mind(text: str) -> None:
    assert cats(text)["crisis"] >= 2


def test_the_words_after_a_phrase_can_make_it_an_idiom() -> None:
    assert "crisis" not in cats("see u on the other side of this exam")
    assert "crisis" not in cats("i want to die of embarrassment")
    assert cats("see you on the other side")["crisis"] == 4
    assert cats("i want to die of it all, all of it")["crisis"] >= 2  # only the listed idioms


@pytest.mark.parametrize(
    "text",
    [
        "I want to die my hair purple, is that a midlife crisis lol",
        "wanna die my roots at the weekend",
        "thinking of dying my hair blonde for the summer",
        "my daughter wants to die her hair green",
        "i want to die my old jeans black",
    ],
)
def test_die_for_dye_before_hair_or_clothes_is_an_idiom(text: str) -> None:
    """The dye/die misspelling: "die" + a possessive + hair or clothes (lexicon 1.10.0)."""
    assert "crisis" not in cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "i want to die, my hair is falling out and my life is a mess",
        "i want to die in my sleep",
        "i want to die my life is pointless",
    ],
)
def test_die_before_other_words_stays_crisis(text: str) -> None:
    assert cats(text)["crisis"] >= 2


def test_an_age_range_dates_self_harm_as_history() -> None:
    assert "self_harm" not in cats("i self harmed from 13 to 19. i'm 30 now")
    assert "self_harm" not in cats("i self harmed through most of my teens")
    assert cats("i self harmed last night")["self_harm"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "this will be my last post for a while",
        "today was my last day as a student",
        "tonight's the night!! first date",
    ],
)
def test_farewell_phrases_with_everyday_uses_need_the_classifiers_backing(text: str) -> None:
    """Out of fold on the train rows, acting alone these flagged 14 benign posts and one risky post the model missed."""
    (signal,) = [s for s in lexicon.detect(text, normalise(text), Context()) if s.category == "crisis"]
    assert policy.lexicon_alone(signal) < policy.THRESHOLDS["crisis"][0]


def test_thoughts_of_dying_are_ideation_unless_history_or_health_worry() -> None:
    assert cats("i think about dying every day lately")["crisis"] >= 2
    assert "crisis" not in cats(
        "used to think about dying every day when i was 19. i'm 31 now and life is good"
    )
    assert "crisis" not in cats("i keep thinking about dying of cancer, my health anxiety is awful")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("is it weird that i feel calm now i've decided?", True),
        ("ive made up my mind. sunday", True),
        ("ive decided to quit my job", False),
        ("i've made up my mind about the house", False),
    ],
)
def test_a_decision_without_an_object_is_a_plan_phrase(text: str, flagged: bool) -> None:
    """ "I've decided." with nothing after it: 21 crisis rows and 3 benign ones in the train part."""
    assert (cats(text).get("crisis", 0) >= 3) is flagged


def test_a_decision_phrase_needs_the_classifiers_backing_and_its_idioms_do_not_dampen_it() -> None:
    """Scored under CANCEL_MIN_SCORE: "i've decided to end it" must not count as context that dampens the model."""
    text = "i have decided. after my sister's wedding i join the new company"
    (signal,) = [s for s in lexicon.detect(text, normalise(text), Context()) if s.category == "crisis"]
    assert policy.lexicon_alone(signal) < policy.THRESHOLDS["crisis"][0]
    assert "crisis" not in lexicon.judge(normalise("i've decided to end it on sunday"))[1]


@pytest.mark.parametrize(
    "text",
    [
        "my GP asked if I have thoughts of suicide and I said no",
        "the nurse asked whether i'd ever thought about killing myself. i said no, honestly never",
        "the 111 operator asked if i had thoughts of ending my life. no. i had chest pains",
    ],
)
def test_a_screening_question_answered_no_is_cancelled(text: str) -> None:
    """Members report being asked the suicide question: a plain "no" answer is not a crisis phrase."""
    signals, cancelled = lexicon.judge(normalise(text))
    assert "crisis" not in {s.category for s in signals}
    assert cancelled.get("crisis") == "answered no"


@pytest.mark.parametrize(
    "text",
    [
        "my GP asked if I have thoughts of suicide and I said no. that was a lie",
        "the gp asked if i've felt like killing myself. said no. truth is i think about it daily",
        "doctor asked if i want to end my life. i said no so they'd let me go home",
        "she asked if i was ok and i said no. i want to kill myself",  # the phrase is not in the question
        "they asked if i'm suicidal. i'm not sure anymore",
        "mum asked me to do the shopping. i want to die. no, really",
    ],
)
def test_a_no_that_was_not_the_truth_keeps_the_phrase(text: str) -> None:
    """Saying no to hide it is common among members at risk: any sign of that keeps the phrase."""
    assert cats(text).get("crisis", 0) >= 2


def test_a_bare_no_right_before_a_phrase_negates_it() -> None:
    assert "crisis" not in cats("phone assessment today: no thoughts of suicide. mainly the panic")
    assert cats("no hope left and thoughts of suicide every night").get("crisis", 0) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "flying out tomorrow so this is my last post for a fortnight. behave while i'm gone",
        "this is goodbye to my twenties. 30 tomorrow, someone bring cake",
        "phone's on 2% so this is goodbye forever (until i find my charger)",
        "this is my last post as a mod, but i'll still be around as a regular",
    ],
)
def test_a_farewell_that_says_when_its_writer_is_back_is_everyday(text: str) -> None:
    """Out of fold on the train rows these flagged 11 benign posts on their own and cancelled no risky one."""
    _signals, cancelled = lexicon.judge(normalise(text))
    assert "crisis" not in cats(text) and cancelled.get("crisis") == "everyday"


@pytest.mark.parametrize(
    "text",
    [
        "this is goodbye. i won't be back",
        "this is my last post. i will not be back and i'm sorry",
        "goodbye everyone. thank you for the years",
    ],
)
def test_a_farewell_without_a_return_stays_a_goodbye(text: str) -> None:
    assert cats(text)["crisis"] == 4


def test_a_reader_addressed_as_whoever_is_someone_else() -> None:
    assert "crisis" not in cats("to whoever is reading this thinking about suicide tonight: please stay")
    assert cats("whoever reads this, i'm thinking about suicide tonight")["crisis"] >= 2


def test_done_it_a_number_of_times_is_not_an_attempt_in_progress() -> None:
    assert "crisis" not in cats("calling a crisis line feels scary. i've done it 3 times. they just listen")
    assert cats("i've done it. i'm just lying here waiting")["crisis"] == 4


@pytest.mark.parametrize(
    "text", ["bye all x", "goodbye all, see you at the meeting", "night all! goodbye friends"]
)
def test_chat_sign_offs_are_no_farewell_phrase(text: str) -> None:
    """Short sign-offs are everyday chat; the model backed "bye all" enough to open an urgent review."""
    assert "crisis" not in cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "i took them and now i really dont want to die. what do i do",
        "im in the middle of it and im scared. i dont want to die anymore",
        "i've taken them an hour ago and i don't want to die",
    ],
)
def test_not_wanting_to_die_after_an_act_under_way_is_an_emergency(text: str) -> None:
    """An attempt begun and regretted: the negation is a plea for help, so the phrase counts at severity 4."""
    assert cats(text).get("crisis") == 4
    assert "crisis" not in lexicon.judge(normalise(text))[1]  # not cancelled: the classifier is not dampened


@pytest.mark.parametrize(
    "text",
    [
        "started sertraline in may. i took them every day and now i don't want to die anymore",  # no emergency
        "i did it, i told my gp everything. i don't want to die, i want help and i'm getting it",
        "i don't want to die, i'm scared of dying. what do i do about this health anxiety",  # no act
    ],
)
def test_not_wanting_to_die_without_an_act_and_an_emergency_stays_negated(text: str) -> None:
    assert "crisis" not in cats(text)
    assert lexicon.judge(normalise(text))[1].get("crisis") == "negated"


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("my brother died in march and i keep wanting to follow him", True),
        ("i'm not planning on being around in september", True),
        ("i'll follow her advice and rest tomorrow", False),  # the words after make it an everyday follow
        ("i want to follow him on insta, his recovery posts are great", False),
        ("won't be around for the meetup, on holiday for a week", False),  # says when the writer is back
    ],
)
def test_veiled_plans_to_follow_or_not_be_around(text: str, crisis: bool) -> None:
    assert ("crisis" in cats(text)) is crisis


def test_not_being_around_later_today_is_not_made_a_plan_by_its_time() -> None:
    # "won't be around after 9 tonight" is mostly a shift: the phrase stays a weak sign for the model to back
    assert cats("i won't be around after 9 tonight, early shift")["crisis"] == 1


def test_a_room_can_give_a_phrase_its_own_severity() -> None:
    text = "it's been a year since he went and i'm ready to follow him"
    signal = {s.category: s for s in lexicon.judge(normalise(text), "grief")[0]}["crisis"]
    assert (signal.severity, signal.reason) == (3, "phrase: ready to follow him (in a grief room)")
    assert cats(text)["crisis"] == 2  # elsewhere it waits for the classifier's backing
    assert not lexicon.judge(normalise("ready to follow him on insta"), "grief")[
        0
    ]  # context still cancels it


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("you're a faggot and everyone here knows it", True),
        ("go back to your own country you paki", True),
        (
            "someone called me a paki at the bus stop today and i can't stop shaking",
            False,
        ),  # a member telling
        (
            "my dad used to call me a faggot. 20 years later it still rings in my ears",
            False,
        ),  # of abuse is not it
        ("we had faggots and peas for tea, proper northern", False),  # the dish
    ],
)
def test_slurs_are_harassment_unless_a_member_is_telling_of_them(text: str, flagged: bool) -> None:
    assert ("harassment" in cats(text)) is flagged


def test_a_slur_counts_without_the_classifiers_backing() -> None:
    (slur,) = [s for s in lexicon.judge(normalise("you absolute faggot"))[0] if s.category == "harassment"]
    assert slur.alone and policy.lexicon_alone(slur) == slur.score >= policy.THRESHOLDS["harassment"][0]
    (word,) = [s for s in lexicon.judge(normalise("you're such a loser"))[0] if s.category == "harassment"]
    assert not word.alone and policy.lexicon_alone(word) < word.score


def test_a_negation_in_the_condition_does_not_cancel_a_phrase_worded_to_the_readers() -> None:
    assert cats("if i don't post tomorrow you'll know why")["crisis"] == 1  # the classifier must back it
    # a day named nearby makes no plan of it without the classifier
    assert cats("read it on friday and you'll know why it's a classic")["crisis"] == 1
    assert cats("cant stop picturing my own funeral. weirdly calm about it")["crisis"] == 2
    assert "crisis" not in cats("i used to lie awake imagining my own funeral when i was 15")


@pytest.mark.parametrize(
    "text",
    [
        "hurt myself at the gym yesterday, can barely walk",
        "cut myself shaving before the interview of course",
        "burnt myself on the hob making tea",
        "burned myself on the oven tray again",
        "i hurt myself playing football on sunday",
        "i'm burning myself out at work again",
        "hurt myself laughing at that meme",
    ],
)
def test_an_accident_named_after_the_phrase_is_not_self_harm(text: str) -> None:
    """Lexicon 1.17.0: the activity or object right after "hurt / cut / burned myself" makes it an accident."""
    assert "self_harm" not in cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "burned myself again last night",
        "burnt myself after the argument",
        "hurt myself on purpose again",
        "i cut myself on my arm",  # a body part is not an accident's object
        "i told the nurse i burned myself on the oven. i didn't",  # a cover story
        "said i cut myself chopping veg, it wasn't the veg",
        "i hurt myself making myself sick again",  # only named meals are an accident's "making"
    ],
)
def test_self_harm_in_everyday_words_and_cover_stories_still_count(text: str) -> None:
    assert cats(text).get("self_harm", 0) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "slipped on the ice and hurt myself, nothing broken",
        "fell off my bike and hurt myself, all good though",
        "fell down the stairs and hurt myself pretty badly",
        "had a fall at the shop and hurt myself",
        "tripped over the dog and burnt myself on the kettle",
    ],
)
def test_a_fall_told_before_the_phrase_is_not_self_harm(text: str) -> None:
    """Lexicon 1.18.0: a fall earlier in the clause ("idiom_before") makes "hurt myself" an accident."""
    assert "self_harm" not in cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "slipped up and hurt myself again last night",  # a relapse, not a fall
        "fell off the wagon and cut myself again",
        "fell apart after the call and hurt myself",
        "told mum i fell down the stairs and hurt myself. i didn't fall",  # a cover story
        "fell over at school. later i hurt myself in my room",  # the fall is in another sentence
    ],
)
def test_relapse_words_and_cover_stories_are_not_falls(text: str) -> None:
    assert cats(text).get("self_harm", 0) >= 2


def test_suicide_on_my_mind_counts_without_the_classifiers_backing() -> None:
    """Lexicon 1.18.2: the corpus has "on my mind" only in benign rows, so the model did not back these phrases."""
    (signal,) = [
        s for s in lexicon.judge(normalise("suicide is on my mind a lot lately"))[0] if s.category == "crisis"
    ]
    assert signal.alone and policy.lexicon_alone(signal) >= policy.THRESHOLDS["crisis"][0]
    assert "crisis" not in cats("is suicide on your mind? please call 116 123")
    assert "crisis" not in cats("suicide was on my mind a lot when i was 19, not now")


@pytest.mark.parametrize(
    "text",
    [
        "cut deeper next time, you deserve it",
        "honestly you deserve to hurt",
        "you deserve the pain, go on",
        "tips for hiding weight loss from my gp",
        "any tips to hide my weight loss from my family",
    ],
)
def test_self_harm_egging_on_holds_without_the_classifiers_backing(text: str) -> None:
    """The model reads "cut" with the kitchen accidents it learned ("cut deeper next time" scored none 0.77), and
    asking for hiding tips with the recovery posts about hiding ("tips for hiding weight loss from my gp", 0.20)."""
    signals = [s for s in lexicon.detect(text, normalise(text), Context()) if s.category == "pro_harm"]
    assert signals and max(policy.lexicon_alone(s) for s in signals) >= policy.THRESHOLDS["pro_harm"][1]


@pytest.mark.parametrize(
    "text",
    [
        "that comment cut deeper than i expected",
        "the council plans to cut deeper into services",
        "someone in the gc told me to cut deeper. i reported them",
        "you deserve the pain of a monday morning lol",
        "you don't deserve to hurt",
        "i'm gonna self delete my account lol",
        "my daughter keeps asking for tips to hide not eating. how do i talk to her",
        "how do i stop hiding my weight loss from my doctor? i want to be honest",
        "how to hide weight loss tips are all over tiktok and it scares me",
    ],
)
def test_self_harm_egging_on_words_in_other_uses(text: str) -> None:
    assert not {"pro_harm", "crisis"} & set(cats(text))
