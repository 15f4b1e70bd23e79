"""Forms for reports, moderator actions, notes and preferences.

Choice fields do not validate their choices here: the services do, with messages a person can act on.
"""

from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import Form, choices_of
from ..services.moderator_actions import ACTIONS, DETAIL_MAX, MUTE_HOURS, REASON_MAX, SUSPEND_DAYS
from ..services.moderator_tools import NOTE_MAX, OPTABLE_CATEGORIES
from ..services.reports import NOTE_MAX as REPORT_NOTE_MAX
from ..services.reports import REPORT_TYPES


class ReportForm(Form):
    """Tell the moderators about a post, thread, message or profile."""

    report_type = RadioField("What is the problem?", choices=choices_of(REPORT_TYPES), validate_choice=False)
    note = TextAreaField("Anything the moderators should know? (optional)",
                         validators=[Length(max=REPORT_NOTE_MAX, message=f"Keep the note under {REPORT_NOTE_MAX} "
                                                                          "characters.")],
                         description="The person you report is never told who reported them.")  # fmt: skip
    submit = SubmitField("Send report")


class ActionForm(Form):
    """One moderator action with its reason; some actions take a duration or a detail."""

    action = RadioField(
        "Action", choices=choices_of({k: a.label for k, a in ACTIONS.items()}), validate_choice=False
    )
    reason = TextAreaField("Reason", validators=[Length(max=REASON_MAX)],
                           description="Kept in the log. Hide, remove, edit, warn, mute, ban and suspend tell the "
                                       "author this reason.")  # fmt: skip
    hours = SelectField(
        "Mute for",
        choices=choices_of({str(h): f"{h} hour{'' if h == 1 else 's'}" for h in MUTE_HOURS}),
        validate_choice=False,
    )
    days = SelectField(
        "Suspend for",
        choices=choices_of({str(d): f"{d} day{'' if d == 1 else 's'}" for d in SUSPEND_DAYS}),
        validate_choice=False,
    )
    detail = TextAreaField("Text to edit out (exactly as written)", validators=[Length(max=DETAIL_MAX)])
    replacement = StringField("Replace it with (optional)", validators=[Length(max=200)])
    version = HiddenField()
    submit = SubmitField("Do it")


class NoteForm(Form):
    """A private note about the author for the room's moderators."""

    body = TextAreaField("Note for moderators", validators=[Length(max=NOTE_MAX)])
    submit = SubmitField("Add note")


class PreferencesForm(Form):
    """Categories a moderator chooses not to see in the queue."""

    opted_out = SelectMultipleField("Leave these out of my queue", choices=choices_of(OPTABLE_CATEGORIES),
                                    option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
                                    validate_choice=False)  # fmt: skip
    submit = SubmitField("Save")


class ButtonForm(Form):
    """A button-only form: its point is the CSRF token."""

    submit = SubmitField("Confirm")
