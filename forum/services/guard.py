"""Permission checks in services: once before the work, and again under the write lock before writing.

A check made when the request began can be stale by the time the write lock is ours: screening takes a moment,
and a writer may have queued behind another. A moderator's ban or mute, a leader's demotion, or a member leaving
commits meanwhile; the write must then be refused, as the first check would have refused it.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import permissions as perm
from ..database import in_write_transaction
from .errors import PermissionDenied


def require(allowed: bool, refusal: str) -> None:
    """Raise PermissionDenied(refusal) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(refusal)


def require_still(allowed: Callable[[], bool], refusal: str) -> None:
    """Ask a permission predicate again inside the write transaction, from the database; refuse as before if not."""
    if not in_write_transaction():
        # Outside the lock the answer could go stale again before the write: a programming error, not a refusal.
        raise RuntimeError("require_still() belongs inside write_transaction()")
    # write_transaction() ended the request's read transaction, so loaded rows (the user's flags among them)
    # reload. The request's membership cache does not: it may hold None for a row added since, or a row
    # deleted since (a leader who left), which would fail to reload. Forget it all; predicates read afresh.
    perm.forget_memberships()
    require(allowed(), refusal)
