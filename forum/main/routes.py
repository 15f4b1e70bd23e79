"""Home page, profiles, account settings, and the crisis help page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from models import User, db

from ..auth.forms import ConfirmForm
from ..forms import offer_zones
from ..services import accounts, feed_keys, profiles, resources
from ..services import groups as groups_service
from ..services.errors import ValidationError
from ..services.screening import Verdict
from ..views import apply_error
from .forms import ProfileForm

bp = Blueprint("main", __name__)


@bp.route("/")
def index():  # noqa: ANN201
    """The front page: categories of groups and the latest conversations."""
    cats = groups_service.categories_with_groups(current_user)
    counts = groups_service.member_counts([g.id for _, gs in cats for g in gs])
    recent = groups_service.recent_threads(current_user, limit=8)
    return render_template("main/index.html", categories=cats, counts=counts, recent=recent)


@bp.route("/help")
def help_now():  # noqa: ANN201
    """Crisis resources, reachable by anyone from every page: the visitor's region first, international last."""
    member_region = current_user.region if current_user.is_authenticated else None
    region = resources.preferred_region(request.args.get("region"), member_region, _browser_regions())
    return render_template("main/help.html", sections=resources.help_sections(region), region=region,
                           region_name=resources.region_name(region) if region else None)  # fmt: skip


def _browser_regions() -> list[str]:
    """Country subtags of the browser's languages, most preferred first ("en-GB" -> "GB")."""
    tags = [tag for tag, _ in request.accept_languages]
    # The region is the two-letter subtag after the language (and any script: "zh-Hant-TW").
    return [part for tag in tags for part in tag.replace("_", "-").split("-")[1:] if len(part) == 2]


@bp.route("/u/<handle>")
def profile(handle: str):  # noqa: ANN201
    """A member's public profile: handle, member since, groups the viewer may see, bio."""
    user = db.session.scalar(select(User).where(User.handle_key == accounts.handle_key(handle)))
    if user is None or user.deleted_at is not None:
        abort(404)
    groups = groups_service.groups_of(user, current_user)
    return render_template("main/profile.html", user=user, groups=groups)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():  # noqa: ANN201
    """Edit the profile; manage recovery codes."""
    form = ProfileForm(obj=current_user)
    offer_zones(form.timezone, current_user.timezone, preselect=not form.is_submitted())
    if not form.is_submitted():
        form.bio.data = current_user.bio_source
    if form.validate_on_submit():
        # The real User, not the proxy: the service may open a review on it.
        me = current_user._get_current_object()
        try:
            verdict = profiles.update_profile(
                me, form.bio.data, form.region.data, form.timezone.data, form.show_groups.data
            )
        except ValidationError as err:
            apply_error(form, err)
        else:
            _tell_about_bio(verdict)
            return redirect(url_for("main.settings"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("main/settings.html", form=form, confirm=ConfirmForm(),
                           codes_left=accounts.remaining_codes(current_user)), status  # fmt: skip


def _tell_about_bio(verdict: Verdict) -> None:
    """Tell the member, privately, that the profile is saved and whether the bio waits for a moderator."""
    if verdict.show_resources:
        # As on a post: crisis words in a bio get the writer the resource card at once.
        session["crisis_card"] = {"topic": None, "message": profiles.BIO_SUPPORT}
    flash(profiles.BIO_HELD if verdict.is_held else "Your profile is saved.", "info")


@bp.route("/settings/calendar-links/reset", methods=["POST"])
@login_required
def reset_calendar_links():  # noqa: ANN201
    """Revoke every private calendar link of the member."""
    if ConfirmForm().validate_on_submit():
        feed_keys.reset_feed_keys(current_user)
        flash("Your calendar links are reset: old links no longer work. Add the calendars again from each group.",
              "info")  # fmt: skip
    else:
        flash("The form expired. Please try again.", "error")
    return redirect(url_for("main.settings"))
