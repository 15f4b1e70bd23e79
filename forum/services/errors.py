"""A small hierarchy of service errors; views turn them into messages, socket handlers into error events."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: `message` is safe to show to the user."""

    status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(ServiceError):
    """The input is not acceptable; nothing was changed."""


class PermissionDenied(ServiceError):
    """The user may not do this."""

    status = 403


class NotFound(ServiceError):
    """The thing does not exist, or does not exist for this user."""

    status = 404


class Conflict(ServiceError):
    """Somebody else changed the thing first."""

    status = 409


class RateLimited(ServiceError):
    """Too many actions in a short time; `retry_after` seconds to wait."""

    status = 429

    def __init__(self, message: str, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
