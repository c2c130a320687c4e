"""Documents made the way people make them: through the services, so every document
has its first version, its paragraphs and an author."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.documents import services
from levelfield.documents.models import Document, Paragraph, WhoMayTakePart
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.places.models import Place

POLICY_TEXT = """# Paying people for their time

We pay public contributors for the time they give to research, at the rates below.

- Meetings: £25 an hour.
- Reading papers at home: £25 an hour.

# Expenses

We pay travel and care costs within 14 days of a claim.

Receipts are needed for amounts over £20."""


def member_of(collective: Collective, **person: object) -> User:
    user = UserFactory(**person)
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


def document_make(
    *,
    collective: Collective | None = None,
    place: Place | None = None,
    author: User | None = None,
    text: str = POLICY_TEXT,
    title: str = "Payment policy",
    questions: tuple[str, ...] = ("Does this capture the key principles?",),
    who_may_take_part: str = WhoMayTakePart.MEMBERS,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
) -> Document:
    """A document in `place`, or in `collective`'s own place (a new collective's if
    neither is given)."""
    if place is None:
        place = collective_place((collective or CollectiveFactory()).pk)
    author = author or member_of(place.collective, display_name="Gordon")
    today = timezone.localdate()
    return services.document_start(
        started_by=author,
        place=place,
        title=title,
        purpose="How we pay people for their time and costs.",
        text=text,
        questions=questions,
        opens_on=opens_on or today,
        closes_on=closes_on or today + datetime.timedelta(days=28),
        who_may_take_part=who_may_take_part,
    )


def paragraph_of(document: Document, position: int, version: int | None = None) -> Paragraph:
    """A paragraph of the current version (or of `version`) by its position."""
    versions = document.versions.order_by("-number")
    chosen = versions.get(number=version) if version else versions.first()
    return chosen.paragraphs.get(position=position)


def client_for(person: User) -> Client:
    """A browser signed in as `person`."""
    client = Client()
    client.force_login(person)
    return client
