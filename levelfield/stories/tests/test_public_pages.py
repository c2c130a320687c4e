"""The public face: anyone, with no log-in, reads the home page, stories and the about
page; nothing private leaks; pages stay fast as stories and comments grow."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services as event_services
from levelfield.events.models import Audience
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import User
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.access import collective_place
from levelfield.projects.tests.factories import ProjectFactory
from levelfield.stories import services
from levelfield.stories.models import Story
from levelfield.stories.tests.factories import CommentFactory, StoryFactory, picture_upload
from levelfield.translations import services as translation_services

PUBLIC_PAGES = ("", "about-co-production/", "stories/", "get-involved/", "stories/feed/")


def _event(collective: Collective, organiser: User, title: str, **values: object) -> object:
    return event_services.event_create(
        place=values.pop("place", None) or collective_place(collective.pk),
        actor=organiser,
        values=event_values(title=title, **values),
    )


def test_a_visitor_sees_the_home_page_with_stories_events_and_contact_details(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    services.public_page_save(
        collective=collective,
        actor=coordinator,
        values={
            "welcome": "We are **Riverside**.",
            "get_involved": "Come to a Cuppa.",
            "contact_email": "hello@strokevoices.example",
            "contact_phone": "0161 000 0000",
        },
    )
    StoryFactory(collective=collective, author=writer, title="Settling into November")
    _event(collective, writer, "Co-Pro Cuppa", audience=Audience.ANYONE)

    html = client.get(f"/c/{collective.slug}/").content.decode()

    assert "<strong>Riverside</strong>" in html
    assert "Settling into November" in html and "Co-Pro Cuppa" in html
    assert "hello@strokevoices.example" in html and "0161 000 0000" in html
    assert "Come to a Cuppa." in html
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"', html)


def test_the_about_page_is_editable_and_plain(
    client: Client, collective: Collective, coordinator: User
) -> None:
    assert (
        "working together as equals"
        in client.get(f"/c/{collective.slug}/about-co-production/").content.decode()
    )
    client.force_login(coordinator)
    client.post(
        f"/c/{collective.slug}/desk/public-page/",
        {"about_coproduction": "Here we **share power**.", "comments_held": "on"},
    )
    html = Client().get(f"/c/{collective.slug}/about-co-production/").content.decode()
    assert "Here we <strong>share power</strong>." in html


def test_public_pages_leak_nothing_private(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    """Private data seeded on purpose, then every public page's HTML searched for it."""
    collective.description = "SECRET-DESCRIPTION written for members"
    collective.save()
    quiet = UserFactory(
        display_name="Zebedee Quietmember",
        email="zebedee.private@example.org",
        access_needs="Needs a BSL interpreter SECRET-NEED",
    )
    PerspectiveFactory(person=quiet, in_own_words="SECRET-PERSPECTIVE lived with stroke")
    CollectiveMembershipFactory(collective=collective, person=quiet)
    writer.access_needs = "Step-free WRITER-NEED"
    writer.save()
    project = ProjectFactory(collective=collective, title="SECRET-PROJECT", created_by=writer)
    _event(collective, writer, "SECRET-MEMBERS-EVENT", audience=Audience.COLLECTIVE)
    _event(
        collective,
        writer,
        "Open Cuppa",
        audience=Audience.ANYONE,
        joining_link="https://meet.example.org/SECRET-ROOM",
    )
    story = StoryFactory(collective=collective, author=writer, title="Public story")
    StoryFactory(collective=collective, author=writer, title="SECRET-DRAFT", published_at=None)
    StoryFactory(
        collective=collective,
        author=writer,
        title="SECRET-SCHEDULED",
        published_at=timezone.now() + timedelta(days=3),
    )
    CommentFactory(story=story, author=quiet, text="SECRET-HELD", published_at=None)
    CommentFactory(
        story=story,
        author=coordinator,
        text="SECRET-HIDDEN",
        hidden_at=timezone.now(),
        hidden_reason="SECRET-REASON",
    )
    services.interest_submit(
        collective=collective,
        name="SECRET-STRANGER",
        email="stranger.secret@example.org",
        interests="SECRET-INTEREST",
        consent=True,
    )
    services.public_page_save(collective=collective, actor=coordinator, values={}, editors=[quiet])
    assert project  # the project exists, and must not be named

    pages = [f"/c/{collective.slug}/{page}" for page in PUBLIC_PAGES]
    pages += [story.get_absolute_url(), f"/c/{collective.slug}/get-involved/thank-you/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in (
            "SECRET",
            "Zebedee",
            "Quietmember",
            "zebedee.private",
            "NEED",
            "Cora",  # the coordinator, who wrote nothing public
            coordinator.email,
            writer.email,
            "stranger.secret",
        ):
            assert secret not in html, f"{secret} leaked on {url}"


def _many(collective: Collective, writer: User, count: int) -> Story:
    from levelfield.stories.models import Tag

    tag = Tag.objects.create(collective=collective, name="Cuppa", slug="cuppa")
    stories = []
    for number in range(count):
        story = StoryFactory(collective=collective, author=writer, title=f"Story {number}")
        story.tags.add(tag)
        story.co_authors.add(writer)
        stories.append(story)
        for _ in range(count):
            CommentFactory(story=story, author=writer)
        _event(collective, writer, f"Cuppa {number}", audience=Audience.ANYONE)
    return stories[0]


@pytest.mark.parametrize("count", [1, 20])
def test_public_pages_take_the_same_queries_with_1_or_20_stories_events_and_comments(
    client: Client,
    collective: Collective,
    writer: User,
    count: int,
    django_assert_num_queries: object,
) -> None:
    story = _many(collective, writer, count)
    Story.objects.update(comment_count=count)

    # The collective is read with its public page (one query).
    with django_assert_num_queries(10):  # type: ignore[operator]
        assert client.get(f"/c/{collective.slug}/").status_code == 200
    # Then its stories and events, and its reports, outputs and impacts, are kept (the
    # latter per which are shown, read in three small queries).
    with django_assert_num_queries(4):  # type: ignore[operator]
        assert client.get(f"/c/{collective.slug}/").status_code == 200
    # One of them asks whether the story has an easy-read version (easyread's link); the
    # story is read with its collective and its public page.
    with django_assert_num_queries(7):  # type: ignore[operator]
        assert client.get(story.get_absolute_url()).status_code == 200
    # Then its comments, related stories, pictures, co-authors and topics are kept (per
    # comments and page version).
    with django_assert_num_queries(2):  # type: ignore[operator]
        assert client.get(story.get_absolute_url()).status_code == 200
    with django_assert_num_queries(5):  # type: ignore[operator]
        assert client.get(f"/c/{collective.slug}/stories/").status_code == 200
    # Then how many stories and which topics are kept (per page version and minute).
    with django_assert_num_queries(3):  # type: ignore[operator]
        assert client.get(f"/c/{collective.slug}/stories/").status_code == 200


def test_the_home_fragment_is_cached_per_version_and_a_change_shows_at_once(
    client: Client,
    collective: Collective,
    writer: User,
    coordinator: User,
    django_assert_num_queries: object,
) -> None:
    StoryFactory(collective=collective, author=writer, title="First")
    client.get(f"/c/{collective.slug}/")
    with django_assert_num_queries(4):  # type: ignore[operator]
        # The collective with the page's version, and which published reports, outputs
        # and impacts are shown (so one taken down goes at once).
        client.get(f"/c/{collective.slug}/")

    story = services.story_create(
        collective=collective,
        author=writer,
        values={"title": "Second", "summary": "S", "body": "B", "kind": "story"},
    )
    services.story_publish(story=story, actor=coordinator)

    assert "Second" in client.get(f"/c/{collective.slug}/").content.decode()


def test_an_unknown_collective_is_a_404(client: Client, db: None) -> None:
    assert client.get("/c/nobody-here/").status_code == 404
    assert client.get("/c/nobody-here/stories/feed/").status_code == 404


def test_stories_on_one_topic_are_listed_and_paged_at_their_own_address(
    client: Client, collective: Collective, writer: User
) -> None:
    made = services.story_create(
        collective=collective,
        author=writer,
        values={"title": "On carers", "summary": "S", "body": "B", "kind": "story"},
        tags="Carers",
    )
    Story.objects.filter(pk=made.pk).update(published_at=timezone.now())
    StoryFactory(collective=collective, author=writer, title="Something else")

    html = client.get(f"/c/{collective.slug}/stories/topics/carers/").content.decode()

    assert "Stories about Carers" in html and "On carers" in html
    assert "Something else" not in html
    assert client.get(f"/c/{collective.slug}/stories/topics/nothing/").status_code == 404


def test_the_home_shows_an_output_taken_down_and_a_new_welcome_at_once(
    client: Client, collective: Collective, coordinator: User
) -> None:
    """The home keeps its outputs, reports and impacts per which are shown, and its
    welcome per text: a change shows on the next visit."""
    from levelfield.outputs import services as output_services
    from levelfield.outputs.tests.factories import output_make

    place = collective_place(collective.pk)
    output = output_make(place=place, actor=coordinator, title="Being heard", show_publicly=True)
    services.public_page_save(
        collective=collective, actor=coordinator, values={"welcome": "We are **Riverside**."}
    )
    html = client.get(f"/c/{collective.slug}/").content.decode()
    assert "Being heard" in html and "<strong>Riverside</strong>" in html

    output_services.output_update(actor=coordinator, output=output, show_publicly=False)
    services.public_page_save(
        collective=collective, actor=coordinator, values={"welcome": "We are **Brookside**."}
    )
    html = client.get(f"/c/{collective.slug}/").content.decode()
    assert "Being heard" not in html
    assert "<strong>Brookside</strong>" in html and "<strong>Riverside</strong>" not in html


def test_a_kept_story_card_on_the_list_changes_with_what_it_shows(
    client: Client, collective: Collective, writer: User, member: User
) -> None:
    """The list's cards are kept under a digest of what each shows: a new title, a Welsh
    translation for a Welsh reader, a first picture and a comment count show at once."""
    story = StoryFactory(collective=collective, author=writer, title="Our first cuppa")
    url = f"/c/{collective.slug}/stories/"

    def listed(language: str = "en-gb") -> str:
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert "Our first cuppa" in listed()
    assert "comment" not in listed().split("Our first cuppa")[1].split("</article>")[0]

    services.story_update(story=story, actor=writer, values={"title": "Our second cuppa"})
    assert "Our second cuppa" in listed()
    assert "Our first cuppa" not in listed()

    translation_services.translation_save(
        obj=story,
        language="cy",
        text={"title": "Ein paned", "summary": "Beth wnaethom.", "body": "Fe wnaethom gwrdd."},
        actor=member,
    )
    assert "Ein paned" in listed("cy")
    assert "Ein paned" not in listed()

    services.image_add(story=story, actor=writer, upload=picture_upload(), alt="Mugs", credit="Mo")
    assert "levelfield-story-thumb" in listed()

    Story.objects.filter(pk=story.pk).update(comment_count=3)
    assert "3 comments" in listed()
