"""An event's page keeps what is the same for everyone who may see it (its organisers,
agenda, files and minutes) per the event's `shown_version`, which every service that
changes them moves, and the register form keeps its empty fields (issue 25). Each change
still shows at once, to the right people."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import AgendaStatus, Event, MaterialAudience
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import Perspective, PerspectiveKind, User
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ORGANISERS_LINKS = "For the organisers"


def _page(client: Client, event: Event, person: User) -> str:
    client.force_login(person)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _organisers_column(page: str) -> str:
    return page[page.index("govuk-grid-column-one-third") :]


def test_a_new_organiser_shows_and_may_organise_at_once_and_stops_at_once(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = plan()
    page = _page(client, event, member)
    assert "Cal" not in _organisers_column(page) and ORGANISERS_LINKS not in page

    services.event_update(
        event=event, actor=organiser, values=event_values(), organisers=[organiser, member]
    )
    page = _page(client, event, member)
    assert "Cal" in _organisers_column(page) and ORGANISERS_LINKS in page

    services.event_update(event=event, actor=organiser, values=event_values(), organisers=[])
    page = _page(client, event, member)
    assert "Cal" not in _organisers_column(page) and ORGANISERS_LINKS not in page


def test_a_proposed_then_arranged_agenda_item_shows_at_once(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member, notify=False)
    page = _page(client, event, member)
    assert "The agenda is not set yet." in page and "other proposal" not in page

    item = services.agenda_item_propose(event=event, person=member, title="Parking costs")
    page = _page(client, event, member)
    assert "See 1 other proposal" in page and "Parking costs" not in page

    choice = services.AgendaChoice(
        item=item, status=AgendaStatus.TAKEN, position=1, reason="Asked by many"
    )
    services.agenda_arrange(event=event, actor=organiser, choices=[choice])
    page = _page(client, event, member)
    assert "Parking costs" in page and "Asked by many" in page
    assert "The agenda is not set yet." not in page and "other proposal" not in page


def test_files_show_at_once_to_whom_they_are_for_and_go_at_once(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = plan()
    services.registration_create(event=event, person=member, notify=False)
    onlooker = UserFactory(display_name="Ona")
    CollectiveMembershipFactory(collective=collective, person=onlooker)
    for person in (organiser, member, onlooker):  # each kind of reader's files kept
        assert "Slides for people coming" not in _page(client, event, person)

    material = services.material_add(
        event=event,
        actor=organiser,
        upload=SimpleUploadedFile("x.pdf", PDF),
        title="Slides for people coming",
        kind="slides",
        visible_to=MaterialAudience.REGISTERED,
    )
    assert "Slides for people coming" in _page(client, event, organiser)
    assert "Slides for people coming" in _page(client, event, member)
    assert "Slides for people coming" not in _page(client, event, onlooker)

    services.material_remove(material=material, actor=organiser)
    assert "Slides for people coming" not in _page(client, event, member)
    assert "No files yet." in _page(client, event, organiser)


def test_minutes_show_as_a_draft_then_agreed_at_once(
    client: Client, plan: Callable[..., Event], organiser: User
) -> None:
    event = plan()
    assert "Minutes" not in _page(client, event, organiser)

    services.minutes_save(event=event, actor=organiser, text="We chose **Thursdays**.")
    page = _page(client, event, organiser)
    assert "Read the draft minutes" in page and "Thursdays" not in page

    services.minutes_agree(event=event, actor=organiser)
    page = _page(client, event, organiser)
    assert "Agreed by Mo" in page and "<strong>Thursdays</strong>" in page
    assert "Read the draft minutes" not in page


def test_a_page_read_again_reads_none_of_the_kept_pieces(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member, notify=False)
    services.agenda_item_propose(event=event, person=member, title="Parking costs")
    _page(client, event, member)
    with CaptureQueriesContext(connection) as queries:
        _page(client, event, member)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("events_agendaitem", "events_material", "events_minutes"):
        assert f'FROM "{table}"' not in read
    assert 'JOIN "events_event_organisers"' not in read  # the organisers' names


def _checked(page: str) -> list[str]:
    return re.findall(r'value="([^"]*)"[^>]*checked', page)


def test_the_register_forms_kept_fields_follow_the_persons_perspective_needs_and_language(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = plan()
    url = reverse("events:register", args=[event.pk])
    client.force_login(member)
    assert _checked(client.get(url).content.decode()) == [""]  # "I would rather not say"

    Perspective.objects.create(person=member, kind=PerspectiveKind.CARER)
    page = client.get(url).content.decode()
    assert _checked(page) == [PerspectiveKind.CARER]
    assert "Which perspective do you bring" in page

    client.cookies["django_language"] = "cy"
    page = client.get(url).content.decode()
    del client.cookies["django_language"]
    assert "Pa safbwynt ydych chi" in page and "Which perspective do you bring" not in page
    assert _checked(page) == [PerspectiveKind.CARER]

    member.access_needs = "Step-free access, please"
    member.save(update_fields=["access_needs"])
    page = client.get(url).content.decode()
    assert "Step-free access, please" in page and "Share the access needs" in page
    client.force_login(organiser)  # the same first perspective ("") as before, no needs
    page = client.get(url).content.decode()
    assert "Step-free access, please" not in page and _checked(page) == [""]

    client.force_login(member)
    response = client.post(url, {"perspective": "not-a-perspective"})
    assert response.status_code == 200  # a posted form shows its own values and errors
    assert "Select a valid choice" in response.content.decode()


def test_an_organiser_who_deletes_their_account_leaves_a_kept_page_at_once(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    from levelfield.home.services import person_delete

    event = plan()
    services.event_update(
        event=event, actor=organiser, values=event_values(), organisers=[organiser, member]
    )
    assert "Cal" in _organisers_column(_page(client, event, organiser))

    person_delete(person=member)
    assert "Cal" not in _organisers_column(_page(client, event, organiser))
