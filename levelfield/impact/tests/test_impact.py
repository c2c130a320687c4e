"""Members record what changed because of their work, with its evidence, and link it to
outputs and to the involvement log's "what changed because of it"; the coordinator
publishes it; people outside learn nothing; bad input is refused with a message naming
the field."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.impact import services
from levelfield.impact.models import Impact, Status
from levelfield.impact.tests.factories import PDF, client_for, impact_make
from levelfield.outputs.tests.factories import output_make
from levelfield.projects.tests.factories import InvolvementEntryFactory

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    return {
        "title": "Discharge letters rewritten",
        "what_changed": "The stroke ward rewrote its discharge letter with our patient panel.",
        "for_whom": "patients",
        "for_whom_detail": "people leaving hospital after a stroke",
        "kind": "practice",
        "happened_on": "20 5 2026",
        "evidence": "9 of 12 patients asked said the new letter was clearer.",
        "evidence_url": "",
        "show_publicly": "yes",
        **changes,
    }


def test_a_member_records_an_impact_with_a_file_links_it_and_the_coordinator_publishes(
    world,
) -> None:
    place = world.project_place
    output = output_make(place=place, actor=world.member)
    entry = InvolvementEntryFactory(
        project=world.project, what_changed="The panel said the letter was frightening."
    )
    client = client_for(world.member)
    upload = SimpleUploadedFile("ward email.pdf", PDF, content_type="text/plain")
    response = client.post(
        reverse("impact:place_create", args=[place.pk]), _form(evidence_file=upload)
    )
    impact = Impact.objects.get()
    assert response["Location"] == reverse("impact:links", args=[impact.pk])
    assert (impact.status, impact.recorded_by, impact.happened_on) == (
        Status.DRAFT,
        world.member,
        datetime.date(2026, 5, 20),
    )
    assert impact.evidence_file_type == "application/pdf"  # by its content, not its name
    assert impact.evidence_file_name == "ward email.pdf"
    assert "ward email" not in impact.evidence_file.name  # stored under a new name

    links = reverse("impact:links", args=[impact.pk])
    page = client.get(links).content.decode()
    assert output.title in page and "The panel said the letter was frightening." in page
    response = client.post(links, {"outputs": [output.pk], "entries": [entry.pk]})
    assert response.status_code == 302
    assert list(impact.outputs.all()) == [output]
    assert list(impact.entries.all()) == [entry]

    detail = client.get(impact.get_absolute_url()).content.decode()
    assert "people leaving hospital after a stroke" in detail
    assert "The panel said the letter was frightening." in detail
    assert reverse("impact:publish", args=[impact.pk]) not in detail  # not the member's job
    download = client.get(reverse("impact:evidence_file", args=[impact.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"

    # The output's page shows what changed through it.
    assert impact.title in client.get(output.get_absolute_url()).content.decode()

    coordinator = client_for(world.coordinator)
    publish = reverse("impact:publish", args=[impact.pk])
    assert publish in coordinator.get(impact.get_absolute_url()).content.decode()
    assert "Publish this impact?" in coordinator.get(publish).content.decode()
    assert Impact.objects.get().status == Status.DRAFT  # opening the page wrote nothing
    assert coordinator.post(publish).status_code == 302
    impact.refresh_from_db()
    assert (impact.status, impact.published_by) == (Status.PUBLISHED, world.coordinator)
    actions = set(
        Change.objects.filter(subject_type="impact", subject_id=impact.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == {"impact_recorded", "impact_linked", "impact_published"}

    coordinator.post(reverse("impact:unpublish", args=[impact.pk]))
    impact.refresh_from_db()
    assert (impact.status, impact.published_at) == (Status.DRAFT, None)


def test_a_member_may_not_publish_and_people_outside_get_404(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    member = client_for(world.member)
    assert member.get(reverse("impact:publish", args=[impact.pk])).status_code == 403
    assert member.post(reverse("impact:publish", args=[impact.pk])).status_code == 403
    assert Impact.objects.get().status == Status.DRAFT
    for person in (world.outsider, world.former, world.collective_member):
        client = client_for(person)
        for name in ("detail", "edit", "links", "delete", "history", "publish"):
            assert client.get(reverse(f"impact:{name}", args=[impact.pk])).status_code == 404
        place_list = reverse("impact:place_list", args=[world.project_place.pk])
        assert client.get(place_list).status_code == 404
        assert client.post(reverse("impact:delete", args=[impact.pk])).status_code == 404
    assert Impact.objects.exists()


def test_an_empty_form_names_every_field_it_needs(world) -> None:
    client = client_for(world.member)
    response = client.post(reverse("impact:place_create", args=[world.project_place.pk]), {})
    page = response.content.decode()
    for message in (
        "Enter a title.",
        "Enter what changed.",
        "Choose who the change was for.",
        "Choose what kind of change it was.",
        "Enter the date it changed.",
        "Say whether to show it on the public page.",
    ):
        assert message in page
    assert not Impact.objects.exists()


def test_bad_dates_addresses_and_files_are_refused_in_plain_words(world) -> None:
    client = client_for(world.member)
    url = reverse("impact:place_create", args=[world.project_place.pk])
    fake = SimpleUploadedFile(
        "letter.pdf", b"MZ\x90\x00 a program", content_type="application/pdf"
    )
    page = client.post(
        url,
        _form(
            happened_on="31 2 2026",
            evidence_url="not a web address",
            evidence_file=fake,
            for_whom="aliens",
            title="   ",
        ),
    ).content.decode()
    assert "Enter a real date, like 27 3 2027." in page
    assert "Enter the web address of the evidence in full, starting https://" in page
    assert "The file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG" in page
    assert "Choose who the change was for." in page
    assert "Enter a title." in page
    assert not Impact.objects.exists()


def test_links_only_to_outputs_and_entries_of_the_same_place(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    elsewhere = output_make(place=world.collective_place, actor=world.coordinator)
    client = client_for(world.member)
    response = client.post(reverse("impact:links", args=[impact.pk]), {"outputs": [elsewhere.pk]})
    assert "Choose outputs from the list." in response.content.decode()
    with pytest.raises(services.ImpactError):
        services.impact_link(actor=world.member, impact=impact, outputs=[elsewhere], entries=[])
    assert not impact.outputs.exists()


def test_the_list_filters_by_whom_kind_and_status(world) -> None:
    place = world.project_place
    impact_make(place=place, actor=world.member, title="For patients")
    carers = impact_make(
        place=place, actor=world.member, title="For carers", for_whom="carers", kind="policy"
    )
    services.impact_publish(actor=world.coordinator, impact=carers)
    client = client_for(world.member)
    url = reverse("impact:place_list", args=[place.pk])
    page = client.get(url).content.decode()
    assert "For patients" in page and "For carers" in page
    page = client.get(url, {"for_whom": "carers"}).content.decode()
    assert "For carers" in page and "For patients" not in page
    page = client.get(url, {"status": "draft"}).content.decode()
    assert "For patients" in page and "For carers" not in page
    page = client.get(url, {"kind": "policy", "for_whom": "patients"}).content.decode()
    assert "No impact matches these filters." in page
    # An unknown choice is ignored rather than an error.
    assert "For patients" in client.get(url, {"kind": "nonsense"}).content.decode()


def test_editing_replaces_the_file_and_delete_asks_first(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    client = client_for(world.member)
    edit = reverse("impact:edit", args=[impact.pk])
    upload = SimpleUploadedFile("minutes.pdf", PDF)
    response = client.post(edit, _form(title="Letters rewritten", evidence_file=upload))
    assert response.status_code == 302
    impact.refresh_from_db()
    assert (impact.title, impact.evidence_file_name) == ("Letters rewritten", "minutes.pdf")
    response = client.post(edit, _form(title="Letters rewritten", remove_file="on"))
    impact.refresh_from_db()
    assert not impact.evidence_file
    assert client.get(reverse("impact:evidence_file", args=[impact.pk])).status_code == 404

    delete = reverse("impact:delete", args=[impact.pk])
    assert "Delete this impact?" in client.get(delete).content.decode()
    assert Impact.objects.exists()
    assert client.post(delete)["Location"] == reverse(
        "impact:place_list", args=[world.project_place.pk]
    )
    assert not Impact.objects.exists()
    assert Change.objects.filter(action="impact_deleted").exists()


def test_a_published_public_impact_is_on_the_collective_public_page_and_a_draft_is_not(
    world, client
) -> None:
    shown = impact_make(
        place=world.project_place, actor=world.member, title="Shown", show_publicly=True
    )
    impact_make(
        place=world.project_place, actor=world.member, title="Not yet agreed", show_publicly=True
    )
    services.impact_publish(actor=world.coordinator, impact=shown)
    page = client.get(reverse("stories:home", args=[world.collective.slug])).content.decode()
    assert "What changed because of our work" in page
    assert "Shown" in page and "Not yet agreed" not in page


def test_the_list_says_for_whom_what_kind_when_and_whether_published(world) -> None:
    place = world.project_place
    draft = impact_make(place=place, actor=world.member, title="Letters <rewritten>")
    published = impact_make(place=place, actor=world.member, title="A new leaflet")
    services.impact_publish(actor=world.coordinator, impact=published)

    page = client_for(world.member).get(reverse("impact:place_list", args=[place.pk]))
    html = page.content.decode()

    assert f'href="{reverse("impact:detail", args=[draft.pk])}">Letters &lt;rewritten&gt;' in html
    assert "For patients and service users, practice or services, 20 May 2026" in html
    assert (
        'A new leaflet</a> <strong class="govuk-tag govuk-tag--green">Published</strong>' in html
    )
    assert '&gt;</a> <strong class="govuk-tag govuk-tag--grey">Draft</strong>' in html
