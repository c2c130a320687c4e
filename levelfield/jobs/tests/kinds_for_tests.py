"""Kinds of background work that only the tests register."""

from __future__ import annotations

from typing import Any

from levelfield.jobs import kinds

# What the next run of "tests.flaky" does: "fail" (a JobError), "crash" (a bug), or "work".
FLAKY: dict[str, str] = {"next": "work"}


@kinds.register("tests.count", label="Your counted list")
def count(job: Any, progress: kinds.Progress) -> kinds.Result:
    upto = int(job.params.get("upto", 3))
    for done in range(upto):
        progress(done, upto, f"Counting {done + 1}")
    lines = "\n".join(str(n) for n in range(1, upto + 1))
    return kinds.Result(name="count.txt", content_type="text/plain", content=lines.encode())


@kinds.register("tests.flaky", label="Your flaky file")
def flaky(job: Any, progress: kinds.Progress) -> kinds.Result:
    what = FLAKY["next"]
    if what == "fail":
        raise kinds.JobError("The list you asked for is empty, so there is nothing to make.")
    if what == "crash":
        raise RuntimeError("a bug")
    return kinds.Result(name="flaky.txt", content_type="text/plain", content=b"it worked")
