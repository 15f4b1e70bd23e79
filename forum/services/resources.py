"""Crisis resources for a person at risk: their region and the room's topic first."""

from __future__ import annotations

from sqlalchemy import select

from models import CrisisResource, db


def resources_for(region: str | None, topic: str | None = None, limit: int = 2) -> list[CrisisResource]:
    """One or two resources: a topic service in the region, then a general one, then the international fallback."""
    rows = db.session.scalars(
        select(CrisisResource)
        .where(CrisisResource.is_active, CrisisResource.region.in_([region or "INTL", "INTL"]))
        .order_by(CrisisResource.position, CrisisResource.id)
    ).all()

    def rank(r: CrisisResource) -> tuple[int, int]:
        in_region = 0 if r.region == (region or "INTL") else 1
        on_topic = 0 if topic and topic in (r.topics or []) else (1 if not r.topics else 2)
        return (in_region, on_topic)

    return sorted(rows, key=rank)[:limit]


def all_resources() -> list[CrisisResource]:
    """Every active resource, by region, for the help page."""
    return list(
        db.session.scalars(
            select(CrisisResource)
            .where(CrisisResource.is_active)
            .order_by(CrisisResource.region, CrisisResource.position, CrisisResource.id)
        )
    )
