"""Members' side: report something, and read private notices (report receipts and outcomes among them)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from models import Post, Thread, User

from .. import permissions as perm
from ..extensions import limiter, member_key
from ..services import notifications, reports
from ..services import review_targets as targets
from ..services.errors import PermissionDenied, RateLimited, ValidationError
from ..services.reports import submit_report
from ..views import apply_error
from .forms import ButtonForm, ReportForm
from .routes import bp

REPORT_LIMIT = "5 per minute; 20 per hour"
REPORTABLE = ("post", "thread", "chat_message", "user")


def _back_to(target: object) -> str:
    """Where the reporter returns to after reporting."""
    if isinstance(target, Post):
        return url_for("threads.show", thread_id=target.thread_id, _anchor=f"post-{target.id}")
    if isinstance(target, Thread):
        return url_for("threads.show", thread_id=target.id)
    if isinstance(target, User):
        return url_for("main.profile", handle=target.handle)
    return url_for("groups.show", slug=target.group.slug)


@bp.route("/report/<target_type>/<int:target_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(REPORT_LIMIT, key_func=member_key, methods=["POST"])
def report(target_type: str, target_id: int):  # noqa: ANN201
    """Report a post, thread, chat message or profile to the moderators."""
    target = targets.load_target(target_type, target_id) if target_type in REPORTABLE else None
    # Content the member cannot see does not exist for them (its title must not leak through this page).
    if target is None or not reports.target_visible(current_user, target):
        abort(404)
    if perm.is_removed(target):  # deleted, removed or erased: a crafted link gets the reason, not a form
        abort(403, description=reports.NOTHING_LEFT)
    form = ReportForm()
    status = 200
    if form.validate_on_submit():
        try:
            submit_report(current_user, target, form.report_type.data or "", form.note.data or "")
        except PermissionDenied as err:
            if err.message == reports.NOTHING_LEFT:  # removed meanwhile
                abort(403, description=err.message)
            abort(404)  # out of their sight meanwhile (a ban): it does not exist for them
        except RateLimited as err:
            form.form_errors.append(err.message)
            status = 429
        except ValidationError as err:
            apply_error(form, err)
        else:
            flash("Thank you. Your report reached the moderators; we'll let you know when they have looked at it.",
                  "info")  # fmt: skip
            return redirect(_back_to(target))
    if form.errors or form.form_errors:
        status = status if status != 200 else 400
    return render_template("review/report.html", form=form, target=target, target_type=target_type,
                           back=_back_to(target)), status  # fmt: skip


@bp.route("/notifications")
@login_required
def notices():  # noqa: ANN201
    """The member's private notices, newest first."""
    return render_template(
        "review/notifications.html", items=notifications.recent(current_user), button=ButtonForm()
    )


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():  # noqa: ANN201
    """Mark every notice read."""
    if ButtonForm().validate_on_submit():
        notifications.mark_read(current_user)
        flash("All notices are marked read.", "info")
    return redirect(url_for("review.notices"))
