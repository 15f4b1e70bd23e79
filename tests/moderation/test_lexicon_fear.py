"""Lexicon 1.26.0 and 1.27.0: fear of acting ("i don't trust myself tonight"), and the same words about cake, ice and anger."""

import pytest

from forum.moderation import lexicon, policy
from forum.moderation.normalise import normalise
from tests.moderation.test_lexicon_farewells import crisis


@pytest.mark.parametrize(
    "text",
    [
        "please don't leave me alone tonight, i don't trust myself",
        "i dont trust myself rn",
        "im scared of what i might do",
        "i dont know what ill do to myself if im alone tonight",  # the negator is the phrase's own
        "i can't keep myself safe",
        "i don't feel safe with myself right now",
        "someone please talk me out of it",
        "before i do something stupid, can someone message me",
        # lexicon 1.27.0, chosen on the rows of candidates/fear_crisis_48.csv
        "im frightened of my own thoughts and i dont know who to tell",
        "not safe in my own head tonight",
        "scared ill act on it one of these nights",
        "please someone give me a reason to stay, just one",
        "anyone awake? i need talking down",
    ],
)
def test_fear_of_acting_is_crisis(text: str) -> None:
    (signal,) = crisis(text)
    assert signal.severity >= 2


def test_fear_of_acting_needs_the_classifiers_backing_unless_it_is_now() -> None:
    """The same words have everyday uses the idiom lists cannot all name, so the classifier must agree; with a
    word of now ("tonight", "right now") the phrase is severity 3 and counts alone, as every first-person phrase."""
    (signal,) = crisis("i don't trust myself")
    assert signal.severity == 2 and policy.lexicon_alone(signal) < policy.THRESHOLDS["crisis"][0]
    (signal,) = crisis("i don't trust myself tonight")
    assert signal.severity == 3 and policy.lexicon_alone(signal) >= policy.THRESHOLDS["crisis"][0]
    # With a word of now or of lasting right after it, no everyday use was found: it counts alone.
    (signal,) = crisis("i dont trust myself anymore")
    assert signal.alone and policy.lexicon_alone(signal) >= policy.THRESHOLDS["crisis"][0]


@pytest.mark.parametrize(
    "text",
    [
        "i don't trust myself around chocolate lol",
        "i don't trust myself with a credit card in the sales",
        "i don't trust myself to drive in this snow",
        "i dont trust myself to not text him tonight",
        "i'm scared of what i'll do to him if i see him again",
        "before i do something stupid like text my ex, someone take my phone",
        "my son says he doesn't trust himself tonight, what do i do",  # someone else
        "i used to be scared of what i might do, therapy helped",  # history
        "can someone talk me down from buying this coat",
        "give me a reason to stay at this job",
    ],
)
def test_the_same_words_in_everyday_use_are_not_crisis(text: str) -> None:
    assert crisis(text) == []


def test_a_refusal_to_be_talked_out_of_it_is_not_cancelled() -> None:
    """ "don't talk me out of it" is a decision: no phrase of it may be negated into dampening the classifier."""
    assert "crisis" not in lexicon.judge(normalise("made the decision. dont talk me out of it"))[1]


@pytest.mark.parametrize(
    "text", ["i'm not safe with myself", "i can't keep myself safe", "i dont know what ill do to myself"]
)
def test_fear_aimed_at_oneself_counts_without_the_classifier(text: str) -> None:
    """ "with myself", "to myself": no everyday use was found in 23,884 texts, and the classifier, which has no such
    rows, reads them as ordinary distress."""
    (signal,) = crisis(text)
    assert signal.alone and policy.lexicon_alone(signal) >= policy.THRESHOLDS["crisis"][0]
