"""Look-alike keys ("skeletons") of the names people choose: names that read the same at a glance share one key.

Handles and room names are unique by their skeleton, so nobody can pose as "lantern_keeper" as "Iantern.keeper" or
open a second "Alcohol rec0very" room. The idea is Unicode's confusable skeleton (UTS #39), cut down to what a
plain-text name can hold: accents and case go, separators and punctuation go, digits become the letters they pass
for, and letter pairs that read as one letter ("rn" as "m") are merged.

Pure and stdlib-only: the migration that backfilled the stored keys imports it. Changing the mapping changes what
is stored in user.handle_skeleton and group.name_key, so such a change needs a migration that recomputes them.
"""

from __future__ import annotations

import re
import unicodedata

# Digits as the letters they are read as (and "i" as "l": after case-folding "I" and "l" can't be told apart, and
# an upper-case I is exactly how "Iantern_keeper" passes for "lantern_keeper"). Every digit but 8 maps, not only the
# closest look-alikes, so "adm1n" and "m0d3rator" are read as the names they imitate; 8 stays itself so that two
# digits never share a letter ("Year 6 parents" and "Year 8 parents" are two rooms; 6 reads as b).
_AS_LETTERS = str.maketrans("012345679i", "olzeasbtgl")
# Letters of other alphabets that look exactly like Latin ones (after case-folding); room names may use any script.
_LATIN_TWINS = str.maketrans(
    "аеорсухіјѕԁһӏԛԝɡαονικρτυχ",  # Cyrillic, then the script-neutral "ɡ", then Greek
    "aeopcyxljsdhlqwgaovlkptux",
)
# Pairs that read as one letter in most fonts, merged after everything else.
_PAIRS = (("rn", "m"), ("vv", "w"))
# A key that had to be made unique by the migration: "<key>~<group id>" (a skeleton never holds "~" or digits).
_SUFFIX = re.compile(r"~\d+$")
NAME_KEY_MAX = 120


def skeleton(text: str) -> str:
    """The look-alike key of a name: no accents, case, spaces or punctuation; digits and twins read as letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    key = "".join(ch for ch in folded.translate(_LATIN_TWINS).translate(_AS_LETTERS) if ch.isalnum())
    for pair, single in _PAIRS:
        key = key.replace(pair, single)
    return key


def name_key(name: str) -> str:
    """The key a room name is unique by: its skeleton, or, for a name of symbols alone, the name without spaces."""
    # "🌱🌱🌱" has no letters to compare: it is then unique as written (case and spacing still folded).
    key = skeleton(name) or "".join(name.casefold().split())
    return key[:NAME_KEY_MAX]


def key_base(stored_key: str) -> str:
    """A stored room key without the "~<id>" the migration gave to later rooms that shared a name."""
    return _SUFFIX.sub("", stored_key)


def suffixed_key(key: str, group_id: int) -> str:
    """The unique key of a room whose name another room already had when keys were introduced."""
    return f"{key}~{group_id}"
