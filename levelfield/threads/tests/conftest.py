"""Threads' tests use the shared world: the project (Cora and Mo in it), the Allies
Group (Mo and Gita) and the collective's own place (everyone but Fern and Olu)."""

from __future__ import annotations

import pytest
from django.test import Client

from levelfield.threads import services


@pytest.fixture
def as_person():
    def client_for(person) -> Client:
        client = Client()
        client.force_login(person)
        return client

    return client_for


@pytest.fixture
def thread(world):
    return services.thread_start(
        place=world.project_place,
        author=world.coordinator,
        title="Where should the interviews happen?",
        body="At home or at the stroke club?",
    )
