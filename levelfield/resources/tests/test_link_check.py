"""The weekly link check flags broken links. Only the network boundary is faked (the
URL opener and the name lookup); no test ever follows a real link."""

from __future__ import annotations

import datetime
import io
import socket
from email.message import Message
from typing import Any
from urllib.error import HTTPError, URLError

import pytest
from django.core.management import call_command
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.resources import links, services
from levelfield.resources.models import LinkStatus, Resource, Status
from levelfield.resources.tests.factories import ResourceFactory

PUBLIC_ADDRESS = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]


class FakeResponse:
    def __init__(self, status: int) -> None:
        self.status = status

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *args: object) -> None:
        return None


class FakeOpener:
    """Answers by URL and method: an int is a status, an exception is raised."""

    def __init__(self, answers: dict[tuple[str, str], Any]) -> None:
        self.answers = answers
        self.requests: list[tuple[str, str, float]] = []

    def open(self, request: Any, timeout: float) -> FakeResponse:
        self.requests.append((request.get_method(), request.full_url, timeout))
        answer = self.answers.get((request.get_method(), request.full_url), 200)
        if isinstance(answer, BaseException):
            raise answer
        if answer >= 400:
            raise HTTPError(request.full_url, answer, "error", Message(), io.BytesIO())
        return FakeResponse(answer)


@pytest.fixture
def public_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links.socket, "getaddrinfo", lambda *a, **k: PUBLIC_ADDRESS)


def _opener(monkeypatch: pytest.MonkeyPatch, answers: dict[tuple[str, str], Any]) -> FakeOpener:
    opener = FakeOpener(answers)
    monkeypatch.setattr(links, "OPENER", opener)
    return opener


def test_head_then_get_when_the_site_refuses_head(
    public_names: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://www.example.org/guide"
    opener = _opener(monkeypatch, {("HEAD", url): 405, ("GET", url): 200})
    assert links.link_check(url) == links.LinkCheck(True)
    assert [(m, t) for m, _, t in opener.requests] == [
        ("HEAD", links.TIMEOUT_SECONDS),
        ("GET", links.TIMEOUT_SECONDS),
    ]


def test_a_missing_page_and_a_silent_site_are_broken_in_plain_words(
    public_names: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone, slow = "https://www.example.org/gone", "https://slow.example.org/"
    _opener(
        monkeypatch,
        {
            ("HEAD", gone): 404,
            ("GET", gone): 404,
            ("HEAD", slow): URLError(TimeoutError("timed out")),
            ("GET", slow): TimeoutError("timed out"),
        },
    )
    assert links.link_check(gone) == links.LinkCheck(False, "The site answered with error 404")
    assert links.link_check(slow, timeout=5) == links.LinkCheck(
        False, "The site did not answer within 5 seconds"
    )


def test_addresses_inside_the_network_are_never_requested(monkeypatch: pytest.MonkeyPatch) -> None:
    opener = _opener(monkeypatch, {})
    monkeypatch.setattr(
        links.socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))],
    )
    assert not links.link_check("http://localhost:8000/admin").working
    assert not links.link_check("file:///etc/passwd").working
    assert opener.requests == []


def test_the_weekly_check_flags_broken_links_once_per_address_and_is_idempotent(
    collective: Collective, public_names: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = ResourceFactory(collective=collective, url="https://www.example.org/good")
    broken = ResourceFactory(collective=collective, url="https://www.example.org/broken")
    same_elsewhere = ResourceFactory(url="https://www.example.org/broken")
    declined = ResourceFactory(
        collective=collective,
        url="https://www.example.org/declined",
        status=Status.DECLINED,
        decline_reason="No",
    )
    opener = _opener(
        monkeypatch,
        {
            ("HEAD", "https://www.example.org/broken"): 404,
            ("GET", "https://www.example.org/broken"): 410,
        },
    )
    now = timezone.now()
    assert services.resources_check_links(now=now) == {"working": 1, "broken": 1}
    good.refresh_from_db()
    broken.refresh_from_db()
    same_elsewhere.refresh_from_db()
    declined.refresh_from_db()
    assert good.link_status == LinkStatus.WORKING and good.last_checked == timezone.localdate(now)
    assert broken.link_status == LinkStatus.BROKEN
    assert broken.link_problem == "The site answered with error 410"
    assert broken.last_checked is None
    assert same_elsewhere.link_status == LinkStatus.BROKEN
    assert declined.link_status == LinkStatus.NOT_CHECKED
    assert len(opener.requests) == 3  # good: HEAD; broken: HEAD then GET, once for both maps

    # The same week: nothing is due, nothing is requested.
    assert services.resources_check_links(now=now + datetime.timedelta(days=2)) == {
        "working": 0,
        "broken": 0,
    }
    assert len(opener.requests) == 3
    # A week later the moved page is back and the flag clears.
    opener.answers.clear()
    services.resources_check_links(now=now + datetime.timedelta(days=7))
    broken.refresh_from_db()
    assert broken.link_status == LinkStatus.WORKING and broken.link_problem == ""


def test_the_weekly_command_checks_and_flags(
    collective: Collective, public_names: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    ResourceFactory(collective=collective, url="https://www.example.org/a")
    opener = _opener(monkeypatch, {})
    call_command("check_resource_links")
    assert "Checked 1 addresses: 1 working, 0 may be broken." in capsys.readouterr().out
    assert Resource.objects.get().link_status == LinkStatus.WORKING
    assert len(opener.requests) == 1


def test_a_broken_link_is_flagged_on_the_map(
    collective: Collective, member: Any, client: Any
) -> None:
    ResourceFactory(
        collective=collective,
        title="Moved guide",
        link_status=LinkStatus.BROKEN,
        link_problem="The site answered with error 404",
        link_checked_at=timezone.now(),
    )
    client.force_login(member)
    page = client.get(f"/resources/{collective.slug}/").content.decode()
    assert "Link may be broken" in page
    suggestions = client.get(f"/resources/{collective.slug}/suggestions/").content.decode()
    assert "Moved guide" in suggestions and "error 404" in suggestions
