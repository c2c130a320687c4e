"""The test world is built once per test process and shared (root conftest.py): what one
test changes, in the database or in the objects it was given, the next never sees."""

from __future__ import annotations

import pytest

from levelfield.lib.testing.world import World
from levelfield.people.models import User

# Both tests run on one pytest-xdist worker, in this order (the collection's).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("shared-world")]

_changed: list[int] = []


def test_a_test_renames_a_member_and_adds_a_person(world: World) -> None:
    world.member.display_name = "Renamed"
    world.member.save(update_fields=["display_name"])
    User.objects.create_user(email="extra@example.org", password=None, display_name="Extra")
    _changed.append(world.member.pk)


def test_the_next_test_gets_the_world_as_it_was_built(world: World) -> None:
    if not _changed:
        pytest.skip("only meaningful after the test above, in the same process")
    assert world.member.pk == _changed[0]  # the same shared world, not a new one
    assert world.member.display_name == "Mo"
    assert User.objects.get(pk=world.member.pk).display_name == "Mo"
    assert not User.objects.filter(email="extra@example.org").exists()
