"""Two workers never take the same job: each claims with SELECT ... FOR UPDATE SKIP
LOCKED and a conditional UPDATE. Real concurrent connections need PostgreSQL (SQLite
serialises every write anyway)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from levelfield.jobs import services
from levelfield.jobs.models import Job, State
from levelfield.jobs.tests import kinds_for_tests  # noqa: F401 - registers tests.count
from levelfield.people.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL for real concurrent connections",
    ),
]


@pytest.fixture(autouse=True)
def _nothing_queued(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' task backend runs a queued task at once; here the jobs must wait for
    the workers the test starts."""
    monkeypatch.setattr(services, "_enqueue", lambda pk: None)


def _together(work: list[Callable[[], Any]]) -> list[Any]:
    """Run each in a thread with its own database connection, released at once."""
    barrier = threading.Barrier(len(work))
    outcomes: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work[index]()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_workers_claiming_one_job_at_once_take_it_once() -> None:
    person = UserFactory()
    for attempt in range(5):
        job = services.job_start(person=person, kind="tests.count", params={"n": attempt})
        outcomes = _together([services.job_claim, services.job_claim])
        taken = [outcome for outcome in outcomes if isinstance(outcome, Job)]
        assert [o for o in outcomes if isinstance(o, Exception)] == []
        assert [t.pk for t in taken] == [job.pk], outcomes
        Job.objects.filter(pk=job.pk).update(state=State.FAILED)


def test_four_workers_share_the_queue_and_each_job_runs_once() -> None:
    person = UserFactory()
    made = [
        services.job_start(person=person, kind="tests.count", params={"n": n}).pk
        for n in range(20)
    ]

    def drain() -> list[int]:
        ran = []
        while (job := services.job_run_next()) is not None:
            ran.append(job.pk)
        return ran

    outcomes = _together([drain, drain, drain, drain])

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    ran = [pk for outcome in outcomes for pk in outcome]
    assert sorted(ran) == sorted(made)  # every job, and none twice
    assert set(Job.objects.values_list("state", flat=True)) == {State.DONE}
    assert Job.objects.filter(attempts=1).count() == 20
