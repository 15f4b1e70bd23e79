"""Threads and posts: start, read, reply, edit, delete, react."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from models import Group, Post, Thread, db
from models.thread import REACTIONS

from .. import permissions as perm
from ..extensions import limiter, member_key
from ..services import groups as groups_svc
from ..services import posting
from ..services.errors import ServiceError, ValidationError
from ..services.screening import Verdict
from ..services.settings_rules import usable_zone
from ..views import abort_for, apply_error, page_arg
from .forms import ActionForm, PostForm, ThreadForm

bp = Blueprint("threads", __name__)
POST_LIMIT = "6 per minute; 60 per hour"  # per member (member_key), not per address
SLOW_DOWN = "You're posting quickly; please wait a minute and send again. Your text is kept below."
SLOW_DOWN_PLAIN = "You're posting quickly; please wait a minute and try again."


def _load_thread(thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id)
    if thread is None or not perm.can_see_group(current_user, thread.group):
        abort(404)
    if not perm.can_view_thread(current_user, thread):
        abort(404 if thread.group.visibility == "unlisted" or thread.status != "visible" else 403)
    return thread


def _load_post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    _load_thread(post.thread_id)
    if not perm.can_view_post(current_user, post):
        abort(404)
    return post


@bp.errorhandler(429)
def too_fast(err: Exception):  # noqa: ANN201
    """A member over the posting limit gets their form back with the text kept, not an error page."""
    try:
        page = _form_again(request.endpoint, request.view_args or {})
    except (HTTPException, ServiceError):
        page = None  # the thread or room is gone or closed to them: the plain "slow down" page
    if page is None:
        return render_template(
            "errors/error.html", code=429, title="Slow down a little", message=SLOW_DOWN_PLAIN
        ), 429
    flash(SLOW_DOWN, "error")
    return page(), 429


def _form_again(endpoint: str | None, args: dict):  # noqa: ANN202
    """A renderer for the form the member sent (its text kept from the request), or None."""
    if endpoint == "threads.reply":
        thread = _load_thread(args["thread_id"])
        return lambda: _reply_again(thread, PostForm())
    if endpoint == "threads.new_thread":
        group = groups_svc.get_group(args["slug"], current_user)
        return lambda: render_template("threads/new.html", form=ThreadForm(), group=group)
    if endpoint == "threads.edit":
        post = _load_post(args["post_id"])
        return lambda: render_template("threads/edit.html", form=PostForm(), post=post)
    return None


def tell_author(verdict: Verdict) -> None:
    """Show the author, privately and at once, what moderation decided (and resources when at risk)."""
    if verdict.show_resources:
        session["crisis_card"] = {"topic": None, "message": verdict.author_message or ""}
    elif verdict.helper:  # worried about someone else: how to help them, and the same services
        session["crisis_card"] = {"topic": None, "message": verdict.author_message or "", "helper": True}
    elif verdict.action == "hold":
        flash(
            verdict.author_message or "Your post is waiting for a moderator before others can see it.", "info"
        )


@bp.route("/groups/<slug>/new", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, key_func=member_key, methods=["POST"])
def new_thread(slug: str):  # noqa: ANN201
    """Start a thread in a group."""
    try:
        group = groups_svc.get_group(slug, current_user)
    except ServiceError as err:
        return abort_for(err)
    if not perm.can_post_in(current_user, group):
        flash(why_cannot_post(group), "info")
        return redirect(url_for("groups.show", slug=slug))
    form = ThreadForm()
    if form.validate_on_submit():
        try:
            out = posting.create_thread(current_user, group, form.title.data, form.body.data,
                                        form.content_warning.data, form.submission_key.data)  # fmt: skip
        except ValidationError as err:
            apply_error(form, err)
        else:
            # A resent form lands on the thread it made the first time, without telling the author twice.
            if not out.repeated:
                _remember_topic(group.topic, out.verdict)
            return redirect(url_for("threads.show", thread_id=out.thread.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("threads/new.html", form=form, group=group), status


def why_cannot_post(group: Group) -> str:
    """Why the logged-in viewer may not post in the room, picked by the same predicates that refuse it."""
    user = current_user
    if perm.is_banned(user, group):
        return f"You can no longer take part in {group.name}."
    if perm.is_muted(user, group):
        until = perm.membership(user, group).muted_until
        return f"You are muted in {group.name} until {_local_time(until, user.timezone)}."
    if perm.is_pending(user, group):
        return f"Your request to join {group.name} is waiting for a leader."
    if perm.is_active_member(user, group) and perm.is_room_closed(group):
        return f"{group.name} has ended: it is read-only now."
    return f"Join {group.name} to take part."


def _local_time(when: datetime, tz: str) -> str:
    """A UTC time in the member's own time zone, as '3 December 2026, 14:05 (Europe/London)'."""
    # The one rule for stored zones: an alias by its current name, a name zoneinfo can't load as UTC.
    tz = usable_zone(tz)
    local = when.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))
    return f"{local.day} {local:%B %Y, %H:%M} ({tz})"


def _remember_topic(topic: str, verdict: Verdict) -> None:
    tell_author(verdict)
    if "crisis_card" in session:
        session["crisis_card"]["topic"] = topic


@bp.route("/t/<int:thread_id>")
def show(thread_id: int):  # noqa: ANN201
    """A thread with a page of its posts and the reply form."""
    thread = _load_thread(thread_id)
    page, per_page = page_arg(), current_app.config["POSTS_PER_PAGE"]
    posts, total = groups_svc.post_page(thread, current_user, page, per_page)
    counts = _reaction_counts(posts)
    return render_template("threads/show.html", thread=thread, posts=posts, page=page, per_page=per_page,
                           total=total, form=PostForm(), action_form=ActionForm(), reactions=REACTIONS,
                           counts=counts, mine=_my_reactions(posts), why_cannot_post=why_cannot_post)  # fmt: skip


def _reaction_counts(posts: list[Post]) -> dict[int, dict[str, int]]:
    from sqlalchemy import func, select

    from models import Reaction

    ids = [p.id for p in posts]
    rows = db.session.execute(
        select(Reaction.post_id, Reaction.kind, func.count()).where(Reaction.post_id.in_(ids))
        .group_by(Reaction.post_id, Reaction.kind)
    ) if ids else []  # fmt: skip
    out: dict[int, dict[str, int]] = {}
    for post_id, kind, n in rows:
        out.setdefault(post_id, {})[kind] = n
    return out


def _my_reactions(posts: list[Post]) -> set[tuple[int, str]]:
    from sqlalchemy import select

    from models import Reaction

    if not current_user.is_authenticated or not posts:
        return set()
    rows = db.session.execute(
        select(Reaction.post_id, Reaction.kind).where(
            Reaction.user_id == current_user.id, Reaction.post_id.in_([p.id for p in posts])
        )
    )
    return {(p, k) for p, k in rows}


@bp.route("/t/<int:thread_id>/reply", methods=["POST"])
@login_required
@limiter.limit(POST_LIMIT, key_func=member_key)
def reply(thread_id: int):  # noqa: ANN201
    """Reply to a thread."""
    thread = _load_thread(thread_id)
    form = PostForm()
    if form.validate_on_submit():
        try:
            out = posting.reply(
                current_user, thread, form.body.data, form.content_warning.data, form.submission_key.data
            )
        except ServiceError as err:
            flash(err.message, "error")
            return _reply_again(thread, form), err.status
        if not out.repeated:
            _remember_topic(thread.group.topic, out.verdict)
        last = max(
            1, -(-groups_svc.post_page(thread, current_user, 1, 1)[1] // current_app.config["POSTS_PER_PAGE"])
        )
        return redirect(
            url_for("threads.show", thread_id=thread.id, page=last, _anchor=f"post-{out.post.id}")
        )
    return _reply_again(thread, form), 400


def _reply_again(thread: Thread, form: PostForm) -> str:
    page, per_page = 1, current_app.config["POSTS_PER_PAGE"]
    posts, total = groups_svc.post_page(thread, current_user, page, per_page)
    return render_template("threads/show.html", thread=thread, posts=posts, page=page, per_page=per_page,
                           total=total, form=form, action_form=ActionForm(), reactions=REACTIONS,
                           counts=_reaction_counts(posts), mine=_my_reactions(posts),
                           why_cannot_post=why_cannot_post)  # fmt: skip


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, key_func=member_key, methods=["POST"])
def edit(post_id: int):  # noqa: ANN201
    """Edit your post; the old version goes into its history."""
    post = _load_post(post_id)
    if not perm.can_edit_post(current_user, post):
        abort(403)
    form = PostForm(obj=post)
    if not form.is_submitted():
        form.body.data = post.source
    if form.validate_on_submit():
        try:
            out = posting.edit_post(current_user, post, form.body.data, form.content_warning.data)
        except ValidationError as err:
            apply_error(form, err)
        else:
            _remember_topic(post.thread.group.topic, out.verdict)
            return redirect(url_for("threads.show", thread_id=post.thread_id, _anchor=f"post-{post.id}"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("threads/edit.html", form=form, post=post), status


@bp.route("/p/<int:post_id>/history")
def history(post_id: int):  # noqa: ANN201
    """Earlier versions of an edited post."""
    post = _load_post(post_id)
    if not perm.can_view_post_history(current_user, post):
        abort(404)
    return render_template("threads/history.html", post=post)


@bp.route("/p/<int:post_id>/delete", methods=["POST"])
@login_required
def delete(post_id: int):  # noqa: ANN201
    """Delete a post (a tombstone stays in the thread)."""
    post = _load_post(post_id)
    if ActionForm().validate_on_submit():
        try:
            posting.delete_post(current_user, post)
            flash("The post was deleted.", "info")
        except ServiceError as err:
            flash(err.message, "error")
    return redirect(url_for("threads.show", thread_id=post.thread_id))


@bp.route("/p/<int:post_id>/react/<kind>", methods=["POST"])
@login_required
@limiter.limit("60 per minute", key_func=member_key)
def react(post_id: int, kind: str):  # noqa: ANN201
    """Give or take back a supportive reaction."""
    post = _load_post(post_id)
    if ActionForm().validate_on_submit():
        try:
            posting.toggle_reaction(current_user, post, kind)
        except ServiceError as err:
            flash(err.message, "error")
    return redirect(url_for("threads.show", thread_id=post.thread_id, _anchor=f"post-{post.id}"))
