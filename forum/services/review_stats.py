"""Figures for the site admins' dashboard, and a small server-rendered SVG bar chart."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape
from sqlalchemy import func, select

from models import PRIORITY_RANK_MAP, ModerationLabel, Review, ReviewSignal, db, utcnow

WINDOW_DAYS = 90


def open_by_priority() -> dict[str, int]:
    """Pending items per priority, most urgent first."""
    rows = dict(
        db.session.execute(
            select(Review.priority, func.count(Review.id))
            .where(Review.status == "pending")
            .group_by(Review.priority)
        ).all()
    )
    return {p: rows.get(p, 0) for p in sorted(PRIORITY_RANK_MAP, key=PRIORITY_RANK_MAP.get)}


def median_minutes_to_first_action(now: datetime | None = None) -> float | None:
    """Median minutes from opening to the first claim or action, over urgent items of the last 90 days."""
    since = (now or utcnow()) - timedelta(days=WINDOW_DAYS)
    rows = db.session.execute(
        select(Review.created_at, Review.acknowledged_at).where(
            Review.priority == "urgent", Review.acknowledged_at.is_not(None), Review.created_at >= since
        )
    ).all()
    waits = [max(0.0, (ack - opened).total_seconds() / 60) for opened, ack in rows]
    return round(statistics.median(waits), 1) if waits else None


@dataclass(frozen=True)
class Precision:
    """How often moderators agreed with one detector source on one category."""

    source: str
    category: str
    agreed: int
    total: int

    @property
    def value(self) -> float:
        """agreed / total (0 when there is nothing to judge)."""
        return self.agreed / self.total if self.total else 0.0


def detector_precision() -> list[Precision]:
    """Per detector source and category: signals on decided items, and how many the moderators upheld."""
    rows = db.session.execute(
        select(ReviewSignal.source, ReviewSignal.category, ModerationLabel.label, func.count(ReviewSignal.id))
        .join(ModerationLabel, ModerationLabel.review_id == ReviewSignal.review_id)
        .group_by(ReviewSignal.source, ReviewSignal.category, ModerationLabel.label)
    ).all()
    table: dict[tuple[str, str], list[int]] = {}
    for source, category, label, n in rows:
        cell = table.setdefault((source, category), [0, 0])
        cell[1] += n
        if label == category:
            cell[0] += n
    return [Precision(s, c, a, t) for (s, c), (a, t) in sorted(table.items())]


BAR_H, GAP, LABEL_W, BAR_W, PAD = 22, 8, 190, 320, 8


def bar_chart(title: str, rows: list[tuple[str, float, str]], maximum: float) -> Markup:
    """A horizontal bar chart as inline SVG: rows of (label, value, value text); no script, no styles."""
    height = PAD * 2 + len(rows) * (BAR_H + GAP)
    width = LABEL_W + BAR_W + 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {max(height, 40)}" '
        f'width="{width}" height="{max(height, 40)}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value, text) in enumerate(rows):
        y = PAD + i * (BAR_H + GAP)
        length = 0 if maximum <= 0 else round(BAR_W * min(value, maximum) / maximum)
        parts += [
            f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 6}" text-anchor="end" font-size="13">{escape(label)}</text>',
            f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W}" height="{BAR_H}" fill="#efe8de"></rect>',
            f'<rect x="{LABEL_W}" y="{y}" width="{length}" height="{BAR_H}" fill="#b4532a"></rect>',
            f'<text x="{LABEL_W + BAR_W + 6}" y="{y + BAR_H - 6}" font-size="13">{escape(text)}</text>',
        ]
    if not rows:
        parts.append(f'<text x="{PAD}" y="24" font-size="13">{escape("Nothing to show yet.")}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def priority_chart(counts: dict[str, int]) -> Markup:
    """Open items per priority as bars."""
    rows = [(p, float(n), str(n)) for p, n in counts.items()]
    return bar_chart("Open items by priority", rows, max([1.0, *(v for _, v, _ in rows)]))


def precision_chart(items: list[Precision]) -> Markup:
    """Moderator agreement per detector source and category as bars (0 to 100%)."""
    rows = [(f"{p.source} / {p.category}", p.value, f"{p.value:.0%} of {p.total}") for p in items]
    return bar_chart("How often moderators agreed with each detector", rows, 1.0)
