"""Someone without an account says they want to get involved; the coordinators get it
as a queue, answer each, and it is recorded. Spam is kept out without a third party."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.ratelimits import rule_limits
from levelfield.stories import services, spam
from levelfield.stories.models import Interest

FORM = {
    "name": "Sam Carer",
    "email": "Sam@Example.org",
    "interests": "I care for my dad after his stroke.",
    "consent": "on",
}


LIMITS = {limit.per: limit.count for limit in rule_limits("get_involved")}
PER_EMAIL = LIMITS["email"]
PER_NETWORK_ADDRESS = LIMITS["address"]


def test_a_visitor_registers_interest_and_the_coordinators_are_told(
    client: Client,
    collective: Collective,
    coordinator: User,
    member: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/c/{collective.slug}/get-involved/", FORM)

    assert response.status_code == 302
    assert response["Location"] == f"/c/{collective.slug}/get-involved/thank-you/"
    interest = Interest.objects.get()
    assert (interest.name, interest.email, interest.consent) == (
        "Sam Carer",
        "sam@example.org",
        True,
    )
    assert "127.0.0.1" not in str(Interest.objects.values().get())
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "I care for my dad" in mail.outbox[0].body


def test_a_coordinator_answers_and_the_answer_is_emailed_and_recorded(
    client: Client,
    collective: Collective,
    coordinator: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    interest = services.interest_submit(
        collective=collective,
        consent=True,
        **{key: FORM[key] for key in ("name", "email", "interests")},
    )
    client.force_login(coordinator)
    assert "Sam Carer" in client.get(f"/c/{collective.slug}/desk/get-involved/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            f"/c/{collective.slug}/desk/get-involved/{interest.pk}/",
            {"answer": "Welcome! Our next Cuppa is on Monday."},
        )

    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.answered_by == coordinator and interest.answered_at
    assert mail.outbox[-1].to == ["sam@example.org"]
    assert "Our next Cuppa is on Monday." in mail.outbox[-1].body
    change = Change.objects.get(action="interest_answered")
    assert "Sam" not in change.summary and "sam@example.org" not in str(change.after)
    again = client.post(
        f"/c/{collective.slug}/desk/get-involved/{interest.pk}/", {"answer": "Twice"}
    )
    assert again.status_code == 400 and Interest.objects.get().answer.startswith("Welcome")


def test_members_who_are_not_coordinators_do_not_see_the_queue(
    client: Client, collective: Collective, member: User
) -> None:
    interest = services.interest_submit(
        collective=collective, name="Sam", email="s@example.org", interests="x", consent=True
    )
    client.force_login(member)
    assert client.get(f"/c/{collective.slug}/desk/get-involved/").status_code == 404
    assert client.get(f"/c/{collective.slug}/desk/get-involved/{interest.pk}/").status_code == 404


def test_an_empty_form_shows_every_error_the_govuk_way(
    client: Client, collective: Collective
) -> None:
    response = client.post(f"/c/{collective.slug}/get-involved/", {})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Get involved" in html and "There is a problem" in html
    for field, message in [
        ("name", "Enter your name."),
        ("email", "Enter your email address."),
        ("interests", "Tell us what interests you."),
        ("consent", "Say that we may keep your details to reply to you."),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in html
        assert f'id="id_{field}-error"' in html
    assert not Interest.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept_or_sent(
    client: Client, collective: Collective, coordinator: User
) -> None:
    response = client.post(
        f"/c/{collective.slug}/get-involved/", FORM | {spam.HONEYPOT_FIELD: "http://spam.example"}
    )

    assert response.status_code == 302
    assert not Interest.objects.exists() and not mail.outbox


def test_the_same_address_is_limited_whatever_process_answers(
    client: Client, collective: Collective
) -> None:
    """The count is read from the database, so it holds across server processes (a
    per-process cache would forget it, and clearing the cache changes nothing)."""
    from django.core.cache import cache

    for _ in range(PER_EMAIL):
        assert client.post(f"/c/{collective.slug}/get-involved/", FORM).status_code == 302
        cache.clear()

    response = client.post(
        f"/c/{collective.slug}/get-involved/", FORM | {"email": "SAM@example.org"}
    )

    assert response.status_code == 400
    assert "We already have your message" in response.content.decode()
    assert 'href="#id_email"' in response.content.decode()
    assert Interest.objects.count() == PER_EMAIL


def test_one_network_address_is_limited_across_email_addresses(
    client: Client, collective: Collective
) -> None:
    for number in range(PER_NETWORK_ADDRESS):
        response = client.post(
            f"/c/{collective.slug}/get-involved/", FORM | {"email": f"p{number}@example.org"}
        )
        assert response.status_code == 302

    blocked = client.post(
        f"/c/{collective.slug}/get-involved/", FORM | {"email": "new@example.org"}
    )
    other_network = client.post(
        f"/c/{collective.slug}/get-involved/",
        FORM | {"email": "new@example.org"},
        REMOTE_ADDR="10.0.0.9",
    )

    assert blocked.status_code == 400 and "Too many messages" in blocked.content.decode()
    assert other_network.status_code == 302


def test_the_limit_forgets_old_messages(collective: Collective) -> None:
    long_ago = timezone.now() - timedelta(days=1, minutes=1)
    for _ in range(PER_EMAIL):
        services.interest_submit(
            collective=collective,
            consent=True,
            now=long_ago,
            name="A",
            email="a@example.org",
            interests="x",
        )
    services.interest_submit(
        collective=collective, consent=True, name="A", email="a@example.org", interests="x"
    )
    assert Interest.objects.count() == PER_EMAIL + 1


def test_consent_is_required_by_the_service_and_the_database(collective: Collective) -> None:
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError):
        services.interest_submit(
            collective=collective, consent=False, name="A", email="a@example.org", interests="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Interest.objects.create(
            collective=collective, name="A", email="a@example.org", consent=False
        )


def test_a_coordinator_deletes_someones_details_when_they_ask(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    interest = services.interest_submit(
        collective=collective, name="Sam", email="sam@example.org", interests="x", consent=True
    )
    client.force_login(member)
    assert (
        client.post(f"/c/{collective.slug}/desk/get-involved/{interest.pk}/delete/").status_code
        == 404
    )
    client.force_login(coordinator)

    response = client.post(f"/c/{collective.slug}/desk/get-involved/{interest.pk}/delete/")

    assert response.status_code == 302 and not Interest.objects.exists()
    change = Change.objects.get(action="interest_deleted")
    assert change.actor == coordinator and "Sam" not in change.summary


def test_messages_from_many_addresses_stop_at_the_collectives_limit(
    client: Client,
    collective: Collective,
    coordinator: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    """A script with 20 network addresses once stored 20 of 20 messages and queued an
    email to every coordinator for each; the collective now takes a bounded number."""
    per_collective = LIMITS["collective"]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        responses = [
            client.post(
                f"/c/{collective.slug}/get-involved/",
                FORM | {"email": f"bot{number}@example.org"},
                REMOTE_ADDR=f"203.0.113.{number + 1}",
            )
            for number in range(20)
        ]

    assert [r.status_code for r in responses].count(302) == per_collective
    assert "Many people have written to this collective" in responses[-1].content.decode()
    assert Interest.objects.count() == per_collective
    assert len(mail.outbox) == per_collective


def test_a_signed_in_sender_is_limited_per_account_whatever_email_they_type(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    for number in range(LIMITS["account"]):
        response = client.post(
            f"/c/{collective.slug}/get-involved/",
            FORM | {"email": f"me{number}@example.org"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )
        assert response.status_code == 302

    refused = client.post(
        f"/c/{collective.slug}/get-involved/",
        FORM | {"email": "another@example.org"},
        REMOTE_ADDR="198.51.100.99",
    )

    assert refused.status_code == 400
    assert "We already have your message" in refused.content.decode()


def test_behind_a_proxy_each_sender_is_counted_by_their_own_address(
    client: Client, collective: Collective, settings: object
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1  # type: ignore[attr-defined]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(PER_NETWORK_ADDRESS):
        client.post(
            f"/c/{collective.slug}/get-involved/",
            FORM | {"email": f"p{number}@example.org"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7",
            **proxy,
        )

    same_sender = client.post(
        f"/c/{collective.slug}/get-involved/",
        FORM | {"email": "new@example.org"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        **proxy,
    )
    someone_else = client.post(
        f"/c/{collective.slug}/get-involved/",
        FORM | {"email": "other@example.org"},
        HTTP_X_FORWARDED_FOR="203.0.113.8",
        **proxy,
    )

    assert same_sender.status_code == 400 and "Too many messages" in same_sender.content.decode()
    assert someone_else.status_code == 302
