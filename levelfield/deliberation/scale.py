"""Conversations for `manage.py seed_scale`: the big project co-creates principles.

Twenty conversations in the big project; the first has 2,000 participants reacting to
200 statements (100,000 reactions at the large size, each with its row in the reaction
log, as `reaction_record` keeps both). Statement numbers and text keys are unique per
conversation, as the services make them.
"""

from __future__ import annotations

import random

from django.utils import timezone

from levelfield.collectives.roles import memberships_of
from levelfield.deliberation.models import (
    Conversation,
    Participant,
    Reaction,
    ReactionLog,
    Statement,
)
from levelfield.deliberation.services import text_key
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.projects.scale import big_project

CONVERSATIONS = 20
PARTICIPANTS = 2_000
STATEMENTS = 200
REACTIONS_EACH = 50  # statements each participant reacts to
TOPICS = ["sharing data", "consent", "who benefits", "plain English", "payment", "privacy"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    place = big_project().place
    founder = people_in_order()[0]
    now = timezone.now()
    for chunk in batches(
        Conversation(
            place=place,
            title=f"Principles for {rng.choice(TOPICS)} ({number + 1})",
            prompt="What should we promise the people whose data we use?",
            created_by_id=founder,
        )
        for number in range(CONVERSATIONS)
    ):
        Conversation.objects.bulk_create(chunk)
    busy = Conversation.objects.in_place(place).order_by("pk").first()
    # Who takes part: the place's members.
    members = list(
        memberships_of(place.owner).order_by("person_id").values_list("person_id", flat=True)
    )
    people = members[: scaled(size, PARTICIPANTS, least=10)]
    Participant.objects.bulk_create(
        Participant(conversation=busy, person_id=person_id) for person_id in people
    )
    participants = list(
        Participant.objects.filter(conversation=busy).order_by("pk").values_list("pk", flat=True)
    )
    count = scaled(size, STATEMENTS, least=5)
    texts = [
        f"We will explain {rng.choice(TOPICS)} in plain words, promise {number}."
        for number in range(count)
    ]
    Statement.objects.bulk_create(
        Statement(
            conversation=busy,
            number=number,
            text=text,
            text_key=text_key(text),
            author_id=participants[number % len(participants)],
            is_seed=number < 5,
            created_at=now,
        )
        for number, text in enumerate(texts)
    )
    statements = list(
        Statement.objects.filter(conversation=busy).order_by("pk").values_list("pk", flat=True)
    )
    each = min(REACTIONS_EACH, len(statements))
    votes = [
        (participant, statement, rng.choice([-1, 0, 1, 1]))
        for participant in participants
        for statement in rng.sample(statements, each)
    ]
    for chunk in batches(
        Reaction(participant_id=p, statement_id=s, vote=v, reacted_at=now) for p, s, v in votes
    ):
        Reaction.objects.bulk_create(chunk)
    for chunk in batches(
        ReactionLog(participant_id=p, statement_id=s, vote=v, reacted_at=now) for p, s, v in votes
    ):
        ReactionLog.objects.bulk_create(chunk)
