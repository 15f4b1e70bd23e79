"""Profile settings form."""

from wtforms import BooleanField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..forms import Form, choices_of
from ..services.accounts import REGIONS
from ..services.profiles import BIO_MAX
from ..services.settings_rules import canonical_timezones

TIMEZONES = canonical_timezones()


class ProfileForm(Form):
    """Bio, region for helplines, time zone for meeting times."""

    bio = TextAreaField("About you (optional)", validators=[Length(max=BIO_MAX)],
                        description="Markdown. Please leave out anything that could identify you.")  # fmt: skip
    region = SelectField("Region", choices=choices_of(REGIONS))
    # The service checks the zone (and keeps one saved before only canonical zones were offered).
    timezone = SelectField("Time zone", choices=choices_of(TIMEZONES), validate_choice=False)
    show_groups = BooleanField("Show the rooms I belong to on my profile",
                               description="Members-only rooms are only ever shown to their own members. "
                               "Site moderators can always see your rooms.")  # fmt: skip
    submit = SubmitField("Save")
