"""The numbers rule of eating-disorder rooms: weights, BMI, calories, sizes, measurements, exercise amounts.

Figures in digits or in words ("seven stone", "five hundred calories", "size zero").

Works on the original text (never on the leetspeak-decoded form) so "7st" stays a weight and positions map back
for masking. Deliberately NOT numbers of that kind: ages ("i'm 17"), dates, clock times ("at 7pm"), hours of sleep,
prices ("£20", "$5", "20 pounds" after cost/paid/spent), counts of days ("day 40 of recovery"), phone numbers,
ordinals ("1st", "21st"). A unit-less number is never caught except calories "a day" in an eating context.
"""

from __future__ import annotations

import re

from forum.moderation.normalise import Normalised
from forum.moderation.types import Context, Signal

NAME = "numbers"
MASK = "[number removed]"
_N = r"\d{1,5}(?:[.,]\d{1,3})?"
_F = re.IGNORECASE
# Numbers written as words ("seven stone", "forty-five kilos", "five hundred calories"): the rule is about the
# figure, not the digits. "one stone" is left out ("two birds with one stone"), and so is "a stone" (no figure).
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)"
_UNDER_100 = rf"(?:{_TENS}(?:[\s-]{_ONES})?|{_TEENS}|{_ONES})"
_W = (
    rf"(?:(?:a|{_ONES})\s(?:hundred|thousand)(?:\s(?:and\s)?{_UNDER_100})?|{_UNDER_100})"
    rf"(?:\s(?:and\sa\shalf|point\s{_ONES}))?"
)

# Each pattern's group "n" is what gets masked; words around it ("bmi", "size", "ran") stay.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("weight", re.compile(rf"(?<![\w.,£$€])(?P<n>{_N}\s?(?:st|stone)\s?{_N}\s?(?:lbs?|pounds?)?)(?!\w)", _F)),
    (
        "weight",
        re.compile(rf"(?<![\w.,£$€])(?P<n>{_N}\s?(?:kgs?|kilos?|kilograms?|lbs?|stones?|st)\.?)(?!\w)", _F),
    ),
    ("weight", re.compile(rf"(?<![\w.,£$€])(?P<n>{_N}\s?pounds?)(?!\w)", _F)),
    (
        "bmi",
        re.compile(
            rf"\bbmi\b(?:\s?(?:of|is|was|at|around|about|under|below|over|=|:|-|now|hit|reached)){{0,2}}\s?(?P<n>{_N})",
            _F,
        ),
    ),
    ("bmi", re.compile(rf"(?<![\w.,])(?P<n>{_N})\s?bmi\b", _F)),
    ("calories", re.compile(rf"(?<![\w.,£$€])(?P<n>{_N}\s?(?:kcals?|cals?|calories|calorie))(?!\w)", _F)),
    (
        "calories",
        re.compile(
            rf"\b(?:burn|burned|burnt|burning|burns)(?:\s(?:off|about|over|around|like))?\s(?P<n>{_N})(?!\s?(?:%|percent|times|years?|days?)\b)",
            _F,
        ),
    ),
    (
        "size",
        re.compile(
            r"\b(?:size|sz|dress|jeans|uk|us size|eu size)\s?(?:size\s)?(?P<n>00?|\d{1,2})(?![\d.,:]|\s?\d)(?!\s?(?:years?|yrs?|yo|am|pm|hours?|minutes?|days?|weeks?|months?)\b)",
            _F,
        ),
    ),
    ("size", re.compile(r"(?<![\w.,£$€])(?P<n>\d{1,2})\s?(?:waist|jeans|trousers|dress)\b", _F)),
    (
        "measurement",
        re.compile(
            rf"\b(?:waist|hips?|thighs?|arms?|wrists?|bust|chest|calf|calves|stomach)(?:\s(?:is|are|was|were|of|at|measures?|measured|now|down to)){{0,2}}\s?:?\s?(?P<n>{_N}\s?(?:cm|centimet(?:er|re)s?|inch(?:es)?|in\b|\"|”|mm))?",
            _F,
        ),
    ),
    (
        "measurement",
        re.compile(
            rf"(?<![\w.,])(?P<n>{_N}\s?(?:cm|inch(?:es)?|in|\"|”)\s?)(?:waist|hips?|thighs?|arms?|wrists?|bust|chest)\b",
            _F,
        ),
    ),
    ("exercise", re.compile(rf"(?<![\w.,])(?P<n>{_N}\s?k?\s?steps)\b", _F)),
    (
        "exercise",
        re.compile(
            rf"\b(?:ran|run|running|walked|walk|walking|jogged|jog|cycled|biked|swam|rowed|hiked)\s(?:for\s|about\s|over\s|like\s)?(?P<n>{_N}\s?(?:miles?|mi|km|kms|kilomet(?:er|re)s?|k|laps|hours?|hrs?|mins?|minutes))(?!\w)",
            _F,
        ),
    ),
    (
        "exercise",
        re.compile(
            rf"(?<![\w.,])(?P<n>{_N}\s?(?:hours?|hrs?|h|mins?|minutes))\s(?:at the gym|in the gym|of (?:exercise|cardio|running|walking|workouts?)|on the (?:treadmill|bike|elliptical)|exercising|working out|workout|cardio|running)\b",
            _F,
        ),
    ),
    (
        "exercise",
        re.compile(
            rf"\b(?:gym|exercised?|exercising|worked out|working out|workout|cardio|treadmill|elliptical)\s(?:for\s)?(?:about\s|over\s)?(?P<n>{_N}\s?(?:hours?|hrs?|mins?|minutes))(?!\w)",
            _F,
        ),
    ),
    (
        "exercise",
        re.compile(
            rf"(?<![\w.,])(?P<n>{_N}\s?(?:sit ?ups|push ?ups|crunches|squats|burpees|jumping jacks))\b", _F
        ),
    ),
]
# Figures in words are found from their unit: each unit word, then the words just before it (or, for "bmi" and
# "size", just after). Scanning the number-word alternations at every word doubled the rule's time on long posts.
_UNIT_WORD = re.compile(
    r"\b(?:(?P<weight>kgs?|kilos?|kilograms?|lbs?|pounds?|stones?|st)|(?P<calories>kcals?|cals?|calories?)"
    r"|(?P<bmi>bmi)|(?P<size>size))\b",
    _F,
)
_FIGURE_BEFORE = re.compile(rf"(?<![\w-])(?:{_W})\s$", _F)
_FIGURE_AFTER = {
    "bmi": re.compile(rf"(?:\s(?:of|is|was|at|around|about|under|below|now)){{0,2}}\s(?P<n>{_W})\b", _F),
    "size": re.compile(rf"\s(?P<n>zero|double zero|{_UNDER_100})\b(?!\s(?:years?|months?)\b)", _F),
}
_STONE_REST = re.compile(rf"\s{_W}(?:\s(?:lbs?|pounds?))?(?!\w)", _F)  # "seven stone four (pounds)"


def _word_figures(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of figures written in words next to their unit."""
    out = []
    for m in _UNIT_WORD.finditer(text):
        kind = m.lastgroup or ""
        if kind in _FIGURE_AFTER:
            if after := _FIGURE_AFTER[kind].match(text, m.end()):
                out.append((kind, *after.span("n")))
            continue
        before = _FIGURE_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if (
            before is None
            or re.fullmatch(r"one\s", before.group(0), _F)
            and m.group(0).lower() in ("stone", "st")
        ):
            continue  # no figure, or "one stone" ("two birds with one stone")
        end = m.end()
        if m.group(0).lower().startswith("st") and (rest := _STONE_REST.match(text, end)):
            end = rest.end()
        out.append((kind, before.start(), end))
    return out


# Words just before "pounds" that make it money, not weight.
_MONEY_BEFORE = re.compile(
    r"\b(?:cost|costs|paid|pay|spent|spend|price|earn|earned|owe|worth|save|saved|budget|fine|fee|rent|bill|only|for)\s+(?:about\s+|like\s+|over\s+)?$",
    _F,
)
_ORDINAL_ST = re.compile(r"(?<!1)1\s?st$", _F)  # 1st, 21st, 31st are ordinals; 11st is eleven stone
_CAL_PER_DAY = re.compile(r"(?<![\w.,£$€])(?P<n>\d{3,4})\s?(?:a|per|/)\s?day\b", _F)
_EATING = re.compile(
    r"\b(?:eat|eats|ate|eating|intake|limit|food|restrict|restricting|meals?|under|max|diet|fasting)\b", _F
)


def _is_money(text: str, start: int, frag: str) -> bool:
    """Whether a figure in pounds is an amount of money ("paid 20 pounds", "it cost twenty pounds")."""
    return frag.lower().rstrip("s").endswith("pound") and bool(
        _MONEY_BEFORE.search(text[max(0, start - 30) : start])
    )


def find_numbers(text: str) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of every rule-breaking number in the original text."""
    spans: list[tuple[str, int, int]] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            if m.group("n") is None:
                continue
            a, b = m.span("n")
            frag = text[a:b].strip()
            if kind == "weight" and _ORDINAL_ST.search(frag):
                continue
            if kind == "weight" and _is_money(text, a, frag):
                continue
            spans.append((kind, a, a + len(text[a:b].rstrip())))
    spans += [
        s for s in _word_figures(text) if not (s[0] == "weight" and _is_money(text, s[1], text[s[1] : s[2]]))
    ]
    if _EATING.search(text):
        spans += [("calories", *m.span("n")) for m in _CAL_PER_DAY.finditer(text)]
    spans.sort(key=lambda s: (s[1], -s[2]))
    merged: list[tuple[str, int, int]] = []
    for s in spans:  # drop spans inside an earlier one ("7st 4lb" also matches "4lb")
        if merged and s[1] < merged[-1][2]:
            continue
        merged.append(s)
    return merged


def mask(text: str, spans: list[tuple[str, int, int]]) -> str:
    """Replace each span with the mask."""
    out, last = [], 0
    for _, a, b in spans:
        out.append(text[last:a])
        out.append(MASK)
        last = b
    out.append(text[last:])
    return "".join(out)


def detect(text: str, normalised: Normalised, context: Context) -> list[Signal]:
    """Return one "rule" signal per kind of number found, when the room has the numbers rule."""
    if not context.rules.numbers_rule:
        return []
    spans = find_numbers(text)
    kinds: dict[str, str] = {}
    for kind, a, b in spans:
        kinds.setdefault(kind, text[a:b])
    return [Signal("rule", 1, 1.0, NAME, f"numbers rule: {kind}", ev[:40]) for kind, ev in kinds.items()]


def masked_text(text: str, context: Context) -> str | None:
    """Return the text with rule-breaking numbers masked, or None when there are none."""
    if not context.rules.numbers_rule:
        return None
    spans = find_numbers(text)
    return mask(text, spans) if spans else None
