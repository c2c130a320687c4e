"""The sections of each kind of report, and the statements pre-filled from the figures.

A statement is one sentence with the records it came from: `{"text": ..., "links":
[[title, address], ...]}`. They are written once, at generation time, into the version's
figures, so every sentence of the first draft can be traced back to the records even
after the team has rewritten the text. Pure functions of the figures: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from levelfield.impact.figures import impact_sentence  # impact
from levelfield.lib.words import plural
from levelfield.outputs.figures import output_sentence
from levelfield.partners import reporting as partner_reports
from levelfield.reports.models import Kind


@dataclass(frozen=True)
class Section:
    """A section of a report. Its heading and hint are shown in the reader's language;
    stored text (a version's note, the history) takes them in the site's own."""

    key: str
    heading: str
    hint: str


# The GRIPP2 short form (Staniszewska et al., BMJ 2017): five items.
GRIPP2 = (
    Section(
        "aim", gettext_lazy("Aim"), gettext_lazy("The aim of public involvement in this project.")
    ),
    Section(
        "methods",
        gettext_lazy("Methods"),
        gettext_lazy("How people were involved: who, at which stages, how often and how long."),
    ),
    Section(
        "results",
        gettext_lazy("Results"),
        gettext_lazy(
            "What happened because of involvement: the decisions it shaped, positive and negative."
        ),
    ),
    Section(
        "discussion",
        gettext_lazy("Discussion and conclusions"),
        gettext_lazy(
            "How far involvement influenced the project, what went well and what did not."
        ),
    ),
    Section(
        "reflections",
        gettext_lazy("Reflections and critical perspective"),
        gettext_lazy("What you would do differently: including where the team felt unequal."),
    ),
)

ANNUAL = (
    Section(
        "summary",
        gettext_lazy("Our year in summary"),
        gettext_lazy("What the collective achieved this year."),
    ),
    Section(
        "people",
        gettext_lazy("Who took part"),
        gettext_lazy("People involved by perspective, people new this year, the time given."),
    ),
    Section(
        "activity",
        gettext_lazy("What we did"),
        gettext_lazy("Projects by stage, events and attendance."),
    ),
    Section(
        "partners",
        gettext_lazy("Who we worked with and what we did for them"),
        gettext_lazy(
            "Partner organisations, the work we did with or for them, and the income it brought."
        ),
    ),
    Section(
        "decisions",
        gettext_lazy("What we decided together"),
        gettext_lazy("Decisions made and their outcomes."),
    ),
    Section(
        "money",
        gettext_lazy("Paying people for their time"),
        gettext_lazy("Payments made and how quickly."),
    ),
    Section(
        "better",
        gettext_lazy("Where we could do better"),
        gettext_lazy("Check-in results, the largest gaps between perspectives, what we will do."),
    ),
    Section(
        "stories",
        gettext_lazy("Stories of change"),
        gettext_lazy("What changed because people took part."),
    ),
)


def sections_of(kind: str) -> tuple[Section, ...]:
    return GRIPP2 if kind == Kind.GRIPP2 else ANNUAL


def section_of(kind: str, key: str) -> Section | None:
    return next((section for section in sections_of(kind) if section.key == key), None)


def _said(text: str, *links: tuple[str, str]) -> dict[str, Any]:
    return {"text": text, "links": [[title, address] for title, address in links if address]}


def _people(count: int | None, minimum: int) -> str:
    return plural(count, "person") if count is not None else f"fewer than {minimum} people"


def _involvement(figures: dict[str, Any], link_title: str) -> list[dict[str, Any]]:
    involvement, minimum = figures["involvement"], figures["minimum"]
    link = (link_title, involvement["link"])
    said = [
        _said(
            f"{_people(involvement['people'], minimum)} gave {involvement['hours']} hours "
            f"across {plural(involvement['entries'], 'activity', 'activities')} in the "
            "involvement log.",
            link,
        )
    ]
    if involvement["by_group"]:
        parts = "; ".join(
            f"{row['group']}: {plural(row['people'], 'person')}, {row['hours']} hours"
            for row in involvement["by_group"]
        )
        said.append(_said(f"By perspective: {parts}.", link))
    elif involvement["people"] is not None:
        said.append(
            _said(
                f"Perspectives are not split here: each group needs at least {minimum} "
                "people before it is shown on its own.",
            )
        )
    if involvement["by_stage"]:
        stages = "; ".join(
            f"{row['stage']}: {row['hours']} hours" for row in involvement["by_stage"]
        )
        said.append(_said(f"Time by research stage: {stages}.", link))
    return said


def _decisions(figures: dict[str, Any]) -> list[dict[str, Any]]:
    decided = figures["decisions"]
    said = [
        _said(
            f"{plural(decided['made'], 'decision')} made together, "
            f"{decided['with_outcome']} with a recorded outcome."
        )
    ]
    for outcome in decided["outcomes"]:
        said.append(
            _said(f"{outcome['title']}: {outcome['statement']}", ("the decision", outcome["link"]))
        )
    return said


def _events(figures: dict[str, Any]) -> list[dict[str, Any]]:
    held, minimum = figures["events"], figures["minimum"]
    if not held["held"]:
        return [_said("No events were held.")]
    came = (
        plural(held["attendances"], "attendance")
        if held["attendances"] is not None
        else f"fewer than {minimum} attendances"
    )
    return [
        _said(
            f"{plural(held['held'], 'event')} held, with {came}.",
            *[(event["title"], event["link"]) for event in held["listed"]],
        )
    ]


def _checkins(figures: dict[str, Any]) -> list[dict[str, Any]]:
    checks, minimum = figures["checkins"], figures["minimum"]
    if not checks["rounds"]:
        return [_said(f"No check-in round had results yet (results show from {minimum} answers).")]
    said = [
        _said(
            f"{plural(checks['rounds'], 'check-in round')} with results, "
            f"{plural(checks['answers'], 'answer')} in all."
        )
    ]
    if len(checks.get("trend", [])) >= 2:
        first, last = checks["trend"][0], checks["trend"][-1]
        said.append(
            _said(
                f"The average score went from {first['average']} ({first['round']}) to "
                f"{last['average']} ({last['round']}), out of 5."
            )
        )
    for gap in checks["gaps"]:
        direction = "higher" if gap["gap"] > 0 else "lower"
        said.append(
            _said(
                f"{gap['theme']} ({gap['round']}): public contributors rated it "
                f"{abs(gap['gap'])} {direction} than researchers and practitioners.",
                ("the check-in results", gap["link"]),
            )
        )
    for action in checks["actions_listed"]:
        said.append(_said(f"We said we would: {action['text']}", ("the check-in", action["link"])))
    return said


def _payments(figures: dict[str, Any]) -> list[dict[str, Any]]:
    paid, minimum = figures["payments"], figures["minimum"]
    if not paid["shown"]:
        return [
            _said(
                f"Payment totals are not shown: fewer than {minimum} people were paid, so a "
                "total could show what one person received."
            )
        ]
    expenses = f" and £{paid['expenses']} in expenses" if paid["expenses"] is not None else ""
    return [
        _said(
            f"£{paid['fees']} paid in fees{expenses} to {plural(paid['people'], 'person')} "
            f"in {plural(paid['claims'], 'claim')}; half were paid within "
            f"{plural(paid['median_days'], 'day')} of the activity."
        )
    ]


def _stories(figures: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _said(
            f"{story['title']} ({story['project']}): {story['what_changed']}",
            ("the involvement entry", story["link"]),
        )
        for story in figures["stories"]
    ]


def _published_stories(figures: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _said(f"Published story: {story['title']}.", ("the story", story["link"]))
        for story in figures.get("published_stories", [])
    ]


def _evidence(figures: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _said(
            f"{row['dimension']}: {row['label']}: {row['total']}.", ("the evidence", row["link"])
        )
        for row in figures.get("evidence", [])
    ]


def _outputs(figures: dict[str, Any]) -> list[dict[str, Any]]:  # outputs
    return [
        _said(output_sentence(row), ("the output", row["link"]))
        for row in figures.get("outputs", [])
    ]


def _impact(figures: dict[str, Any]) -> list[dict[str, Any]]:  # impact
    return [
        _said(impact_sentence(row), ("the impact", row["link"]))
        for row in figures.get("impact", [])
    ]


def _tasks(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Who does the work (levelfield/tasks); reports generated before tasks had none."""
    done = figures.get("tasks")
    if not done or not done["tasks"]:
        return []
    said = [
        _said(
            f"{plural(done['tasks'], 'task')} done by "
            f"{_people(done['people'], figures['minimum'])}."
        )
    ]
    if done["by_group"]:
        parts = "; ".join(
            f"{row['group']}: {plural(row['tasks'], 'task')} by {plural(row['people'], 'person')}"
            for row in done["by_group"]
        )
        said.append(_said(f"Who does the work, by perspective: {parts}."))
    return said


def statements_for(kind: str, figures: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each section's pre-filled statements."""
    if kind == Kind.GRIPP2:
        return {
            "aim": [],
            "methods": _involvement(figures, "the involvement log")
            + _events(figures)
            + _tasks(figures)
            + partner_reports.gripp2_statements(figures.get("partners")),
            "results": _decisions(figures)
            + _stories(figures)
            + _outputs(figures)
            + _impact(figures),  # impact
            "discussion": _evidence(figures) + _payments(figures),
            "reflections": _checkins(figures),
        }
    projects, people, minimum = figures["projects"], figures["people"], figures["minimum"]
    new = _people(people["new"], minimum)
    return {
        "summary": [
            _said(
                f"{plural(projects['total'], 'project')}, {projects['new']} of them new this "
                f"year; {figures['involvement']['hours']} hours given; "
                f"{plural(figures['decisions']['made'], 'decision')} made together."
            )
        ],
        "people": [_said(f"{new} joined the collective this year.")]
        + _involvement(figures, "")
        + _tasks(figures),
        "activity": [
            _said(
                "Projects by stage: "
                + "; ".join(f"{row['stage']}: {row['count']}" for row in projects["by_stage"])
                + "."
            )
        ]
        + _events(figures),
        "partners": partner_reports.annual_statements(figures.get("partners")),
        "decisions": _decisions(figures),
        "money": _payments(figures),
        "better": _checkins(figures),
        "stories": _published_stories(figures)
        + _stories(figures)
        + _outputs(figures)
        + _impact(figures),  # impact
    }


def draft_text(statements: list[dict[str, Any]]) -> str:
    """The first draft of a section in Markdown: each statement with links to its records."""
    lines = []
    for statement in statements:
        links = ", ".join(f"[{title}]({address})" for title, address in statement["links"])
        lines.append(f"- {statement['text']}" + (f" (from {links})" if links else ""))
    return "\n".join(lines)
