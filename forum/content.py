"""User text to HTML: Markdown through one bleach allow-list, done once at write time."""

from __future__ import annotations

from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "del", "s", "blockquote", "ul", "ol", "li", "code", "pre", "a", "hr",
        "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"], "th": ["align"], "td": ["align"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

# A table costs the sanitiser per cell (html5lib works element by element): 5,000 one-cell rows, 20,000 characters,
# took 1.5 s in bleach (Dec 2026, bench/render_cost.py). Past this many cells a post's tables are shown as written.
MAX_TABLE_CELLS = 500


def _parser(tables: bool) -> MarkdownIt:
    # Raw HTML in Markdown is escaped, not passed through; images are off (no pictures from outside).
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["strikethrough"] + ["table"] * tables
    )
    return md.disable("image")


_markdown, _markdown_no_tables = _parser(tables=True), _parser(tables=False)
# Headings h1/h2 would compete with the page's own; shift them down.
_HEADING_SHIFT = {"h1": "h3", "h2": "h4"}


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def render_markdown(source: str) -> str:
    """Render member Markdown to safe HTML; the only way user HTML is made."""
    md, env = _markdown, {}
    tokens = md.parse(source or "", env)
    if sum(t.type in ("td_open", "th_open") for t in tokens) > MAX_TABLE_CELLS:
        md = _markdown_no_tables
        tokens = md.parse(source or "", env)
    html = md.renderer.render(tokens, md.options, env)
    for old, new in _HEADING_SHIFT.items():
        html = html.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return sanitise_html(html)


def sanitise_html(html: str) -> str:
    """The one sanitiser: allow-listed tags and attributes, safe link protocols, rel on every link."""
    return _cleaner.clean(html).strip()


def excerpt(source: str, limit: int = 160) -> str:
    """A plain-text excerpt of Markdown source for lists (escaped by the template)."""
    text = " ".join((source or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
