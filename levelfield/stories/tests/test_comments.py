"""Signed-in people comment on stories; comments are held for a moderator or published
at once, as the collective chooses; anyone signed in reports one; moderators hide or
restore with a reason, recorded, and the author is told."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.stories import services
from levelfield.stories.models import Comment, CommentReport, Story
from levelfield.stories.tests.factories import CommentFactory, StoryFactory


@pytest.fixture
def story(collective: Collective, writer: User) -> Story:
    return StoryFactory(collective=collective, author=writer, title="Our Cuppa", slug="our-cuppa")


def test_a_comment_is_held_until_a_moderator_publishes_it(
    client: Client, story: Story, outsider: User, coordinator: User
) -> None:
    client.force_login(outsider)

    response = client.post(f"{story.get_absolute_url()}comment/", {"text": "Lovely to read."})

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (
        comment.is_held
        and "Lovely to read." not in Client().get(story.get_absolute_url()).content.decode()
    )
    moderator = Client()
    moderator.force_login(coordinator)
    assert "Lovely to read." in moderator.get("/c/riverside/desk/comments/").content.decode()
    moderator.post(f"/c/riverside/desk/comments/{comment.pk}/", {"decision": "publish"})
    assert "Lovely to read." in Client().get(story.get_absolute_url()).content.decode()
    assert Story.objects.get().comment_count == 1
    assert Change.objects.get(action="story_comment_published").actor == coordinator


def test_comments_appear_at_once_when_the_collective_says_so(
    story: Story, collective: Collective, outsider: User, coordinator: User
) -> None:
    services.public_page_save(
        collective=collective, actor=coordinator, values={"comments_held": False}
    )

    services.comment_add(story=story, author=outsider, text="Straight in.")

    assert Comment.objects.shown().get().text == "Straight in."
    assert Story.objects.get().comment_count == 1


def test_visitors_must_sign_in_to_comment_and_an_empty_comment_is_refused(
    client: Client, story: Story, outsider: User
) -> None:
    response = client.post(f"{story.get_absolute_url()}comment/", {"text": "Hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    empty = client.post(f"{story.get_absolute_url()}comment/", {"text": ""})
    assert empty.status_code == 400
    assert 'href="#id_text">Enter your comment.' in empty.content.decode()
    assert not Comment.objects.exists()


def test_reporting_hiding_and_restoring_a_comment(
    client: Client,
    story: Story,
    outsider: User,
    member: User,
    coordinator: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    comment = CommentFactory(story=story, author=outsider, text="You are all idiots.")
    Story.objects.filter(pk=story.pk).update(comment_count=1)
    client.force_login(member)

    empty = client.post(f"{story.get_absolute_url()}comments/{comment.pk}/report/", {})
    assert empty.status_code == 400 and "There is a problem" in empty.content.decode()
    client.post(f"{story.get_absolute_url()}comments/{comment.pk}/report/", {"reason": "Abusive."})
    client.post(f"{story.get_absolute_url()}comments/{comment.pk}/report/", {"reason": "Again."})
    assert CommentReport.objects.get().reason == "Abusive."  # one report each

    moderator = Client()
    moderator.force_login(coordinator)
    queue = moderator.get("/c/riverside/desk/comments/").content.decode()
    assert "You are all idiots." in queue and "Abusive." in queue
    no_reason = moderator.post(f"/c/riverside/desk/comments/{comment.pk}/", {"decision": "hide"})
    assert no_reason.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        moderator.post(
            f"/c/riverside/desk/comments/{comment.pk}/",
            {"decision": "hide", "reason": "Name-calling breaks our ground rules."},
        )

    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == coordinator
    assert "You are all idiots." not in Client().get(story.get_absolute_url()).content.decode()
    assert Story.objects.get().comment_count == 0
    assert CommentReport.objects.get().dealt_with_at is not None
    assert (
        Change.objects.get(action="story_comment_hid").after["reason"].startswith("Name-calling")
    )
    assert mail.outbox[-1].to == [outsider.email]
    assert "hidden" in mail.outbox[-1].subject and "ground rules" in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.MODERATION.moderate(
            comment=comment, actor=coordinator, decision="restore", reason="On reflection, fair."
        )
    assert Comment.objects.shown().count() == 1 and Story.objects.get().comment_count == 1
    assert "restored" in mail.outbox[-1].subject
    assert Change.objects.filter(action="story_comment_restored").exists()


def test_members_who_are_not_moderators_cannot_moderate(
    client: Client, story: Story, outsider: User, member: User
) -> None:
    comment = CommentFactory(story=story, author=outsider)
    client.force_login(member)

    assert client.get("/c/riverside/desk/comments/").status_code == 404
    assert (
        client.post(
            f"/c/riverside/desk/comments/{comment.pk}/", {"decision": "hide", "reason": "x"}
        ).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.MODERATION.moderate(comment=comment, actor=member, decision="hide", reason="x")
    assert not Comment.objects.get().is_hidden


def test_a_held_comment_cannot_be_reported_by_guessing_its_number(
    client: Client, story: Story, outsider: User, member: User
) -> None:
    comment = CommentFactory(story=story, author=outsider, published_at=None)
    client.force_login(member)
    assert (
        client.get(f"{story.get_absolute_url()}comments/{comment.pk}/report/").status_code == 404
    )


def test_the_hidden_reason_is_required_by_the_database(story: Story, outsider: User) -> None:
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(story=story, author=outsider, hidden_at=timezone.now(), hidden_reason="")


def test_one_person_writing_comment_after_comment_is_slowed(
    client: Client, story: Story, outsider: User
) -> None:
    from levelfield.ratelimits import rule_limits

    per_account = next(x.count for x in rule_limits("story_comment") if x.per == "account")
    client.force_login(outsider)
    for number in range(per_account):
        response = client.post(
            f"{story.get_absolute_url()}comment/",
            {"text": f"Comment {number}"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )
        assert response.status_code == 302

    refused = client.post(f"{story.get_absolute_url()}comment/", {"text": "One more"})

    assert refused.status_code == 400
    assert "a lot of comments in the last hour" in refused.content.decode()
    assert Comment.objects.count() == per_account


def test_a_reported_comment_is_taken_down_until_a_moderator_looks_and_its_author_is_told(
    client: Client,
    story: Story,
    outsider: User,
    member: User,
    coordinator: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    comment = CommentFactory(story=story, author=outsider, text="People like you are a burden.")
    Story.objects.filter(pk=story.pk).update(comment_count=1)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(
            f"{story.get_absolute_url()}comments/{comment.pk}/report/", {"reason": "Hurtful."}
        )

    comment.refresh_from_db()
    assert comment.is_held
    assert "a burden" not in Client().get(story.get_absolute_url()).content.decode()
    assert Story.objects.get().comment_count == 0
    assert Change.objects.get(action="story_comment_reported_and_held").actor == member
    assert mail.outbox[-1].to == [outsider.email]
    assert "waiting for a moderator" in mail.outbox[-1].subject
    assert "Someone reported your comment" in mail.outbox[-1].body
    assert member.name not in mail.outbox[-1].body  # the reporter stays unnamed
    # The moderator finds it reported and held, and may put it back.
    moderator = Client()
    moderator.force_login(coordinator)
    queue = moderator.get("/c/riverside/desk/comments/").content.decode()
    assert "a burden" in queue and "Hurtful." in queue
    moderator.post(f"/c/riverside/desk/comments/{comment.pk}/", {"decision": "publish"})
    assert Comment.objects.shown().count() == 1 and Story.objects.get().comment_count == 1


def test_a_collective_may_leave_reported_comments_up_while_they_wait(
    story: Story, collective: Collective, outsider: User, member: User, coordinator: User
) -> None:
    services.public_page_save(
        collective=collective, actor=coordinator, values={"reported_comments_held": False}
    )
    comment = CommentFactory(story=story, author=outsider)

    services.MODERATION.report(comment=comment, person=member, reason="Off topic.")

    assert Comment.objects.get().is_shown
    assert CommentReport.objects.get().dealt_with_at is None


def test_the_story_page_shows_each_change_to_its_comments_at_once(
    story: Story, collective: Collective, outsider: User, member: User, coordinator: User
) -> None:
    """The page's comments are kept between requests; every comment shown, hidden,
    published or restored shows on the next one, and a held one never does."""
    reader = Client()
    reader.force_login(member)

    def page() -> str:
        return reader.get(story.get_absolute_url()).content.decode()

    services.public_page_save(
        collective=collective, actor=coordinator, values={"comments_held": False}
    )
    rude = services.comment_add(story=story, author=outsider, text="Rude words here.")
    assert "Rude words here." in page()
    services.MODERATION.moderate(comment=rude, actor=coordinator, decision="hide", reason="Rude.")
    assert "Rude words here." not in page()

    services.public_page_save(
        collective=collective, actor=coordinator, values={"comments_held": True}
    )
    held = services.comment_add(story=story, author=outsider, text="Waiting to be read.")
    assert "Waiting to be read." not in page()
    services.MODERATION.moderate(comment=held, actor=coordinator, decision="publish")
    services.MODERATION.moderate(comment=rude, actor=coordinator, decision="restore", reason="Ok.")
    shown = page()
    assert "Waiting to be read." in shown and "Rude words here." in shown
    assert "Waiting to be read." in Client().get(story.get_absolute_url()).content.decode()
