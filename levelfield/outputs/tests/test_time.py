"""A conference talk can be paid time: a member records the speakers' time from the
talk's page into the place's involvement log (through the log's one writer), the page
says when and for how many people, recording twice asks to confirm, and a speaker
claims the time as they claim any meeting."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives import roles
from levelfield.history.models import Change
from levelfield.outputs import services
from levelfield.outputs.models import Kind, OutputTime
from levelfield.outputs.tests.factories import client_for, output_make
from levelfield.payments.models import Claim
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory
from levelfield.projects import services as project_services
from levelfield.projects.models import InvolvementEntry, Participation

pytestmark = pytest.mark.django_db

TALK_DAY = datetime.date(2026, 6, 4)  # the clock fixture is 10 June 2026


@pytest.fixture
def talk(world):
    """A talk in the project given by Mo (a member), Cora (the coordinator) and Kai
    Turner, credited without an account."""
    output = output_make(
        place=world.project_place,
        actor=world.member,
        kind=Kind.TALK,
        title="Being believed: first appointments",
        date=TALK_DAY,
        venue="Public Involvement Conference, Leeds",
        doi="",
    )
    services.contributor_add(actor=world.member, output=output, person=world.member)
    services.contributor_add(actor=world.member, output=output, person=world.coordinator)
    services.contributor_add(actor=world.member, output=output, name="Kai Turner")
    return output


def _time_form(world, **changes: str) -> dict[str, str]:
    return {
        "title": "Spoke at Public Involvement Conference, Leeds: Being believed",
        "happened_on": "2026-06-04",
        "stage": "dissemination",
        "kind": "other",
        f"took_part_{world.member.pk}": "on",
        f"hours_{world.member.pk}": "2",
        f"took_part_{world.coordinator.pk}": "on",
        f"hours_{world.coordinator.pk}": "1",
        **changes,
    }


def test_the_form_lists_members_prefills_the_activity_and_names_who_cannot_be_paid(
    world, talk, clock
) -> None:
    page = client_for(world.coordinator).get(reverse("outputs:time_record", args=[talk.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Spoke at Public Involvement Conference, Leeds: Being believed: first appointments" in (
        text
    )
    assert f'name="hours_{world.member.pk}"' in text
    assert f'name="hours_{world.coordinator.pk}"' in text
    assert "Kai Turner is credited without an account here" in text
    assert 'value="2026-06-04"' in text  # the talk's date
    assert 'value="dissemination" checked' in text
    assert not InvolvementEntry.objects.exists()  # GET never writes


def test_a_coordinator_records_the_speakers_time_and_a_speaker_claims_it(
    world, talk, clock
) -> None:
    policy = PaymentPolicyFactory(collective=world.collective)
    RateFactory(policy=policy)
    detail = reverse("outputs:detail", args=[talk.pk])
    coordinator = client_for(world.coordinator)
    assert "Record time for this output" in coordinator.get(detail).content.decode()

    response = coordinator.post(reverse("outputs:time_record", args=[talk.pk]), _time_form(world))
    assert response.status_code == 302 and response["Location"] == detail
    entry = InvolvementEntry.objects.get()
    assert (entry.place, entry.happened_on, entry.stage, entry.recorded_by) == (
        world.project_place,
        TALK_DAY,
        "dissemination",
        world.coordinator,
    )
    assert dict(entry.participations.values_list("person_id", "minutes")) == {
        world.member.pk: 120,
        world.coordinator.pk: 60,
    }
    assert OutputTime.objects.get().entry == entry
    # The log's writer recorded the entry in the place's history; the output's history
    # says its time was recorded.
    assert Change.objects.filter(subject_type="involvemententry", subject_id=entry.pk).exists()
    assert Change.objects.filter(
        subject_type="output", subject_id=talk.pk, action="output_time_recorded"
    ).exists()
    page = coordinator.get(detail).content.decode()
    assert "Time recorded: 2 people, 3 hours on 4 June 2026" in page
    assert reverse("places:log_entry", args=[world.project_place.pk, entry.pk]) in page

    # Mo, who spoke, claims the talk as any other activity.
    speaker = client_for(world.member)
    claim_new = reverse("payments:claim_new", args=[world.collective.slug])
    form = speaker.get(claim_new).content.decode()
    assert "Spoke at Public Involvement Conference, Leeds: Being believed" in form
    mine = Participation.objects.get(entry=entry, person=world.member)
    response = speaker.post(claim_new, {"participations": [mine.pk], "choice": "fee"})
    claim = Claim.objects.get()
    assert response["Location"] == reverse("payments:claim", args=[claim.pk])
    assert (claim.claimant, claim.fee_total) == (world.member, Decimal("50.00"))  # 2 h at £25
    mine.refresh_from_db()
    assert mine.claim_line is not None


def test_recording_twice_asks_to_confirm(world, talk, clock) -> None:
    coordinator = client_for(world.coordinator)
    url = reverse("outputs:time_record", args=[talk.pk])
    coordinator.post(url, _time_form(world))
    page = coordinator.get(url).content.decode()
    assert "Time for this output was already recorded on 4 June 2026" in page

    response = coordinator.post(url, _time_form(world))
    assert response.status_code == 200
    assert "Confirm that you want to record time for this output again" in (
        response.content.decode()
    )
    assert InvolvementEntry.objects.count() == 1

    response = coordinator.post(url, _time_form(world, again="on", happened_on="2026-06-05"))
    assert response.status_code == 302
    assert InvolvementEntry.objects.count() == 2
    page = coordinator.get(reverse("outputs:detail", args=[talk.pk])).content.decode()
    assert "Time recorded: 2 people, 3 hours on 5 June 2026" in page


def test_the_service_refuses_a_second_record_unless_confirmed(world, talk) -> None:
    values = {
        "actor": world.coordinator,
        "output": talk,
        "title": "Spoke at the conference",
        "happened_on": TALK_DAY,
        "stage": "dissemination",
        "kind": "other",
        "participants": {world.member: 60},
    }
    services.output_time_record(**values)
    with pytest.raises(services.OutputError, match="already recorded on 4 June 2026"):
        services.output_time_record(**values)
    services.output_time_record(**values, again=True)
    assert OutputTime.objects.filter(output=talk).count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours_MO": "lots"}, "Enter the hours Mo spent as a number, like 1.5"),
        ({"hours_MO": "0"}, "The hours Mo spent must be more than 0"),
        ({"hours_MO": "25"}, "The hours Mo spent must be 24 or fewer"),
        ({"hours_MO": ""}, "Enter how many hours Mo spent, like 1.5"),
        ({"happened_on": "2026-06-20"}, "The date cannot be in the future"),
        ({"happened_on": "not a day"}, "Enter a real date, for example 27/3/2026"),
        ({"title": ""}, "Enter what the activity was"),
        ({"stage": ""}, "Choose the research stage"),
        ({"took_part_MO": "", "took_part_CORA": ""}, "Tick at least one person who took part"),
    ],
)
def test_bad_answers_are_refused_with_a_message_naming_the_field(
    world, talk, clock, changes, message
) -> None:
    ids = {"MO": str(world.member.pk), "CORA": str(world.coordinator.pk)}
    for key, value in ids.items():
        changes = {name.replace(key, value): v for name, v in changes.items()}
    response = client_for(world.coordinator).post(
        reverse("outputs:time_record", args=[talk.pk]), _time_form(world, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InvolvementEntry.objects.exists()
    assert not OutputTime.objects.exists()


def test_a_contributor_who_left_the_place_cannot_have_time_recorded(world, talk, clock) -> None:
    project_services.project_leave(project=world.project, person=world.member)
    url = reverse("outputs:time_record", args=[talk.pk])
    coordinator = client_for(world.coordinator)
    page = coordinator.get(url).content.decode()
    assert "Not a member of" in page and f'name="hours_{world.member.pk}"' not in page
    response = coordinator.post(url, _time_form(world))
    assert response.status_code == 200
    assert (
        f"Mo is not a member of {world.project_place.name}, so their time cannot be recorded "
        "here" in response.content.decode()
    )
    assert not InvolvementEntry.objects.exists()
    # The service holds the same rule for callers without the form.
    with pytest.raises(services.OutputError, match="Mo is not a member"):
        services.output_time_record(
            actor=world.coordinator,
            output=talk,
            title="Spoke",
            happened_on=TALK_DAY,
            stage="dissemination",
            kind="other",
            participants={world.member: 60},
        )


def test_only_people_credited_on_the_output_are_recorded(world, talk) -> None:
    other = output_make(place=world.project_place, actor=world.member, title="Another paper")
    services.contributor_add(actor=world.member, output=other, person=world.member)
    with pytest.raises(services.OutputError, match="Cora is not credited"):
        services.output_time_record(
            actor=world.member,
            output=other,
            title="Wrote it",
            happened_on=TALK_DAY,
            stage="dissemination",
            kind="writing",
            participants={world.coordinator: 60},
        )
    assert not InvolvementEntry.objects.exists()


def test_people_outside_get_a_404_and_a_wrong_output_too(world, talk) -> None:
    url = reverse("outputs:time_record", args=[talk.pk])
    for person in (world.outsider, world.former, world.collective_member, world.group_member):
        client = client_for(person)
        assert client.get(url).status_code == 404
        assert client.post(url, _time_form(world)).status_code == 404
    missing = reverse("outputs:time_record", args=[talk.pk + 1000])
    assert client_for(world.coordinator).get(missing).status_code == 404
    assert not InvolvementEntry.objects.exists()


def test_a_member_who_may_not_record_involvement_is_refused(world, talk, monkeypatch) -> None:
    """Recording involvement is every member's today (collectives/roles.py); should the
    rule narrow, the page follows it with a 403 and says who may."""
    monkeypatch.setitem(roles.RULES, roles.Action.RECORD_INVOLVEMENT, roles.Who.THE_COORDINATOR)
    url = reverse("outputs:time_record", args=[talk.pk])
    member = client_for(world.member)
    assert (
        "Record time for this output"
        not in member.get(reverse("outputs:detail", args=[talk.pk])).content.decode()
    )
    assert member.get(url).status_code == 403
    response = member.post(url, _time_form(world))
    assert response.status_code == 403
    assert "Only the coordinator may record involvement in Living well after a stroke" in (
        response.content.decode()
    )
    assert not InvolvementEntry.objects.exists()
    assert client_for(world.coordinator).get(url).status_code == 200


def test_the_output_page_asks_the_same_number_of_queries_with_many_records(world, talk) -> None:
    client = client_for(world.member)
    detail = reverse("outputs:detail", args=[talk.pk])
    values = {
        "actor": world.member,
        "output": talk,
        "title": "Spoke",
        "happened_on": TALK_DAY,
        "stage": "dissemination",
        "kind": "other",
        "participants": {world.member: 60},
    }
    services.output_time_record(**values)
    client.get(detail)
    with CaptureQueriesContext(connection) as one:
        client.get(detail)
    for _ in range(5):
        services.output_time_record(**values, again=True)
    with CaptureQueriesContext(connection) as six:
        client.get(detail)
    assert len(six) == len(one)
