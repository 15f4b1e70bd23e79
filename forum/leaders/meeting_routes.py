"""Meetings, course dates and pinned resources in the settings area; the public iCalendar feed."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from models import Group, Meeting

from .. import permissions as perm
from ..forms import offer_zones
from ..services import groups as groups_svc
from ..services import meetings, pinned
from ..services import settings_rules as rules
from ..services.errors import ServiceError
from ..services.feed_keys import user_for_feed_key
from ..services.group_admin import update_course
from ..services.meeting_feed import calendar_for
from ..views import abort_for, apply_error, flash_error
from .forms import CourseForm, ItemForm, MeetingForm, ResourceForm
from .routes import bp, failed, load_led_group, section


def _meeting_input(form: MeetingForm) -> meetings.MeetingInput:
    return meetings.MeetingInput(title=form.title.data or "", description=form.description.data or "",
                                 start_date=form.start_date.data, start_time=form.start_time.data,
                                 timezone=form.timezone.data or "", duration_minutes=form.duration_minutes.data,
                                 recurrence=form.recurrence.data or "", until=form.until.data)  # fmt: skip


def _course_form(group: Group) -> CourseForm:
    s = group.settings
    form = CourseForm(formdata=None, starts_on=s.starts_on, ends_on=s.ends_on)
    offer_zones(form.timezone, s.timezone, preselect=True)
    return form


def _new_meeting_form() -> MeetingForm:
    form = MeetingForm(formdata=None)
    # The leader's own time zone, if a new meeting may use it (one saved before canonical zones may not).
    form.timezone.data = rules.canonical_zone(meetings.viewer_zone(current_user)) or "UTC"
    return form


def _meetings_page(
    group: Group, course: CourseForm | None = None, form: MeetingForm | None = None, status: int = 200
):  # noqa: ANN202
    rows = [(m, meetings.rule_text(m)) for m in meetings.meetings_of(group)]
    return section("meetings.html", group, "meetings", status, course=course or _course_form(group),
                   form=form or _new_meeting_form(), meetings=rows, item_form=ItemForm(),
                   upcoming=meetings.upcoming_for(group, current_user))  # fmt: skip


@bp.route("/groups/<slug>/settings/meetings", methods=["GET", "POST"])
@login_required
def meetings_page(slug: str):  # noqa: ANN201
    """The group's meetings; schedule a new one."""
    group = load_led_group(slug)
    if request.method == "GET":
        return _meetings_page(group)
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meetings.create_meeting(current_user, group, _meeting_input(form))
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash("The meeting is scheduled.", "info")
            return redirect(url_for("leaders.meetings_page", slug=slug))
    return _meetings_page(group, form=form, status=400)


@bp.route("/groups/<slug>/settings/course", methods=["POST"])
@login_required
def course(slug: str):  # noqa: ANN201
    """The group's time zone and course dates."""
    group = load_led_group(slug)
    form = CourseForm()
    offer_zones(form.timezone, group.settings.timezone, preselect=False)
    if form.validate_on_submit():
        try:
            changed = update_course(
                current_user, group, form.timezone.data or "", form.starts_on.data, form.ends_on.data
            )
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash("Saved." if changed else "Nothing changed.", "info")
            return redirect(url_for("leaders.meetings_page", slug=slug))
    return _meetings_page(group, course=form, status=400)


def _load_meeting(group: Group, meeting_id: int) -> Meeting:
    try:
        return meetings.get_meeting(group, meeting_id)
    except ServiceError as err:
        abort_for(err)


@bp.route("/groups/<slug>/settings/meetings/<int:meeting_id>", methods=["GET", "POST"])
@login_required
def edit_meeting(slug: str, meeting_id: int):  # noqa: ANN201
    """Change a meeting."""
    group = load_led_group(slug)
    meeting = _load_meeting(group, meeting_id)
    form = MeetingForm()
    if not form.is_submitted():
        form = MeetingForm(formdata=None, obj=meeting, start_date=meeting.local_start.date(),
                           start_time=meeting.local_start.time())  # fmt: skip
    offer_zones(form.timezone, meeting.timezone, preselect=not form.is_submitted())
    if form.validate_on_submit():
        try:
            changed = meetings.update_meeting(current_user, group, meeting, _meeting_input(form))
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash("The meeting is updated." if changed else "Nothing changed.", "info")
            return redirect(url_for("leaders.meetings_page", slug=slug))
    return section("meeting_edit.html", group, "meetings", failed(form), form=form, meeting=meeting)


@bp.route("/groups/<slug>/settings/meetings/<int:meeting_id>/delete", methods=["POST"])
@login_required
def delete_meeting(slug: str, meeting_id: int):  # noqa: ANN201
    """Cancel a meeting."""
    group = load_led_group(slug)
    meeting = _load_meeting(group, meeting_id)
    if ItemForm().validate_on_submit():
        try:
            meetings.delete_meeting(current_user, group, meeting)
        except ServiceError as err:
            flash_error(err)
        else:
            flash("The meeting was cancelled.", "info")
    return redirect(url_for("leaders.meetings_page", slug=slug))


@bp.route("/groups/<slug>/meetings.ics")
def calendar(slug: str):  # noqa: ANN201
    """The group's meetings as an iCalendar feed, for those who may read the group (or hold a member's key)."""
    viewer = current_user
    if not current_user.is_authenticated and request.args.get("key"):
        # Calendar apps carry no cookie: a member's private key stands in for their login, with their rights.
        viewer = user_for_feed_key(request.args.get("key")) or current_user
    try:
        group = groups_svc.get_group(slug, viewer)
    except ServiceError as err:
        return abort_for(err)
    if not perm.can_view(viewer, group):
        abort(404 if group.visibility == "unlisted" else 403)
    body = calendar_for(group, request.url_root)
    headers = {"Content-Disposition": f'inline; filename="{group.slug}-meetings.ics"'}
    if group.visibility != "public":
        headers["Cache-Control"] = "private, no-store"  # a members-only feed must not sit in a shared cache
    return Response(body, mimetype="text/calendar", headers=headers)


def _resources_page(group: Group, form: ResourceForm | None = None, status: int = 200):  # noqa: ANN202
    return section("resources.html", group, "resources", status, form=form or ResourceForm(formdata=None),
                   resources=pinned.pinned(group), item_form=ItemForm())  # fmt: skip


@bp.route("/groups/<slug>/settings/resources", methods=["GET", "POST"])
@login_required
def resources(slug: str):  # noqa: ANN201
    """Pinned links and referrals."""
    group = load_led_group(slug)
    if request.method == "GET":
        return _resources_page(group)
    form = ResourceForm()
    if form.validate_on_submit():
        try:
            pinned.add(current_user, group, form.title.data, form.url.data, form.note.data)
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash("Pinned.", "info")
            return redirect(url_for("leaders.resources", slug=slug))
    return _resources_page(group, form, 400)


@bp.route("/groups/<slug>/settings/resources/<action>", methods=["POST"])
@login_required
def resource_action(slug: str, action: str):  # noqa: ANN201
    """Unpin a resource, or move it up or down."""
    group = load_led_group(slug)
    form = ItemForm()
    if action not in ("remove", "up", "down"):
        abort(404)
    if form.validate_on_submit():
        try:
            if action == "remove":
                pinned.remove(current_user, group, form.item_id.data)
            else:
                pinned.move(current_user, group, form.item_id.data, action)
        except ServiceError as err:
            flash_error(err)
    return redirect(url_for("leaders.resources", slug=slug))
