"""How many active people a server holds: the search `make bench` runs (bench/load.py
`--capacity`), kept apart from the running so it can be tested without servers.

A step is one locust run of the realistic mix (bench/locustfile.py's `Participant`) with
a number of active people, each pausing between clicks. A step passes when nothing
failed and the p95 latency of all its requests was under the target. The search
doubles the people from `start` while steps pass, then halves the gap between the
largest that passed and the smallest that failed until the gap is small or the steps
run out. Capacity is the largest number that passed below the smallest that failed: a
step that passes above one that failed (the machine was quieter for a moment) does not
raise it.

Each step lasts long enough for a few hundred requests (`step_seconds`): a step's p95 is
its fifth-slowest request in a hundred, so at 25 people (about 4 requests a second) a
20-second step's p95 (about 80 requests) was its fourth-slowest request, and the same
code held 5 people on one run and 50 on the next (README, stop 40 and stop 42).
"""

from __future__ import annotations

from dataclasses import dataclass

P95_MS = 150
START = 25
MOST = 1_600  # never more people than this: locust shares the cores it measures
MAX_STEPS = 6
THINK_SECONDS = (3, 10)  # each person's pause between clicks, uniformly (bench/locustfile.py)
MIN_REQUESTS = 300  # a step's p95 is then its 15th-slowest request, not its 4th
LONGEST_STEP_SECONDS = 120  # fewer requests than that in a step at very few people


@dataclass(frozen=True)
class Step:
    """One step's outcome (the aggregate over every request of the mix)."""

    users: int
    requests: int
    failures: int
    p95_ms: float | None

    @property
    def passed(self) -> bool:
        return (
            self.requests > 0
            and self.failures == 0
            and self.p95_ms is not None
            and self.p95_ms < P95_MS
        )


def capacity(steps: list[Step]) -> int:
    """The largest number of people that passed below the smallest that failed; 0 if
    none passed."""
    failed = [step.users for step in steps if not step.passed]
    ceiling = min(failed, default=None)
    passed = [
        step.users for step in steps if step.passed and (ceiling is None or step.users < ceiling)
    ]
    return max(passed, default=0)


def next_users(
    steps: list[Step], *, start: int = START, most: int = MOST, max_steps: int = MAX_STEPS
) -> int | None:
    """How many people the next step should have, or None when the search is done."""
    if len(steps) >= max_steps:
        return None
    if not steps:
        return start
    good = capacity(steps)
    failed = [step.users for step in steps if not step.passed]
    if not failed:
        more = min(good * 2, most)
        return more if more > good else None
    bad = min(failed)
    if bad - good <= max(5, good // 5):  # within 5 people or a fifth: close enough
        return None
    middle = _round5((good + bad) // 2)
    return middle if good < middle < bad else None


def step_seconds(users: int, *, least: float) -> float:
    """How long a step with `users` people runs once all have started: at least `least`
    seconds, and long enough for about MIN_REQUESTS requests at one click per mean pause
    (at most LONGEST_STEP_SECONDS)."""
    mean_pause = sum(THINK_SECONDS) / 2
    enough = MIN_REQUESTS * mean_pause / max(users, 1)
    return max(least, min(enough, LONGEST_STEP_SECONDS))


def _round5(number: int) -> int:
    return max(5, 5 * round(number / 5))


def sentence(steps: list[Step], *, servers: int, cores: int | None) -> str:
    """What the search found, in words people understand."""
    found = capacity(steps)
    where = "One" if servers == 1 else "Two app servers on one"
    machine = f"{cores}-core server" if cores else "server"
    if servers != 1:
        machine += " (sharing its cores)"
    if not found:
        tried = min((step.users for step in steps), default=0)
        return (
            f"{where} {machine} did not hold even {tried} active people at p95 under {P95_MS} ms."
        )
    best = next(step for step in steps if step.users == found)
    if all(step.passed for step in steps):
        return (
            f"{where} {machine} held at least {found} active people (the most tried) "
            f"at p95 {best.p95_ms:.0f} ms."
        )
    return f"{where} {machine} held {found} active people at p95 {best.p95_ms:.0f} ms."
