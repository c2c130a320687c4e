"""No form shows Django's default error messages ("This field is required.", "Enter a
valid email address." ...): every message names the field, GOV.UK style ("Enter your
email address"). This walks every form class in levelfield, as each is built for a page."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import levelfield

# Django's own words for the mistakes a person can make by typing; a form that lets one
# of these through shows a person a message that does not say which field is wrong.
DEFAULT_MESSAGES = {
    str(message)
    for field_class in (
        forms.Field,
        forms.CharField,
        forms.EmailField,
        forms.IntegerField,
        forms.DecimalField,
        forms.FloatField,
        forms.DateField,
        forms.TimeField,
        forms.DateTimeField,
        forms.URLField,
    )
    for key, message in field_class.default_error_messages.items()
    if key in {"required", "invalid"}
}


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(levelfield.__path__, "levelfield."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or not name.endswith(("forms", "form")):
            continue
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__.startswith("levelfield.")
                and not inspect.isabstract(value)
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


def _fields(form_class: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The fields as the page builds them when it needs no arguments, else as declared."""
    for kwargs in ({}, {"user": None}):
        try:
            return form_class(**kwargs).fields
        except Exception:  # noqa: BLE001, S112 - then try the next way, or the declared fields
            continue
    return form_class.base_fields


def _default_messages(form_class: type[forms.BaseForm]) -> list[str]:
    offenders = []
    for name, field in _fields(form_class).items():
        if isinstance(field, forms.BooleanField) and not field.required:
            continue
        if isinstance(field.widget, forms.HiddenInput):
            continue  # set by the page, not typed: a person has nothing to correct
        keys = ["invalid"]
        if field.required:
            keys.append("required")
        for key in keys:
            message = field.error_messages.get(key)
            if message is not None and str(message) in DEFAULT_MESSAGES:
                offenders.append(f"{name}: {key} -> {message}")
    return offenders


FORMS = _form_classes()


def _name(form_class: type[forms.BaseForm]) -> str:
    return f"{form_class.__module__}.{form_class.__name__}"


def test_the_walk_finds_the_forms() -> None:
    names = {form.__name__ for form in FORMS}
    assert {"SignupForm", "RegistrationForm", "ProfileForm"} <= names


@pytest.mark.parametrize(
    "form_class",
    [pytest.param(form, id=_name(form)) for form in FORMS],
)
def test_no_form_field_uses_a_django_default_message(form_class: type[forms.BaseForm]) -> None:
    assert _default_messages(form_class) == []
