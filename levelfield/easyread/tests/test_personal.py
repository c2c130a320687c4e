"""A writer's easy-read versions are in their data download; erasing them keeps the easy
read for its readers without their name (issue 28)."""

from __future__ import annotations

import pytest

from levelfield.easyread import services
from levelfield.easyread.models import EasyReadVersion
from levelfield.easyread.services import PointInput
from levelfield.home.services import person_data_export, person_delete
from levelfield.lib.testing.world import World
from levelfield.payments.models import PaymentPolicy

pytestmark = pytest.mark.django_db


def test_the_data_download_has_the_easy_read_a_person_wrote(
    world: World, policy: PaymentPolicy
) -> None:
    services.easy_read_save(
        obj=policy,
        title="Getting paid",
        points=[PointInput("We pay you.", "money"), PointInput("Ask Cora.", "help")],
        actor=world.coordinator,
    )

    rows = person_data_export(person=world.coordinator)["easy_read_you_wrote"]

    assert rows == [
        {
            "what": f"payment policy {policy.pk}",
            "written": rows[0]["written"],
            "title": "Getting paid",
            "points": ["We pay you.", "Ask Cora."],
        }
    ]
    assert person_data_export(person=world.member)["easy_read_you_wrote"] == []


def test_erasure_keeps_the_easy_read_without_the_writers_name(
    world: World, policy: PaymentPolicy
) -> None:
    services.easy_read_save(
        obj=policy,
        title="Getting paid",
        points=[PointInput("Ask Cora about money.", "help")],
        actor=world.coordinator,
    )

    person_delete(person=world.coordinator)

    version = EasyReadVersion.objects.get()
    assert version.written_by is None
    text = version.points.get().text
    assert "Cora" not in text and "about money." in text
