"""App manifests: each app declares its part, and the project finds every one."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from levelfield.lib.manifests import AppManifest, Erasure, in_order, manifests


def _person_fields_in_models() -> set[str]:
    """Every ForeignKey, OneToOne and ManyToMany to the user model, as "app.Model.field"."""
    user = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is user:
                found.add(f"{model._meta.app_label}.{model.__name__}.{field.name}")
    return found


def test_every_levelfield_app_is_found_with_its_own_label() -> None:
    labels = [manifest.label for manifest in manifests()]
    levelfield_apps = [
        config.label
        for config in apps.get_app_configs()
        # home holds nothing of its own: it reads every other app's manifest.
        if config.name.startswith("levelfield.") and config.label != "home"
    ]
    assert labels == levelfield_apps


def test_every_field_pointing_at_a_person_is_declared_by_one_manifest() -> None:
    declared = [field.path for manifest in manifests() for field in manifest.person_fields]
    assert len(declared) == len(set(declared)), "a field is declared by two manifests"
    assert set(declared) == _person_fields_in_models()


def test_every_app_holding_a_person_exports_and_erases_them() -> None:
    for manifest in manifests():
        if manifest.person_fields:
            assert manifest.export is not None, manifest.label
            assert manifest.erase is not None, manifest.label
        for field in manifest.person_fields:
            if field.erasure is Erasure.KEEP:
                assert field.because, f"{field.path} is kept without a stated reason"


def test_apps_run_after_those_they_name_and_otherwise_in_installed_order() -> None:
    first = AppManifest(label="first", demo_after=("third",))
    second = AppManifest(label="second")
    third = AppManifest(label="third", demo_after=("not_installed",))
    ordered = in_order([first, second, third], lambda manifest: manifest.demo_after)
    assert [manifest.label for manifest in ordered] == ["second", "third", "first"]


def test_apps_waiting_for_each_other_are_named() -> None:
    one = AppManifest(label="one", demo_after=("two",))
    two = AppManifest(label="two", demo_after=("one",))
    with pytest.raises(ValueError, match="one, two"):
        in_order([one, two], lambda manifest: manifest.demo_after)
