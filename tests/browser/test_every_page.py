"""axe-core (WCAG 2.2 A and AA) on every page a member can reach, filled with data,
and on every form after an empty submission (the error state)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import (
    CollectiveMembershipFactory,
)
from levelfield.decisions import services as decision_services
from levelfield.decisions.models import Decision, Method, PointKind
from levelfield.deliberation import services as deliberation_services
from levelfield.deliberation.models import Conversation, Moderation, Participant, Reaction
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.events.tests.pages import (
    event_forms,
    event_member_pages,
    event_visitor_pages,
    events_world,
)
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.notifications.services import notification_send, unsubscribe_token
from levelfield.payments import services as payment_services
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)
from levelfield.reflection import services as checkin_services
from levelfield.reflection.tests.factories import answer_all
from levelfield.reflection.tests.factories import version_of as checkin_version
from levelfield.resources.models import LinkStatus, Stage, Status
from levelfield.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: object, tmp_path: object) -> dict:
    """A collective with a project, members of several perspectives and some history."""
    settings.MEDIA_ROOT = tmp_path / "media"  # receipts
    member = UserFactory(display_name="Gordon", access_needs="Step-free access")
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    teammate = UserFactory(display_name="Amara")
    PerspectiveFactory(person=teammate, kind=PerspectiveKind.RESEARCHER)
    # Gordon is asked to coordinate the collective (the banner shows) and coordinates
    # the project; a newcomer asks to join the project; Gordon may ask to join another.
    membership = CollectiveMembershipFactory(
        person=member, coordinator_asked_at=timezone.now(), coordinator_asked_by=teammate
    )
    collective = membership.collective
    CollectiveMembershipFactory(collective=collective, person=teammate, is_coordinator=True)
    newcomer = UserFactory(display_name="Sol")
    CollectiveMembershipFactory(collective=collective, person=newcomer)
    project = ProjectFactory(collective=collective, created_by=member)
    ProjectMembershipFactory(project=project, person=member, is_coordinator=True)
    project_membership = ProjectMembershipFactory(project=project, person=teammate)
    ProjectJoinRequestFactory(project=project, person=newcomer)
    other_project = ProjectFactory(collective=collective, created_by=teammate)
    ProjectMembershipFactory(project=other_project, person=teammate)
    entry = InvolvementEntryFactory(project=project, recorded_by=member)
    ParticipationFactory(entry=entry, person=member, minutes=120)
    ParticipationFactory(entry=entry, person=teammate, minutes=90)
    collective_invitation = CollectiveInvitationFactory(collective=collective, invited_by=member)
    project_invitation = ProjectInvitationFactory(project=project, invited_by=member)
    notification_send(
        kind="join_request",
        person=member,
        context={"subject": "Amara asked to join", "message": "Please answer."},
        url=reverse("projects:members", args=[project.pk]),
    )
    resources = _resources(collective, member)
    events = events_world(member=member, teammate=teammate, collective=collective, project=project)
    return {
        "events": events,
        "member": member,
        "teammate": teammate,
        "collective": collective,
        "project": project,
        "other_project": other_project,
        "entry": entry,
        "project_membership": project_membership,
        "collective_invitation": collective_invitation,
        "project_invitation": project_invitation,
        "decisions": _decisions(member, teammate, project, collective),
        "checkins": _checkins(member, teammate, project, collective),
        "payments": _payments(member, teammate, project),
        "resource": resources[0],
        "conversations": _conversations(member, teammate, project, collective),
    }


def _checkins(member: object, teammate: object, project: object, collective: object) -> dict:
    """Two closed collective rounds with results (eight more members answer, so each
    perspective group has five and the gap shows), an action, and an open project round
    the member has not answered."""
    now = timezone.now()
    public = [member]
    professionals = [teammate]
    for number in range(4):
        for group, kind in (
            (public, PerspectiveKind.CARER),
            (professionals, PerspectiveKind.PRACTITIONER),
        ):
            person = UserFactory(display_name=f"Check-in {kind.label} {number}")
            PerspectiveFactory(person=person, kind=kind)
            CollectiveMembershipFactory(collective=collective, person=person)
            group.append(person)
    closed = []
    for title, days_ago in (("Spring check-in", 60), ("Autumn check-in", 20)):
        opened = now - timedelta(days=days_ago)
        checkin = checkin_services.round_open(
            person=teammate,
            place=collective,
            version=checkin_version(),
            title=title,
            opens_at=opened,
            closes_at=opened + timedelta(days=7),
            now=opened,
        )
        answer_all(checkin, public, 2, comment="We are asked too late.", now=opened)
        answer_all(checkin, professionals, 4, now=opened)
        checkin_services.round_close(checkin=checkin, now=checkin.closes_at)
        closed.append(checkin)
    checkin_services.action_record(
        checkin=closed[0], person=member, text="We will rotate who chairs.", theme="Sharing power"
    )
    in_project = checkin_services.round_open(
        person=teammate,
        place=project,
        version=checkin_version("standards"),
        title="Project check-in",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        now=now,
    )
    return {"closed": closed[-1], "open": in_project}


def checkin_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].pk
    checkins = world["checkins"]
    return [
        reverse("reflection:project_rounds", args=[pk]),
        reverse("reflection:collective_rounds", args=[slug]),
        reverse("reflection:create_for_project", args=[pk]),
        reverse("reflection:create_for_collective", args=[slug]),
        reverse("reflection:question_sets", args=[slug]),
        reverse("reflection:question_add", args=[slug, checkin_version().question_set_id]),
        reverse("reflection:detail", args=[checkins["closed"].pk]),
        reverse("reflection:detail", args=[checkins["open"].pk]),
        reverse("reflection:answer", args=[checkins["open"].pk]),
        reverse("reflection:evidence", args=[pk]),
    ]


def _payments(member: object, teammate: object, project: object) -> dict:
    """A policy (travel time not paid, so the claim form asks about it) naming the
    member as an approver and finance officer; the member's claims as a draft with a
    receipt, queried, paid (in a paid batch) and approved (in a batch not yet paid);
    the coordinator's claim waiting for the member's approval. The member's first
    entry stays unclaimed."""
    collective = project.collective
    payment_services.policy_update(
        collective=collective,
        actor=teammate,
        counts_travel=False,
        approvers=[member],
        finance_officers=[member],
    )
    payment_services.rate_add(
        collective=collective,
        actor=teammate,
        effective_from=date(2026, 1, 1),
        hourly=Decimal(25),
        half_day=Decimal(75),
        day=Decimal(150),
        note="Example rates",
        today=date(2026, 1, 1),
    )
    travel = payment_services.category_add(
        collective=collective,
        actor=teammate,
        name="Travel",
        limit=Decimal(50),
        receipt_over=Decimal(10),
    )

    def claim(person: object, title: str) -> object:
        entry = InvolvementEntryFactory(project=project, recorded_by=person, title=title)
        participation = ParticipationFactory(entry=entry, person=person, minutes=90)
        return payment_services.claim_create(
            collective=collective, claimant=person, participations=[participation]
        )

    draft = claim(member, "Advisory meeting")
    payment_services.claim_expense_add(
        claim=draft,
        actor=member,
        category=travel,
        description="Bus there and back",
        amount=Decimal("12.40"),
        receipt=SimpleUploadedFile("bus.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    queried, paid, approved = (
        claim(member, title) for title in ("Workshop", "Interview practice", "Focus group")
    )
    for each in (queried, paid, approved):
        payment_services.claim_submit(claim=each, actor=member)
    payment_services.claim_query(claim=queried, actor=teammate, question="Was it online?")
    payment_services.claim_approve(claim=paid, actor=teammate)
    paid_batch = payment_services.batch_create(collective=collective, actor=member)
    payment_services.batch_mark_paid(batch=paid_batch, actor=member, paid_on=timezone.localdate())
    payment_services.claim_approve(claim=approved, actor=teammate)
    open_batch = payment_services.batch_create(collective=collective, actor=member)
    waiting = claim(teammate, "Steering group")
    payment_services.claim_submit(claim=waiting, actor=teammate)
    return {
        "draft": draft,
        "queried": queried,
        "paid": paid,
        "waiting": waiting,
        "paid_batch": paid_batch,
        "open_batch": open_batch,
    }


def payment_pages(world: dict) -> list[str]:
    """Every payments page the member (a contributor, approver and finance officer)
    can open; the PDFs, CSV, spreadsheet and receipt are downloads, not pages."""
    slug = world["collective"].slug
    claims = world["payments"]
    return [
        reverse("payments:home"),
        reverse("payments:yearly_limit"),
        reverse("payments:collective", args=[slug]),
        reverse("payments:claim_new", args=[slug]),
        *(
            reverse("payments:claim", args=[claims[name].pk])
            for name in ("draft", "queried", "paid", "waiting")
        ),
        reverse("payments:expense_add", args=[claims["draft"].pk]),
        reverse("payments:claim_submit", args=[claims["draft"].pk]),
        reverse("payments:approvals", args=[slug]),
        reverse("payments:finance", args=[slug]),
        reverse("payments:batch", args=[claims["paid_batch"].pk]),
        reverse("payments:batch", args=[claims["open_batch"].pk]),
    ]


def coordinator_payment_pages(world: dict) -> list[str]:
    """The pages only the coordinator of the collective opens."""
    slug = world["collective"].slug
    return [
        reverse(f"payments:{name}", args=[slug])
        for name in ("policy", "rate_add", "category_add", "days_to_pay")
    ]


def _resources(collective: object, member: object) -> list:
    """A map with a resource at two stages, a broken link and a suggestion waiting."""
    return [
        ResourceFactory(collective=collective, stages=[Stage.DESIGN, Stage.FUNDING]),
        ResourceFactory(
            collective=collective,
            link_status=LinkStatus.BROKEN,
            link_problem="The site answered with error 404",
            link_checked_at=timezone.now(),
        ),
        ResourceFactory(collective=collective, status=Status.SUGGESTED, suggested_by=member),
    ]


def _conversations(member: object, teammate: object, project: object, collective: object) -> dict:
    """A project conversation open to anyone with the link, moderated, with forty
    people's reactions in two planted groups (analysed, so the report has groups), a
    statement waiting for a moderator and draft principles; one in the collective."""
    talk = deliberation_services.conversation_start(
        started_by=member,
        project=project,
        title="Our data principles",
        prompt="How should patient data be used in research?",
        who_may_take_part="link",
        moderation=Moderation.FIRST,
        seeds=[f"Data principle number {n}" for n in range(1, 13)],
    )
    statements = list(talk.statements.order_by("number"))
    planted = planted_conversation(participants=40, statements=12, groups=2, seed=1)
    people = {
        pid: Participant.objects.create(conversation=talk, name=f"Visitor {pid}")
        for pid in set(planted.participant_ids.tolist())
    }
    Reaction.objects.bulk_create(
        Reaction(
            participant=people[int(p)],
            statement=statements[int(s) - 1],
            vote=int(v),
            reacted_at=talk.created_at,
        )
        for p, s, v in zip(
            planted.participant_ids, planted.statement_ids, planted.votes, strict=True
        )
    )
    mine = deliberation_services.participant_for_member(conversation=talk, person=member)
    for statement, vote in zip(statements[:3], (1, -1, 0), strict=True):
        deliberation_services.reaction_record(participant=mine, statement=statement, vote=vote)
    deliberation_services.statement_add(
        conversation=talk,
        participant=deliberation_services.participant_for_member(
            conversation=talk, person=teammate
        ),
        text="Patients should see who used their data",
    )
    deliberation_services.analysis_run(conversation=talk)
    deliberation_services.draft_set(
        conversation=talk, actor=member, statement_ids=[s.pk for s in statements[:2]]
    )
    in_collective = deliberation_services.conversation_start(
        started_by=member,
        collective=collective,
        title="How we talk to each other",
        prompt="What makes a meeting work for you?",
        seeds=["Meetings start on time", "Papers arrive a week before"],
    )
    return {"talk": talk, "in_collective": in_collective}


def deliberation_pages(world: dict) -> list[str]:
    """Every conversations page a member can open (the CSV downloads are not pages)."""
    talk: Conversation = world["conversations"]["talk"]
    slug = world["collective"].slug
    project = {"project_pk": world["project"].pk}
    return [
        reverse("deliberation:project_list", kwargs=project),
        reverse("deliberation:collective_list", kwargs={"slug": slug}),
        reverse("deliberation:create_for_project", kwargs=project),
        reverse("deliberation:create_for_collective", kwargs={"slug": slug}),
        reverse("deliberation:detail", args=[talk.pk]),
        reverse("deliberation:detail", args=[talk.pk])
        + f"?statement={talk.statements.order_by('number').first().pk}",
        reverse("deliberation:detail", args=[world["conversations"]["in_collective"].pk]),
        reverse("deliberation:add", args=[talk.pk]),
        reverse("deliberation:report", args=[talk.pk]),
        reverse("deliberation:report", args=[world["conversations"]["in_collective"].pk]),
        reverse("deliberation:moderate", args=[talk.pk]),
        reverse("deliberation:import", args=[talk.pk]),
        reverse("deliberation:draft", args=[talk.pk]),
    ]


# What the teammate answers in each open decision, so results have something to show.
TEAMMATE_ANSWERS = {
    Method.PROPOSAL: lambda options: {"stance": "disagree"},
    Method.CONSENT: lambda options: {"stance": "consent"},
    Method.GRADIENTS: lambda options: {"stance": "reservations"},
    Method.SINGLE_CHOICE: lambda options: {"options": [options[0]]},
    Method.MULTIPLE_CHOICE: lambda options: {"options": options[:2]},
    Method.RANKED: lambda options: {"ranking": [options[1], options[0]]},
    Method.DOT_VOTE: lambda options: {"dots": {str(options[0]): 7, str(options[2]): 3}},
    Method.SCORE: lambda options: {"scores": {str(option): 3 for option in options}},
    Method.TIME_POLL: lambda options: {
        "answers": {
            str(option): answer for option, answer in zip(options, ("yes", "no"), strict=True)
        }
    },
}


def _decisions(member: object, teammate: object, project: object, collective: object) -> dict:
    """One open project decision per method (the teammate has answered, the member has
    not), one in its talk phase, closed ones with and without an outcome, an anonymous
    one, and one in the collective."""
    now = timezone.now()

    def start(method: str, *, at: object = now, **values: object) -> Decision:
        values.setdefault("title", f"Which way suits us? ({Method(method).label})")
        values.setdefault("background", "We talked about this at the last meeting.")
        values.setdefault("closes_at", at + timedelta(days=8))
        values.setdefault("place", {"project": project})
        if method == Method.TIME_POLL:
            first = (now + timedelta(days=20)).replace(hour=14, minute=0, second=0, microsecond=0)
            values.setdefault(
                "times",
                [
                    decision_services.ProposedTime(
                        first + timedelta(days=day), first + timedelta(days=day, hours=1)
                    )
                    for day in (0, 1)
                ],
            )
        elif method in (Method.PROPOSAL, Method.CONSENT, Method.GRADIENTS):
            # So the reason field's rule shows on the respond page.
            values.setdefault("reasons_policy", "objections")
        else:
            values.setdefault("options", ["Community centre", "Church hall", "Online"])
        if method == Method.MULTIPLE_CHOICE:
            values.setdefault("max_choices", 2)
        place = values.pop("place")
        return decision_services.decision_create(
            created_by=member, method=method, now=at, **place, **values
        )

    def answer(decision: Decision, person: object, at: object = now) -> None:
        options = list(decision.options.values_list("pk", flat=True))
        decision_services.response_submit(
            decision=decision,
            person=person,
            payload=TEAMMATE_ANSWERS[decision.method](options),
            reason="The hall has no step-free entrance.",
            now=at,
        )

    open_by_method = {}
    for method in Method:
        decision = start(method, voice_check="public")
        answer(decision, teammate)
        open_by_method[method] = decision

    talk = start(
        Method.SINGLE_CHOICE,
        title="Where should the summer event be?",
        has_discussion=True,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=10),
    )
    decision_services.point_add(
        decision=talk, person=teammate, kind=PointKind.CON, text="The park has no toilets."
    )
    decision_services.point_add(
        decision=talk,
        person=member,
        kind=PointKind.PRO,
        text="Everyone can get there by bus.",
        option=talk.options.first(),
    )

    past = now - timedelta(days=20)
    closed_ranked = start(Method.RANKED, at=past, title="How should we travel to workshops?")
    closed_proposal = start(Method.PROPOSAL, at=past, title="Should we pay for taxis?")
    for decision in (closed_ranked, closed_proposal):
        answer(decision, teammate, at=past + timedelta(days=1))
        decision_services.response_submit(
            decision=decision,
            person=member,
            payload={"ranking": list(decision.options.values_list("pk", flat=True))}
            if decision.method == Method.RANKED
            else {"stance": "agree"},
            now=past + timedelta(days=2),
        )
        decision_services.decision_close(decision=decision, now=decision.closes_at)
    decision_services.outcome_write(
        decision=closed_ranked,
        person=teammate,
        statement="We will hire a minibus for every workshop.",
        reasons="It was everyone's first or second choice.",
        next_steps="Gordon will ask two firms for prices.",
        review_on=(now + timedelta(days=90)).date(),
    )

    anonymous = start(Method.SINGLE_CHOICE, title="Should we change the chair?", anonymous=True)
    in_collective = start(
        Method.SCORE, title="Which project should we start next?", place={"collective": collective}
    )
    answer(in_collective, teammate)
    return {
        "open": open_by_method,
        "talk": talk,
        "closed_ranked": closed_ranked,
        "closed_proposal": closed_proposal,
        "anonymous": anonymous,
        "in_collective": in_collective,
    }


def decision_pages(world: dict) -> list[str]:
    """Every decisions page a member can open (the CSV download is not a page)."""
    slug = world["collective"].slug
    project = {"project_pk": world["project"].pk}
    decisions = world["decisions"]
    open_by_method = decisions["open"]

    def each(name: str, *chosen: Decision) -> list[str]:
        return [reverse(f"decisions:{name}", args=[decision.pk]) for decision in chosen]

    return [
        reverse("decisions:project_log", kwargs=project),
        reverse("decisions:project_log", kwargs=project) + "?status=closed&method=ranked",
        reverse("decisions:collective_log", kwargs={"slug": slug}),
        reverse("decisions:create_for_project", kwargs=project),
        reverse("decisions:create_for_project", kwargs=project) + "?method=ranked",
        reverse("decisions:create_for_project", kwargs=project) + "?method=time_poll",
        reverse("decisions:create_for_collective", kwargs={"slug": slug}),
        reverse("decisions:create_for_collective", kwargs={"slug": slug}) + "?method=score",
        *each(
            "detail",
            open_by_method[Method.RANKED],
            open_by_method[Method.PROPOSAL],
            open_by_method[Method.TIME_POLL],
            decisions["talk"],
            decisions["closed_ranked"],
            decisions["closed_proposal"],
            decisions["anonymous"],
            decisions["in_collective"],
        ),
        *each("respond", *open_by_method.values()),
        *each("discussion", decisions["talk"], decisions["closed_ranked"]),
        *each("outcome", decisions["closed_proposal"], decisions["closed_ranked"]),
    ]


def resource_pages(world: dict) -> list[str]:
    """The resource map's pages a member (not the coordinator) opens."""
    slug = world["collective"].slug
    return [
        reverse("resources:map", args=[slug]),
        reverse("resources:map", args=[slug]) + "?audience=public&topic=payment",
        reverse("resources:map", args=[slug]) + "?audience=nobody",
        reverse("resources:list", args=[slug]),
        reverse("resources:list", args=[slug]) + "?q=involvement&stage=design",
        reverse("resources:list", args=[slug]) + "?q=nothing+like+this",
        reverse("resources:detail", args=[slug, world["resource"].pk]),
        reverse("resources:suggest", args=[slug]),
        reverse("resources:suggestions", args=[slug]),
        reverse("resources:start", args=[slug]),
    ]


def member_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].pk
    return [
        reverse("home"),
        reverse("people:profile"),
        reverse("people:profile_edit"),
        reverse("people:person", args=[world["teammate"].pk]),
        reverse("people:my_data"),
        reverse("people:delete_account"),
        reverse("collectives:list"),
        reverse("collectives:create"),
        reverse("collectives:detail", args=[slug]),
        reverse("collectives:settings", args=[slug]),
        reverse("collectives:history", args=[slug]),
        reverse("collectives:leave", args=[slug]),
        reverse("collectives:invite", args=[slug]),
        reverse("collectives:invitations", args=[slug]),
        reverse("invitations:join", args=[world["collective_invitation"].token]),
        reverse("projects:list"),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:detail", args=[pk]),
        reverse("projects:edit", args=[pk]),
        reverse("projects:history", args=[pk]),
        reverse("projects:members", args=[pk]),
        reverse("projects:join_request", args=[world["other_project"].pk]),
        reverse("projects:leave", args=[pk]),
        reverse("projects:invite", args=[pk]),
        reverse("projects:invitations", args=[pk]),
        reverse("invitations:join", args=[world["project_invitation"].token]),
        reverse("projects:log", args=[pk]),
        reverse("projects:log_add", args=[pk]),
        reverse("projects:log_entry", args=[pk, world["entry"].pk]),
        reverse("projects:log_edit", args=[pk, world["entry"].pk]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        reverse("notifications:list"),
        reverse("notifications:settings"),
        reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(kind="invitation", person=world["member"])],
        ),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
        *decision_pages(world),
        *checkin_pages(world),
        *payment_pages(world),
        *resource_pages(world),
        *deliberation_pages(world),
        *event_member_pages(world),
        "/projects/999999/",
    ]


VISITOR_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-real-key/",
    "/accounts/password/reset/key/done/",
    "/accounts/inactive/",
    "/invitations/no-such-invitation/",
    "/collectives/join/no-such-invitation/",
    "/notifications/unsubscribe/not-a-real-token/",
    "/conversations/join/no-such-link/",
]


def test_every_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object
) -> None:
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path)
        axe_check(page)


def test_every_events_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    for path in event_visitor_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    # The guest form's error state, with no account.
    page.goto(live_server.url + event_visitor_pages(world)[0])
    page.locator("form#main-form button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_every_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    for path in member_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    sign_in(world["teammate"])  # the collective's coordinator
    for path in coordinator_payment_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_every_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    slug = world["collective"].slug
    pk = world["project"].pk
    payments = world["payments"]
    forms = [
        (world["member"], path)
        for path in [
            reverse("collectives:create"),
            reverse("collectives:invite", args=[slug]),
            reverse("projects:create") + f"?collective={slug}",
            reverse("projects:invite", args=[pk]),
            reverse("projects:log_add", args=[pk]),
            reverse("people:delete_account"),
            reverse("decisions:create_for_project", kwargs={"project_pk": pk}) + "?method=ranked",
            reverse("decisions:respond", args=[world["decisions"]["open"][Method.RANKED].pk]),
            reverse("decisions:outcome", args=[world["decisions"]["closed_proposal"].pk]),
            reverse("reflection:create_for_project", args=[pk]),
            reverse("reflection:answer", args=[world["checkins"]["open"].pk]),
            reverse("reflection:detail", args=[world["checkins"]["closed"].pk]),
            reverse("reflection:question_add", args=[slug, checkin_version().question_set_id]),
            reverse("resources:suggest", args=[slug]),
            reverse("deliberation:create_for_project", kwargs={"project_pk": pk}),
            reverse("deliberation:add", args=[world["conversations"]["talk"].pk]),
            reverse("deliberation:import", args=[world["conversations"]["talk"].pk]),
            *event_forms(world),
            reverse("payments:claim_new", args=[slug]),
            reverse("payments:expense_add", args=[payments["draft"].pk]),
            reverse("payments:batch", args=[payments["open_batch"].pk]),
        ]
    ] + [
        (world["teammate"], reverse(f"payments:{name}", args=[slug]))
        for name in ("rate_add", "category_add")
    ]
    signed_in = None
    for person, path in forms:
        if person != signed_in:
            sign_in(person)
            signed_in = person
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        # Each link in the summary leads to a field on the page.
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)


def test_the_conversation_forms_that_need_emptying_show_accessible_errors(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    """Draft principles with every statement unticked, and the decision on them with no
    number of days."""
    sign_in(world["member"])
    page.goto(
        live_server.url + reverse("deliberation:draft", args=[world["conversations"]["talk"].pk])
    )
    for box in page.locator("form#main-form input[type=checkbox]").all():
        box.uncheck()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one statement.")
    axe_check(page)
    page.get_by_label("Days the decision stays open").fill("")
    page.get_by_role("button", name="Open a decision on these principles").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how many days")
    axe_check(page)


def test_a_visitor_with_the_link_takes_part_accessibly(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    """The light sign-in (a name), its error state, then the statements and the add page
    as a visitor."""
    talk = world["conversations"]["talk"]
    page.goto(live_server.url + reverse("deliberation:join", args=[talk.link_token]))
    axe_check(page)
    page.get_by_role("button", name="Take part").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.locator("form#main-form input[type=text]").fill("Robin")
    page.get_by_role("button", name="Take part").click()
    expect(page.get_by_role("button", name="Agree", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_text("You reacted “Agree”.")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + reverse("deliberation:add", args=[talk.pk]))
    axe_check(page)
    page.get_by_role("button", name="Add the statement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a statement.")
    axe_check(page)


def test_a_keyboard_user_skips_to_the_main_content(live_server: object, page: Page) -> None:
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
