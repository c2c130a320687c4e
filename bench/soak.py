"""`make soak`: nothing is lost under load and faults.

For SOAK_SECONDS (default 120) many clients, logged in as seeded people, register for
events and cancel, respond to decisions and change their answers, and make, send and
approve payment claims, with real form posts (CSRF included) spread over two gunicorn
servers on two loopback ports that share one PostgreSQL database. Meanwhile gunicorn
workers are killed with SIGKILL and database connections are ended with
`pg_terminate_backend`. Each client logs every write with its outcome: `ok` (the server
acknowledged it: the redirect the view sends on success), `refused` (the form came
back with an error), or `unknown` (cut off: no answer, or a 5xx).

Afterwards the database is checked against that log and against the rules every app
keeps (see `CHECKS` and the README's "make soak" section); the script prints what it
checked with counts and exits 1 on any violation. The database (`lf_soak_<random>` on
the server DATABASE_URL names) is made for the run and always dropped at the end.

    SOAK_SECONDS=30 DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make soak

`--break KIND` corrupts one row after the run and before the checks, to show that the
checks can fail (the run must then exit 1).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# A request that failed within this many seconds of a fault is counted as cut by it.
FAULT_MARGIN = 0.5
STANCES = ["agree", "abstain", "disagree", "block"]
CHOICES = ["fee", "voucher", "decline"]
BREAKS = ["registration", "response", "claim", "history", "counts"]


# The run's settings and database


@dataclass
class Plan:
    seconds: float
    clients: int
    workers: int
    people_per_client: int
    seed: int
    server_url: str
    database: str = field(default_factory=lambda: f"lf_soak_{secrets.token_hex(4)}")
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def database_url(self) -> str:
        parts = urllib.parse.urlsplit(self.server_url)
        return urllib.parse.urlunsplit(parts._replace(path=f"/{self.database}", query=""))

    def environment(self) -> dict[str, str]:
        """Production settings (DEBUG off, secure cookies, HSTS, SSL redirect): the
        clients send X-Forwarded-Proto as a TLS proxy would. Emails go nowhere."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DEBUG", "LEVELFIELD_TESTING", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="levelfield.settings",
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1",
            SITE_URL="https://127.0.0.1",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            PYTHONUNBUFFERED="1",
        )
        return env


def _server_connection(plan: Plan, database: str = "postgres") -> Any:
    import psycopg

    parts = urllib.parse.urlsplit(plan.server_url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname=database,
        autocommit=True,
        application_name="lf_soak_control",
    )


def database_create(plan: Plan) -> None:
    with _server_connection(plan) as connection:
        connection.execute(f'CREATE DATABASE "{plan.database}"')


def database_drop(plan: Plan) -> None:
    """Only ever the run's own database, whose name this run made up."""
    assert plan.database.startswith("lf_soak_")
    with _server_connection(plan) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{plan.database}" WITH (FORCE)')


def django_setup(plan: Plan) -> None:
    os.environ.update(plan.environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# The world the clients work in, built through the apps' services


@dataclass
class World:
    collective_slug: str
    people: list[int]
    approvers: list[int]
    events: dict[int, int]  # event id -> places
    decisions: dict[int, dict[str, Any]]  # id -> method, anonymous, options
    participations: dict[int, list[int]]  # person id -> their unclaimed participations


def world_build(plan: Plan, rng: random.Random) -> World:
    import datetime
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from levelfield.collectives.models import CollectiveKind
    from levelfield.collectives.services import collective_create
    from levelfield.decisions import services as decisions
    from levelfield.decisions.models import Method
    from levelfield.events import services as events
    from levelfield.events.models import Audience, EventFormat, EventKind
    from levelfield.payments import services as payments
    from levelfield.people.models import User
    from levelfield.places.models import PlaceMembership
    from levelfield.projects.models import (
        ActivityKind,
        InvolvementEntry,
        Participation,
        Stage,
    )
    from levelfield.projects.services import project_create

    unusable = make_password(None)
    count = plan.clients * plan.people_per_client
    coordinator = User.objects.create(
        email="coordinator@soak.example.org", display_name="Cora Soak", password=unusable
    )
    people = User.objects.bulk_create(
        User(email=f"p{n:03d}@soak.example.org", display_name=f"Person {n}", password=unusable)
        for n in range(count)
    )
    approvers = User.objects.bulk_create(
        User(email=f"a{n}@soak.example.org", display_name=f"Approver {n}", password=unusable)
        for n in range(3)
    )
    collective = collective_create(
        name="Soak collective",
        kind=CollectiveKind.COLLECTIVE,
        description="People checking that nothing is lost.",
        created_by=coordinator,
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=collective.own_place, person=person)
        for person in [*people, *approvers]
    )
    project = project_create(
        collective=collective,
        created_by=coordinator,
        title="Soak project",
        summary="Where the decisions and the involvement are.",
        stage=Stage.DESIGN,
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=project.place, person=person) for person in people
    )

    now = timezone.now()
    starts = (now + datetime.timedelta(days=7)).replace(microsecond=0)
    event_places = {}
    # Small events, so the waiting lists fill and people are promoted from them.
    for number, places in enumerate([2, 3, 4, max(5, count // 4)]):
        event = events.event_create(
            place=collective.places.get(kind="collective"),
            actor=coordinator,
            values={
                "title": f"Cuppa {number + 1}",
                "description": "An open conversation.",
                "kind": EventKind.CUPPA,
                "format": EventFormat.ONLINE,
                "timezone_name": "Europe/London",
                "audience": Audience.COLLECTIVE,
                "capacity": places,
                "starts_at": starts + datetime.timedelta(days=number),
                "ends_at": starts + datetime.timedelta(days=number, hours=1),
                "registration_closes_at": None,
            },
        )
        event_places[event.pk] = places

    decision_specs = [
        (Method.PROPOSAL, False, []),
        (Method.SINGLE_CHOICE, False, ["Tea", "Coffee", "Juice"]),
        (Method.SCORE, False, ["Mornings", "Afternoons", "Evenings"]),
        (Method.SINGLE_CHOICE, True, ["Online", "In person", "Both"]),
    ]
    decision_info = {}
    for method, anonymous, options in decision_specs:
        decision = decisions.decision_create(
            created_by=coordinator,
            place=project.place,
            method=method,
            title=f"Soak {Method(method).label}" + (" (anonymous)" if anonymous else ""),
            background="Something we need to settle together.",
            opens_at=now,
            closes_at=now + datetime.timedelta(days=8),
            anonymous=anonymous,
            options=options,
            now=now,
        )
        decision_info[decision.pk] = {
            "method": method,
            "anonymous": anonymous,
            "options": list(decision.options.values_list("pk", flat=True)),
        }

    payments.policy_update(collective=collective, actor=coordinator, approvers=approvers)
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    payments.rate_add(
        collective=collective,
        actor=coordinator,
        effective_from=long_ago,
        hourly=Decimal("25.00"),
        half_day=Decimal("75.00"),
        day=Decimal("150.00"),
        today=long_ago,
    )
    # Involvement entries to claim: bulk, as a log of many meetings would be.
    entries = InvolvementEntry.objects.bulk_create(
        InvolvementEntry(
            place=project.place,
            title=f"Advisory group {n + 1}",
            happened_on=timezone.localdate() - datetime.timedelta(days=n + 1),
            stage=Stage.DESIGN,
            kind=rng.choice(ActivityKind.values),
            recorded_by=coordinator,
        )
        for n in range(40)
    )
    Participation.objects.bulk_create(
        Participation(entry=entry, person=person, minutes=rng.choice([45, 90, 150, 300]))
        for entry in entries
        for person in people
    )
    participations: dict[int, list[int]] = defaultdict(list)
    for pk, person_id in Participation.objects.filter(entry__place__project=project).values_list(
        "pk", "person_id"
    ):
        participations[person_id].append(pk)
    return World(
        collective_slug=collective.slug,
        people=[person.pk for person in people],
        approvers=[person.pk for person in approvers],
        events=event_places,
        decisions=decision_info,
        participations=dict(participations),
    )


def statics_stale() -> bool:
    """Whether `collectstatic` must run: the manifest is missing or older than a source
    file (it takes about a minute, so a run after another skips it)."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    made = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if Path(storage.path(path)).stat().st_mtime > made:
                return True
    return False


def session_make(person_id: int) -> str:
    """A signed-in session, as logging in would leave (Django's own keys)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from levelfield.people.models import User

    person = User.objects.get(pk=person_id)
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return session.session_key


# Servers and the task worker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    def workers(self) -> list[int]:
        try:
            path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []


def server_start(plan: Plan, logs: Path, number: int) -> Server:
    port = free_port()
    log = (logs / f"gunicorn-{number}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "levelfield.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={plan.workers}",
            "--timeout=30",
            "--graceful-timeout=5",
        ],
        cwd=ROOT,
        env=plan.environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return Server(port, process)


def task_worker_start(plan: Plan, logs: Path, number: int) -> subprocess.Popen:
    log = (logs / f"db_worker-{number}.log").open("w")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=plan.environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def process_stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def servers_ready(servers: list[Server], deadline: float) -> None:
    for server in servers:
        while True:
            answer = http_send(server.port, "GET", "/accounts/login/", {})
            if answer.status == 200 and all(len(server.workers()) >= 1 for server in servers):
                break
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn on port {server.port} did not start")
            time.sleep(0.3)


# HTTP, as a browser behind a TLS proxy


@dataclass
class Answer:
    status: int | None  # None: no answer (connection refused, reset or cut)
    location: str = ""
    body: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    error: str = ""


def http_send(
    port: int, method: str, path: str, cookies: dict[str, str], data: Any = None
) -> Answer:
    headers = {
        "Host": f"127.0.0.1:{port}",
        "X-Forwarded-Proto": "https",
        "Connection": "close",
        "User-Agent": "levelfield-soak",
    }
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if method == "POST":
        body = urllib.parse.urlencode(data or [], doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"
        headers["Referer"] = f"https://127.0.0.1:{port}{path}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=40)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        got = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                got[key.strip()] = rest.split(";", 1)[0]
        location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        return Answer(response.status, location, text, got)
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, error=type(error).__name__)
    finally:
        connection.close()


@dataclass
class Request:
    server: int
    started: float
    ended: float
    status: int | None
    error: str
    # An answer that is neither the view's success nor its refusal (e.g. 400 when the
    # session could not be saved after the write): counted as failed, like a 5xx.
    unexpected: bool = False


@dataclass
class Actor:
    """One person's session in one client (a person may be signed in on several)."""

    person: int
    cookies: dict[str, str]

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")


# The clients


class Client(threading.Thread):
    """Signed in as a few people (and one approver), doing what they would do, one
    request at a time, on a random server each time."""

    def __init__(
        self,
        number: int,
        *,
        world: World,
        ports: list[int],
        actors: list[Actor],
        approver: Actor,
        stop: threading.Event,
        seed: int,
        log: list[dict[str, Any]],
        requests: list[Request],
        sequence: Iterable[int],
    ) -> None:
        super().__init__(name=f"soak-client-{number}", daemon=True)
        self.world, self.ports, self.actors, self.approver = world, ports, actors, approver
        self.stop, self.rng = stop, random.Random(seed)
        self.log, self.requests, self.sequence = log, requests, sequence
        self.event_state: dict[tuple[int, int], str] = {}
        self.last = Request(0, 0.0, 0.0, None, "")  # the latest request sent
        self.crashed = ""

    # One request

    def send(self, actor: Actor, method: str, path: str, data: Any = None) -> Answer:
        number = self.rng.randrange(len(self.ports))
        started = time.monotonic()
        if method == "POST":
            data = [("csrfmiddlewaretoken", actor.csrf), *(data or [])]
        answer = http_send(self.ports[number], method, path, actor.cookies, data)
        self.last = Request(number, started, time.monotonic(), answer.status, answer.error)
        self.requests.append(self.last)
        if "csrftoken" in answer.cookies:
            actor.cookies["csrftoken"] = answer.cookies["csrftoken"]
        return answer

    def note(self, kind: str, actor: Actor, outcome: str, answer: Answer, **details: Any) -> None:
        self.log.append(
            {
                "seq": next(self.sequence),
                "kind": kind,
                "person": actor.person,
                "outcome": outcome,
                "answer": f"{answer.status or answer.error} {answer.location}".strip(),
                "at": time.monotonic(),
                **details,
            }
        )

    def sign_in(self, actor: Actor) -> None:
        """A first page, for the CSRF cookie a browser would get."""
        event = next(iter(self.world.events))
        for _ in range(20):
            answer = self.send(actor, "GET", f"/events/{event}/register/")
            if answer.status == 200 and actor.csrf:
                return
            if answer.status not in (None, 500, 502, 503):
                raise RuntimeError(f"signing in: {answer.status} {answer.location}")
            time.sleep(0.2)
        raise RuntimeError("signing in: no CSRF cookie")

    def run(self) -> None:
        try:
            for actor in [*self.actors, self.approver]:
                self.sign_in(actor)
            while not self.stop.is_set():
                actor = self.rng.choice(self.actors)
                work = self.rng.choices(
                    [self.event_toggle, self.decision_respond, self.claim_journey], [4, 4, 2]
                )[0]
                work(actor)
                time.sleep(self.rng.uniform(0.0, 0.05))
        except Exception as error:  # reported as a violation, never hidden
            self.crashed = f"{type(error).__name__}: {error}"

    def outcome(self, answer: Answer, ok: Callable[[Answer], bool], refused: set[int]) -> str:
        """ok: the view's success; refused: its answer to a refusal (`refused` statuses);
        anything else may or may not have been done, and the request counts as failed."""
        if answer.status is not None and ok(answer):
            return "ok"
        if answer.status in refused:
            return "refused"
        if answer.status is not None and answer.status < 500:
            self.last.unexpected = True
        return "unknown"

    # Events: take a place (or a place on the waiting list), give it up

    def event_toggle(self, actor: Actor) -> None:
        event = self.rng.choice(list(self.world.events))
        page = f"/events/{event}/"
        state = self.event_state.get((actor.person, event), "none")
        if state == "none" or (state == "unknown" and self.rng.random() < 0.5):
            answer = self.send(actor, "POST", f"/events/{event}/register/")
            outcome = self.outcome(answer, lambda a: a.status == 302 and a.location == page, {200})
            # Refused because the person already has a place (or is waiting for one).
            already = outcome == "refused" and "You already have a place" in answer.body
            already |= outcome == "refused" and "already on the waiting list" in answer.body
            self.note("register", actor, outcome, answer, event=event, already=already)
            self.event_state[(actor.person, event)] = (
                "active" if outcome == "ok" or already else "unknown"
            )
        else:
            answer = self.send(actor, "POST", f"/events/{event}/leave/")
            outcome = self.outcome(answer, lambda a: a.status == 302 and a.location == page, set())
            self.note("cancel", actor, outcome, answer, event=event)
            self.event_state[(actor.person, event)] = "none" if outcome == "ok" else "unknown"

    # Decisions: respond, and change the response

    def decision_respond(self, actor: Actor) -> None:
        decision = self.rng.choice(list(self.world.decisions))
        info = self.world.decisions[decision]
        reason = self.rng.choice(["", "", "It suits the people who care for someone."])
        form: list[tuple[str, Any]] = [("reason", reason)]
        if info["method"] == "proposal":
            stance = self.rng.choice(STANCES)
            form.append(("stance", stance))
            payload: dict[str, Any] = {"stance": stance}
        elif info["method"] == "single_choice":
            option = self.rng.choice(info["options"])
            form.append(("choice", option))
            payload = {"options": [option]}
        else:  # score
            chosen = self.rng.sample(info["options"], self.rng.randint(1, len(info["options"])))
            scores = {str(option): self.rng.randint(0, 5) for option in chosen}
            form += [(f"option_{option}", score) for option, score in scores.items()]
            payload = {"scores": scores}
        answer = self.send(actor, "POST", f"/decisions/{decision}/respond/", form)
        page = f"/decisions/{decision}/"
        # The view refuses with 400 only once voting has closed, which never happens in
        # a run: a 400 is Django's when the session could not be saved after the write.
        outcome = self.outcome(answer, lambda a: a.status == 302 and a.location == page, {200})
        self.note(
            "respond", actor, outcome, answer, decision=decision, payload=payload, reason=reason
        )

    # Payments: make a claim from one's own involvement, send it, another approves it

    def claim_journey(self, actor: Actor) -> None:
        unclaimed = self.world.participations.get(actor.person, [])
        if not unclaimed:
            return
        chosen = [unclaimed.pop() for _ in range(min(len(unclaimed), self.rng.randint(1, 2)))]
        choice = self.rng.choice(CHOICES)
        form = [("participations", pk) for pk in chosen] + [("choice", choice)]
        answer = self.send(actor, "POST", f"/payments/{self.world.collective_slug}/claim/", form)
        outcome = self.outcome(
            answer,
            lambda a: a.status == 302 and a.location.startswith("/payments/claims/"),
            {200},
        )
        claim = int(answer.location.strip("/").split("/")[-1]) if outcome == "ok" else None
        self.note(
            "claim_create",
            actor,
            outcome,
            answer,
            claim=claim,
            participations=chosen,
            choice=choice,
        )
        if claim is None or self.rng.random() < 0.15:
            return  # some drafts stay drafts
        if not self.claim_step(actor, "claim_submit", claim, f"/payments/claims/{claim}/send/"):
            return
        if self.rng.random() < 0.15:
            return  # some wait for approval
        self.claim_step(
            self.approver, "claim_approve", claim, f"/payments/claims/{claim}/approve/"
        )

    def claim_step(self, actor: Actor, kind: str, claim: int, path: str) -> bool:
        """Send or approve, again if the answer was lost (as a person would press the
        button again). A 404 on sending again means it was already sent."""
        page = f"/payments/claims/{claim}/"
        for attempt in range(3):
            answer = self.send(actor, "POST", path)
            ok = lambda a: a.status == 302 and a.location == page  # noqa: E731
            # Sending again after a lost answer finds it sent already: no such page.
            outcome = self.outcome(answer, ok, {200, 404} if kind == "claim_submit" else set())
            note = str(answer.status)
            # The approve view redirects even when it refuses, and its message may show
            # on a later page, so it is not read: only this approver ever approves this
            # claim, and only once it was sent, so after a redirect it is approved
            # (by this request, or by an earlier one whose answer was lost).
            if kind == "claim_submit" and answer.status == 404 and attempt > 0:
                outcome, note = "ok", "already sent"
            self.note(kind, actor, outcome, answer, claim=claim, attempt=attempt, note=note)
            if outcome != "unknown":
                return outcome == "ok"
        return False


# Faults


@dataclass
class Faults:
    kills: list[tuple[float, int]] = field(default_factory=list)  # (when, server)
    terminations: list[tuple[float, int]] = field(default_factory=list)  # (when, how many)
    task_worker_restarts: int = 0


def faults_run(
    plan: Plan, servers: list[Server], stop: threading.Event, faults: Faults, seed: int
) -> None:
    """SIGKILL one gunicorn worker (never the master, which starts a new one), or end
    one or two of the run's own database connections, every few seconds."""
    rng = random.Random(seed)
    connection = _server_connection(plan, plan.database)
    try:
        turn = 0
        while not stop.wait(rng.uniform(1.5, 3.5)):
            turn += 1
            # Alternate, with some randomness, so both kinds happen even in short runs.
            if (turn % 2 == 1) != (rng.random() < 0.2):
                number = rng.randrange(len(servers))
                workers = servers[number].workers()
                if len(workers) < plan.workers:
                    continue  # the master is still starting the last one again
                os.kill(rng.choice(workers), signal.SIGKILL)
                faults.kills.append((time.monotonic(), number))
            else:
                pids = [
                    row[0]
                    for row in connection.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s"
                        " AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
                        [plan.database],
                    ).fetchall()
                ]
                chosen = rng.sample(pids, min(len(pids), rng.randint(1, 2)))
                for pid in chosen:
                    connection.execute("SELECT pg_terminate_backend(%s)", [pid])
                if chosen:
                    faults.terminations.append((time.monotonic(), len(chosen)))
    finally:
        connection.close()


# The checks


@dataclass
class Check:
    name: str
    rows: int = 0
    problems: list[str] = field(default_factory=list)

    def fail(self, problem: str) -> None:
        self.problems.append(problem)


def _by(log: list[dict[str, Any]], kinds: set[str], key: Callable[[dict], Any]) -> dict:
    grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for entry in sorted(log, key=lambda e: e["seq"]):
        if entry["kind"] in kinds:
            grouped[key(entry)].append(entry)
    return grouped


def _last_landed(entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The last write that may have reached the database (acknowledged or cut off)."""
    landed = [e for e in entries if e["outcome"] in ("ok", "unknown")]
    return landed[-1] if landed else None


def check_registrations(world: World, log: list[dict[str, Any]]) -> Check:
    """Every acknowledged registration is a row; every acknowledged cancellation left no
    place; no row that nobody asked for."""
    from levelfield.events.models import Registration, RegistrationStatus

    check = Check("acknowledged registrations and cancellations are in their final state")
    ops = _by(log, {"register", "cancel"}, lambda e: (e["person"], e["event"]))
    rows: dict[tuple[int, int], list[Registration]] = defaultdict(list)
    for row in Registration.objects.filter(event_id__in=world.events).order_by("id"):
        rows[(row.person_id, row.event_id)].append(row)
    for pair in set(ops) | set(rows):
        entries, found = ops.get(pair, []), rows.get(pair, [])
        check.rows += len(found)
        made = sum(1 for e in entries if e["kind"] == "register" and e["outcome"] == "ok")
        maybe = sum(1 for e in entries if e["kind"] == "register" and e["outcome"] == "unknown")
        if not made <= len(found) <= made + maybe:
            check.fail(
                f"person {pair[0]} event {pair[1]}: {len(found)} registrations, "
                f"{made} acknowledged and {maybe} cut off"
            )
        active = [r for r in found if r.status != RegistrationStatus.CANCELLED]
        last = _last_landed(entries)
        if last and last["outcome"] == "ok":
            if last["kind"] == "register" and not active:
                check.fail(f"person {pair[0]} event {pair[1]}: acknowledged place is gone")
            if last["kind"] == "cancel" and active:
                check.fail(f"person {pair[0]} event {pair[1]}: acknowledged cancel kept a place")
        # A cancel right after an acknowledged registration certainly cancelled a row.
        certain = sum(
            1
            for before, after in itertools.pairwise(
                [e for e in entries if e["outcome"] in ("ok", "unknown")]
            )
            if before["kind"] == "register"
            and before["outcome"] == "ok"
            and after["kind"] == "cancel"
            and after["outcome"] == "ok"
        )
        cancelled = sum(1 for r in found if r.status == RegistrationStatus.CANCELLED)
        if cancelled < certain:
            check.fail(f"person {pair[0]} event {pair[1]}: {certain} cancels, {cancelled} rows")
    return check


def _registration_changes(world: World) -> dict[int, dict[str, list]]:
    from levelfield.events.models import Registration
    from levelfield.history.models import Change

    ids = Registration.objects.filter(event_id__in=world.events).values("id")
    changes: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for change in Change.objects.filter(subject_type="registration", subject_id__in=ids).order_by(
        "id"
    ):
        changes[change.subject_id][change.action].append(change)
    return changes


def check_places(world: World) -> Check:
    """No event over its places; its kept counts equal a fresh tally; nobody waits while
    there is room."""
    from levelfield.events.models import Event, RegistrationStatus

    check = Check("no event over capacity, kept counts equal a fresh tally")
    for event in Event.objects.filter(pk__in=world.events):
        check.rows += 1
        statuses = Counter(event.registrations.values_list("status", flat=True))
        registered = statuses[RegistrationStatus.REGISTERED]
        waiting = statuses[RegistrationStatus.WAITING]
        if event.capacity is not None and registered > event.capacity:
            check.fail(f"event {event.pk}: {registered} places of {event.capacity}")
        if (event.places_taken, event.waiting_count) != (registered, waiting):
            check.fail(
                f"event {event.pk}: kept {event.places_taken} places and {event.waiting_count} "
                f"waiting, tally {registered} and {waiting}"
            )
        if waiting and registered < (event.capacity or 0):
            check.fail(
                f"event {event.pk}: {waiting} waiting with {registered} of {event.capacity}"
            )
    return check


def check_waiting_order(world: World) -> Check:
    """Promotion follows the waiting list's order (`waiting_since`, then id): nobody was
    given a place while someone ahead of them was still waiting. The event's row lock
    orders every change of places, so the history's ids give the order they happened."""
    from levelfield.events.models import Registration

    check = Check("waiting lists promoted in order (waiting since, then id)")
    changes = _registration_changes(world)
    by_event: dict[int, list[Registration]] = defaultdict(list)
    for row in Registration.objects.filter(event_id__in=world.events):
        by_event[row.event_id].append(row)

    def waited(row: Registration) -> tuple[int, float] | None:
        """The history ids between which the registration was on the waiting list."""
        mine = changes[row.pk]
        created = mine["registration_created"]
        if not created or "waiting list" not in created[0].summary:
            return None
        ends = [c.id for c in mine["registration_promoted"] + mine["registration_cancelled"]]
        return created[0].id, min(ends, default=float("inf"))

    for rows in by_event.values():
        for promoted in rows:
            for change in changes[promoted.pk]["registration_promoted"]:
                check.rows += 1
                for other in rows:
                    span = waited(other)
                    if (
                        other.pk != promoted.pk
                        and span
                        and span[0] < change.id < span[1]
                        and (other.waiting_since, other.pk) < (promoted.waiting_since, promoted.pk)
                    ):
                        check.fail(
                            f"event {promoted.event_id}: registration {promoted.pk} promoted "
                            f"while {other.pk}, ahead of it, was waiting"
                        )
    return check


def check_registration_history(world: World) -> Check:
    """Each registration's history: made once, promoted and cancelled at most once, in
    that order, and its latest change agrees with its status."""
    from levelfield.events.models import Registration, RegistrationStatus

    check = Check("each registration's history agrees with its status")
    changes = _registration_changes(world)
    for row in Registration.objects.filter(event_id__in=world.events):
        check.rows += 1
        mine = changes[row.pk]
        created, promoted = mine["registration_created"], mine["registration_promoted"]
        cancelled = mine["registration_cancelled"]
        if len(created) != 1 or len(promoted) > 1 or len(cancelled) > 1:
            check.fail(f"registration {row.pk}: history {dict(mine)}")
            continue
        waited = "waiting list" in created[0].summary
        expected = (
            RegistrationStatus.CANCELLED
            if cancelled
            else RegistrationStatus.WAITING
            if waited and not promoted
            else RegistrationStatus.REGISTERED
        )
        ids = [c.id for c in created + promoted + cancelled]
        if row.status != expected or ids != sorted(ids) or (promoted and not waited):
            check.fail(f"registration {row.pk} is {row.status}, its history says {expected}")
    return check


def check_responses(world: World, log: list[dict[str, Any]]) -> Check:
    """One response per person per decision, holding the last acknowledged answer."""
    from levelfield.decisions.models import Response

    check = Check("one response per person per decision, the last acknowledged one")
    named = [pk for pk, info in world.decisions.items() if not info["anonymous"]]
    ops = _by(log, {"respond"}, lambda e: (e["person"], e["decision"]))
    rows: dict[tuple[int, int], list[Response]] = defaultdict(list)
    for row in Response.objects.filter(decision_id__in=world.decisions):
        rows[(row.person_id, row.decision_id)].append(row)
        if row.decision_id not in named:
            check.fail(f"anonymous decision {row.decision_id} has a response while open")
    for pair in set(rows) | {p for p in ops if p[1] in named}:
        entries, found = ops.get(pair, []), rows.get(pair, [])
        check.rows += len(found)
        if len(found) > 1:
            check.fail(f"person {pair[0]} decision {pair[1]}: {len(found)} responses")
            continue
        _answer_check(check, pair, entries, (found[0].payload, found[0].reason) if found else None)
    return check


def _answer_check(
    check: Check, pair: tuple[int, int], entries: list[dict], stored: tuple | None
) -> None:
    attempted = [(e["payload"], e["reason"]) for e in entries if e["outcome"] != "refused"]
    last = _last_landed(entries)
    if any(e["outcome"] == "ok" for e in entries) and stored is None:
        check.fail(f"person {pair[0]} decision {pair[1]}: acknowledged response is missing")
    elif stored is not None and stored not in attempted:
        check.fail(f"person {pair[0]} decision {pair[1]}: {stored} was never sent")
    elif last and last["outcome"] == "ok" and stored != (last["payload"], last["reason"]):
        check.fail(
            f"person {pair[0]} decision {pair[1]}: holds {stored}, last acknowledged "
            f"{last['payload']}"
        )


def check_ballots(world: World, log: list[dict[str, Any]]) -> Check:
    """An anonymous decision's sealed ballots: one per person, opening to the last
    acknowledged answer."""
    from levelfield.decisions.ballots import ballot_open
    from levelfield.decisions.models import Voter

    check = Check("anonymous ballots: one per person, the last acknowledged answer")
    anonymous = [pk for pk, info in world.decisions.items() if info["anonymous"]]
    ops = _by(log, {"respond"}, lambda e: (e["person"], e["decision"]))
    voters: dict[tuple[int, int], list[Voter]] = defaultdict(list)
    for voter in Voter.objects.filter(decision_id__in=anonymous):
        voters[(voter.person_id, voter.decision_id)].append(voter)
    for pair in set(voters) | {p for p in ops if p[1] in anonymous}:
        found = voters.get(pair, [])
        check.rows += len(found)
        if len(found) > 1:
            check.fail(f"person {pair[0]} decision {pair[1]}: {len(found)} ballots")
            continue
        stored = None
        if found:
            ballot = ballot_open(
                decision_id=pair[1], person_id=pair[0], sealed=found[0].sealed_ballot
            )
            stored = (ballot.payload, ballot.reason)
        _answer_check(check, pair, ops.get(pair, []), stored)
    return check


def check_response_history(world: World, log: list[dict[str, Any]]) -> Check:
    """Each named response's changes chain from one to the next, hold every acknowledged
    answer in the order sent, and end in the stored answer; the history has one
    'responded' and one 'changed' per change."""
    from levelfield.decisions.models import Response, ResponseChange
    from levelfield.history.models import Change

    check = Check("each response's changes and history end in its answer")
    changes: dict[Any, list[ResponseChange]] = defaultdict(list)
    for change in ResponseChange.objects.filter(
        response__decision_id__in=world.decisions
    ).order_by("id"):  # ids: the order the decision's row lock let them in
        changes[change.response_id].append(change)
    ops = _by(log, {"respond"}, lambda e: (e["person"], e["decision"]))
    history: dict[tuple[int, int], list[Change]] = defaultdict(list)
    for change in Change.objects.filter(
        subject_type="decision", subject_id__in=world.decisions
    ).order_by("id"):
        history[(change.actor_id, change.subject_id)].append(change)
    for response in Response.objects.filter(decision_id__in=world.decisions):
        check.rows += 1
        chain = changes[response.pk]
        recorded = history[(response.person_id, response.decision_id)]
        given = [c for c in recorded if c.action == "response_given"]
        changed = [c for c in recorded if c.action == "response_changed"]
        where = f"response of person {response.person_id} to {response.decision_id}"
        if len(given) != 1 or len(changed) != len(chain):
            check.fail(f"{where}: {len(given)} given, {len(changed)} changed, {len(chain)} kept")
        for before, after in itertools.pairwise(chain):
            if (after.payload_before, after.reason_before) != (
                before.payload_after,
                before.reason_after,
            ):
                check.fail(f"{where}: change {after.pk} does not follow {before.pk}")
        final = (response.payload, response.reason)
        if chain and (chain[-1].payload_after, chain[-1].reason_after) != final:
            check.fail(f"{where}: last change {chain[-1].payload_after}, holds {final}")
        first = (chain[0].payload_before, chain[0].reason_before) if chain else final
        values = [first, *((c.payload_after, c.reason_after) for c in chain)]
        position = 0
        for entry in ops.get((response.person_id, response.decision_id), []):
            if entry["outcome"] != "ok":
                continue
            sent = (entry["payload"], entry["reason"])
            if sent not in values[position:]:
                check.fail(f"{where}: acknowledged {sent} is not in its changes in order")
                break
            position = values.index(sent, position)
        latest = recorded[-1] if recorded else None
        if latest and latest.after and (latest.after["payload"], latest.after["reason"]) != final:
            check.fail(f"{where}: history ends in {latest.after}, holds {final}")
    return check


def check_claims(world: World, log: list[dict[str, Any]]) -> Check:
    """Every acknowledged claim exists with the activities asked for, in the status its
    last acknowledged step left it; no claim nobody asked for; approved once, never by
    the claimant."""
    from levelfield.payments.models import Claim, Status

    check = Check("acknowledged claims and approvals are in their final state")
    claims = {
        claim.pk: claim
        for claim in Claim.objects.filter(collective__slug=world.collective_slug).prefetch_related(
            "lines"
        )
    }
    steps = _by(log, {"claim_submit", "claim_approve"}, lambda e: e["claim"])
    maybe: dict[int, set[int]] = defaultdict(set)  # person -> participations maybe claimed
    acknowledged: set[int] = set()
    for entry in log:
        if entry["kind"] != "claim_create":
            continue
        if entry["outcome"] == "unknown":
            maybe[entry["person"]].update(entry["participations"])
        if entry["outcome"] != "ok":
            continue
        check.rows += 1
        claim = claims.get(entry["claim"])
        acknowledged.add(entry["claim"])
        if claim is None:
            check.fail(f"claim {entry['claim']} was acknowledged and is missing")
            continue
        lines = sorted(line.participation_id for line in claim.lines.all())
        if claim.claimant_id != entry["person"] or lines != sorted(entry["participations"]):
            check.fail(f"claim {claim.pk}: claimant or activities differ from what was sent")
        if claim.choice != entry["choice"]:
            check.fail(f"claim {claim.pk}: {claim.choice}, sent {entry['choice']}")
        expected = {Status.DRAFT}
        for step in steps.get(claim.pk, []):
            status = Status.SUBMITTED if step["kind"] == "claim_submit" else Status.APPROVED
            if step["outcome"] == "ok":
                expected = {status}
            elif step["outcome"] == "unknown":
                expected |= {status}
        if claim.status not in expected:
            check.fail(f"claim {claim.pk} is {claim.status}, expected {sorted(expected)}")
    for claim in claims.values():
        if claim.pk not in acknowledged:
            check.rows += 1
            lines = {line.participation_id for line in claim.lines.all()}
            if not lines <= maybe[claim.claimant_id]:
                check.fail(f"claim {claim.pk} was never asked for")
        if claim.decided_by_id is not None and claim.decided_by_id == claim.claimant_id:
            check.fail(f"claim {claim.pk} was approved by its claimant")
    return check


def check_claimed_once(world: World) -> Check:
    """No involvement entry claimed twice by the same person (one line per participation)."""
    from levelfield.payments.models import ClaimLine

    check = Check("no involvement entry claimed twice")
    seen: Counter = Counter()
    for participation, entry, person in ClaimLine.objects.filter(
        claim__collective__slug=world.collective_slug
    ).values_list("participation_id", "participation__entry_id", "claim__claimant_id"):
        check.rows += 1
        seen[("participation", participation)] += 1
        seen[("entry and person", entry, person)] += 1
    for key, count in seen.items():
        if count > 1:
            check.fail(f"{key} claimed {count} times")
    return check


def check_claim_totals(world: World) -> Check:
    from decimal import Decimal

    from django.db.models import Sum

    from levelfield.payments.models import Choice, Claim

    check = Check("claim totals equal the sum of their lines")
    claims = Claim.objects.filter(collective__slug=world.collective_slug).annotate(
        lines_sum=Sum("lines__amount")
    )
    expenses = dict(
        Claim.objects.filter(collective__slug=world.collective_slug)
        .annotate(s=Sum("expenses__amount"))
        .values_list("pk", "s")
    )
    for claim in claims:
        check.rows += 1
        fees = Decimal(0) if claim.choice == Choice.DECLINE else claim.lines_sum or Decimal(0)
        if claim.fee_total != fees or claim.expense_total != (expenses[claim.pk] or 0):
            check.fail(f"claim {claim.pk}: fee {claim.fee_total}, lines {claim.lines_sum}")
    return check


def check_claim_history(world: World) -> Check:
    """Each claim's status history: made once, approved at most once, each step from the
    status the last one left, ending in the claim's status."""
    from levelfield.history.models import Change
    from levelfield.payments.models import Claim, Status

    check = Check("each claim's status history ends in its status")
    labels = dict(Status.choices)
    claims = {c.pk: c for c in Claim.objects.filter(collective__slug=world.collective_slug)}
    history: dict[int, list[Change]] = defaultdict(list)
    for change in Change.objects.filter(subject_type="claim", subject_id__in=claims).order_by(
        "id"
    ):
        history[change.subject_id].append(change)
    for pk, claim in claims.items():
        check.rows += 1
        changes = history[pk]
        actions = [c.action for c in changes]
        statuses = [c.after["status"] for c in changes if "status" in c.after]
        trail = [labels[Status.DRAFT]]
        for change in changes[1:]:
            if "status" in change.after:
                if change.before.get("status") != trail[-1]:
                    check.fail(f"claim {pk}: {change.action} from {change.before} after {trail}")
                trail.append(change.after["status"])
        if (
            actions[:1] != ["claim_created"]
            or actions.count("claim_created") != 1
            or actions.count("claim_approved") > 1
            or not statuses
            or statuses[-1] != labels[claim.status]
        ):
            check.fail(f"claim {pk} is {claim.status}, history {actions} {statuses}")
    return check


def check_decision_counts(world: World) -> Check | None:
    """Counts the decisions app keeps on each decision as responses arrive equal a
    fresh tally. Uses the app's own comparison (`services.tallies_wrong`); skipped
    (None) while the app keeps no counts."""
    from levelfield.decisions import services
    from levelfield.decisions.models import Decision

    tallies_wrong = getattr(services, "tallies_wrong", None)
    if tallies_wrong is None:
        return None
    check = Check("counts kept on each decision equal a fresh tally")
    decisions = Decision.objects.filter(pk__in=world.decisions)
    check.rows = decisions.filter(tally__isnull=False).count()
    if check.rows == 0:
        check.fail("no decision keeps its counts")
    for pk in tallies_wrong(decisions=decisions):
        check.fail(f"decision {pk}: kept counts differ from a fresh tally")
    return check


# Each returns a Check, or None when it does not apply to the apps as they are.
CHECKS: list[Callable[[World, list[dict[str, Any]]], Check | None]] = [
    check_registrations,
    lambda world, log: check_places(world),
    lambda world, log: check_waiting_order(world),
    lambda world, log: check_registration_history(world),
    check_responses,
    check_ballots,
    check_response_history,
    lambda world, log: check_decision_counts(world),
    check_claims,
    lambda world, log: check_claimed_once(world),
    lambda world, log: check_claim_totals(world),
    lambda world, log: check_claim_history(world),
]


def check_requests(requests: list[Request], faults: Faults) -> tuple[Check, dict[str, int]]:
    """Failed requests (no answer, or a 5xx) are allowed only when a fault happened
    while they were in flight: a killed worker on their server, or ended connections."""
    check = Check("no failed request (5xx, no answer, unexpected answer) outside a fault")
    counts: Counter = Counter()
    for request in requests:
        check.rows += 1
        if request.status is not None and request.status < 500 and not request.unexpected:
            continue
        what = (
            "no answer"
            if request.status is None
            else "5xx"
            if request.status >= 500
            else f"unexpected {request.status}"
        )

        def during(moment: float, request: Request = request) -> bool:
            return request.started - FAULT_MARGIN <= moment <= request.ended + FAULT_MARGIN

        cut = any(during(m) for m, server in faults.kills if server == request.server) or any(
            during(m) for m, _ in faults.terminations
        )
        counts[f"{what} {'cut by a fault' if cut else 'outside faults'}"] += 1
        if not cut:
            check.fail(f"{what} ({request.status or request.error}) on server {request.server}")
    return check, counts


# Breaking one row on purpose (--break), to show the checks can fail


def corrupt(kind: str, world: World, log: list[dict[str, Any]]) -> str:
    from django.db.models import F

    from levelfield.decisions.models import Response
    from levelfield.events.models import Registration, RegistrationStatus
    from levelfield.history.models import Change
    from levelfield.payments.models import Choice, Claim

    if kind == "registration":
        row = Registration.objects.filter(
            event_id__in=world.events, status=RegistrationStatus.REGISTERED
        ).first()
        Registration.objects.filter(pk=row.pk).update(status=RegistrationStatus.CANCELLED)
        return f"registration {row.pk} set to cancelled behind the app's back"
    if kind == "response":
        row = Response.objects.filter(decision_id__in=world.decisions).first()
        Response.objects.filter(pk=row.pk).update(payload={"stance": "never-sent"})
        return f"response {row.pk} given an answer nobody sent"
    if kind == "claim":
        row = Claim.objects.filter(
            collective__slug=world.collective_slug, choice=Choice.FEE
        ).first()
        Claim.objects.filter(pk=row.pk).update(fee_total=F("fee_total") + 1)
        return f"claim {row.pk}'s fee total raised by 1"
    if kind == "counts":
        from levelfield.decisions import models as decision_models

        if not hasattr(decision_models, "Tally"):
            raise SystemExit("--break counts needs the counts the decisions app keeps")
        row = decision_models.Tally.objects.filter(decision_id__in=world.decisions).first()
        decision_models.Tally.objects.filter(pk=row.pk).update(responses=F("responses") + 1)
        return f"decision {row.decision_id}'s kept count of responses raised by 1"
    change = Change.objects.filter(subject_type="claim").order_by("-id").first()
    change.delete()
    return f"the latest change of claim {change.subject_id} deleted"


# The run


@dataclass
class Run:
    """What the load left behind: the clients' log, every request, the faults."""

    log: list[dict[str, Any]]
    requests: list[Request]
    faults: Faults
    seconds: float
    problems: list[str]  # the run itself went wrong (a client crashed, no faults)


def set_up(plan: Plan, rng: random.Random) -> tuple[World, dict[tuple[int, int], str], str]:
    """Migrate, build the world and sign people in, collecting static files if needed.
    Returns the world, a session per (client, person) and how long each part took."""
    from django.core.management import call_command
    from django.db import connections

    started = time.monotonic()
    # Collecting static files (about a minute when needed) goes on beside migrating.
    statics = None
    if statics_stale():
        statics = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
            cwd=ROOT,
            env=plan.environment(),
        )
    call_command("migrate", verbosity=0, interactive=False)
    phases = {"migrate": time.monotonic() - started}
    world = world_build(plan, rng)
    sessions = {
        (n, person): session_make(person)
        for n in range(plan.clients)
        for person in [*people_of(plan, world, n), approver_of(world, n)]
    }
    connections.close_all()  # the parent holds no connection during the run
    phases["data"] = time.monotonic() - started - sum(phases.values())
    if statics is not None:
        if statics.wait() != 0:
            raise RuntimeError("collectstatic failed")
        phases["then static files"] = time.monotonic() - started - sum(phases.values())
    return world, sessions, ", ".join(f"{name} {sec:.0f} s" for name, sec in phases.items())


def people_of(plan: Plan, world: World, client: int) -> list[int]:
    """Each person belongs to one client, so their writes are logged in order."""
    return world.people[client :: plan.clients][: plan.people_per_client]


def approver_of(world: World, client: int) -> int:
    return world.approvers[client % len(world.approvers)]


def load_run(
    plan: Plan,
    world: World,
    sessions: dict[tuple[int, int], str],
    servers: list[Server],
    task_workers: list[subprocess.Popen],
    logs: Path,
) -> Run:
    """The clients and the faults for `plan.seconds`, then everything stopped."""
    stop = threading.Event()
    log: list[dict[str, Any]] = []
    requests: list[Request] = []
    sequence = itertools.count()
    clients = [
        Client(
            n,
            world=world,
            ports=[server.port for server in servers],
            actors=[Actor(p, {"sessionid": sessions[(n, p)]}) for p in people_of(plan, world, n)],
            approver=Actor(
                approver_of(world, n), {"sessionid": sessions[(n, approver_of(world, n))]}
            ),
            stop=stop,
            seed=plan.seed + n + 1,
            log=log,
            requests=requests,
            sequence=sequence,
        )
        for n in range(plan.clients)
    ]
    faults = Faults()
    fault_thread = threading.Thread(
        target=faults_run, args=(plan, servers, stop, faults, plan.seed), daemon=True
    )
    started = time.monotonic()
    try:
        for client in clients:
            client.start()
        fault_thread.start()
        while time.monotonic() - started < plan.seconds:
            time.sleep(0.5)
            if task_workers[-1].poll() is not None:
                # As a service manager would: the worker is started again.
                faults.task_worker_restarts += 1
                task_workers.append(task_worker_start(plan, logs, len(task_workers)))
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
        fault_thread.join(timeout=30)
    seconds = time.monotonic() - started
    problems = [
        f"{c.name}: {c.crashed or 'still running'}" for c in clients if c.crashed or c.is_alive()
    ]
    if not faults.kills or not faults.terminations:
        problems.append("the faults did not happen (no worker killed or no connection ended)")
    return Run(log, requests, faults, seconds, problems)


def soak(plan: Plan, break_kind: str | None) -> int:
    started = time.monotonic()
    logs = Path(tempfile.mkdtemp(prefix="lf-soak-"))
    servers: list[Server] = []
    task_workers: list[subprocess.Popen] = []
    database_create(plan)
    try:
        django_setup(plan)
        world, sessions, set_up_took = set_up(plan, random.Random(plan.seed))
        servers = [server_start(plan, logs, n) for n in range(2)]
        task_workers.append(task_worker_start(plan, logs, 0))
        servers_ready(servers, time.monotonic() + 90)
        run = load_run(plan, world, sessions, servers, task_workers, logs)
        for process in [*(server.process for server in servers), *task_workers]:
            process_stop(process)

        (logs / "log.json").write_text(json.dumps(run.log, indent=1))
        (logs / "requests.json").write_text(json.dumps([vars(r) for r in run.requests]))
        broken = corrupt(break_kind, world, run.log) if break_kind else ""
        results = [result for check in CHECKS if (result := check(world, run.log)) is not None]
        request_check, request_counts = check_requests(run.requests, run.faults)
        results.append(request_check)
        report(plan, run, set_up_took, request_counts, results, broken)
        failed = run.problems or any(result.problems for result in results)
        if failed:
            print(f"server logs and the clients' log: {logs}")
        else:
            shutil.rmtree(logs, ignore_errors=True)
        took = time.monotonic() - started
        print(f"make soak: {'FAILED' if failed else 'passed'} in {took:.0f} s")
        return 1 if failed else 0
    finally:
        for process in [*(server.process for server in servers), *task_workers]:
            process_stop(process)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        database_drop(plan)


def report(
    plan: Plan,
    run: Run,
    set_up_took: str,
    request_counts: Counter,
    results: list[Check],
    broken: str,
) -> None:
    outcomes = Counter((entry["kind"], entry["outcome"]) for entry in run.log)
    kinds = list(dict.fromkeys(entry["kind"] for entry in run.log))
    per_server = Counter(request.server for request in run.requests)
    faults = run.faults
    print(
        f"make soak: {run.seconds:.0f} s of load after set-up ({set_up_took}); 2 gunicorn "
        f"servers x {plan.workers} workers on one PostgreSQL database ({plan.database}); "
        f"{plan.clients} clients as {plan.clients * plan.people_per_client} people and "
        "3 approvers"
    )
    print(
        f"requests: {len(run.requests)} ("
        + ", ".join(f"server {n + 1}: {per_server[n]}" for n in range(2))
        + f"), {len(run.requests) / max(run.seconds, 1):.0f} a second"
    )
    print("writes (ok = acknowledged, unknown = cut off by a fault, refused = form error):")
    for kind in kinds:
        print(
            f"  {kind:<14} ok {outcomes[(kind, 'ok')]:>5}"
            f"   unknown {outcomes[(kind, 'unknown')]:>3}"
            f"   refused {outcomes[(kind, 'refused')]:>4}"
        )
    print(
        f"faults: {len(faults.kills)} gunicorn workers killed (SIGKILL), "
        f"{sum(n for _, n in faults.terminations)} database connections ended in "
        f"{len(faults.terminations)} rounds (pg_terminate_backend), task worker restarted "
        f"{faults.task_worker_restarts} times"
    )
    print(
        "failed requests: "
        + (", ".join(f"{n} {what}" for what, n in sorted(request_counts.items())) or "none")
    )
    if broken:
        print(f"--break: {broken}")
    print("checks:")
    for result in results:
        print(f"  {'ok  ' if not result.problems else 'FAIL'} {result.name} ({result.rows} rows)")
        for problem in result.problems[:10]:
            print(f"       {problem}")
        if len(result.problems) > 10:
            print(f"       ... and {len(result.problems) - 10} more")
    for problem in run.problems:
        print(f"  FAIL {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", "120"))
    )
    parser.add_argument("--clients", type=int, default=int(os.environ.get("SOAK_CLIENTS", "8")))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--people-per-client", type=int, default=3)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOAK_SEED", "15")))
    parser.add_argument("--break", dest="break_kind", choices=BREAKS)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    if not server.startswith(("postgres://", "postgresql://")):
        parser.error("make soak needs PostgreSQL: set DATABASE_URL to a postgres:// server")
    plan = Plan(
        seconds=args.seconds,
        clients=args.clients,
        workers=args.workers,
        people_per_client=args.people_per_client,
        seed=args.seed,
        server_url=server,
    )
    # Stopped from outside (CI's timeout, `kill`): still stop the servers and drop the
    # database, as the `finally` in soak() does for Ctrl-C and errors.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(143))
    return soak(plan, args.break_kind)


if __name__ == "__main__":
    sys.exit(main())
