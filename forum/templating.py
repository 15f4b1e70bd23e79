"""Template globals: permission predicates, the crisis card, small filters."""

from __future__ import annotations

import re
from datetime import datetime
from types import ModuleType

from flask import Flask, session
from flask_login import current_user
from markupsafe import Markup

from models.user import handle_of

from .moderation.policy import CRISIS_TITLE, HELPER_STEPS, HELPER_TITLE
from .services import notifications
from .services.resources import resources_for
from .services.settings_rules import open_hours_text


def init_app(app: Flask, permissions: ModuleType) -> None:
    """Expose predicates as `perm.<name>`, the crisis card and the filters to every template."""

    @app.context_processor
    def _globals() -> dict:
        return {"perm": permissions, "crisis_card": _pop_crisis_card}

    app.add_template_filter(_timeago, "timeago")
    app.add_template_filter(_isodate, "isodate")
    app.add_template_filter(_tel, "tel")
    app.add_template_filter(setting_text, "setting_text")
    app.add_template_filter(
        handle_of, "handle"
    )  # {{ post.author|handle }}: "a former member" once they are gone


def setting_text(value: object, key: str = "") -> str:
    """A recorded setting as a person would write it: open hours as lines, lists and pairs without brackets."""
    if key == "chat_open_hours" and isinstance(value, list):
        return open_hours_text(value).replace("\n", "; ") or "always open"
    if isinstance(value, list):
        return ", ".join(setting_text(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {setting_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "on" if value else "off"
    return "" if value is None else str(value)


def _pop_crisis_card() -> dict | None:
    """The private resource card for a member at risk, shown once: after their own post, or after a report."""
    card = session.pop("crisis_card", None)
    if not card and current_user.is_authenticated:
        pending = notifications.unread(current_user, kind="resources")
        if pending:
            notifications.mark_read(current_user, [n.id for n in pending])
            card = {"message": pending[0].message, "topic": pending[0].data.get("topic"), "reported": True}
    if not card:
        return None
    region = current_user.region if current_user.is_authenticated else "INTL"
    helper = bool(card.get("helper"))
    return {"message": card.get("message") or "", "reported": bool(card.get("reported")), "helper": helper,
            "title": HELPER_TITLE if helper else CRISIS_TITLE,
            "steps": HELPER_STEPS if helper else (), "resources": resources_for(region, card.get("topic"))}  # fmt: skip


def _tel(phone: str | None) -> str:
    """A tel: link for a single dialable number; empty for text such as "112 / 911 / 999"."""
    digits = (phone or "").replace(" ", "").replace("-", "")
    return f"tel:{digits}" if re.fullmatch(r"\+?[0-9]{3,15}", digits) else ""


def _isodate(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _timeago(value: datetime | None) -> Markup | str:
    """'3 hours ago' in a <time> element that carries the exact time."""
    if value is None:
        return ""
    from models import utcnow

    seconds = int((utcnow() - value).total_seconds())
    for unit, size in (
        ("year", 31_536_000),
        ("month", 2_592_000),
        ("day", 86_400),
        ("hour", 3600),
        ("minute", 60),
    ):
        if seconds >= size:
            n = seconds // size
            text = f"{n} {unit}{'s' if n != 1 else ''} ago"
            break
    else:
        text = "just now"
    return Markup('<time datetime="{}" title="{}">{}</time>').format(
        value.isoformat(), value.strftime("%Y-%m-%d %H:%M UTC"), text
    )
