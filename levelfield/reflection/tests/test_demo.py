"""The demo shows check-ins believably: the collective's rounds with a trend, and the
Allies Group's own round, open, with too few answers yet for results to show."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.lib.manifests import NavigationEntry
from levelfield.lib.testing.world import World
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.places.navigation import entries_for
from levelfield.places.services import group_join
from levelfield.reflection import demo
from levelfield.reflection.models import CheckInRound, Phase, Respondent

pytestmark = pytest.mark.django_db

KEYS = demo.PUBLIC + demo.PROFESSIONALS + ("leah",)


def test_the_demo_has_an_open_round_in_the_allies_group_and_is_safe_to_run_again(
    world: World,
) -> None:
    # The demo answers as its own cast (keyed by name), so the cast joins Riverside, and
    # four of them the world's Allies Group, where the demo opens the group's round.
    people = {key: UserFactory(display_name=key.title()) for key in KEYS}
    for person in people.values():
        CollectiveMembershipFactory(collective=world.collective, person=person)
    for key in ("gordon", "maggie", "leah", "dev"):
        group_join(group=world.group, person=people[key])

    demo.demo_load(collective=world.collective, people=people)
    demo.demo_load(collective=world.collective, people=people)

    own = CheckInRound.objects.in_place(collective_place(world.collective.pk))
    assert sorted(own.values_list("title", flat=True)) == [
        "Autumn check-in",
        "Spring check-in",
        "Winter check-in",
    ]
    checkin = CheckInRound.objects.in_place(world.group).get()
    assert checkin.phase(timezone.now()) == Phase.OPEN
    answered = Respondent.objects.filter(round=checkin).count()
    assert 0 < answered < settings.MINIMUM_ANONYMOUS_GROUP


def _labels(entries: list[NavigationEntry]) -> set[str]:
    return {entry.label for entry in entries}


def test_every_place_links_to_its_check_ins_and_a_project_to_its_evidence() -> None:
    for kind in ("collective", "group", "project"):
        assert "Check-ins: how equally are we working?" in _labels(entries_for(kind))
    assert "Evidence from the record" in _labels(entries_for("project"))
    assert "Evidence from the record" not in _labels(entries_for("group"))
    assert "Evidence from the record" not in _labels(entries_for("collective"))
