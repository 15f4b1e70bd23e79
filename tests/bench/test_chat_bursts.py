"""bench/chat_bursts.py replays a member's lines as the chat service screens them and counts what was found."""

from pathlib import Path

from bench import chat_bursts

CORPUS = Path(__file__).resolve().parents[2] / "forum" / "moderation" / "corpus"


def test_the_test_and_dev_sets_are_bursts_of_two_to_four_lines() -> None:
    for name in (*chat_bursts.FILES, "chat_bursts_dev_45.csv"):
        bursts = chat_bursts.load(CORPUS, (name,))
        assert len(bursts) > 80
        assert all(
            2 <= len(b["lines"]) <= 4 and b["label"] in ("crisis", "self_harm", "none") for b in bursts
        )


def _sender(seen: list):
    """Flags any line that says "flag", and any line read with a line that says "plan" before it."""

    def send(line: str, topic: str, before: tuple[str, ...]) -> tuple[str, set[str]]:
        seen.append((line, before))
        if line == "flag" or any("plan" in b for b in before):
            return "flag", {"crisis"}
        return "publish", set()

    return send


def test_only_lines_published_without_action_are_read_with_the_next() -> None:
    seen: list = []
    burst = {"lines": ["a", "flag", "b", "c", "d", "e"], "label": "crisis", "room": "general"}
    assert chat_bursts.replay(burst, _sender(seen), 2) == (True, True)
    assert [b for _, b in seen] == [(), ("a",), ("a",), ("a", "b"), ("b", "c"), ("c", "d")]


def test_the_report_counts_bursts_found_alone_and_together() -> None:
    bursts = [
        {"lines": ["my plan", "tonight"], "label": "crisis", "kind": "split_risk", "room": "general"},
        {"lines": ["flag", "x"], "label": "crisis", "kind": "split_risk", "room": "general"},
        {"lines": ["a plan for dinner", "pasta"], "label": "none", "kind": "split_benign", "room": "general"},
        {"lines": ["hi", "all"], "label": "none", "kind": "split_benign", "room": "general"},
    ]
    lines = chat_bursts.report(bursts, _sender([]), 3)
    assert any("split_risk" in line and "found   1 of   2 line by line,   2 with" in line for line in lines)
    assert any(
        "split_benign" in line and "acted on   0 of   2 line by line,   1 with" in line for line in lines
    )
