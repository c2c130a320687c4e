"""The load `make bench` drives (bench/load.py runs locust headless with this file).

Each simulated person is one of the seeded people, logged in with a database session
that bench/load_targets.py made (the cookie is sent as a header: the site's cookies are
Secure, and the benchmark talks plain HTTP to gunicorn as a TLS-terminating proxy would,
with `X-Forwarded-Proto: https`). One run exercises one task, named by LF_TASK: a page
(GET, must answer 200) or a write (a form sent with its CSRF token, must redirect).

`Participant` is the realistic mix for finding capacity (bench/load.py `--capacity`,
LF_TASK=mix): people who read, answer, book, claim and post with a pause between clicks.
LF_HOST may name several servers (comma-separated); each person keeps to one of them,
taken in turn, as a load balancer with sticky sessions would spread them.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import capacity  # bench/, beside this file: the mix's pause between clicks
from bench_common import IN_WELSH
from locust import FastHttpUser, between, constant, task

TARGETS = json.loads(Path(os.environ["LF_TARGETS"]).read_text())
TASK = os.environ["LF_TASK"]
HOSTS = os.environ["LF_HOST"].split(",")  # http://127.0.0.1:PORT[,http://127.0.0.1:PORT2]
HOST = HOSTS[0]
PUBLIC = HOST.replace("http://", "https://")  # what the browser would see
_numbers = itertools.count()
_hosts = itertools.count()
APPROVERS_PAGE = "claim queue"

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"csrftoken=([^;]+)")


class Person(FastHttpUser):
    abstract = TASK == "mix"  # one class runs: this one, or the mix below
    host = HOST
    wait_time = constant(0)  # 16 people, each sending the next request at once

    def on_start(self) -> None:
        self.number = next(_numbers)
        sessions = TARGETS["sessions"]
        self.session_key = sessions[self.number % len(sessions)]
        if TASK == APPROVERS_PAGE:  # only person 1 (and the coordinator) approve claims
            self.session_key = sessions[0]
        self.csrf_cookie = ""
        self.token = ""
        self.events = TARGETS["writes"]["events"]

    def headers(self, referer: str = "/") -> dict[str, str]:
        cookies = f"sessionid={self.session_key}"
        if self.csrf_cookie:
            cookies += f"; csrftoken={self.csrf_cookie}"
        if TASK.endswith(IN_WELSH):
            cookies += "; django_language=cy"
        return {
            "Cookie": cookies,
            "X-Forwarded-Proto": "https",
            "Referer": self.host.replace("http://", "https://") + referer,
        }

    def form_page(self, path: str, name: str) -> str:
        """GET a page with a form; keep its CSRF token and cookie for the POST."""
        with self.client.get(
            path, headers=self.headers(), name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return ""
            text = response.text or ""
            found = TOKEN.search(text)
            raw = response.headers.get("set-cookie") or ""
            cookie = COOKIE.search(raw if isinstance(raw, str) else "; ".join(raw))
            if cookie:
                self.csrf_cookie = cookie.group(1)
            if found:
                self.token = found.group(1)
            return text

    def post(self, path: str, data: dict[str, Any] | list[tuple[str, str]], name: str) -> str:
        """POST a form; success is a redirect (post/redirect/get). Returns where to."""
        if isinstance(data, dict):
            data = list(data.items())
        body = urlencode([("csrfmiddlewaretoken", self.token), *data])
        headers = {**self.headers(path), "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(
            path,
            data=body,
            headers=headers,
            name=name,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code not in (301, 302, 303):
                response.failure(f"{response.status_code}, not a redirect")
                return ""
            return response.headers.get("location", "")

    @task
    def act(self) -> None:
        if TASK in TARGETS["pages"]:
            self.page(TARGETS["pages"][TASK])
        else:
            getattr(self, WRITES[TASK])()

    def page(self, path: str) -> None:
        with self.client.get(
            path, headers=self.headers(), name=TASK, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    # The writes

    def register(self) -> None:
        """Take a place at an event, then give it up, so the loop can go on."""
        event = self.events[self.number % len(self.events)]
        if not self.token:
            self.form_page(f"/events/{event}/register/", "register: form")
        if self.post(f"/events/{event}/register/", {"perspective": ""}, "register"):
            self.post(f"/events/{event}/leave/", {}, "register: cancel")

    def respond(self) -> None:
        """Give (or change) a response to an open decision, choosing as the form offers."""
        decision = TARGETS["writes"]["decision"]
        path = decision + "respond/"
        form = self.form_page(path, "respond: form")
        if form:
            self.post(path, choices_from(form), "respond")

    def record(self) -> None:
        """Record an involvement entry in the big project with oneself taking part: find
        oneself by name (step 1), add, then the time and details (step 2)."""
        place = TARGETS["writes"]["project_place"]
        me = TARGETS["people"][self.number % len(TARGETS["people"])]
        self.form_page(f"/places/{place}/log/new/?q=priya+khan", "record: find people")
        if not self.post(
            f"/places/{place}/log/new/choose/", {"action": "add", "person": me}, "record: add"
        ):
            return
        self.form_page(f"/places/{place}/log/new/details/", "record: details form")
        self.post(
            f"/places/{place}/log/new/details/",
            {
                "title": "Reading group",
                "happened_on": "2026-01-15",
                "stage": "design",
                "kind": "meeting",
                "same_hours": "1.5",
            },
            "record an entry",
        )

    def claim(self) -> None:
        """Start a claim for one unclaimed piece of time, then send it."""
        slug = TARGETS["writes"]["collective"]
        form = self.form_page(f"/payments/{slug}/claim/", "claim: form")
        found = re.search(r'name="participations" type="checkbox" value="(\d+)"', form)
        if not found:
            return
        claim = self.post(
            f"/payments/{slug}/claim/",
            {"participations": found.group(1), "choice": "fee"},
            "claim: start",
        )
        if claim:
            path = urlsplit(claim).path.rstrip("/") + "/send/"
            self.post(path, {}, "claim: send")

    def answer_checkin(self) -> None:
        """Give (or change) one's answers to the big project's open check-in round."""
        path = TARGETS["writes"]["checkin"]
        form = self.form_page(path, "answer a check-in: form")
        if form:
            self.post(path, choices_from(form), "answer a check-in")

    def survey(self) -> None:
        """Send questions to the open priority-setting survey, as a visitor would. Past
        the survey's limit per network address the service stores nothing but still
        thanks the sender (a redirect), so the row times that answer too."""
        path = TARGETS["writes"]["survey"]
        form = self.form_page(path, "submit priority questions: form")
        token = re.search(r'name="token" value="([^"]+)"', form)
        if token:
            data = {
                "token": token.group(1),
                "question_1": "Does loneliness make recovery after a stroke slower?",
                "perspective": "carer",
                "consent": "on",
            }
            self.post(path, data, "submit priority questions")

    def comment(self) -> None:
        """Comment on the newest story. Each account may add 10 an hour and each address
        30 (settings.RATE_LIMITS); a refused comment (the page again, 400, saying so) is
        counted under its own name, not as an error."""
        story = TARGETS["writes"]["story"]
        if not self.token:
            self.form_page(story, "comment: story page")
        body = urlencode(
            [("csrfmiddlewaretoken", self.token), ("text", "Thank you, this helped us.")]
        )
        headers = {**self.headers(story), "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(
            story + "comment/",
            data=body,
            headers=headers,
            name="comment on a story",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code in (301, 302, 303):
                return
            if response.status_code == 400 and "a lot of comments" in (response.text or ""):
                response.request_meta["name"] = "comment on a story (refused: rate limit)"
                response.success()
                return
            response.failure(f"{response.status_code}, not a redirect")


# The realistic mix: out of about 100 clicks on a plausible day, mostly reading (the
# home page, a project's place, decisions, events, notices), some answering a decision,
# booking a place at an event (or giving it up), claiming payment and posting a reply.
# Pages not seeded at this size are left out. Recording an involvement entry is left
# out of the mix for now (it chooses people first since issue 25; see the README).
MIX_PAGES = {
    "home": 20,
    "project page": 8,
    "decision, most responses": 8,
    "event page": 8,
    "events list": 6,
    "notices": 6,
    "collective home": 4,
    "decision log": 3,
    "involvement log": 3,
    "my payments": 3,
    "a conversation": 3,
    "conversations": 2,
    "documents": 2,
    "a document": 2,
    "check-in rounds": 2,
    "resource map": 2,
    "public home": 2,
    "courses": 1,
}
MIX_WRITES = {"answer": 5, "book": 3, "claim": 2, "post_reply": 2}


def _mix() -> dict[Any, int]:
    """Locust's task table for the mix: a function per page, and the writes."""
    tasks: dict[Any, int] = {}
    for name, weight in MIX_PAGES.items():
        if name in TARGETS["pages"]:
            tasks[_reader(name, TARGETS["pages"][name])] = weight
    for name, weight in MIX_WRITES.items():
        if name != "answer" or TARGETS["writes"]["decision"]:
            tasks[getattr(Participant, name)] = weight
    return tasks


def _reader(name: str, path: str) -> Any:
    def read(user: Person) -> None:
        with user.client.get(
            path, headers=user.headers(), name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    return read


class Participant(Person):
    """One seeded person using the site as people do: a click, a pause, another click.
    More people than sessions share them (two tabs of the same person)."""

    abstract = TASK != "mix"
    wait_time = between(*capacity.THINK_SECONDS)

    def __init__(self, environment: Any) -> None:
        self.host = HOSTS[next(_hosts) % len(HOSTS)]
        super().__init__(environment)

    def answer(self) -> None:
        self.respond()

    def book(self) -> None:
        """Open an event; take a place, or give it up if this person has one (as the
        page shows: a step may start where the last one left them)."""
        event = self.events[self.number % len(self.events)]
        page = self.form_page(f"/events/{event}/", "book: event page")
        if f"/events/{event}/leave/" in page:  # the confirm page, then giving it up
            self.form_page(f"/events/{event}/leave/", "book: confirm")
            self.post(f"/events/{event}/leave/", {}, "book: give up")
        elif f"/events/{event}/register/" in page:
            self.form_page(f"/events/{event}/register/", "book: form")
            self.post(f"/events/{event}/register/", {"perspective": ""}, "book")

    def post_reply(self) -> None:
        """Open one of the latest threads of the big project and reply to it."""
        place = TARGETS["writes"]["project_place"]
        listing = self.form_page(f"/threads/place/{place}/", "post: threads")
        found = re.findall(rf'href="(/threads/place/{place}/\d+/)"', listing)
        if not found:
            return
        thread = random.choice(found)  # noqa: S311 (spreading the load, not a secret)
        if self.form_page(thread, "post: thread"):
            self.post(thread + "reply/", {"body": "Thank you, that helps.", "parent": ""}, "post")


WRITES = {
    "register for an event": "register",
    "respond to a decision": "respond",
    "record an involvement entry": "record",
    "submit a claim": "claim",
    "answer a check-in": "answer_checkin",
    "submit priority questions": "survey",
    "comment on a story": "comment",
}


def choices_from(form: str) -> list[tuple[str, str]]:
    """The response form filled in as someone might: the first choice of each radio
    group, the first box of each checkbox group, a reason in each text area."""
    data: list[tuple[str, str]] = []
    seen: set[str] = set()
    body = form.split('action="', 1)[-1]
    for tag in re.findall(r"<(?:input|textarea|select)[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        key = name.group(1)
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind_name = kind.group(1) if kind else tag[1:9]
        if kind_name in ("radio", "checkbox"):
            if key not in seen and value:
                data.append((key, value.group(1)))
                seen.add(key)
        elif kind_name.startswith("textarea"):
            data.append((key, "It is what we heard most often at the meetings."))
        elif kind_name in ("text", "number", "hidden") and key not in seen:
            data.append((key, value.group(1) if value and value.group(1) else "1"))
            seen.add(key)
    return data


if TASK == "mix":  # a list with each task as often as its weight, as @task(n) makes
    Participant.tasks = [each for each, weight in _mix().items() for _ in range(weight)]
