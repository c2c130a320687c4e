"""The figures of a report, computed from the records when the report is generated.

Each function reads one kind of record with a fixed number of aggregate queries, so
generating a report costs the same number of queries for a collective with 20 entries
as for one with 20,000 (`tests/test_figures.py` counts them). The result is plain JSON
(numbers, text, links), stored as a snapshot in the report's version.

Privacy rules kept here, not in the templates:
- a count of people under `settings.MINIMUM_ANONYMOUS_GROUP` is stored as None and shown
  as "fewer than 5"; stages with fewer people are merged into one row;
- the split by perspective group appears only when every group present is big enough
  (`reflection.groups.may_split`), otherwise everyone is merged;
- payments appear only as totals over at least that many people, never per person;
- access needs, equality data and check-in comments are never read; no names appear.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions.models import Decision, Outcome
from levelfield.events.models import Event, Registration
from levelfield.impact.figures import report_impacts  # impact
from levelfield.outputs.figures import report_outputs
from levelfield.partners.reporting import report_figures
from levelfield.people.models import Perspective
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import InvolvementEntry, Participation, Project, Stage
from levelfield.reflection import groups
from levelfield.reflection.models import Action, Answer, CheckInRound, PerspectiveGroup
from levelfield.stories.models import Story
from levelfield.tasks.figures import tasks_done_by_perspective

LIST_LIMIT = 12  # records listed by name in one figure; the counts cover them all
GAPS_SHOWN = 3


def minimum() -> int:
    return settings.MINIMUM_ANONYMOUS_GROUP


def shown(count: int) -> int | None:
    """A count of people, or None when it is too small to show."""
    return count if count >= minimum() else None


def hours_text(minutes: int | None) -> str:
    value = (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))
    return f"{value:f}"


@dataclass(frozen=True)
class Scope:
    """What a report covers: one project over its life, or a collective over a year."""

    collective: Collective
    project: Project | None = None
    year: int | None = None

    @property
    def start(self) -> date | None:
        return date(self.year, 1, 1) if self.year else None

    @property
    def end(self) -> date | None:
        return date(self.year, 12, 31) if self.year else None

    def moments(self) -> tuple[datetime, datetime] | None:
        if not self.year:
            return None
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.max, tzinfo=zone),
        )

    def entries(self) -> QuerySet[InvolvementEntry]:
        if self.project:
            return InvolvementEntry.objects.filter(place__project=self.project)
        # The collective's own activities (its Cuppa) and every project's.
        return InvolvementEntry.objects.filter(
            place__collective=self.collective, happened_on__range=(self.start, self.end)
        )

    def participations(self) -> QuerySet[Participation]:
        if self.project:
            return Participation.objects.filter(entry__place__project=self.project)
        return Participation.objects.filter(
            entry__place__collective=self.collective,
            entry__happened_on__range=(self.start, self.end),
        )

    def in_place(self, *, dated: str) -> Q:
        """Records of the project, or of the collective and its projects in the year."""
        if self.project:
            return Q(project=self.project)
        start, end = self.moments()
        return (Q(collective=self.collective) | Q(project__collective=self.collective)) & Q(
            **{f"{dated}__range": (start, end)}
        )


def figures_for(scope: Scope) -> dict[str, Any]:
    """Every figure of the report, as JSON."""
    figures: dict[str, Any] = {
        "minimum": minimum(),
        "period": {
            "start": scope.start.isoformat() if scope.start else None,
            "end": scope.end.isoformat() if scope.end else None,
        },
        "involvement": involvement(scope),
        "decisions": decisions(scope),
        "events": events(scope),
        "checkins": checkins(scope),
        "payments": payments(scope),
        "stories": stories(scope),
        "outputs": report_outputs(  # outputs
            collective_id=scope.collective.pk,
            project_id=scope.project.pk if scope.project else None,
            start=scope.start,
            end=scope.end,
        ),
        "impact": report_impacts(  # impact
            collective_id=scope.collective.pk,
            project_id=scope.project.pk if scope.project else None,
            start=scope.start,
            end=scope.end,
        ),
        "partners": report_figures(
            collective_id=scope.collective.pk,
            project_id=scope.project.pk if scope.project else None,
            start=scope.start,
            end=scope.end,
        ),
        "tasks": tasks(scope),
    }
    if scope.project:
        figures["evidence"] = evidence(scope.project)
    else:
        figures["projects"] = projects(scope)
        figures["people"] = people(scope)
        figures["published_stories"] = published_stories(scope)
    return figures


def tasks(scope: Scope) -> dict[str, Any]:
    """Who does the work: tasks done, by perspective group (levelfield/tasks/figures.py)."""
    if scope.project:
        return tasks_done_by_perspective(place=scope.project.place)
    start, end = scope.moments()
    return tasks_done_by_perspective(collective_id=scope.collective.pk, start=start, end=end)


# The involvement log: who (by perspective group), at which stages, how long


def _groups_of_participants(participations: QuerySet[Participation]) -> dict[int, str]:
    """Each participant's perspective group (from the perspectives they share with their
    teams), in one query with a subquery, so it costs the same however many there are."""
    ids = participations.filter(person__isnull=False).values("person_id")
    kinds: dict[int, set[str]] = defaultdict(set)
    shared = Perspective.objects.shared_with_teammates().filter(person_id__in=ids)
    for person_id, kind in shared.values_list("person_id", "kind"):
        kinds[person_id].add(kind)
    return {person_id: groups.group_of(found) for person_id, found in kinds.items()}


def involvement(scope: Scope) -> dict[str, Any]:
    participations = scope.participations()
    per_person = list(
        participations.values("person_id").annotate(minutes=Sum("minutes")).order_by()
    )
    group_of = _groups_of_participants(participations)
    people = sum(1 for row in per_person if row["person_id"])
    minutes_by_group: dict[str, int] = defaultdict(int)
    people_by_group: dict[str, int] = defaultdict(int)
    for row in per_person:
        group = group_of.get(row["person_id"], PerspectiveGroup.OTHER)
        minutes_by_group[group] += row["minutes"] or 0
        if row["person_id"]:
            people_by_group[group] += 1
    split = groups.may_split(people_by_group.values())
    by_group = (
        [
            {
                "group": group.label,
                "people": people_by_group[group],
                "hours": hours_text(minutes_by_group[group]),
            }
            for group in groups.SPLIT_GROUPS
            if people_by_group.get(group)
        ]
        if split
        else []
    )
    total_minutes = sum(minutes_by_group.values())
    return {
        "entries": scope.entries().count(),
        "people": shown(people),
        "hours": hours_text(total_minutes),
        "split": split,
        "by_group": by_group,
        "by_stage": _by_stage(participations),
        "link": reverse("places:log", args=[scope.project.place.pk]) if scope.project else "",
    }


def _by_stage(participations: QuerySet[Participation]) -> list[dict[str, Any]]:
    """Hours and entries at each research stage. Stages where fewer than the minimum
    took part are merged into one unnamed row, so nobody's time is singled out."""
    rows = (
        participations.values("entry__stage")
        .annotate(
            minutes=Sum("minutes"),
            entries=Count("entry", distinct=True),
            people=Count("person", distinct=True),
        )
        .order_by()
    )
    found = {row["entry__stage"]: row for row in rows}
    by_stage, merged = [], {"minutes": 0, "entries": 0, "stages": 0}
    labels = [*Stage.choices, ("", "Outside the research cycle (the collective’s own activities)")]
    for value, label in labels:
        row = found.get(value)
        if row is None:
            continue
        if row["people"] >= minimum():
            by_stage.append(
                {
                    "stage": label,
                    "entries": row["entries"],
                    "people": row["people"],
                    "hours": hours_text(row["minutes"]),
                }
            )
        else:
            merged["minutes"] += row["minutes"] or 0
            merged["entries"] += row["entries"]
            merged["stages"] += 1
    if merged["stages"]:
        by_stage.append(
            {
                "stage": f"Other stages (fewer than {minimum()} people at each)",
                "entries": merged["entries"],
                "people": None,
                "hours": hours_text(merged["minutes"]),
            }
        )
    return by_stage


# Decisions and their outcomes


def decisions(scope: Scope) -> dict[str, Any]:
    # Decisions belong to a place: the project's, or any in the collective (groups too).
    if scope.project:
        in_place = Q(place__project=scope.project)
    else:
        in_place = Q(place__collective=scope.collective, closed_at__range=scope.moments())
    closed = Decision.objects.filter(in_place, closed_at__isnull=False)
    counts = closed.aggregate(
        made=Count("id"),
        with_outcome=Count("outcome"),
        voices_heard=Count("id", filter=Q(voices_heard=True)),
    )
    outcomes = (
        Outcome.objects.filter(decision__in=closed)
        .select_related("decision")
        .order_by("-decision__closed_at", "-decision_id")[:LIST_LIMIT]
    )
    return {
        **counts,
        "outcomes": [
            {
                "title": outcome.decision.title,
                "statement": outcome.statement[:400],
                "link": reverse("decisions:detail", args=[outcome.decision_id]),
            }
            for outcome in outcomes
        ],
    }


# Events and attendance


def events(scope: Scope) -> dict[str, Any]:
    # Events belong to a place: the project's, or any place in the collective (its own,
    # its groups' and its projects').
    if scope.project is not None:
        held = Event.objects.filter(place__project=scope.project, cancelled_at__isnull=True)
    else:
        start, end = scope.moments()
        held = Event.objects.in_collective(scope.collective.pk).filter(
            starts_at__range=(start, end), cancelled_at__isnull=True
        )
    held = held.filter(starts_at__lte=timezone.now())
    count = held.count()
    attended = Registration.objects.filter(event__in=held, attended=True).aggregate(
        attendances=Count("id"), people=Count("person", distinct=True)
    )
    listed = (
        held.annotate(came=Count("registrations", filter=Q(registrations__attended=True)))
        .order_by("-starts_at", "-id")
        .values("id", "title", "starts_at", "came")[:LIST_LIMIT]
    )
    return {
        "held": count,
        "attendances": shown(attended["attendances"]),
        "people": shown(attended["people"]),
        "listed": [
            {
                "title": row["title"],
                "on": timezone.localtime(row["starts_at"]).date().isoformat(),
                "came": shown(row["came"]),
                "link": reverse("events:detail", args=[row["id"]]),
            }
            for row in listed
        ],
    }


# Check-ins: results, the perception gaps, the actions recorded


def checkins(scope: Scope) -> dict[str, Any]:
    if scope.project:
        rounds = CheckInRound.objects.in_place(scope.project.place)
    else:
        # The collective's own rounds, its groups' and its projects', closed in the year.
        rounds = CheckInRound.objects.in_collective(scope.collective.pk).filter(
            closed_at__range=scope.moments()
        )
    rounds = rounds.filter(closed_at__isnull=False, respondent_count__gte=minimum())
    summary = rounds.aggregate(rounds=Count("id"), answers=Sum("respondent_count"))
    rows = (
        Answer.objects.filter(submission__round__in=rounds)
        .values(
            "submission__round_id",
            "submission__round__title",
            "submission__round__closed_at",
            "submission__round__split_by_perspective",
            "question__theme",
            "submission__group",
        )
        .annotate(total=Sum("score"), count=Count("id"))
        .order_by()
    )
    by_theme: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    split: dict[tuple[int, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    titles: dict[int, str] = {}
    by_round: dict[int, list] = {}
    for row in rows:
        theme = row["question__theme"]
        by_theme[theme][0] += row["total"]
        by_theme[theme][1] += row["count"]
        found = by_round.setdefault(
            row["submission__round_id"],
            [row["submission__round__closed_at"], row["submission__round__title"], 0, 0],
        )
        found[2] += row["total"]
        found[3] += row["count"]
        if row["submission__round__split_by_perspective"]:
            key = (row["submission__round_id"], theme)
            split[key][row["submission__group"]][0] += row["total"]
            split[key][row["submission__group"]][1] += row["count"]
            titles[row["submission__round_id"]] = row["submission__round__title"]
    gaps = []
    for (round_id, theme), scores in split.items():
        public, professional = (
            scores.get(PerspectiveGroup.PUBLIC),
            scores.get(PerspectiveGroup.PROFESSIONAL),
        )
        if not public or not professional or not public[1] or not professional[1]:
            continue
        gap = round(public[0] / public[1] - professional[0] / professional[1], 1)
        gaps.append(
            {
                "theme": theme,
                "round": titles[round_id],
                "gap": gap,
                "link": reverse("reflection:detail", args=[round_id]),
            }
        )
    gaps.sort(key=lambda g: (-abs(g["gap"]), g["theme"], g["round"]))
    actions = Action.objects.filter(round__in=rounds).order_by("-recorded_at", "-id")
    return {
        "rounds": summary["rounds"],
        "answers": summary["answers"] or 0,
        "themes": [
            {"theme": theme, "average": round(total / count, 1)}
            for theme, (total, count) in sorted(by_theme.items())
            if count
        ],
        # The trend: every principle together, round by round, oldest first.
        "trend": [
            {"round": title, "average": round(total / count, 1)}
            for _, title, total, count in sorted(by_round.values(), key=lambda r: r[0])
            if count
        ],
        "gaps": gaps[:GAPS_SHOWN],
        "actions": actions.count(),
        "actions_listed": [
            {
                "text": action["text"][:300],
                "theme": action["theme"],
                "link": reverse("reflection:detail", args=[action["round_id"]]),
            }
            for action in actions.values("text", "theme", "round_id")[:LIST_LIMIT]
        ],
    }


def evidence(project: Project) -> list[dict[str, Any]]:
    """The evidence view's figures (reflection/evidence.py: a fixed number of queries),
    totals only: its splits already follow the same minimum group rule."""
    from levelfield.reflection.evidence import evidence_for

    found = evidence_for(project)
    return [
        {
            "dimension": dimension.name,
            "label": figure.label,
            "total": figure.total_text,
            "link": figure.link,
        }
        for dimension in found.dimensions
        for figure in dimension.figures
    ]


# Payments: totals and days to pay, never per person


def payments(scope: Scope) -> dict[str, Any]:
    from levelfield.payments.models import Claim, ClaimLine, Status

    if scope.project:
        lines = ClaimLine.objects.filter(
            participation__entry__place__project=scope.project, claim__status=Status.PAID
        )
        totals = lines.aggregate(
            fees=Sum("amount"), people=Count("claim__claimant", distinct=True)
        )
        totals["expenses"] = None  # expenses belong to a claim, not to one project
        claims = Claim.objects.filter(pk__in=lines.values("claim_id"))
    else:
        claims = Claim.objects.filter(
            collective=scope.collective,
            status=Status.PAID,
            paid_on__range=(scope.start, scope.end),
        )
        totals = claims.aggregate(
            fees=Sum("fee_total"),
            expenses=Sum("expense_total"),
            people=Count("claimant", distinct=True),
        )
    days = list(
        claims.values("paid_on", "first_activity_on").annotate(claims=Count("id")).order_by()
    )
    spans: list[int] = []
    for row in days:
        spans.extend([(row["paid_on"] - row["first_activity_on"]).days] * row["claims"])
    enough = len(spans) >= minimum() and (totals["people"] or 0) >= minimum()
    if not enough:
        return {"shown": False, "claims": shown(len(spans))}
    return {
        "shown": True,
        "claims": len(spans),
        "people": totals["people"],
        "fees": f"{totals['fees'] or Decimal('0'):.2f}",
        "expenses": f"{totals['expenses']:.2f}" if totals["expenses"] is not None else None,
        "median_days": int(statistics.median(spans)),
    }


# Stories of change: what the involvement log says changed


def stories(scope: Scope) -> list[dict[str, Any]]:
    entries = (
        scope.entries()
        .exclude(what_changed="")
        .order_by("-happened_on", "-id")
        .values(
            "id",
            "place_id",
            "place__project__title",
            "place__collective__name",
            "place__group_name",
            "title",
            "what_changed",
            "happened_on",
        )[:LIST_LIMIT]
    )
    return [
        {
            "title": row["title"],
            "project": row["place__project__title"]
            or row["place__group_name"]
            or row["place__collective__name"],
            "what_changed": row["what_changed"][:500],
            "on": row["happened_on"].isoformat(),
            "link": reverse("places:log_entry", args=[row["place_id"], row["id"]]),
        }
        for row in entries
    ]


def published_stories(scope: Scope) -> list[dict[str, Any]]:
    """Stories members wrote and the collective published in the year (public already,
    so their titles and addresses may be named)."""
    start, end = scope.moments()
    rows = (
        Story.objects.public()
        .filter(collective=scope.collective, published_at__range=(start, end))
        .order_by("published_at", "id")
        .values("title", "slug", "published_at")[:LIST_LIMIT]
    )
    return [
        {
            "title": row["title"],
            "on": timezone.localdate(row["published_at"]).isoformat(),
            "link": reverse("stories:story", args=[scope.collective.slug, row["slug"]]),
        }
        for row in rows
    ]


# The collective's year: projects by stage, people new this year


def projects(scope: Scope) -> dict[str, Any]:
    rows = (
        Project.objects.filter(collective=scope.collective)
        .values("stage")
        .annotate(count=Count("id"), new=Count("id", filter=Q(created_at__year=scope.year)))
        .order_by()
    )
    found = {row["stage"]: row for row in rows}
    return {
        "total": sum(row["count"] for row in rows),
        "new": sum(row["new"] for row in rows),
        "by_stage": [
            {"stage": stage.label, "count": found[stage.value]["count"]}
            for stage in Stage
            if stage.value in found
        ],
    }


def people(scope: Scope) -> dict[str, Any]:
    start, end = scope.moments()
    counts = PlaceMembership.objects.of_collective(scope.collective).aggregate(
        members=Count("id"), new=Count("id", filter=Q(joined_at__range=(start, end)))
    )
    return {"members": shown(counts["members"]), "new": shown(counts["new"])}
