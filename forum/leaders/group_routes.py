"""Creating a group, and joining one through an invitation link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .. import permissions as perm
from ..services import group_admin, invitations
from ..services.errors import ServiceError
from ..views import apply_error
from .forms import CreateGroupForm, ItemForm
from .routes import bp, category_choices, failed


@bp.route("/groups/new", methods=["GET", "POST"])
@login_required
def create_group():  # noqa: ANN201
    """Start a new group and lead it."""
    if not perm.can_create_group(current_user):
        abort(403, description="You can start a group once you've taken part in Hearth for a while.")
    form = CreateGroupForm()
    form.category_id.choices = category_choices()
    if form.validate_on_submit():
        try:
            group = group_admin.create_group(current_user, form.name.data, form.description.data,
                                             form.category_id.data, form.visibility.data, form.joining.data)  # fmt: skip
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash("Your group is ready. Add rules and a welcome message, and invite a co-leader.", "info")
            return redirect(url_for("leaders.about", slug=group.slug))
    return render_template("leaders/create.html", form=form), failed(form)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def invitation(token: str):  # noqa: ANN201
    """See where an invitation leads and accept it (logging in first)."""
    try:
        inv = invitations.find(token)
    except ServiceError:
        abort(404, description="This invitation link is not valid.")
    form = ItemForm()
    if form.validate_on_submit():
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=url_for("leaders.invitation", token=token)))
        try:
            invitations.redeem(current_user, token)
        except ServiceError as err:
            flash(err.message, "error")
        else:
            flash(f"Welcome to {inv.group.name}.", "info")
            return redirect(url_for("groups.show", slug=inv.group.slug))
    return render_template("leaders/invitation.html", inv=inv, form=form,
                           problem=invitations.why_unusable(inv)), (410 if invitations.why_unusable(inv) else 200)  # fmt: skip
