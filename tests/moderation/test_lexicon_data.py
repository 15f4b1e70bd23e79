"""lexicon_data.trie: the same matches as a longest-first alternation of the same words."""

import re

import pytest

from forum.moderation.lexicon_data import alternatives, trie

WORDS = ["end it", "end it all", "end it tonight", "end her life", "ending it all", "self harm", "self harming",
         "od'd", "won't be here", "won't be here much longer", "a+b (x)"]  # fmt: skip


def whole(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


@pytest.mark.parametrize(
    "text",
    [
        "he says he'll end it tonight, end it all, ending it all",
        "she wants to end it. end itself is no word",
        "he won't be here much longer. he won't be here tomorrow",
        "self harming and self harm and self harms",
        "she od'd last year; a+b (x) is literal",
    ],
)
def test_trie_matches_as_the_alternation_does(text: str) -> None:
    expected = [m.group(0) for m in whole(alternatives(WORDS)).finditer(text)]
    assert [m.group(0) for m in whole(trie(WORDS)).finditer(text)] == expected and expected


def test_an_empty_list_matches_only_the_empty_string() -> None:
    assert trie([]) == ""
