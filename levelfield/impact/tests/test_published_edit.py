"""A published impact is already in reports and maybe on the public page, so only the
people who may publish it (the coordinator) change, relink or delete it; the edit page
warns that changes show at once, and the history records the change. Drafts stay every
member's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.impact import services
from levelfield.impact.models import Impact
from levelfield.impact.tests.factories import client_for, impact_make

pytestmark = pytest.mark.django_db

WARNING = "This impact is published: changes show on the public page at once."


def _form(**changes: str) -> dict[str, str]:
    return {
        "title": "Clinic letters rewritten",
        "what_changed": "The stroke clinic rewrote its discharge letter with patients.",
        "for_whom": "patients",
        "for_whom_detail": "people leaving hospital after a stroke",
        "kind": "practice",
        "happened_on": "20 5 2026",
        "evidence": "The ward manager's email.",
        "evidence_url": "",
        "show_publicly": "yes",
        **changes,
    }


@pytest.fixture
def published(world) -> Impact:
    impact = impact_make(place=world.project_place, actor=world.member, show_publicly=True)
    return services.impact_publish(actor=world.coordinator, impact=impact)


def test_a_member_may_not_change_a_published_impact_and_is_told_why(world, published) -> None:
    member = client_for(world.member)
    for name in ("edit", "links", "delete"):
        url = reverse(f"impact:{name}", args=[published.pk])
        response = member.get(url)
        assert response.status_code == 403, name
        assert "This impact is published, so only the coordinator can change it" in (
            response.content.decode()
        )
        assert member.post(url, _form(title="Changed quietly")).status_code == 403
    published.refresh_from_db()
    assert published.title == "Clinic letters rewritten"
    assert not Change.objects.filter(action__in=["impact_changed", "impact_deleted"]).exists()
    detail = member.get(published.get_absolute_url()).content.decode()
    assert reverse("impact:edit", args=[published.pk]) not in detail
    assert "only the coordinator of" in detail
    # The services hold the same rule for callers without the pages.
    with pytest.raises(PermissionDenied):
        services.impact_update(actor=world.member, impact=published, title="Changed")
    with pytest.raises(PermissionDenied):
        services.impact_delete(actor=world.member, impact=published)
    assert Impact.objects.filter(pk=published.pk).exists()


def test_the_coordinator_changes_a_published_impact_after_a_warning_and_it_is_recorded(
    world, published
) -> None:
    coordinator = client_for(world.coordinator)
    edit = reverse("impact:edit", args=[published.pk])
    assert WARNING in coordinator.get(edit).content.decode()
    response = coordinator.post(edit, _form(title="Clinic and ward letters rewritten"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.title, published.is_published) == ("Clinic and ward letters rewritten", True)
    change = Change.objects.get(action="impact_changed", subject_id=published.pk)
    assert change.actor == world.coordinator
    assert change.summary == (
        "Cora changed the published impact “Clinic and ward letters rewritten”"
    )
    assert change.before == {"title": "Clinic letters rewritten"}
    assert change.after == {"title": "Clinic and ward letters rewritten"}
    history = coordinator.get(reverse("impact:history", args=[published.pk])).content.decode()
    assert "changed the published impact" in history


def test_a_published_impact_not_on_the_public_page_warns_about_reports(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member, show_publicly=False)
    services.impact_publish(actor=world.coordinator, impact=impact)
    page = client_for(world.coordinator).get(reverse("impact:edit", args=[impact.pk]))
    assert "This impact is published: changes show in reports generated from now on." in (
        page.content.decode()
    )


def test_a_draft_is_still_every_members_to_change(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.coordinator)
    member = client_for(world.member)
    edit = reverse("impact:edit", args=[impact.pk])
    assert WARNING not in member.get(edit).content.decode()
    assert member.post(edit, _form(title="Letters rewritten")).status_code == 302
    assert Change.objects.get(action="impact_changed").summary == (
        "Mo changed the impact “Letters rewritten”"
    )
