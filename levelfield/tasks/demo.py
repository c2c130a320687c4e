"""Demo tasks: the stroke project's (from a decision's next steps and its check-in,
in every status, one done with the time it took) and the collective's own (from its
autumn check-in), made through the services so their history is written too."""

from __future__ import annotations

from datetime import timedelta

from levelfield.collectives.models import Collective
from levelfield.decisions.models import Decision
from levelfield.people.models import User
from levelfield.places.access import collective_place, place_members
from levelfield.places.models import Place
from levelfield.projects.models import ActivityKind, Stage
from levelfield.reflection.models import CheckInRound
from levelfield.tasks import services
from levelfield.tasks.models import Task
from levelfield.tasks.services import TaskValues

STROKE = "Getting home well after a stroke"


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Task.objects.in_collective(collective.pk).exists():
        return
    stroke = Place.objects.filter(collective=collective, project__title=STROKE).first()
    if stroke is not None:
        _stroke_tasks(stroke, people)
    _collective_tasks(collective_place(collective.pk), people)


def _member(place: Place, people: dict[str, User], *keys: str) -> User | None:
    """The first of `keys` who is in the place (the demo's members may change)."""
    ids = {person.pk for person in place_members(place)}
    for key in keys:
        person = people.get(key)
        if person is not None and person.pk in ids:
            return person
    return None


def _stroke_tasks(place: Place, people: dict[str, User]) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    actor = _member(place, people, "amara", "maggie", "gordon")
    if actor is None:
        return
    venue = Decision.objects.in_place(place).filter(title__startswith="Where should we").first()
    from_venue = ("decision", venue) if venue is not None else None
    services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Book the community club for the findings event in March",
            details="The decision chose the club. Ask about the hearing loop and step-free "
            "access when booking.",
            owner=_member(place, people, "maggie"),
            due_on=today + timedelta(days=1),
            stage=Stage.DISSEMINATION,
        ),
        source=from_venue,
    )
    captions = services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Arrange live captions for the event recording",
            owner=_member(place, people, "amara"),
            due_on=today + timedelta(days=20),
            stage=Stage.DISSEMINATION,
        ),
        source=from_venue,
    )
    services.task_take(task=captions, actor=captions.owner or actor)
    checkin = CheckInRound.objects.in_place(place).first()
    services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Send the interview guide round a week before the next meeting",
            details="From our check-in: papers need to arrive in time to read them.",
            due_on=today + timedelta(days=6),
            stage=Stage.DOING,
        ),
        source=("checkin", checkin) if checkin is not None else None,
    )
    transcripts = services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Read three interview transcripts and note first themes",
            owner=_member(place, people, "gordon", "maggie"),
            due_on=today - timedelta(days=3),
            stage=Stage.ANALYSIS,
        ),
    )
    services.task_done(
        task=transcripts,
        actor=transcripts.owner or actor,
        minutes=150,
        activity=ActivityKind.ANALYSIS,
    )
    services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Chase the hospital for the patient list",
            owner=_member(place, people, "amara"),
            due_on=today - timedelta(days=2),
            stage=Stage.DOING,
        ),
    )
    leaflet = services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(title="Print a leaflet for the GP surgeries", stage=Stage.DOING),
    )
    services.task_drop(
        task=leaflet,
        actor=actor,
        reason="The surgeries asked for a poster and a text message instead.",
    )


def _collective_tasks(place: Place, people: dict[str, User]) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    actor = _member(place, people, "amara", "dev", "maggie")
    if actor is None:
        return
    autumn = CheckInRound.objects.in_place(place).filter(title="Autumn check-in").first()
    services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Ask public contributors for agenda items before the next meeting",
            details="We agreed public contributors set half of each meeting’s agenda.",
            owner=_member(place, people, "dev", "jade"),
            due_on=today + timedelta(days=9),
        ),
        source=("checkin", autumn) if autumn is not None else None,
    )
    services.task_create(
        place=place,
        actor=actor,
        values=TaskValues(
            title="Check the resource map’s links that stopped working",
            details="Anyone can pick this up: the weekly check lists them.",
            due_on=today + timedelta(days=14),
        ),
    )
