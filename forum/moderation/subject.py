"""Whose statement a first-person phrase is: the writer's, or someone else's ("you said you feel like...")."""

from __future__ import annotations

import re

# Who a first-person phrase is about: "you said you feel like..." or "a friend who is..." is not the author.
FIRST_PERSON = re.compile(r"(?<![\w'])(?:i|i'm|im|i've|ive|i'd|i'l|me|myself)(?![\w'])")
FIRST_SUBJECT = re.compile(r"(?<![\w'])(?:i|i'm|im|i've|ive|i'd|i'l)(?![\w'])")
# Someone else as the subject: the nearest subject before a phrase decides whose it is ("i'm scared he's going to
# end it all" is about him); nouns and object pronouns do not ("i can't face her and want to die" is the writer's).
_OTHER_SUBJECT = re.compile(
    r"(?<![\w'])(?:you|u|he|she|they|you're|youre|you've|youve|you'd|you'l|he's|she's|they're|they've|he'd|she'd|"
    r"they'd)(?![\w'])"
)
# Matched in the deduplicated text ("roommate" is "romate", "colleague" "coleague").
_OTHER = re.compile(
    r"(?<![\w'])(?:you|your|you're|youre|u|ur|yourself|he|she|they|he's|she's|they're|his|her|their|"
    r"friend|son|daughter|brother|sister|partner|someone|somebody|people|who|whoever|mate|mum|mom|dad|husband|wife|"
    r"boyfriend|girlfriend|bf|gf|flatmate|romate|housemate|cousin|coleague|member)(?:'s)?(?![\w'])"
)
# The generic "you" of a writer describing their own state: "the kind of tired where you don't want to exist",
# "you know when you...". Only frames that name a kind of state or a time count: a bare "when you" or "if you"
# usually addresses the reader ("if you get to where you want to die, call"). Matched in the deduplicated text,
# where "feeling" is "feling".
_GENERIC_YOU = re.compile(
    r"(?<![\w'])(?:(?:(?:kind|sort|type|level) of \w+ (?:where|when|that)|(?:fe?eling|point|stage|place|days?|nights?|"
    r"mornings?|moments?|times?|phases?|spels?|periods?) (?:where|when)|you know (?:that fe?eling |the fe?eling )?"
    r"(?:when|where)|once) (?:you|u|you're|youre|ur|you've|youve)(?![\w'])"
    r"|when (?:you're|youre|you are|ur) (?:this|that|so)(?![\w'])|(?:can|could) (?:you|u) ?$)"
)
# "anyone else..." asks whether others feel as the writer does: the "you" and "they" after it include the writer
# ("does anyone else go through phases where you just want to be dead?"), unless a third person is named after it
# ("has anyone else's friend said she wants to die").
_INCLUSIVE = re.compile(
    r"(?<![\w'])(?:(?:anyone|any1|anybody|who) else(?!')|how many of (?:you|u|us)|is it just me|am i the only one)"
    r"(?![\w'])"
)
_THIRD_PERSON = re.compile(
    r"(?<![\w'])(?:he|she|him|her|his|he's|she's|friend|son|daughter|brother|sister|partner|mum|mom|dad|kid|child|"
    r"husband|wife|boyfriend|girlfriend|bf|gf)(?:'s|s)?(?![\w'])"
)


def about_someone_else(wider: str) -> bool:
    """Whether the words before a first-person phrase, in its clause, make it about someone else."""
    wider = _GENERIC_YOU.sub(" ", wider)  # "the kind of tired where you...": the writer, not the reader
    inclusive = list(_INCLUSIVE.finditer(wider))
    if inclusive and not _THIRD_PERSON.search(wider, inclusive[-1].end()):
        return False
    if _OTHER.search(wider) and not FIRST_PERSON.search(wider):
        return True  # "you said you feel like...", "a friend who is suicidal"
    last_other = max((m.start() for m in _OTHER_SUBJECT.finditer(wider)), default=-1)
    return last_other > max((m.start() for m in FIRST_SUBJECT.finditer(wider)), default=-1)
