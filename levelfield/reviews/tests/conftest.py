from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.reviews import services
from levelfield.reviews.models import ReviewGroup


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    """Uploaded documents go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@dataclass
class World:
    """A collective with a review group of two (Amara and Ben); Cora coordinates the
    collective but is not in the group; Dev is in the collective only; Rita is a
    researcher from outside; Olu has an account and nothing else."""

    collective: Collective
    group: ReviewGroup
    amara: User
    ben: User
    cora: User
    dev: User
    rita: User
    olu: User


@pytest.fixture
def world(db: None) -> World:
    collective = CollectiveFactory(name="Northside Collective", slug="northside")
    people = {
        name: UserFactory(display_name=name.title())
        for name in ("amara", "ben", "cora", "dev", "rita", "olu")
    }
    for name in ("amara", "ben", "dev"):
        CollectiveMembershipFactory(collective=collective, person=people[name])
    CollectiveMembershipFactory(collective=collective, person=people["cora"], is_coordinator=True)
    group = services.group_set_up(
        collective=collective,
        actor=people["cora"],
        name="Research partners group",
        about="We review plans.",
        form_guidance="Send us your plan.",
        report_back_days=30,
    )
    place_services.group_join(group=group.place, person=people["amara"])
    place_services.group_join(group=group.place, person=people["ben"])
    return World(collective=collective, group=group, **people)
