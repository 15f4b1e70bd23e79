"""A reply read against the post it answers (Context.answering, moderation.replies): what it joins, urges or cheers."""

import pytest

from forum.moderation import Context, RoomRules, assess, decide, replies
from forum.moderation.normalise import normalise
from forum.moderation.types import Assessment, Signal

CRISIS_POST = "thinking about killing myself"
PRO_HARM_POST = "post ur thinspo pics"


def run(reply: str, *answering: str, rules: RoomRules | None = None):
    ctx = Context(kind="post", rules=rules or RoomRules(), answering=answering)
    assessment = assess(reply, ctx, model=None)
    return assessment, decide(assessment, ctx)


@pytest.mark.parametrize(
    ("reply", "answered", "expected"),
    [
        ("same tbh", "crisis", ("agree", "crisis", "same tbh")),
        ("me too. every single night", "crisis", ("agree", "crisis", "me too")),
        ("i'm about to too", "self_harm", ("agree", "self_harm", "i'm about to too")),
        ("couldn't stop myself either", "crisis", ("agree", "crisis", "myself either")),
        ("honestly? go for it", "crisis", ("dare", "pro_harm", "go for it")),
        ("nobody's stopping you", "self_harm", ("dare", "pro_harm", "nobody's stopping you")),
        ("keep going!! so proud", "pro_harm", ("cheer", "pro_harm", "keep going")),
        ("so jealous", "pro_harm", ("cheer", "pro_harm", "so jealous")),
        # Under a post at risk to self the same cheers are support.
        ("keep going, one minute at a time", "crisis", None),
        ("stay strong", "self_harm", None),
        # Words of support, recovery or the past: the reply answers the post, it does not join it.
        ("me too, two years ago. it got better", "crisis", None),
        ("same, telling my gp was the first step", "crisis", None),
        ("do it, call them tonight", "crisis", None),
        # A dare denied or wanted is not a dare.
        ("you don't have to do it alone", "crisis", None),
        ("don't do it", "crisis", None),
        ("what a lovely photo", "crisis", None),
        # "too" as "too much" does not end its clause.
        ("i gave away my clothes that are too small", "crisis", None),
        ("i've been doing that too 😶", "crisis", ("agree", "crisis", "i've been doing that too")),
    ],
)
def test_cues(reply: str, answered: str, expected: tuple[str, str, str] | None) -> None:
    assert replies.cue(normalise(reply).words, answered) == expected


def test_no_posts_answered_no_reading() -> None:
    assessment, decision = run("same tbh")
    assert assessment.answers is None and decision.action == "publish"


def test_agreeing_with_a_post_in_crisis_flags_the_reply_with_its_reason() -> None:
    assessment, decision = run("same tbh", CRISIS_POST)
    assert assessment.signals == []  # the reply alone says nothing
    assert (decision.action, decision.priority, decision.show_resources) == ("flag", "high", True)
    [signal] = decision.signals
    assert (signal.source, signal.category, signal.severity, signal.evidence) == (
        "reply",
        "crisis",
        2,
        "same tbh",
    )
    assert signal.reason == "agrees with a post it answers, which reads as crisis (severity 2)"
    assert assessment.categories()["crisis"]["severity"] == 2  # the CLI's categories show it


def test_the_same_words_under_a_post_without_risk_are_published() -> None:
    _, decision = run("same tbh", "the council still hasn't fixed our boiler")
    assert decision.action == "publish"


def test_urging_a_post_in_crisis_is_flagged_as_pro_harm_never_held() -> None:
    _, decision = run("go on then, nobody's stopping you", CRISIS_POST)
    assert (decision.action, decision.priority) == ("flag", "high")
    assert {s.category for s in decision.signals} == {"pro_harm"}
    [reason] = decision.reasons
    assert reason.startswith("pro-harm (score ") and reason.endswith(") with the post it answers")
    assert decision.author_message is None  # nothing is waiting: the reply is visible


def test_cheering_a_pro_harm_post_is_flagged_and_the_author_sees_resources() -> None:
    _, decision = run("keep going!! so proud", "the council fixed the boiler", PRO_HARM_POST)
    assert decision.action == "flag" and decision.show_resources
    assert [s.reason for s in decision.signals] == ["cheers with a post it answers, which reads as pro-harm"]


def test_a_supportive_reply_to_a_post_in_crisis_is_published() -> None:
    _, decision = run("me too, a couple of years back. please tell someone today", CRISIS_POST)
    assert decision.action == "publish"


def test_a_longer_reply_says_its_own_piece() -> None:
    # Its cue words are everyday there ("at the same time"); its own words are read as any post's are.
    long = (
        "feeling so hopeful and so scared at the same time, starting a new job on monday after two years off"
    )
    assessment, decision = run(long, CRISIS_POST)
    assert assessment.answers is not None and assessment.answers.signals == []
    assert decision.action == "publish"


def test_a_reply_joining_self_harm_is_flagged_even_in_a_strict_room() -> None:
    strict = RoomRules(strictness={"self_harm": "strict"})
    _, decision = run("same here, i'm about to too", "i cut myself again last night", rules=strict)
    assert decision.action == "flag" and {s.category for s in decision.signals} == {"self_harm"}


def test_quoted_lines_are_a_post_the_reply_answers() -> None:
    own, quoted = replies.split_quotes(
        "> day 4 no food\n> feeling light\n\nsame, day 3 for me\n>  \n> second"
    )
    assert own == "same, day 3 for me" and quoted == ("day 4 no food\nfeeling light", "second")
    assert replies.split_quotes("no quotes > here") == ("no quotes > here", ())


def test_agreeing_with_a_quoted_post_in_crisis_is_flagged_and_quoting_alone_is_not() -> None:
    _, decision = run(f"> {CRISIS_POST}\n\nme too")
    assert decision.action == "flag" and [s.source for s in decision.signals] == ["reply"]
    _, decision = run(f"> {CRISIS_POST}\n\nplease talk to someone tonight, we're here")
    assert decision.action == "publish"


def test_a_reply_held_on_its_own_words_is_still_held_when_the_post_it_answers_reads_higher() -> None:
    taken = Assessment([Signal("pro_harm", 0, 0.97, "reply", "cheers with a post it answers")])
    own = Signal("pro_harm", 0, 0.9, "lexicon", "own words")
    assert decide(Assessment([own]), Context()).action == "hold"
    assert decide(Assessment([own], answers=taken), Context()).action == "hold"
    # A short text the classifier alone reads is flagged, not held, with or without the post it answers.
    guess = Signal("pro_harm", 0, 0.9, "classifier", "classifier: pro_harm")
    alone = Assessment([guess], model_version="v", words=2)
    assert decide(alone, Context()).action == "flag"
    assert decide(Assessment([guess], model_version="v", words=2, answers=taken), Context()).action == "flag"
    # Self-harm in a strict room: held on its own words, flagged on the post it answers.
    strict = Context(rules=RoomRules(strictness={"self_harm": "strict"}))
    joins = Assessment([Signal("self_harm", 0, 0.97, "reply", "agrees with a post it answers")])
    own_sh = Signal("self_harm", 0, 0.8, "lexicon", "own words")
    assert decide(Assessment([own_sh], answers=joins), strict).action == "hold"
    assert decide(Assessment([], answers=joins), strict).action == "flag"
