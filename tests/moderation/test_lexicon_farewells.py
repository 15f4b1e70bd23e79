"""Lexicon 1.20.0: the goodbyes of suicide notes, and farewells that say where the writer is going instead."""

import pytest

from forum.moderation import lexicon, policy
from forum.moderation.normalise import normalise


def crisis(text: str) -> list:
    return [s for s in lexicon.judge(normalise(text))[0] if s.category == "crisis"]


@pytest.mark.parametrize(
    "text",
    [
        "if you're reading this i'm already gone",
        "by the time you read this it will be over. i love you mum",
        "logging off for the last time. look after each other",
        "signing off forever, thank you for trying",
        "bye for good everyone",
    ],
)
def test_note_goodbyes_are_severity_4_and_count_alone(text: str) -> None:
    (signal,) = crisis(text)
    assert signal.severity == 4
    assert policy.lexicon_alone(signal) >= policy.THRESHOLDS["crisis"][0]


@pytest.mark.parametrize(
    "text",
    [
        "logging off for good from this app, we're moving to the discord 👋",
        "signing off for good from this server, moving to the new one. link in bio",
        "logging off for good from this account, my new account is in my profile",
    ],
)
def test_a_farewell_that_says_where_the_writer_goes_is_everyday(text: str) -> None:
    assert all(
        s.severity < 4 and policy.lexicon_alone(s) < policy.THRESHOLDS["crisis"][0] for s in crisis(text)
    )


def test_not_being_here_much_longer_reads_like_not_being_around() -> None:
    (here,) = crisis("i won't be here much longer")
    (around,) = crisis("i won't be around much longer")
    assert (here.severity, here.score) == (around.severity, around.score) == (3, 0.93)


@pytest.mark.parametrize(
    "text",
    [
        "since my last post i've done 9 days, meeting tonight",
        "thanks for all the replies to my last post, you lot are lovely",
        "Sorry I went quiet after my last post. The funeral was on Friday",
        "update on my last post: the gp upped my meds",
        "sorry about my last message, i was in a mood",  # 1.20.2: also "my last message" and "my final post"
        "sorry for my last message, i was drunk",
    ],
)
def test_a_reference_to_an_earlier_post_is_not_a_goodbye(text: str) -> None:
    """Lexicon 1.20.1: "my last post" after "since", "to", "after", "update on"... is the one before this one."""
    signals, cancelled = lexicon.judge(normalise(text))
    assert not [s for s in signals if s.category == "crisis"]
    assert (
        cancelled.get("crisis") == "idiom"
    )  # and it dampens the classifier, which reads "my last post" as goodbye


@pytest.mark.parametrize(
    "text", ["my last post here. look after each other", "consider this my last post. i'm done"]
)
def test_my_last_post_as_a_goodbye_still_counts(text: str) -> None:
    assert [s.severity for s in crisis(text)] == [4]


def test_a_last_post_of_the_night_is_everyday() -> None:
    """Lexicon 1.20.2: "of the night", "bed time", "night all" join the everyday farewell words."""
    assert crisis("this is my final post of the night, bed time") == []
    assert [s.severity for s in crisis("my final post. goodbye all")] == [4]


@pytest.mark.parametrize(
    "text",
    [
        "I'VE DONE IT!!! passed my driving test first time",
        "it's done now, the essay is submitted. pub?",
        "picked a date for the wedding! june next year",
        "tying up loose ends with the solicitor this week, then the divorce is final",
        "we gave away my dad's clothes to the hospice shop today",
        "finally at peace with my decision to leave that job",
    ],
)
def test_plan_phrases_with_everyday_uses_need_the_classifiers_backing(text: str) -> None:
    """Lexicon 1.21.0: each of these was an urgent crisis on the lexicon alone; their score is now under the flag
    line, so only a classifier that reads the post as crisis makes them count (with their severity)."""
    (signal,) = crisis(text)
    assert signal.severity >= 3
    assert policy.lexicon_alone(signal) < policy.THRESHOLDS["crisis"][0]


@pytest.mark.parametrize(
    "text",
    [
        "been planning this for a week. goodbye everyone",
        "going on holiday they think. this is my last post",
        "i'll be back? no. not this time. this is goodbye",
    ],
)
def test_everyday_words_elsewhere_leave_a_goodbye_to_the_classifier_undampened(text: str) -> None:
    """Lexicon 1.21.1: everyday farewell words ("for a week", "going on holiday") outside the phrase's sentence and
    the next may qualify something else; the phrase is left out but the classifier's crisis reading is not dampened
    (dampened, these goodbyes were published at 0.59 on the policy scale). Near the phrase they still dampen."""
    signals, cancelled = lexicon.judge(normalise(text))
    assert not [s for s in signals if s.category == "crisis" and s.severity == 4]
    assert "crisis" not in cancelled
