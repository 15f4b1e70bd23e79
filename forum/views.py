"""Small helpers shared by the blueprints' views."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, request
from flask_wtf import FlaskForm

from .services.errors import PermissionDenied, ServiceError


def refuse_if_forbidden(err: ServiceError) -> None:
    """A refusal is no form error: show the 403 page with its message, as the view's own check would have."""
    # A service re-checks permissions under the write lock; a role lost since the view checked ends here,
    # not on a re-rendered form that only its holders should see.
    if isinstance(err, PermissionDenied):
        abort(403, description=err.message)


def flash_error(err: ServiceError) -> None:
    """Flash a service error for the page redirected to (a refusal gets the 403 page)."""
    refuse_if_forbidden(err)
    flash(err.message, "error")


def apply_error(form: FlaskForm, err: ServiceError) -> None:
    """Show a service error on its field, or as a form-level message (a refusal gets the 403 page)."""
    refuse_if_forbidden(err)
    field = getattr(form, err.field, None) if err.field else None
    if field is not None:
        field.errors = [*list(field.errors or []), err.message]
    else:
        form.form_errors.append(err.message)


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths may be redirect targets."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def page_arg() -> int:
    """The ?page= argument as a positive int (bad values mean page 1)."""
    try:
        page = int(request.args.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return max(1, min(page, 100_000))


def abort_for(err: ServiceError) -> None:
    """Turn a NotFound/PermissionDenied into an HTTP error page; others into a flash message."""
    if err.status in (403, 404):
        abort(err.status, description=err.message)
    flash(err.message, "error")
