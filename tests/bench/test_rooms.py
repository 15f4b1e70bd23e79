"""bench/rooms.py reads every candidate test set it lists and reports on them, whatever columns a set has."""

from pathlib import Path

from bench import rooms

CORPUS = Path(__file__).resolve().parents[2] / "forum" / "moderation" / "corpus"


def test_every_listed_set_is_read_with_its_rooms() -> None:
    rows = rooms.load(CORPUS)
    assert {r["file"] for r in rows} == set(rooms.FILES)
    assert all(r["room"] and r["label"] for r in rows)


def test_the_report_counts_what_a_decider_gets_wrong() -> None:
    rows = rooms.load(CORPUS)
    lines = rooms.report(
        rows, lambda text, room: ("publish", set())
    )  # publishes everything: every risky row wrong
    risky = sum(r["label"] != "none" for r in rows)
    assert f"all {len(rows)}: wrong {risky} in their rooms, {risky} in a general room" in "\n".join(lines)
