"""The demo has the easy read the issue asks for: the payment policy and a story, each a
point at a time with a built-in picture, up to date and following the rules."""

from __future__ import annotations

import pytest

from levelfield.easyread import pictures, registry, rules
from levelfield.easyread.models import EasyReadVersion

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_easy_read_payment_policy_and_story(demo: None) -> None:
    versions = {
        row.content_type.model: row
        for row in EasyReadVersion.objects.select_related("content_type", "written_by")
    }
    assert set(versions) == {"paymentpolicy", "story"}
    assert 6 <= versions["paymentpolicy"].points.count() <= 8
    assert 5 <= versions["story"].points.count() <= 7
    assert versions["paymentpolicy"].written_by.display_name == "Amara Okafor"
    for version in versions.values():
        original = version.content_type.get_object_for_this_type(pk=version.object_id)
        declared = registry.for_object(original)
        assert version.source_digest == registry.source_digest(original, declared)
        for point in version.points.all():
            assert point.picture in pictures.PICTURES and point.alt
            assert rules.point_problems(point.text) == []
