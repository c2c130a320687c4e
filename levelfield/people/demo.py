"""The demo's people, for `load_demo`: a dozen invented people with their perspectives.

Safe to run again: it finds the people it made before. Other apps' demos find them in
`world.people` by key ("gordon", "amara", ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils import timezone

from levelfield.lib.manifests import DemoWorld
from levelfield.people.models import (
    CommunicationPreference,
    PaymentPreference,
    Perspective,
    PerspectiveKind,
    User,
    Visibility,
)

DEMO_PASSWORD = "levelfield-demo"  # noqa: S105 - the demo's published password
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
    language: str = ""  # "cy": Levelfield speaks Welsh to them, on pages and in emails


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
        language="cy",
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


def demo_world(world: DemoWorld) -> None:
    for spec in PEOPLE:
        world.people[spec.key] = _person(spec)


def sign_in_lines() -> list[str]:
    """One line per demo person to sign in as, for `load_demo` to print."""
    lines = []
    for person in PEOPLE:
        email = f"{person.key}@{DOMAIN}"
        perspective = PerspectiveKind(person.perspectives[0][0]).label.lower()
        job = ", coordinator" if person.coordinator else ""
        welsh = ", in Welsh" if person.language == "cy" else ""
        lines.append(f"  {email:<32} {person.name} ({perspective}{job}{welsh})")
    return lines


def _person(spec: DemoPerson) -> User:
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
        language=spec.language,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for kind, words in spec.perspectives:
        Perspective.objects.create(person=user, kind=kind, in_own_words=words)
    return user
