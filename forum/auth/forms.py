"""Forms for sign-up, login and recovery."""

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ..forms import Form
from ..services.accounts import HANDLE_MAX, PASSWORD_MAX, PASSWORD_MIN, REGIONS


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
    region = SelectField("Where are you?", choices=list(REGIONS.items()), default="INTL",
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


class ConfirmForm(Form):
    """A button-only form (logout, new codes): its point is the CSRF token."""

    submit = SubmitField("Confirm")
