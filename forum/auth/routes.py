"""Sign-up, login, logout, password recovery and account deletion."""

from __future__ import annotations

import time

from flask import Blueprint, flash, make_response, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from models import User, db

from ..events import sessions_ended
from ..extensions import limiter, login_manager, member_key
from ..services import account_deletion, accounts
from ..services.errors import ValidationError
from ..views import apply_error, safe_next
from .forms import ChangePasswordForm, ConfirmForm, DeleteAccountForm, LoginForm, ResetForm, SignupForm

bp = Blueprint("auth", __name__, url_prefix="/auth")
# A suspended member who gave their password may still reach the deletion page (and nothing else) for this long.
LEAVING_KEY, LEAVING_SECONDS = "suspended_may_delete", 30 * 60


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("5 per hour; 20 per day", methods=["POST"])
def signup():  # noqa: ANN201
    """Create a pseudonymous account and show its recovery codes once."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user, codes = accounts.register(
                form.handle.data, form.password.data, form.email.data, form.region.data
            )
        except ValidationError as err:
            apply_error(form, err)
        else:
            _log_in(user, remember=False)
            return _show_codes(codes)
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


def _show_codes(codes: list[str]):  # noqa: ANN202
    # Shown in the response that made them: they never travel in the (signed, not encrypted) session cookie,
    # and no cache keeps them.
    resp = make_response(render_template("auth/codes.html", codes=codes))
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/codes")
@login_required
def codes():  # noqa: ANN201
    """Codes are shown once, when made; this old address leads to the settings."""
    return redirect(url_for("main.settings"))


@bp.route("/codes/new", methods=["POST"])
@login_required
def new_codes():  # noqa: ANN201
    """Replace the recovery codes."""
    if ConfirmForm().validate_on_submit():
        return _show_codes(accounts.regenerate_recovery_codes(current_user))
    flash("That request was not valid. Please try again.", "error")
    return redirect(url_for("main.settings"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit("5 per minute; 20 per hour", key_func=member_key, methods=["POST"])
def change_password():  # noqa: ANN201
    """Change your password (current one first); every other login session ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.password.data)
        except ValidationError as err:
            apply_error(form, err)
        else:
            # Sockets of every session close; this browser's reconnect at once with its still-valid session.
            sessions_ended.send(current_user._get_current_object(), token=None)
            flash("Your password is changed. You were logged out on your other devices.", "info")
            return redirect(url_for("main.settings"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200


def _let_suspended_member_leave(user: User) -> None:
    """Leaving is a right: remember, in this browser only, that a suspended member proved who they are."""
    session[LEAVING_KEY] = {"user_id": user.id, "until": int(time.time()) + LEAVING_SECONDS}


def _suspended_leaver() -> User | None:
    """The suspended member this browser proved to be, lately (no login session: the deletion page only)."""
    marker = session.get(LEAVING_KEY)
    if (
        not isinstance(marker, dict)
        or not isinstance(marker.get("until"), int)
        or marker["until"] < time.time()
    ):
        return None
    user = db.session.get(User, marker.get("user_id")) if isinstance(marker.get("user_id"), int) else None
    # Once the suspension ends they log in as usual; a deleted account has nothing left to delete.
    return user if user is not None and user.deleted_at is None and user.is_suspended else None


@bp.route("/delete", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", key_func=member_key, methods=["POST"])
def delete_account():  # noqa: ANN201
    """Delete your account (password and confirmation first); you are logged out everywhere.

    Logged in, or suspended: a suspension ends every login session, and must not keep anyone from leaving.
    """
    me = current_user._get_current_object() if current_user.is_authenticated else _suspended_leaver()
    if me is None:
        return login_manager.unauthorized()
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            account_deletion.delete_account(me, form.password.data, form.writing.data)
        except ValidationError as err:
            apply_error(form, err)
        else:
            logout_user()
            session.clear()
            # Read once by the next page, so it confirms a deletion that happened, to the browser that asked.
            session["account_deleted"] = form.writing.data
            return redirect(url_for("auth.deleted"))
    return render_template("auth/delete.html", form=form, outlook=account_deletion.outlook(me),
                           suspended=me.is_suspended), 400 if form.errors or form.form_errors else 200  # fmt: skip


@bp.route("/deleted")
def deleted():  # noqa: ANN201
    """The page after a deletion: what happened, and where help is."""
    writing = session.pop("account_deleted", None)
    if writing not in account_deletion.CHOICES or current_user.is_authenticated:
        return redirect(url_for("main.index"))
    return render_template("auth/deleted.html", erased=writing == "erase")


def _login_account_key() -> str:
    return "login:" + accounts.handle_key(request.form.get("handle") or "")[:64]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 60 per hour", methods=["POST"])
# Per account too, against guessing one password from many addresses; loose, so others can't lock a member out long.
@limiter.limit("30 per hour", key_func=_login_account_key, methods=["POST"])
def login():  # noqa: ANN201
    """Log in; the message never says which of handle or password was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.handle.data, form.password.data)
        if user is None or not user.is_active:
            if user is None or user.deleted_at:
                flash("That handle and password don't match an account.", "error")
                return render_template("auth/login.html", form=form), 400
            _let_suspended_member_leave(user)
            return render_template("auth/login.html", form=form, suspended_until=user.suspended_until), 400
        _log_in(user, remember=form.remember.data)
        return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


def _log_in(user: accounts.User, remember: bool) -> None:
    # A new session identifier at login: drop everything the anonymous session held.
    session.clear()
    accounts.start_session(user, remember=remember)
    login_user(user, remember=remember)


@bp.route("/logout", methods=["POST"])
def logout():  # noqa: ANN201
    """End this login session for good: a copied cookie stops working too."""
    if ConfirmForm().validate_on_submit() and current_user.is_authenticated:
        token = current_user.session_token
        user = current_user._get_current_object()
        accounts.end_session(token)
        logout_user()
        session.clear()
        sessions_ended.send(user, token=token)
        flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
def reset():  # noqa: ANN201
    """Set a new password with one recovery code."""
    form = ResetForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(form.handle.data, form.code.data, form.password.data)
        except ValidationError as err:
            apply_error(form, err)
        else:
            flash("Your password is changed and you were logged out everywhere. Please log in.", "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 400 if form.errors else 200
