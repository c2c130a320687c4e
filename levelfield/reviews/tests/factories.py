from __future__ import annotations

import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Stage
from levelfield.reviews.models import Review, ReviewGroup, ReviewRequest


class GroupPlaceFactory(factory.django.DjangoModelFactory):
    """A group place in a collective (the research partners group's)."""

    class Meta:
        model = Place

    kind = PlaceKind.GROUP
    collective = factory.SubFactory(CollectiveFactory)
    group_name = "Research partners group"
    purpose = "Patients, carers and members of the public who review researchers' plans."


class ReviewGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewGroup

    collective = factory.SubFactory(CollectiveFactory)
    place = factory.SubFactory(GroupPlaceFactory, collective=factory.SelfAttribute("..collective"))
    form_guidance = "Tell us about your project and how you plan to involve people."


class ReviewRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRequest

    group = factory.SubFactory(ReviewGroupFactory)
    researcher = factory.SubFactory(UserFactory)
    project_title = factory.Sequence(lambda n: f"Study of home care number {n}")
    project_summary = "What makes home care visits work for older people."
    stage = Stage.FUNDING
    involvement_plan = "Two carers on the steering group, paid for their time."
    questions = "Is our plan meaningful?"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    request = factory.SubFactory(ReviewRequestFactory)
    reviewer = factory.SubFactory(UserFactory)


def pdf_upload(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def word_upload(name: str = "plan.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def fake_pdf_upload() -> SimpleUploadedFile:
    """A script renamed to look like a PDF: the name and declared type lie."""
    return SimpleUploadedFile("plan.pdf", b"<script>alert(1)</script>", "application/pdf")
