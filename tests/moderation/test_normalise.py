import pytest

from forum.moderation.normalise import normalise


@pytest.mark.parametrize(
    ("text", "dedup", "squashed"),
    [
        ("th1nspoooo", "thinspo", "thinspo"),
        ("t h i n s p o", "thinspo", "thinspo"),
        ("th1n.spo", "thin spo", "thinspo"),
        ("a-n-a", "ana", "ana"),
        ("an0rex1a", "anorexia", "anorexia"),
        ("s\u200bu\u200bicide", "suicide", "suicide"),
        ("ＴＨＩＮＳＰＯ", "thinspo", "thinspo"),
        ("pr0-@na", "pro ana", "proana"),
        ("I KILLL myself", "i kil myself", "ikilmyself"),
    ],
)
def test_normalise_forms(text: str, dedup: str, squashed: str) -> None:
    n = normalise(text)
    assert n.dedup == dedup
    assert n.squashed == squashed
    assert n.original == text


@pytest.mark.parametrize("text", ["i'm 17", "1200", "at 7pm", "7st 4lb", "£20"])
def test_ordinary_numbers_stay_numbers(text: str) -> None:
    assert normalise(text).words == text.casefold()


def test_joined_form_drops_inner_separators() -> None:
    assert normalise("th1n.spo").joined == "thinspo"


def test_line_breaks_are_kept_as_one_newline() -> None:
    """The lexicon reads a line as a sentence and a "> " line as a one-line quotation."""
    n = normalise("> how are you?\r\n\n  me?   not great  ")
    assert n.dedup == "> how are you?\nme? not great"
    assert n.words.split() == [">", "how", "are", "you?", "me?", "not", "great"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I\u2019m done", "i'm done"),  # a phone keyboard's apostrophe
        ("don\u02bct", "don't"),
        ("can\u00b4t", "can't"),  # an acute accent: NFKC would split it into a space and a combining mark
        ("it`s", "it's"),
        (
            "she said \u2018i wish i was dead\u2019 to me",
            "she said \u2018i wish i was dead\u2019 to me",
        ),  # quotes stay
    ],
)
def test_apostrophes_inside_words_become_one_kind(text: str, words: str) -> None:
    assert normalise(text).words == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("s*icide is on my mind", "suicide is on my mind"),
        ("s**cide", "suicide"),
        ("k*ll myself", "kill myself"),
        ("self h#rm again", "self harm again"),
        ("c*t", "c t"),  # fits more than one word ("cat", "cut", ...): not a risk word, left as a separator
        ("f*ck this", "f ck this"),  # no risk word fits
        ("*so* tired", "*so* tired"),  # emphasis, not a masked letter
    ],
)
def test_a_masked_risk_word_is_read_as_the_one_word_it_fits(text: str, words: str) -> None:
    assert normalise(text).words == words
