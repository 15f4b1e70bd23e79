"""The crisis resource form."""

from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..forms import Form, choices_of
from ..services.resource_admin import TOPICS


class ResourceForm(Form):
    """One helpline or service."""

    region = StringField("Region", validators=[DataRequired(), Length(max=8)],
                         description="Two-letter country code (GB, US ...) or INTL for everywhere.")  # fmt: skip
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    description = StringField("Description", validators=[Length(max=300)])
    phone = StringField("Phone", validators=[Length(max=40)])
    text = StringField("Text", validators=[Length(max=80)], description='For example "Text SHOUT to 85258".')
    web = StringField("Web address", validators=[Length(max=300)])
    hours = StringField("Hours", validators=[Length(max=80)])
    topics = SelectMultipleField("Specialist topics", choices=choices_of(TOPICS), validate_choice=True,
                                 description="Leave empty for a general service.")  # fmt: skip
    position = IntegerField("Order", default=0, validators=[Optional(), NumberRange(min=0, max=999)])
    is_active = BooleanField("Shown to members", default=True)
    submit = SubmitField("Save")
