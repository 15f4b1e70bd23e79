"""The settings area of a group, for its leaders and site admins: about, access, moderation, chat, history."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectChoice

from models import Category, Group, db

from .. import permissions as perm
from ..forms import choices_of
from ..services import group_admin, invitations, people_admin, settings_log
from ..services import groups as groups_svc
from ..services import settings_rules as rules
from ..services.errors import ServiceError
from ..views import abort_for, apply_error, flash_error
from .forms import AboutForm, AccessForm, ChatForm, DecisionForm, InvitationForm, ItemForm, ModerationForm

bp = Blueprint("leaders", __name__)
SECTIONS = [("about", "About"), ("access", "Access"), ("people", "People"), ("moderation", "Moderation"),
            ("chat", "Chat"), ("meetings", "Meetings"), ("resources", "Resources"), ("history", "History")]  # fmt: skip


def load_led_group(slug: str) -> Group:
    """The group, if the current user leads it (or is an admin); 404/403 otherwise."""
    try:
        group = groups_svc.get_group(slug, current_user)
    except ServiceError as err:
        abort_for(err)
    if not perm.can_lead(current_user, group):
        abort(403, description=group_admin.LEADERS_ONLY)
    return group


def section(template: str, group: Group, name: str, status: int = 200, **context: object):  # noqa: ANN201
    """Render a settings section with the section navigation."""
    return render_template(
        f"leaders/{template}", group=group, sections=SECTIONS, current=name, **context
    ), status


def failed(form: FlaskForm) -> int:
    """400 when the form carries errors, else 200."""
    return 400 if form.errors or form.form_errors else 200


def category_choices() -> list[SelectChoice]:
    """Categories for a select field."""
    cats = db.session.scalars(select(Category).order_by(Category.position, Category.name))
    return choices_of({str(c.id): c.name for c in cats})


@bp.route("/groups/<slug>/settings")
@login_required
def index(slug: str):  # noqa: ANN201
    """The settings area starts at About."""
    load_led_group(slug)
    return redirect(url_for("leaders.about", slug=slug))


@bp.route("/groups/<slug>/settings/about", methods=["GET", "POST"])
@login_required
def about(slug: str):  # noqa: ANN201
    """Name, description, rules, welcome message, category."""
    group = load_led_group(slug)
    form = AboutForm()
    form.category_id.choices = category_choices()
    if not form.is_submitted():
        form.name.data, form.description.data = group.name, group.description
        form.rules.data, form.welcome.data = group.rules_source, group.welcome_source
        form.category_id.data = str(group.category_id)
    if form.validate_on_submit():
        try:
            saved = group_admin.update_about(current_user, group, form.name.data, form.description.data,
                                             form.rules.data, form.welcome.data, form.category_id.data)  # fmt: skip
        except ServiceError as err:
            apply_error(form, err)
        else:
            return _saved(saved, "leaders.about", slug)
    return section("about.html", group, "about", failed(form), form=form)


def _saved(changed: bool, endpoint: str, slug: str):  # noqa: ANN202
    flash("Saved." if changed else "Nothing changed.", "info")
    return redirect(url_for(endpoint, slug=slug))


def _access_page(group: Group, form: AccessForm, status: int = 200, **forms: FlaskForm):  # noqa: ANN202
    return section("access.html", group, "access", status, form=form, requests=people_admin.pending_requests(group),
                   invitations=invitations.active_invitations(group), decision_form=forms.get("decision") or DecisionForm(),
                   invite_form=forms.get("invite") or InvitationForm(), item_form=ItemForm())  # fmt: skip


@bp.route("/groups/<slug>/settings/access", methods=["GET", "POST"])
@login_required
def access(slug: str):  # noqa: ANN201
    """Visibility and joining; pending requests; invitation links."""
    group = load_led_group(slug)
    form = AccessForm()
    if not form.is_submitted():
        form.visibility.data, form.joining.data = group.visibility, group.joining
    if form.validate_on_submit():
        try:
            saved = group_admin.update_access(current_user, group, form.visibility.data, form.joining.data)
        except ServiceError as err:
            apply_error(form, err)
        else:
            return _saved(saved, "leaders.access", slug)
    return _access_page(group, form, failed(form))


@bp.route("/groups/<slug>/settings/requests", methods=["POST"])
@login_required
def decide_request(slug: str):  # noqa: ANN201
    """Approve or decline a request to join."""
    group = load_led_group(slug)
    form = DecisionForm()
    if form.validate_on_submit() and not (form.approve.data or form.decline.data):
        flash("Choose Approve or Decline.", "error")
    elif form.validate_on_submit():
        try:
            m = people_admin.decide_request(current_user, group, form.user_id.data, bool(form.approve.data),
                                            form.message.data or "")  # fmt: skip
        except ServiceError as err:
            flash_error(err)
            return _access_page(group, AccessForm(formdata=None, obj=group), err.status, decision=form)
        flash(f"{m.user.handle} {'joined the group' if form.approve.data else 'was declined'}.", "info")
    return redirect(url_for("leaders.access", slug=slug))


@bp.route("/groups/<slug>/settings/invitations", methods=["POST"])
@login_required
def create_invitation(slug: str):  # noqa: ANN201
    """A new invitation link."""
    group = load_led_group(slug)
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            invitations.create_invitation(current_user, group, form.days.data, form.max_uses.data)
        except ServiceError as err:
            apply_error(form, err)
            return _access_page(group, AccessForm(formdata=None, obj=group), 400, invite=form)
        flash("A new invitation link is ready below.", "info")
    return redirect(url_for("leaders.access", slug=slug))


@bp.route("/groups/<slug>/settings/invitations/revoke", methods=["POST"])
@login_required
def revoke_invitation(slug: str):  # noqa: ANN201
    """Stop an invitation link working."""
    group = load_led_group(slug)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            invitations.revoke(current_user, group, form.item_id.data)
            flash("The link no longer works.", "info")
        except ServiceError as err:
            flash_error(err)
    return redirect(url_for("leaders.access", slug=slug))


def _fill_moderation(form: ModerationForm, group: Group) -> None:
    s = group.settings
    form.premoderation.data, form.numbers_rule.data = s.premoderation, s.numbers_rule
    form.watched_words.data = rules.watched_words_text(s.watched_words)
    form.required_cw_topics.data = "\n".join(s.required_cw_topics or [])
    for cat, level in {**{c: "standard" for c in strictness_fields()}, **(s.strictness or {})}.items():
        if cat in strictness_fields():
            getattr(form, f"strict_{cat}").data = level


def strictness_fields() -> list[str]:
    """The categories that have a strictness select."""
    from ..moderation.types import CATEGORIES

    return list(CATEGORIES)


@bp.route("/groups/<slug>/settings/moderation", methods=["GET", "POST"])
@login_required
def moderation(slug: str):  # noqa: ANN201
    """Pre-moderation, numbers rule, strictness, watched words, required content warnings."""
    group = load_led_group(slug)
    form = ModerationForm()
    if not form.is_submitted():
        _fill_moderation(form, group)
    if form.validate_on_submit():
        try:
            words = rules.parse_watched_words(form.watched_words.data)
            topics = rules.parse_topics(form.required_cw_topics.data)
            levels = {c: getattr(form, f"strict_{c}").data or "standard" for c in strictness_fields()}
            saved = group_admin.update_moderation(current_user, group, form.premoderation.data,
                                                  form.numbers_rule.data, levels, words, topics)  # fmt: skip
        except ServiceError as err:
            apply_error(form, err)
        else:
            return _saved(saved, "leaders.moderation", slug)
    fields = [getattr(form, f"strict_{c}") for c in strictness_fields()]
    return section("moderation.html", group, "moderation", failed(form), form=form, strict_fields=fields)


@bp.route("/groups/<slug>/settings/chat", methods=["GET", "POST"])
@login_required
def chat(slug: str):  # noqa: ANN201
    """Slow mode, open hours, meetings only, read-only."""
    group = load_led_group(slug)
    form = ChatForm()
    s = group.settings
    if not form.is_submitted():
        form.slow_mode_seconds.data = str(s.slow_mode_seconds)
        form.chat_open_hours.data = rules.open_hours_text(s.chat_open_hours)
        form.chat_meetings_only.data, form.chat_read_only.data = s.chat_meetings_only, s.chat_read_only
    if form.validate_on_submit():
        try:
            hours = rules.parse_open_hours(form.chat_open_hours.data)
            saved = group_admin.update_chat(current_user, group, form.slow_mode_seconds.data, hours,
                                            form.chat_meetings_only.data, form.chat_read_only.data)  # fmt: skip
        except ServiceError as err:
            apply_error(form, err)
        else:
            return _saved(saved, "leaders.chat", slug)
    return section("chat.html", group, "chat", failed(form), form=form)


@bp.route("/groups/<slug>/settings/history")
@login_required
def history(slug: str):  # noqa: ANN201
    """The group's change log: who changed what, before and after."""
    group = load_led_group(slug)
    return section("history.html", group, "history", entries=settings_log.history(group))[0]


def _register_more() -> None:
    # The other sections live in their own modules; importing them adds their routes to `bp`.
    from . import group_routes, meeting_routes, people_routes  # noqa: F401


_register_more()
