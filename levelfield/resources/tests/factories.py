from __future__ import annotations

import factory
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.resources.models import (
    Audience,
    Facet,
    Format,
    Resource,
    ResourceLabel,
    Stage,
    Status,
    Topic,
)
from levelfield.resources.services import map_version_move


class ResourceFactory(factory.django.DjangoModelFactory):
    """An accepted resource on a collective's map, for the design stage, for everyone."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Guide number {n}")
    url = factory.Sequence(lambda n: f"https://www.example.org/guide-{n}")
    summary = "How to plan involvement with public contributors."
    format = Format.GUIDE
    status = Status.ACCEPTED
    suggested_at = factory.LazyFunction(timezone.now)
    answered_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status != Status.SUGGESTED),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )

    @factory.post_generation
    def stages(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        _labels(self, Facet.STAGE, extracted if extracted is not None else [Stage.DESIGN])

    @factory.post_generation
    def audiences(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        _labels(self, Facet.AUDIENCE, extracted if extracted is not None else list(Audience))

    @factory.post_generation
    def topics(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        _labels(self, Facet.TOPIC, extracted if extracted is not None else [Topic.GETTING_STARTED])

    @factory.post_generation
    def map_version(self, create: bool, extracted: object, **kwargs: object) -> None:
        """As the services leave it: the map's version moves with what it shows."""
        map_version_move(collective_ids=[self.collective_id])


def _labels(resource: Resource, facet: str, values: list[str]) -> None:
    ResourceLabel.objects.bulk_create(
        [ResourceLabel(resource=resource, facet=facet, value=value) for value in values]
    )
