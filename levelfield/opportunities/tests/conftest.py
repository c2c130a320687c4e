"""An opportunity in the world's project, in each state the tests need."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from levelfield.lib.testing.world import World
from levelfield.opportunities import services
from levelfield.opportunities.models import Involvement, Mode, Opportunity, Region, Topic
from levelfield.opportunities.tests.topics import topics_restore
from levelfield.people.models import PerspectiveKind


def values(**changes: Any) -> dict[str, Any]:
    """What a writer fills in, as the service takes it."""
    return {
        "title": "Stroke survivors to shape our study",
        "summary": "Help us plan a study of life at home after a stroke.",
        "who_for": "People who have had a stroke, and their carers.",
        "perspectives": [PerspectiveKind.LIVED_EXPERIENCE, PerspectiveKind.CARER],
        "time_needed": "2 hours a month",
        "mode": Mode.ONLINE,
        "region": Region.ANYWHERE,
        "paid": True,
        "payment": "£25 an hour",
        "involvement": Involvement.ADVISORY_GROUP,
        "closes_on": timezone.localdate() + datetime.timedelta(days=14),
        **changes,
    }


def make(world: World, *, state: str = "live", **changes: Any) -> Opportunity:
    """An opportunity by the member in the world's project, taken to `state`."""
    opportunity = services.opportunity_create(
        place=world.project_place,
        actor=world.member,
        topics=Topic.objects.filter(slug="stroke"),
        **values(**changes),
    )
    if state == "draft":
        return opportunity
    opportunity = services.opportunity_submit(opportunity=opportunity, actor=world.member)
    if state == "submitted":
        return opportunity
    return services.opportunity_publish(opportunity=opportunity, actor=world.coordinator)


@pytest.fixture
def listed(world: World) -> World:
    """The world with Riverside listed in the directory, so live ones are on the board."""
    world.collective.listed = True
    world.collective.save(update_fields=["listed"])
    return world


@pytest.fixture(autouse=True)
def _topics(db: None) -> None:
    topics_restore()
