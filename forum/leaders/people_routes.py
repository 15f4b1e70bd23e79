"""People: offer roles, remove roles, step down; members answer role offers."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .. import permissions as perm
from ..services import groups as groups_svc
from ..services import people_admin
from ..services.errors import ServiceError
from ..views import abort_for, apply_error, flash_error
from .forms import ItemForm, OfferForm
from .routes import bp, failed, load_led_group, section

STEPPED_DOWN = "You stepped down. Thank you for your time in the role."


def _people_page(group, form: OfferForm, status: int = 200):  # noqa: ANN001, ANN202
    return section("people.html", group, "people", status, form=form, people=people_admin.people_with_roles(group),
                   offers=people_admin.offers(group), leaders=people_admin.leader_count(group),
                   item_form=ItemForm())  # fmt: skip


@bp.route("/groups/<slug>/settings/people", methods=["GET", "POST"])
@login_required
def people(slug: str):  # noqa: ANN201
    """Leaders and moderators; offer a role to a member."""
    group = load_led_group(slug)
    form = OfferForm()
    if form.validate_on_submit():
        try:
            offer = people_admin.offer_role(current_user, group, form.handle.data, form.role.data)
        except ServiceError as err:
            apply_error(form, err)
        else:
            flash(
                f"{offer.user.handle} has been offered the {offer.role} role; it starts when they accept.",
                "info",
            )
            return redirect(url_for("leaders.people", slug=slug))
    return _people_page(group, form, failed(form))


@bp.route("/groups/<slug>/settings/people/remove", methods=["POST"])
@login_required
def remove_role(slug: str):  # noqa: ANN201
    """Make a moderator or leader an ordinary member again."""
    group = load_led_group(slug)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            people_admin.remove_role(current_user, group, form.item_id.data)
        except ServiceError as err:
            flash_error(err)
            return _people_page(group, OfferForm(formdata=None), err.status)
        if _is_self(form.item_id.data):
            # A leader who stepped down may no longer open the settings: send them to the group page.
            flash(STEPPED_DOWN, "info")
            return redirect(url_for("groups.show", slug=slug))
        flash("The role was removed.", "info")
    return redirect(url_for("leaders.people", slug=slug))


def _is_self(user_id: object) -> bool:
    try:
        return int(user_id) == current_user.id
    except (TypeError, ValueError):
        return False


@bp.route("/groups/<slug>/settings/people/withdraw", methods=["POST"])
@login_required
def withdraw_offer(slug: str):  # noqa: ANN201
    """Take back an unanswered role offer."""
    group = load_led_group(slug)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            people_admin.withdraw_offer(current_user, group, form.item_id.data)
            flash("The offer was withdrawn.", "info")
        except ServiceError as err:
            flash_error(err)
    return redirect(url_for("leaders.people", slug=slug))


@bp.route("/groups/<slug>/step-down", methods=["POST"])
@login_required
def step_down(slug: str):  # noqa: ANN201
    """Give up your own role (moderator or leader); the last leader can't."""
    try:
        group = groups_svc.get_group(slug, current_user)
    except ServiceError as err:
        return abort_for(err)
    if ItemForm().validate_on_submit():
        try:
            people_admin.remove_role(current_user, group, current_user.id)
            flash(STEPPED_DOWN, "info")
        except ServiceError as err:
            flash(err.message, "error")
    return redirect(url_for("groups.show", slug=slug))


@bp.route("/groups/<slug>/role-offer", methods=["GET", "POST"])
@login_required
def role_offer(slug: str):  # noqa: ANN201
    """A member sees a role offer and accepts or declines it."""
    try:
        group = groups_svc.get_group(slug, current_user)
    except ServiceError as err:
        return abort_for(err)
    offer = people_admin.offer_for(current_user, group)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            role = people_admin.answer_offer(current_user, group, accept=form.item_id.data == "accept")
        except ServiceError as err:
            flash(err.message, "error")
            return redirect(url_for("groups.show", slug=slug))
        flash(f"You are now a {role} of {group.name}." if role else "You declined the offer.", "info")
        return redirect(url_for("groups.show", slug=slug))
    if offer is None:
        flash("There is no role offer waiting for you in this group.", "info")
        return redirect(url_for("groups.show", slug=slug))
    # A void offer is shown as such, with only the way to dismiss it (accepting it would be refused).
    void = "" if perm.offer_stands(offer) else people_admin.void_offer_message(offer)
    return render_template("leaders/offer.html", group=group, offer=offer, form=form, void=void)
