"""The demo's outputs: the young people's mental health project's two papers, a lay
summary and a conference talk, co-authored with public contributors (with and without
accounts here), each with their CRediT roles; the talk's speakers' time is in the
project's involvement log, recorded from the talk's page, ready to claim. Safe to run
again."""

from __future__ import annotations

import datetime

from levelfield.collectives.models import Collective
from levelfield.outputs import services
from levelfield.outputs.credit import Role
from levelfield.outputs.models import Kind, Output, OutputTime
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.access import place_member_ids
from levelfield.places.models import Place
from levelfield.projects.models import ActivityKind, Project, Stage

PROJECT_TITLE = "Young people's voices in mental health services"
R = Role
P = PerspectiveKind

# (kind, title, date, venue, doi, public, summary, contributors): each contributor is
# (demo person's key or None, name if no account, ORCID iD, perspective, {role: degree}).
OUTPUTS = [
    (
        Kind.PAPER,
        "“Believed first time”: what young people want from a first mental health appointment",
        datetime.date(2026, 3, 12),
        "Research Involvement and Engagement",
        "10.5555/levelfield.demo.1",
        True,
        "Young peer researchers interviewed 24 young people about their first appointment "
        "with a community mental health team and analysed the interviews with the team.",
        [
            (
                "jade",
                "",
                "",
                P.YOUNG_PERSON,
                {
                    R.INVESTIGATION: "lead",
                    R.FORMAL_ANALYSIS: "equal",
                    R.WRITING_ORIGINAL_DRAFT: "equal",
                },
            ),
            (
                None,
                "Kai Turner",
                "",
                P.YOUNG_PERSON,
                {R.INVESTIGATION: "equal", R.FORMAL_ANALYSIS: "equal"},
            ),
            (
                "priya",
                "",
                "",
                P.PRACTITIONER,
                {
                    R.CONCEPTUALIZATION: "lead",
                    R.PROJECT_ADMINISTRATION: "",
                    R.WRITING_REVIEW_EDITING: "supporting",
                },
            ),
            (
                "sam",
                "",
                "",
                P.RESEARCHER,
                {
                    R.METHODOLOGY: "lead",
                    R.FORMAL_ANALYSIS: "supporting",
                    R.WRITING_ORIGINAL_DRAFT: "equal",
                },
            ),
            (
                None,
                "Josiah Carberry",
                "0000-0002-1825-0097",
                P.RESEARCHER,
                {R.SUPERVISION: "", R.WRITING_REVIEW_EDITING: "equal"},
            ),
        ],
    ),
    (
        Kind.PAPER,
        "Training young people as peer interviewers: a commentary co-authored with two "
        "public contributors",
        datetime.date(2026, 9, 3),
        "Health Expectations",
        "10.5555/levelfield.demo.2",
        True,
        "What the team learned training young people to interview their peers, written "
        "with two of them.",
        [
            (
                "jade",
                "",
                "",
                P.YOUNG_PERSON,
                {R.WRITING_ORIGINAL_DRAFT: "lead", R.CONCEPTUALIZATION: "equal"},
            ),
            (
                None,
                "Kai Turner",
                "",
                P.YOUNG_PERSON,
                {R.WRITING_ORIGINAL_DRAFT: "equal", R.VISUALIZATION: ""},
            ),
            ("sam", "", "", P.RESEARCHER, {R.WRITING_REVIEW_EDITING: "lead"}),
        ],
    ),
    (
        Kind.LAY_SUMMARY,
        "What a good first appointment looks like, in young people's words",
        datetime.date(2026, 4, 2),
        "",
        "",
        True,
        "A two-page summary of the findings, written for young people and their families.",
        [
            (
                "jade",
                "",
                "",
                P.YOUNG_PERSON,
                {R.WRITING_ORIGINAL_DRAFT: "lead", R.VISUALIZATION: "lead"},
            ),
            ("priya", "", "", P.PRACTITIONER, {R.WRITING_REVIEW_EDITING: "supporting"}),
        ],
    ),
    (
        Kind.TALK,
        "Being believed: young peer researchers on first appointments",
        datetime.date(2026, 6, 18),
        "INVOLVE-style Public Involvement Conference, Leeds",
        "",
        False,
        "A 20-minute talk given by two young peer researchers and a nurse.",
        [
            ("jade", "", "", P.YOUNG_PERSON, {R.INVESTIGATION: "", R.VISUALIZATION: "equal"}),
            (None, "Kai Turner", "", P.YOUNG_PERSON, {R.VISUALIZATION: "equal"}),
            ("priya", "", "", P.PRACTITIONER, {R.PROJECT_ADMINISTRATION: ""}),
        ],
    ),
]


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    project = (
        Project.objects.filter(collective=collective, title=PROJECT_TITLE)
        .select_related("place")
        .first()
    )
    if project is None or "priya" not in people:
        return
    place = project.place
    actor = people["priya"]
    for kind, title, date, venue, doi, public, summary, credited in OUTPUTS:
        if Output.objects.in_place(place).filter(title=title).exists():
            continue
        output = services.output_create(
            actor=actor,
            place=place,
            kind=kind,
            title=title,
            date=date,
            venue=venue,
            doi=doi,
            summary=summary,
            show_publicly=public,
        )
        for key, name, orcid, perspective, credits in credited:
            person = people.get(key) if key else None
            if key and person is None:
                continue
            services.contributor_add(
                actor=actor,
                output=output,
                person=person,
                name=name,
                orcid=orcid,
                perspective=perspective,
                credits={role.value: degree for role, degree in credits.items()},
            )

    _talk_time(place=place, people=people)


# The speakers' time for the talk: (demo person's key, minutes), preparing and speaking.
TALK_TIME = [("jade", 180), ("priya", 120)]


def _talk_time(*, place: Place, people: dict[str, User]) -> None:
    """Record the talk's speakers' time as a member would from its page (through the
    service, and so the log's one writer), once."""
    talk = Output.objects.in_place(place).filter(kind=Kind.TALK).first()
    if talk is None or OutputTime.objects.filter(output=talk).exists():
        return
    members = set(place_member_ids(place))
    speakers = {
        people[key]: minutes
        for key, minutes in TALK_TIME
        if key in people and people[key].pk in members
    }
    if not speakers:
        return
    services.output_time_record(
        actor=people["priya"],
        output=talk,
        title=f"Spoke at {talk.venue}: {talk.title}",
        happened_on=talk.date,
        stage=Stage.DISSEMINATION,
        kind=ActivityKind.OTHER,
        participants=speakers,
    )
