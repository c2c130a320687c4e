"""Giving up a place is never one tap: the page after booking offers it as a link, and a
page of its own asks to confirm (it works without JavaScript)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from levelfield.events.models import Event, Registration
from levelfield.people.models import User

pytestmark = pytest.mark.django_db


def test_after_booking_the_main_button_is_not_cancel_and_cancelling_asks_to_confirm(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.pk]), {}, follow=True)
    page = response.content.decode()
    assert "You have a place" in page
    assert "govuk-button--warning" not in page
    leave = reverse("events:leave", args=[event.pk])
    assert f'href="{leave}"' in page

    confirm = client.get(leave).content.decode()
    assert "Cancel your place at “Co-Pro Cuppa”?" in confirm
    assert "Yes, cancel my place" in confirm
    assert Registration.objects.get(event=event, person=member).has_place

    client.post(leave)
    assert not Registration.objects.get(event=event, person=member).has_place


def test_the_confirm_page_says_so_when_there_is_no_place_to_cancel(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    client.force_login(member)
    page = client.get(reverse("events:leave", args=[event.pk])).content.decode()
    assert "You do not have a place at “Co-Pro Cuppa”" in page
