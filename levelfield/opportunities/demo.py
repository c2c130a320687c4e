"""Demo opportunities: three live on the board (one from the young people's project
asking for young people with lived experience of mental health services), one waiting
for the coordinator to check, and people who expressed interest, some with access
needs they chose to share. The young people's one has a finished selection: everyone
told, invitations sent, and enough equality monitoring answers for totals to show.
Everything goes through the services, so the history,
notifications and checks are as real. Safe to run twice: it does nothing if the young
people's opportunity exists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.opportunities import services
from levelfield.opportunities.models import (
    Interest,
    Involvement,
    Mode,
    Opportunity,
    Outcome,
    Region,
    Topic,
)
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Project

YOUNG = "Young people’s advisor: what should a first mental health appointment feel like?"

OPPORTUNITIES: list[dict[str, Any]] = [
    {
        "project": "Young people's voices in mental health services",
        "writer": "priya",
        "live": True,
        "topics": ["mental-health", "young-people"],
        "values": {
            "title": YOUNG,
            "summary": "We are redesigning the first appointment with Riverside's community "
            "mental health team, with the young people who use it. Join a small group that "
            "decides what we ask, reads what we find and says what should change.",
            "who_for": "Young people aged 16 to 25 who have used mental health services, "
            "or tried to. You do not need to tell us your diagnosis.",
            "perspectives": [PerspectiveKind.YOUNG_PERSON, PerspectiveKind.LIVED_EXPERIENCE],
            "involvement": Involvement.ADVISORY_GROUP,
            "time_needed": "Six evening sessions of 90 minutes over six months",
            "mode": Mode.BOTH,
            "region": Region.SOUTH_EAST,
            "accessibility": "Sessions are online or at the youth centre (step-free, quiet "
            "room). Cameras optional. Papers a week before, in plain English.",
            "paid": True,
            "payment": "£25 an hour, paid within 14 days, and travel.",
            "gains": "A reference, training in research methods, and seeing services change.",
            "how_to_ask": "Ask Priya anything first: reply to the confirmation email.",
        },
        "interests": [
            (
                "Kemi A.",
                "kemi@example.org",
                "I waited a year for my first appointment and I want it to be better.",
                [PerspectiveKind.YOUNG_PERSON, PerspectiveKind.LIVED_EXPERIENCE],
                "I find big groups hard; could I join online with my camera off?",
            ),
            (
                "Josh T.",
                "josh@example.org",
                "My sister used CAMHS and I help at a youth club.",
                [PerspectiveKind.YOUNG_PERSON, PerspectiveKind.CARER],
                "",
            ),
            (
                "Ana R.",
                "ana@example.org",
                "I work with young people and want to learn about research.",
                [PerspectiveKind.PRACTITIONER],
                "",
            ),
            (
                "Dev P.",
                "dev@example.org",
                "I was discharged from CAMHS at 18 and nobody explained what came next.",
                [PerspectiveKind.YOUNG_PERSON, PerspectiveKind.LIVED_EXPERIENCE],
                "",
            ),
            (
                "Sol W.",
                "sol@example.org",
                "I run a peer support group at college.",
                [PerspectiveKind.YOUNG_PERSON],
                "Captions on video calls, please.",
            ),
            (
                "Maya K.",
                "maya@example.org",
                "I want services to listen to young carers like me.",
                [PerspectiveKind.YOUNG_PERSON, PerspectiveKind.CARER],
                "",
            ),
            (
                "Leo B.",
                "leo@example.org",
                "I have never done anything like this but I would like to try.",
                [PerspectiveKind.YOUNG_PERSON],
                "",
            ),
        ],
        # Everyone who answered agreed to the equality monitoring questions; a selection
        # of 5 has been made, everyone told, and the chosen answered again.
        "reach": True,
        "selection": {"places": 5, "seed": 20261205},
    },
    {
        "project": "Getting home well after a stroke",
        "writer": "amara",
        "live": True,
        "topics": ["stroke", "carers"],
        "values": {
            "title": "Read and improve our interview questions about coming home after a stroke",
            "summary": "We will interview people in their first months at home after a "
            "stroke. Help us make the questions clear, kind and easy to answer.",
            "who_for": "People who have had a stroke and the family members or friends who "
            "care for them.",
            "perspectives": [PerspectiveKind.LIVED_EXPERIENCE, PerspectiveKind.CARER],
            "involvement": Involvement.REVIEWING,
            "time_needed": "About 3 hours, at home, in the next month",
            "mode": Mode.ONLINE,
            "region": Region.ANYWHERE,
            "accessibility": "Papers by post or email, in large print or aphasia-friendly "
            "format on request.",
            "paid": True,
            "payment": "A half-day rate under our payment policy.",
            "gains": "Your words in the study, and a thank-you letter for your records.",
        },
        "interests": [
            (
                "Bea M.",
                "bea@example.org",
                "I care for my husband, who had a stroke two years ago.",
                [PerspectiveKind.CARER],
                "Please send papers by post.",
            ),
        ],
    },
    {
        "project": None,
        "writer": "amara",
        "live": True,
        "topics": ["public-health"],
        "values": {
            "title": "Help plan our monthly Co-Pro Cuppa",
            "summary": "Our monthly Cuppa is where people meet researchers over tea. Help "
            "us choose topics, welcome newcomers and make it work for everyone.",
            "who_for": "Anyone in Riverside who would like to meet people and talk about "
            "health research. No experience needed.",
            "perspectives": [],
            "involvement": Involvement.WORKSHOP,
            "time_needed": "One hour a month",
            "mode": Mode.IN_PERSON,
            "region": Region.SOUTH_EAST,
            "accessibility": "The library is step-free with a hearing loop.",
            "paid": False,
            "payment": "Unpaid: tea, cake and travel expenses.",
        },
        "interests": [],
    },
    {
        "project": "Living with long COVID: sharing what we found",
        "writer": "ruth",
        "live": False,
        "topics": ["long-covid", "long-term-conditions"],
        "values": {
            "title": "Panel member: which long COVID findings should we share first?",
            "summary": "Join a panel deciding how to share our findings with GPs and patients.",
            "who_for": "People living with long COVID.",
            "perspectives": [PerspectiveKind.LIVED_EXPERIENCE],
            "involvement": Involvement.PANEL,
            "time_needed": "Two 2-hour online meetings",
            "mode": Mode.ONLINE,
            "region": Region.ANYWHERE,
            "accessibility": "Short sessions with breaks; rest whenever you need to.",
            "paid": True,
            "payment": "£25 an hour.",
        },
        "interests": [],
    },
]


def _place(collective: Collective, project_title: str | None) -> Place | None:
    if project_title is None:
        return Place.objects.filter(collective=collective, kind=PlaceKind.COLLECTIVE).first()
    project = Project.objects.filter(collective=collective, title=project_title).first()
    return project.place if project is not None else None


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if collective is None or Opportunity.objects.filter(title=YOUNG).exists():
        return
    checker = people.get("amara")
    if checker is None:
        return
    closes = timezone.localdate() + timedelta(days=30)
    for spec in OPPORTUNITIES:
        place, writer = _place(collective, spec["project"]), people.get(spec["writer"])
        if place is None or writer is None:
            continue
        opportunity = services.opportunity_create(
            place=place,
            actor=writer,
            topics=Topic.objects.filter(slug__in=spec["topics"]),
            closes_on=closes,
            **spec["values"],
        )
        services.opportunity_submit(opportunity=opportunity, actor=writer)
        if not spec["live"]:
            continue
        services.opportunity_publish(opportunity=opportunity, actor=checker)
        for number, (name, email, why, perspectives, needs) in enumerate(spec["interests"]):
            services.interest_express(
                opportunity=opportunity,
                name=name,
                email=email,
                why=why,
                perspectives=perspectives,
                access_needs=needs,
                reach=_reach(number) if spec.get("reach") else None,
            )
        if spec.get("selection"):
            _select(opportunity, writer, spec["selection"])


# Made-up equality monitoring answers, varied so some totals reach 5 and some do not.
AGES = ["18_24", "18_24", "under_18", "18_24", "18_24", "18_24", "prefer_not"]
GENDERS = ["woman", "man", "woman", "non_binary", "woman", "man", "prefer_not"]
ETHNIC = ["black", "white", "asian", "mixed", "black", "white", "asian"]


def _reach(number: int) -> dict[str, str]:
    return {
        "age_band": AGES[number % len(AGES)],
        "gender": GENDERS[number % len(GENDERS)],
        "ethnic_group": ETHNIC[number % len(ETHNIC)],
        "disability": "yes" if number % 3 == 0 else "no",
        "carer": "yes" if number in (1, 5) else "no",
        "first_time": "yes" if number % 2 else "no",
    }


def _select(opportunity: Opportunity, organiser: User, settings: dict[str, int]) -> None:
    """Finish a selection: the chosen are invited and the rest told; those not chosen
    ask to be kept in mind, and the chosen answer the equality monitoring questions
    again for the "took part" totals."""
    services.selection_finish(opportunity=opportunity, actor=organiser, **settings)
    answered = {
        row.email: number
        for number, row in enumerate(
            Interest.objects.filter(opportunity=opportunity).order_by("pk")
        )
    }
    for row in Interest.objects.filter(opportunity=opportunity).order_by("pk"):
        if row.outcome == Outcome.CHOSEN:
            services.reach_took_part(interest=row, answers=_reach(answered[row.email]))
        elif row.keep_in_mind is None:
            services.keep_in_mind_answer(interest=row, keep=True)
