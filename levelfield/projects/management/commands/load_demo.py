"""Load a believable demo: one collective, a dozen people, three projects with history.

Safe to run again: it finds what it made before and only adds what is missing.
Everyone in it is invented.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.decisions import services as decisions
from levelfield.decisions.models import Decision, Method, ReasonsPolicy, VoiceCheck
from levelfield.history.services import change_record
from levelfield.lib.manifests import DemoWorld, demo_manifests
from levelfield.people.models import (
    CommunicationPreference,
    PaymentPreference,
    Perspective,
    PerspectiveKind,
    User,
    Visibility,
)
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    ProjectMembership,
    Stage,
)

DEMO_PASSWORD = "levelfield-demo"
DOMAIN = "demo.levelfield.example"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    perspectives: tuple[tuple[str, str], ...]
    skills: str = ""
    interests: str = ""
    access_needs: str = ""
    payment: str = PaymentPreference.PAID
    shares: bool = True
    coordinator: bool = False


P = PerspectiveKind
PEOPLE = [
    DemoPerson(
        "amara",
        "Amara Okafor",
        ((P.RESEARCHER, "health services researcher"),),
        "Qualitative interviews, writing funding bids",
        "Stroke recovery, health inequalities",
        payment=PaymentPreference.DECLINE,
        coordinator=True,
    ),
    DemoPerson(
        "dev",
        "Dev Patel",
        ((P.LIVED_EXPERIENCE, "type 2 diabetes"),),
        "Chairing meetings, plain English",
        "Diabetes, South Asian communities' health",
        access_needs="Meetings after 10am, please; I work early shifts.",
    ),
    DemoPerson(
        "maggie",
        "Maggie Lawson",
        ((P.CARER, "cares for her husband after a stroke"),),
        "Running a carers' group, local knowledge",
        "Stroke, carers' wellbeing",
        access_needs="Hearing loop or captions in online meetings.",
        payment=PaymentPreference.VOUCHER,
    ),
    DemoPerson(
        "tomasz",
        "Tomasz Nowak",
        ((P.PRACTITIONER, "stroke physiotherapist"),),
        "Rehabilitation, recruiting through clinics",
        "Stroke recovery, exercise",
        payment=PaymentPreference.DECLINE,
    ),
    DemoPerson(
        "jade",
        "Jade Williams",
        ((P.YOUNG_PERSON, ""), (P.LIVED_EXPERIENCE, "anxiety")),
        "Social media, making short videos",
        "Young people's mental health",
        access_needs="Papers a week before meetings; easy read where possible.",
    ),
    DemoPerson(
        "ruth",
        "Ruth Adeyemi",
        ((P.LIVED_EXPERIENCE, "long COVID"), (P.CARER, "")),
        "Reviewing documents, patient information leaflets",
        "Long COVID, fatigue",
        access_needs="Short meetings with a break every 45 minutes.",
    ),
    DemoPerson(
        "sam",
        "Sam Fletcher",
        ((P.RESEARCHER, "statistician"),),
        "Data analysis, survey design",
        "Mental health, evaluation",
        payment=PaymentPreference.DECLINE,
    ),
    DemoPerson(
        "priya",
        "Priya Shah",
        ((P.PRACTITIONER, "community mental health nurse"),),
        "Running groups, safeguarding",
        "Young people's mental health",
        payment=PaymentPreference.DECLINE,
        coordinator=True,
    ),
    DemoPerson(
        "gordon",
        "Gordon McLeod",
        ((P.LIVED_EXPERIENCE, "survived a stroke in 2021"),),
        "Public speaking, talking to local radio",
        "Stroke recovery, aphasia",
        access_needs="Step-free access; I use a walking frame.",
    ),
    DemoPerson(
        "leah",
        "Leah Cohen",
        ((P.OTHER, "community organiser at a food bank"),),
        "Reaching people who don't usually take part",
        "Food poverty, health inequalities",
    ),
    DemoPerson(
        "ade",
        "Ade Bakare",
        ((P.CARER, "parent of a teenager with autism"),),
        "Parent networks, school links",
        "Autism, young people's mental health",
        shares=False,
    ),
    DemoPerson(
        "helen",
        "Helen Park",
        ((P.RESEARCHER, "PhD student"),),
        "Literature reviews, note-taking",
        "Long COVID, rehabilitation",
        payment=PaymentPreference.DECLINE,
    ),
]


@dataclass(frozen=True)
class DemoEntry:
    days_ago: int
    title: str
    stage: str
    kind: str
    what_changed: str
    hours: dict[str, float]
    description: str = ""


PROJECTS = [
    {
        "title": "Getting home well after a stroke",
        "summary": (
            "What helps people settle back at home in the first three months after leaving "
            "hospital with a stroke, and what gets in the way, told by stroke survivors, their "
            "families and the staff who support them."
        ),
        "topics": "stroke, rehabilitation, carers",
        "stage": Stage.DOING,
        "members": ["amara", "maggie", "tomasz", "gordon", "dev", "leah"],
        "coordinators": ["amara"],
        "entries": [
            DemoEntry(
                240,
                "First ideas workshop at the stroke club",
                Stage.IDENTIFYING,
                ActivityKind.WORKSHOP,
                "The question moved from 'hospital discharge' to 'the first three months at "
                "home', because survivors said that is when they felt most alone.",
                {"amara": 3, "maggie": 3, "gordon": 3, "tomasz": 2},
            ),
            DemoEntry(
                180,
                "Designing the interview guide together",
                Stage.DESIGN,
                ActivityKind.MEETING,
                "We added questions about carers' own health and removed medical jargon.",
                {"amara": 2, "maggie": 2, "gordon": 2, "dev": 2},
            ),
            DemoEntry(
                150,
                "Reviewing the funding application's plain-English summary",
                Stage.FUNDING,
                ActivityKind.REVIEW,
                "The summary was rewritten in shorter sentences; the funder's panel praised it.",
                {"gordon": 1.5, "maggie": 1, "leah": 1},
            ),
            DemoEntry(
                110,
                "Ethics committee questions answered with public members",
                Stage.ETHICS,
                ActivityKind.WRITING,
                "Consent forms now come in an easy-read version and an audio version.",
                {"amara": 3, "dev": 1.5, "gordon": 1},
            ),
            DemoEntry(
                30,
                "Peer interviewers' training day",
                Stage.DOING,
                ActivityKind.WORKSHOP,
                "Gordon and Maggie now lead half the interviews as peer interviewers.",
                {"amara": 6, "gordon": 6, "maggie": 6, "tomasz": 3},
            ),
        ],
    },
    {
        "title": "Young people's voices in mental health services",
        "summary": (
            "Young people aged 16 to 25 and the staff who work with them decide together what a "
            "good first appointment with a community mental health team looks like."
        ),
        "topics": "mental health, young people",
        "stage": Stage.DESIGN,
        "members": ["priya", "jade", "sam", "ade", "leah"],
        "coordinators": ["priya"],
        "entries": [
            DemoEntry(
                60,
                "Priority-setting evening with young people",
                Stage.IDENTIFYING,
                ActivityKind.WORKSHOP,
                "Waiting times came second; 'being believed first time' came first, so the "
                "project focuses on the first appointment.",
                {"priya": 3, "jade": 3, "ade": 2, "leah": 2},
            ),
            DemoEntry(
                20,
                "Choosing how to collect views",
                Stage.DESIGN,
                ActivityKind.MEETING,
                "The team chose short video diaries alongside a survey, at Jade's suggestion.",
                {"priya": 1.5, "jade": 1.5, "sam": 1.5},
            ),
        ],
    },
    {
        "title": "Living with long COVID: sharing what we found",
        "summary": (
            "A finished study of fatigue after COVID-19, now sharing its findings with patients, "
            "GPs and employers in ways each of them can use."
        ),
        "topics": "long COVID, fatigue, work",
        "stage": Stage.DISSEMINATION,
        "members": ["helen", "ruth", "sam", "amara", "dev"],
        "coordinators": ["helen"],
        "entries": [
            DemoEntry(
                300,
                "Making sense of the interviews together",
                Stage.ANALYSIS,
                ActivityKind.ANALYSIS,
                "Ruth spotted that 'good days' were being counted as recovery; we added a "
                "theme about boom and bust.",
                {"helen": 4, "ruth": 3, "sam": 2},
            ),
            DemoEntry(
                90,
                "Writing the patient summary",
                Stage.DISSEMINATION,
                ActivityKind.WRITING,
                "The summary leads with practical tips, not statistics, because Ruth and Dev "
                "said that is what people ask first.",
                {"ruth": 2.5, "dev": 1, "helen": 2},
            ),
            DemoEntry(
                14,
                "Talk at the GP practice managers' meeting",
                Stage.DISSEMINATION,
                ActivityKind.OTHER,
                "Two practices asked for the leaflet for their waiting rooms.",
                {"ruth": 2, "helen": 2},
            ),
        ],
    },
]


class Command(BaseCommand):
    help = "Load demo data (idempotent): a collective, a dozen people, three projects."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            people = {person.key: self._person(person) for person in PEOPLE}
            collective = self._collective(people)
            for spec in PROJECTS:
                self._project(spec, collective, people)
            self._decisions(collective, people)
            # Every other app adds its part through its manifest (lib/manifests.py).
            world = DemoWorld(people=people, collective=collective)
            for manifest in demo_manifests():
                manifest.demo(world)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        for person in PEOPLE:
            email = f"{person.key}@{DOMAIN}"
            perspective = PerspectiveKind(person.perspectives[0][0]).label.lower()
            job = ", coordinator" if person.coordinator else ""
            self.stdout.write(f"  {email:<32} {person.name} ({perspective}{job})")
        self.stdout.write(f"Password for all demo accounts: {DEMO_PASSWORD}")

    def _person(self, spec: DemoPerson) -> User:
        email = f"{spec.key}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user:
            return user
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            display_name=spec.name,
            skills=spec.skills,
            interests=spec.interests,
            access_needs=spec.access_needs,
            payment_preference=spec.payment,
            communication_preferences=[CommunicationPreference.EMAIL],
            perspectives_visibility=Visibility.MY_TEAMS if spec.shares else Visibility.ONLY_ME,
            health_data_consent_at=timezone.now(),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        for kind, words in spec.perspectives:
            Perspective.objects.create(person=user, kind=kind, in_own_words=words)
        return user

    def _collective(self, people: dict[str, User]) -> Collective:
        collective, created = Collective.objects.get_or_create(
            slug="riverside-co-production-collective",
            defaults={
                "name": "Riverside Co-production Collective",
                "description": (
                    "Patients, carers, community members, researchers and practitioners from "
                    "Riverside who co-produce health and social care research. We meet monthly "
                    "for a cuppa and share power in every project."
                ),
                "created_by": people["amara"],
            },
        )
        for spec in PEOPLE:
            _, joined = CollectiveMembership.objects.get_or_create(
                collective=collective,
                person=people[spec.key],
                defaults={"coordinator_since": timezone.now() if spec.coordinator else None},
            )
            if joined:
                change_record(
                    actor=people[spec.key],
                    action="joined",
                    summary=f"{people[spec.key].name} joined the collective",
                    subject_type="collectivemembership",
                    collective=collective,
                )
        return collective

    def _project(self, spec: dict, collective: Collective, people: dict[str, User]) -> None:
        first = people[spec["members"][0]]
        project, created = Project.objects.get_or_create(
            collective=collective,
            title=spec["title"],
            defaults={
                "summary": spec["summary"],
                "topics": spec["topics"],
                "stage": spec["stage"],
                "created_by": first,
            },
        )
        if created:
            change_record(
                actor=first,
                action="created",
                summary=f"{first.name} started the project",
                subject=project,
                project=project,
                after={"title": project.title, "stage": project.get_stage_display()},
            )
        for key in spec["members"]:
            _, joined = ProjectMembership.objects.get_or_create(
                project=project,
                person=people[key],
                defaults={
                    "coordinator_since": timezone.now() if key in spec["coordinators"] else None
                },
            )
            if joined:
                change_record(
                    actor=people[key],
                    action="joined",
                    summary=f"{people[key].name} joined the project",
                    subject_type="projectmembership",
                    project=project,
                )
        if project.involvement.exists():
            return
        today = timezone.localdate()
        for entry_spec in spec["entries"]:
            entry = InvolvementEntry.objects.create(
                project=project,
                title=entry_spec.title,
                description=entry_spec.description,
                happened_on=today - datetime.timedelta(days=entry_spec.days_ago),
                stage=entry_spec.stage,
                kind=entry_spec.kind,
                what_changed=entry_spec.what_changed,
                recorded_by=first,
            )
            Participation.objects.bulk_create(
                Participation(entry=entry, person=people[key], minutes=round(hours * 60))
                for key, hours in entry_spec.hours.items()
            )
            change_record(
                actor=first,
                action="created",
                summary=f"{first.name} recorded '{entry.title}'",
                subject=entry,
                project=project,
                after={"title": entry.title, "date": entry.happened_on.isoformat()},
            )

    def _decisions(self, collective: Collective, people: dict[str, User]) -> None:
        """A decided ranked choice, an open proposal and an anonymous collective question."""
        if (
            Decision.objects.filter(collective=collective).exists()
            or Decision.objects.filter(project__collective=collective).exists()
        ):
            return
        now = timezone.now()
        stroke = Project.objects.get(collective=collective, title=PROJECTS[0]["title"])

        started = now - datetime.timedelta(days=40)
        venue = decisions.decision_create(
            project=stroke,
            created_by=people["maggie"],
            method=Method.RANKED,
            title="Where should we share the findings?",
            background=(
                "We want stroke survivors and families to come, not only professionals. "
                "Rank the places you think would work best (1 = first choice)."
            ),
            options=[
                "The stroke club on a Tuesday afternoon",
                "The hospital's education centre",
                "The public library",
                "Online, with a recording",
            ],
            closes_at=started + datetime.timedelta(days=10),
            now=started,
        )
        options = {option.label: option.pk for option in venue.options.all()}
        club, hospital, library, online = options.values()
        rankings = {
            "maggie": [club, library, online],
            "gordon": [club, online, library, hospital],
            "amara": [library, club, hospital],
            "tomasz": [hospital, club, library],
            "dev": [online, library, club],
            "leah": [library, club],
        }
        for key, ranking in rankings.items():
            decisions.response_submit(
                decision=venue,
                person=people[key],
                payload={"ranking": ranking},
                now=started + datetime.timedelta(days=2),
            )
        decisions.decision_close(decision=venue, now=venue.closes_at)
        decisions.outcome_write(
            decision=venue,
            person=people["gordon"],
            statement="We will share the findings at the stroke club, with a recording online.",
            reasons="It came first after the later rounds and is where survivors already feel at "
            "home; Dev asked that people who cannot travel can still watch.",
            next_steps="Maggie books the club for March; Amara arranges captions for the "
            "recording.",
            review_on=(now + datetime.timedelta(days=60)).date(),
            now=venue.closes_at + datetime.timedelta(days=1),
        )

        proposal = decisions.decision_create(
            project=stroke,
            created_by=people["amara"],
            method=Method.PROPOSAL,
            title="Pay peer interviewers for travel time as well as interview time",
            background=(
                "Gordon and Maggie travel across the county for interviews. The proposal is to "
                "pay their travel time at the same hourly rate as the interviews themselves."
            ),
            reasons_policy=ReasonsPolicy.OBJECTIONS,
            voice_check=VoiceCheck.PUBLIC,
            voice_minimum=2,
            closes_at=now + datetime.timedelta(days=5),
            now=now - datetime.timedelta(days=3),
        )
        for key, stance, reason in [
            ("amara", "agree", "Travel is part of the work."),
            ("tomasz", "agree", ""),
            ("maggie", "agree", "It takes me an hour each way on two buses."),
            ("dev", "abstain", "I'd like to know the total cost first."),
        ]:
            decisions.response_submit(
                decision=proposal,
                person=people[key],
                payload={"stance": stance},
                reason=reason,
                now=now - datetime.timedelta(days=2),
            )

        principles = decisions.decision_create(
            collective=collective,
            created_by=people["priya"],
            method=Method.GRADIENTS,
            title="Adopt our shared principles for co-production",
            background=(
                "The working group drafted five principles: sharing power, including all "
                "perspectives, respecting and valuing everyone's knowledge, reciprocity, and "
                "building relationships. How far do you agree we adopt them as written?"
            ),
            anonymous=True,
            closes_at=now + datetime.timedelta(days=9),
            now=now - datetime.timedelta(days=1),
        )
        for key, stance in [
            ("priya", "endorse"),
            ("jade", "reservations"),
            ("ruth", "endorse"),
            ("sam", "minor_point"),
            ("ade", "abstain"),
            ("helen", "more_discussion"),
        ]:
            decisions.response_submit(
                decision=principles, person=people[key], payload={"stance": stance}, now=now
            )
