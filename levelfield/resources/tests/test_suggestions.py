"""Any member suggests a resource; a coordinator accepts it or declines it with a reason;
the history records it and the suggester is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.resources import services
from levelfield.resources.models import Resource, Status
from levelfield.resources.tests.factories import ResourceFactory

SUGGESTION = {
    "title": "Easy-read guide to research",
    "url": "https://www.example.org/easy-read",
    "summary": "What research is, in pictures and short words.",
    "stages": ["identifying", "design"],
    "audiences": ["public"],
    "topics": ["accessibility"],
    "format": "easy_read",
    "cost": "free",
    "reason": "Our easy-read group liked it.",
}


def _client(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_member_suggests_and_the_coordinator_accepts_it(
    collective: Collective,
    member: User,
    coordinator: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(member).post(
            reverse("resources:suggest", args=[collective.slug]), SUGGESTION
        )
    resource = Resource.objects.get(title="Easy-read guide to research")
    assert response.status_code == 302
    assert resource.status == Status.SUGGESTED
    assert resource.suggested_by == member
    assert sorted(resource.values_of("stage")) == ["design", "identifying"]
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert "Mo suggests “Easy-read guide to research”" in mailoutbox[0].subject

    # Not on the map until accepted.
    map_page = _client(member).get(reverse("resources:map", args=[collective.slug]))
    assert "Easy-read guide to research" not in map_page.content.decode()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(coordinator).post(
            reverse("resources:accept", args=[collective.slug, resource.pk])
        )
    resource.refresh_from_db()
    assert resource.status == Status.ACCEPTED
    assert resource.answered_by == coordinator
    assert resource.last_checked is not None
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "is on the resource map" in mailoutbox[0].subject
    assert Change.objects.filter(
        action="resource_accepted", collective=collective, subject_id=resource.pk
    ).exists()
    map_page = _client(member).get(reverse("resources:map", args=[collective.slug]))
    assert "Easy-read guide to research" in map_page.content.decode()


def test_the_coordinator_declines_with_a_reason_and_the_suggester_reads_it(
    collective: Collective,
    member: User,
    coordinator: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks,
) -> None:
    resource = ResourceFactory(collective=collective, status=Status.SUGGESTED, suggested_by=member)
    url = reverse("resources:decline", args=[collective.slug, resource.pk])
    empty = _client(coordinator).post(url, {"reason": "   "})
    assert empty.status_code == 200
    assert "Say why the resource is not going on the map" in empty.content.decode()
    resource.refresh_from_db()
    assert resource.is_suggested

    with django_capture_on_commit_callbacks(execute=True):
        _client(coordinator).post(url, {"reason": "We already have a better one."})
    resource.refresh_from_db()
    assert resource.status == Status.DECLINED
    assert resource.decline_reason == "We already have a better one."
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "We already have a better one." in mailoutbox[0].body
    change = Change.objects.get(action="resource_declined")
    assert change.after["reason"] == "We already have a better one."
    page = _client(member).get(reverse("resources:suggestions", args=[collective.slug]))
    assert "We already have a better one." in page.content.decode()


def test_a_member_cannot_accept_or_decline(
    collective: Collective, member: User, coordinator: User
) -> None:
    resource = ResourceFactory(collective=collective, status=Status.SUGGESTED, suggested_by=member)
    client = _client(member)
    assert (
        client.post(reverse("resources:accept", args=[collective.slug, resource.pk])).status_code
        == 403
    )
    assert (
        client.post(
            reverse("resources:decline", args=[collective.slug, resource.pk]), {"reason": "No"}
        ).status_code
        == 403
    )
    resource.refresh_from_db()
    assert resource.is_suggested
    with pytest.raises(PermissionDenied):
        services.resource_accept(resource=resource, actor=member)


def test_answering_twice_is_refused_clearly(
    collective: Collective, member: User, coordinator: User
) -> None:
    resource = ResourceFactory(collective=collective, status=Status.SUGGESTED, suggested_by=member)
    services.resource_accept(resource=resource, actor=coordinator)
    with pytest.raises(ValidationError, match="already been answered"):
        services.resource_decline(resource=resource, actor=coordinator, reason="Oops")
    response = _client(coordinator).post(
        reverse("resources:accept", args=[collective.slug, resource.pk]), follow=True
    )
    assert "already been answered" in response.content.decode()


def test_what_a_coordinator_adds_goes_straight_onto_the_map(
    collective: Collective, coordinator: User, mailoutbox: list, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _client(coordinator).post(reverse("resources:suggest", args=[collective.slug]), SUGGESTION)
    resource = Resource.objects.get()
    assert resource.status == Status.ACCEPTED
    assert mailoutbox == []
    assert Change.objects.filter(action="resource_added").exists()


def test_a_suggestion_needs_a_link_or_a_file_and_keeps_what_was_typed(
    collective: Collective, member: User
) -> None:
    data = {**SUGGESTION, "url": ""}
    response = _client(member).post(reverse("resources:suggest", args=[collective.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a web address or upload a file" in page
    assert 'value="Easy-read guide to research"' in page
    assert not Resource.objects.exists()


def test_a_member_uploads_a_pdf_and_members_download_it(
    collective: Collective, member: User, coordinator: User, outsider: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("our guide.pdf", b"%PDF-1.7\n...", content_type="text/plain")
    data = {**SUGGESTION, "url": "", "file": pdf}
    _client(member).post(reverse("resources:suggest", args=[collective.slug]), data)
    resource = Resource.objects.get()
    assert resource.file_type == "application/pdf"
    assert resource.file_name == "our guide.pdf"
    assert resource.file.name.endswith(".pdf") and "our guide" not in resource.file.name
    url = reverse("resources:file", args=[collective.slug, resource.pk])
    response = _client(coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert _client(outsider).get(url).status_code == 404


def test_a_file_that_is_not_what_it_claims_is_refused(
    collective: Collective, member: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("guide.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    data = {**SUGGESTION, "url": "", "file": fake}
    response = _client(member).post(reverse("resources:suggest", args=[collective.slug]), data)
    assert "The file must be a PDF, Word" in response.content.decode()
    assert not Resource.objects.exists()


def test_outsiders_see_nothing(collective: Collective, outsider: User) -> None:
    resource = ResourceFactory(collective=collective)
    client = _client(outsider)
    for url in [
        reverse("resources:map", args=[collective.slug]),
        reverse("resources:list", args=[collective.slug]),
        reverse("resources:detail", args=[collective.slug, resource.pk]),
        reverse("resources:suggestions", args=[collective.slug]),
    ]:
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("resources:suggest", args=[collective.slug]), SUGGESTION).status_code
        == 404
    )
    assert Resource.objects.count() == 1


def test_a_resource_of_another_collective_is_a_404(collective: Collective, member: User) -> None:
    elsewhere = ResourceFactory()
    url = reverse("resources:detail", args=[collective.slug, elsewhere.pk])
    assert _client(member).get(url).status_code == 404
