"""Forms for threads and posts."""

from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import Form
from ..services.posting import CW_MAX, TITLE_MAX

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
    submit = SubmitField("Post thread")


class PostForm(Form):
    """Reply to a thread, or edit a post."""

    body = TextAreaField(
        "Your reply",
        validators=[DataRequired("Please write something before posting.")],
        description="Markdown works here.",
    )
    content_warning = StringField("Content warning", validators=[Length(max=CW_MAX)], description=CW_HELP)
    submit = SubmitField("Post reply")


class ActionForm(Form):
    """A button-only form (delete, react): its point is the CSRF token."""

    submit = SubmitField("Confirm")
