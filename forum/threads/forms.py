"""Forms for threads and posts."""

from uuid import uuid4

from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..forms import Form
from ..services.posting import CW_MAX, TITLE_MAX

SUBMISSION_KEY = r"^[0-9a-fA-F-]{8,36}$"
CW_HELP = 'Optional. A short label like "self-harm" or "loss"; readers choose to open the post.'


class ThreadForm(Form):
    """Start a thread."""

    title = StringField("Title", validators=[DataRequired("Please write a title."), Length(max=TITLE_MAX)])
    body = TextAreaField(
        "Your post",
        validators=[DataRequired("Please write something before posting.")],
        description="Markdown works here.",
    )
    content_warning = StringField("Content warning", validators=[Length(max=CW_MAX)], description=CW_HELP)
    # One key per rendered form: sending the same form twice (double click, back and resend) creates one thread.
    submission_key = HiddenField(
        default=lambda: str(uuid4()), validators=[Optional(), Regexp(SUBMISSION_KEY)]
    )
    submit = SubmitField("Post thread")


class PostForm(Form):
    """Reply to a thread, or edit a post."""

    body = TextAreaField(
        "Your reply",
        validators=[DataRequired("Please write something before posting.")],
        description="Markdown works here.",
    )
    content_warning = StringField("Content warning", validators=[Length(max=CW_MAX)], description=CW_HELP)
    submission_key = HiddenField(
        default=lambda: str(uuid4()), validators=[Optional(), Regexp(SUBMISSION_KEY)]
    )
    submit = SubmitField("Post reply")


class ActionForm(Form):
    """A button-only form (delete, react): its point is the CSRF token."""

    submit = SubmitField("Confirm")
