import pytest

from forum.moderation import Context, RoomRules, WatchedWord, assess, decide


def ctx(*words: tuple[str, str]) -> Context:
    return Context(rules=RoomRules(watched_words=tuple(WatchedWord(p, a) for p, a in words)))


@pytest.mark.parametrize(
    ("pattern", "text", "hit"),
    [
        ("thin*", "feeling thinner", True),
        ("thin*", "th1n.spo", True),
        ("*spo", "meanspo", True),
        ("diet coke", "DIET COKE again", True),
        ("thin*", "a nice day", False),
        ("diet coke", "coke", False),
    ],
)
def test_wildcards(pattern: str, text: str, hit: bool) -> None:
    c = ctx((pattern, "flag"))
    d = decide(assess(text, c, model=None), c)
    assert any(s.source == "watched_words:flag" for s in d.signals) is hit


@pytest.mark.parametrize(("action", "expected"), [("flag", "flag"), ("hold", "hold"), ("block", "reject")])
def test_actions(action: str, expected: str) -> None:
    c = ctx(("grr*", action))
    d = decide(assess("grrr that", c, model=None), c)
    assert d.action == expected
    if action == "block":
        assert d.author_message and "rephrase" in d.author_message


def test_mask() -> None:
    c = ctx(("diet coke", "mask"))
    d = decide(assess("I love Diet Coke a lot", c, model=None), c)
    assert d.action == "publish" and d.masked_text == "I love *** a lot"
