"""Reactions at the same moment on PostgreSQL, with real connections: one current
reaction per participant and statement, every reaction logged."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.deliberation import services
from levelfield.deliberation.models import Reaction, ReactionLog
from levelfield.deliberation.tests.factories import ParticipantFactory, StatementFactory

pytestmark = CONCURRENCY_MARKS


def test_a_double_click_leaves_one_current_reaction() -> None:
    statement = StatementFactory()
    participant = ParticipantFactory(conversation=statement.conversation)
    results = at_once(
        6,
        lambda n: services.reaction_record(
            participant=participant, statement=statement, vote=(1, -1, 0)[n % 3]
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Reaction.objects.count() == 1
    assert ReactionLog.objects.count() == 6


def test_many_participants_reacting_at_once_each_keep_their_reaction() -> None:
    statement = StatementFactory()
    people = [ParticipantFactory(conversation=statement.conversation) for _ in range(8)]
    results = at_once(
        8, lambda n: services.reaction_record(participant=people[n], statement=statement, vote=1)
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Reaction.objects.count() == 8


@pytest.mark.parametrize("count", [4])
def test_the_same_statement_added_at_once_is_added_once(count: int) -> None:
    statement = StatementFactory()
    people = [ParticipantFactory(conversation=statement.conversation) for _ in range(count)]
    results = at_once(
        count,
        lambda n: services.statement_add(
            conversation=statement.conversation, participant=people[n], text="Same words here"
        ),
    )
    assert len([r for r in results if not isinstance(r, Exception)]) == 1
    assert statement.conversation.statements.filter(text="Same words here").count() == 1
