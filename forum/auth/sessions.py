"""Flask-Login wiring: the cookie carries a login-session token that logout deletes."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, request
from flask_login import current_user

from ..extensions import login_manager
from ..services import accounts


def init_login(app: Flask) -> None:
    """Configure the login manager and its loader."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to continue."
    login_manager.login_message_category = "info"
    # "strong" drops the session when the browser fingerprint changes mid-session.
    login_manager.session_protection = "strong"
    # The remember-me cookie lives as long as the server-side session it names (not Flask-Login's 365 days).
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=app.config["LOGIN_SESSION_DAYS"])

    @app.before_request
    def _seen() -> None:
        # "Moderators on duty" counts those seen lately; a write at most once a minute per member.
        if request.endpoint != "static" and current_user.is_authenticated:
            from ..services.groups import touch

            touch(current_user._get_current_object())

    @login_manager.user_loader
    def _load(token: str):  # noqa: ANN202
        return accounts.load_session(token)
