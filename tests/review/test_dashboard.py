"""The admins' dashboard: open items, time to first action on urgent items, agreement with each detector."""

from __future__ import annotations

from datetime import timedelta

from forum.services import review_stats
from forum.services.moderator_actions import perform


def test_figures(world, make_post, flag):
    a = flag(make_post(world.member1, world.group, "one"), "spam", source="classifier")
    b = flag(make_post(world.member1, world.group, "two"), "spam", source="classifier")
    c = flag(make_post(world.member1, world.group, "three"), "crisis", priority="urgent", source="lexicon")
    flag(make_post(world.member1, world.group, "four"), "harassment", priority="high")
    perform(a, "remove", world.mod1, "spam")
    perform(b, "approve", world.mod1, "not spam")
    perform(c, "support", world.mod1, "supported", now=c.created_at + timedelta(minutes=4))
    assert review_stats.open_by_priority() == {"urgent": 0, "high": 1, "normal": 0, "low": 0}
    assert review_stats.median_minutes_to_first_action() == 4.0
    table = {(p.source, p.category): (p.agreed, p.total) for p in review_stats.detector_precision()}
    assert table == {("classifier", "spam"): (1, 2), ("lexicon", "crisis"): (1, 1)}


def test_page_is_admin_only_and_draws_svg(world, make_post, flag, client, auth):
    flag(make_post(world.member1, world.group, "one"), "spam", source="classifier")
    auth.login("sitemod")
    assert client.get("/review/dashboard").status_code == 403
    auth.logout()
    auth.login("admin1")
    page = client.get("/review/dashboard").get_data(as_text=True)
    assert page.count("<svg") == 2 and "Open items by priority" in page
    assert "No urgent item has been handled yet." in page


def test_chart_escapes_labels():
    svg = review_stats.bar_chart("t", [("<b>x</b>", 1.0, "1")], 1.0)
    assert "<b>" not in svg and "&lt;b&gt;" in svg
