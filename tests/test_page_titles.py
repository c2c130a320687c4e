"""Page titles name the place (issue 21): every page of a collective, a group or a project
is titled "Page – Place – Levelfield", so a person with many tabs open, or a screen reader
announcing the page, knows where they are. A page outside any place is "Page – Levelfield".

The base layout adds the place's name from the page's context (templates/base.html), so
this walks every page of the permission matrix's scenario as a member (or, for the
coordinator's pages, as the coordinator) and checks the title against the place the page's
breadcrumbs lead back through, which is worked out independently of the title."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import resolve

from levelfield.places.models import Place
from tests.test_permission_matrix import (  # noqa: F401 (scenario is a fixture)
    MATRIX,
    ROLES,
    Scenario,
    _client_for,
    _url,
    scenario,
)
from tests.test_translations import NOT_YET_TRANSLATED

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CRUMB = re.compile(r'<a class="govuk-breadcrumbs__link" href="([^"]+)">')


def _viewer(route: str) -> str | None:
    """Who can open the route: a member, else the coordinator, else nobody signed in here."""
    outcomes = dict(
        zip(
            ("visitor", "outsider", "member", "coordinator", "former"),
            MATRIX[route].get.split(),
            strict=True,
        )
    )
    for role in ("member", "coordinator"):
        if outcomes[role] == "200":
            return role
    return None


def _title(response: Any) -> str:
    found = TITLE.search(response.content.decode())
    return " ".join(html.unescape(found.group(1)).split()) if found else ""


def _place_of(response: Any, places: dict[str, str]) -> str | None:
    """The name of the last place the breadcrumbs go through, if any."""
    names = [places[href] for href in CRUMB.findall(response.content.decode()) if href in places]
    return names[-1] if names else None


def test_every_page_of_a_place_names_it_once_in_its_title(scenario: Scenario, db: None) -> None:  # noqa: F811
    places = {place.get_absolute_url(): place.name for place in Place.objects.all()}
    clients: dict[str, Client] = {}
    checked, wrong = 0, []
    for route in MATRIX:
        role = _viewer(route)
        if role is None:
            continue
        client = clients.setdefault(role, _client_for(scenario, role))
        response = client.get(_url(route, scenario))
        if route.endswith(".html") or response.status_code != 200:  # .html: a file to keep
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        title = _title(response)
        place = _place_of(response, places)
        if not title.endswith(" – Levelfield") or title.startswith("–"):
            wrong.append(f"{route}: {title!r} is not 'Page – Levelfield'")
        elif place is None:
            continue
        elif not title.endswith(f" – {place} – Levelfield") and title != f"{place} – Levelfield":
            wrong.append(f"{route}: {title!r} does not end with the place, {place!r}")
        elif title.removesuffix(f" – {place} – Levelfield").endswith(place):
            wrong.append(f"{route}: {title!r} names {place!r} twice")
        checked += 1
    assert checked > 100
    assert not wrong, "Titles that do not name their place:\n" + "\n".join(wrong)


def test_every_page_speaks_each_language_and_turns_right_to_left_for_urdu(
    scenario: Scenario,  # noqa: F811
    db: None,
) -> None:
    """Every page a member (or the coordinator) can open renders in Welsh and in the
    right-to-left layout-test language as it does in English, saying which it is in:
    `lang` for screen readers and spelling, `dir` for the direction of the page."""
    clients: dict[tuple[str, str], Client] = {}
    checked, wrong = 0, []
    for route in MATRIX:
        role = _viewer(route)
        if role is None or route.endswith(".html"):
            continue
        for code, direction in (("cy", "ltr"), ("ur", "rtl")):
            client = clients.get((role, code))
            if client is None:
                client = clients[(role, code)] = _client_for(scenario, role)
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
            response = client.get(_url(route, scenario))
            if response.status_code != 200:
                wrong.append(f"{route} in {code}: {response.status_code}")
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            checked += 1
            page = response.content.decode()
            if f'<html lang="{code}" dir="{direction}"' not in page:
                wrong.append(
                    f"{route} in {code}: the page does not say lang={code} dir={direction}"
                )
            # History pages show what was recorded, as it was written (in the site's
            # language, whoever wrote it): stored words, not the interface's.
            if (
                code == "cy"
                and "history/" not in route
                and _app_of(_url(route, scenario)) not in NOT_YET_TRANSLATED
            ):
                wrong += [f"{route} in Welsh shows English: {text!r}" for text in _english(page)]
    assert checked > 200
    assert not wrong, "Pages that fail in another language:\n" + "\n".join(wrong)


def _app_of(url: str) -> str:
    """The app whose view answers `url` ("levelfield" for the shared pages)."""
    module = resolve(url.split("?")[0]).func.__module__.split(".")
    return module[1] if module[0] == "levelfield" and len(module) > 2 else "levelfield"


@functools.cache
def _sentences_with_welsh() -> frozenset[str]:
    """The English sentences of every catalogue that has a Welsh translation differing
    from them: a page in Welsh showing one has words that escaped translation (a cached
    fragment, a word made before the language was known). Only sentences of three words
    or more, with no placeholder or markup, so a person's own words never match."""
    found = set()
    for po in Path(settings.BASE_DIR, "levelfield").glob("**/locale/cy/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            text = " ".join(entry.msgid.split())
            if (
                entry.msgstr
                and entry.msgstr != entry.msgid
                and len(text.split()) >= 3
                and "%" not in text
                and "<" not in text
            ):
                found.add(text)
    return frozenset(found)


# Elements with no closing tag: they never hold text, so never change the language.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _TextInPageLanguage(HTMLParser):
    """The page's text nodes, leaving out any inside an element that says it is in another
    language (`lang`): words Levelfield stored in the site's language, marked so."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.languages = [language]
        self.page_language = language
        self.tags: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.tags.append(tag)
        self.languages.append(dict(attrs).get("lang") or self.languages[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.tags:
            while self.tags:  # close what was left open inside it, as browsers do
                self.languages.pop()
                if self.tags.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.languages[-1] == self.page_language:
            self.texts.append(data)


def _english(page: str, language: str = "cy") -> list[str]:
    """The catalogue sentences a page shows in English, as whole text between tags."""
    sentences = _sentences_with_welsh()
    parser = _TextInPageLanguage(language)
    parser.feed(page)
    return [text for node in parser.texts if (text := " ".join(node.split())) in sentences]


def test_a_page_outside_any_place_is_titled_page_then_levelfield(client: Client, db: None) -> None:
    response = client.get("/glossary/")
    assert _title(response).endswith(" – Levelfield")
    assert _title(response).count(" – ") == 1


def test_a_form_sent_back_with_errors_says_error_once_at_the_start_of_its_title(
    scenario: Scenario,  # noqa: F811
    db: None,
) -> None:
    """GOV.UK's "Error: " before the title, from the base layout alone: a template that
    added its own as well made "Error: Page (error) – Levelfield". Every form the
    permission matrix sends back with a 400 to a member (or the coordinator) is posted
    empty here."""
    clients: dict[str, Client] = {}
    marked, wrong = 0, []
    for route, row in MATRIX.items():
        outcomes = dict(zip(ROLES, row.post.split(), strict=True))
        role = next((r for r in ("member", "coordinator") if outcomes[r] == "400"), None)
        if role is None:
            continue
        client = clients.setdefault(role, _client_for(scenario, role))
        with transaction.atomic():
            response = client.post(_url(route, scenario), {})
            transaction.set_rollback(True)
        title = _title(response)
        if "error" not in title.lower():
            continue
        marked += 1
        if not title.startswith("Error: ") or title.lower().count("error") != 1:
            wrong.append(f"{route}: {title!r}")
    assert marked > 20
    assert not wrong, "Titles that mark an error other than once, first:\n" + "\n".join(wrong)
