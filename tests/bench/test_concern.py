"""bench/concern.py counts, per kind of post about someone else, what its writer is shown and what opens a review."""

from pathlib import Path

from bench import concern
from bench.chat_bursts import load_rows

CORPUS = Path(__file__).resolve().parents[2] / "forum" / "moderation" / "corpus"


def test_the_sets_have_every_kind_and_a_room() -> None:
    for name in concern.FILES:
        rows = load_rows(CORPUS, (name,))
        assert len(rows) >= 150
        assert {r["label"] for r in rows} == {"now", "concern", "none"}
        assert {r["note"] for r in rows} == {"", "self"} and all(r["room"] for r in rows)


def test_the_report_counts_cards_and_reviews(app) -> None:
    rows = [
        {
            "text": "my friend says he's going to end it tonight and isn't answering",
            "label": "now",
            "file": "f.csv",
        },
        {"text": "my son has been self harming, how do i help", "label": "concern", "file": "f.csv"},
        {
            "text": "i've written the letters. this is goodbye",
            "label": "none",
            "note": "self",
            "file": "f.csv",
        },
        {"text": "lovely walk by the sea today", "label": "none", "file": "f.csv"},
    ]
    with app.app_context():
        lines = concern.report(rows, None)  # the lexicon alone
    assert lines == [
        "  f.csv",
        "    now          1: crisis card 0, helper card 1, nothing 0; a review opened for 1",
        "    concern      1: crisis card 0, helper card 1, nothing 0; a review opened for 0",
        "    none         1: crisis card 0, helper card 0, nothing 1; a review opened for 0",
        "    none/self    1: crisis card 1, helper card 0, nothing 0; a review opened for 1",
    ]
