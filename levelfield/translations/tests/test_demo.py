"""The demo shows translations as members make them: Welsh by Maggie, one out of date."""

from __future__ import annotations

import pytest

from levelfield.translations.models import Translation
from levelfield.translations.shown import shown_list

pytestmark = pytest.mark.django_db


def test_the_demo_has_welsh_translations_one_of_them_out_of_date(demo: None) -> None:
    translations = list(Translation.objects.select_related("translated_by", "content_type"))
    kinds = {row.content_type.model for row in translations}
    assert {"story", "publicpage", "opportunity"} <= kinds
    assert {row.language for row in translations} == {"cy"}
    assert {row.translated_by.display_name for row in translations} == {"Maggie Lawson"}

    originals = [
        row.content_type.get_object_for_this_type(pk=row.object_id) for row in translations
    ]
    shown = shown_list(originals, language="cy")
    assert sum(item.out_of_date for item in shown) == 1
