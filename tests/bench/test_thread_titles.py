"""bench/thread_titles.py screens each thread's title and first post, apart and the post read with its title."""

from pathlib import Path

from bench import thread_titles

CORPUS = Path(__file__).resolve().parents[2] / "forum" / "moderation" / "corpus"


def test_the_test_and_dev_sets_are_threads_with_a_title_and_a_post() -> None:
    for name in (*thread_titles.FILES, "thread_titles_dev_45.csv"):
        threads = thread_titles.load(CORPUS, (name,))
        assert len(threads) > 80
        assert all(t["title"].strip() and t["body"].strip() and t["room"] for t in threads)
        assert {t["label"] for t in threads} == {"crisis", "self_harm", "pro_harm", "none"}


def _screen(
    text: str, kind: str, topic: str, before: tuple[str, ...], within: str, answering: tuple[str, ...]
) -> tuple[str, set[str]]:
    """Flags a title that says "flag" unless its thread says "pasta", and a post read with a title that says "plan"."""
    if (kind == "thread_title" and text == "flag" and "pasta" not in within) or any(
        "plan" in b for b in before
    ):
        return "flag", {"crisis"}
    return "publish", set()


def test_the_report_counts_threads_found_apart_and_with_the_title() -> None:
    threads = [
        {"title": "my plan", "body": "tonight", "label": "crisis", "kind": "split_risk", "room": "general"},
        {"title": "flag", "body": "x", "label": "crisis", "kind": "split_risk", "room": "general"},
        {"title": "flag", "body": "x", "label": "self_harm", "kind": "split_risk", "room": "general"},
        {"title": "dinner plan", "body": "pasta", "label": "none", "kind": "split_benign", "room": "general"},
        {"title": "flag", "body": "pasta", "label": "none", "kind": "split_benign", "room": "general"},
    ]
    lines = thread_titles.report(threads, _screen)
    assert any("split_risk" in line and "found   1 of   3 apart,   2 each" in line for line in lines)
    assert any("split_benign" in line and "acted on   1 of   2 apart,   1 each" in line for line in lines)
