"""A public contributor came to the collective's Co-Pro Cuppa: the organisers mark who
came, and the contributor claims for it in the same clicks as for a project workshop;
the annual report counts it. A standing group's meeting is claimed the same way."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.events import services as event_services
from levelfield.events.models import Audience, Event
from levelfield.events.tests.conftest import event_values
from levelfield.payments.models import Claim
from levelfield.payments.tests.conftest import PaymentsWorld
from levelfield.people.models import PaymentPreference
from levelfield.places import services as place_services
from levelfield.places.access import collective_place
from levelfield.reports.figures import Scope, involvement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _cuppa_attended(payments_world: PaymentsWorld) -> Event:
    collective = payments_world.policy.collective
    cuppa = event_services.event_create(
        place=collective_place(collective.pk),
        actor=payments_world.coordinator,
        values=event_values(title="Co-Pro Cuppa"),
    )
    registration = event_services.registration_create(
        event=cuppa, person=payments_world.contributor
    )
    Event.objects.filter(pk=cuppa.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=30),
    )
    cuppa = Event.objects.get(pk=cuppa.pk)
    return event_services.attendance_record(
        event=cuppa, actor=payments_world.coordinator, attended=[registration.pk]
    )


def test_a_contributor_claims_for_the_cuppa_like_a_workshop(
    payments_world: PaymentsWorld, client
) -> None:
    cuppa = _cuppa_attended(payments_world)
    client.force_login(payments_world.contributor)

    form = client.get(reverse("payments:claim_new", args=["riverside"])).content.decode()
    assert "Co-Pro Cuppa, Riverside Co-production Collective" in form
    assert "Design workshop" in form  # the project's time is listed the same way

    cuppa_time = cuppa.involvement_entry.participations.get()
    response = client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {"participations": [cuppa_time.pk], "choice": "fee"},
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.claimant == payments_world.contributor
    assert claim.fee_total == Decimal("37.50")  # 1.5 hours at £25, as for a meeting
    assert [line.participation for line in claim.lines.all()] == [cuppa_time]


def test_the_cuppa_is_in_the_collectives_log_and_its_annual_report(
    payments_world: PaymentsWorld, client
) -> None:
    cuppa = _cuppa_attended(payments_world)
    place = collective_place(payments_world.policy.collective_id)
    client.force_login(payments_world.member)

    log = client.get(reverse("places:log", args=[place.pk])).content.decode()

    assert "Co-Pro Cuppa" in log and "Riverside Co-production Collective" in log
    report = involvement(Scope(collective=payments_world.policy.collective, year=2026))
    # The payments_world's two project entries and the Cuppa, all in 2026.
    assert cuppa.involvement_entry.happened_on.year == 2026
    assert report["entries"] == 3


def test_someone_outside_the_collective_cannot_see_its_log(
    payments_world: PaymentsWorld, client
) -> None:
    _cuppa_attended(payments_world)
    place = collective_place(payments_world.policy.collective_id)
    client.force_login(payments_world.outsider)

    assert client.get(reverse("places:log", args=[place.pk])).status_code == 404


def test_the_home_page_says_there_is_time_to_claim_until_it_is_claimed(
    payments_world: PaymentsWorld, client
) -> None:
    cuppa = _cuppa_attended(payments_world)
    client.force_login(payments_world.contributor)

    home = client.get(reverse("home")).content.decode()

    # The Cuppa and the payments_world's two project entries, in the one collective.
    assert "Claim for your time: 3 activities not claimed yet" in home
    assert reverse("payments:claim_new", args=["riverside"]) in home
    client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {
            "participations": [
                cuppa.involvement_entry.participations.get().pk,
                payments_world.meeting.pk,
                payments_world.workshop.pk,
            ],
            "choice": "fee",
        },
    )
    assert "Claim for your time" not in client.get(reverse("home")).content.decode()


def test_nobody_is_asked_to_claim_who_said_they_do_not_want_to_be_paid(
    payments_world: PaymentsWorld, client
) -> None:
    _cuppa_attended(payments_world)
    payments_world.contributor.payment_preference = PaymentPreference.DECLINE
    payments_world.contributor.save(update_fields=["payment_preference"])
    client.force_login(payments_world.contributor)

    assert "Claim for your time" not in client.get(reverse("home")).content.decode()


def _group_meeting_attended(payments_world: PaymentsWorld) -> Event:
    """The Young People's Advisory Group meets in its own place; the contributor (Mo)
    is in the group and came."""
    collective = payments_world.policy.collective
    group = place_services.group_create(
        collective=collective,
        actor=payments_world.coordinator,
        name="Young People's Advisory Group",
        purpose="Young people advise the collective's projects.",
    )
    place_services.group_join(group=group, person=payments_world.contributor)
    meeting = event_services.event_create(
        place=group,
        actor=payments_world.coordinator,
        values=event_values(title="Group meeting", audience=Audience.MEMBERS),
    )
    registration = event_services.registration_create(
        event=meeting, person=payments_world.contributor
    )
    Event.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=30),
    )
    meeting = Event.objects.get(pk=meeting.pk)
    return event_services.attendance_record(
        event=meeting, actor=payments_world.coordinator, attended=[registration.pk]
    )


def test_a_group_member_claims_for_the_groups_meeting_like_a_workshop(
    payments_world: PaymentsWorld, client
) -> None:
    meeting = _group_meeting_attended(payments_world)
    client.force_login(payments_world.contributor)

    form = client.get(reverse("payments:claim_new", args=["riverside"])).content.decode()
    assert "Group meeting, Young People&#x27;s Advisory Group" in form

    time = meeting.involvement_entry.participations.get()
    assert meeting.involvement_entry.place == meeting.place  # the group's own log
    response = client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {"participations": [time.pk], "choice": "fee"},
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.claimant == payments_world.contributor
    assert claim.fee_total == Decimal("37.50")  # 1.5 hours at £25, as for the Cuppa
    assert [line.participation for line in claim.lines.all()] == [time]
