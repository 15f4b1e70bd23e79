"""The chat page of a group; everything live happens over Socket.IO (events.py)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from .. import permissions as perm
from ..services import chat as chat_svc
from ..services import groups as groups_svc
from ..services.errors import PermissionDenied, ServiceError
from ..services.reports import REPORT_TYPES
from ..views import abort_for

bp = Blueprint("chat", __name__)


@bp.route("/groups/<slug>/chat")
@login_required
def room(slug: str):  # noqa: ANN201
    """The live room: welcome message, history (loaded by the socket), posting controls when allowed."""
    try:
        group = groups_svc.get_group(slug, current_user)
        if not perm.can_view(current_user, group):
            raise PermissionDenied("Only members can read this group's chat.")
    except ServiceError as err:
        return abort_for(err)
    return render_template("chat/room.html", group=group, status=chat_svc.chat_status(group),
                           max_chars=chat_svc.MAX_CHARS, flag_types=REPORT_TYPES)  # fmt: skip
