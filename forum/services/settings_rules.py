"""Validation and parsing of the values leaders type into group settings; each failure is a clear message."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..moderation.types import CATEGORIES, STRICTNESS_LEVELS, WATCH_ACTIONS
from ..text_input import clean_text
from .errors import ValidationError

PREMODERATION = ("off", "new_members", "everyone")
WATCHED_MAX, PATTERN_MAX = 100, 60
TOPICS_MAX, TOPIC_MAX = 30, 40
SLOW_MODE_MAX = 3600
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYS_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
OPEN_HOURS_MAX = 28
URL_MAX = 500
# Letters (any script), digits, spaces, apostrophes, hyphens and the * wildcard.
_PATTERN_OK = re.compile(r"^[\w' *-]+$")
_HOURS_LINE = re.compile(r"^(?P<days>\S.*?)\s+(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$")


@cache
def canonical_timezones() -> tuple[str, ...]:
    """UTC and the canonical Area/Location zones, sorted: no aliases (US/Eastern), no `localtime` or `Factory`."""
    # zone.tab lists one canonical zone per country region; it ships with the tzdata package (a dependency).
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        text = ""
    listed = {row.split("\t")[2] for row in text.splitlines() if row and not row.startswith("#")}
    known = available_timezones()
    if not listed:  # no zone.tab: fall back to the Area/Location shape
        areas = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/",
                 "Pacific/")  # fmt: skip
        listed = {z for z in known if z.startswith(areas)}
    return ("UTC", *sorted(listed & known))


@cache
def _zone_links() -> dict[str, str]:
    """Alias -> the zone it links to, from the link lines of tzdata's tzdata.zi ('L Europe/Kyiv Europe/Kiev')."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}  # no link list: aliases are then kept as they are (zone_loads), not renamed
    rows = (row.split() for row in text.splitlines() if row.startswith("L "))
    return {parts[2]: parts[1] for parts in rows if len(parts) == 3}


def zone_loads(name: str) -> bool:
    """Whether zoneinfo can load the name (a canonical zone, an alias such as US/Eastern, or Factory)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        return False
    return True


def canonical_zone(name: str | None) -> str | None:
    """The offered zone a name stands for: itself, or the one an alias (US/Eastern, GB, Europe/Kiev) links to."""
    if not name:
        return None
    offered, links = canonical_timezones(), _zone_links()
    for _ in range(5):  # links may point at links; a few steps are plenty
        if name in offered or name not in links:
            break
        name = links[name]
    if name in offered:
        return name
    # UTC is offered though it is itself a link, to Etc/UTC; Etc/UCT, Universal and Zulu link there too.
    return next((zone for zone in offered if links.get(zone) == name), None)


def same_zone(a: str | None, b: str | None) -> bool:
    """Whether two stored zone names are one zone: equal, or an alias and the name it links to (US/Eastern)."""
    a, b = (a or "").strip(), (b or "").strip()
    return a == b or (canonical_zone(a) or a) == (canonical_zone(b) or b)


def usable_zone(name: str | None) -> str:
    """The zone to show times in: the offered one `name` stands for, else `name` if zoneinfo loads it, else UTC."""
    name = (name or "").strip()
    if not name:
        return "UTC"
    return canonical_zone(name) or (name if zone_loads(name) else "UTC")


def zone_choices(stored: str | None) -> tuple[str, ...]:
    """The zones a form offers: the canonical ones, and a stored zone still in use that has no canonical name."""
    stored = (stored or "").strip()
    if stored and canonical_zone(stored) is None and zone_loads(stored):
        return (*canonical_timezones(), stored)  # e.g. Etc/GMT+5: offered only to what already uses it
    return canonical_timezones()


def check_timezone(name: str, field: str = "timezone", stored: str | None = None) -> str:
    """A canonical time zone name such as Europe/London (or UTC), or the `stored` one left as it was."""
    name = (name or "").strip()
    if name in canonical_timezones():
        return name
    if stored and name == stored.strip() and zone_loads(name):
        # Saved before only canonical zones were offered: kept, under its canonical name when it is an alias.
        return canonical_zone(name) or name
    raise ValidationError("Choose a time zone from the list (for example Europe/London).", field)


DATE_PAST_DAYS, DATE_AHEAD_DAYS = 366, 2 * 366


def check_date(value: date | None, field: str, what: str, today: date | None = None) -> date | None:
    """A date no more than a year back and about two years ahead (1900 or 9999 is a typing slip, and calendar
    apps cannot show it)."""
    if value is None:
        return None
    today = today or datetime.now(UTC).date()
    low, high = today - timedelta(days=DATE_PAST_DAYS), today + timedelta(days=DATE_AHEAD_DAYS)
    if not low <= value <= high:
        raise ValidationError(f"{what} must be between {low:%d %b %Y} and {high:%d %b %Y}.", field)
    return value


def check_changed_date(
    value: date | None, stored: date | None, field: str, what: str, today: date | None = None
) -> date | None:
    """check_date for a date that an edit sets or changes; a stored date left as it was is kept."""
    # A weekly meeting or a course that began over a year ago is still running: its first date is not a slip.
    return value if value == stored else check_date(value, field, what, today)


def check_choice(value: str, choices: tuple[str, ...], field: str, what: str) -> str:
    """One of the allowed values."""
    if value not in choices:
        raise ValidationError(f"Choose a {what} from the list.", field)
    return value


def parse_watched_words(text: str) -> list[dict]:
    """Lines of 'pattern: action' into watched-word dicts (blank lines ignored)."""
    words = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        pattern, sep, action = line.rpartition(":")
        if not sep:
            raise ValidationError(f"Line {n}: write a word, a colon and an action, like “thin*: hold”.",
                                  "watched_words")  # fmt: skip
        words.append({"pattern": pattern.strip(), "action": action.strip().lower()})
    return check_watched_words(words)


def check_watched_words(words: list) -> list[dict]:
    """Each watched word has a sensible pattern and a known action; no duplicates."""
    if not isinstance(words, list) or len(words) > WATCHED_MAX:
        raise ValidationError(f"A room can watch at most {WATCHED_MAX} words.", "watched_words")
    out, seen = [], set()
    for w in words:
        pattern = " ".join(str((w or {}).get("pattern", "")).split()) if isinstance(w, dict) else ""
        action = w.get("action") if isinstance(w, dict) else None
        _check_pattern(pattern)
        if action not in WATCH_ACTIONS:
            raise ValidationError(f"“{pattern}”: the action must be one of {', '.join(WATCH_ACTIONS)}.",
                                  "watched_words")  # fmt: skip
        key = pattern.casefold()
        if key in seen:
            raise ValidationError(f"“{pattern}” is listed twice.", "watched_words")
        seen.add(key)
        out.append({"pattern": pattern, "action": action})
    return out


def _check_pattern(pattern: str) -> None:
    if not pattern:
        raise ValidationError("A watched word can't be empty.", "watched_words")
    if len(pattern) > PATTERN_MAX:
        raise ValidationError(f"Watched words are at most {PATTERN_MAX} characters.", "watched_words")
    if not _PATTERN_OK.match(pattern):
        raise ValidationError(f"“{pattern}”: use letters, numbers, spaces, hyphens, apostrophes and * only.",
                              "watched_words")  # fmt: skip
    if sum(ch.isalnum() for ch in pattern) < 2:
        raise ValidationError(f"“{pattern}” would match almost anything; use at least two letters.",
                              "watched_words")  # fmt: skip
    if "**" in pattern:
        raise ValidationError(f"“{pattern}”: one * is enough for a wildcard.", "watched_words")


def watched_words_text(words: list) -> str:
    """Watched words back as the lines the form shows."""
    return "\n".join(f"{w['pattern']}: {w['action']}" for w in words or [] if isinstance(w, dict))


def check_strictness(levels: dict) -> dict:
    """Per-category strictness; crisis can never be lenient (the site's safety floor)."""
    if not isinstance(levels, dict):
        raise ValidationError("Choose a strictness for each category.", "strictness")
    out = {}
    for cat, level in levels.items():
        if cat not in CATEGORIES:
            raise ValidationError(f"Unknown moderation category “{cat}”.", "strictness")
        if level not in STRICTNESS_LEVELS:
            raise ValidationError(f"Strictness is one of {', '.join(STRICTNESS_LEVELS)}.", f"strict_{cat}")
        if cat == "crisis" and level == "lenient":
            raise ValidationError("Crisis detection can't be made lenient: it is part of the site's safety floor.",
                                  "strict_crisis")  # fmt: skip
        if level != "standard":
            out[cat] = level  # standard is the default; store only the differences
    return out


def parse_topics(text: str) -> list[str]:
    """One topic (a word or short phrase) per line, or comma-separated."""
    items = [t for t in re.split(r"[\n,]", text or "")]
    return check_topics(items)


def check_topics(topics: list) -> list[str]:
    """Required content-warning topics: short plain words or phrases, no duplicates."""
    out: list[str] = []
    for raw in topics or []:
        topic = " ".join(str(raw).split()).lower()
        if not topic:
            continue
        if not 2 <= len(topic) <= TOPIC_MAX or not re.fullmatch(r"[\w' -]+", topic):
            raise ValidationError(f"“{topic[:TOPIC_MAX]}”: a topic is 2 to {TOPIC_MAX} letters, spaces or hyphens.",
                                  "required_cw_topics")  # fmt: skip
        if topic not in out:
            out.append(topic)
    if len(out) > TOPICS_MAX:
        raise ValidationError(f"List at most {TOPICS_MAX} topics.", "required_cw_topics")
    return out


def check_slow_mode(value: object) -> int:
    """Seconds between a member's chat messages: 0 (off) to an hour."""
    try:
        seconds = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError("Slow mode is a whole number of seconds.", "slow_mode_seconds") from None
    if seconds < 0:
        raise ValidationError("Slow mode can't be negative; use 0 to turn it off.", "slow_mode_seconds")
    if seconds > SLOW_MODE_MAX:
        raise ValidationError(
            f"Slow mode is at most {SLOW_MODE_MAX} seconds (one hour).", "slow_mode_seconds"
        )
    return seconds


def _minutes(hhmm: str, line: int) -> int:
    hours, minutes = (int(p) for p in hhmm.split(":"))
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValidationError(f"Line {line}: “{hhmm}” is not a time of day.", "chat_open_hours")
    return hours * 60 + minutes


def _day(word: str, line: int) -> int:
    key = word.strip().lower()[:3]
    if (
        len(word.strip()) < 3
        or key not in DAYS
        or not DAYS_FULL[DAYS.index(key)].startswith(word.strip().lower())
    ):
        raise ValidationError(f"Line {line}: “{word.strip()}” is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.",
                              "chat_open_hours")  # fmt: skip
    return DAYS.index(key)


def _days(spec: str, line: int) -> list[int]:
    """'Mon', 'Mon-Fri', 'Sat-Sun', 'Mon,Wed' or 'Fri-Mon' (across the weekend) into day numbers."""
    days: list[int] = []
    for part in spec.split(","):
        first, sep, last = part.replace("–", "-").partition("-")
        a = _day(first, line)
        b = _day(last, line) if sep else a
        span = [(a + i) % 7 for i in range((b - a) % 7 + 1)]
        days += [d for d in span if d not in days]
    return days


def parse_open_hours(text: str) -> list[dict]:
    """Lines like 'Mon 18:00-20:00', 'Mon-Fri 18:00-22:00' or 'Mon,Wed 18:00-20:00' into
    [{"day": 0, "start": "18:00", "end": "20:00"}, ...], one range per day."""
    out = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        m = _HOURS_LINE.match(line)
        if not m:
            raise ValidationError(f"Line {n}: write days and a time range, like “Mon-Fri 18:00-22:00” or "
                                  "“Sat 10:00-12:00”.", "chat_open_hours")  # fmt: skip
        days = _days(m["days"], n)
        start, end = _minutes(m["start"], n), _minutes(m["end"], n)
        if end <= start:
            raise ValidationError(f"Line {n}: the end must be after the start (split overnight hours over two days).",
                                  "chat_open_hours")  # fmt: skip
        out += [{"day": d, "start": f"{start // 60:02d}:{start % 60:02d}", "end": f"{end // 60:02d}:{end % 60:02d}"}
                for d in days]  # fmt: skip
    if len(out) > OPEN_HOURS_MAX:
        raise ValidationError(f"List at most {OPEN_HOURS_MAX} time ranges.", "chat_open_hours")
    return out


def check_open_hours(hours: object) -> list[dict]:
    """Open hours given as a list of {"day", "start", "end"} dicts, validated like typed lines."""
    if not isinstance(hours, list):
        raise ValidationError("Open hours are a list of days and time ranges.", "chat_open_hours")
    lines = []
    for h in hours:
        day = h.get("day") if isinstance(h, dict) else None
        if not isinstance(day, int) or not 0 <= day < len(DAYS):
            raise ValidationError("Each open-hours range needs a day of the week.", "chat_open_hours")
        lines.append(f"{DAYS[day]} {h.get('start', '')}-{h.get('end', '')}")
    return parse_open_hours("\n".join(lines))


def open_hours_text(hours: list) -> str:
    """Open hours back as the lines the form shows: days with the same hours in a row become 'Mon-Fri 18:00-22:00'."""
    groups: list[list] = []  # [first day, last day, start, end]
    for h in sorted(
        (h for h in hours or [] if isinstance(h, dict)), key=lambda h: (h["start"], h["end"], h["day"])
    ):
        last = groups[-1] if groups else None
        if last and (last[2], last[3]) == (h["start"], h["end"]) and h["day"] == last[1] + 1:
            last[1] = h["day"]
        else:
            groups.append([h["day"], h["day"], h["start"], h["end"]])
    groups.sort(key=lambda g: (g[0], g[2]))
    return "\n".join(f"{DAYS[a].title()}{'-' + DAYS[b].title() if b != a else ''} {start}-{end}"
                     for a, b, start, end in groups)  # fmt: skip


def check_url(url: str, field: str = "url") -> str:
    """An absolute http or https address."""
    url = (url or "").strip()
    if not url or len(url) > URL_MAX:
        raise ValidationError(f"Give a web address of up to {URL_MAX} characters.", field)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise ValidationError("Links must be web addresses starting with http:// or https://.", field)
    return url


def check_text(value: str, field: str, label: str, low: int, high: int) -> str:
    """Cleaned text (see text_input) whose length is within [low, high]."""
    value = clean_text(value)
    if low and not value:
        raise ValidationError(f"Please write {label[0].lower()}{label[1:]}.", field)
    if not low <= len(value) <= high:
        noun = label.split(" ", 1)[-1].capitalize()  # "The rules" -> "Rules must ..."
        if low:
            raise ValidationError(f"{noun} must be {low:,} to {high:,} characters long.", field)
        raise ValidationError(f"{noun} must be at most {high:,} characters.", field)
    return value
