"""The WSGI application gunicorn serves (README, "Deploying", step 4)."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelfield.settings")

# After how many requests a worker sets aside what it has built to keep (see below).
FREEZE_AFTER_REQUESTS = frozenset({1, 10, 100, 1_000})


class LongLivedObjectsFrozen:
    """Keeps Python's garbage collector from searching the objects a worker keeps for its
    whole life: modules, models, URL patterns, compiled templates, translations.

    Every few hundred requests Python searches every object it tracks for cycles (a
    "full collection"). A warm worker tracks about 230,000 objects, nearly all of them
    kept for good, and each full collection took about 120 ms of the request it fell in
    (1.2 ms a request on average, in-process on the large data's involvement log: the
    long tail of the p95). After its 1st, 10th, 100th and 1,000th request (by then
    nearly everything it keeps has been built) the worker collects once and freezes
    what is left (`gc.freeze`), so later collections search only what requests make.
    A frozen object that a later change makes unreachable is freed as usual unless it
    is in a cycle; the collections before each freeze free the cycles made up to then.
    """

    def __init__(
        self,
        application: Callable[..., Iterable[bytes]],
        *,
        freeze_after: frozenset[int] = FREEZE_AFTER_REQUESTS,
    ) -> None:
        self.application = application
        self.freeze_after = freeze_after
        self.served = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        response = self.application(environ, start_response)
        self.served += 1
        if self.served in self.freeze_after:
            gc.collect()
            gc.freeze()
        return response


application = LongLivedObjectsFrozen(get_wsgi_application())
