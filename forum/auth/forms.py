"""Forms for sign-up, login and recovery."""

from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ..forms import Form, choices_of
from ..services.accounts import HANDLE_MAX, PASSWORD_MAX, PASSWORD_MIN, REGIONS

# What a member who deletes their account chooses for their writing.
WRITING = {
    "keep": 'Keep my posts in the threads, shown as by "a former member", so the replies to them still make sense.',
    "erase": "Erase the text of my posts, thread titles and chat messages: each one will read "
    '"[removed by its author]".',
}


class SignupForm(Form):
    """Handle and password only; email optional."""

    keep_as_typed = ("handle",)  # accounts.validate_handle refuses hidden characters with a message
    handle = StringField("Handle", validators=[DataRequired(), Length(max=HANDLE_MAX)],
                         description="Shown to everyone. Please don't use your real name.")  # fmt: skip
    password = PasswordField("Password", validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
                             description=f"At least {PASSWORD_MIN} characters. A phrase of a few words works well.")  # fmt: skip
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    email = EmailField("Email (optional)", validators=[Optional(), Length(max=254)],
                       description="Only used if you choose to add it. Never shown.")  # fmt: skip
    region = SelectField("Where are you?", choices=choices_of(REGIONS), default="INTL",
                         description="So we can show you helplines near you.")  # fmt: skip
    submit = SubmitField("Create account")


class LoginForm(Form):
    """Handle and password."""

    handle = StringField("Handle", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    remember = BooleanField("Remember me on this device")
    submit = SubmitField("Log in")


class ResetForm(Form):
    """Reset a password with a recovery code."""

    handle = StringField("Handle", validators=[DataRequired(), Length(max=64)])
    code = StringField("Recovery code", validators=[DataRequired(), Length(max=32)])
    password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)]
    )
    confirm = PasswordField(
        "Repeat new password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    submit = SubmitField("Set new password")


class ChangePasswordForm(Form):
    """The current password, then the new one twice."""

    current = PasswordField("Current password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    password = PasswordField("New password", validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
                             description=f"At least {PASSWORD_MIN} characters. A phrase of a few words works well.")  # fmt: skip
    confirm = PasswordField(
        "Repeat new password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
    submit = SubmitField("Change password")


class DeleteAccountForm(Form):
    """What happens to the member's writing, their password, and an explicit confirmation."""

    # The service checks the choice (one code path), so a forged value gets its clear message, not WTForms'.
    writing = RadioField("What happens to what you wrote?", default="keep", validate_choice=False,
                         choices=choices_of(WRITING))  # fmt: skip
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    confirm = BooleanField("I understand that my account will be deleted for good and can't be brought back.",
                           validators=[DataRequired("Tick the box to confirm that you want to delete your account.")])  # fmt: skip
    submit = SubmitField("Delete my account")


class ConfirmForm(Form):
    """A button-only form (logout, new codes): its point is the CSRF token."""

    submit = SubmitField("Confirm")
