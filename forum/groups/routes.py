"""Browsing groups, a group's page, joining and leaving."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from models import Group, utcnow

from .. import permissions as perm
from ..services import groups as svc
from ..services.errors import ServiceError
from ..views import abort_for, page_arg
from .forms import JoinForm, LeaveForm

bp = Blueprint("groups", __name__, url_prefix="/groups")


@bp.route("/")
def browse():  # noqa: ANN201
    """Every category with its listed groups; optional search."""
    query = request.args.get("q", "")
    results = svc.search_groups(query, current_user) if query.strip() else None
    cats = svc.categories_with_groups(current_user)
    counts = svc.member_counts([g.id for _, gs in cats for g in gs] + [g.id for g in results or []])
    return render_template("groups/browse.html", categories=cats, counts=counts, results=results, query=query)


@bp.route("/<slug>")
def show(slug: str):  # noqa: ANN201
    """A group's page: about, rules, people, threads (when the viewer may read them)."""
    try:
        group = svc.get_group(slug, current_user)
    except ServiceError as err:
        return abort_for(err)
    threads, total = [], 0
    page = page_arg()
    per_page = current_app.config["THREADS_PER_PAGE"]
    if perm.can_view(current_user, group):
        threads, total = svc.thread_page(group, current_user, page, per_page)
    return render_template(
        "groups/show.html", group=group, threads=threads, page=page, per_page=per_page, total=total,
        leaders=svc.people(group, "leader"), moderators=svc.people(group, "moderator"),
        membership=perm.membership(current_user, group), join_form=JoinForm(), leave_form=LeaveForm(),
        member_count=svc.member_counts([group.id]).get(group.id, 0), **_room_extras(group),
    )  # fmt: skip


def _room_extras(group: Group) -> dict:
    """What the leaders set up that the group page shows: notices, role offer, meetings, pinned links."""
    from ..services import meetings, people_admin, pinned

    notices = people_admin.unseen_notices(current_user, group)
    people_admin.mark_seen(notices)  # each notice (the welcome message) is shown once
    readable = perm.can_view(current_user, group)
    return {
        "notices": notices,
        "role_offer": people_admin.offer_for(current_user, group),
        "upcoming": meetings.upcoming_for(group, current_user, limit=3) if readable else [],
        "meeting_now": meetings.meeting_in_progress(group) if readable else None,
        "resources": pinned.pinned(group),
        "requests_waiting": len(people_admin.pending_requests(group))
        if perm.can_lead(current_user, group)
        else 0,
        "course_ended": _course_ended(group),
        "feed_url": _feed_url(group) if readable else None,
    }


def _feed_url(group: Group) -> str:
    """The calendar link to offer: plain for public rooms, with the member's private key for the others."""
    from ..services.feed_keys import feed_key

    if group.visibility == "public" or not current_user.is_authenticated:
        return url_for("leaders.calendar", slug=group.slug)
    return url_for("leaders.calendar", slug=group.slug, key=feed_key(current_user))


def _course_ended(group: Group) -> bool:
    ends = group.settings.ends_on if group.settings is not None else None
    return ends is not None and utcnow().date() > ends


@bp.route("/<slug>/join", methods=["POST"])
@login_required
def join(slug: str):  # noqa: ANN201
    """Join an open group or ask to join."""
    form = JoinForm()
    group = None
    try:
        group = svc.get_group(slug, current_user)
        if not form.validate_on_submit():
            flash("; ".join(e for errs in form.errors.values() for e in errs) or "Please try again.", "error")
            return redirect(url_for("groups.show", slug=slug))
        m = svc.join(current_user, group, form.message.data or "")
    except ServiceError as err:
        if _asked_again(group):
            flash(err.message, "info")  # say so, not a 403 page
        else:
            abort_for(err)
        return redirect(url_for("groups.show", slug=slug))
    if m.state == "active":
        flash(f"You joined {group.name}.", "info")
    else:
        flash("Your request was sent to the group's leaders.", "info")
    return redirect(url_for("groups.show", slug=slug))


def _asked_again(group: Group | None) -> bool:
    """Whether a refused join asked for what is already so (a second click, a page left open)."""
    return group is not None and (
        perm.is_active_member(current_user, group) or perm.is_pending(current_user, group)
    )


@bp.route("/<slug>/leave", methods=["POST"])
@login_required
def leave(slug: str):  # noqa: ANN201
    """Leave a group."""
    try:
        group = svc.get_group(slug, current_user)
        if LeaveForm().validate_on_submit():
            svc.leave(current_user, group)
            flash(f"You left {group.name}.", "info")
    except ServiceError as err:
        abort_for(err)
    return redirect(url_for("groups.show", slug=slug))
