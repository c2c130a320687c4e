"""The demo's decisions, for `load_demo`: a decided ranked choice, an open proposal and an
anonymous collective question."""

from __future__ import annotations

import datetime

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions import services as decisions
from levelfield.decisions.models import Decision, Method, ReasonsPolicy, VoiceCheck
from levelfield.lib.manifests import DemoWorld
from levelfield.people.models import User
from levelfield.projects.demo import PROJECTS
from levelfield.projects.models import Project


def demo_world(world: DemoWorld) -> None:
    _decisions(world.collective, world.people)


def _decisions(collective: Collective, people: dict[str, User]) -> None:
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
        next_steps="Maggie books the club for March; Amara arranges captions for the recording.",
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
