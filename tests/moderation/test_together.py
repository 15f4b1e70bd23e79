"""A text read together with its author's lines before it (Context.before): risk to self only, never a hold."""

from forum.moderation import Context, RoomRules, assess, decide
from forum.moderation.types import Assessment, Signal


def run(text: str, before: tuple[str, ...] = (), rules: RoomRules | None = None):
    ctx = Context(kind="chat", rules=rules or RoomRules(), before=before)
    assessment = assess(text, ctx, model=None)
    return assessment, decide(assessment, ctx)


def test_no_lines_before_no_second_reading() -> None:
    assessment, decision = run("what's everyone having for tea tonight")
    assert assessment.together is None
    assert decision.action == "publish"


def test_crisis_in_the_lines_before_flags_the_line_with_its_reason() -> None:
    assessment, decision = run(
        "what's everyone having for tea tonight", before=("thinking about killing myself",)
    )
    assert assessment.signals == []  # the line alone says nothing
    assert (decision.action, decision.priority, decision.show_resources) == ("flag", "high", True)
    assert [s.reason for s in decision.signals] == [
        "read with the member's 1 line before it: phrase: killing myself"
    ]
    assert assessment.categories()["crisis"]["severity"] == 2  # the CLI's categories show the joined reading


def test_pro_harm_is_not_read_together() -> None:
    assessment, decision = run("hi", before=("post ur thinspo pics",))
    assert assessment.together is not None and assessment.together.signals == []
    assert decision.action == "publish"


def test_self_harm_read_together_is_flagged_even_in_a_strict_room() -> None:
    strict = RoomRules(strictness={"self_harm": "strict"})
    _, alone = run("i cut myself again last night", rules=strict)
    _, together = run("anyway", before=("i cut myself again last night",), rules=strict)
    assert alone.action == "hold"  # its own words: held in a strict room
    assert together.action == "flag" and together.show_resources  # never hidden on the words of other lines


def test_the_higher_reading_wins_per_category() -> None:
    own = Signal("crisis", 3, 0.95, "lexicon", "own words")
    joined = Signal("crisis", 2, 0.8, "lexicon", "read with the member's 1 line before it: weaker")
    d = decide(Assessment([own], together=Assessment([joined])), Context())
    assert [s.reason for s in d.signals] == ["own words"] and d.priority == "urgent"
    d = decide(Assessment([], together=Assessment([own])), Context())
    assert d.action == "flag" and d.priority == "urgent"


def test_a_title_counts_only_where_its_whole_thread_backs_it() -> None:
    title_alone = Signal("crisis", 4, 0.95, "classifier", "classifier: crisis")
    numbers = Signal("rule", 1, 1.0, "numbers", "numbers rule: weight")
    unbacked = Assessment(
        [title_alone, numbers], within=Assessment([Signal("crisis", 1, 0.1, "classifier", "low")])
    )
    backed = Assessment([title_alone], within=Assessment([Signal("crisis", 3, 0.4, "classifier", "whole")]))
    d = decide(unbacked, Context(kind="thread_title", rules=RoomRules(numbers_rule=True)))
    assert d.action == "hold" and d.reasons == ["numbers rule: weight"]  # a room rule on the title still acts
    assert decide(backed, Context(kind="thread_title")).priority == "urgent"


def test_a_first_post_read_with_its_title_says_so() -> None:
    ctx = Context(kind="post", before=("thinking about killing myself",))
    decision = decide(assess("what's everyone having for tea tonight", ctx, model=None), ctx)
    assert [s.reason for s in decision.signals] == ["read with its title: phrase: killing myself"]
