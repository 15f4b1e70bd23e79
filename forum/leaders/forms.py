"""Forms of the leaders' settings area; the services hold the rules, so fields only carry the input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Optional

from ..forms import Form, choices_of
from ..moderation.types import CATEGORIES
from ..services.settings_rules import canonical_timezones

TIMEZONES = canonical_timezones()
VISIBILITY = {"public": "Public: anyone can read", "members": "Listed, but only members read the threads",
              "unlisted": "Unlisted: only members know it exists"}  # fmt: skip
JOINING = {"open": "Open: anyone can join", "request": "By request: a leader approves",
           "invite": "By invitation link only"}  # fmt: skip
PREMODERATION = {"off": "Off", "new_members": "New members' posts are checked first",
                 "everyone": "Every post is checked first"}  # fmt: skip
LEVELS = {"lenient": "Lenient", "standard": "Standard", "strict": "Strict"}
CATEGORY_LABELS = {"crisis": "Crisis (can't be lenient)", "self_harm": "Self-harm", "pro_harm": "Pro-harm content",
                   "harassment": "Harassment", "spam": "Spam", "rule": "Room rules (numbers)"}  # fmt: skip
RECURRENCE = {"none": "Once", "weekly": "Every week", "monthly": "Every month (same date)"}


def _select(label: str, options: Mapping[str, str] | Iterable[str], **kw: object) -> SelectField:
    # The services check the value and explain a refusal; a WTForms "Not a valid choice" would say less.
    return SelectField(label, choices=choices_of(options), validate_choice=False, **kw)


class AboutForm(Form):
    """Name, description, rules, welcome message, category."""

    name = StringField("Name")
    description = TextAreaField("Short description", description="Shown in group lists. Plain text.")
    rules = TextAreaField("Rules", description="Markdown works here. Shown on the group page.")
    welcome = TextAreaField("Welcome message", description="Markdown. Shown once to each new member.")
    category_id = _select("Category", [])
    submit = SubmitField("Save")


class AccessForm(Form):
    """Visibility and joining."""

    visibility = _select("Who can see the group", VISIBILITY)
    joining = _select("How people join", JOINING)
    submit = SubmitField("Save")


class DecisionForm(Form):
    """Approve or decline a join request, with an optional message to the person."""

    user_id = HiddenField()
    message = TextAreaField("Message to them (optional)")
    approve = SubmitField("Approve")
    decline = SubmitField("Decline")


class InvitationForm(Form):
    """A new invitation link."""

    days = StringField("Valid for (days)", default="7")
    max_uses = StringField("Number of uses", description="Leave blank for no limit.")
    submit = SubmitField("Create link")


class OfferForm(Form):
    """Offer a role to an existing member."""

    handle = StringField("Member's handle")
    role = _select("Role", {"moderator": "Moderator", "leader": "Co-leader"})
    submit = SubmitField("Offer role")


class ItemForm(Form):
    """A button acting on one item (a user, an invitation, a resource)."""

    item_id = HiddenField()
    submit = SubmitField("Confirm")


class ModerationForm(Form):
    """Pre-moderation, numbers rule, strictness, watched words, required content warnings."""

    premoderation = _select("Pre-moderation", PREMODERATION)
    numbers_rule = BooleanField(
        "Numbers rule: no weights, calories, sizes or exercise amounts",
        description="Such posts wait for a moderator; with “Room rules” set to lenient the numbers are masked.",
    )
    watched_words = TextAreaField("Watched words", description="One per line as “word: action”; the action is "
                                  "flag, hold, mask or block; * is a wildcard (thin*: hold).")  # fmt: skip
    required_cw_topics = TextAreaField("Topics that need a content warning",
                                       description="One per line. Posts mentioning them must carry a warning.")  # fmt: skip


for _cat in CATEGORIES:
    # Crisis is not offered as lenient: the site's safety floor (the service refuses it too).
    _levels = {k: v for k, v in LEVELS.items() if not (_cat == "crisis" and k == "lenient")}
    setattr(ModerationForm, f"strict_{_cat}", _select(CATEGORY_LABELS[_cat], _levels, default="standard"))
ModerationForm.submit = SubmitField("Save")


class ChatForm(Form):
    """Slow mode, open hours, meetings only, read-only."""

    slow_mode_seconds = StringField("Slow mode (seconds between a member's messages; 0 is off)", default="0")
    chat_open_hours = TextAreaField("Open hours", description="One range per line in the group's time zone, like "
                                    "“Mon-Fri 18:00-22:00”, “Sat,Sun 10:00-12:00” or “Wed 19:00-20:30”. "
                                    "Leave empty to keep chat open at all times.")  # fmt: skip
    chat_meetings_only = BooleanField("Open only during meetings")
    chat_read_only = BooleanField("Read-only: members can read but not write")
    submit = SubmitField("Save")


class CourseForm(Form):
    """The group's time zone and course dates."""

    id_prefix = "course-"  # shares the meetings page with the meeting form, which has its own time zone

    timezone = _select("Group time zone", TIMEZONES)
    starts_on = DateField("Course starts on", validators=[Optional()])
    ends_on = DateField("Course ends on", validators=[Optional()],
                        description="After this date the group becomes read-only.")  # fmt: skip
    submit = SubmitField("Save")


class MeetingForm(Form):
    """A meeting in the leader's time zone."""

    title = StringField("Title")
    description = TextAreaField("Description (optional)")
    start_date = DateField("Date (of the first meeting)", validators=[Optional()])
    start_time = TimeField("Start time", validators=[Optional()])
    timezone = _select("Time zone", TIMEZONES)
    duration_minutes = StringField("Length in minutes", default="60")
    recurrence = _select("Repeats", RECURRENCE)
    until = DateField("Last date (optional)", validators=[Optional()])
    submit = SubmitField("Save meeting")


class ResourceForm(Form):
    """Pin a link."""

    title = StringField("Title")
    url = StringField("Web address", description="Starting with https:// or http://")
    note = TextAreaField("Note (optional)")
    submit = SubmitField("Pin")


class CreateGroupForm(Form):
    """Start a new group."""

    name = StringField("Name")
    description = TextAreaField("Short description")
    category_id = _select("Category", [])
    visibility = _select("Who can see the group", VISIBILITY)
    joining = _select("How people join", JOINING)
    submit = SubmitField("Create group")
