"""Replies that say it only through the post they answer, screened alone and read against that post.

Run from the repository root:  python bench/replies.py [--model PATH] [--files ...]
"me too" under a goodbye, "go on then" under a wish to die, "keep going!!" under a fast: no word of such a reply is
risky alone, and the same words under a choir audition or a sober streak are kindness. posting.reply and the chat
service read a reply also against the posts it may answer (Context.answering; moderation.replies). The rows of
`forum/moderation/corpus/candidates/replies_46.csv` (never trained on; columns parent, reply, label, severity, kind,
room) are screened in their rooms both ways. A risky reply is found when it is acted on for its label; a benign one
is a false alarm when it is acted on at all. Also read by bench/moderation_quality.py with the train-part model; run
alone it uses the instance model (trained first when there is none).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its sibling, also when imported as bench.replies
from chat_bursts import ROOT, Screen, load_rows, parse_args, room_screen, two_ways  # noqa: E402

FILES = ("replies_46.csv",)


def load(corpus_dir: Path, files: tuple[str, ...] = FILES) -> list[dict[str, str]]:
    """The replies with the posts they answer; empty when the files are missing."""
    return load_rows(corpus_dir, files)


def report(rows: list[dict[str, str]], screen: Screen) -> list[str]:
    """Per kind of reply, found or acted on, alone and read against the post it answers."""

    def counted(row: dict, with_parent: bool) -> bool:
        answering = (row["parent"],) if with_parent else ()
        action, categories = screen(row["reply"], "post", row.get("room") or "general", (), "", answering)
        acted = action != "publish"
        return (acted and row["label"] in categories) if row["label"] != "none" else acted

    return two_ways(rows, counted, ("alone", "against the post"))


def main() -> None:
    """Print the replies' figures with the instance model (or --model)."""
    model, files = parse_args(__doc__, FILES)
    rows = load(ROOT / "forum" / "moderation" / "corpus", files)
    print(f"replies ({len(rows)}, never trained on), each under the post it answers:")
    print("\n".join(report(rows, room_screen(model))))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
