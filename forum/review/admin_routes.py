"""The audit log (admins; leaders for their rooms), the dashboard (admins) and moderators' preferences."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions as perm
from ..services import audit_log, review_stats
from ..services import moderator_tools as tools
from ..services import review_queue as rq
from ..services.errors import PermissionDenied, ValidationError
from ..views import abort_for, apply_error
from .forms import PreferencesForm
from .routes import bp


@bp.route("/review/audit")
@login_required
def audit():  # noqa: ANN201
    """Review events and other moderator and leader actions, filterable by room, actor and action."""
    group_id = request.args.get("group", type=int)
    filters = audit_log.AuditFilters(group_id=group_id if group_id and group_id > 0 else None,
                                     actor=(request.args.get("actor") or "").strip()[:32],
                                     action=(request.args.get("action") or "").strip()[:48])  # fmt: skip
    try:
        rows = audit_log.entries(current_user, filters)
        rooms = audit_log.audit_groups(current_user)
    except PermissionDenied as err:
        return abort_for(err)
    return render_template("review/audit.html", rows=rows, filters=filters, actions=audit_log.action_names(),
                           rooms=rooms if rooms is not None else rq.moderated_groups(current_user))  # fmt: skip


@bp.route("/review/dashboard")
@login_required
def dashboard():  # noqa: ANN201
    """Site admins: open items, time to first action on urgent items, agreement with each detector."""
    if not perm.is_admin(current_user):
        abort(403, description="The moderation dashboard is for site admins.")
    counts = review_stats.open_by_priority()
    precision = review_stats.detector_precision()
    return render_template("review/dashboard.html", counts=counts, median=review_stats.median_minutes_to_first_action(),
                           precision=precision, priority_svg=review_stats.priority_chart(counts),
                           precision_svg=review_stats.precision_chart(precision))  # fmt: skip


@bp.route("/review/preferences", methods=["GET", "POST"])
@login_required
def preferences():  # noqa: ANN201
    """Choose categories to leave out of your queue (urgent items always reach you)."""
    if not rq.is_reviewer(current_user):
        abort(403, description="The review queue is for moderators.")
    form = PreferencesForm()
    if not form.is_submitted():
        form.opted_out.data = tools.opted_out(current_user)
    if form.validate_on_submit():
        try:
            tools.set_opted_out(current_user, form.opted_out.data or [])
        except ValidationError as err:
            apply_error(form, err)
        else:
            flash("Your queue preferences are saved.", "info")
            return redirect(url_for("review.queue"))
    return render_template(
        "review/preferences.html", form=form
    ), 400 if form.errors or form.form_errors else 200
