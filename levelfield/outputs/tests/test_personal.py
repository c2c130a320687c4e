"""A person's outputs in their data download, and what erasure keeps: the name on a
published output (public record), never the link to their account or ORCID iD."""

from __future__ import annotations

import pytest

from levelfield.home.services import person_data_export, person_delete
from levelfield.outputs import services
from levelfield.outputs.models import Contributor, OrcidRecord, Output
from levelfield.outputs.tests.factories import output_make

pytestmark = pytest.mark.django_db


def test_the_download_holds_what_they_recorded_and_are_credited_for(world) -> None:
    services.orcid_record_set(person=world.member, orcid="0000-0002-1825-0097")
    output = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(
        actor=world.member, output=output, person=world.member, credits={"software": "lead"}
    )
    data = person_data_export(person=world.member)
    assert data["outputs_you_recorded"][0]["output"] == output.title
    assert data["outputs_you_are_credited_for"][0]["orcid"] == "0000-0002-1825-0097"
    assert data["your_credit_roles"] == [
        {"output": output.title, "role": "Software", "degree": "Lead"}
    ]
    assert data["your_orcid_id"][0]["orcid"] == "0000-0002-1825-0097"


def test_erasure_keeps_the_name_on_a_published_paper_but_not_the_links(world) -> None:
    name = world.member.name
    services.orcid_record_set(person=world.member, orcid="0000-0002-1825-0097")
    published = output_make(place=world.project_place, actor=world.member)  # has a DOI
    draft = output_make(
        place=world.project_place, actor=world.member, doi="", title=f"Notes by {name}"
    )
    for output in (published, draft):
        services.contributor_add(
            actor=world.member, output=output, person=world.member, perspective="carer"
        )
    person_delete(person=world.member)

    kept = Contributor.objects.get(output=published)
    assert (kept.name, kept.person, kept.orcid, kept.perspective) == (name, None, "", "")
    gone = Contributor.objects.get(output=draft)
    assert gone.name == "A former member"
    assert name not in Output.objects.get(pk=draft.pk).title
    assert not OrcidRecord.objects.exists()
    assert Output.objects.get(pk=published.pk).created_by is None
