"""Seeding: the catalogue and crisis resources on any new site, and demo members and threads for a newcomer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from models import Category, CrisisResource, Group, GroupSettings, Membership, Post, Thread, User, db, utcnow

from .content import render_markdown
from .database import write_transaction
from .demo_rooms import seed_room_life
from .lookalike import name_key, skeleton
from .moderation.types import RoomRules
from .seed_data import CATEGORIES, CRISIS_RESOURCES, GROUPS
from .services.accounts import handle_key, hash_password

DEMO_PASSWORD = "hearth-demo-passphrase"
# (handle, admin, site moderator, trust level)
DEMO_USERS = [
    ("river_admin", True, True, 4),
    ("quiet_harbour", False, True, 3),
    ("lantern_keeper", False, False, 3),
    ("morning_fern", False, False, 2),
    ("slow_tide", False, False, 1),
    ("new_leaf", False, False, 0),
]
# (group slug, handle, role)
DEMO_ROLES = [
    ("alcohol-recovery", "lantern_keeper", "leader"), ("alcohol-recovery", "morning_fern", "leader"),
    ("alcohol-recovery", "quiet_harbour", "moderator"), ("alcohol-recovery", "slow_tide", "member"),
    ("alcohol-recovery", "new_leaf", "member"),
    ("depression-support", "morning_fern", "leader"), ("depression-support", "slow_tide", "moderator"),
    ("depression-support", "new_leaf", "member"), ("depression-support", "lantern_keeper", "member"),
    ("ed-recovery", "quiet_harbour", "leader"), ("ed-recovery", "morning_fern", "moderator"),
    ("ed-recovery", "slow_tide", "member"),
    ("loss-of-a-parent", "lantern_keeper", "leader"), ("loss-of-a-parent", "new_leaf", "member"),
    ("chronic-pain", "slow_tide", "leader"), ("chronic-pain", "morning_fern", "member"),
    ("domestic-abuse-survivors", "quiet_harbour", "leader"),
    ("new-parents", "morning_fern", "leader"),
]  # fmt: skip
# (group slug, author, title, first post, [(author, reply)], hours ago)
DEMO_THREADS = [
    ("alcohol-recovery", "slow_tide", "Day 30 today",
     "Thirty days without a drink. The evenings are still the hardest part, but I went to a meeting last night "
     "and it helped to hear I'm not the only one who misses the ritual more than the wine.",
     [("lantern_keeper", "That's huge, well done. For me the evenings got easier around month three. "
       "Tea in a wine glass sounds silly but it worked."),
      ("new_leaf", "Congratulations! Reading this on my day 4.")], 5),
    ("alcohol-recovery", "new_leaf", "How do you handle work drinks?",
     "Team night out on Friday and everyone will be drinking. Do I go? Do I tell people?",
     [("morning_fern", "I go for the first hour with a soft drink and leave before it gets messy. "
       "You don't owe anyone an explanation.")], 30),
    ("depression-support", "lantern_keeper", "Small wins thread",
     "Post one small thing you managed today, however small. I'll start: I opened the curtains and ate breakfast.",
     [("new_leaf", "Showered and answered one email."),
      ("morning_fern", "Walked round the block. First time this week.")], 2),
    ("depression-support", "new_leaf", "Does anyone else feel flat rather than sad?",
     "People expect depression to look like crying. Mine is more like everything is grey and far away. "
     "Seeing my GP on Thursday to talk about it.",
     [("slow_tide", "Yes, exactly this. Naming it to my GP was the first step for me. Good luck on Thursday.")], 20),
    ("ed-recovery", "slow_tide", "Meal plan wobbles",
     "The ED voice was loud at lunch today but I finished my plan. Anyone else find weekends harder than weekdays?",
     [("morning_fern", "Weekends are harder for me too, less structure. Proud of you for finishing.")], 8),
    ("loss-of-a-parent", "new_leaf", "First birthday without Dad",
     "It would have been his 70th tomorrow. I'm thinking of making his favourite cake. How do you mark the days?",
     [("lantern_keeper", "We light a candle and tell one story each. The cake sounds lovely.")], 12),
    ("chronic-pain", "morning_fern", "Pacing tips that actually work",
     "I keep doing too much on good days and paying for it for a week. What helps you pace?",
     [("slow_tide", "A timer. Twenty minutes on, ten off, even when I feel fine. Annoying but it works.")], 48),
]  # fmt: skip


def seed_catalogue() -> None:
    """Categories, rooms and crisis resources, added only where missing (safe to run on every start)."""
    # Under the write lock like every service write: an operator may seed a live site while a leader creates a room.
    with write_transaction():
        _add_missing_catalogue()


def _add_missing_catalogue() -> None:
    cats = {c.slug: c for c in db.session.scalars(select(Category))}
    for pos, (slug, name, topic, desc) in enumerate(CATEGORIES):
        if slug not in cats:
            cats[slug] = Category(slug=slug, name=name, topic=topic, description=desc, position=pos)
            db.session.add(cats[slug])
    existing = set(db.session.scalars(select(Group.slug)))
    names = set(db.session.scalars(select(Group.name_key)))
    for cat_slug, slug, name, desc, visibility, joining in GROUPS:
        # A catalogue room a member already opened under the same name is not added twice (nor could it be).
        if slug not in existing and name_key(name) not in names:
            cat = cats[cat_slug]
            db.session.add(Group(slug=slug, name=name, name_key=name_key(name), description=desc, category=cat,
                                 visibility=visibility, joining=joining,
                                 settings=default_settings(cat.topic)))  # fmt: skip
    if not db.session.scalar(select(func.count(CrisisResource.id))):
        for region, name, desc, phone, text, web, hours, topics, pos in CRISIS_RESOURCES:
            db.session.add(CrisisResource(region=region, name=name, description=desc, phone=phone, text=text,
                                          web=web, hours=hours, topics=topics, position=pos))  # fmt: skip


def default_settings(topic: str) -> GroupSettings:
    """Sensible defaults from the category: eating-disorder rooms get the numbers rule and new-member review."""
    eating = topic == "eating-disorders"
    return GroupSettings(numbers_rule=eating, premoderation="new_members" if eating else "off",
                         strictness={"pro_harm": "strict"} if eating else {})  # fmt: skip


def rules_for_topic(topic: str) -> RoomRules:
    """The moderation rules a new room on this topic starts with (for a topic with no room, e.g. in the CLI)."""
    from .services.screening import room_rules

    probe = Group(slug=topic, name=topic, category=Category(slug=topic, name=topic, topic=topic),
                  settings=default_settings(topic))  # fmt: skip
    return room_rules(probe)


def seed_demo() -> bool:
    """Demo members, roles and threads when the site has no members yet; returns whether it seeded."""
    # One transaction under the write lock: "no members yet" must still hold when the demo members are added.
    with write_transaction():
        _add_missing_catalogue()
        if db.session.scalar(select(func.count(User.id))):
            return False
        _add_demo()
    return True


def _add_demo() -> None:
    users = _demo_users()
    groups = {g.slug: g for g in db.session.scalars(select(Group))}
    for slug, handle, role in DEMO_ROLES:
        db.session.add(Membership(user=users[handle], group=groups[slug], role=role, state="active",
                                  created_at=utcnow() - timedelta(days=60)))  # fmt: skip
    for slug, author, title, body, replies, hours in DEMO_THREADS:
        _demo_thread(groups[slug], users, author, title, body, replies, hours)
    db.session.flush()  # ids for the rooms' meetings, links and chat
    seed_room_life(groups, users)


def _demo_users() -> dict[str, User]:
    pw = hash_password(DEMO_PASSWORD)
    users = {}
    for handle, admin, sitemod, trust in DEMO_USERS:
        users[handle] = User(handle=handle, handle_key=handle_key(handle), handle_skeleton=skeleton(handle),
                             password_hash=pw, is_admin=admin,
                             is_site_moderator=sitemod, trust_level=trust, region="GB",
                             created_at=utcnow() - timedelta(days=90))  # fmt: skip
        db.session.add(users[handle])
    return users


def _demo_thread(
    group: Group, users: dict, author: str, title: str, body: str, replies: list, hours: int
) -> None:
    start = utcnow() - timedelta(hours=hours)
    thread = Thread(group=group, author=users[author], title=title, created_at=start, last_activity_at=start)
    db.session.add(Post(thread=thread, author=users[author], source=body, html=render_markdown(body),
                        is_first=True, created_at=start))  # fmt: skip
    for i, (who, text) in enumerate(replies, start=1):
        at = start + timedelta(minutes=17 * i)
        db.session.add(
            Post(thread=thread, author=users[who], source=text, html=render_markdown(text), created_at=at)
        )
        thread.last_activity_at = at
    thread.reply_count = len(replies)
    group.last_activity_at = max(group.last_activity_at, thread.last_activity_at)
    db.session.add(thread)
