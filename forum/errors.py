"""Error pages: every error a user can cause gets a clear page, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from werkzeug.exceptions import HTTPException

from models import db

from .database import is_busy

log = logging.getLogger("forum")

TITLES = {
    400: "That request was not understood",
    403: "You can't do that here",
    404: "Nothing here",
    405: "That is not allowed",
    409: "That changed meanwhile",
    413: "That was too large",
    429: "Slow down a little",
    500: "Something went wrong on our side",
    503: "Very busy just now",
}
CHANGED_MEANWHILE = (
    "Someone else changed or removed this at the same moment (or the form was sent twice). "
    "Please reload the page to see where it stands."
)
BUSY = "Many people are writing at this moment and yours could not be saved. Please wait a few seconds and send it again."


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def _csrf(err: CSRFError):  # noqa: ANN202
        message = (
            "Your form expired or came from another site. Please go back, reload the page and try again."
        )
        return render_template("errors/error.html", code=400, title=TITLES[400], message=message), 400

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):  # noqa: ANN202
        code = err.code or 500
        message = err.description if code in (403, 404) and err.description else None
        if code == 429:
            # Never the limiter's own words ("6 per 1 minute").
            message = "You're sending things quickly. Please wait a minute, then try again."
        return render_template("errors/error.html", code=code, title=TITLES.get(code, err.name),
                               message=message), code  # fmt: skip

    @app.errorhandler(StaleDataError)
    @app.errorhandler(ObjectDeletedError)
    def _changed_meanwhile(err: Exception):  # noqa: ANN202
        # Two requests updated or deleted one row at once (a double click, two leaders on one page): the later
        # found it gone or changed. A conflict, not a server fault; write_transaction rolled its writes back.
        db.session.rollback()  # the page below may read: leave no failed flush behind
        log.info("concurrent change: %s", type(err).__name__)
        page = render_template("errors/error.html", code=409, title=TITLES[409], message=CHANGED_MEANWHILE)
        return page, 409

    @app.errorhandler(OperationalError)
    def _database(err: OperationalError):  # noqa: ANN202
        if not is_busy(err):
            return _unexpected(err)
        # A writer held the write lock past the wait: nothing was saved; the member may simply send again.
        db.session.rollback()
        log.warning("write lock wait timed out")
        page = render_template("errors/error.html", code=503, title=TITLES[503], message=BUSY)
        return page, 503, {"Retry-After": "5"}

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):  # noqa: ANN202
        # Log the type and place only: request bodies may hold a member's words or a password.
        log.exception("unhandled %s", type(err).__name__)
        return render_template("errors/error.html", code=500, title=TITLES[500], message=None), 500
