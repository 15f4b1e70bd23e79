"""Markdown and sanitiser time on the longest posts allowed (20,000 characters) built to be slow.

Rendering happens once, when a post is written, in the request's thread. bleach's cost is per element. Before
December 2026 a post of 5,000 one-cell table rows took 1.8 s (1.5 s of it in bleach) and a ten-column table of 900
rows 0.6 s; past content.MAX_TABLE_CELLS cells the text is now shown as written (0.47 s and 0.25 s). A list of 5,000
items still takes about 0.43 s. Run: .venv/bin/python bench/render_cost.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forum.content import MAX_TABLE_CELLS, render_markdown  # noqa: E402

LENGTH = 20_000  # config.POST_MAX_CHARS


def inputs() -> dict[str, str]:
    """The slow inputs by name, at most LENGTH characters each."""
    made = {
        "one-cell table rows": "|a|\n|-|\n" + "|x|\n" * 5000,
        "table at the cell limit": "|a|\n|-|\n" + "|x|\n" * (MAX_TABLE_CELLS - 1),
        "ten-column table": "|" + "a|" * 10 + "\n|" + "-|" * 10 + "\n" + ("|" + "x|" * 10 + "\n") * 900,
        "list items": "- x\n" * 5000,
        "open brackets": "[" * LENGTH,
        "emphasis marks": "*a " * 6700,
        "bare links": "http://a.example " * 1200,
        "plain words": "word " * 4000,
    }
    return {name: text[:LENGTH] for name, text in made.items()}


def main() -> None:
    """Print the slowest of three renders of each input."""
    render_markdown("warm up")
    print(f"render_markdown() of {LENGTH:,}-character inputs, slowest of three runs:")
    for name, text in inputs().items():
        worst = 0.0
        for _ in range(3):
            t0 = time.perf_counter()
            render_markdown(text)
            worst = max(worst, time.perf_counter() - t0)
        print(f"  {name:26s} {worst * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
