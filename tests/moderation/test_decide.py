import pytest

from forum.moderation import AuthorInfo, Context, RoomRules, Signal, WatchedWord, assess, decide
from forum.moderation.policy import THRESHOLDS
from forum.moderation.types import Assessment


def between(category: str) -> float:
    """A score in the uncertain band: at or above FLAG, below HOLD."""
    flag, hold = THRESHOLDS[category]
    return (flag + min(hold, 1.0)) / 2


def run(text: str, ctx: Context | None = None):
    ctx = ctx or Context()
    return decide(assess(text, ctx, model=None), ctx)


def sig(category: str, score: float, severity: int = 1, source: str = "classifier") -> Signal:
    return Signal(category, severity, score, source, "test")


@pytest.mark.parametrize(("severity", "priority"), [(4, "urgent"), (3, "urgent"), (2, "high"), (1, "normal")])
def test_crisis_flagged_with_resources_and_priority(severity: int, priority: str) -> None:
    d = decide(Assessment([sig("crisis", 0.9, severity)]), Context())
    assert d.action == "flag" and d.show_resources and d.priority == priority
    assert d.author_message


def test_crisis_text_end_to_end() -> None:
    d = run("i've been saving my pills")
    assert (d.action, d.priority, d.show_resources) == ("flag", "urgent", True)


@pytest.mark.parametrize(
    "ctx",
    [
        Context(rules=RoomRules(premoderation="everyone")),
        Context(rules=RoomRules(strictness={"crisis": "lenient"})),
        Context(rules=RoomRules(watched_words=(WatchedWord("die", "block"),))),
        Context(rules=RoomRules(numbers_rule=True), author=AuthorInfo(is_new_member=True)),
    ],
)
def test_crisis_never_held_or_rejected(ctx: Context) -> None:
    d = run("i want to die, i weigh 40kg", ctx)
    assert d.action == "flag" and d.show_resources and d.priority in ("high", "urgent")


def test_lenient_cannot_raise_crisis_threshold() -> None:
    a = Assessment([sig("crisis", THRESHOLDS["crisis"][0] + 0.01, 2)])
    assert decide(a, Context(rules=RoomRules(strictness={"crisis": "lenient"}))).action == "flag"


def test_pro_harm_held_kindly() -> None:
    d = run("thinspo thread anyone?")
    assert d.action == "hold" and d.show_resources and d.author_message


def test_self_harm_flag_or_hold_when_strict() -> None:
    assert run("i cut myself again").action == "flag"
    strict = Context(rules=RoomRules(strictness={"self_harm": "strict"}))
    d = run("i cut myself again", strict)
    assert d.action == "hold" and d.show_resources


def test_uncertain_scores_only_flag() -> None:
    for cat in ("pro_harm", "harassment", "spam"):
        d = decide(Assessment([sig(cat, between(cat))]), Context())
        assert d.action == "flag", cat


def test_confident_harassment_held_and_low_scores_publish() -> None:
    assert decide(Assessment([sig("harassment", 0.99)]), Context()).action == "hold"
    assert decide(Assessment([sig("harassment", 0.2)]), Context()).action == "publish"


def test_strict_room_holds_sooner() -> None:
    strict = Context(rules=RoomRules(strictness={"harassment": "strict"}))
    score = THRESHOLDS["harassment"][1] - 0.05
    assert decide(Assessment([sig("harassment", score)]), strict).action == "hold"
    assert decide(Assessment([sig("harassment", score)]), Context()).action == "flag"


def test_spam_rejected_only_when_certain() -> None:
    certain = Assessment([sig("spam", 0.99), sig("spam", 0.95, source="lexicon")])
    assert decide(certain, Context()).action == "reject"
    assert decide(Assessment([sig("spam", 0.99)]), Context()).action == "hold"


def test_an_established_members_link_is_flagged_not_held_unless_their_behaviour_says_spam() -> None:
    regular = Context(author=AuthorInfo(prior_posts=12))
    text_only = Assessment([sig("spam", 0.95)])
    d = decide(text_only, regular)
    assert d.action == "flag" and "established member" in d.reasons[0]
    assert (
        decide(text_only, Context(author=AuthorInfo(prior_posts=4))).action == "hold"
    )  # not yet established
    assert decide(text_only, Context(author=AuthorInfo(is_new_member=True, prior_posts=12))).action == "hold"
    burst = Assessment([sig("spam", 0.95), sig("spam", THRESHOLDS["spam"][1], 2, source="behaviour")])
    assert decide(burst, regular).action == "hold"


def test_numbers_rule_hold_or_mask() -> None:
    ed = Context(rules=RoomRules(topic="eating-disorders", numbers_rule=True))
    d = run("i weigh 45kg now", ed)
    assert d.action == "hold" and "rephrase" in (d.author_message or "")
    lenient = Context(rules=RoomRules(numbers_rule=True, strictness={"rule": "lenient"}))
    d = run("i weigh 45kg now", lenient)
    assert d.action == "publish" and d.masked_text == "i weigh [number removed] now"


def test_premoderation() -> None:
    assert run("hello all", Context(rules=RoomRules(premoderation="everyone"))).priority == "normal"
    new = Context(rules=RoomRules(premoderation="new_members"), author=AuthorInfo(is_new_member=True))
    assert run("hello all", new).action == "hold"
    assert run("hello all", Context(rules=RoomRules(premoderation="new_members"))).action == "publish"


def test_behaviour() -> None:
    first = Context(author=AuthorInfo(is_new_member=True, prior_posts=0))
    assert run("hello all", first).action == "publish"  # visible to moderators, not acted on alone
    assert run("see http://example.com", first).action == "flag"
    assert run("hi", Context(author=AuthorInfo(posts_last_10_min=12))).action == "flag"
    assert run("hi", Context(author=AuthorInfo(posts_last_10_min=25))).action == "hold"


def test_plain_post_publishes() -> None:
    d = run("had a lovely walk today")
    assert (d.action, d.priority, d.show_resources, d.author_message) == ("publish", None, False, None)


def test_classifier_alone_cannot_hold_a_scrap_of_text():
    """A two-word title is too little evidence for the model alone to hide it; a person checks it instead."""
    scrap = Assessment([sig("spam", 0.95)], words=2)
    assert decide(scrap, Context()).action == "flag"
    longer = Assessment([sig("spam", 0.95)], words=12)
    assert decide(longer, Context()).action == "hold"
    backed = Assessment([sig("pro_harm", 0.95), sig("pro_harm", 0.9, source="lexicon")], words=1)
    assert decide(backed, Context()).action == "hold"
