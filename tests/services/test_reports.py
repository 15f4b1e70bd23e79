"""Reporting when the same member's report is sent twice at the same moment."""

from __future__ import annotations

from sqlalchemy import func, select

from forum.services.errors import ValidationError
from forum.services.reports import submit_report
from models import Post, Review, ReviewSignal, User, db
from tests.conftest import run_at_once


def test_one_report_sent_twice_at_once_counts_once(app, room, member_post):
    _, people = room
    post = member_post
    reporter_id, post_id = people["leader1"].id, post.id

    def report() -> int:
        return submit_report(db.session.get(User, reporter_id), db.session.get(Post, post_id), "spam").id

    outcomes = run_at_once(app, report)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "already reported" in refused[0].message, outcomes
    assert db.session.scalar(select(func.count(Review.id))) == 1
    signals = select(func.count(ReviewSignal.id)).where(ReviewSignal.reporter_id == reporter_id)
    assert db.session.scalar(signals) == 1
