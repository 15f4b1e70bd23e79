"""Restriction told as a win (moderation.brags): pro-harm on its own words; the same acts told otherwise are not."""

import pytest

from forum.moderation import Context, RoomRules, assess, brags, decide, lexicon
from forum.moderation.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "ate nothing but water today, proud of myself",
        "i skipped lunch and dinner and nobody noticed 😌",
        "three days fasted, going for five",
        "threw my lunch in the bin again, mum has no idea",
        "sooo proud, resisted dinner tonight",  # repeated letters
        "first day in ages i've eaten nothing at all, feel so in control",
        "you can count my ribs now, so happy",  # a body check; "you can see" is the writer's own
        "i can see my ribs again 🥰",
    ],
)
def test_brags_are_pro_harm_and_held_in_an_eating_disorder_room(text: str) -> None:
    [signal] = brags.detect(normalise(text).dedup)
    assert (signal.category, signal.source, signal.alone) == ("pro_harm", lexicon.NAME, True)
    for topic in ("eating-disorders", "ed-recovery"):
        ctx = Context(rules=RoomRules(topic=topic))
        assert decide(assess(text, ctx, model=None), ctx).action == "hold"
    # Elsewhere the same words are diet, work and gym talk ("skipped lunch to finish the report, so proud"): not read.
    ctx = Context(rules=RoomRules(topic="general"))
    assert not [s for s in assess(text, ctx, model=None).signals if s.reason.startswith("restriction told")]


@pytest.mark.parametrize(
    "text",
    [
        "nothing but water today, fasting for my blood test tomorrow",  # an everyday reason
        "three days fasted for ramadan so far, feeling good",
        "only had water today, stomach bug has wiped me out",
        "i skipped lunch because the meeting overran, starving now",  # no win
        "i used to be proud when i skipped meals",  # history
        "i skipped meals for years and was proud of it, now i eat three a day",
        "i can see you skipped lunch again, proud of you for telling us though",  # not the writer's own
        "proud that i ate dinner tonight without a fight in my head",  # no restriction act
        "i didn't skip lunch today, so proud",  # denied
        "skipped lunch and i'm scared, i think i need help",  # a worry
        "i can see my ribs and it scares me",
        "my ribs are showing after the flu, trying to eat more",
        "can you see my ribs? so happy",  # asking another member: not the writer's own sentence
        "restricted screen time this week and feel so in control",  # not food
    ],
)
def test_the_same_acts_told_otherwise_are_not_brags(text: str) -> None:
    assert brags.detect(normalise(text).dedup) == []
