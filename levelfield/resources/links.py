"""Checking that a resource's web address still answers: the only code that reaches
out to the network.

A HEAD request first (cheap); many servers refuse HEAD, so any failure is tried again
with GET, reading none of the body. Every request has a bounded timeout. Only http(s)
addresses on public hosts are checked, also after each redirect, so a link someone
suggests cannot make the server probe its own network: the name is looked up once per
hop, every address it gives must be public, and the connection goes to that address
(the Host header, TLS SNI and the certificate check still use the name), so a name that
answers public first and internal next (DNS rebinding) never reaches inside.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import (
    HTTPHandler,
    HTTPRedirectHandler,
    HTTPSHandler,
    OpenerDirector,
    ProxyHandler,
    Request,
    build_opener,
)

TIMEOUT_SECONDS = 10
USER_AGENT = "Levelfield-link-check/1.0 (weekly check of a resource map)"


@dataclass(frozen=True)
class LinkCheck:
    working: bool
    problem: str = ""


class NotAPublicAddress(URLError):
    """The address is not on the public internet (or not http/https)."""


# Addresses Python's `is_global` lets through on 3.11 but which reach, or may reach, a
# network other than the one named: NAT64 (both prefixes), 6to4, Teredo, the IPv4-
# compatible block (::a.b.c.d) and multicast.
_REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32", "::/96", "ff00::/8")
)


def is_public(address: str) -> bool:
    """Whether a connection to `address` can only reach the public internet."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(str(ip.ipv4_mapped))
        if any(ip in network for network in _REFUSED_NETWORKS):
            return False
    return ip.is_global and not ip.is_multicast


def public_address(host: str, port: int) -> str:
    """The address to connect to for `host`: every address the name has must be public
    (a name with one internal address is refused), and the first is the one used.
    Raises NotAPublicAddress with the reason in plain words."""
    try:
        found = getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise NotAPublicAddress("The site’s name could not be found") from None
    addresses = [sockaddr[0] for *_, sockaddr in found]
    if not addresses:
        raise NotAPublicAddress("The site’s name could not be found")
    if not all(is_public(address) for address in addresses):
        raise NotAPublicAddress("The address is not on the public internet")
    return addresses[0]


def host_problem(url: str) -> str:
    """Why we will not request `url`, or "" when it is a public http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "The address does not start with http:// or https://"
    try:
        public_address(parts.hostname, parts.port or _PORTS[parts.scheme])
    except NotAPublicAddress as error:
        return str(error.reason)
    except ValueError:  # a port that is not a number
        return "The address is not a valid web address"
    return ""


def getaddrinfo(host: str, port: int, **kwargs: Any) -> list:
    """The name lookup (a network boundary, replaced in tests)."""
    return socket.getaddrinfo(host, port, **kwargs)


def open_socket(address: tuple[str, int], timeout: float | None) -> socket.socket:
    """The connection (a network boundary, replaced in tests)."""
    return socket.create_connection(address, timeout)


_PORTS = {"http": 80, "https": 443}
# Certificates are checked against the name in the link, whichever address was used.
TLS_CONTEXT = ssl.create_default_context()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, never looking the name up again (a
    second lookup could answer differently: DNS rebinding). The Host header still
    carries the name."""

    def __init__(self, host: str, *, address: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self) -> None:
        self.sock = open_socket((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As _PinnedHTTPConnection, with TLS whose SNI and certificate check use the name."""

    def __init__(self, host: str, *, address: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self) -> None:
        sock = open_socket((self.address, self.port), self.timeout)
        self.sock = TLS_CONTEXT.wrap_socket(sock, server_hostname=self.host)


def _pinned(connection: type, request: Request) -> Any:
    """The connection class for `request`, pinned to its host's checked address."""
    parts = urlsplit(request.full_url)
    if not parts.hostname:
        raise NotAPublicAddress("The address does not start with http:// or https://")
    address = public_address(parts.hostname, parts.port or _PORTS[parts.scheme])
    return functools.partial(connection, address=address)


class _PinnedHTTPHandler(HTTPHandler):
    def http_open(self, req: Request) -> Any:
        return self.do_open(_pinned(_PinnedHTTPConnection, req), req)


class _PinnedHTTPSHandler(HTTPSHandler):
    def https_open(self, req: Request) -> Any:
        return self.do_open(_pinned(_PinnedHTTPSConnection, req), req)


class _PublicRedirectsOnly(HTTPRedirectHandler):
    """Every hop is an http(s) address; its host is checked and pinned when it is
    opened (by the handlers above), like the first."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urlsplit(newurl).scheme not in _PORTS:
            raise NotAPublicAddress("It redirects elsewhere: not to a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def build_link_opener() -> OpenerDirector:
    """Only http(s), pinned, with redirects re-checked; no proxy from the environment
    (the connection must go to the address that was checked)."""
    return build_opener(
        ProxyHandler({}), _PinnedHTTPHandler, _PinnedHTTPSHandler, _PublicRedirectsOnly
    )


# The network boundary: tests replace this object and never follow a real link.
OPENER = build_link_opener()


def link_check(url: str, *, timeout: float = TIMEOUT_SECONDS) -> LinkCheck:
    """Whether `url` answers with a page (status below 400)."""
    problem = host_problem(url)
    if problem:
        return LinkCheck(False, problem)
    problem = _request(url, "HEAD", timeout)
    if problem:
        problem = _request(url, "GET", timeout)
    return LinkCheck(not problem, problem)


def _request(url: str, method: str, timeout: float) -> str:
    """ "" if the address answered well, otherwise what went wrong in plain words."""
    request = Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            status = response.status
    except HTTPError as error:
        return f"The site answered with error {error.code}"
    except NotAPublicAddress as error:
        return str(error.reason)[:200]
    except TimeoutError:
        return f"The site did not answer within {timeout:g} seconds"
    except URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            return f"The site did not answer within {timeout:g} seconds"
        return "The site could not be reached"
    except (HTTPException, OSError, ValueError):
        return "The site could not be reached"
    return "" if status < 400 else f"The site answered with error {status}"
