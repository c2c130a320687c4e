"""Helpers for the outputs tests: an output recorded through the service, as pages do."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client

from levelfield.outputs import services
from levelfield.outputs.models import Kind, Output
from levelfield.people.models import User
from levelfield.places.models import Place


def client_for(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def output_make(*, place: Place, actor: User, **fields: Any) -> Output:
    values = {
        "kind": Kind.PAPER,
        "title": "Being believed first time",
        "date": datetime.date(2026, 3, 12),
        "venue": "Research Involvement and Engagement",
        "doi": "10.1186/s40900-026-00001-2",
        "show_publicly": False,
        **fields,
    }
    return services.output_create(actor=actor, place=place, **values)
