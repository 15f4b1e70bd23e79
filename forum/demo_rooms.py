"""Demo room life: rules, welcome messages, weekly meetings, pinned links and some chat, so rooms feel lived in."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from models import ChatMessage, Group, Meeting, PinnedResource, User, db, utcnow

from .content import render_markdown

# slug: (rules, welcome)
ROOM_TEXTS = {
    "alcohol-recovery": (
        "1. What is said here stays here.\n2. Speak from your own experience; no lectures.\n"
        "3. No descriptions of how much you drank.\n4. Slips are met with support, never judgement.",
        "Welcome. However many days you have, you belong here. Say hello in chat or start a thread when ready.",
    ),
    "depression-support": (
        "1. Be kind; everyone here is carrying something.\n2. No advice unless someone asks for it.\n"
        "3. Use a content warning for anything heavy.\n4. If you are in danger, use **Need help now?** below.",
        "Hello and welcome. You don't have to say anything until you want to; reading is joining too.",
    ),
    "ed-recovery": (
        "1. No numbers: weights, calories, sizes or exercise amounts.\n2. No before/after talk or body checking.\n"
        "3. Recovery-focused: no tips for restricting.\n4. Be gentle with each other and yourself.",
        "Welcome. This room keeps numbers out so that everyone can recover here safely.",
    ),
}
# slug: (title, weekday 0=Mon, hour, time zone, description)
MEETINGS = [
    ("alcohol-recovery", "Evening check-in", 1, 19, "Europe/London", "Share your week, or just listen."),
    (
        "depression-support",
        "Thursday circle",
        3,
        20,
        "Europe/London",
        "A gentle hour together in the live chat.",
    ),
    (
        "ed-recovery",
        "Sunday meal support",
        6,
        18,
        "Europe/London",
        "Company before and after the evening meal.",
    ),
]
PINNED = [
    ("alcohol-recovery", "Alcoholics Anonymous (Great Britain)", "https://www.alcoholics-anonymous.org.uk/",
     "Find an in-person or online meeting."),
    ("depression-support", "Mind: understanding depression", "https://www.mind.org.uk/",
     "Plain-language information and where to get help."),
    ("ed-recovery", "Beat: eating disorder support", "https://www.beateatingdisorders.org.uk/",
     "Helplines and support groups across the UK."),
]  # fmt: skip
# slug: [(author, text, minutes ago)]
CHAT = {
    "depression-support": [
        ("slow_tide", "evening all, how's everyone holding up today?", 95),
        ("new_leaf", "bit flat but ok. managed a walk at lunch", 92),
        ("morning_fern", "a walk counts! that's a good thing to have done", 90),
        ("lantern_keeper", "same here, low energy day. glad this room exists tbh", 60),
    ],
    "alcohol-recovery": [
        ("new_leaf", "day 4. the evenings are loud", 40),
        ("lantern_keeper", "day 4 is real progress. what helps you get through the evening?", 38),
        ("new_leaf", "tea and this chat, honestly", 35),
    ],
}


def seed_room_life(groups: dict[str, Group], users: dict[str, User]) -> None:
    """Add rules, welcomes, meetings, pinned links and chat to a few demo rooms."""
    for slug, (rules, welcome) in ROOM_TEXTS.items():
        group = groups[slug]
        group.rules_source, group.rules_html = rules, render_markdown(rules)
        group.welcome_source, group.welcome_html = welcome, render_markdown(welcome)
    for slug, title, weekday, hour, zone, description in MEETINGS:
        db.session.add(Meeting(group=groups[slug], title=title, description=description,
                               local_start=_past_weekday(weekday, hour), timezone=zone, duration_minutes=60,
                               recurrence="weekly"))  # fmt: skip
    for position, (slug, title, url, note) in enumerate(PINNED):
        db.session.add(PinnedResource(group_id=groups[slug].id, title=title, url=url, note=note,
                                      position=position))  # fmt: skip
    now = utcnow()
    for slug, lines in CHAT.items():
        for n, (author, text, minutes) in enumerate(lines):
            db.session.add(ChatMessage(group_id=groups[slug].id, author_id=users[author].id, source=text,
                                       html=render_markdown(text), client_key=f"demo-{slug}-{n}",
                                       created_at=now - timedelta(minutes=minutes)))  # fmt: skip


def _past_weekday(weekday: int, hour: int) -> datetime:
    """A wall-clock start on that weekday a few weeks back, so the weekly series is already running."""
    day = utcnow().date() - timedelta(days=21)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return datetime.combine(day, time(hour, 0))
