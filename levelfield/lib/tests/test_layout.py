"""The layout every page shares (base.html): the navigation shows where you are and what
you may do, and its fixed parts are rendered once per process, not on every page."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from levelfield.people.tests.factories import UserFactory
from levelfield.templatetags import levelfield as tags

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_fragments() -> None:
    tags._FRAGMENTS.clear()


def _navigation(html: str) -> str:
    return html.split('id="navigation">')[1].split("</ul>")[0]


def _current(html: str) -> list[str]:
    return re.findall(r"item--active\"><a [^>]*>([^<]+)<", _navigation(html))


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("home", ["Home"]),
        ("collectives:list", ["Collectives"]),
        ("projects:list", ["Projects"]),
        ("events:list", ["Events"]),
        ("people:profile", ["Your profile"]),
        ("payments:home", ["Payments"]),
        ("notifications:list", ["Notifications"]),
        ("notifications:settings", ["Notifications"]),
        ("home:my_data", ["Your profile"]),
    ],
)
def test_a_member_sees_which_part_of_the_site_they_are_in(
    client: Client, name: str, current: list[str]
) -> None:
    client.force_login(UserFactory())

    html = client.get(reverse(name)).content.decode()

    assert _current(html) == current
    assert ('aria-current="page"' in _navigation(html)) == (name == "home")
    assert f'href="{reverse("account_logout")}">Sign out' in html
    assert f'href="{reverse("home:my_data")}">Your data' in html
    assert "Sign in" not in _navigation(html)


def test_a_visitor_is_offered_sign_in_and_nothing_of_members(client: Client) -> None:
    html = client.get(reverse("account_login")).content.decode()

    assert f'href="{reverse("account_login")}">Sign in' in _navigation(html)
    assert f'href="{reverse("account_signup")}">Create an account' in _navigation(html)
    assert "Sign out" not in html
    assert "Your data" not in html
    assert _current(html) == []


def test_after_signing_out_the_same_process_shows_the_visitors_navigation(
    client: Client,
) -> None:
    client.force_login(UserFactory())
    assert "Sign out" in client.get(reverse("home")).content.decode()

    client.logout()

    assert "Sign out" not in client.get(reverse("home")).content.decode()


def test_the_head_links_the_stylesheets_and_script(client: Client) -> None:
    html = client.get(reverse("home")).content.decode()

    for name in ("govuk-frontend.min.css", "levelfield.css", "app.mjs", "favicon.svg"):
        assert name in html.split("</head>")[0]


def test_the_fixed_parts_are_rendered_once_per_process(client: Client) -> None:
    client.force_login(UserFactory())
    real = tags.render_to_string
    with mock.patch.object(tags, "render_to_string", side_effect=real) as rendered:
        for _ in range(3):
            client.get(reverse("home"))
            client.get(reverse("collectives:list"))

    names = sorted(call.args[0] for call in rendered.call_args_list)
    assert names == [
        "includes/site_footer_links.html",
        "includes/site_head.html",
        "includes/site_navigation.html",  # home
        "includes/site_navigation.html",  # collectives
    ]


def test_in_development_edited_templates_show_at_once(client: Client) -> None:
    real = tags.render_to_string
    with (
        override_settings(DEBUG=True),
        mock.patch.object(tags, "render_to_string", side_effect=real) as rendered,
    ):
        client.get(reverse("account_login"))
        client.get(reverse("account_login"))

    assert rendered.call_count == 6
    assert tags._FRAGMENTS == {}
