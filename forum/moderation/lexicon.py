"""Lexicon detector: versioned phrases, aware of negation, quotation, past tense and second person."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from forum.moderation import spans
from forum.moderation.normalise import Normalised, phrase_form
from forum.moderation.policy import eating_disorder_topic
from forum.moderation.subject import FIRST_PERSON, FIRST_SUBJECT, about_someone_else
from forum.moderation.types import Context, Signal

LEXICON_PATH = Path(__file__).with_name("lexicon.json")
NAME = "lexicon"
RISK_TO_SELF = frozenset({"crisis", "self_harm"})
FIGURE = "figure of speech?"  # a reason that cancels the phrase only (see Entry.figure_before)
EVERYDAY_ELSEWHERE = "everyday words elsewhere"  # see _judge
# Reasons that leave a phrase out without dampening the classifier: the context may not be about the phrase at all.
UNDAMPENED = frozenset({FIGURE, EVERYDAY_ELSEWHERE})
CANCEL_MIN_SCORE = 0.6  # only a cancelled phrase at least this telling counts as context (see judge)
_NEG_WINDOW = (
    3  # a negator this many words before a first-person phrase cancels it ("i would never hurt myself")
)
_SUPPORT_WINDOW = 3  # words before a second-person phrase searched for support ("please don't kill yourself")

# Spelling variants written in the deduplicated form the text is matched in (so "wanna" is "wana").
_TOKEN_VARIANTS = {
    "i'm": r"(?:i'?m|i am)",
    "i've": r"(?:i'?ve|i have)",
    "i'd": r"(?:i'?d|i would)",
    "i'l": r"(?:i'?l|i wil)",
    "don't": r"(?:don'?t|do not)",
    "can't": r"(?:can'?t|canot|can not)",
    "won't": r"(?:won'?t|wil not)",
    "wasn't": r"(?:wasn'?t|was not)",
    "it's": r"(?:it'?s|it is)",
    "tonight's": r"(?:tonight'?s|tonight is)",
    "you're": r"(?:you'?re|you are|ur|u r|youre)",
    "you": r"(?:you|u|ya)",
    "your": r"(?:your|ur)",
    "yourself": r"(?:your ?self|urself|yourselves)",
    "myself": r"(?:my ?self)",
    "favour": r"favou?r",
    "mum": r"(?:mum|mom|mam|ma)",
    "mom": r"(?:mum|mom|mam|ma)",
    "through": r"(?:through|thru)",
}
_PAIR_VARIANTS = {"want to": r"(?:want to|wana|want ta)", "going to": r"(?:going to|gona|goin to|gon)"}
# Words too common to anchor a phrase.
# fmt: off
_COMMON = frozenset([
    "i", "me", "my", "a", "an", "the", "to", "of", "in", "on", "at", "is", "it", "this", "that", "and", "or", "be",
    "so", "for", "just", "all", "with", "have", "has", "had", "was", "were", "are", "am", "do", "did", "not", "no",
    "can", "get", "got", "go", "want", "going", "gona", "wana",
])
# fmt: on
# History written with a year or an age: "in 2012", "at 23", "when i was 15".
_DATED = re.compile(
    r"\b(?:in|since|back in) (?:19|20)\d\d\b|\bat (?:1[0-9]|[2-9][0-9])\b|\bwhen i was \d+"
    r"|\bfrom (?:[1-9]|[1-9][0-9]) (?:to|til|until) (?:[1-9]|[1-9][0-9])\b"
)
# A date that only names an anniversary: "five years ago this week i tried..." is history, "this week" or not
# (matched in the deduplicated text, where "week" is "wek").
_ANNIVERSARY = re.compile(r"\b(?:years?|months?) ago (?:today|tonight|this wee?k|this month)\b")
_TO_READERS = re.compile(r"you\b")  # a phrase worded to the readers: "you'll know why"
_TOKENS = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon phrase."""

    phrase: str
    category: str
    severity: int
    score: float
    kind: str  # self | you | term
    squash: str  # squashed form to look for, or "" when the phrase must match as words
    pattern: re.Pattern[str]
    anchors: frozenset[str]  # any of these tokens must be in the text before the regex is tried
    idiom_after: re.Pattern[str] | None = None  # words right after the phrase that make it an idiom
    everyday: re.Pattern[str] | None = None  # words anywhere in the text that make it an everyday use
    # topic -> severity in rooms on that topic: "ready to follow him" in a grief room is a plan, not a figure of speech
    room_severity: tuple[tuple[str, int], ...] = ()
    # counts in full without the classifier's backing (a slur: no everyday use to confuse)
    alone: bool = False
    # words earlier in the phrase's clause that make it an idiom: "fell off my bike and hurt myself"
    idiom_before: re.Pattern[str] | None = None
    # words earlier in its clause that may make it a figure of speech ("mondays make me want to die"): the phrase
    # is left out and, unlike an idiom, does not dampen the classifier, which alone decides ("everything makes me...")
    figure_before: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon with its version and context word lists."""

    version: str
    entries: tuple[Entry, ...]
    by_anchor: dict[str, tuple[Entry, ...]]  # token -> entries that need it, so most entries are never tried
    unanchored: tuple[Entry, ...]
    negators: re.Pattern[str]
    support: re.Pattern[str]
    past: re.Pattern[str]
    present: re.Pattern[str]
    timeframe: re.Pattern[str]
    # a next word that makes the phrase a topic: "self harm free", "suicide prevention"
    after_cancels: frozenset[str]
    # talk about harmful content (reporting it, warning about it), not promoting it
    term_meta: re.Pattern[str]
    # a screening question answered no: "my gp asked if i have thoughts of suicide and i said no"
    asked: re.Pattern[str]
    denials: re.Pattern[str]
    contradictions: re.Pattern[str]
    # an act just done ("i took them", "i'm halfway through") and a sign of an emergency ("what do i do",
    # "scared"): "i don't want to die" after them is a plea for help, not a negation
    acts: re.Pattern[str] | None = None
    urgent: re.Pattern[str] | None = None
    # words before a phrase that make the idiom after it a cover story: "told the nurse i burned myself on the oven"
    cover: re.Pattern[str] | None = None
    literal: re.Pattern[str] | None = None  # "not joking": the writer means what may be a figure of speech


def _phrase_regex(phrase: str) -> tuple[str, frozenset[str]]:
    tokens = phrase_form(phrase).replace("’", "'").split()
    parts: list[str] = []
    for tok in tokens:
        # "*" stands for one or two words: "gave my * to" matches "gave my guitar to"
        parts.append(r"[\w']+(?: [\w']+)?" if tok == "*" else _TOKEN_VARIANTS.get(tok, re.escape(tok)))
    body = " ".join(parts)
    for pair, alt in _PAIR_VARIANTS.items():
        body = body.replace(pair, alt)
    # Anchor: the longest plain token that is not a common word; it must be in the text for a match.
    plain = [t for t in tokens if t not in _TOKEN_VARIANTS and t not in _COMMON and t != "*"]
    anchor = max(plain, key=len) if plain else ""
    anchors = frozenset([anchor]) if anchor else frozenset()
    # No leading look-behind: a literal start lets the regex engine scan fast; the left edge is checked in code.
    return body + r"(?![\w])", anchors


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((_phrase_regex(w)[0] for w in words), key=len, reverse=True))


def _idiom_regex(words: list[str]) -> re.Pattern[str] | None:
    """Match one of `words` right after a phrase: "of" after "see you on the other side"."""
    return re.compile(r" (?:" + _alternatives(words) + ")") if words else None


def _before_regex(words: list[str]) -> re.Pattern[str] | None:
    """Match one of `words` anywhere before a phrase in its clause: "slipped on the ice and hurt myself"."""
    return _words_regex(words) if words else None


def _idiom_words(items: list[str], lists: dict[str, list[str]]) -> list[str]:
    """An entry's idiom words, with each "@name" item replaced by the shared list of that name."""
    return [w for item in items for w in (lists[item[1:]] if item.startswith("@") else [item])]


def _words_regex(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + _alternatives(words) + ")")


@lru_cache(maxsize=4)
def load_lexicon(path: str = str(LEXICON_PATH)) -> Lexicon:
    """Load and compile the lexicon data file (cached per path)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    everyday = {name: _words_regex(words) for name, words in data.get("everyday_contexts", {}).items()}
    entries, lists = [], data.get("idiom_lists", {})
    for raw in data["entries"]:
        regex, anchors = _phrase_regex(raw["phrase"])
        squash = re.sub(r"[^a-z]", "", phrase_form(raw["phrase"])) if raw.get("squash") else ""
        entries.append(
            Entry(
                raw["phrase"],
                raw["category"],
                int(raw["severity"]),
                float(raw["score"]),
                raw["kind"],
                squash,
                re.compile(regex),
                anchors,
                _idiom_regex(_idiom_words(raw.get("idiom_after", []), lists)),
                everyday[raw["everyday"]] if "everyday" in raw else None,
                tuple((str(t), int(v)) for t, v in raw.get("room_severity", {}).items()),
                bool(raw.get("alone", False)),
                _before_regex(_idiom_words(raw.get("idiom_before", []), lists)),
                _before_regex(_idiom_words(raw.get("figure_before", []), lists)),
            )
        )
    by_anchor: dict[str, list[Entry]] = {}
    for e in entries:
        for a in e.anchors:
            by_anchor.setdefault(a, []).append(e)
    return Lexicon(
        version=str(data["version"]),
        entries=tuple(entries),
        by_anchor={k: tuple(v) for k, v in by_anchor.items()},
        unanchored=tuple(e for e in entries if not e.anchors or e.squash),
        negators=_words_regex(data["negators"]),
        support=_words_regex(data["support_before"]),
        past=_words_regex(data["past_markers"]),
        present=_words_regex(data.get("present_markers", [])),
        after_cancels=frozenset(phrase_form(w) for w in data.get("after_cancels", [])),
        term_meta=_words_regex(data.get("term_meta", [])),
        timeframe=_words_regex(data["timeframe"]),
        asked=_words_regex(data["asked_markers"]),
        denials=_words_regex(data["denials"]),
        contradictions=_words_regex(data["contradictions"]),
        acts=_words_regex(data["acts_in_progress"]) if data.get("acts_in_progress") else None,
        urgent=_words_regex(data["urgent_after_act"]) if data.get("urgent_after_act") else None,
        cover=_words_regex(data["cover_story"]) if data.get("cover_story") else None,
        literal=_words_regex(data["literal"]) if data.get("literal") else None,
    )


def _words_before(text: str, start: int, left: int, n: int) -> str:
    return " ".join(text[left:start].split()[-n:])


def _negated(lex: Lexicon, before: str) -> bool:
    """A negator shortly before the phrase, unless a first-person subject after it starts a clause of its own:
    "nobody knows i've picked a date" is not negated, "i don't want to die" is."""
    if before == "no" or before.endswith((" no", ":no")):
        return (
            True  # "no thoughts of suicide": a bare "no" only right before the phrase ("no hope, ..." is not)
        )
    ends = [m.end() for m in lex.negators.finditer(before)]
    return bool(ends) and not FIRST_SUBJECT.search(before, ends[-1])


def _regret_after_act(lex: Lexicon, text: str, start: int) -> bool:
    """An act just done before the phrase and a sign of an emergency anywhere: the member changed their mind mid-way.

    Both are needed: "i took them every day for a year and now i don't want to die anymore" is a recovery story.
    """
    if lex.acts is None or lex.urgent is None:
        return False
    return bool(lex.acts.search(text, 0, start)) and bool(lex.urgent.search(text))


def _cover_story(lex: Lexicon, text: str, left: int, start: int) -> bool:
    """The phrase is what the writer told someone ("said i cut myself chopping veg"): its idiom may be a cover."""
    return lex.cover is not None and bool(lex.cover.search(text, left, start))


def _idiom(lex: Lexicon, e: Entry, text: str, where: tuple[int, int, int]) -> bool:
    """Words right after the phrase, or before it in its clause, make it an idiom, unless it is a cover story."""
    left, start, end = where
    after = e.idiom_after is not None and e.idiom_after.match(text, end)
    before = e.idiom_before is not None and e.idiom_before.search(text, left, start)
    return bool(after or before) and not _cover_story(lex, text, left, start)


def _answered_no(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A question about the phrase, reported in its sentence, and the writer's plain "no" after it.

    Any sign that the answer was not the truth ("i lied", "so they'd stop", "i do", "yes", "not sure") anywhere
    after the phrase keeps it: members at risk often write that they said no.
    """
    s_left = spans.sentence(text, start, end)[0]
    if not lex.asked.search(text, s_left, start):
        return False
    # The answer: up to the end of the second sentence after the question ("honestly? no.").
    reply_end = spans.sentences_after(text, end, 3)
    return bool(lex.denials.search(text, end, reply_end)) and not lex.contradictions.search(text, end)


def _near(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the phrase's sentence and the next one: where words qualify the phrase itself."""
    return spans.sentence(text, start, end)[0], spans.sentences_after(text, end, 2)


def _figure(lex: Lexicon, e: Entry, text: str, where: tuple[int, int, int]) -> bool:
    """Words before the phrase in its clause that may make it a figure of speech, and nothing in its sentence or the
    next that says it is meant ("my job makes me want to die. not joking")."""
    left, start, end = where
    if e.figure_before is None or not e.figure_before.search(text, left, start):
        return False
    return lex.literal is None or not lex.literal.search(text, *_near(text, start, end))


def _judge(lex: Lexicon, e: Entry, text: str, start: int, end: int, quotes: spans.Quotes) -> int | str:
    """Return the severity of a match in context, or why context cancels it (a short word)."""
    if quotes.around(start) and (e.category not in RISK_TO_SELF or quotes.others_words(text, start)):
        return "quoted"  # quoting someone else, or a title / lyric: the classifier still sees the whole text
    left, right = spans.clause(text, start, end)
    before = _words_before(text, start, left, _NEG_WINDOW if e.kind == "self" else _SUPPORT_WINDOW)
    if e.kind == "you":
        return "support" if lex.support.search(before) else e.severity
    # A first-person phrase worded to its readers ("you'll know why") starts a clause of its own: a negation before it
    # is the condition's ("if i don't post tomorrow you'll know why").
    if not _TO_READERS.match(text, start) and _negated(lex, before):
        if e.kind == "self" and e.category == "crisis" and _regret_after_act(lex, text, start):
            return 4  # "i took them and now i don't want to die, what do i do": an attempt under way
        return "negated"  # "i would never hurt myself", "i don't want thinspo"
    nxt = text[end : end + 20].split()
    if nxt and nxt[0].strip(".,!?;:") in lex.after_cancels:
        return "topic"  # a topic, not an act: "self harm free", "suicide prevention"
    if _idiom(lex, e, text, (left, start, end)):
        return "idiom"  # "see you on the other side of this exam", "fell off my bike and hurt myself"
    if e.everyday is not None and e.everyday.search(text):
        # In the phrase's sentence or the next the words qualify it ("my last post for a fortnight"); elsewhere they
        # may qualify something else ("been planning this for a week. goodbye everyone"): left to the classifier.
        return "everyday" if e.everyday.search(text, *_near(text, start, end)) else EVERYDAY_ELSEWHERE
    if e.kind == "term":
        s_left, s_right = spans.sentence(text, start, end)
        if lex.term_meta.search(text, s_left, s_right):
            return "topic"  # reporting, warning about or recovering from it ("i reported a thinspo account")
    history = lex.past.search(text, left, right) or _DATED.search(text, left, right)
    if _ANNIVERSARY.search(text, left, right) or (history and not lex.present.search(text, left, right)):
        return "history"  # history or a recovery story ("i used to cut"), unless it is happening again now
    if _figure(lex, e, text, (left, start, end)):
        return FIGURE  # "mondays make me want to die": the classifier alone decides, undampened
    if e.kind == "self":
        if e.category in RISK_TO_SELF and _answered_no(lex, text, start, end):
            return "answered no"  # a screening question reported and answered: the member says they are safe
        wider = text[left:start]
        # A phrase that names its own first-person subject ("after i'm gone") is the writer's, whoever is
        # mentioned before it ("made a list of who gets what after i'm gone").
        if about_someone_else(wider) and not FIRST_PERSON.search(text, start, end):
            # about someone else: "you said you feel like...", "a friend who is suicidal"
            return "other person"
        if e.category == "crisis" and e.severity == 2 and lex.timeframe.search(text, left, right):
            return 3  # ideation with a timeframe counts as a plan
    return e.severity


def detect(text: str, normalised: Normalised, context: Context) -> list[Signal]:
    """Return lexicon signals, best per (category, phrase)."""
    return judge(normalised, context.rules.topic)[0]


def _in_room(e: Entry, severity: int, topic: str) -> tuple[int, str]:
    """The phrase's severity in a room on `topic` (never lower than in context), and a note when the room raised it."""
    raised = max((v for t, v in e.room_severity if t == topic), default=0)
    return (raised, f" (in a {topic} room)") if raised > severity else (severity, "")


def matching_form(normalised: Normalised) -> str:
    """The text the lexicon's phrases and word lists are matched against: deduplicated, curly quotes typed as '."""
    return normalised.dedup.replace("’", "'").replace("‘", "'")


def judge(normalised: Normalised, topic: str = "general") -> tuple[list[Signal], dict[str, str]]:
    """Return (signals, cancelled): cancelled maps a category to why context cancelled every phrase of it found.

    The pipeline uses `cancelled` to dampen a classifier guess for that category: the text uses the words of a
    crisis or pro-harm post, but as support, negation, history, quotation or about someone else.
    """
    lex = load_lexicon()
    dedup = matching_form(normalised)
    tokens = set(_TOKENS.findall(dedup))
    quotes = spans.Quotes(dedup)
    candidates: dict[int, Entry] = {id(e): e for e in lex.unanchored}
    for tok in tokens & lex.by_anchor.keys():
        candidates.update((id(e), e) for e in lex.by_anchor[tok])
    found: dict[str, Signal] = {}
    cancelled: dict[str, str] = {}
    # In a fixed order: of two phrases that score the same, the one reported (and the cancel reason kept) must not
    # depend on the process's string hashing.
    for e in sorted(candidates.values(), key=lambda e: (e.phrase, e.category)):
        hit, seen = None, False
        if not e.anchors or e.anchors & tokens:
            for m in e.pattern.finditer(dedup):
                if m.start() and (dedup[m.start() - 1].isalnum() or dedup[m.start() - 1] in "_'"):
                    continue  # inside a longer word
                seen = True
                sev = _judge(lex, e, dedup, m.start(), m.end(), quotes)
                if isinstance(sev, str):
                    if e.score >= CANCEL_MIN_SCORE and sev not in UNDAMPENED:
                        cancelled.setdefault(e.category, sev)
                    continue
                hit = (sev, m.group(0))
                break
        # Squashed form only for disguised spellings ("t h i n s p o"): a plain match was judged in context above.
        if hit is None and not seen and e.squash and e.squash in normalised.squashed and not quotes:
            hit = (e.severity, e.squash)
        if hit is None:
            continue
        sev, note = _in_room(e, hit[0], topic)
        sig = Signal(e.category, sev, e.score, NAME, f"phrase: {e.phrase}{note}", hit[1][:60], alone=e.alone)
        cur = found.get(e.category)
        if cur is None or (sig.severity, sig.score) > (cur.severity, cur.score):
            found[e.category] = sig
    from forum.moderation import brags, pleas  # noqa: PLC0415  (they read this module's lists)

    for sig in brags.detect(dedup) if eating_disorder_topic(topic) else ():
        if sig.category not in found:
            found[sig.category] = sig
    if pleas.is_plea(dedup):
        cancelled.update({c: pleas.REASON for c in pleas.CATEGORIES if c not in cancelled})
    return list(found.values()), {c: r for c, r in cancelled.items() if c not in found}
