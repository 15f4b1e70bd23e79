"""The moderators' queue: list, open, claim, act, note; the escalation command."""

from __future__ import annotations

import click
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from ..services import groups as groups_svc
from ..services import moderator_tools as tools
from ..services import review_queue as rq
from ..services import review_targets as targets
from ..services.errors import Conflict, PermissionDenied, ServiceError, ValidationError
from ..services.moderator_actions import ACTIONS, perform
from ..services.notifications import unread_count
from ..views import abort_for, apply_error
from .forms import ActionForm, ButtonForm, NoteForm

bp = Blueprint("review", __name__)
SENSITIVE = ("pro_harm", "self_harm")
SEEN_KEY = "review_seen"

# What the moderator is told after an action: a plain sentence, not the action's menu label.
DONE = {
    "approve": "Approved: it stays up.", "support": "Kept up, and marked as a real concern.", "hide": "Hidden.",
    "remove": "Removed.", "edit_out": "The detail was edited out.", "send_resources": "Support resources were sent.",
    "warn": "The author was warned.", "mute": "The author is muted in this room.",
    "ban": "The author is banned from this room.", "suspend": "The account is suspended.",
    "escalate": "Escalated to site moderators.",
}  # fmt: skip


@bp.app_context_processor
def _nav() -> dict:
    """Nav helpers for base.html: the unread notice count and whether to show the queue link."""

    def notice_count() -> int:
        try:
            return unread_count(current_user) if current_user.is_authenticated else 0
        except SQLAlchemyError:  # the error page must render even when the database is the problem
            return 0

    def shows_queue() -> bool:
        try:
            return current_user.is_authenticated and rq.is_reviewer(current_user)
        except SQLAlchemyError:
            return False

    return {"notice_count": notice_count, "shows_queue": shows_queue}


def _filters() -> rq.QueueFilters:
    """Queue filters from the query string; anything unrecognised falls back to the default."""
    group_id = request.args.get("group", type=int)
    category = request.args.get("category", "")
    status = request.args.get("status", "pending")
    return rq.QueueFilters(group_id=group_id if group_id and group_id > 0 else None,
                           category=category if category in rq.categories_in_use() else "",
                           status=status if status in rq.STATUSES else "pending")  # fmt: skip


def _require_reviewer() -> None:
    if not rq.is_reviewer(current_user):
        abort(403, description="The review queue is for moderators.")


def is_sensitive(review: object) -> bool:
    """Pro-harm and self-harm content is blurred until the moderator chooses to look."""
    return review.category in SENSITIVE or any(s.category in SENSITIVE for s in review.signals)


def _seen() -> int:
    return tools.seen_count(session.get(SEEN_KEY), current_user.session_token)


@bp.route("/review")
@login_required
def queue():  # noqa: ANN201
    """The queue: urgent first, then by age; escalates overdue urgent items on the way (no scheduler needed)."""
    _require_reviewer()
    groups_svc.touch(current_user)
    rq.escalate_overdue()
    filters = _filters()
    items, hidden = rq.queue(current_user, filters, tools.opted_out(current_user))
    rooms = tools.groups_for_filter(current_user)
    return render_template(
        "review/queue.html", items=items, hidden=hidden, filters=filters, rooms=rooms,
        categories=rq.categories_in_use(), statuses=rq.STATUSES, on_duty=rq.on_duty(rooms),
        staff_on_duty=rq.site_staff_on_duty(), seen=_seen(), break_after=current_app.config["REVIEW_BREAK_AFTER"],
        targets={r.id: targets.target_of(r) for r in items}, html_of=targets.target_html,
        title_of=targets.target_title, rq=rq,
        is_sensitive=is_sensitive, button=ButtonForm(), room_names={g.id: g.name for g in rooms},
    )  # fmt: skip


def _load(review_id: int):  # noqa: ANN202
    try:
        return rq.get_review(current_user, review_id)
    except ServiceError as err:
        return abort_for(err)


def _item_page(review, form: ActionForm | None = None, note_form: NoteForm | None = None, status: int = 200):  # noqa: ANN001, ANN202
    target = targets.target_of(review)
    if form is None:
        form = ActionForm(formdata=None, version=review.version)
    form.version.data = str(review.version)
    return render_template(
        "review/item.html", review=review, target=target, title=targets.target_title(target),
        html=targets.target_html(target),
        context=targets.context_of(target), form=form, note_form=note_form or NoteForm(formdata=None),
        notes=tools.notes_on(current_user, review.target_user_id),
        history=tools.author_history(current_user, review.target_user_id, exclude=review.id),
        holder=rq.claim_holder(review), expires=rq.claim_expires_at(review), rq=rq, actions=ACTIONS,
        sensitive=is_sensitive(review), button=ButtonForm(), seen=_seen(),
        break_after=current_app.config["REVIEW_BREAK_AFTER"],
    ), status  # fmt: skip


@bp.route("/review/<int:review_id>")
@login_required
def item(review_id: int):  # noqa: ANN201
    """One item: content, context, signals, the author's record and notes, and the actions."""
    review = _load(review_id)
    session[SEEN_KEY] = tools.note_seen(session.get(SEEN_KEY), current_user.session_token, review.id)
    return _item_page(review)


@bp.route("/review/<int:review_id>/claim", methods=["POST"])
@login_required
def claim(review_id: int):  # noqa: ANN201
    """Claim an item so other moderators see someone is on it."""
    review = _load(review_id)
    if ButtonForm().validate_on_submit():
        try:
            rq.claim(review, current_user)
            flash("You have this item. The claim lapses if you leave it.", "info")
        except ServiceError as err:
            flash(err.message, "error")
    return redirect(url_for("review.item", review_id=review.id))


@bp.route("/review/<int:review_id>/release", methods=["POST"])
@login_required
def release(review_id: int):  # noqa: ANN201
    """Give the item back to the queue."""
    review = _load(review_id)
    if ButtonForm().validate_on_submit():
        try:
            rq.release(review, current_user)
        except ServiceError as err:
            flash(err.message, "error")
    return redirect(url_for("review.item", review_id=review.id))


def _version(form: ActionForm) -> int | None:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


@bp.route("/review/<int:review_id>/act", methods=["POST"])
@login_required
def act(review_id: int):  # noqa: ANN201
    """Apply one action through the single checked `perform`."""
    review = _load(review_id)
    form = ActionForm()
    if not form.validate_on_submit():
        return _item_page(review, form, status=400)
    params = {"hours": form.hours.data, "days": form.days.data, "detail": form.detail.data,
              "replacement": form.replacement.data}  # fmt: skip
    if _version(form) is None:
        # Without the version the page was built from, we could not tell whether someone acted meanwhile.
        flash("This form is out of date. Please check the item again and decide.", "error")
        return _item_page(review, status=409)
    try:
        perform(review, form.action.data or "", current_user, form.reason.data or "",
                expected_version=_version(form), **params)  # fmt: skip
    except ValidationError as err:
        apply_error(form, err)
        return _item_page(review, form, status=400)
    except (Conflict, PermissionDenied) as err:
        if isinstance(err, PermissionDenied):
            # Lost the role since the page loaded? Then the page the up-front check gives, not the item again.
            review = _load(review.id)
        flash(err.message, "error")
        return _item_page(review, status=err.status)
    flash(DONE.get(form.action.data, "Done."), "info")
    if review.status != "pending":
        return redirect(url_for("review.queue"))
    return redirect(url_for("review.item", review_id=review.id))


@bp.route("/review/<int:review_id>/note", methods=["POST"])
@login_required
def add_note(review_id: int):  # noqa: ANN201
    """Add a private moderator note about the item's author."""
    review = _load(review_id)
    form = NoteForm()
    if review.target_user is None:
        abort(404)
    if form.validate_on_submit():
        try:
            # Notes belong to the item's room; profile items (no room) get site-staff notes.
            tools.add_note(current_user, review.target_user, review.group, form.body.data)
        except ValidationError as err:
            apply_error(form, err)
        except PermissionDenied as err:
            return abort_for(err)
        else:
            flash("Note added.", "info")
            return redirect(url_for("review.item", review_id=review.id, _anchor="notes"))
    return _item_page(review, note_form=form, status=400)


@bp.route("/review/break", methods=["POST"])
@login_required
def took_break():  # noqa: ANN201
    """Start the count of items seen afresh after a break."""
    _require_reviewer()
    if ButtonForm().validate_on_submit():
        session.pop(SEEN_KEY, None)
        flash("Welcome back. Your count of items seen starts again.", "info")
    return redirect(url_for("review.queue"))


@bp.cli.command("escalate")
def escalate_command() -> None:
    """Escalate urgent items nobody acknowledged in time (run it from cron, e.g. every minute)."""
    due = rq.escalate_overdue()
    click.echo(f"{len(due)} urgent item(s) escalated to site moderators.")


from . import admin_routes, member_routes  # noqa: E402, F401  (they add their views to `bp`)
