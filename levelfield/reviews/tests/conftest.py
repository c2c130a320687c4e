from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
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
class ReviewWorld:
    """The one test world with a review group of two (Mo and Gita). Cora coordinates
    the collective but is not in the group; Cal is in the collective only; Rita is a
    researcher from outside; Olu has an account and nothing else."""

    collective: Collective
    group: ReviewGroup
    member: User
    group_member: User
    coordinator: User
    collective_member: User
    researcher: User
    outsider: User


@pytest.fixture
def review_world(world: World) -> ReviewWorld:
    """Riverside's review group, set up by Cora; Mo and Gita join it. Rita, the
    researcher who asks for reviews, is the one person the world lacks: an account
    that belongs to nothing here."""
    group = services.group_set_up(
        collective=world.collective,
        actor=world.coordinator,
        name="Research partners group",
        about="We review plans.",
        form_guidance="Send us your plan.",
        report_back_days=30,
    )
    place_services.group_join(group=group.place, person=world.member)
    place_services.group_join(group=group.place, person=world.group_member)
    return ReviewWorld(
        collective=world.collective,
        group=group,
        member=world.member,
        group_member=world.group_member,
        coordinator=world.coordinator,
        collective_member=world.collective_member,
        researcher=UserFactory(display_name="Rita"),
        outsider=world.outsider,
    )
