"""Periodic work, one way: `run_periodic` runs each due job once, however often and
on however many servers it is started, and no background task waits for a caller."""

from __future__ import annotations

import ast
import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from levelfield.periodic import jobs
from levelfield.periodic.models import JobRun

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]

EVERY_TEN_MINUTES = {
    "close_due_decisions",
    "checkin_rounds",
    "events_due",
    "analyse_conversations",
}


def _run() -> str:
    out = StringIO()
    call_command("run_periodic", stdout=out)
    return out.getvalue()


def test_the_jobs_are_the_commands_that_say_how_often(capsys) -> None:
    found = {job.name: job.every for job in jobs.jobs()}
    assert found == {
        **dict.fromkeys(EVERY_TEN_MINUTES, datetime.timedelta(minutes=10)),
        "send_digests": datetime.timedelta(hours=1),
        "send_review_reminders": datetime.timedelta(days=1),
        "send_task_reminders": datetime.timedelta(hours=1),
        "delete_expired_records": datetime.timedelta(days=1),
        "priorities_due": datetime.timedelta(days=1),
        "delete_expired_payment_records": datetime.timedelta(days=1),
        "check_resource_links": datetime.timedelta(days=7),
        "learning_due": datetime.timedelta(hours=1),
        "analysis_delete_originals": datetime.timedelta(days=1),
        "run_jobs": datetime.timedelta(minutes=1),
        "delete_expired_job_files": datetime.timedelta(days=1),
    }
    call_command("run_periodic", "--list")
    assert "send_digests: every 1:00:00" in capsys.readouterr().out


def test_each_due_job_runs_once_and_is_recorded(clock) -> None:
    out = _run()
    assert "events_due: done" in out and "send_digests: done" in out
    runs = {run.name: run for run in JobRun.objects.all()}
    assert set(runs) == {job.name for job in jobs.jobs()}
    assert all(run.succeeded for run in runs.values())
    assert "event reminders" in runs["events_due"].output
    # Started again at once (a second server's cron, a restart): nothing is due.
    assert _run() == ""
    assert JobRun.objects.count() == len(runs)


def test_a_job_runs_again_when_its_interval_has_passed(clock) -> None:
    _run()
    clock.shift(datetime.timedelta(minutes=11))
    ran = {line.split(":")[0] for line in _run().splitlines()}
    assert ran == EVERY_TEN_MINUTES | {"run_jobs"}  # run_jobs: every minute
    clock.shift(datetime.timedelta(hours=1))
    assert "send_digests" in _run()


def test_only_one_of_two_servers_claims_a_due_job(clock) -> None:
    job = jobs.Job(name="events_due", every=datetime.timedelta(minutes=10))
    now = timezone.now()
    assert jobs.job_claim(job=job, now=now) is True
    assert jobs.job_claim(job=job, now=now) is False
    assert JobRun.objects.get(name="events_due").due_at == now + job.every


def test_a_failing_job_is_recorded_tried_again_soon_and_the_others_still_run(
    clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from levelfield.events import services

    def broken() -> int:
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr(services, "event_reminders_send_due", broken)
    with pytest.raises(CommandError, match="events_due"):
        _run()
    failed = JobRun.objects.get(name="events_due")
    assert failed.succeeded is False
    assert failed.due_at <= timezone.now() + jobs.RETRY_AFTER
    assert JobRun.objects.filter(succeeded=True).count() == len(jobs.jobs()) - 1


def _task_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.glob("*/tasks.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and any(
                "task" in ast.unparse(d) for d in node.decorator_list
            ):
                names[node.name] = path
    return names


def test_every_background_task_is_queued_by_something() -> None:
    # A periodic task that nothing queues looks scheduled and never runs: periodic
    # work is a command with `every`; tasks are queued by a service for one object.
    names = _task_names()
    assert names, "no tasks found"
    sources = [
        p.read_text()
        for p in PACKAGE.rglob("*.py")
        if "tests" not in p.parts and p.name != "tasks.py"
    ]
    unqueued = sorted(n for n in names if not any(re.search(rf"\b{n}\b", t) for t in sources))
    assert unqueued == []
