"""The live alert: the payload the queue page listens for, built when review_opened fires."""

from __future__ import annotations

from forum import events
from forum.services.reports import submit_report
from forum.services.review_queue import alert_payload


def test_review_opened_payload(world, make_post):
    post = make_post(world.member1, world.group, "a hard night")
    seen = []

    def listener(review, **kw):
        seen.append((alert_payload(review), kw))

    events.review_opened.connect(listener)
    try:
        review = submit_report(world.leader1, post, "risk_to_self", "")
    finally:
        events.review_opened.disconnect(listener)
    assert seen == [({"review_id": review.id, "priority": "urgent", "category": "crisis",
                      "group_id": world.group.id}, {"created": True, "priority": "urgent"})]  # fmt: skip


def test_queue_page_carries_what_the_script_needs(world, make_post, client, auth):
    auth.login("mod1")
    page = client.get(f"/review?group={world.group.id}").get_data(as_text=True)
    assert 'id="queue"' in page and f'data-group="{world.group.id}"' in page
    assert f'"{world.group.id}": "Test Room"' in page and 'data-item-url="/review/0"' in page
    assert "vendor/socket.io.min.js" in page and 'id="live-banner"' in page
