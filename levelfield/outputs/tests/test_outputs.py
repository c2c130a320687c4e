"""Members record what their place made and credit everyone who made it; people outside
learn nothing; bad ORCID iDs and DOIs are refused with a message naming the field."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.jobs.models import Job
from levelfield.jobs.testing import prepared
from levelfield.outputs import services
from levelfield.outputs.models import Contributor, Credit, OrcidRecord, Output
from levelfield.outputs.tests.factories import client_for, output_make

pytestmark = pytest.mark.django_db


def _output_form(**changes: str) -> dict[str, str]:
    return {
        "kind": "paper",
        "title": "Being believed first time",
        "date": "12 3 2026",
        "venue": "Research Involvement and Engagement",
        "doi": "https://doi.org/10.1186/s40900-026-00001-2",
        "url": "",
        "summary": "What young people want from a first appointment.",
        "show_publicly": "yes",
        **changes,
    }


def test_a_member_records_a_paper_and_credits_a_public_contributor(world) -> None:
    client = client_for(world.member)
    response = client.post(
        reverse("outputs:place_create", args=[world.project_place.pk]), _output_form()
    )
    output = Output.objects.get()
    assert response["Location"] == reverse("outputs:contributor_add", args=[output.pk])
    assert output.place == world.project_place
    assert output.doi == "10.1186/s40900-026-00001-2"  # the address form, stored bare
    assert output.date == datetime.date(2026, 3, 12)
    assert output.show_publicly is True

    # A public contributor without an account here, with their ORCID iD and roles.
    add = reverse("outputs:contributor_add", args=[output.pk])
    page = client.get(add).content.decode()
    assert "Collected the data, for example ran interviews or surveys." in page
    response = client.post(
        add,
        {
            "person": "",
            "name": "Kai Turner",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
            "perspective": "young_person",
            "role_investigation": "lead",
            "role_formal_analysis": "yes",
        },
    )
    assert response.status_code == 302
    # And the member themself, whose name is copied as it is now.
    client.post(add, {"person": str(world.member.pk), "role_writing_original_draft": "equal"})

    kai, mo = Contributor.objects.order_by("position")
    assert (kai.name, kai.orcid, kai.person, kai.position) == (
        "Kai Turner",
        "0000-0002-1825-0097",
        None,
        1,
    )
    assert {(c.role, c.degree) for c in kai.credits.all()} == {
        ("investigation", "lead"),
        ("formal_analysis", ""),
    }
    assert (mo.person, mo.name, mo.position) == (world.member, world.member.name, 2)
    detail = client.get(output.get_absolute_url()).content.decode()
    assert "Kai Turner" in detail and "Investigation (lead)" in detail
    assert "https://orcid.org/0000-0002-1825-0097" in detail
    # The history says who credited whom.
    actions = set(
        Change.objects.filter(subject_type="output", subject_id=output.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == {"output_recorded", "contributor_credited"}
    history = client.get(reverse("outputs:history", args=[output.pk])).content.decode()
    assert "credited Kai Turner" in history


def test_changing_someones_credit_keeps_what_it_was_in_the_history(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    kai = services.contributor_add(
        actor=world.member, output=output, name="Kai", credits={"investigation": "lead"}
    )
    url = reverse("outputs:contributor_edit", args=[output.pk, kai.pk])
    page = client_for(world.coordinator).get(url).content.decode()
    assert 'value="lead" selected' in page
    response = client_for(world.coordinator).post(
        url, {"name": "Kai Turner", "orcid": "", "perspective": "", "role_software": "yes"}
    )
    assert response.status_code == 302
    assert [credit.role for credit in Credit.objects.all()] == ["software"]
    change = Change.objects.get(action="credit_changed")
    assert change.before["credits"] == {"investigation": "lead"}
    assert change.after["credits"] == {"software": ""}
    assert change.after["name"] == "Kai Turner"


def test_people_are_reordered_and_taken_off_after_confirming(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    first, second, third = (
        services.contributor_add(actor=world.member, output=output, name=name)
        for name in ("Ana", "Ben", "Cy")
    )
    client = client_for(world.member)
    move = reverse("outputs:contributor_move", args=[output.pk, third.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(output.contributors.values_list("name", flat=True)) == ["Ana", "Cy", "Ben"]
    remove = reverse("outputs:contributor_remove", args=[output.pk, first.pk])
    assert "Take Ana off this output?" in client.get(remove).content.decode()
    assert Contributor.objects.count() == 3  # asking writes nothing
    client.post(remove)
    assert list(output.contributors.values_list("name", "position")) == [("Cy", 1), ("Ben", 2)]
    assert Change.objects.filter(action="contributor_removed").exists()


def test_deleting_an_output_asks_first(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    client = client_for(world.member)
    url = reverse("outputs:delete", args=[output.pk])
    assert "Delete this output?" in client.get(url).content.decode()
    assert Output.objects.exists()
    response = client.post(url)
    assert response["Location"] == reverse("outputs:place_list", args=[world.project_place.pk])
    assert not Output.objects.exists()
    assert Change.objects.filter(action="output_deleted", subject_id=output.pk).exists()


@pytest.mark.parametrize(
    ("orcid", "message"),
    [
        ("0000-0002-1825-0098", "The ORCID iD’s last digit does not match the others"),
        ("1234", "Enter a real ORCID iD, like 0000-0002-1825-0097"),
    ],
)
def test_a_bad_orcid_id_is_refused_naming_the_field_and_nothing_is_written(
    world, orcid: str, message: str
) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    before = Change.objects.count()
    response = client_for(world.member).post(
        reverse("outputs:contributor_add", args=[output.pk]), {"name": "Kai", "orcid": orcid}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'href="#id_orcid"' in page  # the error summary links to the field
    assert not Contributor.objects.exists()
    assert Change.objects.count() == before


def test_a_bad_doi_is_refused_naming_the_field(world) -> None:
    response = client_for(world.member).post(
        reverse("outputs:place_create", args=[world.project_place.pk]),
        _output_form(doi="bmj.n71", title=""),
    )
    page = response.content.decode()
    assert "Enter the DOI in the right shape, like 10.1136/bmj.n71" in page
    assert "Enter the title." in page
    assert "This field is required" not in page
    assert not Output.objects.exists()


def test_no_name_and_no_member_is_refused(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    response = client_for(world.member).post(
        reverse("outputs:contributor_add", args=[output.pk]), {"person": "", "name": " "}
    )
    assert "Enter the name of the person, or choose a member." in response.content.decode()
    assert not Contributor.objects.exists()


def test_only_members_of_the_place_may_be_credited_as_members(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    response = client_for(world.member).post(
        reverse("outputs:contributor_add", args=[output.pk]),
        {"person": str(world.group_member.pk)},  # in the collective, not the project
    )
    assert "Choose someone who is a member here." in response.content.decode()
    assert not Contributor.objects.exists()
    with pytest.raises(services.OutputError):
        services.contributor_add(actor=world.member, output=output, person=world.outsider)


@pytest.mark.parametrize("who", ["outsider", "collective_member", "group_member", "former"])
def test_people_outside_the_place_get_a_404_and_change_nothing(world, who: str) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    kai = services.contributor_add(actor=world.member, output=output, name="Kai")
    client = client_for(getattr(world, who))
    before = (Output.objects.count(), Contributor.objects.count(), Change.objects.count())
    place = world.project_place.pk
    read_only = [
        reverse("outputs:place_list", args=[place]),
        reverse("outputs:place_csl_json", args=[place]),
        reverse("outputs:place_bibtex", args=[place]),
        reverse("outputs:detail", args=[output.pk]),
        reverse("outputs:history", args=[output.pk]),
        reverse("outputs:csl_json", args=[output.pk]),
        reverse("outputs:bibtex", args=[output.pk]),
    ]
    forms = [
        reverse("outputs:place_create", args=[place]),
        reverse("outputs:edit", args=[output.pk]),
        reverse("outputs:delete", args=[output.pk]),
        reverse("outputs:contributor_add", args=[output.pk]),
        reverse("outputs:contributor_edit", args=[output.pk, kai.pk]),
        reverse("outputs:contributor_remove", args=[output.pk, kai.pk]),
    ]
    for url in read_only + forms:
        assert client.get(url).status_code == 404, url
    for url in forms:
        assert client.post(url, {"name": "X", "title": "X"}).status_code == 404, url
    move = reverse("outputs:contributor_move", args=[output.pk, kai.pk])
    assert client.post(move).status_code == 404
    assert (Output.objects.count(), Contributor.objects.count(), Change.objects.count()) == before


def test_a_group_records_outputs_as_a_project_does(world) -> None:
    client = client_for(world.group_member)
    response = client.post(
        reverse("outputs:place_create", args=[world.group.pk]),
        _output_form(kind="resource", doi="", show_publicly="no"),
    )
    assert response.status_code == 302
    listed = client.get(reverse("outputs:place_list", args=[world.group.pk])).content.decode()
    assert "Being believed first time" in listed
    assert reverse("places:group", args=[world.group.pk]) in listed  # the trail


def test_the_place_navigation_links_to_outputs(world) -> None:
    page = client_for(world.member).get(reverse("projects:detail", args=[world.project.pk]))
    assert reverse("outputs:place_list", args=[world.project_place.pk]) in page.content.decode()


def test_exports_download_as_files(world) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(actor=world.member, output=output, name="Kai Turner")
    client = client_for(world.member)
    # A place's every output is prepared in the background (test_place_exports.py):
    # the address asks first, the button starts the job, its file is the download.
    bib_url = reverse("outputs:place_bibtex", args=[world.project_place.pk])
    assert "Prepare it" in client.get(bib_url).content.decode()
    assert not Job.objects.exists()
    bib = prepared(client, bib_url)
    assert bib["Content-Disposition"].startswith("attachment")
    assert "Turner, Kai" in bib.content.decode()
    csl = client.get(reverse("outputs:csl_json", args=[output.pk]))
    assert csl["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert '"family": "Turner"' in csl.content.decode()


def test_a_person_gives_their_orcid_id_once_and_it_is_copied_when_credited(world) -> None:
    client = client_for(world.member)
    bad = client.post(reverse("outputs:orcid"), {"orcid": "0000-0002-1825-0098"})
    assert "last digit does not match" in bad.content.decode()
    assert not OrcidRecord.objects.exists()
    client.post(reverse("outputs:orcid"), {"orcid": "0000000218250097"})
    assert OrcidRecord.objects.get(person=world.member).orcid == "0000-0002-1825-0097"
    output = output_make(place=world.project_place, actor=world.coordinator)
    credited = services.contributor_add(
        actor=world.coordinator, output=output, person=world.member
    )
    assert credited.orcid == "0000-0002-1825-0097"
    client.post(reverse("outputs:orcid"), {"orcid": ""})
    assert not OrcidRecord.objects.exists()


def _list_queries(client, place_pk: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("outputs:place_list", args=[place_pk])).status_code == 200
    return len(queries)


def _detail_queries(client, pk: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("outputs:detail", args=[pk])).status_code == 200
    return len(queries)


def test_pages_ask_the_same_number_of_queries_however_many_outputs(world) -> None:
    client = client_for(world.member)

    def add(count: int) -> Output:
        for number in range(count):
            output = output_make(place=world.project_place, actor=world.member, title=f"T{number}")
            for name in ("Ana", "Ben", "Cy"):
                services.contributor_add(
                    actor=world.member,
                    output=output,
                    name=name,
                    credits={"investigation": "lead", "software": ""},
                )
        return output

    last = add(2)
    few, few_detail = (
        _list_queries(client, world.project_place.pk),
        _detail_queries(client, last.pk),
    )
    last = add(12)
    for extra in ("Di", "Ed", "Flo"):
        services.contributor_add(actor=world.member, output=last, name=extra)
    assert _list_queries(client, world.project_place.pk) == few
    assert _detail_queries(client, last.pk) == few_detail


def test_changing_an_output_on_its_page_is_in_its_history(world) -> None:
    """The form's validation changes the output in memory before the service sees it; the
    history still says what it said before."""
    output = output_make(place=world.project_place, actor=world.member)
    response = client_for(world.member).post(
        reverse("outputs:edit", args=[output.pk]),
        _output_form(title="Believed first time", summary=""),
    )
    assert response.status_code == 302
    change = Change.objects.get(action="output_changed")
    assert (change.before, change.after) == (
        {"title": "Being believed first time", "show_publicly": False},
        {"title": "Believed first time", "show_publicly": True},
    )


def test_the_list_shows_each_outputs_kind_date_venue_and_who_is_credited_in_order(
    world,
) -> None:
    paper = output_make(place=world.project_place, actor=world.member, show_publicly=True)
    services.contributor_add(actor=world.member, output=paper, name="Kai Turner")
    services.contributor_add(actor=world.member, output=paper, name="Ana <Silva>")
    output_make(
        place=world.project_place,
        actor=world.member,
        kind="video",
        title="Our film",
        venue="",
        date=datetime.date(2026, 1, 5),
    )

    listed = client_for(world.member).get(
        reverse("outputs:place_list", args=[world.project_place.pk])
    )
    page = listed.content.decode()

    assert f'href="{reverse("outputs:detail", args=[paper.pk])}"' in page
    assert "Paper, 12 March 2026, Research Involvement and Engagement" in page
    assert "Kai Turner, Ana &lt;Silva&gt;" in page  # in order, escaped
    assert page.count("On the public page") == 1
    assert "Video, 5 January 2026</span>" in page
    assert "Nobody credited yet" in page
