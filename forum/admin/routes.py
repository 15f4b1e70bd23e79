"""Site administration: the crisis resource list."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from models import CrisisResource, db

from .. import permissions as perm
from ..services.errors import ServiceError
from ..services.resource_admin import ADMINS_ONLY, save_resource
from ..services.resources import by_region
from ..views import apply_error
from .forms import ResourceForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only() -> None:
    if not perm.is_admin(current_user):
        abort(403, description=ADMINS_ONLY)


@bp.route("/resources")
def resources():  # noqa: ANN201
    """Every resource, active or retired, by region in the help page's order (INTL last)."""
    rows = db.session.scalars(select(CrisisResource).order_by(CrisisResource.position, CrisisResource.id))
    return render_template("admin/resources.html", sections=by_region(rows))


@bp.route("/resources/new", methods=["GET", "POST"])
@bp.route("/resources/<int:resource_id>", methods=["GET", "POST"])
def edit_resource(resource_id: int | None = None):  # noqa: ANN201
    """Add or edit a resource."""
    resource = db.session.get(CrisisResource, resource_id) if resource_id else None
    if resource_id and resource is None:
        abort(404)
    form = ResourceForm(obj=resource)
    if form.validate_on_submit():
        try:
            save_resource(current_user, form.data, resource)
        except ServiceError as err:
            apply_error(form, err)  # a refusal (no longer an admin) gets the 403 page
        else:
            flash("The resource is saved.", "info")
            return redirect(url_for("admin.resources"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("admin/resource_form.html", form=form, resource=resource), status
