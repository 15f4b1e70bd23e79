from forum.moderation import spans
from forum.moderation.lexicon import judge
from forum.moderation.normalise import normalise


def test_a_clause_ends_at_punctuation_and_conjunctions() -> None:
    text = "work was fine, but i want to die. see you"
    start = text.index("i want")
    left, right = spans.clause(text, start, start + len("i want to die"))
    assert text[left:right] == "i want to die"


def test_context_is_read_at_most_context_max_either_side() -> None:
    filler = "la " * 1000  # no punctuation: before the bound, the clause was the whole text
    text = filler + "i want to die " + filler
    start = text.index("i want")
    end = start + len("i want to die")
    assert spans.clause(text, start, end) == (start - spans.CONTEXT_MAX, end + spans.CONTEXT_MAX)
    assert spans.sentence(text, start, end) == (start - spans.CONTEXT_MAX, end + spans.CONTEXT_MAX)


def test_sentences_after_counts_sentence_ends() -> None:
    text = "they asked. no. honestly? no. later"
    end = text.index(".") + 1
    assert text[end : spans.sentences_after(text, end, 3)] == " no. honestly? no."
    assert spans.sentences_after("no end in sight", 2, 3) == len("no end in sight")


def test_quotes_are_looked_up_by_position() -> None:
    text = 'she said "you should starve" and i said "no"'
    quotes = spans.Quotes(text)
    assert [text[a:b] for a, b in quotes.spans] == ['"you should starve"', '"no"']
    assert quotes.around(text.index("starve")) == quotes.spans[0]
    assert quotes.around(text.index("and")) is None
    assert not spans.Quotes("no quotation here")


def test_own_thought_in_quotes_is_the_writers() -> None:
    text = "i keep thinking 'i should just disappear'"
    quotes = spans.Quotes(text)
    assert quotes.around(text.index("disappear"))
    assert not quotes.others_words(text, text.index("disappear"))
    said = "my mum said 'i should just disappear' as a joke"
    assert spans.Quotes(said).others_words(said, said.index("disappear"))


def test_history_far_from_the_phrase_in_an_unpunctuated_post_does_not_cancel_it() -> None:
    near = "years ago i wanted to die"
    assert judge(normalise(near))[0] == []  # history, in its own clause
    far = "years ago " + "la " * 300 + "i want to die"  # one clause by punctuation, but 900 characters apart
    assert [s.category for s in judge(normalise(far))[0]] == ["crisis"]
