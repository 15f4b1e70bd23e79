"""A plea to someone else (moderation.pleas): it dampens the classifier's risk readings; a goodbye's pleas do not."""

import copy

import pytest

from forum.moderation import Context, assess, lexicon, pleas
from forum.moderation.classifier import Model
from forum.moderation.normalise import normalise


def words(text: str) -> str:
    """The form lexicon.judge reads pleas in."""
    return normalise(text).dedup.replace("’", "'")


@pytest.mark.parametrize(
    "text",
    [
        "please don't do it",
        "PLEASE DON’T DO IT mate x",  # curly apostrophe, an address and a kiss after it
        "dont go. please. we'd miss you so much",
        "don't you go anywhere",
        "dont u dare give up on us",
        "plz dont do anything stupid tonight x",
        "hold on hun ❤️",
        "stay. just stay. thats all im asking",  # first person, but in the lists' own phrase
        "i'm begging you, don't act on it. call the crisis line",
        "please dont",  # the plea alone
        "dont do it mate. not tonight, not ever",
    ],
)
def test_pleas(text: str) -> None:
    assert pleas.is_plea(words(text))
    _signals, cancelled = lexicon.judge(normalise(text))
    assert cancelled["crisis"] == pleas.REASON and cancelled["pro_harm"] == pleas.REASON


@pytest.mark.parametrize(
    "text",
    [
        # a goodbye's pleas: the acts are not on the list, the clauses are the writer's own
        "please don't be sad, it's done",
        "i'm going now. please don't try to find me",
        "please don't. by the time you got here there'd be no point",
        "please don't. bye",  # a single word may be a farewell, so it is no filler (nor a name)
        "dont. goodbye",
        "please don't. i love you all",  # "please don't" pleads only as the whole text
        "mum, wait for me. not long now",  # to someone who has died: "wait" is no plea
        "please don't be sad. stay safe x",  # a sign-off: "please" and "stay" are no words of support here
        "don't leave. if you go it's over",
        "pls dont call anyone i already took them",
        # pleading for company while at risk
        "please don't leave me alone tonight, i don't trust myself",
        "please don't go, i'm not safe",
        # pleas that push toward harm: the act or what follows is not a plea
        "please don't eat tonight, stay strong with me",
        "don't give up now, you're so close to your goal weight",
        "don't go to the appointment, they'll make you eat",
        "anyone got tips for getting through family meals without eating? dm me",
        # more than a plea
        "don't do it " + "because honestly nobody is worth it and you know that " * 3,
    ],
)
def test_not_pleas(text: str) -> None:
    assert not pleas.is_plea(words(text))
    assert lexicon.judge(normalise(text))[1].get("crisis") != pleas.REASON


def test_a_plea_dampens_the_classifier_and_says_why(small_model: Model) -> None:
    model = copy.copy(small_model)
    model.thresholds = {"crisis": 0.2, "self_harm": 0.2, "pro_harm": 0.2, "harassment": 0.2, "spam": 0.2}
    ctx = Context()
    plea = [s for s in assess("please don't do it", ctx, model=model).signals if s.source == "classifier"]
    other = [s for s in assess("please don't be sad", ctx, model=model).signals if s.source == "classifier"]
    plea = [s for s in plea if s.category in pleas.CATEGORIES]  # spam is not a reading a plea answers
    assert plea and all(s.reason.endswith(f"dampened: {pleas.REASON})") for s in plea)
    assert other and not any("dampened" in s.reason for s in other)


def test_an_insult_after_a_plea_is_still_read_as_harassment() -> None:
    """A plea never dampens harassment, and a single word is no filler: "stay. pathetic" is no plea."""
    assert not pleas.is_plea(words("stay. pathetic"))
    assert "harassment" not in pleas.CATEGORIES
