"""Decisions tests start from the one test world (levelfield/lib/testing/world.py).

`team` is a project of members who share their perspectives, made as a second project in
the world's collective (the decisions' counts need members the world does not have);
its outsider is Olu. `collective_team` is the world's collective with Mo, Gita and Cal.
"""

from __future__ import annotations

from typing import Any

import pytest

from levelfield.decisions.tests.factories import Team, make_team
from levelfield.lib.testing.world import World


@pytest.fixture
def team(world: World) -> Team:
    return make_team(collective=world.collective, outsider=world.outsider)


@pytest.fixture
def collective_team(world: World) -> tuple[Any, list[Any]]:
    return world.collective, [world.member, world.group_member, world.collective_member]
