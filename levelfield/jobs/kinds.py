"""The kinds of background work, each registered by the app that knows how to do it.

An app adds a kind in its own `background.py`:

    @kinds.register("reports.pdf", label="Your report as PDF", keep_for=timedelta(days=7))
    def report_pdf(job: Job, progress: Progress) -> Result: ...

The function gets the job (who asked: `job.person`; what: `job.params`) and a
`progress(done, total, doing)` to call as it goes, re-checks that the person may still
have what they asked for, and returns the file as a `Result`. It raises `JobError` with
plain words for the person when it cannot be done; any other exception is logged and
the person is told that something went wrong. The modules are found, not listed
(`autodiscover_modules("background")`, as Django's admin finds `admin.py`), so this
ground-layer app imports none of the apps above it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.utils.module_loading import autodiscover_modules

DEFAULT_KEEP_FOR = datetime.timedelta(days=7)


class Progress(Protocol):
    def __call__(self, done: int, total: int, doing: str = "") -> None: ...


@dataclass(frozen=True)
class Result:
    name: str  # the file name the person downloads, e.g. "annual-report-v3.pdf"
    content_type: str
    content: bytes


class JobError(Exception):
    """The work cannot be done, for a reason the person can read (and maybe act on)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the person asked for, in their words: "Your data"
    run: Callable[[Any, Progress], Result]
    keep_for: datetime.timedelta = DEFAULT_KEEP_FOR


_REGISTERED: dict[str, Kind] = {}


def register(
    name: str, *, label: str, keep_for: datetime.timedelta = DEFAULT_KEEP_FOR
) -> Callable[[Callable[[Any, Progress], Result]], Callable[[Any, Progress], Result]]:
    def decorate(run: Callable[[Any, Progress], Result]) -> Callable[[Any, Progress], Result]:
        if name in _REGISTERED and _REGISTERED[name].run is not run:
            raise ValueError(f"Two background kinds are called {name!r}")
        _REGISTERED[name] = Kind(name=name, label=label, run=run, keep_for=keep_for)
        return run

    return decorate


@cache
def _discovered() -> None:
    autodiscover_modules("background")


def kind_for(name: str) -> Kind:
    """The registered kind; KeyError for a name no app registers (a job from an app
    since removed: the runner fails it plainly)."""
    _discovered()
    return _REGISTERED[name]


def all_kinds() -> dict[str, Kind]:
    _discovered()
    return dict(_REGISTERED)
