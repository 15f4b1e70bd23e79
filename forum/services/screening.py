"""Every piece of user text others will see passes through `screen` before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy import exists, func, select

from models import ChatMessage, Group, Membership, Post, Review, Thread, User, db, utcnow

from ..moderation.pipeline import assess, decide
from ..moderation.reviews import CHAT_TARGET
from ..moderation.types import AuthorInfo, Context, Decision, RoomRules, WatchedWord

ACTION_ORDER = {"publish": 0, "flag": 1, "hold": 2, "reject": 3}
PRIORITY_ORDER = {None: 9, "low": 3, "normal": 2, "high": 1, "urgent": 0}
NEW_MEMBER_DAYS = 7
TITLE_SIGNAL = "In the title: "  # begins the reason of a signal found in a thread's title, not its body
# A chat line is also read with the author's lines just before it (Context.before): at most BEFORE_LINES of them,
# sent within BEFORE_MINUTES, each published without a review (one that was flagged has reached a moderator already).
BEFORE_LINES = 3
BEFORE_MINUTES = 3
# A chat line is also read against the other members' last lines (Context.answering): "me too" under a goodbye. At
# most ANSWERED_LINES of them, from the same BEFORE_MINUTES, that others can see.
ANSWERED_LINES = 2


def room_rules(group: Group | None) -> RoomRules:
    """The moderation rules of a room, from its settings (general rules outside any room)."""
    if group is None:
        return RoomRules()
    s = group.settings
    if s is None:
        return RoomRules(topic=group.topic)
    words = tuple(
        WatchedWord(pattern=w["pattern"], action=w["action"])
        for w in (s.watched_words or [])
        if isinstance(w, dict) and w.get("pattern") and w.get("action")
    )
    return RoomRules(topic=group.topic, numbers_rule=bool(s.numbers_rule), watched_words=words,
                     premoderation=s.premoderation or "off", strictness=dict(s.strictness or {}))  # fmt: skip


def author_info(author: User | None, group: Group | None) -> AuthorInfo:
    """What the behaviour detector needs to know about the author."""
    if author is None or author.id is None:
        return AuthorInfo()
    since = utcnow() - timedelta(minutes=10)
    recent = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == author.id, Post.created_at >= since)
    )
    prior, is_new = 0, False
    if group is not None:
        prior = db.session.scalar(
            select(func.count(Post.id))
            .join(Thread)
            .where(Post.author_id == author.id, Thread.group_id == group.id, Post.status == "visible")
        )
        joined = db.session.scalar(
            select(Membership.created_at).where(
                Membership.user_id == author.id, Membership.group_id == group.id
            )
        )
        is_new = joined is None or joined > utcnow() - timedelta(days=NEW_MEMBER_DAYS)
    return AuthorInfo(is_new_member=is_new, prior_posts=prior, posts_last_10_min=recent)


def lines_before(author: User | None, group: Group | None) -> tuple[str, ...]:
    """The author's last chat lines in the room that others saw without a review, oldest first (Context.before)."""
    if author is None or author.id is None or group is None:
        return ()
    reviewed = exists().where(Review.target_type == CHAT_TARGET, Review.target_id == ChatMessage.id)
    return _recent_lines(group, BEFORE_LINES, ChatMessage.author_id == author.id, ~reviewed)


def lines_answered(author: User | None, group: Group | None) -> tuple[str, ...]:
    """The other members' last chat lines in the room that everyone can see, oldest first (Context.answering)."""
    if author is None or author.id is None or group is None:
        return ()
    return _recent_lines(group, ANSWERED_LINES, ChatMessage.author_id != author.id)


def _recent_lines(group: Group, limit: int, *where: object) -> tuple[str, ...]:
    """The room's last `limit` visible chat lines of the last BEFORE_MINUTES that match `where`, oldest first."""
    rows = db.session.scalars(
        select(ChatMessage.source)
        .where(
            ChatMessage.group_id == group.id,
            ChatMessage.created_at >= utcnow() - timedelta(minutes=BEFORE_MINUTES),
            ChatMessage.status == "visible",
            ChatMessage.erased_at.is_(None),
            *where,
        )
        .order_by(ChatMessage.id.desc())
        .limit(limit)
    ).all()
    return tuple(reversed(rows))


def posts_answered(thread: Thread, author: User | None, before_id: int | None = None) -> tuple[str, ...]:
    """The posts a reply in `thread` may answer (Context.answering): the thread's first post and the last post above
    it, each by another member and only when others can see it; `before_id` is the reply's own id when it is edited."""
    others = Post.author_id.is_distinct_from(author.id if author else None)
    visible = select(Post.source).where(Post.thread_id == thread.id, Post.status == "visible", others)
    first = db.session.scalar(visible.where(Post.is_first.is_(True)))
    above = visible.where(Post.is_first.is_(False))
    if before_id is not None:
        above = above.where(Post.id < before_id)
    last = db.session.scalar(above.order_by(Post.id.desc()).limit(1))
    return tuple(dict.fromkeys(p for p in (first, last) if p))


def screen(
    text: str,
    kind: str,
    group: Group | None,
    author: User | None,
    before: tuple[str, ...] = (),
    within: str = "",
    answering: tuple[str, ...] = (),
) -> Decision:
    """Assess and decide one piece of text in its room, for its author; `before`, `within` and `answering` as in
    Context (a chat line's lines before and the lines it may answer are looked up here)."""
    if kind == "chat":
        before, answering = lines_before(author, group), lines_answered(author, group)
    context = Context(kind=kind, rules=room_rules(group), author=author_info(author, group), before=before,
                      within=within, answering=answering)  # fmt: skip
    return decide(assess(text, context), context)


@dataclass
class Verdict:
    """The combined decision over several texts written at once (a thread's title and body)."""

    action: str = "publish"
    priority: str | None = None
    show_resources: bool = False
    helper: bool = (
        False  # the author is worried about someone else at risk: the helper card (moderation.concern)
    )
    reasons: list[str] = field(default_factory=list)
    author_message: str | None = None
    signals: list = field(default_factory=list)
    masked: dict[str, str] = field(default_factory=dict)

    @property
    def is_held(self) -> bool:
        """Held content is kept from everyone but its author and moderators."""
        return self.action == "hold"

    @property
    def needs_review(self) -> bool:
        """Flagged and held content goes to the review queue."""
        return self.action in ("flag", "hold") or self.priority is not None


def combine(decisions: dict[str, Decision]) -> Verdict:
    """Merge per-field decisions: the strictest action, the most urgent priority, every signal."""
    verdict = Verdict()
    for name, d in decisions.items():
        if ACTION_ORDER[d.action] > ACTION_ORDER[verdict.action]:
            verdict.action = d.action
            verdict.author_message = d.author_message or verdict.author_message
        if PRIORITY_ORDER.get(d.priority, 9) < PRIORITY_ORDER.get(verdict.priority, 9):
            verdict.priority = d.priority
        verdict.show_resources |= d.show_resources
        verdict.helper |= d.helper
        verdict.reasons += [r for r in d.reasons if r not in verdict.reasons]
        verdict.signals += list(d.signals)
        verdict.author_message = verdict.author_message or d.author_message
        if d.masked_text:
            verdict.masked[name] = d.masked_text
    return verdict


def screen_all(
    texts: dict[str, tuple[str, str]],
    group: Group | None,
    author: User | None,
    title: str = "",
    answering: tuple[str, ...] = (),
) -> Verdict:
    """Screen several named texts {name: (text, kind)} and combine the decisions. A thread's first post is also
    read with its title (a "thread_title" part, or `title` when only the post is screened, as on an edit), and the
    title within title and post: a member may say half of it in the title ("last one
    from me"), and a title alone says little ("I'm done!" over a post about finishing chemo). A reply is read against
    the posts it answers, `answering` (see posts_answered)."""
    post = next((text for text, kind in texts.values() if kind == "post" and text), "")
    title = title or next((text for text, kind in texts.values() if kind == "thread_title"), "")
    return combine(
        {
            name: _screen_part(text, kind, group, author, title, post, answering)
            for name, (text, kind) in texts.items()
            if text
        }
    )


def _screen_part(
    text: str,
    kind: str,
    group: Group | None,
    author: User | None,
    title: str,
    post: str,
    answering: tuple[str, ...],
) -> Decision:
    if kind == "post" and answering:
        decision = screen(text, kind, group, author, answering=answering)
    elif kind == "post" and title.strip():
        decision = screen(text, kind, group, author, before=(title,))
    elif kind == "thread_title" and post:
        decision = screen(text, kind, group, author, within=f"{text}\n{post}")
    else:
        decision = screen(text, kind, group, author)
    if kind == "thread_title":
        # The review opens on the thread's first post: its signals must say that the title is what they found.
        decision.signals = [replace(s, reason=TITLE_SIGNAL + s.reason) for s in decision.signals]
    return decision
