"""On PostgreSQL with real connections: the get-involved limit holds when a script
sends many messages at the same moment, and two moderators hiding one comment at once
change the story's count of comments once."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.ratelimits import rule_limits
from levelfield.stories import services
from levelfield.stories.models import Interest, Story
from levelfield.stories.tests.factories import CommentFactory, StoryFactory

pytestmark = CONCURRENCY_MARKS


def test_messages_sent_at_once_from_one_address_stop_at_the_limit(
    collective: Collective,
) -> None:
    def send(number: int) -> object:
        return services.interest_submit(
            collective=collective,
            name=f"Bot {number}",
            email="bot@example.org",
            interests="Buy now",
            consent=True,
        )

    results = at_once(8, send)

    per_email = next(limit.count for limit in rule_limits("get_involved") if limit.per == "email")
    assert Interest.objects.count() == per_email
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 8 - per_email


def test_two_moderators_hiding_one_comment_count_it_once(
    collective: Collective, writer: User, coordinator: User
) -> None:
    other = UserFactory(display_name="Nell")
    CollectiveMembershipFactory(collective=collective, person=other, is_coordinator=True)
    story = StoryFactory(collective=collective, author=writer, comment_count=1)
    comment = CommentFactory(story=story, author=writer)

    results = at_once(
        2,
        lambda number: services.MODERATION.moderate(
            comment=comment,
            actor=(coordinator, other)[number],
            decision="hide",
            reason="Off topic.",
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert Story.objects.get(pk=story.pk).comment_count == 0
