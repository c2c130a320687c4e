"""Adopting a document by a decision, as the team would tell it: the decision closes
(at its closing time, by the periodic job) and the document changes state in the same
transaction, from the one table of adoptions (decisions/adoptions.py). There is no
"record the result" button any more."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from levelfield.decisions import services as decision_services
from levelfield.decisions.adoptions import adoptions_apply_due
from levelfield.decisions.models import Adoption, Decision
from levelfield.documents import services
from levelfield.documents.models import Document
from levelfield.history.models import Change

pytestmark = pytest.mark.django_db


def _open(document: Document, actor) -> tuple[Decision, datetime.datetime]:
    now = timezone.now()
    decision = services.adoption_open(
        document=document, actor=actor, closes_at=now + datetime.timedelta(days=8)
    )
    return decision, now + datetime.timedelta(days=9)


def test_a_decision_in_favour_adopts_the_document_when_the_job_closes_it(document, mo, gita):
    decision, later = _open(document, mo)
    assert Adoption.objects.get(decision=decision).subject_id == document.pk
    for person in (mo, gita):
        decision_services.response_submit(
            decision=decision, person=person, payload={"stance": "consent"}
        )

    assert decision_services.decisions_close_due(now=later) == 1

    document.refresh_from_db()
    assert document.is_adopted and document.adopted_at == later
    adoption = Adoption.objects.get(decision=decision)
    assert adoption.passed is True and adoption.applied_at == later
    change = Change.objects.get(action="document_adopted")
    assert change.actor is None and change.after == {"decision": decision.pk, "version": 1}


def test_a_decision_against_leaves_the_document_in_drafting(document, mo, gita):
    decision, later = _open(document, mo)
    decision_services.response_submit(
        decision=decision, person=gita, payload={"stance": "object"}, reason="Not yet."
    )

    decision_services.decisions_close_due(now=later)

    document.refresh_from_db()
    assert not document.is_adopted and document.adoption_decision is None
    assert Adoption.objects.get(decision=decision).passed is False
    assert Change.objects.filter(action="document_not_adopted").count() == 1
    # Drafting goes on: a new version may be published.
    services.version_publish(
        document=document, actor=mo, text="# New\n\nText.", note="Again", based_on=1
    )


def test_adoption_is_part_of_the_closing_transaction(document, mo, gita, monkeypatch):
    decision, later = _open(document, mo)
    decision_services.response_submit(
        decision=decision, person=gita, payload={"stance": "consent"}
    )

    def broken(**kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "adoption_passed", broken)
    with pytest.raises(RuntimeError):
        decision_services.decision_close(decision=decision, now=later)

    # Neither half happened: the decision is still open and the document not adopted.
    decision.refresh_from_db()
    document.refresh_from_db()
    assert decision.closed_at is None and not document.is_adopted
    assert Adoption.objects.get(decision=decision).applied_at is None


def test_an_adoption_is_applied_once(document, mo, gita):
    decision, later = _open(document, mo)
    decision_services.response_submit(
        decision=decision, person=gita, payload={"stance": "consent"}
    )
    decision_services.decision_close(decision=decision, now=later)
    assert adoptions_apply_due(now=later) == 0
    decision_services.decisions_close_due(now=later)
    assert Change.objects.filter(action="document_adopted").count() == 1


def test_the_page_has_no_record_the_result_button(document, mo):
    decision, later = _open(document, mo)
    client = Client()
    client.force_login(mo)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Record the result" not in page
    assert client.post(f"/documents/{document.pk}/adopt/record/").status_code == 404
