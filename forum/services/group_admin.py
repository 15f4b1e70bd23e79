"""Leaders configure their room: about, access, moderation, chat, course dates; and members create rooms.

Every change is validated first (nothing changes on a bad value) and recorded in the change log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from models import Category, Group, GroupSettings, Membership, User, db

from .. import permissions as perm
from ..content import render_markdown
from ..database import write_transaction
from ..demo import default_settings
from ..lookalike import key_base, name_key
from . import settings_rules as rules
from .errors import ValidationError
from .guard import require, require_still
from .screening import screen_all
from .settings_log import record, record_changes

NAME_MIN, NAME_MAX = 3, 80
DESCRIPTION_MAX, RULES_MAX, WELCOME_MAX = 500, 5000, 2000
RESERVED_SLUGS = frozenset({"new"})  # /groups/new is the create-a-group page


NAME_TAKEN = "There is already a group with that name (or one too close to it). Please choose another."
LEADERS_ONLY = "Only this group's leaders can change its settings."
NOT_YET_A_FOUNDER = "You can create a group once you've taken part for a while."


def require_lead(user: object, group: Group) -> None:
    """Raise PermissionDenied unless the user leads the group (or is a site admin)."""
    require(perm.can_lead(user, group), LEADERS_ONLY)


def require_lead_still(user: object, group: Group) -> None:
    """require_lead again under the write lock: a leader demoted, banned or gone meanwhile changes nothing."""
    require_still(lambda: perm.can_lead(user, group), LEADERS_ONLY)


def screen_room_text(author: User, group: Group | None, texts: dict[str, str]) -> None:
    """Room texts everyone sees go through moderation; held or rejected text is refused on its own field."""
    for name, text in texts.items():
        verdict = screen_all({name: (text, "room_text")}, group, author)
        if verdict.action in ("hold", "reject"):
            raise ValidationError(
                verdict.author_message or "This text can't be used here. Please rephrase it.", name
            )


def _category(category_id: object) -> Category:
    try:
        cat = db.session.get(Category, int(category_id))
    except (TypeError, ValueError):
        cat = None
    if cat is None:
        raise ValidationError("Choose a category from the list.", "category_id")
    return cat


def _about_snapshot(group: Group) -> dict:
    return {"name": group.name, "description": group.description, "rules": group.rules_source,
            "welcome": group.welcome_source, "category_id": group.category_id}  # fmt: skip


def update_about(
    actor: User, group: Group, name: str, description: str, rules_text: str, welcome: str, category_id: object
) -> bool:
    """Name, description, rules and welcome message (Markdown), and category; returns whether anything changed."""  # fmt: skip
    require_lead(actor, group)
    new = {
        "name": rules.check_text(" ".join((name or "").split()), "name", "A name", NAME_MIN, NAME_MAX),
        "description": rules.check_text(description, "description", "The description", 0, DESCRIPTION_MAX),
        "rules": rules.check_text(rules_text, "rules", "The rules", 0, RULES_MAX),
        "welcome": rules.check_text(welcome, "welcome", "The welcome message", 0, WELCOME_MAX),
        "category_id": _category(category_id).id,
    }
    screen_room_text(actor, group, {k: new[k] for k in ("name", "description", "rules", "welcome")})
    with _name_refused_by_the_index(), write_transaction():
        require_lead_still(actor, group)
        before = _about_snapshot(
            group
        )  # under the write lock: what the group is now, not when the form loaded
        key = name_key(new["name"])
        if key != key_base(group.name_key):
            # Only a new name must be free: groups that shared a name before names were unique keep saving (and
            # their "~<id>" key), and a change of case or spacing ("Grief Support" -> "grief support") is still
            # the group's own name.
            _check_name_free(key, group)
            group.name_key = key
        group.name, group.description, group.category_id = new["name"], new["description"], new["category_id"]
        group.rules_source, group.rules_html = new["rules"], render_markdown(new["rules"])
        group.welcome_source, group.welcome_html = new["welcome"], render_markdown(new["welcome"])
        return record_changes(actor, group, "settings.about", before, new)


def update_access(actor: User, group: Group, visibility: str, joining: str) -> bool:
    """Who sees the room and how people join it."""
    require_lead(actor, group)
    new = {
        "visibility": rules.check_choice(
            visibility, ("public", "members", "unlisted"), "visibility", "visibility"
        ),
        "joining": rules.check_choice(joining, ("open", "request", "invite"), "joining", "way of joining"),
    }
    with write_transaction():
        require_lead_still(actor, group)
        before = {"visibility": group.visibility, "joining": group.joining}
        group.visibility, group.joining = new["visibility"], new["joining"]
        return record_changes(actor, group, "settings.access", before, new)


def settings_of(group: Group) -> GroupSettings:
    """The group's settings row, created with its category's defaults if it is missing (joins a caller's write)."""
    if group.settings is None:
        with write_transaction():
            # Again under the write lock (the row reloads): two leaders saving at once must not both insert it.
            db.session.refresh(group)
            if group.settings is None:
                group.settings = default_settings(group.topic)
    return group.settings


def _moderation_snapshot(s: object) -> dict:
    return {"premoderation": s.premoderation, "numbers_rule": bool(s.numbers_rule),
            "strictness": dict(s.strictness or {}), "watched_words": list(s.watched_words or []),
            "required_cw_topics": list(s.required_cw_topics or [])}  # fmt: skip


def update_moderation(
    actor: User,
    group: Group,
    premoderation: str,
    numbers_rule: bool,
    strictness: dict,
    watched_words: list,
    required_cw_topics: list,
) -> bool:
    """Pre-moderation, the numbers rule, strictness per category, watched words and required content warnings."""  # fmt: skip
    require_lead(actor, group)
    new = {
        "premoderation": rules.check_choice(
            premoderation, rules.PREMODERATION, "premoderation", "pre-moderation"
        ),
        "numbers_rule": bool(numbers_rule),
        "strictness": rules.check_strictness(strictness),
        "watched_words": rules.check_watched_words(watched_words),
        "required_cw_topics": rules.check_topics(required_cw_topics),
    }
    with write_transaction():
        require_lead_still(actor, group)
        s = settings_of(group)
        before = _moderation_snapshot(s)
        for key, value in new.items():
            setattr(s, key, value)
        return record_changes(actor, group, "settings.moderation", before, new)


def update_chat(
    actor: User,
    group: Group,
    slow_mode_seconds: object,
    open_hours: list,
    meetings_only: bool,
    read_only: bool,
) -> bool:
    """Chat slow mode, open hours, open only during meetings, read-only (the chat enforces them)."""  # fmt: skip
    require_lead(actor, group)
    new = {
        "slow_mode_seconds": rules.check_slow_mode(slow_mode_seconds),
        "chat_open_hours": rules.check_open_hours(open_hours),
        "chat_meetings_only": bool(meetings_only),
        "chat_read_only": bool(read_only),
    }
    with write_transaction():
        require_lead_still(actor, group)
        s = settings_of(group)
        before = {k: getattr(s, k) for k in new}
        for key, value in new.items():
            setattr(s, key, value)
        return record_changes(actor, group, "settings.chat", before, new)


def update_course(
    actor: User, group: Group, timezone: str, starts_on: date | None, ends_on: date | None
) -> bool:
    """The room's time zone (for open hours and new meetings) and, for a time-limited course, its dates."""
    require_lead(actor, group)
    _course_values(group.settings, timezone, starts_on, ends_on)
    with write_transaction():
        require_lead_still(actor, group)
        s = settings_of(group)
        # Again under the write lock: which dates the leader changed depends on what is stored now.
        new = _course_values(s, timezone, starts_on, ends_on)
        before = {k: getattr(s, k) for k in new}
        s.timezone, s.starts_on, s.ends_on = new["timezone"], new["starts_on"], new["ends_on"]
        return record_changes(actor, group, "settings.course", before, new)


def _course_values(
    stored: GroupSettings | None, timezone: str, starts_on: date | None, ends_on: date | None
) -> dict:
    """The checked course settings; a zone or date left as it was in `stored` is kept, however old."""
    new = {
        "timezone": rules.check_timezone(timezone, stored=stored.timezone if stored else None),
        "starts_on": rules.check_changed_date(
            starts_on, stored.starts_on if stored else None, "starts_on", "The first day"
        ),
        "ends_on": rules.check_changed_date(
            ends_on, stored.ends_on if stored else None, "ends_on", "The last day"
        ),
    }
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError("The course can't end before it starts.", "ends_on")
    return new


def slugify(name: str) -> str:
    """A URL slug from a name: ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or "group"


def unique_slug(name: str) -> str:
    """The name's slug, with -2, -3 ... added when taken (or reserved)."""
    base = slugify(name)
    taken = set(db.session.scalars(select(Group.slug).where(Group.slug.like(f"{base}%"))))
    slug, n = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_name_free(key: str, group: Group | None = None) -> None:
    """Refuse a name key another group has (call under the write lock, so two creators cannot both pass)."""
    # A "~<id>" key is a room that shared this name before keys existed: it still shows the name, so it counts.
    same = or_(Group.name_key == key, Group.name_key.startswith(key + "~", autoescape=True))
    query = select(func.count(Group.id)).where(same)
    if group is not None:
        query = query.where(Group.id != group.id)
    if db.session.scalar(query):
        raise ValidationError(NAME_TAKEN, "name")


@contextmanager
def _name_refused_by_the_index() -> Iterator[None]:
    """The unique index on group.name_key refusing a write gives the form's message, not a server error."""
    # The check above runs under the write lock, so this is for a writer that got past it (another deployment
    # sharing the database, a script): the database still has the last word, and the member a clear answer.
    try:
        yield
    except IntegrityError as err:
        if "name_key" not in str(err.orig):
            raise
        raise ValidationError(NAME_TAKEN, "name") from err


def create_group(
    creator: User, name: str, description: str, category_id: object, visibility: str, joining: str
) -> Group:
    """A new room led by its creator, with defaults from its category (e.g. the numbers rule for ED rooms)."""  # fmt: skip
    require(perm.can_create_group(creator), NOT_YET_A_FOUNDER)
    name = rules.check_text(" ".join((name or "").split()), "name", "A name", NAME_MIN, NAME_MAX)
    description = rules.check_text(description, "description", "The description", 0, DESCRIPTION_MAX)
    cat = _category(category_id)
    visibility = rules.check_choice(visibility, ("public", "members", "unlisted"), "visibility", "visibility")
    joining = rules.check_choice(joining, ("open", "request", "invite"), "joining", "way of joining")
    screen_room_text(creator, None, {"name": name, "description": description})
    with _name_refused_by_the_index(), write_transaction():
        require_still(lambda: perm.can_create_group(creator), NOT_YET_A_FOUNDER)  # suspended meanwhile?
        _check_name_free(name_key(name))
        group = Group(slug=unique_slug(name), name=name, name_key=name_key(name), description=description,
                      category=cat, visibility=visibility, joining=joining, created_by_id=creator.id,
                      settings=default_settings(cat.topic))  # fmt: skip
        db.session.add(group)
        db.session.add(Membership(user_id=creator.id, group=group, role="leader", state="active"))
        db.session.flush()
        record(creator, group, "group.create", {}, {"name": name, "slug": group.slug, "category": cat.slug,
                                                      "visibility": visibility, "joining": joining})  # fmt: skip
    return group
