"""Choosing the language Levelfield speaks: visitors by the language link (kept in a
cookie) and their browser's wish; signed-in people on their profile, for pages and
emails alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from levelfield.lib.testing.world import World
from levelfield.notifications import services as notification_services
from levelfield.notifications.services import notification_send
from levelfield.people.language import language_of
from levelfield.people.models import User

pytestmark = pytest.mark.django_db


def test_a_visitor_follows_the_cymraeg_link_and_the_site_speaks_welsh(client: Client) -> None:
    glossary = client.get(reverse("glossary"))
    assert '<html lang="en-gb" dir="ltr"' in glossary.content.decode()
    link = f'href="{reverse("language")}?next=/glossary/" lang="cy" hreflang="cy">Cymraeg</a>'
    assert link in glossary.content.decode()

    choice = client.get(reverse("language"), {"next": "/glossary/"})
    assert choice.status_code == 200
    assert 'value="cy" checked' in choice.content.decode()

    chosen = client.post(reverse("language"), {"language": "cy", "next": "/glossary/"})
    assert chosen.status_code == 302
    assert chosen["Location"] == "/glossary/"
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"

    welsh = client.get(reverse("glossary"))
    assert welsh["Content-Language"] == "cy"
    assert '<html lang="cy" dir="ltr"' in welsh.content.decode()
    # Now the link offers the way back, named in English.
    assert 'lang="en-gb" hreflang="en-gb">English</a>' in welsh.content.decode()


def test_a_browser_that_asks_for_welsh_gets_welsh_before_any_choice(client: Client) -> None:
    page = client.get(reverse("glossary"), headers={"accept-language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert page["Content-Language"] == "cy"


def test_a_signed_in_choice_is_kept_on_the_profile_and_wins_over_the_browser(
    client: Client, world: World
) -> None:
    client.force_login(world.member)
    client.post(reverse("language"), {"language": "cy", "next": "/"})
    world.member.refresh_from_db()
    assert world.member.language == "cy"

    # Another device, signed in, whose browser asks for English: the choice holds.
    elsewhere = Client()
    elsewhere.force_login(world.member)
    page = elsewhere.get(reverse("glossary"), headers={"accept-language": "en-GB"})
    assert page["Content-Language"] == "cy"


def test_looking_at_the_choice_changes_nothing(client: Client, world: World) -> None:
    client.force_login(world.member)
    page = client.get(reverse("language"), {"language": "cy"})
    assert page.status_code == 200
    assert User.objects.get(pk=world.member.pk).language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in page.cookies


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({}, "Choose the language you want Levelfield in"),
        ({"language": "xx"}, "Choose one of the languages shown"),
    ],
)
def test_no_language_or_one_not_offered_is_refused_with_a_message(
    client: Client, world: World, posted: dict[str, str], message: str
) -> None:
    client.force_login(world.member)
    page = client.post(reverse("language"), posted)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "Error: " in page.content.decode()
    assert User.objects.get(pk=world.member.pk).language == ""


def test_coming_back_only_goes_to_a_page_of_this_site(client: Client) -> None:
    chosen = client.post(
        reverse("language"), {"language": "cy", "next": "https://evil.example.org/"}
    )
    assert chosen["Location"] == reverse("home")


def test_emails_go_in_the_recipients_language_whoever_sends_them(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    User.objects.filter(pk=world.member.pk).update(language="cy")
    member = User.objects.get(pk=world.member.pk)
    assert language_of(member) == "cy"
    assert language_of(world.coordinator) == settings.LANGUAGE_CODE
    rendered_in: list[str] = []
    render = notification_services._render

    def render_noting_language(*args: Any, **kwargs: Any) -> tuple[str, str, str]:
        rendered_in.append(translation.get_language())
        return render(*args, **kwargs)

    monkeypatch.setattr(notification_services, "_render", render_noting_language)
    # Someone writing in Welsh causes emails to both: each is in its reader's language,
    # and someone who chose none gets English, not the sender's language.
    with translation.override("cy"):
        for person in (member, world.coordinator):
            notification_send(
                kind="account", person=person, context={"subject": "s", "message": "m"}
            )
    assert rendered_in == ["cy", "en-gb"]
    # An address with no account hears in the sender's language (an invitation).
    with translation.override("cy"):
        assert language_of(None) == "cy"


def test_the_profile_says_which_language_and_links_to_change_it(
    client: Client, world: World
) -> None:
    client.force_login(world.member)
    before = client.get(reverse("people:profile")).content.decode()
    assert "You have not chosen a language" in before
    assert f'href="{reverse("language")}?next={reverse("people:profile")}"' in before
    User.objects.filter(pk=world.member.pk).update(language="cy")
    after = client.get(reverse("people:profile")).content.decode()
    assert '<span lang="cy">Cymraeg</span>' in after
