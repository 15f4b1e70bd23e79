"""Crisis resources for a person at risk: their region and the room's topic first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pycountry
from sqlalchemy import select

from models import CrisisResource, db

INTERNATIONAL = "INTL"  # the region of services for anywhere in the world, shown after every country
INTERNATIONAL_NAME = "Anywhere in the world"


def is_region(code: object) -> bool:
    """An ISO 3166-1 alpha-2 country code (upper case), or INTL for the international entries."""
    if code == INTERNATIONAL:
        return True
    return isinstance(code, str) and bool(re.fullmatch(r"[A-Z]{2}", code)) and _country(code) is not None


def region_name(code: str) -> str:
    """The country's everyday name ("Iran", not "Iran, Islamic Republic of"); the code itself if unknown."""
    if code == INTERNATIONAL:
        return INTERNATIONAL_NAME
    country = _country(code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _country(code: str) -> object | None:
    return pycountry.countries.get(alpha_2=code) if re.fullmatch(r"[A-Z]{2}", code or "") else None


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


@dataclass
class RegionSection:
    """The help page's list of services for one region."""

    code: str
    name: str
    resources: list[CrisisResource] = field(default_factory=list)


def help_sections(region: str | None) -> list[RegionSection]:
    """Every active resource by region: the member's region first, other countries by name, INTL last."""
    return by_region(all_resources(), region)


def by_region(rows: Iterable[CrisisResource], first: str | None = None) -> list[RegionSection]:
    """Resources grouped by region, in their given order within each: `first`, other countries by name, INTL last."""
    sections: dict[str, RegionSection] = {}
    for r in rows:
        sections.setdefault(r.region, RegionSection(r.region, region_name(r.region))).resources.append(r)

    def order(s: RegionSection) -> tuple[int, str]:
        # The international directory helps everyone a little, a country's own lines help its people most.
        if s.code == INTERNATIONAL:
            return (2, "")
        return (0 if s.code == first else 1, s.name.casefold())

    return sorted(sections.values(), key=order)


def preferred_region(
    choice: object, member_region: str | None, accept_language_regions: list[str]
) -> str | None:
    """The region to put first: a choice made on the page, else the member's setting, else the browser's language."""
    for code in (choice, member_region, *accept_language_regions):
        if isinstance(code, str) and code.upper() != INTERNATIONAL and is_region(code.upper()):
            return code.upper()
    return None
