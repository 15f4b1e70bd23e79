"""Threads that say half of it in the title: the title and the first post screened apart, and as the service
screens them now (each read with the other).

Run from the repository root:  python bench/thread_titles.py [--model PATH] [--files ...]
A member may put half of what they mean in a thread's title ("last one from me") and the rest in the first post
("thank you all for the chats"); and a title alone says little ("I'm done!" over a post about finishing chemo).
posting.create_thread reads the post also with its title (Context.before) and the title within title and post
(Context.within: its readings count only where the whole thread backs them). The threads of
`forum/moderation/corpus/candidates/thread_titles_45.csv` (never trained on; columns title, body, label, severity,
kind, room) are screened in their rooms both ways. A risky thread is found when the title or the post is acted on for
its label; a benign one is a false alarm when either is acted on at all. Also read by bench/moderation_quality.py
with the train-part model; run alone it uses the instance model (trained first when there is none).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent)
)  # its sibling, also when imported as bench.thread_titles
from chat_bursts import ROOT, Screen, load_rows, parse_args, room_screen, two_ways  # noqa: E402

FILES = ("thread_titles_45.csv",)


def load(corpus_dir: Path, files: tuple[str, ...] = FILES) -> list[dict[str, str]]:
    """The threads; empty when the files are missing."""
    return load_rows(corpus_dir, files)


def outcome(thread: dict[str, str], screen: Screen, with_title: bool) -> tuple[bool, set[str]]:
    """Whether the title or the first post is acted on, and for which categories."""
    room, t, b = thread.get("room") or "general", thread["title"], thread["body"]
    title = screen(t, "thread_title", room, (), f"{t}\n{b}" if with_title else "", ())
    body = screen(b, "post", room, (t,) if with_title else (), "", ())
    acted = [d for d in (title, body) if d[0] != "publish"]
    return bool(acted), {c for _, cats in acted for c in cats}


def report(threads: list[dict[str, str]], screen: Screen) -> list[str]:
    """Per kind of thread, found or acted on, title and post apart and each read with the other."""

    def counted(thread: dict, with_title: bool) -> bool:
        acted, categories = outcome(thread, screen, with_title)
        return (acted and thread["label"] in categories) if thread["label"] != "none" else acted

    return two_ways(threads, counted, ("apart", "each read with the other"))


def main() -> None:
    """Print the threads' figures with the instance model (or --model)."""
    model, files = parse_args(__doc__, FILES)
    threads = load(ROOT / "forum" / "moderation" / "corpus", files)
    print(f"threads ({len(threads)}, never trained on), the title and the first post:")
    print("\n".join(report(threads, room_screen(model))))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
