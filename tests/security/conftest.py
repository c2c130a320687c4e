"""One world holding every form that takes a file, so an attack can be sent through each.

`UPLOAD_FORMS` lists them: which app, who sends it, the URL, the other fields a valid
post needs, the file field and the kinds of file it accepts ("zip" for Office and
OpenDocument files, "image", "csv"). `test_every_upload_form_is_listed` fails when a
form with a file field is added without a row here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from levelfield.analysis import services as analysis
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.deliberation.tests.factories import ConversationFactory
from levelfield.easyread.models import EasyReadPoint
from levelfield.events.tests.factories import EventFactory
from levelfield.learning import services as learning
from levelfield.learning.tests.factories import CourseFactory
from levelfield.payments import services as payments
from levelfield.payments.tests.factories import (
    ExpenseCategoryFactory,
    PaymentPolicyFactory,
    RateFactory,
)
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Stage
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)
from levelfield.reviews import services as reviews
from levelfield.stories.tests.factories import StoryFactory


@dataclass
class World:
    """Gordon belongs to the Stroke Voices collective and its project; Amara coordinates
    it; Olu only has an account (anyone may sign up and ask the review group)."""

    gordon: Any
    olu: Any
    objects: dict[str, Any]


@dataclass(frozen=True)
class UploadForm:
    name: str
    form: str  # app.FormClass.field, as test_every_upload_form_is_listed finds it
    person: str
    url: Callable[[World], str]
    fields: Callable[[World], dict[str, Any]]
    file_field: str
    accepts: frozenset[str]
    saved: Callable[[World], int]  # how many uploads it has stored


POLIS_VOTES = b"timestamp,datetime,comment-id,voter-id,vote\n1700000000000,x,1,1,1\n"
POLIS_COMMENTS = (
    b"timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    b"1700000000000,x,1,1,1,0,1,Data should stay in the NHS\n"
)


def _deadline() -> str:
    day = timezone.localdate() + datetime.timedelta(days=30)
    return f"{day.day} {day.month} {day.year}"


UPLOAD_FORMS = [
    UploadForm(
        name="resource suggestion",
        form="resources.SuggestForm.file",
        person="gordon",
        url=lambda w: reverse("resources:suggest", args=["stroke-voices"]),
        fields=lambda w: {
            "title": "Easy-read guide",
            "url": "",
            "summary": "What research is.",
            "stages": ["identifying"],
            "audiences": ["public"],
            "topics": ["accessibility"],
            "format": "easy_read",
            "cost": "free",
        },
        file_field="file",
        accepts=frozenset({"zip", "pdf", "image"}),
        saved=lambda w: w.objects["collective"].resources.count(),
    ),
    UploadForm(
        name="review request",
        form="reviews.RequestForm.documents",
        person="olu",
        url=lambda w: reverse("reviews:ask", args=["stroke-voices"]),
        fields=lambda w: {
            "project_title": "Olu's trial",
            "project_summary": "A trial.",
            "stage": Stage.DESIGN,
            "involvement_plan": "An advisory group.",
            "questions": "Is it enough?",
            "deadline": _deadline(),
        },
        file_field="documents",
        accepts=frozenset({"zip", "pdf"}),
        saved=lambda w: w.objects["group"].requests.count(),
    ),
    UploadForm(
        name="expense receipt",
        form="payments.ExpenseForm.receipt",
        person="gordon",
        url=lambda w: reverse("payments:expense_add", args=[w.objects["claim"].pk]),
        fields=lambda w: {
            "category": w.objects["travel"].pk,
            "description": "Bus",
            "amount": "4.20",
        },
        file_field="receipt",
        accepts=frozenset({"pdf", "image"}),
        saved=lambda w: w.objects["claim"].expenses.count(),
    ),
    UploadForm(
        name="meeting file",
        form="events.MaterialForm.file",
        person="gordon",
        url=lambda w: reverse("events:materials", args=[w.objects["meeting"].pk]),
        fields=lambda w: {"title": "Slides", "kind": "slides", "visible_to": "event"},
        file_field="file",
        accepts=frozenset({"zip", "pdf", "image"}),
        saved=lambda w: w.objects["meeting"].materials.count(),
    ),
    UploadForm(
        name="story picture",
        form="stories.ImageForm.file",
        person="gordon",
        url=lambda w: reverse("stories:images", args=["stroke-voices", w.objects["story"].pk]),
        fields=lambda w: {"alt": "Six people around a table", "credit": "Gordon"},
        file_field="file",
        accepts=frozenset({"image"}),
        saved=lambda w: w.objects["story"].images.count(),
    ),
    UploadForm(
        name="easy-read picture",
        form="easyread.PointForm.upload",
        person="gordon",
        url=lambda w: reverse("easyread:edit", args=["stories-story", w.objects["story"].pk]),
        fields=lambda w: {
            "points-TOTAL_FORMS": "1",
            "points-INITIAL_FORMS": "0",
            "points-MIN_NUM_FORMS": "0",
            "points-MAX_NUM_FORMS": "1000",
            "title": "",
            "points-0-text": "We met at the library.",
            "points-0-alt": "Six people around a table",
        },
        file_field="points-0-upload",
        accepts=frozenset({"image"}),
        saved=lambda w: EasyReadPoint.objects.exclude(image="").count(),
    ),
    UploadForm(
        name="Pol.is import (comments.csv)",
        form="deliberation.ImportForm.comments",
        person="gordon",
        url=lambda w: reverse("deliberation:import", args=[w.objects["conversation"].pk]),
        fields=lambda w: {"votes": _named("votes.csv", POLIS_VOTES)},
        file_field="comments",
        accepts=frozenset({"csv"}),
        saved=lambda w: w.objects["conversation"].statements.count(),
    ),
    UploadForm(
        name="Pol.is import (votes.csv)",
        form="deliberation.ImportForm.votes",
        person="gordon",
        url=lambda w: reverse("deliberation:import", args=[w.objects["conversation"].pk]),
        fields=lambda w: {"comments": _named("comments.csv", POLIS_COMMENTS)},
        file_field="votes",
        accepts=frozenset({"csv"}),
        saved=lambda w: w.objects["conversation"].statements.count(),
    ),
    UploadForm(
        name="Pol.is import (summary.csv and the export's other files)",
        form="deliberation.ImportForm.other",
        person="gordon",
        url=lambda w: reverse("deliberation:import", args=[w.objects["conversation"].pk]),
        fields=lambda w: {
            "votes": _named("votes.csv", POLIS_VOTES),
            "comments": _named("comments.csv", POLIS_COMMENTS),
        },
        file_field="other",
        accepts=frozenset({"csv"}),
        saved=lambda w: w.objects["conversation"].statements.count(),
    ),
    UploadForm(
        name="evidence of impact",
        form="impact.ImpactForm.evidence_file",
        person="gordon",
        url=lambda w: reverse("impact:place_create", args=[w.objects["project"].place.pk]),
        fields=lambda w: {
            "title": "Letters rewritten",
            "what_changed": "Appointment letters are clearer.",
            "for_whom": "patients",
            "kind": "understanding",
            "happened_on": "1 3 2026",
            "show_publicly": "no",
        },
        file_field="evidence_file",
        accepts=frozenset({"zip", "pdf", "image"}),
        saved=lambda w: w.objects["project"].place.impacts.count(),
    ),
    UploadForm(
        name="hand-in of a course assignment",
        form="learning.HandInForm.file",
        person="gordon",
        url=lambda w: reverse(
            "learning:hand_in",
            args=[
                "stroke-voices",
                w.objects["assignment"].cohort.course_id,
                w.objects["assignment"].cohort_id,
                w.objects["assignment"].pk,
            ],
        ),
        fields=lambda w: {"text": ""},
        file_field="file",
        accepts=frozenset({"zip", "pdf", "image"}),
        saved=lambda w: w.objects["assignment"].hand_ins.count(),
    ),
    UploadForm(
        name="interview transcript",
        form="analysis.UploadForm.file",
        person="gordon",
        url=lambda w: reverse("analysis:source_upload", args=[w.objects["project"].place.pk]),
        fields=lambda w: {
            "title": "Interview 3",
            "consent_reference": "CF-014",
            "quotes_allowed": "yes",
        },
        file_field="file",
        accepts=frozenset({"zip", "pdf"}),
        saved=lambda w: w.objects["project"].place.analysis_sources.count(),
    ),
]


def _named(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db: None) -> World:
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    gordon = UserFactory(display_name="Gordon", email="gordon@example.org")
    amara = UserFactory(display_name="Amara", email="amara@example.org")
    olu = UserFactory(display_name="Olu", email="olu@example.org")
    CollectiveMembershipFactory(collective=collective, person=gordon)
    CollectiveMembershipFactory(collective=collective, person=amara, is_coordinator=True)
    project = ProjectFactory(collective=collective, created_by=gordon)
    ProjectMembershipFactory(project=project, person=gordon)
    policy = PaymentPolicyFactory(collective=collective)
    RateFactory(policy=policy)
    meeting = ParticipationFactory(
        entry=InvolvementEntryFactory(project=project, title="Advisory meeting"),
        person=gordon,
        minutes=90,
    )
    claim = payments.claim_create(collective=collective, claimant=gordon, participations=[meeting])
    group = reviews.group_set_up(
        collective=collective,
        actor=amara,
        name="Research partners group",
        about="We review plans.",
        form_guidance="Send us your plan.",
        report_back_days=30,
    )
    meeting_event = EventFactory(place=project.place, created_by=gordon)
    meeting_event.organisers.add(gordon)
    analysis.team_join(place=project.place, person=gordon)
    return World(
        gordon=gordon,
        olu=olu,
        objects={
            "collective": collective,
            "claim": claim,
            "travel": ExpenseCategoryFactory(policy=policy),
            "group": group,
            "story": StoryFactory(collective=collective, author=gordon, published_at=None),
            "conversation": ConversationFactory(place=project.place),
            "meeting": meeting_event,
            "project": project,
            "assignment": _assignment(collective, coordinator=amara, participant=gordon),
        },
    )


def _assignment(collective: Any, *, coordinator: Any, participant: Any) -> Any:
    """An assignment of a course run as a cohort, which the participant has joined."""
    course = CourseFactory(collective=collective, facilitators=[coordinator])
    first = timezone.now() + datetime.timedelta(days=7)
    cohort = learning.cohort_create(
        course=course,
        actor=coordinator,
        title="Summer run",
        ends_on=timezone.localdate(first) + datetime.timedelta(weeks=3),
        dates=learning.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
        ),
    )
    learning.cohort_join(cohort=cohort, person=participant)
    return learning.assignment_save(
        cohort=cohort,
        actor=coordinator,
        title="Your research question",
        instructions="Write one question.",
        due_on=timezone.localdate(first) + datetime.timedelta(days=14),
    )
