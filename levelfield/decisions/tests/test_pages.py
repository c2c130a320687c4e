"""Every decisions page is well-formed for assistive technology and works without JavaScript:
one h1, headings in order, unique ids, every input labelled, no inline script or style."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import make_team

pytestmark = pytest.mark.django_db


class _PageChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.inputs: list[str] = []
        self.inline: list[str] = []
        self._script_src = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if "style" in attributes or any(name.startswith("on") for name in attributes):
            self.inline.append(tag)
        if tag == "style" or (tag == "script" and "src" not in attributes):
            self.inline.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and "for" in attributes:
            self.labels.add(attributes["for"])
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in {
            "hidden",
            "submit",
        }:
            self.inputs.append(attributes.get("id", ""))


def _check(html: str) -> None:
    checker = _PageChecker()
    checker.feed(html)
    assert checker.headings.count(1) == 1, "one h1"
    for before, after in zip(checker.headings, checker.headings[1:], strict=False):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"
    assert len(checker.ids) == len(set(checker.ids)), "ids are unique"
    assert not checker.inline, "no inline scripts, styles or handlers"
    for input_id in checker.inputs:
        assert input_id in checker.labels, f"input {input_id!r} has a label"


@pytest.mark.parametrize("method", list(Method))
def test_every_page_for_every_method_is_well_formed(client: object, method: str) -> None:
    team = make_team(3)
    extra = {}
    if method == Method.TIME_POLL:
        start = datetime(2030, 3, 1, 9, tzinfo=UTC)
        extra["times"] = [
            services.ProposedTime(start, start + timedelta(hours=1)),
            services.ProposedTime(start + timedelta(days=1), start + timedelta(days=1, hours=1)),
        ]
    decision = team.start(method, reasons_policy="objections", voice_check="public", **extra)
    client.force_login(team.starter)
    place = [team.place.pk]
    urls = [
        reverse("decisions:place_log", args=place),
        reverse("decisions:place_create", args=place),
        reverse("decisions:place_create", args=place) + f"?method={method}",
        reverse("decisions:detail", args=[decision.pk]),
        reverse("decisions:respond", args=[decision.pk]),
        reverse("decisions:discussion", args=[decision.pk]),
        reverse("decisions:outcome", args=[decision.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response.content.decode())
    # A form sent back with errors is well-formed too.
    invalid = client.post(reverse("decisions:respond", args=[decision.pk]), {})
    _check(invalid.content.decode())
    assert "There is a problem" in invalid.content.decode()
