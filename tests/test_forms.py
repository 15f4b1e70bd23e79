"""Every form of the app builds and renders its choice fields in the shape WTForms keeps (SelectChoice)."""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from wtforms import SelectChoice, SelectField
from wtforms.fields.choices import SelectFieldBase

import forum
from forum.forms import Form, offer_zones
from forum.leaders.forms import CourseForm
from forum.leaders.routes import category_choices


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def form_classes() -> list[type[Form]]:
    """Every Form subclass in forum/, after importing each `forms` module (a new area's forms are found too)."""
    for info in pkgutil.walk_packages(forum.__path__, "forum."):
        if info.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(info.name)
    return sorted(set(_subclasses(Form)), key=lambda c: f"{c.__module__}.{c.__qualname__}")


@contextmanager
def wtforms_deprecations_fail() -> Iterator[None]:
    """Turn WTForms' deprecation warnings (tuple choices, dicts, callables, old render_option) into errors."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=DeprecationWarning, module="wtforms")
        # Some are attributed to the caller's frame: catch those by what they say.
        warnings.filterwarnings("error", category=DeprecationWarning, message=r"(?s).*wtforms")
        yield


def _not_select_choices(form: Form) -> list[str]:
    """Render every choice field (as the templates do) and name those holding anything but SelectChoice."""
    wrong = []
    for field in form:
        if not isinstance(field, SelectFieldBase):
            continue
        field()  # the whole <select> or list
        list(field)  # each option, as templates that lay out radios and checkboxes iterate them
        if not all(isinstance(c, SelectChoice) for c in field.choices or []):
            wrong.append(f"{type(form).__name__}.{field.name}")
    return wrong


def test_every_form_renders_its_choices_without_deprecated_shapes(app):
    classes = form_classes()
    assert len(classes) > 20  # the search found the app's forms
    wrong = []
    with app.test_request_context(), wtforms_deprecations_fail():
        for cls in classes:
            wrong += _not_select_choices(cls())
    assert wrong == []


def test_choices_set_by_views_are_select_choices(app):
    # Choices filled in per request (categories, the zones a stored record may keep) bypass the constructor's
    # warning in WTForms 3.3, so check their shape directly.
    with app.test_request_context(), wtforms_deprecations_fail():
        form = CourseForm()
        form.timezone.choices = category_choices()
        assert form.timezone.choices and _not_select_choices(form) == []
        offer_zones(form.timezone, "Etc/GMT+5", preselect=True)
        assert form.timezone.choices[-1] == SelectChoice("Etc/GMT+5")
        assert form.timezone.data == "Etc/GMT+5" and _not_select_choices(form) == []


def test_tuple_choices_a_view_assigns_fail_any_test(app, pytestconfig):
    """pyproject's filterwarnings and conftest's setter check, with no local warnings filter: the suite-wide guard."""
    if not pytestconfig.pluginmanager.has_plugin("warnings"):
        pytest.skip("pyproject's filterwarnings need pytest's warnings plugin: not under -p no:warnings")
    with app.test_request_context():
        form = CourseForm()
        with pytest.raises(DeprecationWarning, match="tuples"):
            form.timezone.choices = [("UTC", "UTC")]
        with pytest.raises(DeprecationWarning, match="dict"):
            form.timezone.choices = {"Zones": [("UTC", "UTC")]}
        form.timezone.choices = [SelectChoice("UTC")]  # the lasting shape passes
        with pytest.raises(DeprecationWarning, match="(?i)wtforms"):
            SelectField(choices=[("a", "A")]).bind(form, "late")
