"""The link checker cannot be turned against the server's own network.

A name that answers with a public address when checked and an internal one when the
connection is made (DNS rebinding) must never reach the internal one: the checker
connects to the address it checked. Only the name lookup and the socket are faked;
everything between them (urllib, http.client, redirects) is the real code.
"""

from __future__ import annotations

import io
import socket
from typing import Any

import pytest

from levelfield.resources import links

PUBLIC = "93.184.215.14"
INTERNAL = "169.254.169.254"


class RebindingResolver:
    """Answers public first and then `after` (an internal address) for ever after."""

    def __init__(self, after: str = INTERNAL) -> None:
        self.after = after
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int, **kwargs: Any) -> list:
        self.lookups.append(host)
        address = PUBLIC if len(self.lookups) == 1 else self.after
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]


class FakeSocket:
    """A server's answer, recorded: what was sent and where."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.sent = b""

    def sendall(self, data: bytes) -> None:
        self.sent += data

    def makefile(self, mode: str, *args: Any, **kwargs: Any) -> io.BytesIO:
        return io.BytesIO(self.answer)

    def close(self) -> None:
        return None


class FakeNetwork:
    """Hands out a socket per connection; records each address connected to."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.connections: list[tuple[str, int]] = []
        self.sockets: list[FakeSocket] = []

    def __call__(self, address: tuple[str, int], timeout: float | None) -> FakeSocket:
        self.connections.append(address)
        sock = FakeSocket(self.answers.get(address[0], b"HTTP/1.1 200 OK\r\n\r\n"))
        self.sockets.append(sock)
        return sock


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    fake = FakeNetwork({PUBLIC: b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"})
    monkeypatch.setattr(links, "open_socket", fake)
    monkeypatch.setattr(links, "OPENER", links.build_link_opener())
    return fake


def test_a_name_that_rebinds_to_an_internal_address_is_never_connected_to(
    network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = RebindingResolver()
    monkeypatch.setattr(links.socket, "getaddrinfo", resolver)
    result = links.link_check("http://rebind.example/latest/meta-data/")
    assert not result.working
    assert result.problem == "The address is not on the public internet"
    assert all(host != INTERNAL for host, _ in network.connections)


def test_the_connection_goes_to_the_address_that_was_checked_with_the_name_as_host(
    network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = RebindingResolver()
    monkeypatch.setattr(links.socket, "getaddrinfo", resolver)
    monkeypatch.setattr(links, "host_problem", lambda url: "")  # one lookup only
    assert links.link_check("http://rebind.example:8080/guide") == links.LinkCheck(True)
    assert network.connections == [(PUBLIC, 8080)]
    assert resolver.lookups == ["rebind.example"]
    assert b"Host: rebind.example:8080\r\n" in network.sockets[0].sent


def test_tls_is_checked_against_the_name_not_the_address(
    network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrapped: list[str] = []

    class FakeTLS:
        def wrap_socket(self, sock: FakeSocket, server_hostname: str) -> FakeSocket:
            wrapped.append(server_hostname)
            return sock

    monkeypatch.setattr(links, "TLS_CONTEXT", FakeTLS())
    monkeypatch.setattr(links.socket, "getaddrinfo", RebindingResolver(after=PUBLIC))
    assert links.link_check("https://www.example.org/guide").working
    assert network.connections[0] == (PUBLIC, 443)
    assert wrapped == ["www.example.org"]
    assert links.TLS_CONTEXT is not None
    assert links.ssl.create_default_context().check_hostname  # the real context verifies


def test_every_redirect_hop_is_checked_and_pinned_the_same_way(
    network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    network.answers[PUBLIC] = (
        b"HTTP/1.1 302 Found\r\nLocation: http://inside.example/admin\r\nContent-Length: 0\r\n\r\n"
    )

    def resolve(host: str, port: int, **kwargs: Any) -> list:
        address = PUBLIC if host == "www.example.org" else "10.0.0.5"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(links.socket, "getaddrinfo", resolve)
    result = links.link_check("http://www.example.org/moved")
    assert not result.working
    assert "not on the public internet" in result.problem
    assert {host for host, _ in network.connections} == {PUBLIC}


def test_a_redirect_to_another_kind_of_address_is_refused(
    network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    network.answers[PUBLIC] = (
        b"HTTP/1.1 301 Moved\r\nLocation: ftp://files.example/x\r\nContent-Length: 0\r\n\r\n"
    )
    monkeypatch.setattr(links.socket, "getaddrinfo", RebindingResolver(after=PUBLIC))
    result = links.link_check("http://www.example.org/")
    assert result == links.LinkCheck(False, "It redirects elsewhere: not to a web address")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "::127.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::5db8:d70e",
        "64:ff9b:1::a00:1",
        "2002:7f00:1::",
        "2002:5db8:d70e::",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ff02::1",
    ],
)
def test_no_internal_or_translated_address_is_public(address: str) -> None:
    assert not links.is_public(address)


@pytest.mark.parametrize("address", [PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_public(address: str) -> None:
    assert links.is_public(address)


def test_a_name_with_any_internal_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, 443)),
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("64:ff9b::a9fe:a9fe", 443, 0, 0)),
    ]
    monkeypatch.setattr(links.socket, "getaddrinfo", lambda *a, **k: answers)
    assert (
        links.host_problem("https://two.example/") == "The address is not on the public internet"
    )
