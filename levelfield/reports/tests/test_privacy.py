"""What a report never shows: access needs, one person's payment, anyone's name."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from levelfield.events import services as event_services
from levelfield.events.models import Audience, Event, Registration
from levelfield.events.tests.conftest import event_values
from levelfield.payments.models import Claim
from levelfield.reports.figures import Scope, figures_for
from levelfield.reports.sections import statements_for
from levelfield.reports.tests.factories import YEAR, known_project, paid_claims

pytestmark = pytest.mark.django_db


def test_access_needs_one_persons_payment_and_names_never_appear() -> None:
    known = known_project(checkin=False)
    event = event_services.event_create(
        place=known.project.place,
        actor=known.member,
        values=event_values(audience=Audience.MEMBERS, capacity=20),
    )
    for person in known.team.members:
        event_services.registration_create(event=event, person=person)
    Registration.objects.filter(event=event).update(
        attended=True,
        access_needs="Needs a hearing loop and a quiet room",
        access_needs_shared_at=timezone.now(),
    )
    past = timezone.now() - datetime.timedelta(days=30)
    Event.objects.filter(pk=event.pk).update(
        starts_at=past, ends_at=past + datetime.timedelta(hours=1)
    )
    claims = paid_claims(known.collective, known.team.members[:5], [7, 7, 7, 7, 7])
    Claim.objects.filter(pk=claims[0].pk).update(fee_total=Decimal("123.45"))

    for scope in (
        Scope(collective=known.collective, project=known.project),
        Scope(collective=known.collective, year=YEAR),
    ):
        figures = figures_for(scope)
        kind = "gripp2" if scope.project else "annual"
        # As a version keeps them (translatable labels as text: reports/services.py).
        everything = json.dumps([figures, statements_for(kind, figures)], cls=DjangoJSONEncoder)
        assert "hearing loop" not in everything
        assert "123.45" not in everything
        for person in known.team.members:
            assert person.name not in everything and person.email not in everything
    assert figures["events"]["attendances"] == 10
    assert figures["payments"]["fees"] == "203.45"
