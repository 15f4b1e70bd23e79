"""Forms for threads and posts."""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..services.posting import CW_MAX, TITLE_MAX

CW_HELP = 'Optional. A short label like "self-harm" or "loss"; readers choose to open the post.'


class ThreadForm(FlaskForm):
    """Start a thread."""

    title = StringField("Title", validators=[DataRequired(), Length(max=TITLE_MAX)])
    body = TextAreaField("Your post", validators=[DataRequired()], description="Markdown works here.")
    content_warning = StringField("Content warning", validators=[Length(max=CW_MAX)], description=CW_HELP)
    submit = SubmitField("Post thread")


class PostForm(FlaskForm):
    """Reply to a thread, or edit a post."""

    body = TextAreaField("Your reply", validators=[DataRequired()], description="Markdown works here.")
    content_warning = StringField("Content warning", validators=[Length(max=CW_MAX)], description=CW_HELP)
    submit = SubmitField("Post reply")


class ActionForm(FlaskForm):
    """A button-only form (delete, react): its point is the CSRF token."""

    submit = SubmitField("Confirm")
