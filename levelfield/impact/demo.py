"""The demo's impact: two changes from the young people's mental health project, each
linked to its outputs and to the involvement entries whose "what changed because of
it" they draw on. One is published (and on the public page); one waits as a draft for
the coordinator. Safe to run again."""

from __future__ import annotations

import datetime

from levelfield.collectives.models import Collective
from levelfield.impact import services
from levelfield.impact.models import ForWhom, Impact, Kind
from levelfield.outputs.models import Output
from levelfield.people.models import User
from levelfield.projects.models import InvolvementEntry, Project

PROJECT_TITLE = "Young people's voices in mental health services"

# (title, what changed, for whom, who exactly, kind, when, evidence, evidence web address,
#  public, publish, titles of outputs linked, titles of involvement entries linked)
IMPACTS = [
    (
        "First appointment letters rewritten with young people",
        "The community mental health team rewrote the letter inviting young people to a "
        "first appointment, using the young peer researchers' finding that being believed "
        "first time matters most: it now says who they will meet, that they can bring "
        "someone, and that what they say will be taken seriously.",
        ForWhom.PRACTICE,
        "the community mental health team for 16 to 25 year olds",
        Kind.PRACTICE,
        datetime.date(2026, 5, 20),
        "The service manager's email confirming the new letter is used for every referral "
        "from June 2026; 9 of 12 young people asked in clinic said the new letter made them "
        "less worried about coming.",
        "",
        True,
        True,
        [
            "“Believed first time”: what young people want from a first mental health appointment",
            "What a good first appointment looks like, in young people's words",
        ],
        ["Priority-setting evening with young people"],
    ),
    (
        "Young peer researchers trained and paid as interviewers",
        "Two young people who started as advisers were trained to interview their peers, "
        "co-wrote a paper and spoke at a conference; one has since been taken on as a paid "
        "peer support worker.",
        ForWhom.CONTRIBUTORS,
        "the young peer researchers",
        Kind.SKILLS,
        datetime.date(2026, 10, 1),
        "Their own reflections in the commentary; the conference programme.",
        "",
        True,
        False,
        [
            "Training young people as peer interviewers: a commentary co-authored with two "
            "public contributors",
            "Being believed: young peer researchers on first appointments",
        ],
        ["Choosing how to collect views"],
    ),
]


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    project = (
        Project.objects.filter(collective=collective, title=PROJECT_TITLE)
        .select_related("place__collective", "place__project")
        .first()
    )
    if project is None or "priya" not in people or "jade" not in people:
        return
    place = project.place
    for (
        title,
        what_changed,
        for_whom,
        detail,
        kind,
        when,
        evidence,
        url,
        public,
        publish,
        output_titles,
        entry_titles,
    ) in IMPACTS:
        if Impact.objects.in_place(place).filter(title=title).exists():
            continue
        impact = services.impact_create(
            actor=people["jade"],
            place=place,
            title=title,
            what_changed=what_changed,
            for_whom=for_whom,
            for_whom_detail=detail,
            kind=kind,
            happened_on=when,
            evidence=evidence,
            evidence_url=url,
            show_publicly=public,
        )
        services.impact_link(
            actor=people["jade"],
            impact=impact,
            outputs=Output.objects.in_place(place).filter(title__in=output_titles),
            entries=InvolvementEntry.objects.filter(place=place, title__in=entry_titles),
        )
        if publish:
            services.impact_publish(actor=people["priya"], impact=impact)
