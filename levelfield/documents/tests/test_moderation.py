"""Moderating comments on a document, as members tell it: the one moderation
mechanism (levelfield.lib.moderation) with the documents' rules. Before it, a hidden
comment on a document could not be restored and its author was never told."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from levelfield.documents import services
from levelfield.documents.models import Comment
from levelfield.documents.tests.factories import client_for, paragraph_of
from levelfield.history.models import Change
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(document, gita, mo, django_capture_on_commit_callbacks) -> Comment:
    comment = services.comment_add(
        paragraph=paragraph_of(document, 2), author=gita, text="Too blunt, maybe"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.MODERATION.moderate(
            comment=comment, actor=mo, decision="hide", reason="Sounded unkind"
        )
    comment.refresh_from_db()
    return comment


def test_the_author_is_told_when_their_comment_is_hidden(hidden, gita):
    assert hidden.is_hidden and hidden.hidden_reason == "Sounded unkind"
    assert mail.outbox[-1].to == [gita.email]
    assert "hidden" in mail.outbox[-1].subject
    assert "Sounded unkind" in mail.outbox[-1].body and "Too blunt" in mail.outbox[-1].body


def test_a_member_restores_a_hidden_comment_and_its_author_is_told(
    document, hidden, mo, gita, django_capture_on_commit_callbacks
):
    client = client_for(mo)
    url = reverse("documents:moderate", args=[document.pk])
    page = client.get(url).content.decode()
    assert "Hidden comments" in page and "Too blunt, maybe" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"comment": hidden.pk, "decision": "restore", "reason": "It was fair after all"}
        )

    assert response.status_code == 302
    hidden.refresh_from_db()
    assert not hidden.is_hidden and hidden.hidden_reason == ""
    paragraph = client.get(
        reverse("documents:paragraph", args=[document.pk, hidden.paragraph_id])
    ).content.decode()
    assert "Too blunt, maybe" in paragraph
    assert mail.outbox[-1].to == [gita.email]
    assert "restored" in mail.outbox[-1].subject and "fair after all" in mail.outbox[-1].body
    change = Change.objects.get(action="document_comment_restored")
    assert change.actor == mo and change.after["reason"] == "It was fair after all"


def test_restoring_without_a_reason_is_refused_with_a_message(document, hidden, mo):
    response = client_for(mo).post(
        reverse("documents:moderate", args=[document.pk]),
        {"comment": hidden.pk, "decision": "restore", "reason": "  "},
    )
    assert response.status_code == 400
    assert "Say why: the comment’s author will be told." in response.content.decode()
    hidden.refresh_from_db()
    assert hidden.is_hidden


def test_nobody_outside_the_document_restores_a_comment(document, hidden):
    response = client_for(UserFactory()).post(
        reverse("documents:moderate", args=[document.pk]),
        {"comment": hidden.pk, "decision": "restore", "reason": "Let it be"},
    )
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.is_hidden


def test_keeping_a_reported_comment_deals_with_the_report_and_tells_nobody(
    document, gita, mo, django_capture_on_commit_callbacks
):
    comment = services.comment_add(
        paragraph=paragraph_of(document, 2), author=gita, text="Plain words"
    )
    services.MODERATION.report(comment=comment, person=mo, reason="Not sure about this")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(mo).post(
            reverse("documents:moderate", args=[document.pk]),
            {"comment": comment.pk, "decision": "keep", "reason": ""},
        )
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert comment.reports.get().dealt_with_at is not None
    assert mail.outbox == []
    assert Change.objects.filter(action="document_comment_kept").exists()
