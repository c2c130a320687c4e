"""Who may open every page, and who may send it a form: one row per URL.

The resolver lists every URL pattern (allauth's included). Each has one row in MATRIX:
how to fill in its arguments from a shared scenario, and what each of five people gets
for GET and for POST. A new URL without a row fails `test_every_url_has_a_row`; a row
for a URL that no longer exists fails too.

Adding a row is one line in MATRIX:

    "projects/<int:pk>/thing/": Row(PROJECT, MEMBERS_ONLY, MEMBERS_POST),

- the key is the route exactly as the failure message prints it;
- the first value builds the URL's arguments from the Scenario (PROJECT, COLLECTIVE,
  DECISION, ... below, or a lambda such as `lambda s: {"pk": s.project.pk}`);
- then the outcomes for GET and for POST, one word per person in ROLES order
  (visitor, outsider, member, coordinator, former member). Words: a status code
  ("200", "404", "405", ...), "login" (sent to the log-in page), "302" (sent elsewhere)
  or "ok" (a POST that is allowed and may change data: its effect is for the app's own
  tests). Every POST outcome other than "ok" must write nothing to the database.

The scenario is built once per module; each request runs in a savepoint that is rolled
back, so one request never sees another's changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from levelfield.collectives import services as collective_services
from levelfield.collectives.models import (
    Collective,
)
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.decisions.models import Method, Outcome
from levelfield.decisions.tests.factories import DecisionFactory, OptionFactory
from levelfield.deliberation.models import WhoMayTakePart
from levelfield.deliberation.tests.factories import ConversationFactory, StatementFactory
from levelfield.documents import services as document_services
from levelfield.documents.models import WhoMayTakePart as DocumentWhoMayTakePart
from levelfield.events import access as event_access
from levelfield.events import services as event_services
from levelfield.events.models import Audience
from levelfield.events.tests.conftest import event_values
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.learning import services as learning_services
from levelfield.learning.tests.factories import (
    CircleFactory,
    CircleSessionFactory,
    CourseFactory,
    ModuleFactory,
    PageFactory,
)
from levelfield.notifications.services import unsubscribe_token
from levelfield.outputs import services as output_services
from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import (
    ExpenseCategoryFactory,
    PaymentPolicyFactory,
    RateFactory,
)
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.projects import services as project_services
from levelfield.projects.models import Project
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)
from levelfield.reflection.tests.factories import RoundFactory, version_of
from levelfield.resources.models import Status as ResourceStatus
from levelfield.resources.tests.factories import ResourceFactory

ROLES = ("visitor", "outsider", "member", "coordinator", "former")


@dataclass
class Scenario:
    """A collective with a project, a decision, an involvement entry and invitations.

    The member and the coordinator belong to both; the former member joined both and
    left; the outsider has an account and belongs to neither, and both invitations are
    addressed to them.
    """

    people: dict[str, User | None]
    collective: Collective
    project: Project
    decision: Any
    settled_time_poll: Any
    entry: Any
    collective_membership: PlaceMembership
    project_membership: PlaceMembership
    collective_invitation: Any
    project_invitation: Any
    join_request: Any
    conversation: Any
    checkin_round: Any
    question_set: Any
    resource: Any
    event: Any = None
    # A group in the collective, started by the member (the coordinator is not in it).
    group: Any = None
    public_event: Any = None
    agenda_item: Any = None
    guest_token: str = ""
    feed_token: str = ""
    session_keys: dict[str, str] = field(default_factory=dict)
    # Payments: the member's submitted claim with an expense, and a batch made by the
    # coordinator (who approves and is the policy's finance officer).
    payments: dict[str, Any] = field(default_factory=dict)
    # Learning: an open course the coordinator facilitates; the member is enrolled, has
    # finished it and belongs to its circle (which has a session).
    learning: dict[str, Any] = field(default_factory=dict)
    # reviews: the collective's review group (the member is in it; the coordinator set
    # it up and is not), and a request from a researcher outside, which the member
    # reviewed and leads the response to. The researcher's own view: reviews/tests.
    review_request: Any = None
    # Documents: a project document open to its link, started by the member (who holds
    # the pen), with a comment and an amendment by the member.
    documents: dict[str, Any] = field(default_factory=dict)
    # priorities: a partnership at its survey with one grouped question, a suggested
    # pair, a workshop group and the member's idea.
    priorities: dict[str, Any] = field(default_factory=dict)
    # stories: a story by the member, published by the coordinator, with a picture, a
    # published comment by the outsider and an expression of interest.
    stories: dict[str, Any] = field(default_factory=dict)
    # reports: the project's GRIPP2 report (generated), and the collective's annual
    # report, signed off and published.
    reports: dict[str, Any] = field(default_factory=dict)
    # outputs: a paper of the project recorded by the member, crediting the member and
    # a named person without an account.
    outputs: dict[str, Any] = field(default_factory=dict)
    # meetings (events): a file on the member's project meeting, for everyone who can
    # see it, and draft minutes of that meeting with the member's comment.
    meetings: dict[str, Any] = field(default_factory=dict)
    # tasks: an "anyone" task in the project, added by the member.
    tasks: dict[str, Any] = field(default_factory=dict)
    # threads: a thread in the project started by the member, with the member's reply.
    threads: dict[str, Any] = field(default_factory=dict)
    # opportunities: in the project, written by the member: one live (the collective is
    # listed, the coordinator approved it) with an expression of interest, one draft and
    # one waiting to be checked; and the collective's own place, where checks are listed.
    opportunities: dict[str, Any] = field(default_factory=dict)
    # partners: an organisation of the collective, with a contact and a piece of work.
    partners: dict[str, Any] = field(default_factory=dict)
    # impact: a draft impact in the project recorded by the member, with an evidence file,
    # linked to the member's paper (outputs) and the involvement entry.
    impact: dict[str, Any] = field(default_factory=dict)
    # cohorts: a cohort of the learning course (the coordinator facilitates the course),
    # which the member joined, with an assignment the member handed in (a file).
    cohorts: dict[str, Any] = field(default_factory=dict)
    # analysis: the member alone is on the project's analysis team (the coordinator is
    # not) and may keep originals; a confirmed source with the member's coded segment, a
    # code in a theme, a word on the word list, and an upload waiting for de-identification.
    analysis: dict[str, Any] = field(default_factory=dict)


def _build_scenario() -> Scenario:
    outsider = UserFactory(display_name="Olu")
    member = UserFactory(display_name="Mo")
    coordinator = UserFactory(display_name="Cora")
    former = UserFactory(display_name="Fern")
    # Listed in the directory, where someone new (Nia) has asked to join it.
    collective = CollectiveFactory(name="Matrix Collective", slug="matrix", listed=True)
    project = ProjectFactory(collective=collective, title="Matrix project", created_by=member)
    collective_membership = CollectiveMembershipFactory(collective=collective, person=member)
    CollectiveMembershipFactory(collective=collective, person=coordinator, is_coordinator=True)
    project_membership = ProjectMembershipFactory(project=project, person=member)
    ProjectMembershipFactory(project=project, person=coordinator, is_coordinator=True)
    for_former = CollectiveMembershipFactory(collective=collective, person=former)
    ProjectMembershipFactory(project=project, person=former)
    project_services.project_leave(project=project, person=former)
    collective_services.membership_leave(membership=for_former)
    asker = UserFactory(display_name="Ash")
    CollectiveMembershipFactory(collective=collective, person=asker)
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    JoinRequest.objects.create(
        place=collective.own_place, person=UserFactory(display_name="Nia"), message="Hello"
    )
    entry = InvolvementEntryFactory(project=project, recorded_by=member)
    ParticipationFactory(entry=entry, person=member)
    decision = DecisionFactory(place=project.place, created_by=member)
    payments = _payments(collective, project, member, coordinator)
    built = Scenario(
        payments=payments,
        settled_time_poll=_settled_time_poll(project, member),
        people={
            "visitor": None,
            "outsider": outsider,
            "member": member,
            "coordinator": coordinator,
            "former": former,
        },
        collective=collective,
        project=project,
        decision=decision,
        entry=entry,
        collective_membership=collective_membership,
        project_membership=project_membership,
        collective_invitation=CollectiveInvitationFactory(
            collective=collective, email=outsider.email, invited_by=member
        ),
        project_invitation=ProjectInvitationFactory(
            project=project, email=outsider.email, invited_by=member
        ),
        join_request=join_request,
        conversation=_conversation(project),
        checkin_round=RoundFactory(project=project, created_by=member),
        question_set=version_of().question_set,
        resource=ResourceFactory(
            collective=collective, status=ResourceStatus.SUGGESTED, suggested_by=member
        ),
        learning=_learning(collective, member, coordinator),
        review_request=_review_request(collective, member, coordinator),
        documents=_documents(project, member),
        priorities=_priorities(collective, member),
    )
    _add_events(built)
    built.group = place_services.group_create(
        collective=collective, actor=member, name="Matrix group", purpose="Testing who sees what."
    )
    built.stories = _stories(collective, member, coordinator, built.people["outsider"])
    built.reports = _reports(built)
    built.outputs = _outputs(built)
    built.meetings = _meetings(built)
    built.tasks = _tasks(built)
    built.threads = _threads(built)
    built.opportunities = _opportunities(built)
    built.partners = _partners(built)
    built.impact = _impact(built)
    built.cohorts = _cohorts(built)
    built.analysis = _analysis(built)
    return built


def _add_events(built: Scenario) -> None:
    """A project meeting the member organises and has a place at, with an agenda item;
    a public Cuppa with a guest; the member's calendar feed. The coordinator runs the
    logistics of both (the coordinator job)."""
    member = built.people["member"]
    built.event = event_services.event_create(
        place=built.project.place, actor=member, values=event_values(audience=Audience.MEMBERS)
    )
    event_services.registration_create(event=built.event, person=member)
    built.agenda_item = event_services.agenda_item_propose(
        event=built.event, person=member, title="Paying people"
    )
    built.public_event = event_services.event_create(
        place=built.collective.places.get(kind="collective"),
        actor=member,
        values=event_values(audience=Audience.ANYONE),
    )
    guest = event_services.registration_create(
        event=built.public_event, guest_name="Gus", guest_email="gus@example.org"
    )
    built.guest_token = event_access.guest_token(guest)
    built.feed_token = event_services.calendar_feed_reset(person=member).token


def _meetings(built: Scenario) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from levelfield.events.models import WalkIn

    member = built.people["member"]
    material = event_services.material_add(
        event=built.event,
        actor=member,
        upload=SimpleUploadedFile("slides.pdf", b"%PDF-1.4\n%%EOF\n"),
        title="Slides",
        kind="slides",
        visible_to="event",
    )
    event_services.minutes_save(event=built.event, actor=member, text="Draft minutes")
    event_services.minutes_comment(event=built.event, person=member, text="Add the date")
    # Walk-ins are recorded once a meeting starts; this one is made directly.
    walk_in = WalkIn.objects.create(
        event=built.event, guest_name="Wes", added_by=member, added_at=timezone.now()
    )
    return {"material": material, "walk_in": walk_in}


def _learning(collective: Collective, member: User, coordinator: User) -> dict:
    course = CourseFactory(collective=collective, facilitators=[coordinator])
    module = ModuleFactory(course=course)
    page = PageFactory(module=module)
    enrolment = learning_services.enrolment_create(course=course, person=member)
    learning_services.page_mark_done(enrolment=enrolment, page=page)
    learning_services.reflection_save(
        enrolment=enrolment, module=module, text="Yes", shared_with_facilitators=True
    )
    circle = CircleFactory(course=course)
    learning_services.circle_join(circle=circle, person=member)
    session = CircleSessionFactory(circle=circle)
    return {"course": course, "module": module, "page": page, "circle": circle, "session": session}


def _cohorts(built: Scenario) -> dict[str, Any]:
    import datetime as _datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator, member = built.people["coordinator"], built.people["member"]
    first = (timezone.now() + _datetime.timedelta(days=7)).replace(microsecond=0)
    cohort = learning_services.cohort_create(
        course=built.learning["course"],
        actor=coordinator,
        title="Matrix run",
        ends_on=timezone.localdate(first) + _datetime.timedelta(days=14),
        dates=learning_services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + _datetime.timedelta(hours=1),
            repeat="weekly",
        ),
    )
    learning_services.cohort_join(cohort=cohort, person=member)
    assignment = learning_services.assignment_save(
        cohort=cohort,
        actor=coordinator,
        title="Map it",
        instructions="Draw it.",
        due_on=timezone.localdate(first),
    )
    hand_in = learning_services.hand_in_save(
        assignment=assignment,
        person=member,
        text="Mine",
        upload=SimpleUploadedFile("map.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {"cohort": cohort, "assignment": assignment, "hand_in": hand_in}


def _documents(project: Project, member: User) -> dict[str, Any]:
    today = timezone.localdate()
    document = document_services.document_start(
        started_by=member,
        place=project.place,
        title="Matrix payment policy",
        purpose="How we pay people.",
        text="# Rates\n\nWe pay £25 an hour.",
        questions=["Is this fair?"],
        opens_on=today,
        closes_on=today + timedelta(days=28),
        who_may_take_part=DocumentWhoMayTakePart.ANYONE_WITH_LINK,
    )
    paragraph = document.versions.get().paragraphs.get(position=2)
    comment = document_services.comment_add(paragraph=paragraph, author=member, text="Fair.")
    amendment = document_services.amendment_propose(
        paragraph=paragraph, person=member, text="We pay £30 an hour.", reason="Costs rose."
    )
    return {
        "document": document,
        "paragraph": paragraph,
        "comment": comment,
        "amendment": amendment,
    }


def _outputs(built: Scenario) -> dict[str, Any]:
    member = built.people["member"]
    output = output_services.output_create(
        actor=member,
        place=built.project.place,
        kind="paper",
        title="Matrix paper",
        date=timezone.localdate(),
        doi="10.5555/matrix",
    )
    output_services.contributor_add(actor=member, output=output, person=member)
    named = output_services.contributor_add(
        actor=member, output=output, name="Kai Turner", credits={"investigation": "lead"}
    )
    return {"output": output, "contributor": named}


def _impact(built: Scenario) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from levelfield.impact import services as impact_services

    member = built.people["member"]
    impact = impact_services.impact_create(
        actor=member,
        place=built.project.place,
        title="Matrix impact",
        what_changed="The clinic rewrote its letter.",
        for_whom="patients",
        kind="practice",
        happened_on=timezone.localdate(),
        evidence_file=SimpleUploadedFile("email.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    impact_services.impact_link(
        actor=member, impact=impact, outputs=[built.outputs["output"]], entries=[built.entry]
    )
    return {"impact": impact}


def _priorities(collective: Collective, member: User) -> dict[str, Any]:
    import uuid

    from levelfield.priorities import services as priority_services
    from levelfield.priorities.models import SimilarPair, WorkshopGroup

    partnership = priority_services.partnership_create(
        collective=collective, actor=member, title="Matrix priorities", scope="Anything."
    )
    submission, _ = priority_services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective="carer",
        questions=["Does rest help?", "Does resting help?"],
        consent=True,
    )
    first, second = submission.questions.order_by("pk")
    summary = priority_services.summary_create(
        partnership=partnership, actor=member, questions=[first], text="Does rest help?"
    )
    pair = SimilarPair.objects.create(
        partnership=partnership, first=first, second=second, score=0.9
    )
    group = WorkshopGroup.objects.create(partnership=partnership, name="Oak")
    idea = priority_services.idea_create(
        collective=collective, actor=member, title="An idea", description="Try it."
    )
    return {
        "partnership": partnership,
        "steering": partnership.steering_members.get(),
        "question": first,
        "summary": summary,
        "pair": pair,
        "group": group,
        "idea": idea,
    }


def _stories(collective: Collective, member: User, coordinator: User, outsider: User) -> dict:
    """stories: the member's story, published by the coordinator, with a picture and a
    comment; someone's expression of interest."""
    import atexit

    from levelfield.stories import services as story_services
    from levelfield.stories.tests.factories import picture_upload

    story = story_services.story_create(
        collective=collective,
        author=member,
        values={"title": "Matrix story", "summary": "S.", "body": "B.", "kind": "story"},
        tags="Matrix",
    )
    picture = story_services.image_add(
        story=story, actor=member, upload=picture_upload(), alt="A cup", credit="Mo"
    )
    atexit.register(picture.file.storage.delete, picture.file.name)
    story = story_services.story_publish(story=story, actor=coordinator)
    story_services.public_page_save(
        collective=collective, actor=coordinator, values={"comments_held": False}
    )
    comment = story_services.comment_add(story=story, author=outsider, text="Nice.")
    interest = story_services.interest_submit(
        collective=collective, name="Sam", email="sam@example.org", interests="x", consent=True
    )
    from levelfield.translations import services as translation_services

    translation = translation_services.translation_save(
        obj=story,
        language="cy",
        text={"title": "Stori", "summary": "C.", "body": "B."},
        actor=member,
    )
    return {
        "story": story,
        "picture": picture,
        "comment": comment,
        "interest": interest,
        "translation": translation,
    }


def _opportunities(built: Scenario) -> dict[str, Any]:
    """opportunities: a live one with an interest, a draft and one waiting to be checked,
    all in the project and written by the member."""
    from levelfield.opportunities import services as opportunity_services
    from levelfield.opportunities.tests.conftest import values
    from levelfield.places.models import Place

    member, coordinator = built.people["member"], built.people["coordinator"]
    place = built.project.place

    def written(title: str) -> Any:
        return opportunity_services.opportunity_create(
            place=place, actor=member, **values(title=title)
        )

    live = opportunity_services.opportunity_submit(opportunity=written("Live"), actor=member)
    live = opportunity_services.opportunity_publish(opportunity=live, actor=coordinator)
    opportunity_services.interest_express(
        opportunity=live, name="Sam", email="sam@example.org", why="Because."
    )
    submitted = opportunity_services.opportunity_submit(
        opportunity=written("Waiting"), actor=member
    )
    # A finished selection: one chosen, one told kindly, each with their email's link.
    finished = opportunity_services.opportunity_submit(opportunity=written("Chosen"), actor=member)
    finished = opportunity_services.opportunity_publish(opportunity=finished, actor=coordinator)
    for name in ("Kit", "Lee"):
        opportunity_services.interest_express(
            opportunity=finished, name=name, email=f"{name.lower()}@example.org", why="Because."
        )
    opportunity_services.selection_finish(opportunity=finished, actor=member, places=1, seed=1)
    outcomes = {row.outcome: row for row in finished.interests.all()}
    return {
        "live": live,
        "keep_token": opportunity_services.interest_token(
            outcomes["not_chosen"], salt=opportunity_services.KEEP_IN_MIND_SALT
        ),
        "took_part_token": opportunity_services.interest_token(
            outcomes["chosen"], salt=opportunity_services.TOOK_PART_SALT
        ),
        "draft": written("Draft"),
        "submitted": submitted,
        "collective_place": Place.objects.get(collective=built.collective, kind="collective"),
    }


def _conversation(project: Project) -> Any:
    """A project conversation open to anyone with its link, with one statement."""
    conversation = ConversationFactory(
        place=project.place, who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK
    )
    StatementFactory(conversation=conversation)
    return conversation


def _review_request(collective: Collective, member: User, coordinator: User) -> Any:
    """reviews: a request with a document, reviewed by the member, who drafts the response."""
    import atexit

    from levelfield.projects.models import Stage
    from levelfield.reviews import services as review_services
    from levelfield.reviews.tests.factories import pdf_upload

    group = review_services.group_set_up(
        collective=collective,
        actor=coordinator,
        name="Matrix partners",
        about="About.",
        form_guidance="Guidance.",
        report_back_days=30,
    )
    place_services.group_join(group=group.place, person=member)
    review_request = review_services.request_submit(
        group=group,
        researcher=UserFactory(display_name="Rhea"),
        details=review_services.RequestDetails(
            project_title="Matrix study",
            project_summary="Summary.",
            stage=Stage.DESIGN,
            involvement_plan="Plan.",
            questions="Questions?",
            deadline=timezone.localdate() + timedelta(days=14),
        ),
        uploads=[pdf_upload()],
    )
    # The document is really stored (under MEDIA_ROOT) so its page can be a 200; the
    # scenario lives for the module, so the file goes when the test process ends.
    atexit.register(
        review_request.documents.get().file.storage.delete,
        review_request.documents.get().file.name,
    )
    review = review_services.review_sign_up(review_request=review_request, person=member)
    review_services.review_save(
        review=review,
        person=member,
        answers={"meaningful": "yes", "paid": "yes", "plain_language": "yes"},
        minutes=30,
        send=True,
    )
    response = review_services.response_lead(review_request=review_request, person=member)
    review_services.response_draft(response=response, person=member, text="Draft.")
    return review_request


def _payments(collective: Collective, project: Project, member: User, coordinator: User) -> dict:
    policy = PaymentPolicyFactory(collective=collective)
    RateFactory(policy=policy)
    travel = ExpenseCategoryFactory(policy=policy, receipt_over=Decimal("20.00"))
    policy.finance_officers.add(coordinator)

    def claim_for_new_entry() -> Any:
        entry = InvolvementEntryFactory(project=project, recorded_by=member)
        time = ParticipationFactory(entry=entry, person=member)
        return payment_services.claim_create(
            collective=collective, claimant=member, participations=[time]
        )

    paid = claim_for_new_entry()
    payment_services.claim_submit(claim=paid, actor=member)
    payment_services.claim_approve(claim=paid, actor=coordinator)
    batch = payment_services.batch_create(collective=collective, actor=coordinator)
    claim = claim_for_new_entry()
    expense = payment_services.claim_expense_add(
        claim=claim, actor=member, category=travel, description="Bus", amount=Decimal("4.20")
    )
    payment_services.claim_submit(claim=claim, actor=member)
    return {"claim": claim, "expense": expense, "batch": batch, **_easy_read(policy, coordinator)}


def _easy_read(policy: Any, coordinator: User) -> dict:
    """easyread: the coordinator's easy-read version of the policy, with an uploaded picture."""
    import atexit

    from levelfield.easyread import services as easy_read_services
    from levelfield.easyread.upload import picture_prepare
    from levelfield.stories.tests.factories import picture_upload

    point = easy_read_services.PointInput(
        "We pay you.", alt="A coin", prepared=picture_prepare(picture_upload())
    )
    version = easy_read_services.easy_read_save(
        obj=policy, title="", points=[point], actor=coordinator
    )
    stored = version.points.get()
    atexit.register(stored.image.storage.delete, stored.image.name)
    return {"policy": policy, "easy_read_point": stored}


def _settled_time_poll(project: Project, member: User) -> Any:
    """A closed time poll whose outcome chose a time (its calendar file exists)."""
    now = timezone.now()
    poll = DecisionFactory(
        place=project.place,
        created_by=member,
        method=Method.TIME_POLL,
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
        closed_at=now - timedelta(days=1),
    )
    start = now + timedelta(days=7)
    chosen = OptionFactory(decision=poll, starts_at=start, ends_at=start + timedelta(hours=1))
    Outcome.objects.create(
        decision=poll,
        statement="We meet then.",
        chosen_option=chosen,
        written_by=member,
        written_at=now,
        updated_at=now,
    )
    return poll


def _tasks(built: Scenario) -> dict[str, Any]:
    from levelfield.tasks import services as task_services

    task = task_services.task_create(
        place=built.project.place,
        actor=built.people["member"],
        values=task_services.TaskValues(title="Matrix task"),
    )
    return {"task": task}


def _reports(built: Scenario) -> dict[str, Any]:
    from levelfield.reports import services as report_services
    from levelfield.reports.models import Report

    member = built.people["member"]
    report = report_services.report_start(place=built.project, actor=member)
    report_services.report_generate(report=report)
    annual = report_services.report_start(
        place=built.collective, actor=member, year=timezone.localdate().year
    )
    version = report_services.report_generate(report=annual)
    now = timezone.now()
    Report.objects.filter(pk=annual.pk).update(
        signed_off_version=version,
        signed_off_at=now,
        published_version=version,
        published_at=now,
        published_by=built.people["coordinator"],
    )
    return {"report": report, "annual": annual}


def _threads(built: Scenario) -> dict[str, Any]:
    from levelfield.threads import services as thread_services

    member = built.people["member"]
    thread = thread_services.thread_start(
        place=built.project.place, author=member, title="Matrix thread", body="Hello."
    )
    reply = thread_services.post_reply(thread=thread, author=member, body="A reply.")
    return {"thread": thread, "reply": reply}


def _partners(built: Scenario) -> dict[str, Any]:
    from levelfield.partners import services as partner_services

    place = built.collective.places.get(kind="collective")
    member = built.people["member"]
    organisation = partner_services.organisation_create(
        place=place,
        actor=member,
        values={"name": "Matrix Council", "kind": "council", "website": "", "notes": ""},
        relationships=["commissioner"],
    )
    organisation.place = place
    contact = partner_services.contact_add(
        organisation=organisation, actor=member, values={"name": "Tess", "role": "Lead"}
    )
    work = partner_services.work_add(
        organisation=organisation,
        actor=member,
        values={
            "kind": "advice",
            "title": "Advice",
            "started_on": timezone.localdate(),
            "income": Decimal("100.00"),
        },
    )
    return {"place": place, "organisation": organisation, "contact": contact, "work": work}


def _analysis(built: Scenario) -> dict[str, Any]:
    from levelfield.analysis import services as analysis_services
    from levelfield.analysis.models import TeamMember
    from levelfield.analysis.tests.factories import code_make, source_make

    member, coordinator = built.people["member"], built.people["coordinator"]
    place = built.project.place
    analysis_services.team_join(place=place, person=member)
    analysis_services.keeper_set(
        actor=coordinator, member=TeamMember.objects.get(place=place, person=member), keeps=True
    )
    source = source_make(place=place, actor=member)
    waiting = source_make(place=place, actor=member, title="Matrix waiting", confirm=False)
    code = code_make(place=place, actor=member)
    theme = analysis_services.theme_create(actor=member, place=place, name="T", codes=[code])
    (segment,) = analysis_services.segments_code(
        actor=member, source=source, spans=[(0, 10)], codes=[code]
    )
    word = analysis_services.word_add(actor=member, place=place, word="Oakfield")
    team_member = TeamMember.objects.get(place=place, person=member)
    return {
        "source": source,
        "waiting": waiting,
        "code": code,
        "theme": theme,
        "segment": segment,
        "word": word,
        "team_member": team_member,
    }


# analysis: the confirmed source and the code of the project's analysis team.
ANALYSIS_SOURCE: Args = lambda s: {"pk": s.analysis["source"].pk}  # noqa: E731
ANALYSIS_CODE: Args = lambda s: {"pk": s.analysis["code"].pk}  # noqa: E731
# partners: the collective's own place, its organisation, contact and work.
PARTNERS_PLACE: Args = lambda s: {"place_pk": s.partners["place"].pk}  # noqa: E731
PARTNER: Args = lambda s: {**PARTNERS_PLACE(s), "pk": s.partners["organisation"].pk}  # noqa: E731
PARTNER_CONTACT: Args = lambda s: {**PARTNER(s), "contact_pk": s.partners["contact"].pk}  # noqa: E731
PARTNER_WORK: Args = lambda s: {**PARTNER(s), "work_pk": s.partners["work"].pk}  # noqa: E731


# How to build each URL's arguments.
Args = Callable[[Scenario], dict[str, Any]]
NONE: Args = lambda s: {}  # noqa: E731
COLLECTIVE: Args = lambda s: {"slug": s.collective.slug}  # noqa: E731
PROJECT: Args = lambda s: {"pk": s.project.pk}  # noqa: E731
PROJECT_PK: Args = lambda s: {"project_pk": s.project.pk}  # noqa: E731
DECISION: Args = lambda s: {"pk": s.decision.pk}  # noqa: E731
SETTLED_TIME_POLL: Args = lambda s: {"pk": s.settled_time_poll.pk}  # noqa: E731
# The involvement log is every place's; the matrix reaches it through the project's place
# (levelfield/places/tests/test_log_access.py covers a collective's own place).
PLACE: Args = lambda s: {"pk": s.project.place.pk}  # noqa: E731
GROUP: Args = lambda s: {"pk": s.group.pk}  # noqa: E731
PLACE_PK: Args = lambda s: {"place_pk": s.project.place.pk}  # noqa: E731
# reviews: the research partners group's place (the member is in it), and the
# collective's own place (where the coordinator sets the group up).
REVIEW_GROUP_PLACE: Args = lambda s: {"place_pk": s.review_request.group.place_id}  # noqa: E731
COLLECTIVE_PLACE: Args = lambda s: {  # noqa: E731
    "place_pk": s.collective.places.get(kind="collective").pk
}
ENTRY: Args = lambda s: {"pk": s.project.place.pk, "entry_pk": s.entry.pk}  # noqa: E731
MEMBER: Args = lambda s: {"pk": s.people["member"].pk}  # noqa: E731
COLLECTIVE_JOIN_REQUEST: Args = lambda s: {  # noqa: E731
    "slug": s.collective.slug,
    "request_pk": s.collective.own_place.join_requests.get().pk,
}
COLLECTIVE_TOKEN: Args = lambda s: {"token": s.collective_invitation.token}  # noqa: E731
PROJECT_TOKEN: Args = lambda s: {"token": s.project_invitation.token}  # noqa: E731
YOUR_INVITATION: Args = lambda s: {"pk": s.project_invitation.pk}  # noqa: E731
JOIN_REQUEST: Args = lambda s: {"pk": s.project.pk, "request_pk": s.join_request.pk}  # noqa: E731
UNSUBSCRIBE: Args = lambda s: {  # noqa: E731
    "token": unsubscribe_token(kind="decision_reminder", person=s.people["member"])
}
# The coordinator job, asked of the member in the project's place.
PLACE_MEMBERSHIP: Args = lambda s: {  # noqa: E731
    "place_pk": s.project.place.pk,
    "membership_pk": s.project_membership.pk,
}
COLLECTIVE_INVITATION: Args = lambda s: {  # noqa: E731
    "slug": s.collective.slug,
    "invitation_pk": s.collective_invitation.pk,
}
PROJECT_INVITATION: Args = lambda s: {  # noqa: E731
    "pk": s.project.pk,
    "invitation_pk": s.project_invitation.pk,
}
CONVERSATION: Args = lambda s: {"pk": s.conversation.pk}  # noqa: E731
CONVERSATION_LINK: Args = lambda s: {"token": s.conversation.link_token}  # noqa: E731
CHECKIN: Args = lambda s: {"pk": s.checkin_round.pk}  # noqa: E731
QUESTION_SET: Args = lambda s: {"slug": s.collective.slug, "set_pk": s.question_set.pk}  # noqa: E731
CLAIM: Args = lambda s: {"pk": s.payments["claim"].pk}  # noqa: E731
EXPENSE: Args = lambda s: {  # noqa: E731
    "pk": s.payments["claim"].pk,
    "expense_pk": s.payments["expense"].pk,
}
BATCH: Args = lambda s: {"pk": s.payments["batch"].pk}  # noqa: E731
RESOURCE: Args = lambda s: {"slug": s.collective.slug, "pk": s.resource.pk}  # noqa: E731
COURSE: Args = lambda s: {"slug": s.collective.slug, "pk": s.learning["course"].pk}  # noqa: E731
COURSE_MODULE: Args = lambda s: {**COURSE(s), "module_pk": s.learning["module"].pk}  # noqa: E731
COURSE_PAGE: Args = lambda s: {**COURSE(s), "page_pk": s.learning["page"].pk}  # noqa: E731
CIRCLE: Args = lambda s: {**COURSE(s), "circle_pk": s.learning["circle"].pk}  # noqa: E731
CIRCLE_SESSION: Args = lambda s: {**CIRCLE(s), "session_pk": s.learning["session"].pk}  # noqa: E731
REVIEW: Args = lambda s: {"pk": s.review_request.pk}  # noqa: E731
REVIEW_DOCUMENT: Args = lambda s: {  # noqa: E731
    "pk": s.review_request.pk,
    "document_pk": s.review_request.documents.get().pk,
}
DOCUMENT: Args = lambda s: {"pk": s.documents["document"].pk}  # noqa: E731
DOCUMENTS_PLACE: Args = lambda s: {"place_pk": s.project.place.pk}  # noqa: E731
DOCUMENT_LINK: Args = lambda s: {"token": s.documents["document"].link_token}  # noqa: E731
DOCUMENT_PARAGRAPH: Args = lambda s: {  # noqa: E731
    "pk": s.documents["document"].pk,
    "paragraph_pk": s.documents["paragraph"].pk,
}
DOCUMENT_COMMENT: Args = lambda s: {  # noqa: E731
    "pk": s.documents["document"].pk,
    "comment_pk": s.documents["comment"].pk,
}
DOCUMENT_AMENDMENT: Args = lambda s: {  # noqa: E731
    "pk": s.documents["document"].pk,
    "amendment_pk": s.documents["amendment"].pk,
}
EVENT: Args = lambda s: {"pk": s.event.pk}  # noqa: E731
# A place's meetings and events, reached through the group (the coordinator is not in it).
GROUP_EVENTS: Args = lambda s: {"place_pk": s.group.pk}  # noqa: E731
AGENDA_ITEM: Args = lambda s: {"pk": s.event.pk, "item_pk": s.agenda_item.pk}  # noqa: E731
PUBLIC_EVENT: Args = lambda s: {"code": s.public_event.public_code}  # noqa: E731
GUEST: Args = lambda s: {"token": s.guest_token}  # noqa: E731
FEED: Args = lambda s: {"token": s.feed_token}  # noqa: E731
MATERIAL: Args = lambda s: {"pk": s.event.pk, "material_pk": s.meetings["material"].pk}  # noqa: E731
WALK_IN: Args = lambda s: {"pk": s.event.pk, "walk_in_pk": s.meetings["walk_in"].pk}  # noqa: E731
# priorities
PRIORITY_TOKEN: Args = lambda s: {"token": s.priorities["partnership"].survey_token}  # noqa: E731
PARTNERSHIP: Args = lambda s: {"pk": s.priorities["partnership"].pk}  # noqa: E731
STEERING_MEMBER: Args = lambda s: {  # noqa: E731
    "pk": s.priorities["partnership"].pk,
    "member_pk": s.priorities["steering"].pk,
}
SUBMITTED_QUESTION: Args = lambda s: {  # noqa: E731
    "pk": s.priorities["partnership"].pk,
    "question_pk": s.priorities["question"].pk,
}
SIMILAR_PAIR: Args = lambda s: {  # noqa: E731
    "pk": s.priorities["partnership"].pk,
    "pair_pk": s.priorities["pair"].pk,
}
SUMMARY_QUESTION: Args = lambda s: {  # noqa: E731
    "pk": s.priorities["partnership"].pk,
    "summary_pk": s.priorities["summary"].pk,
}
WORKSHOP_GROUP: Args = lambda s: {  # noqa: E731
    "pk": s.priorities["partnership"].pk,
    "group_pk": s.priorities["group"].pk,
}
IDEA: Args = lambda s: {"pk": s.priorities["idea"].pk}  # noqa: E731
# stories
STORY: Args = lambda s: {"slug": s.collective.slug, "story_slug": s.stories["story"].slug}  # noqa: E731
STORY_COMMENT: Args = lambda s: {**STORY(s), "comment_pk": s.stories["comment"].pk}  # noqa: E731
STORY_PICTURE: Args = lambda s: {"slug": s.collective.slug, "pk": s.stories["picture"].pk}  # noqa: E731
EASY_READ: Args = lambda s: {"model": "payments-paymentpolicy", "pk": s.payments["policy"].pk}  # noqa: E731
EASY_READ_PICTURE: Args = lambda s: {**EASY_READ(s), "point_pk": s.payments["easy_read_point"].pk}  # noqa: E731
TRANSLATED: Args = lambda s: {"model": "stories-story", "pk": s.stories["story"].pk}  # noqa: E731
TRANSLATED_CY: Args = lambda s: {**TRANSLATED(s), "language": "cy"}  # noqa: E731
DESK_STORY: Args = lambda s: {"slug": s.collective.slug, "pk": s.stories["story"].pk}  # noqa: E731
DESK_PICTURE: Args = lambda s: {**DESK_STORY(s), "image_pk": s.stories["picture"].pk}  # noqa: E731
DESK_COMMENT: Args = lambda s: {"slug": s.collective.slug, "comment_pk": s.stories["comment"].pk}  # noqa: E731
INTEREST: Args = lambda s: {"slug": s.collective.slug, "pk": s.stories["interest"].pk}  # noqa: E731
REPORT: Args = lambda s: {"pk": s.reports["report"].pk}  # noqa: E731
REPORT_SECTION: Args = lambda s: {"pk": s.reports["report"].pk, "section": "aim"}  # noqa: E731
REPORT_VERSION: Args = lambda s: {"pk": s.reports["report"].pk, "number": 1}  # noqa: E731
PUBLISHED_REPORT: Args = lambda s: {"pk": s.reports["annual"].pk}  # noqa: E731
OUTPUT: Args = lambda s: {"pk": s.outputs["output"].pk}  # noqa: E731
OUTPUT_CONTRIBUTOR: Args = lambda s: {  # noqa: E731
    "pk": s.outputs["output"].pk,
    "contributor_pk": s.outputs["contributor"].pk,
}
# threads
THREAD: Args = lambda s: {  # noqa: E731
    "place_pk": s.project.place.pk,
    "pk": s.threads["thread"].pk,
}
THREAD_POST: Args = lambda s: {**THREAD(s), "post_pk": s.threads["reply"].pk}  # noqa: E731
IMPACT: Args = lambda s: {"pk": s.impact["impact"].pk}  # noqa: E731
# cohorts
COHORT: Args = lambda s: {**COURSE(s), "cohort_pk": s.cohorts["cohort"].pk}  # noqa: E731
ASSIGNMENT: Args = lambda s: {**COHORT(s), "assignment_pk": s.cohorts["assignment"].pk}  # noqa: E731
HAND_IN: Args = lambda s: {**ASSIGNMENT(s), "hand_in_pk": s.cohorts["hand_in"].pk}  # noqa: E731
WRONG_EMAIL_KEY: Args = lambda s: {"key": "not-a-real-key"}  # noqa: E731
WRONG_RESET_KEY: Args = lambda s: {"uidb36": "zz", "key": "not-a-real-key"}  # noqa: E731


@dataclass(frozen=True)
class Row:
    args: Args
    get: str
    post: str


# Outcomes that many rows share, in ROLES order.
PUBLIC = "200 200 200 200 200"
SIGNED_IN = "login 200 200 200 200"
MEMBERS_ONLY = "login 404 200 200 404"
MEMBERS_POST = "login 404 ok ok 404"
SIGNED_IN_POST = "login ok ok ok ok"
GET_ONLY = "405 405 405 405 405"
SIGNED_IN_GET_ONLY = "login 405 405 405 405"
COORDINATOR_POST = "login 404 403 ok 404"  # a job's duty: other members are refused
SIGNED_IN_405 = "login 405 405 405 405"  # POST-only actions: GET is refused once signed in
POST_ONLY = "405 405 405 405 405"
COORDINATOR_ONLY = "login 404 404 200 404"
NOBODY = "login 404 404 404 404"
GROUP_ONLY = "login 404 200 404 404"  # reviews: the review group's members
GROUP_POST = "login 404 ok 404 404"
# analysis: only the analysis team (the member; the coordinator is in the project, not on
# the team) reaches anything; an empty form comes back with its errors (400).
TEAM_ONLY = "login 404 200 404 404"
TEAM_POST = "login 404 ok 404 404"
TEAM_BAD_POST = "login 404 400 404 404"

MATRIX: dict[str, Row] = {
    # Home and accounts (allauth)
    "": Row(NONE, PUBLIC, GET_ONLY),
    "glossary/": Row(NONE, PUBLIC, GET_ONLY),
    "language/": Row(NONE, PUBLIC, PUBLIC),
    "accounts/login/": Row(NONE, "200 302 302 302 302", "200 302 302 302 302"),
    "accounts/logout/": Row(NONE, "302 200 200 200 200", "302 ok ok ok ok"),
    "accounts/inactive/": Row(NONE, PUBLIC, GET_ONLY),
    "accounts/signup/": Row(NONE, "200 302 302 302 302", "200 302 302 302 302"),
    "accounts/reauthenticate/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    "accounts/email/": Row(NONE, SIGNED_IN, "login 302 302 302 302"),
    "accounts/confirm-email/": Row(NONE, PUBLIC, GET_ONLY),
    "accounts/password/change/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    "accounts/password/set/": Row(NONE, "login 302 302 302 302", "login 302 302 302 302"),
    "accounts/password/reset/": Row(NONE, PUBLIC, PUBLIC),
    "accounts/login/code/confirm/": Row(NONE, "login 302 302 302 302", "login 302 302 302 302"),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": Row(
        WRONG_EMAIL_KEY, PUBLIC, "404 404 404 404 404"
    ),
    "accounts/password/reset/key/done/": Row(NONE, PUBLIC, GET_ONLY),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Row(
        WRONG_RESET_KEY, PUBLIC, PUBLIC
    ),
    "accounts/password/reset/done/": Row(NONE, PUBLIC, GET_ONLY),
    "accounts/2fa/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "accounts/2fa/authenticate/": Row(NONE, "login 302 302 302 302", "login 302 302 302 302"),
    "accounts/2fa/reauthenticate/": Row(NONE, "login 302 302 302 302", "login 302 302 302 302"),
    "accounts/2fa/totp/activate/": Row(NONE, "login 302 302 302 302", "login 302 302 302 302"),
    "accounts/2fa/totp/deactivate/": Row(NONE, "login 404 404 404 404", "login 404 404 404 404"),
    "accounts/2fa/recovery-codes/": Row(NONE, "login 404 404 404 404", SIGNED_IN_GET_ONLY),
    "accounts/2fa/recovery-codes/generate/": Row(
        NONE, "login 302 302 302 302", "login 302 302 302 302"
    ),
    "accounts/2fa/recovery-codes/download/": Row(
        NONE, "login 404 404 404 404", "login 404 404 404 404"
    ),
    # Your own profile and data
    "me/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "me/edit/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    "me/people/<int:pk>/": Row(MEMBER, "login 404 200 200 404", SIGNED_IN_GET_ONLY),
    "me/data/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "me/data/download/": Row(NONE, "login 302 302 302 302", SIGNED_IN_POST),
    "me/delete/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    # Collectives
    "collectives/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "collectives/new/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    # The directory: anyone looks; anyone signed in and not a member asks to join (an
    # empty message is refused); coordinators answer.
    "collectives/directory/": Row(NONE, PUBLIC, GET_ONLY),
    "collectives/directory/<slug:slug>/ask-to-join/": Row(
        COLLECTIVE, "login 200 302 302 200", "login 400 302 302 400"
    ),
    "collectives/<slug:slug>/join-requests/": Row(
        COLLECTIVE, "login 404 403 200 404", SIGNED_IN_GET_ONLY
    ),
    "collectives/<slug:slug>/join-requests/<int:request_pk>/accept/": Row(
        COLLECTIVE_JOIN_REQUEST, SIGNED_IN_405, COORDINATOR_POST
    ),
    "collectives/<slug:slug>/join-requests/<int:request_pk>/decline/": Row(
        COLLECTIVE_JOIN_REQUEST, SIGNED_IN_405, COORDINATOR_POST
    ),
    "collectives/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "collectives/<slug:slug>/settings/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_POST),
    "collectives/<slug:slug>/history/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "collectives/<slug:slug>/leave/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_POST),
    "collectives/join/<str:token>/": Row(COLLECTIVE_TOKEN, "302 302 302 302 302", GET_ONLY),
    # Old address: a permanent redirect to the collective's place's members page.
    "collectives/<slug:slug>/members/": Row(COLLECTIVE, "302 302 302 302 302", POST_ONLY),
    "collectives/<slug:slug>/invite/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_POST),
    "collectives/<slug:slug>/invitations/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "collectives/<slug:slug>/invitations/<int:invitation_pk>/withdraw/": Row(
        COLLECTIVE_INVITATION, MEMBERS_ONLY, MEMBERS_POST
    ),
    # Projects and the involvement log
    "projects/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "projects/new/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    "projects/<int:pk>/": Row(PROJECT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "projects/<int:pk>/edit/": Row(PROJECT, MEMBERS_ONLY, MEMBERS_POST),
    "projects/<int:pk>/history/": Row(PROJECT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    # Old address: a permanent redirect to the project's place's members page.
    "projects/<int:pk>/members/": Row(PROJECT, "302 302 302 302 302", POST_ONLY),
    "projects/join/<str:token>/": Row(PROJECT_TOKEN, "302 302 302 302 302", GET_ONLY),
    "projects/<int:pk>/ask-to-join/": Row(
        PROJECT, "login 404 302 302 404", "login 404 302 302 404"
    ),
    "projects/<int:pk>/join-requests/<int:request_pk>/accept/": Row(
        JOIN_REQUEST, SIGNED_IN_405, MEMBERS_POST
    ),
    "projects/<int:pk>/join-requests/<int:request_pk>/decline/": Row(
        JOIN_REQUEST, SIGNED_IN_405, MEMBERS_POST
    ),
    "projects/<int:pk>/leave/": Row(PROJECT, MEMBERS_ONLY, MEMBERS_POST),
    "projects/<int:pk>/invite/": Row(PROJECT, MEMBERS_ONLY, MEMBERS_POST),
    "projects/<int:pk>/invitations/": Row(PROJECT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "projects/<int:pk>/invitations/<int:invitation_pk>/withdraw/": Row(
        PROJECT_INVITATION, MEMBERS_ONLY, MEMBERS_POST
    ),
    # Places: groups (any member of the collective may see, start and join one)
    "places/new-group/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_POST),
    "places/<int:pk>/": Row(GROUP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "places/<int:pk>/join/": Row(GROUP, SIGNED_IN_405, MEMBERS_POST),
    "places/<int:pk>/leave/": Row(GROUP, GROUP_ONLY, GROUP_POST),
    # Places: the involvement log of a project, a collective or a group
    "places/<int:pk>/log/": Row(PLACE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "places/<int:pk>/log/new/": Row(PLACE, MEMBERS_ONLY, MEMBERS_POST),
    "places/<int:pk>/log/<int:entry_pk>/": Row(ENTRY, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "places/<int:pk>/log/<int:entry_pk>/edit/": Row(ENTRY, MEMBERS_ONLY, MEMBERS_POST),
    # Places: everyone in a place and the coordinator job (any member asks or volunteers;
    # the person asked answers; the holder steps down after confirming)
    "places/<int:place_pk>/members/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "places/<int:place_pk>/members/<int:membership_pk>/ask-to-coordinate/": Row(
        PLACE_MEMBERSHIP, SIGNED_IN_405, MEMBERS_POST
    ),
    "places/<int:place_pk>/coordinator/accept/": Row(PLACE_PK, SIGNED_IN_405, MEMBERS_POST),
    "places/<int:place_pk>/coordinator/decline/": Row(PLACE_PK, SIGNED_IN_405, MEMBERS_POST),
    "places/<int:place_pk>/coordinator/step-down/": Row(PLACE_PK, MEMBERS_ONLY, MEMBERS_POST),
    # Decisions
    "decisions/place/<int:place_pk>/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "decisions/place/<int:place_pk>/new/": Row(PLACE_PK, MEMBERS_ONLY, MEMBERS_POST),
    # Exports: GET shows the page that asks to prepare it, POST starts the job.
    "decisions/place/<int:place_pk>/decisions.csv": Row(PLACE_PK, MEMBERS_ONLY, MEMBERS_POST),
    # Old addresses: a permanent redirect to the place's (which checks access); GET only.
    "decisions/project/<int:project_pk>/": Row(PROJECT_PK, "302 302 302 302 302", POST_ONLY),
    "decisions/project/<int:project_pk>/new/": Row(PROJECT_PK, "302 302 302 302 302", POST_ONLY),
    "decisions/project/<int:project_pk>/decisions.csv": Row(
        PROJECT_PK, "302 302 302 302 302", POST_ONLY
    ),
    "decisions/collective/<slug:slug>/": Row(COLLECTIVE, "302 302 302 302 302", POST_ONLY),
    "decisions/collective/<slug:slug>/new/": Row(COLLECTIVE, "302 302 302 302 302", POST_ONLY),
    "decisions/collective/<slug:slug>/decisions.csv": Row(
        COLLECTIVE, "302 302 302 302 302", POST_ONLY
    ),
    "decisions/<int:pk>/": Row(DECISION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "decisions/<int:pk>/respond/": Row(DECISION, MEMBERS_ONLY, MEMBERS_POST),
    "decisions/<int:pk>/talk/": Row(DECISION, MEMBERS_ONLY, MEMBERS_POST),
    "decisions/<int:pk>/outcome/": Row(DECISION, MEMBERS_ONLY, "login 404 400 400 404"),
    "decisions/<int:pk>/close/": Row(DECISION, MEMBERS_ONLY, MEMBERS_POST),
    "decisions/<int:pk>/calendar.ics": Row(SETTLED_TIME_POLL, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    # Conversations (deliberation): members, and visitors who joined by the link
    "conversations/place/<int:place_pk>/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "conversations/place/<int:place_pk>/new/": Row(PLACE_PK, MEMBERS_ONLY, MEMBERS_POST),
    # Old addresses: a permanent redirect to the place's (which checks access); GET only.
    "conversations/project/<int:project_pk>/": Row(PROJECT_PK, "302 302 302 302 302", POST_ONLY),
    "conversations/project/<int:project_pk>/new/": Row(
        PROJECT_PK, "302 302 302 302 302", POST_ONLY
    ),
    "conversations/collective/<slug:slug>/": Row(COLLECTIVE, "302 302 302 302 302", POST_ONLY),
    "conversations/collective/<slug:slug>/new/": Row(COLLECTIVE, "302 302 302 302 302", POST_ONLY),
    "conversations/join/<str:token>/": Row(
        CONVERSATION_LINK, "200 200 302 302 200", "200 200 302 302 200"
    ),
    "conversations/<int:pk>/": Row(CONVERSATION, "404 404 200 200 404", GET_ONLY),
    "conversations/<int:pk>/react/": Row(CONVERSATION, POST_ONLY, "404 404 400 400 404"),
    "conversations/<int:pk>/add/": Row(CONVERSATION, "404 404 200 200 404", "404 404 200 200 404"),
    "conversations/<int:pk>/report/": Row(CONVERSATION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "conversations/<int:pk>/moderate/": Row(CONVERSATION, MEMBERS_ONLY, "login 404 200 200 404"),
    "conversations/<int:pk>/import/": Row(CONVERSATION, MEMBERS_ONLY, "login 404 200 200 404"),
    "conversations/<int:pk>/votes.csv": Row(CONVERSATION, MEMBERS_ONLY, MEMBERS_POST),
    "conversations/<int:pk>/comments.csv": Row(CONVERSATION, MEMBERS_ONLY, MEMBERS_POST),
    "conversations/<int:pk>/draft/": Row(CONVERSATION, MEMBERS_ONLY, "login 404 200 200 404"),
    "conversations/<int:pk>/draft/decide/": Row(
        CONVERSATION, SIGNED_IN_405, "login 404 400 400 404"
    ),
    # Check-ins and the evidence view: at a place; the old project and collective
    # addresses send everyone on (301) to the place's, which decides who gets in.
    "checkins/place/<int:place_pk>/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "checkins/place/<int:place_pk>/new/": Row(PLACE_PK, MEMBERS_ONLY, "login 404 400 400 404"),
    "checkins/place/<int:place_pk>/evidence/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "checkins/project/<int:project_pk>/": Row(PROJECT_PK, "302 302 302 302 302", GET_ONLY),
    "checkins/project/<int:project_pk>/new/": Row(PROJECT_PK, "302 302 302 302 302", GET_ONLY),
    "checkins/project/<int:project_pk>/evidence/": Row(
        PROJECT_PK, "302 302 302 302 302", GET_ONLY
    ),
    "checkins/collective/<slug:slug>/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "checkins/collective/<slug:slug>/new/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "checkins/collective/<slug:slug>/questions/": Row(
        COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "checkins/collective/<slug:slug>/questions/<int:set_pk>/add/": Row(
        QUESTION_SET, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "checkins/<int:pk>/": Row(CHECKIN, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "checkins/<int:pk>/answer/": Row(CHECKIN, MEMBERS_ONLY, "login 404 400 400 404"),
    "checkins/<int:pk>/actions/": Row(CHECKIN, SIGNED_IN_405, "login 404 400 400 404"),
    # The resource map: members see it and suggest; the coordinator answers suggestions
    "resources/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "resources/<slug:slug>/list/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "resources/<slug:slug>/suggest/": Row(COLLECTIVE, MEMBERS_ONLY, "login 404 200 200 404"),
    "resources/<slug:slug>/suggestions/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "resources/<slug:slug>/starter-set/": Row(COLLECTIVE, MEMBERS_ONLY, COORDINATOR_POST),
    "resources/<slug:slug>/<int:pk>/": Row(RESOURCE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "resources/<slug:slug>/<int:pk>/file/": Row(
        RESOURCE, "login 404 404 404 404", SIGNED_IN_GET_ONLY
    ),
    "resources/<slug:slug>/<int:pk>/accept/": Row(RESOURCE, SIGNED_IN_405, COORDINATOR_POST),
    "resources/<slug:slug>/<int:pk>/decline/": Row(
        RESOURCE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    # Invitations: the join page by token, and one's own invitations from the home page
    "invitations/<str:token>/": Row(PROJECT_TOKEN, "200 200 200 200 403", GET_ONLY),
    "invitations/<str:token>/accept/": Row(PROJECT_TOKEN, POST_ONLY, "login ok 302 302 403"),
    "invitations/<str:token>/decline/": Row(PROJECT_TOKEN, POST_ONLY, "login ok 403 403 403"),
    "invitations/yours/<int:pk>/": Row(
        YOUR_INVITATION, "login 200 404 404 404", "login 405 405 405 405"
    ),
    "invitations/yours/<int:pk>/accept/": Row(
        YOUR_INVITATION, SIGNED_IN_405, "login ok 404 404 404"
    ),
    "invitations/yours/<int:pk>/decline/": Row(
        YOUR_INVITATION, SIGNED_IN_405, "login ok 404 404 404"
    ),
    # Notifications: one's own notices and email settings; unsubscribing by signed link
    "notifications/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "notifications/settings/": Row(NONE, SIGNED_IN, "login 200 200 200 200"),
    "notifications/unsubscribe/<str:token>/": Row(UNSUBSCRIBE, PUBLIC, "ok ok ok ok ok"),
    # Payments. The member is the claimant (their claim waits for approval); the
    # coordinator approves and is the policy's finance officer. Receipts by role
    # (claimant, approver, finance, other member, outsider): payments/tests/test_claims.py.
    "payments/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "payments/yearly-amount/": Row(NONE, SIGNED_IN, SIGNED_IN_POST),
    # The recognition letter is made in the background: the POST starts it (jobs).
    "payments/recognition.pdf": Row(NONE, "login 302 302 302 302", SIGNED_IN_POST),
    "payments/claims/<int:pk>/": Row(CLAIM, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "payments/claims/<int:pk>/expenses/": Row(CLAIM, NOBODY, NOBODY),
    "payments/claims/<int:pk>/expenses/<int:expense_pk>/remove/": Row(
        EXPENSE, MEMBERS_ONLY, "login 404 302 302 404"
    ),
    "payments/claims/<int:pk>/expenses/<int:expense_pk>/receipt/": Row(
        EXPENSE, NOBODY, SIGNED_IN_GET_ONLY
    ),
    "payments/claims/<int:pk>/choice/": Row(CLAIM, SIGNED_IN_405, MEMBERS_ONLY),
    "payments/claims/<int:pk>/send/": Row(CLAIM, NOBODY, NOBODY),
    "payments/claims/<int:pk>/throw-away/": Row(
        CLAIM, "login 404 200 200 404", "login 404 302 302 404"
    ),
    "payments/claims/<int:pk>/approve/": Row(CLAIM, SIGNED_IN_405, "login 404 302 ok 404"),
    "payments/claims/<int:pk>/query/": Row(CLAIM, SIGNED_IN_405, MEMBERS_ONLY),
    "payments/claims/<int:pk>/reject/": Row(CLAIM, SIGNED_IN_405, MEMBERS_ONLY),
    "payments/claims/<int:pk>/answer/": Row(CLAIM, SIGNED_IN_405, MEMBERS_ONLY),
    "payments/batches/<int:pk>/": Row(BATCH, COORDINATOR_ONLY, COORDINATOR_ONLY),
    "payments/batches/<int:pk>/batch.csv": Row(BATCH, COORDINATOR_ONLY, SIGNED_IN_405),
    "payments/batches/<int:pk>/batch.xlsx": Row(BATCH, COORDINATOR_ONLY, SIGNED_IN_405),
    "payments/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "payments/<slug:slug>/policy/": Row(COLLECTIVE, COORDINATOR_ONLY, COORDINATOR_ONLY),
    "payments/<slug:slug>/policy/rates/": Row(COLLECTIVE, COORDINATOR_ONLY, COORDINATOR_ONLY),
    "payments/<slug:slug>/policy/expense-categories/": Row(
        COLLECTIVE, COORDINATOR_ONLY, COORDINATOR_ONLY
    ),
    "payments/<slug:slug>/claim/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_ONLY),
    "payments/<slug:slug>/approvals/": Row(COLLECTIVE, COORDINATOR_ONLY, SIGNED_IN_405),
    "payments/<slug:slug>/finance/": Row(COLLECTIVE, COORDINATOR_ONLY, "login 405 405 405 405"),
    "payments/<slug:slug>/finance/batch/": Row(
        COLLECTIVE, COORDINATOR_ONLY, "login 404 404 302 404"
    ),
    "payments/<slug:slug>/days-to-pay/": Row(COLLECTIVE, COORDINATOR_ONLY, SIGNED_IN_405),
    # learning: the coordinator facilitates the course (a job for the course, so other
    # members get 403 on its running); the member is enrolled and in the circle.
    "learning/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "learning/<slug:slug>/new/": Row(COLLECTIVE, MEMBERS_ONLY, "login 404 200 200 404"),
    "learning/<slug:slug>/<int:pk>/": Row(COURSE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "learning/<slug:slug>/<int:pk>/edit/": Row(
        COURSE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/enrol/": Row(COURSE, SIGNED_IN_405, MEMBERS_POST),
    "learning/<slug:slug>/<int:pk>/certificate.pdf": Row(
        COURSE, "login 404 200 404 404", SIGNED_IN_405
    ),
    "learning/<slug:slug>/<int:pk>/progress/": Row(COURSE, "login 404 403 200 404", SIGNED_IN_405),
    "learning/<slug:slug>/<int:pk>/modules/new/": Row(
        COURSE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/modules/<int:module_pk>/edit/": Row(
        COURSE_MODULE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/modules/<int:module_pk>/pages/new/": Row(
        COURSE_MODULE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/modules/<int:module_pk>/reflection/": Row(
        COURSE_MODULE, "login 404 200 403 404", "login 404 200 403 404"
    ),
    "learning/<slug:slug>/<int:pk>/pages/<int:page_pk>/": Row(
        COURSE_PAGE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "learning/<slug:slug>/<int:pk>/pages/<int:page_pk>/edit/": Row(
        COURSE_PAGE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/pages/<int:page_pk>/done/": Row(
        COURSE_PAGE, SIGNED_IN_405, "login 404 ok 403 404"
    ),
    "learning/<slug:slug>/<int:pk>/circles/new/": Row(
        COURSE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/circles/<int:circle_pk>/": Row(
        CIRCLE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "learning/<slug:slug>/<int:pk>/circles/<int:circle_pk>/join/": Row(
        CIRCLE, SIGNED_IN_405, "login 404 ok 403 404"
    ),
    "learning/<slug:slug>/<int:pk>/circles/<int:circle_pk>/sessions/new/": Row(
        CIRCLE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/circles/<int:circle_pk>/sessions/<int:session_pk>/reflect/": (
        Row(CIRCLE_SESSION, "login 404 200 404 404", "login 404 200 404 404")
    ),
    "learning/<slug:slug>/<int:pk>/circles/<int:circle_pk>/sessions/<int:session_pk>/themes/": (
        Row(CIRCLE_SESSION, "login 404 403 200 404", "login 404 403 200 404")
    ),
    # reviews (the issue's roles in full, the researcher's included: reviews/tests/test_access.py)
    "reviews/mine/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "reviews/requests/<int:pk>/": Row(REVIEW, GROUP_ONLY, SIGNED_IN_GET_ONLY),
    "reviews/requests/<int:pk>/documents/<int:document_pk>/": Row(
        REVIEW_DOCUMENT, GROUP_ONLY, SIGNED_IN_GET_ONLY
    ),
    "reviews/requests/<int:pk>/withdraw/": Row(REVIEW, NOBODY, NOBODY),
    "reviews/requests/<int:pk>/report-back/": Row(REVIEW, NOBODY, NOBODY),
    "reviews/requests/<int:pk>/sign-up/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/step-back/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/review/": Row(REVIEW, "login 404 302 404 404", GROUP_POST),
    "reviews/requests/<int:pk>/lead/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/response/": Row(REVIEW, GROUP_ONLY, GROUP_POST),
    "reviews/requests/<int:pk>/response/comment/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/response/agree/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/response/send/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/requests/<int:pk>/impact/": Row(REVIEW, SIGNED_IN_405, GROUP_POST),
    "reviews/place/<int:place_pk>/": Row(REVIEW_GROUP_PLACE, GROUP_ONLY, SIGNED_IN_GET_ONLY),
    "reviews/place/<int:place_pk>/set-up/": Row(
        COLLECTIVE_PLACE, "login 404 403 200 404", COORDINATOR_POST
    ),
    "reviews/place/<int:place_pk>/leave/": Row(REVIEW_GROUP_PLACE, GROUP_ONLY, GROUP_POST),
    # Old addresses: a permanent redirect for anyone; the new page decides who sees it.
    "reviews/<slug:slug>/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "reviews/<slug:slug>/set-up/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "reviews/<slug:slug>/ask/": Row(COLLECTIVE, SIGNED_IN, "login 200 200 200 200"),
    # documents: members and people who joined by the link take part; the member holds the
    # pen (answers amendments, publishes, opens the adoption), the coordinator does not.
    "documents/place/<int:place_pk>/": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "documents/place/<int:place_pk>/new/": Row(
        DOCUMENTS_PLACE, MEMBERS_ONLY, "login 404 200 200 404"
    ),
    # The addresses before places: a permanent redirect for everyone (the place's page
    # then checks who it is), and nothing to POST to.
    "documents/project/<int:project_pk>/": Row(PROJECT_PK, "302 302 302 302 302", GET_ONLY),
    "documents/project/<int:project_pk>/new/": Row(PROJECT_PK, "302 302 302 302 302", GET_ONLY),
    "documents/collective/<slug:slug>/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "documents/collective/<slug:slug>/new/": Row(COLLECTIVE, "302 302 302 302 302", GET_ONLY),
    "documents/join/<str:token>/": Row(
        DOCUMENT_LINK, "login 200 302 302 200", "login ok 302 302 ok"
    ),
    "documents/<int:pk>/": Row(DOCUMENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "documents/<int:pk>/paragraphs/<int:paragraph_pk>/": Row(
        DOCUMENT_PARAGRAPH, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "documents/<int:pk>/paragraphs/<int:paragraph_pk>/comment/": Row(
        DOCUMENT_PARAGRAPH, SIGNED_IN_405, "login 404 400 400 404"
    ),
    "documents/<int:pk>/paragraphs/<int:paragraph_pk>/amend/": Row(
        DOCUMENT_PARAGRAPH, SIGNED_IN_405, "login 404 400 400 404"
    ),
    "documents/<int:pk>/comments/<int:comment_pk>/support/": Row(
        DOCUMENT_COMMENT, SIGNED_IN_405, "login 404 302 302 404"
    ),
    "documents/<int:pk>/comments/<int:comment_pk>/report/": Row(
        DOCUMENT_COMMENT, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "documents/<int:pk>/moderate/": Row(DOCUMENT, MEMBERS_ONLY, "login 404 400 400 404"),
    "documents/<int:pk>/amendments/<int:amendment_pk>/": Row(
        DOCUMENT_AMENDMENT, MEMBERS_ONLY, "login 404 400 403 404"
    ),
    "documents/<int:pk>/answers/": Row(DOCUMENT, MEMBERS_ONLY, "login 404 400 400 404"),
    "documents/<int:pk>/pen/": Row(DOCUMENT, SIGNED_IN_405, "login 404 302 302 404"),
    "documents/<int:pk>/publish/": Row(DOCUMENT, "login 404 200 403 404", "login 404 400 403 404"),
    "documents/<int:pk>/versions/": Row(DOCUMENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "documents/<int:pk>/compare/": Row(DOCUMENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "documents/<int:pk>/adopt/": Row(DOCUMENT, "login 404 200 403 404", "login 404 400 403 404"),
    "documents/<int:pk>/export.html": Row(DOCUMENT, MEMBERS_ONLY, MEMBERS_POST),
    "documents/<int:pk>/export.pdf": Row(DOCUMENT, MEMBERS_ONLY, MEMBERS_POST),
    "documents/<int:pk>/export.csv": Row(DOCUMENT, MEMBERS_ONLY, MEMBERS_POST),
    # Events: the member organises the project's meeting and has a place; the coordinator
    # runs every event's logistics; planning needs ?place= (or the old ?collective= or
    # ?project=; 404 without). A place's list is for its members only.
    "events/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "events/new/": Row(NONE, "login 404 404 404 404", "login 404 404 404 404"),
    "events/place/<int:place_pk>/": Row(GROUP_EVENTS, GROUP_ONLY, SIGNED_IN_GET_ONLY),
    "events/calendar/": Row(NONE, SIGNED_IN, SIGNED_IN_GET_ONLY),
    "events/calendar/reset/": Row(NONE, SIGNED_IN_405, SIGNED_IN_POST),
    "events/calendar/<str:token>.ics": Row(FEED, PUBLIC, GET_ONLY),
    "events/from-decision/<int:pk>/": Row(
        SETTLED_TIME_POLL, MEMBERS_ONLY, "login 404 200 200 404"
    ),
    "events/<int:pk>/": Row(EVENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "events/<int:pk>/edit/": Row(EVENT, MEMBERS_ONLY, "login 404 200 200 404"),
    "events/<int:pk>/cancel/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/register/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/leave/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/calendar.ics": Row(EVENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "events/<int:pk>/people/": Row(EVENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "events/<int:pk>/agenda/": Row(EVENT, MEMBERS_ONLY, "login 404 200 200 404"),
    "events/<int:pk>/agenda/arrange/": Row(EVENT, MEMBERS_ONLY, "login 404 200 200 404"),
    "events/<int:pk>/agenda/<int:item_pk>/support/": Row(AGENDA_ITEM, SIGNED_IN_405, MEMBERS_POST),
    "events/<int:pk>/attendance/": Row(EVENT, MEMBERS_ONLY, "login 404 200 200 404"),
    "events/<int:pk>/attendance/i-came/": Row(EVENT, SIGNED_IN_405, "login 404 302 404 404"),
    "events/<int:pk>/notes/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/feedback/": Row(EVENT, "login 404 200 404 404", "login 404 200 404 404"),
    "events/e/<str:code>/": Row(PUBLIC_EVENT, PUBLIC, "200 ok ok ok ok"),
    "events/e/<str:code>/calendar.ics": Row(PUBLIC_EVENT, PUBLIC, GET_ONLY),
    "events/guest/<str:token>/": Row(GUEST, PUBLIC, GET_ONLY),
    "events/guest/<str:token>/cancel/": Row(GUEST, PUBLIC, "ok ok ok ok ok"),
    "events/guest/<str:token>/calendar.ics": Row(GUEST, PUBLIC, GET_ONLY),
    # priorities: public pages by the survey link (the survey is open, the interim
    # survey not yet); team pages for the collective's members. An empty form is sent
    # back with its errors (200, or 400 on the list pages that hold a form).
    "priorities/take-part/<str:token>/": Row(PRIORITY_TOKEN, PUBLIC, GET_ONLY),
    "priorities/take-part/<str:token>/survey/": Row(PRIORITY_TOKEN, PUBLIC, PUBLIC),
    "priorities/take-part/<str:token>/interim/": Row(PRIORITY_TOKEN, PUBLIC, PUBLIC),
    "priorities/take-part/<str:token>/thanks/": Row(PRIORITY_TOKEN, PUBLIC, GET_ONLY),
    "priorities/in/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/in/<slug:slug>/new/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_ONLY),
    "priorities/in/<slug:slug>/ideas/": Row(COLLECTIVE, MEMBERS_ONLY, MEMBERS_ONLY),
    "priorities/<int:pk>/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/edit/": Row(PARTNERSHIP, MEMBERS_ONLY, MEMBERS_ONLY),
    "priorities/<int:pk>/stage/": Row(PARTNERSHIP, SIGNED_IN_405, MEMBERS_ONLY),
    # An empty form is refused with its problem named (400).
    "priorities/<int:pk>/steering/": Row(PARTNERSHIP, SIGNED_IN_405, "login 404 400 400 404"),
    "priorities/<int:pk>/steering/<int:member_pk>/remove/": Row(
        STEERING_MEMBER, MEMBERS_ONLY, MEMBERS_POST
    ),
    "priorities/<int:pk>/submissions/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/submissions/group/": Row(
        PARTNERSHIP, SIGNED_IN_405, "login 404 400 400 404"
    ),
    "priorities/<int:pk>/submissions/<int:question_pk>/ungroup/": Row(
        SUBMITTED_QUESTION, SIGNED_IN_405, MEMBERS_POST
    ),
    "priorities/<int:pk>/submissions/<int:question_pk>/set-aside/": Row(
        SUBMITTED_QUESTION, MEMBERS_ONLY, MEMBERS_ONLY
    ),
    "priorities/<int:pk>/submissions/<int:question_pk>/restore/": Row(
        SUBMITTED_QUESTION, SIGNED_IN_405, MEMBERS_POST
    ),
    "priorities/<int:pk>/suggestions/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/suggestions/find/": Row(PARTNERSHIP, SIGNED_IN_405, MEMBERS_POST),
    "priorities/<int:pk>/suggestions/<int:pair_pk>/": Row(
        SIMILAR_PAIR, SIGNED_IN_405, MEMBERS_POST
    ),
    "priorities/<int:pk>/long-list/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/long-list/<int:summary_pk>/": Row(
        SUMMARY_QUESTION, MEMBERS_ONLY, MEMBERS_ONLY
    ),
    "priorities/<int:pk>/interim-results/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/shortlist/": Row(PARTNERSHIP, SIGNED_IN_405, MEMBERS_POST),
    "priorities/<int:pk>/workshop/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/<int:pk>/workshop/groups/": Row(
        PARTNERSHIP, SIGNED_IN_405, "login 404 400 400 404"
    ),
    "priorities/<int:pk>/workshop/groups/<int:group_pk>/": Row(
        WORKSHOP_GROUP, MEMBERS_ONLY, MEMBERS_ONLY
    ),
    "priorities/<int:pk>/workshop/publish/": Row(
        PARTNERSHIP, "login 404 302 302 404", MEMBERS_POST
    ),
    "priorities/<int:pk>/report/": Row(PARTNERSHIP, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "priorities/ideas/<int:pk>/": Row(IDEA, MEMBERS_ONLY, MEMBERS_ONLY),
    "priorities/ideas/<int:pk>/co-own/": Row(IDEA, SIGNED_IN_405, MEMBERS_POST),
    "priorities/ideas/<int:pk>/project/": Row(IDEA, SIGNED_IN_405, MEMBERS_POST),
    # stories: the public pages are anyone's, with no log-in (an empty get-involved form
    # is sent back with its errors); the desk is members'; publishing, moderating, the
    # get-involved queue and the public page's settings are the coordinator's (and the
    # editors the page names). Empty forms come back with their errors (400).
    "c/<slug:slug>/": Row(COLLECTIVE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/about-co-production/": Row(COLLECTIVE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/stories/": Row(COLLECTIVE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/stories/feed/": Row(COLLECTIVE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/stories/topics/<slug:tag_slug>/": Row(
        lambda s: {"slug": s.collective.slug, "tag_slug": "matrix"}, PUBLIC, GET_ONLY
    ),
    "c/<slug:slug>/stories/<slug:story_slug>/": Row(STORY, PUBLIC, GET_ONLY),
    "c/<slug:slug>/stories/<slug:story_slug>/comment/": Row(
        STORY, SIGNED_IN_405, "login 400 400 400 400"
    ),
    "c/<slug:slug>/stories/<slug:story_slug>/comments/<int:comment_pk>/report/": Row(
        STORY_COMMENT, SIGNED_IN, "login 400 400 400 400"
    ),
    "c/<slug:slug>/pictures/<int:pk>/": Row(STORY_PICTURE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/get-involved/": Row(COLLECTIVE, PUBLIC, "400 400 400 400 400"),
    "c/<slug:slug>/get-involved/thank-you/": Row(COLLECTIVE, PUBLIC, GET_ONLY),
    "c/<slug:slug>/desk/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "c/<slug:slug>/desk/new/": Row(COLLECTIVE, MEMBERS_ONLY, "login 404 400 400 404"),
    "c/<slug:slug>/desk/<int:pk>/": Row(DESK_STORY, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "c/<slug:slug>/desk/<int:pk>/edit/": Row(DESK_STORY, MEMBERS_ONLY, "login 404 400 400 404"),
    "c/<slug:slug>/desk/<int:pk>/pictures/": Row(
        DESK_STORY, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "c/<slug:slug>/desk/<int:pk>/pictures/<int:image_pk>/remove/": Row(
        DESK_PICTURE, MEMBERS_ONLY, MEMBERS_POST
    ),
    "c/<slug:slug>/desk/<int:pk>/ready/": Row(DESK_STORY, SIGNED_IN_405, MEMBERS_POST),
    # The scenario's story is published, so deleting it is refused (and writes nothing).
    "c/<slug:slug>/desk/<int:pk>/delete/": Row(DESK_STORY, MEMBERS_ONLY, MEMBERS_POST),
    "c/<slug:slug>/desk/<int:pk>/publish/": Row(
        DESK_STORY, COORDINATOR_ONLY, "login 404 404 400 404"
    ),
    "c/<slug:slug>/desk/<int:pk>/take-down/": Row(
        DESK_STORY, COORDINATOR_ONLY, "login 404 404 400 404"
    ),
    "c/<slug:slug>/desk/comments/": Row(COLLECTIVE, COORDINATOR_ONLY, SIGNED_IN_GET_ONLY),
    "c/<slug:slug>/desk/comments/<int:comment_pk>/": Row(
        DESK_COMMENT, COORDINATOR_ONLY, "login 404 404 400 404"
    ),
    "c/<slug:slug>/desk/get-involved/": Row(COLLECTIVE, COORDINATOR_ONLY, SIGNED_IN_GET_ONLY),
    "c/<slug:slug>/desk/get-involved/<int:pk>/": Row(
        INTEREST, COORDINATOR_ONLY, "login 404 404 400 404"
    ),
    "c/<slug:slug>/desk/get-involved/<int:pk>/delete/": Row(
        INTEREST, COORDINATOR_ONLY, "login 404 404 ok 404"
    ),
    "c/<slug:slug>/desk/public-page/": Row(COLLECTIVE, COORDINATOR_ONLY, "login 404 404 ok 404"),
    # reports
    "reports/project/<int:pk>/": Row(PROJECT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "reports/project/<int:pk>/new/": Row(PROJECT, SIGNED_IN_405, MEMBERS_POST),
    "reports/collective/<slug:slug>/": Row(COLLECTIVE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "reports/collective/<slug:slug>/new/": Row(COLLECTIVE, SIGNED_IN_405, "login 404 400 400 404"),
    "reports/<int:pk>/": Row(REPORT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "reports/<int:pk>/regenerate/": Row(REPORT, SIGNED_IN_405, MEMBERS_POST),
    "reports/<int:pk>/sections/<slug:section>/": Row(
        REPORT_SECTION, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "reports/<int:pk>/versions/": Row(REPORT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "reports/<int:pk>/versions/<int:number>/": Row(
        REPORT_VERSION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "reports/<int:pk>/sign-off/": Row(REPORT, MEMBERS_ONLY, "login 404 400 400 404"),
    "reports/<int:pk>/publish/": Row(REPORT, "login 404 403 200 404", COORDINATOR_POST),
    "reports/<int:pk>/unpublish/": Row(REPORT, "login 404 403 200 404", COORDINATOR_POST),
    "reports/<int:pk>/report.html": Row(REPORT, MEMBERS_ONLY, MEMBERS_POST),
    "reports/<int:pk>/report.pdf": Row(REPORT, "login 404 302 302 404", MEMBERS_POST),
    "reports/<int:pk>/report.doc": Row(REPORT, MEMBERS_ONLY, MEMBERS_POST),
    "reports/public/<int:pk>/": Row(PUBLISHED_REPORT, PUBLIC, GET_ONLY),
    "health/": Row(NONE, PUBLIC, GET_ONLY),  # bench
    # Decisions: the paged lists of who has responded, who has not yet, and the reasons
    "decisions/<int:pk>/people/": Row(DECISION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "decisions/<int:pk>/people/waiting/": Row(DECISION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "decisions/<int:pk>/reasons/": Row(DECISION, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    # outputs: every member of the place records and credits; everyone else gets a 404
    "outputs/place/<int:place_pk>/": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "outputs/place/<int:place_pk>/new/": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, MEMBERS_POST),
    # Exports: GET shows the page that asks to prepare it, POST starts the job.
    "outputs/place/<int:place_pk>/outputs.json": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, MEMBERS_POST),
    "outputs/place/<int:place_pk>/outputs.bib": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, MEMBERS_POST),
    "outputs/orcid/": Row(NONE, SIGNED_IN, SIGNED_IN_POST),
    "outputs/<int:pk>/": Row(OUTPUT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "outputs/<int:pk>/edit/": Row(OUTPUT, MEMBERS_ONLY, MEMBERS_POST),
    "outputs/<int:pk>/delete/": Row(OUTPUT, MEMBERS_ONLY, MEMBERS_POST),
    "outputs/<int:pk>/history/": Row(OUTPUT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "outputs/<int:pk>/output.json": Row(OUTPUT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "outputs/<int:pk>/output.bib": Row(OUTPUT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "outputs/<int:pk>/contributors/new/": Row(OUTPUT, MEMBERS_ONLY, MEMBERS_POST),
    "outputs/<int:pk>/contributors/<int:contributor_pk>/": Row(
        OUTPUT_CONTRIBUTOR, MEMBERS_ONLY, MEMBERS_POST
    ),
    "outputs/<int:pk>/contributors/<int:contributor_pk>/move/": Row(
        OUTPUT_CONTRIBUTOR, SIGNED_IN_405, MEMBERS_POST
    ),
    "outputs/<int:pk>/contributors/<int:contributor_pk>/remove/": Row(
        OUTPUT_CONTRIBUTOR, MEMBERS_ONLY, MEMBERS_POST
    ),
    # meetings (events): the organisers (the member, and the coordinator who runs the
    # logistics) add files, walk-ins and minutes; people with a place read and comment.
    "events/<int:pk>/materials/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/materials/<int:material_pk>/": Row(
        MATERIAL, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "events/<int:pk>/materials/<int:material_pk>/remove/": Row(
        MATERIAL, MEMBERS_ONLY, MEMBERS_POST
    ),
    "events/<int:pk>/walk-ins/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/walk-ins/<int:walk_in_pk>/remove/": Row(WALK_IN, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/minutes/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/minutes/write/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/minutes/agree/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    "events/<int:pk>/breakouts/": Row(EVENT, MEMBERS_ONLY, MEMBERS_POST),
    # tasks: any member of the place adds, takes on, does, drops and deletes its tasks
    "tasks/place/<int:place_pk>/": Row(
        lambda s: {"place_pk": s.project.place.pk}, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "tasks/place/<int:place_pk>/new/": Row(
        # An empty form is refused with its problems named (400).
        lambda s: {"place_pk": s.project.place.pk},
        MEMBERS_ONLY,
        "login 404 400 400 404",
    ),
    "tasks/place/<int:place_pk>/<int:pk>/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        MEMBERS_ONLY,
        SIGNED_IN_GET_ONLY,
    ),
    "tasks/place/<int:place_pk>/<int:pk>/edit/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        MEMBERS_ONLY,
        "login 404 400 400 404",
    ),
    "tasks/place/<int:place_pk>/<int:pk>/take/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        SIGNED_IN_405,
        MEMBERS_POST,
    ),
    "tasks/place/<int:place_pk>/<int:pk>/done/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        MEMBERS_ONLY,
        MEMBERS_POST,
    ),
    "tasks/place/<int:place_pk>/<int:pk>/drop/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        MEMBERS_ONLY,
        "login 404 200 200 404",
    ),
    "tasks/place/<int:place_pk>/<int:pk>/reopen/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        SIGNED_IN_405,
        MEMBERS_POST,
    ),
    "tasks/place/<int:place_pk>/<int:pk>/delete/": Row(
        lambda s: {"place_pk": s.project.place.pk, "pk": s.tasks["task"].pk},
        MEMBERS_ONLY,
        MEMBERS_POST,
    ),
    # threads: any member of the place does everything (power is shared); only the
    # author (the member) changes or removes a post; an empty form is refused with 400.
    "threads/place/<int:place_pk>/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "threads/place/<int:place_pk>/new/": Row(PLACE_PK, MEMBERS_ONLY, "login 404 400 400 404"),
    "threads/place/<int:place_pk>/update/": Row(PLACE_PK, MEMBERS_ONLY, "login 404 400 400 404"),
    "threads/place/<int:place_pk>/<int:pk>/": Row(THREAD, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "threads/place/<int:place_pk>/<int:pk>/reply/": Row(
        THREAD, SIGNED_IN_405, "login 404 400 400 404"
    ),
    "threads/place/<int:place_pk>/<int:pk>/read/": Row(THREAD, SIGNED_IN_405, MEMBERS_POST),
    "threads/place/<int:place_pk>/<int:pk>/pin/": Row(THREAD, SIGNED_IN_405, MEMBERS_POST),
    "threads/place/<int:place_pk>/<int:pk>/close/": Row(
        THREAD, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "threads/place/<int:place_pk>/<int:pk>/decision/": Row(THREAD, SIGNED_IN_405, MEMBERS_POST),
    "threads/place/<int:place_pk>/<int:pk>/document/": Row(THREAD, SIGNED_IN_405, MEMBERS_POST),
    "threads/place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/edit/": Row(
        THREAD_POST, "login 404 200 403 404", "login 404 400 403 404"
    ),
    "threads/place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/remove/": Row(
        THREAD_POST, "login 404 200 403 404", "login 404 ok 403 404"
    ),
    "threads/place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/history/": Row(
        THREAD_POST, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "threads/place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/react/": Row(
        THREAD_POST, SIGNED_IN_405, "login 404 302 302 404"
    ),
    # opportunities: the board, its feeds, a live opportunity's page and the express-
    # interest form are anyone's (an empty form comes back with its errors); a place's
    # opportunities are its members'; checking is the collective coordinator's; who
    # expressed interest is the organisers' (the writer and the coordinators).
    "opportunities/": Row(NONE, PUBLIC, GET_ONLY),
    "opportunities/feed.atom": Row(NONE, PUBLIC, GET_ONLY),
    "opportunities/feed.txt": Row(NONE, PUBLIC, GET_ONLY),
    "opportunities/<int:pk>/": Row(lambda s: {"pk": s.opportunities["live"].pk}, PUBLIC, GET_ONLY),
    "opportunities/<int:pk>/interest/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, PUBLIC, "400 400 400 400 400"
    ),
    "opportunities/<int:pk>/interest/sent/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, PUBLIC, GET_ONLY
    ),
    "opportunities/choices/": Row(NONE, SIGNED_IN, "login 400 400 400 400"),
    "opportunities/place/<int:place_pk>/": Row(
        lambda s: {"place_pk": s.project.place.pk}, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "opportunities/place/<int:place_pk>/new/": Row(
        lambda s: {"place_pk": s.project.place.pk}, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "opportunities/place/<int:place_pk>/checks/": Row(
        lambda s: {"place_pk": s.opportunities["collective_place"].pk},
        "login 404 403 200 404",
        SIGNED_IN_GET_ONLY,
    ),
    "opportunities/<int:pk>/manage/": Row(
        lambda s: {"pk": s.opportunities["draft"].pk}, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "opportunities/<int:pk>/edit/": Row(
        lambda s: {"pk": s.opportunities["draft"].pk}, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    "opportunities/<int:pk>/submit/": Row(
        lambda s: {"pk": s.opportunities["draft"].pk}, SIGNED_IN_405, MEMBERS_POST
    ),
    "opportunities/<int:pk>/check/": Row(
        lambda s: {"pk": s.opportunities["submitted"].pk},
        "login 404 403 200 404",
        "login 404 403 400 404",
    ),
    "opportunities/<int:pk>/publish/": Row(
        lambda s: {"pk": s.opportunities["submitted"].pk},
        "login 404 403 200 404",
        COORDINATOR_POST,
    ),
    "opportunities/<int:pk>/close/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, MEMBERS_ONLY, MEMBERS_POST
    ),
    "opportunities/<int:pk>/interests/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "opportunities/<int:pk>/selection/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, MEMBERS_ONLY, "login 404 400 400 404"
    ),
    # partners: the collective's members only; every member may add, change and delete
    "partners/place/<int:place_pk>/": Row(PARTNERS_PLACE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "partners/place/<int:place_pk>/new/": Row(PARTNERS_PLACE, MEMBERS_ONLY, MEMBERS_POST),
    # a project's page of the partners linked to its work
    "partners/place/<int:place_pk>/linked/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "partners/place/<int:place_pk>/<int:pk>/": Row(PARTNER, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "partners/place/<int:place_pk>/<int:pk>/edit/": Row(PARTNER, MEMBERS_ONLY, MEMBERS_POST),
    "partners/place/<int:place_pk>/<int:pk>/delete/": Row(PARTNER, MEMBERS_ONLY, MEMBERS_POST),
    "partners/place/<int:place_pk>/<int:pk>/contacts/new/": Row(
        PARTNER, MEMBERS_ONLY, MEMBERS_POST
    ),
    "partners/place/<int:place_pk>/<int:pk>/contacts/<int:contact_pk>/edit/": Row(
        PARTNER_CONTACT, MEMBERS_ONLY, MEMBERS_POST
    ),
    "partners/place/<int:place_pk>/<int:pk>/contacts/<int:contact_pk>/remove/": Row(
        PARTNER_CONTACT, MEMBERS_ONLY, MEMBERS_POST
    ),
    "partners/place/<int:place_pk>/<int:pk>/work/new/": Row(PARTNER, MEMBERS_ONLY, MEMBERS_POST),
    "partners/place/<int:place_pk>/<int:pk>/work/<int:work_pk>/edit/": Row(
        PARTNER_WORK, MEMBERS_ONLY, MEMBERS_POST
    ),
    "partners/place/<int:place_pk>/<int:pk>/work/<int:work_pk>/delete/": Row(
        PARTNER_WORK, MEMBERS_ONLY, MEMBERS_POST
    ),
    # impact: every member of the place records, changes, links and deletes; publishing
    # (and taking back to a draft) is the coordinator's duty; everyone else gets a 404
    "impact/place/<int:place_pk>/": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "impact/place/<int:place_pk>/new/": Row(DOCUMENTS_PLACE, MEMBERS_ONLY, MEMBERS_POST),
    "impact/<int:pk>/": Row(IMPACT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "impact/<int:pk>/edit/": Row(IMPACT, MEMBERS_ONLY, MEMBERS_POST),
    "impact/<int:pk>/links/": Row(IMPACT, MEMBERS_ONLY, MEMBERS_POST),
    "impact/<int:pk>/publish/": Row(IMPACT, "login 404 403 200 404", COORDINATOR_POST),
    "impact/<int:pk>/unpublish/": Row(IMPACT, "login 404 403 200 404", COORDINATOR_POST),
    "impact/<int:pk>/delete/": Row(IMPACT, MEMBERS_ONLY, MEMBERS_POST),
    "impact/<int:pk>/history/": Row(IMPACT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "impact/<int:pk>/evidence/": Row(IMPACT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    # opportunities, finishing a selection and reach: the organisers finish (GET without
    # a draw goes back to the draw) and see the reach totals; the people told answer
    # through their email's signed link (an empty answer changes nothing).
    "opportunities/<int:pk>/selection/finish/": Row(
        lambda s: {"pk": s.opportunities["live"].pk},
        "login 404 302 302 404",
        "login 404 400 400 404",
    ),
    "opportunities/<int:pk>/reach/": Row(
        lambda s: {"pk": s.opportunities["live"].pk}, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "opportunities/kept/<str:token>/": Row(
        lambda s: {"token": s.opportunities["keep_token"]}, PUBLIC, "400 400 400 400 400"
    ),
    "opportunities/took-part/<str:token>/": Row(
        lambda s: {"token": s.opportunities["took_part_token"]}, PUBLIC, "302 302 302 302 302"
    ),
    # learning cohorts: the coordinator facilitates (the course's facilitator, and a
    # coordinator besides); the member takes part and handed in; other members are refused
    # the facilitators' pages (403) and the participants' (403: they may join).
    "learning/<slug:slug>/<int:pk>/cohorts/new/": Row(
        COURSE, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/": Row(
        COHORT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/join/": Row(
        COHORT, SIGNED_IN_405, MEMBERS_POST
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/leave/": Row(
        COHORT, "login 404 200 403 404", "login 404 ok 403 404"
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/assignments/new/": Row(
        COHORT, "login 404 403 200 404", "login 404 403 200 404"
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/assignments/<int:assignment_pk>/": (
        Row(ASSIGNMENT, MEMBERS_ONLY, SIGNED_IN_GET_ONLY)
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/assignments/<int:assignment_pk>/hand-in/": (  # noqa: E501
        Row(ASSIGNMENT, "login 404 200 403 404", "login 404 ok 403 404")
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/assignments/<int:assignment_pk>/hand-ins/<int:hand_in_pk>/": (  # noqa: E501
        Row(HAND_IN, MEMBERS_ONLY, "login 404 403 200 404")
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/assignments/<int:assignment_pk>/hand-ins/<int:hand_in_pk>/file": (  # noqa: E501
        Row(HAND_IN, MEMBERS_ONLY, SIGNED_IN_405)
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/evaluation/": Row(
        COHORT, "login 404 200 403 404", "login 404 200 403 404"
    ),
    "learning/<slug:slug>/<int:pk>/cohorts/<int:cohort_pk>/evaluation/results/": Row(
        COHORT, "login 404 403 200 404", SIGNED_IN_405
    ),
    # analysis: the team's front page and who is on it are the project's (so members can
    # join, and a coordinator can add people); everything else is the analysis team's.
    "analysis/place/<int:place_pk>/": Row(PLACE_PK, MEMBERS_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/place/<int:place_pk>/join/": Row(PLACE_PK, SIGNED_IN_405, MEMBERS_POST),
    "analysis/place/<int:place_pk>/leave/": Row(PLACE_PK, TEAM_ONLY, TEAM_POST),
    "analysis/place/<int:place_pk>/team/": Row(PLACE_PK, MEMBERS_ONLY, "login 404 403 400 404"),
    "analysis/place/<int:place_pk>/team/<int:pk>/keeper/": Row(
        lambda s: {**PLACE_PK(s), "pk": s.analysis["team_member"].pk},
        SIGNED_IN_405,
        "login 404 403 ok 404",
    ),
    "analysis/place/<int:place_pk>/settings/": Row(PLACE_PK, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/place/<int:place_pk>/words/": Row(PLACE_PK, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/place/<int:place_pk>/words/<int:pk>/remove/": Row(
        lambda s: {**PLACE_PK(s), "pk": s.analysis["word"].pk}, SIGNED_IN_405, TEAM_POST
    ),
    "analysis/place/<int:place_pk>/sources/new/": Row(PLACE_PK, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/place/<int:place_pk>/codebook/": Row(PLACE_PK, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/place/<int:place_pk>/codebook/new/": Row(PLACE_PK, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/place/<int:place_pk>/themes/": Row(PLACE_PK, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/place/<int:place_pk>/themes/new/": Row(PLACE_PK, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/place/<int:place_pk>/codebook.<str:kind>": Row(
        lambda s: {**PLACE_PK(s), "kind": "csv"}, TEAM_ONLY, TEAM_POST
    ),
    "analysis/place/<int:place_pk>/segments.<str:kind>": Row(
        lambda s: {**PLACE_PK(s), "kind": "xlsx"}, TEAM_ONLY, TEAM_POST
    ),
    "analysis/place/<int:place_pk>/project.qdpx": Row(PLACE_PK, TEAM_ONLY, TEAM_POST),
    "analysis/source/<int:pk>/": Row(ANALYSIS_SOURCE, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/source/<int:pk>/deidentify/": Row(
        lambda s: {"pk": s.analysis["waiting"].pk}, TEAM_ONLY, TEAM_POST
    ),
    "analysis/source/<int:pk>/consent/": Row(ANALYSIS_SOURCE, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/source/<int:pk>/agreement/": Row(ANALYSIS_SOURCE, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/source/<int:pk>/original/": Row(ANALYSIS_SOURCE, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/source/<int:pk>/delete/": Row(ANALYSIS_SOURCE, TEAM_ONLY, TEAM_POST),
    "analysis/code/<int:pk>/edit/": Row(ANALYSIS_CODE, TEAM_ONLY, TEAM_BAD_POST),
    "analysis/code/<int:pk>/history/": Row(ANALYSIS_CODE, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/code/<int:pk>/quotes/": Row(ANALYSIS_CODE, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/code/<int:pk>/quotes.txt": Row(ANALYSIS_CODE, TEAM_ONLY, SIGNED_IN_GET_ONLY),
    "analysis/theme/<int:pk>/": Row(
        lambda s: {"pk": s.analysis["theme"].pk}, TEAM_ONLY, SIGNED_IN_GET_ONLY
    ),
    "analysis/theme/<int:pk>/edit/": Row(
        lambda s: {"pk": s.analysis["theme"].pk}, TEAM_ONLY, TEAM_BAD_POST
    ),
    "analysis/segment/<int:pk>/remove/": Row(
        lambda s: {"pk": s.analysis["segment"].pk}, SIGNED_IN_405, TEAM_POST
    ),
    # Recording in a big place: choosing who took part (an empty POST is no button of the
    # page: 400), then the time and details (with nobody chosen, GET goes back to step 1).
    "places/<int:pk>/log/new/choose/": Row(PLACE, SIGNED_IN_405, "login 404 400 400 404"),
    "places/<int:pk>/log/new/details/": Row(PLACE, "login 404 302 302 404", MEMBERS_POST),
    # outputs: recording the contributors' time in the log is every member's (as the log)
    "outputs/<int:pk>/time/": Row(OUTPUT, MEMBERS_ONLY, MEMBERS_POST),
    # threads: a post's permalink sends a member on to the page of the thread holding it.
    "threads/place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/": Row(
        THREAD_POST, "login 404 302 302 404", SIGNED_IN_GET_ONLY
    ),
    # jobs: the member's own background jobs; nobody else sees them (404).
    "jobs/<int:pk>/": Row(lambda s: _job(s, "done"), "login 404 200 404 404", SIGNED_IN_GET_ONLY),
    "jobs/<int:pk>/download/": Row(
        lambda s: _job(s, "done"), "login 404 200 404 404", SIGNED_IN_GET_ONLY
    ),
    "jobs/<int:pk>/retry/": Row(
        lambda s: _job(s, "failed"), SIGNED_IN_405, "login 404 ok 404 404"
    ),
    # easyread: the payment policy's easy read is its collective's members' to read and
    # its coordinator's to write (an empty form is sent back: 400).
    "easy-read/<slug:model>/<int:pk>/": Row(EASY_READ, "404 404 200 200 404", GET_ONLY),
    "easy-read/<slug:model>/<int:pk>/edit/": Row(
        EASY_READ, "login 404 403 200 404", "login 404 403 400 404"
    ),
    "easy-read/<slug:model>/<int:pk>/delete/": Row(
        EASY_READ, "login 404 403 200 404", "login 404 403 ok 404"
    ),
    "easy-read/<slug:model>/<int:pk>/pictures/<int:point_pk>/": Row(
        EASY_READ_PICTURE, "404 404 200 200 404", GET_ONLY
    ),
    # translations: members of the story's collective translate it; readers who are not
    # members (the outsider, the former member) may read the story but not translate it.
    "translations/<slug:model>/<int:pk>/": Row(
        TRANSLATED, "login 403 200 200 403", SIGNED_IN_GET_ONLY
    ),
    "translations/<slug:model>/<int:pk>/<str:language>/": Row(
        TRANSLATED_CY, "login 403 200 200 403", "login 403 400 400 403"
    ),
    "translations/<slug:model>/<int:pk>/<str:language>/delete/": Row(
        TRANSLATED_CY, "login 403 200 200 403", "login 403 ok ok 403"
    ),
}


def _job(built: Scenario, state: str) -> dict[str, Any]:
    """The member's finished (with its file) or failed job, made on first use."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from levelfield.jobs.models import Job

    member = built.people["member"]
    found = Job.objects.filter(person=member, state=state).first()
    if found is None:
        now = timezone.now()
        done = state == "done"
        found = Job.objects.create(
            person=member,
            kind="home.person_data",
            params_key=state,
            state=state,
            created_at=now,
            updated_at=now,
            finished_at=now,
            expires_at=now + timedelta(days=7) if done else None,
            error="" if done else "It did not work.",
            file=default_storage.save("jobs/matrix/data.json", ContentFile(b"{}")) if done else "",
            file_name="data.json" if done else "",
            content_type="application/json" if done else "",
        )
    return {"pk": found.pk}


def _url_patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, name with namespace) for every URL pattern, walking includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = ":".join(filter(None, [namespace, pattern.name or ""]))
            yield prefix + str(pattern.pattern), name


ROUTES = dict(_url_patterns(get_resolver().url_patterns))


def test_every_url_has_a_row() -> None:
    missing = [route for route in ROUTES if route not in MATRIX]
    assert not missing, (
        "These URLs have no row in tests/test_permission_matrix.py's MATRIX; add one line "
        "each, e.g. '\"<route>\": Row(PROJECT, MEMBERS_ONLY, MEMBERS_POST),' "
        "(the module's docstring explains the words):\n" + "\n".join(missing)
    )


def test_every_row_is_a_url_that_exists() -> None:
    stale = [route for route in MATRIX if route not in ROUTES]
    assert not stale, "Rows for URLs that no longer exist; remove them:\n" + "\n".join(stale)


@pytest.fixture(scope="module")
def scenario(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scenario]:
    """Built once for the module, inside a transaction rolled back at the end; each
    test's own transaction nests inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = _build_scenario()
        for role, person in built.people.items():
            if person is not None:
                client = Client()
                client.force_login(person)
                built.session_keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield built
        transaction.set_rollback(True)


def _url(route: str, scenario: Scenario) -> str:
    name = ROUTES[route]
    assert name, f"{route} has no name; give its path() a name so it can be reversed"
    url = reverse(name, kwargs=MATRIX[route].args(scenario))
    assert resolve(url).route == route.replace("^", "").replace("$", "") or ("(?P<" in route), (
        f"{url} reached another route than {route}"
    )
    return url


def _client_for(scenario: Scenario, role: str) -> Client:
    """A browser signed in as the role's person (signing in once per module is faster)."""
    client = Client()
    if role in scenario.session_keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = scenario.session_keys[role]
    return client


def _outcome(response: Any) -> str:
    if response.status_code in (301, 302):
        login = reverse(settings.LOGIN_URL)
        return "login" if response["Location"].startswith(login) else "302"
    return str(response.status_code)


def _matches(expected: str, observed: str) -> bool:
    if expected == "ok":
        return observed in {"200", "302"}
    return expected == observed


# Tables a request may write without changing anyone's data: sessions (signing in,
# reading a flash message) and django-axes' log of sign-in attempts.
INFRASTRUCTURE_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog"}
WRITES = ("insert", "update", "delete", "replace")


def _data_writes(queries: list[dict[str, str]]) -> list[str]:
    """SQL statements that wrote to a table holding data. Sessions are infrastructure,
    allowed on purpose: showing a page consumes its flash messages (kept in the session)
    and may refresh the session's expiry, which writes django_session without changing
    anyone's data."""
    writes = []
    for query in queries:
        sql = query["sql"].lstrip().lower()
        if not sql.startswith(WRITES):
            continue
        if any(f'"{table}"' in sql or f" {table} " in sql for table in INFRASTRUCTURE_TABLES):
            continue
        writes.append(query["sql"])
    return writes


@dataclass(frozen=True)
class Seen:
    outcome: str
    writes: list[str]


@pytest.fixture(scope="module")
def opened_pages() -> dict[str, list[Seen]]:
    """Each route's GET as each person, requested once for both tests that need it."""
    return {}


def _open_as_everyone(
    scenario: Scenario, opened_pages: dict[str, list[Seen]], route: str
) -> list[Seen]:
    if route not in opened_pages:
        url = _url(route, scenario)
        seen = []
        for role in ROLES:
            with transaction.atomic():
                client = _client_for(scenario, role)
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                seen.append(Seen(_outcome(response), _data_writes(queries.captured_queries)))
                transaction.set_rollback(True)
        opened_pages[route] = seen
    return opened_pages[route]


def _post_as(scenario: Scenario, url: str, role: str) -> Seen:
    """The outcome of an empty POST, and what it wrote to tables holding data."""
    with transaction.atomic():
        client = _client_for(scenario, role)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return Seen(_outcome(response), _data_writes(queries.captured_queries))


@pytest.mark.parametrize("route", list(MATRIX))
def test_each_person_gets_what_the_row_says(
    scenario: Scenario, opened_pages: dict[str, list[Seen]], db: None, route: str
) -> None:
    """Every person's GET and POST outcome for this URL. A refused POST changes nothing:
    it sends no INSERT, UPDATE or DELETE to a table holding data (stricter than comparing
    the tables afterwards, which a change and its undoing would pass)."""
    url = _url(route, scenario)
    row = MATRIX[route]
    problems = []
    got = [seen.outcome for seen in _open_as_everyone(scenario, opened_pages, route)]
    for role, expected, outcome in zip(ROLES, row.get.split(), got, strict=True):
        if not _matches(expected, outcome):
            problems.append(f"GET as {role}: expected {expected}, got {outcome}")
    posted = []
    for role, expected in zip(ROLES, row.post.split(), strict=True):
        seen = _post_as(scenario, url, role)
        posted.append(seen.outcome)
        if not _matches(expected, seen.outcome):
            problems.append(f"POST as {role}: expected {expected}, got {seen.outcome}")
        if expected != "ok" and seen.writes:
            problems.append(f"POST as {role} was refused but wrote: {seen.writes}")
    assert not problems, (
        f"{url} ({route}):\n"
        + "\n".join(problems)
        + f"\nobserved: GET {' '.join(got)!r}, POST {' '.join(posted)!r}"
    )


@pytest.mark.parametrize("route", list(MATRIX))
def test_opening_a_page_never_writes(
    scenario: Scenario, opened_pages: dict[str, list[Seen]], db: None, route: str
) -> None:
    """No GET, by anyone, inserts, updates or deletes data (sessions aside, see
    _data_writes)."""
    for role, seen in zip(ROLES, _open_as_everyone(scenario, opened_pages, route), strict=True):
        assert not seen.writes, f"GET {route} as {role} wrote:\n" + "\n".join(seen.writes)


def test_opening_a_decision_past_its_closing_time_writes_nothing(
    scenario: Scenario, db: None
) -> None:
    decision = DecisionFactory(
        place=scenario.project.place,
        created_by=scenario.people["member"],
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(hours=1),
    )
    client = _client_for(scenario, "member")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert response.status_code == 200
    writes = _data_writes(queries.captured_queries)
    assert not writes, "\n".join(writes)
