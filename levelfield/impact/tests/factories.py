"""Helpers for the impact tests: an impact recorded through the service, as pages do."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client

from levelfield.impact import services
from levelfield.impact.models import ForWhom, Impact, Kind
from levelfield.people.models import User
from levelfield.places.models import Place

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client_for(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def impact_make(*, place: Place, actor: User, **fields: Any) -> Impact:
    values = {
        "title": "Clinic letters rewritten",
        "what_changed": "The stroke clinic rewrote its discharge letter with patients.",
        "for_whom": ForWhom.PATIENTS,
        "for_whom_detail": "people leaving hospital after a stroke",
        "kind": Kind.PRACTICE,
        "happened_on": datetime.date(2026, 5, 20),
        "evidence": "The ward manager's email.",
        "show_publicly": False,
        **fields,
    }
    return services.impact_create(actor=actor, place=place, **values)
