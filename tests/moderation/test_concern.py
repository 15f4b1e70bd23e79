"""A member worried about someone else at risk (moderation.concern): the helper card, and a review when it is now."""

import pytest

from forum.moderation import Context, assess, concern, decide, lexicon
from forum.moderation.normalise import normalise
from forum.moderation.policy import MESSAGES
from forum.moderation.types import Assessment, RoomRules, Signal


def read(text: str) -> concern.Concern | None:
    """The concern reading of a text, in the form the pipeline reads it."""
    return concern.read(lexicon.matching_form(normalise(text)))


@pytest.mark.parametrize(
    "text",
    [
        "my friend says he'll end it tonight and i don't know what to do",
        "My sister just texted me goodbye and isn't answering her phone",
        "my brother is suicidal and now he's not picking up. what do i do",  # a thought, with a sign of now
        "my mate said he's going to kill himself, should i call 999?",
        "my son sent me a goodbye message an hour ago and his phone is off",
        # someone else's goodbye in any words, with the alarm raised
        "found my husband's letters to the kids on the table. he's not home. police are looking for him now",
        "gf said this is goodbye on voice chat then hung up. she's not answering, heading over now",
    ],
)
def test_danger_now(text: str) -> None:
    found = read(text)
    assert found is not None and found.now


@pytest.mark.parametrize(
    "text",
    [
        "my daughter said she wants to die. she's 14. how do i help her",
        "worried about my boyfriend, he keeps saying everyone would be better off without him",
        "my best mate told me he's been saving up pills. what do i do??",
        "my flatmate is talking about suicide again, should i call someone?",
        "my son has been self harming and just told me",
        "dad here. found out my son has been hurting himself",
        "my girlfriend says she'll kill herself when we argue",  # a threat with a condition: serious, not now
        "my daughter told me tonight she's been having suicidal thoughts",  # told tonight: thoughts are not an act
        "my sister has been suicidal for months, she went quiet last week",
        "my mate keeps saying he wants to die. he's not ok and i'm scared",
        "she's been suicidal since last year and she still won't see anyone",  # "last year", and it goes on
    ],
)
def test_someone_else_at_risk_not_now(text: str) -> None:
    found = read(text)
    assert found is not None and not found.now


@pytest.mark.parametrize(
    "text",
    [
        "i want to end it tonight",  # the writer's own
        "i told my friend i want to die",
        "my friend asked if i was suicidal",
        "you said you want to die. please call someone",  # to the reader
        "is your friend suicidal? ask her directly",
        "my friend killed herself last year and i still miss her",  # a death
        "my brother died by suicide. he was suicidal for years",
        "my dad tried to take his own life when i was 9. he's been well for 20 years",  # history
        "My sister tried to end her life in 2014. She's a mum of two now",
        "my daughter used to self harm, she's two years clean",
        "she says she isn't suicidal, just exhausted",  # negated
        "my son promised he won't hurt himself",
        "does anyone else think about killing themselves on a normal tuesday",  # inclusive: the writer's own
        "my girlfriend wants to end things with me",  # a break-up
        "my son hurt himself playing football",  # an accident
        "my mum is going to kill me when she sees my grades",
        "mum's in a hospice now and she's been calmly saying her goodbyes to everyone",  # dying, not suicide
        "our old dog was put to sleep today. my son wrote her a goodbye letter",
        "last year my best mate tried to end his life. this weekend he was my best man",
    ],
)
def test_not_someone_else_at_risk(text: str) -> None:
    assert read(text) is None


def test_a_worried_member_is_shown_how_to_help_and_the_post_is_published() -> None:
    text = "my daughter said she wants to die. how do i help her"
    decision = decide(assess(text, Context(), model=None), Context())
    assert (decision.action, decision.priority, decision.helper, decision.show_resources) == (
        "publish", None, True, False,
    )  # fmt: skip
    assert decision.author_message == MESSAGES["concern"]
    assert [s.category for s in decision.signals] == [concern.CATEGORY]


def test_danger_now_also_tells_a_moderator() -> None:
    text = "my friend says he'll end it tonight and now he's not answering"
    decision = decide(assess(text, Context(), model=None), Context())
    assert (decision.action, decision.priority, decision.helper) == ("flag", "high", True)
    assert decision.author_message == MESSAGES["concern_now"]
    assert any("someone else may be at risk now" in r for r in decision.reasons)


def test_a_member_at_risk_themselves_gets_the_crisis_card_not_the_helper_card() -> None:
    text = "my mum says she wants to die and this is goodbye from me too, i'm ending it tonight"
    decision = decide(assess(text, Context(), model=None), Context())
    assert decision.show_resources and not decision.helper
    assert decision.action == "flag" and decision.priority == "urgent"


def test_no_concern_section_no_reading(tmp_path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text('{"version": "0", "negators": [], "entries": []}', encoding="utf-8")
    assert concern.load(str(path)) is None


def test_a_death_told_before_leaves_room_for_a_danger_now() -> None:
    found = read("my dad died last year and now my brother says he wants to die")
    assert found is not None and found.evidence == "wants to die"


@pytest.mark.parametrize(
    ("text", "now"),
    [
        (
            'my best mate just texted me "thanks for everything, this is goodbye" and now his phone is off',
            True,
        ),
        ('my brother posted "i want to die" on his story, how do i bring it up', False),
    ],
)
def test_a_crisis_quoted_from_someone_else(text: str, now: bool) -> None:
    found = read(text)
    assert found is not None and found.now is now


def test_the_writers_own_quoted_words_are_not_someone_elses() -> None:
    assert read('i wrote "this is goodbye" in my notes app last night') is None


def test_a_death_in_the_phrases_sentence_is_grief_whatever_follows() -> None:
    assert read("a lad from school died from an overdose last year and we're all still reeling") is None


def test_the_lexicon_words_of_self_harm_are_the_writers_own_only_in_the_first_person() -> None:
    def lexicon_signal(evidence: str) -> Signal:
        return Signal("self_harm", 2, 0.8, lexicon.NAME, "phrase", evidence)

    assert concern.writers_own(lexicon_signal("cutting myself"))
    assert not concern.writers_own(lexicon_signal("self harming"))
    assert concern.writers_own(Signal("crisis", 3, 0.9, lexicon.NAME, "phrase", "end it tonight"))


def test_a_crisis_only_the_classifier_read_stays_in_review_with_the_helper_card() -> None:
    worried = concern.detect(lexicon.matching_form(normalise("my sister says she's going to end it tonight")))
    guess = Signal("crisis", 3, 0.9, "classifier", "classifier: crisis 0.90")
    decision = decide(Assessment(signals=[*worried, guess], model_version="test"), Context())
    assert (decision.action, decision.priority, decision.helper, decision.show_resources) == (
        "flag", "urgent", True, False,
    )  # fmt: skip
    assert decision.author_message == MESSAGES["concern_now"]


def test_a_pre_moderated_room_still_shows_the_helper_card() -> None:
    ctx = Context(rules=RoomRules(premoderation="everyone"))
    decision = decide(assess("my son has been self harming, how do i help him", ctx, model=None), ctx)
    assert (decision.action, decision.helper) == ("hold", True)
    assert (
        MESSAGES["premoderation"] in decision.author_message
        and MESSAGES["concern"] in decision.author_message
    )


@pytest.mark.parametrize(
    "text",
    [
        "i've read your goodbye post. please, if you see this, call 999",  # a reply to the reader's own
        "i'd be a rubbish friend if i said goodbye and logged off. please go to a&e",  # the writer's own goodbye
        "this is going to sound daft, but i've just said goodbye to my old car. 180,000 miles",
        "she wrote a goodbye letter to her eating disorder like the workbook said",  # a goodbye post is no alarm
    ],
)
def test_a_goodbye_without_someone_else_in_danger_raises_no_alarm(text: str) -> None:
    found = read(text)
    assert found is None or not found.now
