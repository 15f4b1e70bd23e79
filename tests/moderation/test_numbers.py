import pytest

from forum.moderation import numbers
from forum.moderation.normalise import normalise
from forum.moderation.types import Context, RoomRules

ED = Context(rules=RoomRules(topic="eating-disorders", numbers_rule=True))

POSITIVE = [
    "i weigh 45kg",
    "down to 98 lbs",
    "7st 4lb now",
    "i'm 8 stone",
    "lost 10 pounds",
    "my bmi is 16.5",
    "bmi 17",
    "bmi of 16.5",
    "had 800 kcal",
    "under 1200 calories",
    "eating 1200 a day",
    "size 6 jeans",
    "now a UK 8",
    "size 00",
    "24 inch waist",
    "waist is 60cm",
    "10k steps",
    "ran 8 miles",
    "2 hours at the gym",
    "burned 500 today",
    "100 sit ups",
    "i weigh seven stone",
    "down to forty five kilos",
    "down to forty-five kg",
    "seven stone four pounds now",
    "a hundred and ten pounds",
    "ate five hundred calories",
    "bmi of sixteen",
    "size zero goals",
]
NEGATIVE = [
    "i'm 17",
    "17 years old",
    "on 21st march",
    "at 7pm",
    "3 hours of sleep",
    "it cost £20",
    "$5 coffee",
    "paid 20 pounds",
    "day 40 of recovery",
    "call 07700 900123",
    "1st time posting",
    "back in 2019",
    "we meet at 10:30",
    "call samaritans on 116 123",
    "i have 2 cats",
    "burned out after 5 years",
    "two birds with one stone",
    "i'm seventeen",
    "at seven tonight",
    "it cost twenty pounds",
    "three years in recovery",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_numbers_caught_and_masked(text: str) -> None:
    sigs = numbers.detect(text, normalise(text), ED)
    assert sigs and all(s.category == "rule" for s in sigs)
    masked = numbers.masked_text(text, ED)
    assert masked is not None and numbers.MASK in masked


@pytest.mark.parametrize("text", NEGATIVE)
def test_other_numbers_left_alone(text: str) -> None:
    assert numbers.detect(text, normalise(text), ED) == []


def test_rule_off_outside_ed_rooms() -> None:
    assert numbers.detect("i weigh 45kg", normalise("i weigh 45kg"), Context()) == []


def test_mask_keeps_the_words_around() -> None:
    assert numbers.masked_text("my bmi is 16.5 now", ED) == "my bmi is [number removed] now"
