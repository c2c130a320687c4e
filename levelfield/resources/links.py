"""Checking that a resource's web address still answers: the only code that reaches
out to the network.

A HEAD request first (cheap); many servers refuse HEAD, so any failure is tried again
with GET, reading none of the body. Every request has a bounded timeout. Only http(s)
addresses on public hosts are checked, also after each redirect, so a link someone
suggests cannot make the server probe its own network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

TIMEOUT_SECONDS = 10
USER_AGENT = "Levelfield-link-check/1.0 (weekly check of a resource map)"


@dataclass(frozen=True)
class LinkCheck:
    working: bool
    problem: str = ""


class NotAPublicAddress(URLError):
    """The address is not on the public internet (or not http/https)."""


def host_problem(url: str) -> str:
    """Why we will not request `url`, or "" when it is a public http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "The address does not start with http:// or https://"
    try:
        found = getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return "The site’s name could not be found"
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        if not address.is_global:
            return "The address is not on the public internet"
    return ""


def getaddrinfo(host: str, port: int, **kwargs: Any) -> list:
    """The name lookup (a network boundary, replaced in tests)."""
    return socket.getaddrinfo(host, port, **kwargs)


class _PublicRedirectsOnly(HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        problem = host_problem(newurl)
        if problem:
            raise NotAPublicAddress(f"It redirects elsewhere: {problem.lower()}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# The network boundary: tests replace this object and never follow a real link.
OPENER = build_opener(_PublicRedirectsOnly)


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
