"""The demo's decisions, for `load_demo`: a decided ranked choice, an open proposal, an
anonymous collective question and the Allies Group choosing how it decides."""

from __future__ import annotations

import datetime

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions import services as decisions
from levelfield.decisions.models import Decision, Method, ReasonsPolicy, VoiceCheck
from levelfield.lib.manifests import DemoWorld
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind
from levelfield.places.services import group_join
from levelfield.projects.demo import PROJECTS
from levelfield.projects.models import Project

ALLIES_GROUP = "Allies Group"
ALLIES_QUESTION = "How should the Allies Group make decisions?"
# Each option, and its words in easy read.
ALLIES_OPTIONS = {
    "Consent: we go ahead unless someone has a reasoned objection": "We go ahead. "
    "Anyone can stop us if they say why.",
    "Majority vote: the option most of us choose": "We vote. The idea with the most votes wins.",
    "Consensus: we talk until everyone can support it": "We keep talking until everyone agrees.",
    "Gradients of agreement, then consent on the final wording": "We each say how much we "
    "like it. Then we agree the words.",
}
ALLIES_EASY_READ = (
    "We want to try a new way to make decisions.\n"
    "We will try it for 6 months.\n"
    "Which way should we try first?\n"
    "You can tell us why."
)


def demo_world(world: DemoWorld) -> None:
    _decisions(world.collective, world.people)
    _allies_group_decision(world.collective, world.people)


def _allies_group_decision(collective: Collective, people: dict[str, User]) -> None:
    """An open question in the Allies Group (the places demo makes the group), answered
    so far by four of its members; safe to run again."""
    group = Place.objects.filter(
        collective=collective, kind=PlaceKind.GROUP, group_name=ALLIES_GROUP
    ).first()
    if group is None or Decision.objects.in_place(group).filter(title=ALLIES_QUESTION).exists():
        return
    voters = ["amara", "gordon", "maggie", "leah", "dev"]
    if any(key not in people for key in voters):
        return
    for key in voters:  # the places demo's members; joining again changes nothing
        group_join(group=group, person=people[key])
    now = timezone.now()
    started = now - datetime.timedelta(days=4)
    question = decisions.decision_create(
        place=group,
        created_by=people["amara"],
        method=Method.SINGLE_CHOICE,
        title=ALLIES_QUESTION,
        background=(
            "We have mapped how decisions are made in the collective now. Before we "
            "propose a new way to everyone, we want to try one ourselves for six months. "
            "Which way should the Allies Group try first? Say why if you can: we will read "
            "every reason at the next meeting."
        ),
        options=list(ALLIES_OPTIONS),
        # In easy read too, for members who ask for it on the response form.
        easy_read_question=ALLIES_EASY_READ,
        easy_read_options=ALLIES_OPTIONS,
        closes_at=now + datetime.timedelta(days=10),
        now=started,
    )
    consent, _majority, consensus, gradients = (option.pk for option in question.options.all())
    for key, choice, reason in [
        ("amara", consent, "It keeps us moving and nobody can be ignored."),
        ("gordon", consensus, "After a stroke I need time to think; voting feels rushed."),
        ("maggie", consent, "A reasoned objection is a fair test, and quicker than consensus."),
        ("leah", gradients, "It shows how strongly people feel, not only yes or no."),
    ]:
        decisions.response_submit(
            decision=question,
            person=people[key],
            payload={"options": [choice]},
            reason=reason,
            now=started + datetime.timedelta(days=1),
        )


def _decisions(collective: Collective, people: dict[str, User]) -> None:
    """A decided ranked choice, an open proposal and an anonymous collective question."""
    if Decision.objects.in_collective(collective.pk).exclude(place__kind=PlaceKind.GROUP).exists():
        return
    now = timezone.now()
    stroke = Project.objects.get(collective=collective, title=PROJECTS[0]["title"])

    started = now - datetime.timedelta(days=40)
    venue = decisions.decision_create(
        place=stroke.place,
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
        place=stroke.place,
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
        place=Place.objects.get(kind=PlaceKind.COLLECTIVE, collective=collective),
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
