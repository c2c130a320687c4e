"""A guest's link to manage (and cancel) their place goes to them by email and is not
kept afterwards: whoever reads the notifications table later cannot cancel it."""

from __future__ import annotations

from collections.abc import Callable

from django.core import mail
from django.core.management import call_command

from levelfield.events import access, services
from levelfield.events.models import Audience, Event, Registration
from levelfield.notifications.models import Notification


def test_the_guests_link_is_emailed_and_then_not_stored(
    client, plan: Callable[..., Event], django_capture_on_commit_callbacks
) -> None:
    public = plan(audience=Audience.ANYONE)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event=public, guest_name="Pat", guest_email="pat@example.org"
        )
    token = access.guest_token(registration)

    assert any(token in message.body for message in mail.outbox)  # Pat has the link
    stored = Notification.objects.get(email="pat@example.org")
    assert stored.sent_at is not None
    assert token not in f"{stored.text}{stored.html}{stored.link}"
    # The link in Pat's email still works.
    assert client.post(f"/events/guest/{token}/cancel/").status_code in (200, 302)
    assert not Registration.objects.get(pk=registration.pk).has_place


def test_links_stored_before_this_rule_are_cleared_by_the_daily_command(
    plan: Callable[..., Event], django_capture_on_commit_callbacks
) -> None:
    public = plan(audience=Audience.ANYONE)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event=public, guest_name="Pat", guest_email="pat@example.org"
        )
    token = access.guest_token(registration)
    Notification.objects.filter(email="pat@example.org").update(
        text=f"Cancel: https://x.example/events/guest/{token}/",
        link=f"/events/guest/{token}/",
    )

    call_command("delete_expired_records")

    stored = Notification.objects.get(email="pat@example.org")
    assert token not in f"{stored.text}{stored.html}{stored.link}"
    assert stored.subject  # the record that an email went stays
