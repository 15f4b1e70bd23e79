"""bench/replies.py screens each reply alone and against the post it answers."""

from pathlib import Path

from bench import replies

CORPUS = Path(__file__).resolve().parents[2] / "forum" / "moderation" / "corpus"


def test_the_test_and_dev_sets_are_replies_with_the_post_they_answer() -> None:
    for name in (*replies.FILES, "replies_dev_46.csv", "replies_blind_46.csv"):
        rows = replies.load(CORPUS, (name,))
        assert len(rows) >= 100
        assert all(r["parent"].strip() and r["reply"].strip() and r["room"] for r in rows)
        assert {r["label"] for r in rows} == {"crisis", "self_harm", "pro_harm", "none"}
        assert {r["kind"] for r in rows} == {"echo_risk", "plain_risk", "support_benign", "echo_benign"}


def _screen(
    text: str, kind: str, topic: str, before: tuple[str, ...], within: str, answering: tuple[str, ...]
) -> tuple[str, set[str]]:
    """Flags "same" under a post that says "die", and anything that says "cut"."""
    if "cut" in text or (text == "same" and any("die" in a for a in answering)):
        return "flag", {"crisis"} if "cut" not in text else {"self_harm"}
    return "publish", set()


def test_the_report_counts_replies_found_alone_and_against_their_post() -> None:
    rows = [
        {"parent": "i want to die", "reply": "same", "label": "crisis", "kind": "echo_risk"},
        {"parent": "i want to die", "reply": "same", "label": "pro_harm", "kind": "echo_risk"},
        {"parent": "my boiler", "reply": "same", "label": "none", "kind": "echo_benign"},
        {"parent": "x", "reply": "i cut again", "label": "none", "kind": "echo_benign"},
    ]
    lines = replies.report(rows, _screen)
    assert any("echo_risk" in line and "found   0 of   2 alone,   1 against" in line for line in lines)
    assert any("echo_benign" in line and "acted on   1 of   2 alone,   1 against" in line for line in lines)
