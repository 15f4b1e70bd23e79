"""Forms for joining a group and searching."""

from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from ..services.groups import JOIN_MESSAGE_MAX


class JoinForm(FlaskForm):
    """Join or ask to join; the message goes to the leaders of by-request rooms."""

    message = TextAreaField("A note to the leaders (optional)", validators=[Length(max=JOIN_MESSAGE_MAX)])
    submit = SubmitField("Join")


class LeaveForm(FlaskForm):
    """Leave a group."""

    submit = SubmitField("Leave group")
