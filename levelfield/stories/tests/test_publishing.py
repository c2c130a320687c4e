"""Members write; coordinators (and the editors the public page names) publish, now or
at a time they choose; every decision is in the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.home.services import person_data_export
from levelfield.people.models import User
from levelfield.stories import services
from levelfield.stories.models import Story, StoryImage
from levelfield.stories.tests.factories import StoryFactory, picture_upload

VALUES = {
    "kind": "update",
    "title": "Settling into November",
    "summary": "What we did, what is coming.",
    "body": "We met **twice**.",
    "co_written_with": "Bea (a public contributor)",
}


def test_a_member_drafts_a_story_with_a_co_author_tags_and_a_picture(
    client: Client, collective: Collective, writer: User, member: User
) -> None:
    client.force_login(writer)

    response = client.post(
        f"/c/{collective.slug}/desk/new/",
        VALUES | {"co_authors": [member.pk], "tags": "Cuppa, carers, cuppa"},
    )

    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/c/{collective.slug}/desk/{story.pk}/"
    assert story.slug == "settling-into-november" and story.published_at is None
    assert list(story.co_authors.all()) == [member]
    assert sorted(tag.name for tag in story.tags.all()) == ["Cuppa", "carers"]
    response = client.post(
        f"/c/{collective.slug}/desk/{story.pk}/pictures/",
        {
            "file": picture_upload(),
            "alt": "Tea and cake",
            "caption": "Our Cuppa",
            "credit": "Mo",
        },
    )
    assert response.status_code == 302
    picture = StoryImage.objects.get()
    assert (picture.alt, picture.credit, picture.content_type) == (
        "Tea and cake",
        "Mo",
        "image/jpeg",
    )
    preview = client.get(f"/c/{collective.slug}/desk/{story.pk}/").content.decode()
    assert "co-written with Cal and Bea (a public contributor)" in preview
    assert "Photo credit: Mo" in preview and 'alt="Tea and cake"' in preview
    # Not public yet: the public address and the picture are 404 for visitors.
    visitor = Client()
    assert visitor.get(f"/c/{collective.slug}/stories/{story.slug}/").status_code == 404
    assert visitor.get(f"/c/{collective.slug}/pictures/{picture.pk}/").status_code == 404
    assert client.get(f"/c/{collective.slug}/pictures/{picture.pk}/").status_code == 200


def test_asking_for_publication_tells_the_publishers(
    collective: Collective,
    writer: User,
    coordinator: User,
    member: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.story_submit(story=story, actor=writer)

    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "Settling into November" in mail.outbox[0].subject
    assert f"/c/{collective.slug}/desk/{story.pk}/publish/" in mail.outbox[0].body
    story.refresh_from_db()
    assert story.state() == "Waiting to be published"


def test_a_coordinator_publishes_and_it_is_recorded(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    client.force_login(coordinator)

    response = client.post(f"/c/{collective.slug}/desk/{story.pk}/publish/", {"when": "now"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_public() and story.published_by == coordinator
    change = Change.objects.get(action="story_published")
    assert change.actor == coordinator and change.collective == collective
    assert Client().get(story.get_absolute_url()).status_code == 200


def test_a_member_who_is_not_a_publisher_cannot_publish(
    client: Client, collective: Collective, writer: User
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    client.force_login(writer)

    assert client.get(f"/c/{collective.slug}/desk/{story.pk}/publish/").status_code == 404
    assert (
        client.post(f"/c/{collective.slug}/desk/{story.pk}/publish/", {"when": "now"}).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.story_publish(story=story, actor=writer)
    story.refresh_from_db()
    assert story.published_at is None


def test_an_editor_the_public_page_names_may_publish(
    collective: Collective, writer: User, coordinator: User, member: User
) -> None:
    services.public_page_save(
        collective=collective, actor=coordinator, values={}, editors=[member]
    )
    story = services.story_create(collective=collective, author=writer, values=VALUES)

    services.story_publish(story=story, actor=member)

    assert Story.objects.get().is_public()
    assert Change.objects.filter(action="public_page_changed").get().after["editors"] == ["Cal"]


def test_the_desk_tells_each_member_what_they_may_do_here(
    client: Client, collective: Collective, writer: User, coordinator: User, member: User
) -> None:
    """The coordinator publishes and changes the public page; an editor the page names
    publishes; any other member writes and is told who publishes."""
    url = reverse("stories:desk", args=[collective.slug])

    def told(person: User) -> tuple[bool, bool]:
        client.force_login(person)
        page = client.get(url).content.decode()
        return "You publish stories here." in page, "Change the public page" in page

    assert told(coordinator) == (True, True)
    assert told(member) == (False, False)
    assert "The coordinators and editors publish them." in client.get(url).content.decode()
    services.public_page_save(
        collective=collective, actor=coordinator, values={}, editors=[member]
    )
    assert told(member) == (True, False)
    assert told(writer) == (False, False)


def test_a_scheduled_story_appears_when_its_time_comes_without_anything_writing(
    client: Client,
    collective: Collective,
    writer: User,
    coordinator: User,
    django_assert_num_queries: object,
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    at = timezone.now() + timedelta(hours=2)
    services.story_publish(story=story, actor=coordinator, at=at)
    assert Change.objects.get(action="story_scheduled")

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Settling into November" not in client.get(f"/c/{collective.slug}/").content.decode()
    assert client.get(f"/c/{collective.slug}/stories/feed/").content.count(b"<entry>") == 0

    Story.objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(story.get_absolute_url()).status_code == 200


def test_the_publish_form_refuses_a_time_in_the_past(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    client.force_login(coordinator)

    response = client.post(
        f"/c/{collective.slug}/desk/{story.pk}/publish/",
        {"when": "later", "at": "2001-01-01T10:00"},
    )

    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()
    story.refresh_from_db()
    assert story.published_at is None


def test_taking_a_story_down_needs_a_reason_and_is_recorded(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    story = StoryFactory(collective=collective, author=writer)
    client.force_login(coordinator)

    empty = client.post(f"/c/{collective.slug}/desk/{story.pk}/take-down/", {})
    assert empty.status_code == 400 and "Say why." in empty.content.decode()
    client.post(f"/c/{collective.slug}/desk/{story.pk}/take-down/", {"reason": "Names a patient."})

    story.refresh_from_db()
    assert story.published_at is None
    assert Change.objects.get(action="story_withdrawn").after["reason"] == "Names a patient."
    assert Client().get(f"/c/{collective.slug}/stories/{story.slug}/").status_code == 404


def test_only_authors_and_publishers_change_a_story(
    client: Client, collective: Collective, writer: User, member: User, coordinator: User
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    client.force_login(member)

    assert client.get(f"/c/{collective.slug}/desk/{story.pk}/").status_code == 200
    assert client.get(f"/c/{collective.slug}/desk/{story.pk}/edit/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.story_update(story=story, actor=member, values={"title": "Mine now"})
    services.story_update(story=story, actor=coordinator, values=VALUES | {"title": "Better"})
    assert Story.objects.get().title == "Better"


def test_the_feed_lists_published_stories_as_atom(
    client: Client, collective: Collective, writer: User
) -> None:
    StoryFactory(collective=collective, author=writer, title="Out now", slug="out-now")
    StoryFactory(collective=collective, author=writer, title="Still a draft", published_at=None)

    response = client.get(f"/c/{collective.slug}/stories/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<title>Out now</title>" in text and "Still a draft" not in text
    assert f"/c/{collective.slug}/stories/out-now/" in text
    assert "<name>Mo</name>" in text


def test_a_story_page_carries_social_preview_tags_for_its_picture(
    client: Client, collective: Collective, writer: User
) -> None:
    story = StoryFactory(collective=collective, author=writer, title="Tea", summary="We met.")
    services.image_add(
        story=story, actor=writer, upload=picture_upload(), alt="Mugs of tea", credit="Mo"
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Tea">' in html
    assert '<meta property="og:description" content="We met.">' in html
    assert '<meta property="og:image:alt" content="Mugs of tea">' in html
    assert f'content="http://testserver/c/{collective.slug}/pictures/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_related_stories_share_the_most_tags(
    client: Client, collective: Collective, writer: User
) -> None:
    def story(title: str, tags: str) -> Story:
        made = services.story_create(
            collective=collective, author=writer, values=VALUES | {"title": title}, tags=tags
        )
        Story.objects.filter(pk=made.pk).update(published_at=timezone.now())
        return made

    main = story("Main", "stroke, carers, cuppa")
    story("Two shared", "stroke, carers")
    story("One shared", "cuppa")
    story("None shared", "money")

    html = client.get(Story.objects.get(pk=main.pk).get_absolute_url()).content.decode()
    related = html.split('id="related-heading"', 1)[1]
    assert related.index("Two shared") < related.index("One shared")
    assert "None shared" not in related


def test_a_draft_can_be_deleted_but_a_published_story_only_taken_down(
    client: Client, collective: Collective, writer: User, coordinator: User
) -> None:
    draft = services.story_create(collective=collective, author=writer, values=VALUES)
    services.image_add(story=draft, actor=writer, upload=picture_upload(), alt="A", credit="B")
    published = StoryFactory(collective=collective, author=writer, published_by=coordinator)
    client.force_login(writer)

    # Deleting asks to confirm on its own page first; looking deletes nothing.
    confirm = client.get(f"/c/{collective.slug}/desk/{draft.pk}/delete/").content.decode()
    assert "Delete this draft story?" in confirm and "Yes, delete the draft" in confirm
    assert Story.objects.filter(pk=draft.pk).exists()
    client.post(f"/c/{collective.slug}/desk/{draft.pk}/delete/")
    client.post(f"/c/{collective.slug}/desk/{published.pk}/delete/")

    assert list(Story.objects.all()) == [published]
    assert not StoryImage.objects.exists()
    assert Change.objects.get(action="story_deleted").actor == writer


def test_a_persons_stories_and_comments_are_in_their_data_export(
    collective: Collective, writer: User, member: User
) -> None:
    story = services.story_create(
        collective=collective, author=writer, values=VALUES, co_authors=[member]
    )
    Story.objects.filter(pk=story.pk).update(published_at=timezone.now())
    services.comment_add(story=Story.objects.get(), author=member, text="Proud of this.")

    exported = person_data_export(person=member)

    assert exported["stories"][0]["you_are"] == "co-author"
    assert exported["comments_on_stories"][0]["text"] == "Proud of this."


def test_a_story_called_feed_does_not_hide_behind_the_feed(
    collective: Collective, writer: User
) -> None:
    story = services.story_create(
        collective=collective, author=writer, values=VALUES | {"title": "Feed"}
    )
    assert story.slug == "feed-2"


def test_a_chosen_picture_is_named_and_asked_for_again_when_the_form_comes_back(
    client: Client, collective: Collective, writer: User
) -> None:
    story = StoryFactory(collective=collective, author=writer, published_at=None)
    client.force_login(writer)

    response = client.post(
        f"/c/{collective.slug}/desk/{story.pk}/pictures/",
        {"file": picture_upload("our-cuppa.jpg"), "alt": "", "credit": "Mo"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Describe the picture for people who cannot see it." in html
    assert "You chose “our-cuppa.jpg”. Choose it again before you send the form" in html
    assert not StoryImage.objects.exists()


def test_a_published_storys_new_picture_co_author_and_topic_show_at_once(
    client: Client, collective: Collective, writer: User, member: User, coordinator: User
) -> None:
    story = services.story_create(collective=collective, author=writer, values=VALUES)
    services.story_publish(story=story, actor=coordinator)
    story = Story.objects.get(pk=story.pk)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "og:image:alt" not in html and "Topics:" not in html
    assert member.name not in html

    services.story_update(
        story=story, actor=writer, values=VALUES, co_authors=[member], tags="cuppa"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert member.name in html and ">cuppa</a>" in html

    services.image_add(
        story=story, actor=writer, upload=picture_upload(), alt="Mugs of tea", credit="Mo"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:image:alt" content="Mugs of tea">' in html

    services.image_remove(image=StoryImage.objects.get(story=story), actor=writer)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Mugs of tea" not in html


def test_the_story_page_offers_changing_and_translating_to_who_may(
    client: Client, collective: Collective, writer: User, member: User, outsider: User
) -> None:
    story = StoryFactory(collective=collective, author=writer)
    edit = reverse("stories:preview", args=[collective.slug, story.pk])
    for person, may_edit, may_translate in (
        (writer, True, True),
        (member, False, True),
        (outsider, False, False),
    ):
        client.force_login(person)
        html = client.get(story.get_absolute_url()).content.decode()
        assert (edit in html) is may_edit, person
        assert ("Translate this page" in html) is may_translate, person
        assert ("Write an easy read version" in html) is may_translate, person


def test_a_published_storys_changed_words_show_at_once(
    client: Client, collective: Collective, writer: User
) -> None:
    # The body's HTML is kept per its text: a change is a new text, shown at once.
    story = StoryFactory(collective=collective, author=writer, body="We met **twice**.")
    assert "<strong>twice</strong>" in client.get(story.get_absolute_url()).content.decode()

    services.story_update(story=story, actor=writer, values=VALUES | {"body": "We met _once_."})
    html = client.get(Story.objects.get().get_absolute_url()).content.decode()

    assert "<em>once</em>" in html and "twice" not in html


def test_a_public_story_offers_its_change_link_to_its_author_and_publishers_only(
    client: Client,
    collective: Collective,
    writer: User,
    coordinator: User,
    member: User,
    outsider: User,
) -> None:
    """Who may change a story is asked in one query on its public page (membership,
    coordinator and editor together): naming an editor, or taking them off, shows at once."""
    story = StoryFactory(collective=collective, author=writer, title="Our cuppa")
    preview = reverse("stories:preview", args=[collective.slug, story.pk])

    def offered(person: User) -> bool:
        client.force_login(person)
        return preview in client.get(story.get_absolute_url()).content.decode()

    assert offered(writer)
    assert offered(coordinator)
    assert not offered(member)
    assert not offered(outsider)

    services.public_page_save(
        collective=collective, actor=coordinator, values={}, editors=[member]
    )
    assert offered(member)

    services.public_page_save(collective=collective, actor=coordinator, values={}, editors=[])
    assert not offered(member)
