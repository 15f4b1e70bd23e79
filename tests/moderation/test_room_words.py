"""The room's everyday words: in an addiction room a relapse is read without them (room_words)."""

from forum.moderation import room_words
from forum.moderation.classifier import ClassifierDetector
from forum.moderation.normalise import normalise
from forum.moderation.types import Context, RoomRules

ADDICTIONS = Context(rules=RoomRules(topic="addictions"))


class RelapseReader:
    """A stand-in model that reads any relapse as self-harm, as the real one does without the room."""

    thresholds = {"crisis": 0.5, "self_harm": 0.5, "pro_harm": 0.5, "harassment": 0.5, "spam": 0.5}

    def predict(self, words: str) -> tuple[dict[str, float], float]:
        harm = 0.9 if "relaps" in words else 0.2
        return {"none": 1 - harm, "crisis": 0.0, "self_harm": harm, "pro_harm": 0.0, "harassment": 0.0,
                "spam": 0.0}, 1.0  # fmt: skip


def self_harm_signals(text: str, context: Context) -> list:
    found = ClassifierDetector(RelapseReader()).detect(text, normalise(text), context)
    return [s for s in found if s.category == "self_harm"]


def test_the_rooms_words_are_taken_out_only_in_its_rooms() -> None:
    words = normalise("Relapsed last night after 4 months, going to my meeting at 7").words
    (vocabulary,) = room_words.explaining(words, "addictions")
    assert vocabulary.category == "self_harm"
    assert room_words.without(words, vocabulary) == "last night after 4 months, going to my at 7"
    assert room_words.explaining(words, "general") == []
    assert room_words.explaining(words, "grief") == []


def test_any_word_of_self_harm_keeps_the_reading() -> None:
    for text in (
        "relapsed and cut again last night",
        "relapsed, hurt myself after the meeting",
        "relapse, sh again",
    ):
        assert room_words.explaining(normalise(text).words, "addictions") == [], text


def test_a_relapse_in_an_addiction_room_is_read_without_the_rooms_words() -> None:
    text = "relapsed last night after 4 months. going to my meeting at 7"
    (general,) = self_harm_signals(text, Context())
    (in_room,) = self_harm_signals(text, ADDICTIONS)
    assert in_room.score < general.score
    assert in_room.reason.endswith("read without the addictions room words)")
    assert "read without" not in general.reason


def test_self_harm_told_in_an_addiction_room_keeps_its_full_reading() -> None:
    text = "relapsed on the self harm last night after 4 months"
    assert self_harm_signals(text, ADDICTIONS)[0].score == self_harm_signals(text, Context())[0].score
