"""Lexicon 1.19.0: "X makes me want to die" may be a figure of speech; the classifier alone decides."""

import pytest

from forum.moderation import lexicon
from forum.moderation.normalise import normalise


def judged(text: str) -> tuple[dict[str, int], dict[str, str]]:
    signals, cancelled = lexicon.judge(normalise(text))
    return {s.category: s.severity for s in signals}, cancelled


@pytest.mark.parametrize(
    "text",
    [
        "mondays make me want to die",
        "group projects make me wanna die lol",
        "this weather makes me want to die, 3 weeks of rain",
        "everything makes me want to die lately",  # left to the classifier too, which reads it as meant
    ],
)
def test_a_causative_frame_leaves_the_phrase_to_the_classifier_undampened(text: str) -> None:
    found, cancelled = judged(text)
    assert "crisis" not in found
    # Unlike an idiom, a possible figure of speech does not dampen the classifier's crisis reading.
    assert "crisis" not in cancelled


@pytest.mark.parametrize(
    "text",
    [
        "my job makes me want to die and i'm not joking",
        "this course makes me want to die and i don't mean it as a joke anymore",
        "being in this body makes me want to die. not a figure of speech",
    ],
)
def test_saying_it_is_meant_keeps_the_phrase(text: str) -> None:
    assert judged(text)[0].get("crisis", 0) >= 2


def test_the_plain_phrase_and_the_idiom_are_unchanged() -> None:
    assert judged("i want to die")[0].get("crisis", 0) >= 2
    assert judged("honestly i just want to die")[0].get("crisis", 0) >= 2
    found, cancelled = judged("i want to die of embarrassment")
    assert "crisis" not in found and cancelled.get("crisis") == "idiom"  # an idiom still dampens


def test_a_figure_in_another_clause_does_not_cover_the_phrase() -> None:
    """The frame must be in the phrase's own clause: "make me" elsewhere in the post does not count."""
    assert judged("my friends make me laugh. but i want to die")[0].get("crisis", 0) >= 2


def test_history_still_reads_as_history_and_dampens() -> None:
    found, cancelled = judged("two years ago my job made me want to die. i'm ok now")
    assert "crisis" not in found and cancelled.get("crisis") == "history"


def test_done_with_everything_for_today_is_an_evening_not_a_plan() -> None:
    """Lexicon 1.21.2: "for today" after the phrase was read as a timeframe, which made it a plan (urgent)."""
    found, cancelled = judged("done with everything for today, kids in bed, wine poured")
    assert "crisis" not in found and cancelled.get("crisis") == "idiom"
    assert judged("after my last day at work next friday i'm done with everything")[0].get("crisis") == 3
