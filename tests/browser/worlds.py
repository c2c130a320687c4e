"""The data the page sweeps (tests/browser/test_pages_*.py) fill their pages with.

The sweep was one test over one world holding every app's data; it is now one module
per app, each building only the part its pages show: `core` (two members, a
collective and a project) and the builders below, moved unchanged from that world.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.decisions import services as decision_services
from levelfield.decisions.models import Decision, Method, PointKind
from levelfield.deliberation import services as deliberation_services
from levelfield.deliberation.models import Moderation, Participant, Reaction
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.events.tests.pages import events_world
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.notifications.services import notification_send
from levelfield.payments import services as payment_services
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.access import collective_place
from levelfield.places.models import JoinRequest
from levelfield.places.services import group_create
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


def core() -> dict:
    """A collective with a project: Gordon (lived experience, asked to coordinate the
    collective, coordinates the project) and Amara (a researcher, the collective's
    coordinator, in the project)."""
    member = UserFactory(display_name="Gordon", access_needs="Step-free access")
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    teammate = UserFactory(display_name="Amara")
    PerspectiveFactory(person=teammate, kind=PerspectiveKind.RESEARCHER)
    membership = CollectiveMembershipFactory(
        person=member, coordinator_asked_at=timezone.now(), coordinator_asked_by=teammate
    )
    collective = membership.collective
    CollectiveMembershipFactory(collective=collective, person=teammate, is_coordinator=True)
    project = ProjectFactory(collective=collective, created_by=member)
    ProjectMembershipFactory(project=project, person=member, is_coordinator=True)
    project_membership = ProjectMembershipFactory(project=project, person=teammate)
    return {
        "member": member,
        "teammate": teammate,
        "collective": collective,
        "project": project,
        "project_membership": project_membership,
    }


def involvement(world: dict) -> dict:
    """The member's first entry in the project's involvement log (120 minutes, and the
    teammate's 90); payments leaves it unclaimed."""
    entry = InvolvementEntryFactory(project=world["project"], recorded_by=world["member"])
    ParticipationFactory(entry=entry, person=world["member"], minutes=120)
    ParticipationFactory(entry=entry, person=world["teammate"], minutes=90)
    return {"entry": entry}


def membership_extras(world: dict) -> dict:
    """A newcomer asks to join the project; Gordon may ask to join another; invitations
    to both places wait; Gordon has a notice."""
    member, teammate = world["member"], world["teammate"]
    collective, project = world["collective"], world["project"]
    newcomer = UserFactory(display_name="Sol")
    CollectiveMembershipFactory(collective=collective, person=newcomer)
    ProjectJoinRequestFactory(project=project, person=newcomer)
    other_project = ProjectFactory(collective=collective, created_by=teammate)
    ProjectMembershipFactory(project=other_project, person=teammate)
    # The directory: another collective Gordon may ask to join; someone new asks to
    # join Gordon's, for its coordinator (the teammate) to answer.
    JoinRequest.objects.create(
        place=collective.own_place, person=UserFactory(display_name="Nia"), message="Hello!"
    )
    extras = {
        "listed_collective": CollectiveFactory(
            name="Northbridge Carers Network", slug="northbridge", listed=True, area="Northbridge"
        ),
        "other_project": other_project,
        **involvement(world),
        "collective_invitation": CollectiveInvitationFactory(
            collective=collective, invited_by=member
        ),
        "project_invitation": ProjectInvitationFactory(project=project, invited_by=member),
        # A group the member is in, and one they may join.
        "group": group_create(
            collective=collective,
            actor=member,
            name="Allies Group",
            purpose="Co-creating a new way of making decisions together.",
        ),
        "other_group": group_create(
            collective=collective,
            actor=teammate,
            name="Young People's Advisory Group",
            purpose="Young people steer what we research.",
        ),
    }
    notification_send(
        kind="join_request",
        person=member,
        context={"subject": "Amara asked to join", "message": "Please answer."},
        url=reverse("places:members", args=[project.place.pk]),
    )
    return extras


def checkins(world: dict) -> dict:
    return {
        "checkins": _checkins(
            world["member"], world["teammate"], world["project"], world["collective"]
        )
    }


def payments(world: dict) -> dict:
    return {"payments": _payments(world["member"], world["teammate"], world["project"])}


def resources(world: dict) -> dict:
    return {"resource": _resources(world["collective"], world["member"])[0]}


def conversations(world: dict) -> dict:
    # The foundation's Allies Group when that world is built too; otherwise its own.
    group = world.get("group") or group_create(
        collective=world["collective"],
        actor=world["member"],
        name="Allies Group",
        purpose="Co-creating a new way of making decisions together.",
    )
    return {
        "conversations": _conversations(
            world["member"],
            world["teammate"],
            world["project"],
            world["collective"],
            group,
        )
    }


def decisions(world: dict) -> dict:
    return {
        "decisions": _decisions(
            world["member"], world["teammate"], world["project"], world["collective"]
        )
    }


def events(world: dict) -> dict:
    return {
        "events": events_world(
            member=world["member"],
            teammate=world["teammate"],
            collective=world["collective"],
            project=world["project"],
        )
    }


def build(*parts: object) -> dict:
    """The core world with the named parts added, in the order the one world built them."""
    world = core()
    for part in parts:
        world.update(part(world))
    return world


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
            place=collective_place(collective.pk),
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
        place=project.place,
        version=checkin_version("standards"),
        title="Project check-in",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        now=now,
    )
    return {"closed": closed[-1], "open": in_project}


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


def _conversations(
    member: object, teammate: object, project: object, collective: object, group: object
) -> dict:
    """A project conversation open to anyone with the link, moderated, with forty
    people's reactions in two planted groups (analysed, so the report has groups), a
    statement waiting for a moderator and draft principles; one in the collective and
    one in the member's group."""
    talk = deliberation_services.conversation_start(
        started_by=member,
        place=project.place,
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
        place=collective_place(collective.pk),
        title="How we talk to each other",
        prompt="What makes a meeting work for you?",
        seeds=["Meetings start on time", "Papers arrive a week before"],
    )
    in_group = deliberation_services.conversation_start(
        started_by=member,
        place=group,
        title="What makes a decision fair?",
        prompt="What makes a decision in our collective fair to everyone in it?",
        seeds=["Everyone affected hears about it first", "Reasons are written down"],
    )
    return {"talk": talk, "in_collective": in_collective, "in_group": in_group}


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
        values.setdefault("place", {"place": project.place})
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
        Method.SCORE,
        title="Which project should we start next?",
        place={"place": collective_place(collective.pk)},
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
