from __future__ import annotations

import uuid

import factory

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.priorities.models import (
    Partnership,
    RespondentKind,
    Submission,
    SubmittedQuestion,
    SummaryQuestion,
)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Stroke priorities {n}")
    scope = "Questions about life after stroke."


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    partnership = factory.SubFactory(PartnershipFactory)
    token = factory.LazyFunction(uuid.uuid4)
    perspective = RespondentKind.PATIENT
    consent = True


class SubmittedQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmittedQuestion

    submission = factory.SubFactory(SubmissionFactory)
    partnership = factory.LazyAttribute(lambda o: o.submission.partnership)
    text = factory.Sequence(lambda n: f"Does treatment number {n} help recovery?")


class SummaryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryQuestion

    partnership = factory.SubFactory(PartnershipFactory)
    text = factory.Sequence(lambda n: f"Summary question {n}?")
