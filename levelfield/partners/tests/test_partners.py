"""Partner organisations, as the collective's members use them: recording who we work
with, their contacts and what we did for them, with income kept exactly and every change
to it in the history; people outside see nothing and their refused posts write nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.partners import services
from levelfield.partners.models import Contact, Organisation, Work
from levelfield.people.models import User

pytestmark = pytest.mark.django_db


def client_for(person: User | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def organisation_make(world, name: str = "Riverside City Council", **extra) -> Organisation:
    values = {"name": name, "kind": "council", "website": "", "notes": "", "active": True}
    values.update(extra)
    organisation = services.organisation_create(
        place=world.collective_place,
        actor=world.member,
        values=values,
        relationships=["commissioner"],
    )
    organisation.place = world.collective_place
    return organisation


def work_values(**extra) -> dict:
    values = {
        "kind": "training",
        "title": "Co-production training",
        "started_on": datetime.date(2026, 3, 2),
        "ended_on": datetime.date(2026, 3, 3),
        "project": None,
        "event": None,
        "income": Decimal("2400.00"),
        "notes": "",
    }
    values.update(extra)
    return values


ORGANISATION_FORM = {
    "name": "Northfield University Health Policy Unit",
    "kind": "university",
    "relationships": ["commissioner", "partner"],
    "website": "www.northfield.example.ac.uk",
    "notes": "",
    "active": "yes",
}


def test_a_member_adds_an_organisation_with_two_relationships_and_sees_it_listed(world):
    client = client_for(world.collective_member)
    response = client.post(
        reverse("partners:place_create", args=[world.collective_place.pk]), ORGANISATION_FORM
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.website == "https://www.northfield.example.ac.uk"
    assert sorted(organisation.relationships.values_list("relationship", flat=True)) == [
        "commissioner",
        "partner",
    ]
    page = client.get(reverse("partners:place_list", args=[world.collective_place.pk]))
    assert page.status_code == 200
    assert "Northfield University Health Policy Unit" in page.content.decode()
    # Its ways of working, in short and in order, in its row.
    assert '<td class="govuk-table__cell">Commissioner, Partner</td>' in page.content.decode()
    assert Change.objects.filter(action="partner_added", collective=world.collective).exists()


def test_the_collective_page_links_to_partner_organisations(world):
    organisation_make(world)
    page = client_for(world.member).get(
        reverse("collectives:detail", args=[world.collective.slug])
    )
    assert (
        reverse("partners:place_list", args=[world.collective_place.pk]) in page.content.decode()
    )


@pytest.mark.parametrize("who", ["outsider", "former"])
def test_people_outside_the_collective_get_404_and_their_posts_write_nothing(world, who):
    organisation = organisation_make(world)
    Contact.objects.create(organisation=organisation, name="Tom Okoye", email="tom@example.org")
    client = client_for(getattr(world, who))
    place = world.collective_place.pk
    for url in (
        reverse("partners:place_list", args=[place]),
        reverse("partners:organisation", args=[place, organisation.pk]),
        reverse("partners:contact_add", args=[place, organisation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Tom Okoye" not in response.content.decode()
    changes = Change.objects.count()
    assert (
        client.post(reverse("partners:place_create", args=[place]), ORGANISATION_FORM).status_code
        == 404
    )
    assert (
        client.post(
            reverse("partners:organisation_delete", args=[place, organisation.pk])
        ).status_code
        == 404
    )
    assert Organisation.objects.count() == 1
    assert Change.objects.count() == changes


def test_a_project_or_group_address_is_a_404_even_for_its_members(world):
    client = client_for(world.member)
    for place in (world.project_place, world.group):
        assert client.get(reverse("partners:place_list", args=[place.pk])).status_code == 404


def test_an_empty_form_shows_gov_uk_messages_naming_each_field(world):
    client = client_for(world.member)
    response = client.post(reverse("partners:place_create", args=[world.collective_place.pk]), {})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name of the organisation." in text
    assert "Choose what kind of organisation it is." in text
    assert "Choose at least one way we work with them." in text
    assert "This field is required" not in text
    assert not Organisation.objects.exists()


def test_the_same_name_twice_is_refused_whatever_its_capitals(world):
    organisation_make(world, name="Carers Together")
    response = client_for(world.member).post(
        reverse("partners:place_create", args=[world.collective_place.pk]),
        {**ORGANISATION_FORM, "name": "carers together"},
    )
    assert "carers together is already recorded: choose another name." in response.content.decode()
    assert Organisation.objects.count() == 1


def test_bad_work_is_refused_with_messages_naming_the_field(world):
    organisation = organisation_make(world)
    url = reverse("partners:work_add", args=[world.collective_place.pk, organisation.pk])
    response = client_for(world.member).post(
        url,
        {
            "kind": "training",
            "title": "Training",
            "started_on": "2026-03-10",
            "ended_on": "2026-03-01",
            "income": "-5",
        },
    )
    text = response.content.decode()
    assert "The end date must be on or after the start date." in text
    assert "Income cannot be less than £0." in text
    response = client_for(world.member).post(
        url, {"kind": "training", "title": "Training", "started_on": "31 2 2026", "income": "lots"}
    )
    text = response.content.decode()
    assert "Enter the start date as a real date, like 27 3 2027." in text
    assert "Enter the income as an amount in pounds and pence, like 1250.00." in text
    assert not Work.objects.exists()


def test_work_with_income_is_recorded_and_every_change_to_income_is_in_the_history(world):
    organisation = organisation_make(world)
    client = client_for(world.member)
    place = world.collective_place.pk
    response = client.post(
        reverse("partners:work_add", args=[place, organisation.pk]),
        {
            "kind": "training",
            "title": "Co-production training for the unit",
            "started_on": "2 3 2026",
            "ended_on": "2026-03-03",
            "project": str(world.project.pk),
            "income": "2400.5",
        },
    )
    assert response.status_code == 302
    work = Work.objects.get()
    assert work.income == Decimal("2400.50")
    assert work.project == world.project
    added = Change.objects.get(action="partner_work_added")
    assert added.after["income"] == "2400.50"
    client.post(
        reverse("partners:work_edit", args=[place, organisation.pk, work.pk]),
        {
            "kind": "training",
            "title": "Co-production training for the unit",
            "started_on": "2026-03-02",
            "income": "2600.00",
        },
    )
    changed = Change.objects.get(action="partner_work_changed")
    assert (changed.before["income"], changed.after["income"]) == ("2400.50", "2600.00")
    page = client.get(reverse("partners:organisation", args=[place, organisation.pk]))
    assert "£2,600.00" in page.content.decode()
    listed = client.get(reverse("partners:place_list", args=[place]))
    assert "£2,600.00" in listed.content.decode()


def test_a_project_of_another_collective_cannot_be_linked(world):
    from levelfield.collectives.tests.factories import CollectiveFactory
    from levelfield.projects.tests.factories import ProjectFactory

    organisation = organisation_make(world)
    # The one collective the world lacks: a second one, so a project outside Riverside
    # can be offered to Riverside's organisation and refused.
    northside = CollectiveFactory(name="Northside Health Voices", slug="northside")
    elsewhere = ProjectFactory(collective=northside, title="Someone else's study")
    with pytest.raises(services.PartnerError):
        services.work_add(
            organisation=organisation, actor=world.member, values=work_values(project=elsewhere)
        )
    response = client_for(world.member).post(
        reverse("partners:work_add", args=[world.collective_place.pk, organisation.pk]),
        {"kind": "project", "title": "x", "started_on": "2026-03-02", "project": elsewhere.pk},
    )
    assert "Choose one of the collective’s projects." in response.content.decode()
    assert not Work.objects.exists()


def test_contacts_with_and_without_an_account_are_shown_to_members_only(world):
    organisation = organisation_make(world)
    client = client_for(world.member)
    place = world.collective_place.pk
    url = reverse("partners:contact_add", args=[place, organisation.pk])
    assert client.post(url, {"name": "", "email": "not an address"}).status_code == 200
    response = client.post(url, {})
    assert (
        "Enter the contact’s name, or choose them from the members." in response.content.decode()
    )
    client.post(url, {"name": "Tom Okoye", "role": "Strategy lead", "email": "tom@example.org"})
    client.post(url, {"person": world.coordinator.pk, "role": "Secondment"})
    assert Contact.objects.count() == 2
    page = client.get(reverse("partners:organisation", args=[place, organisation.pk]))
    text = page.content.decode()
    assert "Tom Okoye" in text and "tom@example.org" in text and "Cora" in text
    # The history says a contact was added, never who.
    assert not Change.objects.filter(summary__contains="Tom").exists()


def test_an_outsider_cannot_be_chosen_as_a_contact_with_an_account(world):
    organisation = organisation_make(world)
    response = client_for(world.member).post(
        reverse("partners:contact_add", args=[world.collective_place.pk, organisation.pk]),
        {"person": world.outsider.pk},
    )
    assert "Choose a member of the collective from the list." in response.content.decode()
    assert not Contact.objects.exists()


def test_deleting_asks_first_then_deletes_with_a_note_in_the_history(world):
    organisation = organisation_make(world)
    services.work_add(organisation=organisation, actor=world.member, values=work_values())
    client = client_for(world.member)
    url = reverse(
        "partners:organisation_delete", args=[world.collective_place.pk, organisation.pk]
    )
    asked = client.get(url)
    assert "Yes, delete it" in asked.content.decode()
    assert Organisation.objects.exists()
    assert client.post(url).status_code == 302
    assert not Organisation.objects.exists() and not Work.objects.exists()
    deleted = Change.objects.get(action="partner_deleted")
    assert deleted.before["income"] == ["2400.00"]


def test_erasure_removes_a_persons_contact_rows(world):
    from levelfield.home.services import person_delete

    organisation = organisation_make(world)
    Contact.objects.create(organisation=organisation, person=world.collective_member)
    Contact.objects.create(
        organisation=organisation, name="Cal at work", email=world.collective_member.email
    )
    Contact.objects.create(organisation=organisation, name="Someone else")
    person_delete(person=world.collective_member)
    assert list(Contact.objects.values_list("name", flat=True)) == ["Someone else"]


def test_the_download_has_a_persons_contact_rows(world):
    from levelfield.partners.personal import export

    organisation = organisation_make(world)
    Contact.objects.create(organisation=organisation, person=world.member, role="Adviser")
    [row] = export(world.member)["partner_contacts"]
    assert row["organisation"] == "Riverside City Council"
    assert row["role"] == "Adviser"


def _queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_an_organisations_page_cost_the_same_queries_at_two_sizes(world):
    client = client_for(world.member)
    place = world.collective_place.pk
    first = organisation_make(world, name="Organisation 0")
    for number in range(1, 3):
        organisation_make(world, name=f"Organisation {number}")
    services.work_add(organisation=first, actor=world.member, values=work_values())
    Contact.objects.create(organisation=first, name="One")
    list_url = reverse("partners:place_list", args=[place])
    detail_url = reverse("partners:organisation", args=[place, first.pk])
    small = (_queries_for(client, list_url), _queries_for(client, detail_url))
    for number in range(3, 30):
        organisation = organisation_make(world, name=f"Organisation {number}")
        Contact.objects.create(organisation=organisation, name="Someone")
    for _ in range(20):
        services.work_add(
            organisation=first, actor=world.member, values=work_values(project=world.project)
        )
        Contact.objects.create(organisation=first, name="More")
    assert (_queries_for(client, list_url), _queries_for(client, detail_url)) == small


def test_a_project_page_shows_the_partners_linked_to_its_work_without_contacts(world):
    organisation = organisation_make(world, name="Research Fund")
    Contact.objects.create(organisation=organisation, name="Sam Whitfield", email="s@example.org")
    services.work_add(
        organisation=organisation,
        actor=world.member,
        values=work_values(kind="project", title="Grant for the study", project=world.project),
    )
    organisation_make(world, name="Unlinked Trust")
    page = client_for(world.member).get(
        reverse("partners:place_linked", args=[world.project_place.pk])
    )
    text = page.content.decode()
    assert "Research Fund" in text and "Grant for the study" in text
    assert "Unlinked Trust" not in text
    assert "Sam Whitfield" not in text and "£" not in text
    # Someone in the collective but not in the project gets a 404.
    outside = client_for(world.group_member).get(
        reverse("partners:place_linked", args=[world.project_place.pk])
    )
    assert outside.status_code == 404
