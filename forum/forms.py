"""The base of every form: user text goes through the one cleaning step (forum.text_input) before validation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms import Form as _WTForm

from .services.settings_rules import usable_zone, zone_choices
from .text_input import clean_text


def _clean_if_text(value: object) -> object:
    # Absent fields keep None: only text a person typed is cleaned (passwords are left exactly as typed).
    return clean_text(value) if isinstance(value, str) else value


class Form(FlaskForm):
    """FlaskForm whose text fields strip direction controls and invisible ends, and treat blank text as empty.

    A page often carries several forms, so ids must not clash: a form whose field names repeat another form's on
    the same page sets `id_prefix` (ids change, field names do not), and submit buttons and the hidden CSRF token,
    which no label points at, get no id at all.
    """

    id_prefix = ""
    # Fields whose service refuses hidden characters with a message, rather than have them silently removed
    # here: a handle typed with a zero-width space must not quietly become another handle.
    keep_as_typed: tuple[str, ...] = ()

    class Meta:
        def bind_field(self, form: _WTForm, unbound_field: object, options: dict) -> Field:
            """Add the cleaning filter in front of a text field's own filters; give the field its page id."""
            cls = unbound_field.field_class
            as_typed = issubclass(cls, PasswordField) or options["name"] in getattr(form, "keep_as_typed", ())
            if issubclass(cls, StringField) and not as_typed:
                options["filters"] = [_clean_if_text, *unbound_field.kwargs.get("filters", ())]
            prefix = getattr(form, "id_prefix", "")
            if prefix and "id" not in unbound_field.kwargs:
                options["id"] = prefix + options["name"]
            field = unbound_field.bind(form=form, **options)
            if issubclass(cls, SubmitField) or options["name"] == getattr(
                self, "csrf_field_name", "csrf_token"
            ):
                field.id = False  # rendered without an id attribute
            return field


def choices_of(options: Mapping[str, str] | Iterable[str]) -> list[SelectChoice]:
    """Options for a select, radio or multiple-select field: a value -> label mapping, or values that are their
    own labels."""
    # WTForms 3.3 deprecates (value, label) tuples and 3.4 is to remove them: SelectChoice is the lasting shape.
    if isinstance(options, Mapping):
        return [SelectChoice(value, label) for value, label in options.items()]
    return [SelectChoice(value) for value in options]


def offer_zones(field: SelectField, stored: str | None, preselect: bool) -> None:
    """Time zone choices for a record that has `stored`; with `preselect`, show it selected by its canonical name."""
    # A zone saved before only canonical ones were offered must not fall back to the first option (UTC) unseen.
    field.choices = choices_of(zone_choices(stored))
    if preselect:
        field.data = usable_zone(stored)
