from __future__ import annotations

import factory
from django.utils import timezone

from levelfield.deliberation.models import Conversation, Participant, Statement
from levelfield.deliberation.services import text_key
from levelfield.projects.tests.factories import ProjectFactory


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    # A new project's place; pass `place=` for another (a collective's or a group).
    place = factory.LazyFunction(lambda: ProjectFactory().place)
    title = factory.Sequence(lambda n: f"Data principles {n}")
    prompt = "How should patient data be used in research?"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    conversation = factory.SubFactory(ConversationFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    conversation = factory.SubFactory(ConversationFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Statement number {n} about data")
    text_key = factory.LazyAttribute(lambda s: text_key(s.text))
    created_at = factory.LazyFunction(timezone.now)
