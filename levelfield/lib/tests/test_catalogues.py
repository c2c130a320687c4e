"""Compacting the translation catalogues changes how fast a word is looked up, never
what it translates to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils.translation import trans_real

from levelfield.lib.catalogues import translation_compact

COUNTS = (0, 1, 2, 3, 6, 8, 11, 21)


@pytest.fixture
def fresh_translations() -> Iterator[None]:
    """Translation objects built anew by Django, uncompacted; dropped again afterwards so
    later tests build their own."""
    trans_real._translations = {}
    yield
    trans_real._translations = {}


def _every_message(translation: object) -> set[object]:
    keys: set[object] = set()
    link = translation
    while link is not None:
        catalog = getattr(link, "_catalog", None) or {}
        keys.update(catalog.keys())
        link = getattr(link, "_fallback", None)
    return keys


def _readings(translation: object, keys: set[object]) -> dict[object, object]:
    """What each message reads as: singular lookups, and each plural at several counts."""
    # Called through names of their own, so that `make messages` does not take the
    # made-up sentences below for words to translate.
    read, read_plural = translation.gettext, translation.ngettext
    readings: dict[object, object] = {}
    for key in keys:
        if isinstance(key, tuple):
            singular = key[0]
            readings[key] = tuple(read_plural(singular, singular + " (plural)", n) for n in COUNTS)
        else:
            readings[key] = read(key)
    readings["a sentence no catalogue has"] = read("a sentence no catalogue has")
    readings["plural no catalogue has"] = tuple(
        read_plural("one thing", "many things", n) for n in COUNTS
    )
    return readings


@pytest.mark.usefixtures("fresh_translations")
def test_every_message_in_every_language_reads_the_same_after_compacting() -> None:
    languages = [code for code, _name in settings.LANGUAGES]
    translations = {code: trans_real.translation(code) for code in languages}
    keys = {code: _every_message(translation) for code, translation in translations.items()}
    assert len(keys["cy"]) > 5_000, "the Welsh catalogues were not found"
    before = {code: _readings(translations[code], keys[code]) for code in languages}

    for code in languages:
        translation_compact(translations[code])

    after = {code: _readings(translations[code], keys[code]) for code in languages}
    for code in languages:
        changed = [key for key in before[code] if before[code][key] != after[code][key]]
        assert not changed, f"{code}: {changed[:5]}"


@pytest.mark.usefixtures("fresh_translations")
def test_welsh_is_one_dictionary_and_english_has_no_empty_fallbacks() -> None:
    welsh = trans_real.translation("cy")
    english = trans_real.translation(settings.LANGUAGE_CODE)
    assert len(welsh._catalog._catalogs) > 1  # as Django builds it

    translation_compact(welsh)

    assert len(welsh._catalog._catalogs) == 1
    assert welsh._fallback is english  # Welsh still falls back to British English
    assert english._fallback is None  # its five empty fallbacks are gone
    read = welsh.gettext
    assert read("Save") != "Save"
