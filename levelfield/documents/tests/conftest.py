"""Documents tests start from the one test world (levelfield/lib/testing/world.py):
Riverside collective, Mo (who writes the document) and Gita, both members."""

from __future__ import annotations

import pytest

from levelfield.documents.tests.factories import document_make
from levelfield.lib.testing.world import World


@pytest.fixture
def collective(world: World):
    return world.collective


@pytest.fixture
def mo(world: World):
    return world.member


@pytest.fixture
def gita(world: World):
    return world.group_member


@pytest.fixture
def document(collective, mo):
    return document_make(collective=collective, author=mo)
