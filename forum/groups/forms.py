"""Forms for joining a group and searching."""

from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from ..forms import Form
from ..services.groups import JOIN_MESSAGE_MAX


class JoinForm(Form):
    """Join or ask to join; the message goes to the leaders of by-request rooms."""

    message = TextAreaField("A note to the leaders (optional)", validators=[Length(max=JOIN_MESSAGE_MAX)])
    submit = SubmitField("Join")


class LeaveForm(Form):
    """Leave a group."""

    submit = SubmitField("Leave group")
