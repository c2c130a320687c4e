"""Event feedback is anonymous against someone who reads the database, not only the
pages: an answer is sealed on the person's own registration and written out, shuffled,
with every other answer when the feedback closes. Before, the feedback row was written
in the same transaction as the registration's "feedback given" flag, and `xmin` matched
every demo answer to its author."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS
from levelfield.events import services
from levelfield.events.models import Event, Feedback, Registration
from levelfield.people.tests.factories import UserFactory
from levelfield.sealing import sealed as sealing
from levelfield.sealing.models import SealKey
from levelfield.sealing.tests.pages import (
    all_xmins,
    ctid_order,
    key_table_pages_after_rewrite,
    pageinspect_or_skip,
    xmins,
)

COMMENTS = ["Alpha felt", "Bravo felt", "Charlie felt", "Delta felt", "Echo felt", "Foxtrot"]


def _came(plan: Callable[..., Event], collective: Any, perspectives: list[str]) -> tuple:
    event = plan(capacity=20)
    registrations = []
    for perspective in perspectives:
        person = UserFactory()
        CollectiveMembershipFactory(collective=collective, person=person)
        registrations.append(
            services.registration_create(event=event, person=person, perspective=perspective)
        )
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=2),
    )
    return Event.objects.get(pk=event.pk), registrations


def _backwards_by_comment(items: list[tuple[str, dict]]) -> None:
    items.sort(key=lambda item: item[1]["comment"], reverse=True)


@pytest.mark.django_db
def test_a_perspective_of_one_is_not_kept_on_any_written_out_answer(
    plan: Callable[..., Event], collective: Any
) -> None:
    """Five carers and the only young person answer: a row marked "young person" would be
    theirs, so no row keeps a perspective."""
    event, registrations = _came(plan, collective, ["carer"] * 5 + ["young_person"])
    for registration, comment in zip(registrations, COMMENTS, strict=True):
        services.feedback_give(registration=registration, heard=3, comment=comment)
    services.feedback_write_out(event=event, now=event.feedback_closes_at)
    assert Feedback.objects.filter(event=event).count() == 6
    assert set(Feedback.objects.filter(event=event).values_list("perspective", flat=True)) == {""}


@pytest.mark.django_db
def test_a_sealed_answer_is_one_size_whatever_the_comment(
    plan: Callable[..., Event], collective: Any
) -> None:
    event, registrations = _came(plan, collective, ["carer", "carer"])
    services.feedback_give(registration=registrations[0], heard=5)
    services.feedback_give(registration=registrations[1], heard=1, comment="ü" * 2000)
    sizes = {len(bytes(r.sealed_feedback)) for r in Registration.objects.filter(event=event)}
    assert len(sizes) == 1
    assert not Feedback.objects.filter(event=event).exists()


def _on_postgres(test: Callable[..., Any]) -> Callable[..., Any]:
    for mark in CONCURRENCY_MARKS:
        test = mark(test)
    return test


@_on_postgres
def test_on_postgresql_no_column_links_a_feedback_answer_to_its_author(
    plan: Callable[..., Event], collective: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    event, registrations = _came(plan, collective, ["carer"] * 4 + ["researcher"] * 6)
    given: dict[int, str] = {}
    for registration, comment in zip(registrations, COMMENTS[:5], strict=False):
        before = all_xmins()
        services.feedback_give(registration=registration, heard=4, comment=comment)
        mine = xmins("events_registration", "id = %s", [registration.pk])
        written = {t for t, seen in all_xmins().items() if (seen - before.get(t, set())) & mine}
        # Only the person's own registration (and, for the first, the event's new key).
        assert written <= {"events_registration", "sealing_sealkey"}, written
        given[registration.pk] = mine.pop()
    assert not Feedback.objects.filter(event=event).exists()

    monkeypatch.setattr(sealing, "shuffle", _backwards_by_comment)
    assert services.feedback_write_out(event=event, now=event.feedback_closes_at)

    written_out = xmins("events_feedback", "event_id = %s", [event.pk])
    assert len(written_out) == 1, "one transaction for every answer"
    assert written_out.isdisjoint(given.values()), "no answer shares its author's xmin"
    # Stored in the shuffle's order, not the order people answered in.
    order = ctid_order("events_feedback", "comment", "event_id = %s", [event.pk])
    assert order == sorted(COMMENTS[:5], reverse=True)
    for feedback in Feedback.objects.filter(event=event):
        assert isinstance(feedback.id, uuid.UUID) and feedback.id.version == 4
    # Four carers and one researcher answered: no row keeps a perspective.
    assert set(Feedback.objects.filter(event=event).values_list("perspective", flat=True)) == {""}


@pytest.mark.on_disk
@_on_postgres
def test_on_postgresql_after_the_write_out_no_page_opens_a_sealed_answer(
    plan: Callable[..., Event], collective: Any
) -> None:
    pageinspect_or_skip()
    event, registrations = _came(plan, collective, ["carer"] * 5)
    for registration, comment in zip(registrations, COMMENTS, strict=False):
        services.feedback_give(registration=registration, heard=2, comment=comment)
    stolen = {r.pk: bytes(r.sealed_feedback) for r in Registration.objects.filter(event=event)}
    secret = bytes(SealKey.objects.get(scope=f"event-feedback:{event.pk}").secret)
    services.feedback_write_out(event=event, now=event.feedback_closes_at)
    assert secret not in key_table_pages_after_rewrite(secret)
    keys = sealing.keys_for(f"event-feedback:{event.pk}")
    for pk, sealed in stolen.items():
        with pytest.raises(sealing.Unreadable):
            keys.open(pk, sealed)
