"""The help page: the visitor's region first (their setting, a choice on the page, or the browser's language),
other countries by name, and the international entries last."""

from __future__ import annotations

import re

import pytest

from forum.services import resources

ALPHABETICAL = ["Australia", "Canada", "Ireland", "New Zealand", "United Kingdom", "United States"]
WORLD = "Anywhere in the world"


def _headings(client, path: str = "/help", **kwargs) -> list[str]:
    resp = client.get(path, **kwargs)
    assert resp.status_code == 200
    return re.findall(r"<h2[^>]*>([^<]*)</h2>", resp.get_data(as_text=True))


def test_international_entries_come_last(client):
    assert _headings(client) == [*ALPHABETICAL, WORLD]


def test_a_members_region_comes_first(client, auth, make_user):
    make_user("kiwi", region="NZ")
    auth.login("kiwi")
    assert _headings(client) == ["New Zealand", *[n for n in ALPHABETICAL if n != "New Zealand"], WORLD]


def test_a_visitors_browser_language_picks_the_region(client):
    headings = _headings(client, headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert headings[0] == "Canada" and headings[-1] == WORLD


def test_a_choice_on_the_page_wins_over_the_setting(client, auth, make_user):
    make_user("abroad", region="GB")
    auth.login("abroad")
    assert _headings(client, "/help?region=ie")[0] == "Ireland"
    page = client.get("/help?region=ie").get_data(as_text=True)
    assert '<option value="IE" selected>Ireland</option>' in page


@pytest.mark.parametrize("choice", ["ZZ", "INTL", "<b>", "x" * 500, ""])
def test_a_bad_choice_is_ignored(client, choice):
    assert _headings(client, f"/help?region={choice}") == [*ALPHABETICAL, WORLD]


def test_a_region_without_services_points_to_the_international_ones(client):
    page = client.get("/help?region=fr").get_data(as_text=True)
    assert "We have no services listed for France yet" in page and 'href="#region-INTL"' in page


def test_regions_are_iso_codes_or_international():
    assert resources.is_region("GB") and resources.is_region("FR") and resources.is_region("INTL")
    assert not any(resources.is_region(code) for code in ("ZZ", "UK", "XX", "gb", "GBR", "", None, 44))


def test_preferred_region_order():
    choose = resources.preferred_region
    assert choose("ie", "GB", ["US"]) == "IE"
    assert choose(None, "GB", ["US"]) == "GB"
    assert choose("ZZ", "INTL", ["ZZ", "US"]) == "US"
    assert choose(None, "INTL", []) is None
