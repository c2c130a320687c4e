"""A visitor with no account finds live opportunities on the board, filters them, reads
one with its collective's name and structured data, follows the feeds and expresses
interest; the organisers see who answered, grouped by the perspectives they asked for."""

from __future__ import annotations

import json
import re

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from levelfield.lib.testing.world import World
from levelfield.lib.words import day
from levelfield.opportunities import services
from levelfield.opportunities.models import Interest, Mode, Opportunity, Topic
from levelfield.opportunities.tests.conftest import make
from levelfield.ratelimits import rule_limits

INTEREST = {
    "name": "Sam Carer",
    "email": "Sam@Example.org",
    "why": "I care for my dad after his stroke.",
    "perspectives": ["carer"],
    "access_needs": "Papers in large print, please.",
    "consent": "on",
}


def test_a_visitor_reads_live_opportunities_only(client: Client, listed: World) -> None:
    live = make(listed, title="Live and listed")
    draft = make(listed, state="draft", title="Still a draft")
    waiting = make(listed, state="submitted", title="Waiting to be checked")
    board = client.get("/opportunities/").content.decode()
    assert "Live and listed" in board
    # Each row links to the opportunity and says when it closes.
    assert f'href="/opportunities/{live.pk}/">Live and listed</a>' in board
    assert f"Closes on {day(live.closes_on)}.</p>" in board
    assert "Still a draft" not in board and "Waiting to be checked" not in board
    assert client.get(f"/opportunities/{live.pk}/").status_code == 200
    assert client.get(f"/opportunities/{draft.pk}/").status_code == 404
    assert client.get(f"/opportunities/{waiting.pk}/").status_code == 404


def test_a_collective_that_is_not_listed_is_not_on_the_board(client: Client, world: World) -> None:
    live = make(world, title="Unlisted collective's role")
    assert "Unlisted collective" not in client.get("/opportunities/").content.decode()
    assert client.get(f"/opportunities/{live.pk}/").status_code == 404


def test_the_filters_narrow_the_board(client: Client, listed: World) -> None:
    make(listed, title="Online and paid", mode=Mode.ONLINE, paid=True)
    make(listed, title="In person and unpaid", mode=Mode.IN_PERSON, paid=False, region="london")
    page = client.get("/opportunities/", {"paid": "no"}).content.decode()
    assert "In person and unpaid" in page and "Online and paid" not in page
    page = client.get("/opportunities/", {"mode": "online", "topic": "stroke"}).content.decode()
    assert "Online and paid" in page and "In person and unpaid" not in page
    page = client.get("/opportunities/", {"topic": "dementia"}).content.decode()
    assert "No opportunities match these filters." in page
    page = client.get("/opportunities/", {"region": "wales"}).content.decode()
    assert "Online and paid" in page  # anywhere (online) fits every region


def test_the_kept_filters_show_a_new_topic_and_what_was_chosen(
    client: Client, listed: World
) -> None:
    make(listed, title="Online and paid", mode=Mode.ONLINE, paid=True)
    page = client.get("/opportunities/").content.decode()
    assert "Online and paid" in page and "Hearing loss" not in page
    Topic.objects.create(slug="hearing-loss", name="Hearing loss", position=99)
    assert "Hearing loss" in client.get("/opportunities/").content.decode()
    chosen = client.get("/opportunities/", {"paid": "yes"}).content.decode()
    assert re.search(r'<option value="yes" selected>', chosen)
    assert "Clear filters" in chosen
    assert "Clear filters" not in client.get("/opportunities/").content.decode()


def test_the_page_carries_escaped_json_ld_and_the_collective_name(
    client: Client, listed: World
) -> None:
    opportunity = make(listed, title="Role </script><script>alert(1)</script>")
    page = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert listed.collective.name in page
    assert "<script>alert(1)" not in page
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "JobPosting"
    assert data["title"] == opportunity.title
    assert data["hiringOrganization"]["name"] == listed.collective.name
    assert data["validThrough"].startswith(opportunity.closes_on.isoformat())


def test_the_feeds_list_live_opportunities(client: Client, listed: World) -> None:
    make(listed, title="In the feeds")
    make(listed, state="draft", title="Not in the feeds")
    atom = client.get("/opportunities/feed.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"In the feeds" in atom.content and b"Not in the feeds" not in atom.content
    text = client.get("/opportunities/feed.txt")
    assert text["Content-Type"].startswith("text/plain")
    assert "In the feeds" in text.content.decode()


def test_a_visitor_expresses_interest_and_the_organisers_are_told(
    client: Client, listed: World, django_capture_on_commit_callbacks: object
) -> None:
    opportunity = make(listed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/opportunities/{opportunity.pk}/interest/", INTEREST)
    assert response["Location"] == f"/opportunities/{opportunity.pk}/interest/sent/"
    interest = Interest.objects.get()
    assert interest.email == "sam@example.org" and interest.access_needs_shared_at
    assert "127.0.0.1" not in str(Interest.objects.values().get())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([listed.member.email, listed.coordinator.email, "sam@example.org"])
    confirmation = next(message for message in mail.outbox if message.to == ["sam@example.org"])
    assert opportunity.title in confirmation.body


def test_without_access_needs_nothing_is_shared(client: Client, listed: World) -> None:
    opportunity = make(listed)
    client.post(f"/opportunities/{opportunity.pk}/interest/", {**INTEREST, "access_needs": ""})
    interest = Interest.objects.get()
    assert interest.access_needs == "" and interest.access_needs_shared_at is None


def test_bad_interest_names_the_field(client: Client, listed: World) -> None:
    opportunity = make(listed)
    response = client.post(
        f"/opportunities/{opportunity.pk}/interest/",
        {"name": "", "email": "not-an-address", "why": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Enter your name.",
        "Enter an email address like name@example.com.",
        "Say why you are interested.",
        "Tick the box to agree, so the organisers can reply to you.",
    ):
        assert message in page
    assert not Interest.objects.exists()


def test_a_filled_honeypot_stores_nothing(client: Client, listed: World) -> None:
    opportunity = make(listed)
    response = client.post(
        f"/opportunities/{opportunity.pk}/interest/", {**INTEREST, "website": "spam"}
    )
    assert response.status_code == 302
    assert not Interest.objects.exists()


def test_interest_is_rate_limited_per_email(client: Client, listed: World) -> None:
    opportunity = make(listed)
    per_email = next(
        limit.count for limit in rule_limits("opportunity_interest") if limit.per == "email"
    )
    for _ in range(per_email):
        client.post(f"/opportunities/{opportunity.pk}/interest/", INTEREST)
    response = client.post(f"/opportunities/{opportunity.pk}/interest/", INTEREST)
    assert response.status_code == 400
    assert "several times today from this email address" in response.content.decode()
    assert Interest.objects.count() == 1  # the same address updates its one answer


def test_only_the_organisers_see_who_answered_grouped_by_perspective(
    client: Client, listed: World
) -> None:
    opportunity = make(listed)
    client.post(f"/opportunities/{opportunity.pk}/interest/", INTEREST)
    client.post(
        f"/opportunities/{opportunity.pk}/interest/",
        {**INTEREST, "email": "lee@example.org", "name": "Lee", "perspectives": ["researcher"]},
    )
    organiser = Client()
    organiser.force_login(listed.member)  # the writer
    page = organiser.get(f"/opportunities/{opportunity.pk}/interests/").content.decode()
    assert "Carer (1)" in page and "Other people (1)" in page
    assert "Papers in large print" in page
    # The project's other members see how many, not who.
    other = Client()
    other.force_login(listed.former)
    assert other.get(f"/opportunities/{opportunity.pk}/interests/").status_code == 404
    colleague = Client()
    colleague.force_login(listed.collective_member)
    assert colleague.get(f"/opportunities/{opportunity.pk}/interests/").status_code == 404
    assert client.get(f"/opportunities/{opportunity.pk}/interests/").status_code == 302


def _copies(opportunity: Opportunity, size: int) -> None:
    """More live opportunities like this one, each with two topics."""
    topics = list(Topic.objects.all()[:2])
    for number in range(size):
        copy = Opportunity.objects.get(pk=opportunity.pk)
        copy.pk, copy.title = None, f"Copy {number}"
        copy.save()
        copy.topics.set(topics)


def test_the_board_and_the_place_list_ask_the_same_number_of_queries_however_many(
    client: Client, listed: World
) -> None:
    opportunity = make(listed)
    member = Client()
    member.force_login(listed.member)
    counts = []
    client.get("/opportunities/", {"paid": "yes"})  # the filters' HTML is kept from now on
    for size in (1, 15):
        _copies(opportunity, size)
        with CaptureQueriesContext(connection) as board:
            assert client.get("/opportunities/", {"paid": "yes"}).status_code == 200
        with CaptureQueriesContext(connection) as place:
            member.get(f"/opportunities/place/{listed.project_place.pk}/")
        with CaptureQueriesContext(connection) as feed:
            client.get("/opportunities/feed.atom")
        counts.append((len(board), len(place), len(feed)))
    assert counts[0] == counts[1]


def test_the_interest_list_asks_the_same_number_of_queries_however_many(
    client: Client, listed: World
) -> None:
    opportunity = make(listed)
    client.force_login(listed.member)
    counts = []
    for size in (2, 20):
        Interest.objects.bulk_create(
            Interest(
                opportunity=opportunity, name=f"P{n}", email=f"p{size}-{n}@example.org", why="x"
            )
            for n in range(size)
        )
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/opportunities/{opportunity.pk}/interests/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_board_feeds_and_a_live_opportunity_leak_nothing_private(
    client: Client, listed: World
) -> None:
    """Private data seeded on purpose (a draft, one waiting to be checked, the people who
    answered with their access needs and equality answers, the checker's comments), then
    every public page of the board searched for it."""
    live = make(listed, title="Join our advisory group")
    make(listed, state="draft", title="SECRET-DRAFT-ROLE")
    make(listed, state="submitted", title="SECRET-WAITING-ROLE")
    listed.member.access_needs = "SECRET-MEMBER-NEED"
    listed.member.save(update_fields=["access_needs"])
    services.interest_express(
        opportunity=live,
        name="SECRET-INTERESTED-NAME",
        email="secret.interested@example.org",
        why="SECRET-WHY",
        perspectives=["carer"],
        access_needs="SECRET-ACCESS-NEED",
        reach={"age_band": "65_74"},
    )
    pages = [
        "/opportunities/",
        "/opportunities/?topic=stroke",
        "/opportunities/feed.atom",
        "/opportunities/feed.txt",
        f"/opportunities/{live.pk}/",
        f"/opportunities/{live.pk}/interest/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Join our advisory group" in text, url
        for secret in ("SECRET", "secret.interested", listed.member.email):
            assert secret not in text, f"{url} shows {secret}"
