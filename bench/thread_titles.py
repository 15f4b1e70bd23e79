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

import argparse
import csv
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent)
)  # its sibling, also when imported as bench.thread_titles
from chat_bursts import ROOT, model_for  # noqa: E402

FILES = ("thread_titles_45.csv",)

# (text, kind, room topic, Context.before, Context.within) -> (action, categories of the decision's signals)
Screen = Callable[[str, str, str, tuple[str, ...], str], tuple[str, set[str]]]


def load(corpus_dir: Path, files: tuple[str, ...] = FILES) -> list[dict[str, str]]:
    """The threads; empty when the files are missing."""
    threads: list[dict[str, str]] = []
    for name in files:
        path = corpus_dir / "candidates" / name
        if path.exists():
            with path.open(newline="", encoding="utf-8") as fh:
                threads += [{**row, "file": name} for row in csv.DictReader(fh)]
    return threads


def outcome(thread: dict[str, str], screen: Screen, with_title: bool) -> tuple[bool, set[str]]:
    """Whether the title or the first post is acted on, and for which categories."""
    room, t, b = thread.get("room") or "general", thread["title"], thread["body"]
    title = screen(t, "thread_title", room, (), f"{t}\n{b}" if with_title else "")
    body = screen(b, "post", room, (t,) if with_title else (), "")
    acted = [d for d in (title, body) if d[0] != "publish"]
    return bool(acted), {c for _, cats in acted for c in cats}


def report(threads: list[dict[str, str]], screen: Screen) -> list[str]:
    """Per kind of thread, found or acted on, title and post apart and each read with the other."""
    tally: dict[tuple[str, str], list[int]] = {}
    for t in threads:
        risky = t["label"] != "none"
        counts = tally.setdefault((t.get("kind") or t["label"], "risky" if risky else "benign"), [0, 0, 0])
        counts[0] += 1
        for i, with_title in ((1, False), (2, True)):
            acted, categories = outcome(t, screen, with_title)
            counts[i] += (acted and t["label"] in categories) if risky else acted
    lines = []
    for (kind, what), (n, apart, together) in sorted(tally.items(), key=lambda kv: kv[0][1], reverse=True):
        verb = "found" if what == "risky" else "acted on"
        lines.append(
            f"  {kind:14} {what:6} {verb} {apart:3} of {n:3} apart, {together:3} each read with the other"
        )
    return lines


def room_screen(model: object) -> Screen:
    """Assess + decide a text of a kind in a room on the topic, with the settings a new room on it starts with."""
    from forum.demo import rules_for_topic  # noqa: PLC0415
    from forum.moderation import Context, assess, decide  # noqa: PLC0415

    def screen(
        text: str, kind: str, topic: str, before: tuple[str, ...], within: str
    ) -> tuple[str, set[str]]:
        ctx = Context(kind=kind, rules=rules_for_topic(topic), before=before, within=within)
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action, {s.category for s in d.signals}

    return screen


def main() -> None:
    """Print the threads' figures with the instance model (or --model)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=ROOT / "instance" / "moderation-model.joblib")
    ap.add_argument("--files", nargs="*", default=list(FILES), help="thread files in corpus/candidates")
    args = ap.parse_args()
    model = model_for(args.model)
    threads = load(ROOT / "forum" / "moderation" / "corpus", tuple(args.files))
    print(f"threads ({len(threads)}, never trained on), the title and the first post:")
    print("\n".join(report(threads, room_screen(model))))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
