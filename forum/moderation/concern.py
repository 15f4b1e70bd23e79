"""A member worried about someone else at risk: "my friend says he wants to die", "my sister just texted me goodbye
and isn't answering". The lexicon reads risk phrases in the first person, so these texts were published with nothing
shown: "my daughter said she wants to die, how do i help her" matched no phrase, and "my friend says he'll end it
tonight" was cancelled as about someone else. The writer is not at risk, but they are the one person who can act.

Support lines serve people worried about someone else as well as people in crisis (988, Samaritans, Lifeline), and
peer-support services tell a worried member how to help: ask directly, stay with them, call emergency services when
the danger is now. So a text that says someone else is at risk gets its writer a private helper card with those steps
and the room's resources; when the danger reads as now (a word of now or a plan for it, a goodbye, no answer), a peer
moderator is told as well (a flag of high priority: the writer may need someone with them while they call for help).

A risk phrase counts when its nearest subject in the sentence is a third person (a person of the lists, "he", "she",
"they"), not the writer or the reader; not when negated ("she says she isn't suicidal") or when its sentence tells
of a death or of history ("my brother took his own life", "she used to self-harm", "when he was 16"). The lists are
data in lexicon.json ("concern").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forum.moderation import lexicon, spans
from forum.moderation.lexicon import LEXICON_PATH
from forum.moderation.lexicon_data import forms, section, trie
from forum.moderation.normalise import normalise
from forum.moderation.subject import FIRST_PERSON
from forum.moderation.types import Signal

NAME = "concern"  # the detector, and the category of its signal (not a room setting: no strictness applies)
CATEGORY = "concern"
SEVERITY_NOW = 3  # the danger reads as now: a review of high priority
SEVERITY = 2  # someone else at risk: the helper card only
REASON = "about someone else at risk"
# The classifier's readings of the writer's own risk that a text about someone else dampens, as the lexicon's
# "other person" does (the classifier read "my brother just texted me goodbye" as the writer's own goodbye); not when
# the lexicon found a phrase of the writer's own ("my mum says she wants to die and so do i").
DAMPENS = ("crisis", "self_harm")
_PLACEHOLDERS = {
    "@self": ("himself", "herself", "themselves", "themself"),
    "@pos": ("his", "her", "their"),
    "@obj": ("him", "her", "them"),
}
# The singular words of the placeholders: a phrase with them names its person ("end her life"); not "themselves", which
# is also the generic or inclusive "they" ("does anyone else think about killing themselves").
_SINGULAR = ("himself", "herself", "his", "her", "him")
_NEGATION_WORDS = 4  # a negator this many words before a phrase negates it ("she says she isn't suicidal")
# A quotation after a verb of saying or sending (in the matching form: "messaged" is "mesaged"), the words quoted.
_SAID_QUOTE = re.compile(
    r"(?<![\w'])(?:texted|text|mesaged|mesage|wrote|writes|posted|posts|said|says|sent|dmed|dm'd|emailed|typed|put|"
    r"rang|caled|told me|tels me|keps saying|kept saying|saying)(?![\w'])[^\"“\n.!?]{0,40}[\"“]([^\"”\n]{2,300})[\"”]"
)
_TO_READER = re.compile(r"(?<![\w'])(?:you|your|ur|u|yr|you've|you're)(?![\w'])")
_LINKS = re.compile(r"(?<![\w'])(?:and|but|so|then)(?![\w'])")


@dataclass(frozen=True)
class ConcernWords:
    """The compiled lists of the lexicon's "concern" section."""

    acts: re.Pattern[str]  # an act on someone's life: "kill himself", "end her life", "a goodbye text"
    thoughts: re.Pattern[str]  # thoughts of it: "wants to die", "suicidal", "better off without him"
    harm: re.Pattern[str]  # self-harm: "cutting herself", "self harming"
    third: re.Pattern[str]  # a third-person subject: a person of the lists, "he", "she"
    plural: re.Pattern[str]  # "they": a subject only once a person is named ("my mate... they")
    person: re.Pattern[str]  # a person of the lists
    named: re.Pattern[str]  # a phrase that names its person: "kill himself", "end her life"
    own: re.Pattern[str]  # the writer or the reader as subject: "i", "you", "anyone else"
    yours: re.Pattern[str]  # "your friend": the reader's person, a reply
    negator: re.Pattern[str]
    # the end of a life or a pet's, anywhere in the text: hospice goodbyes, not suicide
    dying: re.Pattern[str]
    death: re.Pattern[str]  # a death told anywhere in the text: grief, not a danger now...
    still: re.Pattern[str]  # ...unless the phrase's sentence says it is now ("and now my brother says...")
    ended: re.Pattern[str]  # history or a topic in the phrase's sentence
    last_time: re.Pattern[str]  # "last year": history, unless its sentence says it goes on ("still", "again")
    now: re.Pattern[str]  # a word of now, in the sentence of an act
    intent: re.Pattern[str]  # a plan for it ("he'll", "going to")...
    conditions: re.Pattern[str]  # ...unless a condition follows ("when we argue")
    signs: re.Pattern[str]  # signs of danger now anywhere in the text: no answer, a goodbye sent
    alarms: re.Pattern[str]  # help called or the writer on the way: "police are looking", "driving over"
    # a goodbye's words: "letters", "for good", "tonight's the night", "took something"
    farewells: re.Pattern[str]


@dataclass(frozen=True)
class Concern:
    """What the text says about someone else at risk."""

    now: bool  # the danger reads as now
    evidence: str  # the risk phrase as matched (the lexicon's matching form)


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> ConcernWords | None:
    """The concern lists of the lexicon file (cached per path); None when it has none."""
    data = section("concern", path)
    negators = section("negators", path)
    if not data or negators is None:
        return None
    return ConcernWords(
        acts=_words(data["acts"]),
        thoughts=_words(data["thoughts"]),
        harm=_words(data["harm"]),
        third=_words(data["people"] + data["pronouns"], possessive=True),
        plural=_words(data["plural"]),
        person=_words(data["people"], possessive=True),
        named=_words([*data["people"], *_SINGULAR]),
        own=_words(data["own"]),
        yours=re.compile(rf"(?<![\w'])(?:your|ur|yr)\s+(?:\w+\s+)?(?:{_alt(data['people'])})(?![\w'])"),
        negator=_words(negators + data["negators"]),
        dying=_words(data["dying"]),
        death=_words(data["death"]),
        still=_words(data["still"]),
        last_time=_words(data["last_time"]),
        ended=re.compile(rf"(?<![\w'])(?:{_alt(data['ended'])}|(?:19|20)\d\d)(?![\w'])"),
        now=_words(data["now"]),
        intent=_words(data["intent"]),
        conditions=_words(data["conditions"]),
        signs=_words(data["signs"]),
        alarms=_words(data["alarms"]),
        farewells=_words(data["farewells"]),
    )


def _expand(phrases: list[str]) -> list[str]:
    """Each phrase with its placeholders (@self, @pos, @obj) spelled out."""
    out: list[str] = []
    for phrase in phrases:
        todo = [phrase]
        for mark, words in _PLACEHOLDERS.items():
            todo = (
                [p.replace(mark, w, 1) for p in todo for w in words] if any(mark in p for p in todo) else todo
            )
        out.extend(todo)
    return out


def _alt(words: list[str]) -> str:
    return trie(forms(_expand(words)))


def _words(words: list[str], possessive: bool = False) -> re.Pattern[str]:
    """Whole words or phrases of the list; with `possessive`, also with "'s" ("my husband's letters")."""
    suffix = "(?:'s)?" if possessive else ""
    return re.compile(rf"(?<![\w'])(?:{_alt(words)}){suffix}(?![\w'])")


def read(dedup: str) -> Concern | None:
    """Whether a text (`dedup`: the lexicon's matching form) says someone else is at risk, and whether now."""
    cw = load()
    if cw is None or not cw.named.search(dedup) and not cw.third.search(dedup):
        return None  # nobody else in the text (a cheap test first: most texts are about the writer)
    found: Concern | None = None
    for kind, pattern in (("act", cw.acts), ("thought", cw.thoughts), ("harm", cw.harm)):
        for m in pattern.finditer(dedup):
            if not _someone_else_at_risk(cw, dedup, m.start(), m.end()):
                continue
            now = kind != "harm" and _danger_now(cw, dedup, (m.start(), m.end()), kind == "act")
            if now:
                return Concern(True, m.group(0)[:60])
            found = found or Concern(False, m.group(0)[:60])
    found = found or (_quoted(cw, dedup) if '"' in dedup or "“" in dedup else None)
    return found if found is not None and found.now else _alarmed(cw, dedup) or found


def _alarmed(cw: ConcernWords, text: str) -> Concern | None:
    """Someone else's goodbye told with the alarm raised, in any words: "found my husband's letters to the kids on
    the table, police are looking for him", "gf said 'this is goodbye' on voice chat then hung up, heading over". A
    person of the lists or "he" / "she" (not a reply to the reader's own goodbye), a word of help called or on the
    way or a sign of danger now (not negated), and apart from it a word of a goodbye; not in a text that tells of a
    death, an end of life, history or a topic. The rarer words are looked for first: most texts have none."""
    farewells = list(cw.farewells.finditer(text))
    if not farewells:
        return None
    alarms = [m.span() for m in (*cw.alarms.finditer(text), *cw.signs.finditer(text))]
    alarms = [a for a in alarms if not _negated_before(cw, text, a[0])]
    if not alarms or _told_of_an_end(cw, text):
        return None
    for m in farewells:
        if not _theirs(cw, text, m.start()) or _TO_READER.search(" ".join(text[: m.start()].split()[-3:])):
            continue  # the writer's own ("i said goodbye and logged off"), or the reader's ("your goodbye post")
        if any(m.end() <= a or b <= m.start() for a, b in alarms):  # "a goodbye post" is not its own alarm
            return Concern(True, m.group(0)[:60])
    return None


def _told_of_an_end(cw: ConcernWords, text: str) -> bool:
    """A death (unless the text says it goes on), an end of life, history or a topic anywhere in the text."""
    if cw.dying.search(text) or (cw.death.search(text) and not cw.still.search(text)):
        return True
    return bool(cw.ended.search(text) or cw.last_time.search(text))


def _quoted(cw: ConcernWords, text: str) -> Concern | None:
    """A crisis phrase in someone else's words, quoted after a verb of saying or sending: 'my mate just texted me
    "thanks for everything, look after the cat"'. The quotation is read by the lexicon as its speaker's own words."""
    for m in _SAID_QUOTE.finditer(text):
        left, _ = spans.sentence(text, m.start(), m.end())
        if not cw.third.search(text, left, m.start()):
            continue  # whose words: "my mate texted...", not "i wrote..."
        signals, _ = lexicon.judge(normalise(m.group(1)))
        severity = max((s.severity for s in signals if s.category == "crisis"), default=0)
        if severity:
            now = severity >= SEVERITY_NOW or _sign(cw, text)  # a plan or goodbye quoted, or no answer since
            return Concern(now, m.group(1)[:60])
    return None


def _theirs(cw: ConcernWords, text: str, start: int) -> bool:
    """Whether the nearest subject before `start` in its sentence is a third person, not the writer or the reader."""
    left, _ = spans.sentence(text, start, start)
    return _third_subject(cw, text, left, start) >= 0


def _third_subject(cw: ConcernWords, text: str, left: int, start: int, plural: bool = False) -> int:
    """Where the nearest subject in text[left:start] ends if it is a third person (with `plural`, "they" too), not
    the writer or the reader ("i told my friend i want to die", "you said..."); -1 otherwise."""
    third = max((m.end() for m in cw.third.finditer(text, left, start)), default=-1)
    if plural:
        third = max(third, max((m.end() for m in cw.plural.finditer(text, left, start)), default=-1))
    own = max((m.end() for m in cw.own.finditer(text, left, start)), default=-1)
    return third if third > own else -1


def _someone_else_at_risk(cw: ConcernWords, text: str, start: int, end: int) -> bool:
    """The phrase's nearest subject is a third person, and it is neither negated nor told of the past or of a death."""
    left, right = spans.sentence(text, start, end)
    before = text[left:start]
    if cw.yours.search(before):
        return False  # "your friend is suicidal?": a reply about the reader's person
    # "they" once a person is named: "my mate... they said they want to die"
    third = _third_subject(cw, text, left, start, plural=bool(cw.person.search(text, 0, start)))
    # A phrase that names its person ("kill himself", "my suicidal son") is about them whoever speaks before it.
    if third < 0 and not cw.named.search(text, start, end):
        return False
    if text[end:].split()[:1] in (["with"], ["between"]):
        return False  # a relationship: "she's going to end it with him"
    # Negated in its own part of the sentence: "she says she isn't suicidal", not "he's not ok and wants to die".
    part = _LINKS.split(text[max(third, left) : start])[-1].split()
    if cw.negator.search(" ".join(part[-_NEGATION_WORDS:])):
        return False
    if cw.ended.search(text, left, start) or cw.ended.search(text, end, right):
        return False
    if cw.last_time.search(text, left, right) and not cw.still.search(text, left, right):
        return False  # "last year, after he tried to end his life": history
    if cw.dying.search(text) or cw.death.search(text, *_part(text, (left, right), (start, end))):
        return False  # its part of the sentence tells of a death ("died from an overdose last year")
    return not cw.death.search(text) or bool(cw.still.search(text, left, right))


def _part(text: str, sentence: tuple[int, int], phrase: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence the phrase is in, between the link words ("and", "but") around it."""
    left, right = sentence
    for m in _LINKS.finditer(text, left, phrase[0]):
        left = m.end()
    m = _LINKS.search(text, phrase[1], right)
    return left, (m.start() if m else right)


def _danger_now(cw: ConcernWords, text: str, where: tuple[int, int], act: bool) -> bool:
    """Signs of danger now anywhere (no answer, a goodbye sent); for an act, a word of now or of intent with no
    condition after it ("she says she'll kill herself when we argue" is a threat to be taken seriously, not now)."""
    if _sign(cw, text, where):
        return True
    if not act:
        return False
    left, right = spans.sentence(text, *where)
    if cw.now.search(text, left, right):
        return True
    return bool(cw.intent.search(text, left, where[0])) and not cw.conditions.search(text, where[1], right)


def writers_own(signal: Signal) -> bool:
    """Whether a lexicon signal is of the writer's own risk: a crisis phrase (the lexicon's crisis phrases are the
    writer's), or a self-harm phrase in the first person ("cutting myself"; not the topic words "self harming")."""
    if signal.category not in DAMPENS:
        return False
    return signal.category == "crisis" or bool(FIRST_PERSON.search(signal.evidence))


def _sign(cw: ConcernWords, text: str, apart: tuple[int, int] = (0, 0)) -> bool:
    """A sign of danger now anywhere in the text, not negated ("not a goodbye note, but...") and apart from the
    phrase at `apart` (a goodbye letter is no sign of itself)."""
    return any(
        not _negated_before(cw, text, m.start()) and (m.end() <= apart[0] or apart[1] <= m.start())
        for m in cw.signs.finditer(text)
    )


def _negated_before(cw: ConcernWords, text: str, start: int) -> bool:
    """A negator in the two words before `start`, in its clause ("not a goodbye note", not "he's not home. police")."""
    left, _ = spans.clause(text, start, start)
    return bool(cw.negator.search(" ".join(text[left:start].split()[-2:])))


def reading(dedup: str, lexicon_signals: list[Signal], cancelled: dict[str, str]) -> list[Signal]:
    """The concern signal of a text (see detect); when there is one, marks the classifier's readings of DAMPENS
    cancelled (to be dampened) in `cancelled`, the lexicon's cancellations, unless the lexicon found the writer's own
    phrase of that category among `lexicon_signals`."""
    found = detect(dedup)
    if found:
        own = {s.category for s in lexicon_signals if writers_own(s)}
        cancelled.update({c: REASON for c in DAMPENS if c not in own and c not in cancelled})
    return found


def detect(dedup: str) -> list[Signal]:
    """The concern signal of a text, if any: severity 3 when the danger reads as now, else 2."""
    found = read(dedup)
    if found is None:
        return []
    if found.now:
        return [Signal(CATEGORY, SEVERITY_NOW, 1.0, NAME, "someone else may be at risk now", found.evidence)]
    return [Signal(CATEGORY, SEVERITY, 1.0, NAME, "someone else may be at risk", found.evidence)]
