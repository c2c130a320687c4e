from __future__ import annotations

import factory
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.learning.models import (
    Circle,
    CircleSession,
    Course,
    Enrolment,
    Module,
    Page,
)
from levelfield.people.tests.factories import UserFactory


class CourseFactory(factory.django.DjangoModelFactory):
    """An open course. Pass `facilitators=[person]` to name its facilitators."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Co-production course {n}")
    summary = "What co-production is, and how to do it well."
    is_open = True
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def facilitators(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.facilitators.add(*extracted)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")
    introduction = "What this module covers."
    question = "What will you try in your own work?"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "## Why it matters\n\nPeople with **lived experience** are experts too."


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    person = factory.SubFactory(UserFactory)
    enrolled_at = factory.LazyFunction(timezone.now)


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"Circle {n}")


class CircleSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleSession

    circle = factory.SubFactory(CircleFactory)
    title = "After the live session"
    held_on = factory.LazyFunction(timezone.localdate)
