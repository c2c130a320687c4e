"""Evidence from the record: what a project's own records say about co-production, in
the four dimensions of the Cube (voice, contribution, agenda, change), beside what
the team said in its check-ins.

One function per dimension, each returning a `Dimension` of `Figure`s. Each figure is
a total, split by perspective group and by quarter, with a link to the records behind
it (for figures from events, the pages of the events themselves). Events give voice
its meeting attendance and agenda its agenda items.

Groups come from the perspectives members share with their teams (`groups.py`); a
split is shown only when every group in the project has at least
`settings.MINIMUM_ANONYMOUS_GROUP` people, otherwise only totals. Every function runs a
fixed number of aggregate queries, however many records the project has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncQuarter
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levelfield.decisions.models import Decision, Outcome, Response, Voter
from levelfield.events.models import AgendaItem, Registration, RegistrationStatus
from levelfield.lib import cache as lib_cache
from levelfield.lib.words import hours
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.places.navigation import place_version
from levelfield.projects.models import Participation, Project
from levelfield.reflection import groups, questions
from levelfield.reflection.models import CheckInRound, PerspectiveGroup, Respondent
from levelfield.reflection.results import ThemeResult, results_for

QUARTERS_SHOWN = 6
# The figures read a project's whole record (about a second of work for a 10,000-member
# project), so they are kept: per the place's latest history row, which most recorded
# changes move, and for at most this long, so what the history does not see (an answer
# to a check-in, a tick for attendance) shows within it. The page says when they were
# counted.
EVIDENCE_SECONDS = 5 * 60


@dataclass
class People:
    """Each member's perspective group, and whether the groups are big enough to show."""

    group_by_person: dict[int, str]
    split: bool
    sizes: dict[str, int]

    def group(self, person_id: int | None) -> str:
        # Former members and people outside the project count as "other or not shared".
        return self.group_by_person.get(person_id or 0, PerspectiveGroup.OTHER)

    @property
    def shown_groups(self) -> list[tuple[str, str]]:
        if not self.split:
            return []
        return [(g.value, g.label) for g in groups.SPLIT_GROUPS if self.sizes.get(g, 0)]


def people_of(project: Project) -> People:
    ids = list(PlaceMembership.objects.of_project(project).values_list("person_id", flat=True))
    by_person = groups.groups_of(ids)
    sizes: dict[str, int] = defaultdict(int)
    for group in by_person.values():
        sizes[group] += 1
    return People(by_person, groups.may_split(sizes.values()), dict(sizes))


@dataclass
class Figure:
    label: str
    link: str
    link_text: str
    format: Callable[[int], str] = str
    total: int = 0
    by_group: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_quarter: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    people: set[int] = field(default_factory=set)
    # The records behind the figure, each with its own page: [(title, address)].
    records: dict[int, tuple[str, str]] = field(default_factory=dict)

    def add(
        self, people: People, person_id: int | None, quarter: date | datetime, value: int
    ) -> None:
        self.total += value
        self.by_group[people.group(person_id)] += value
        self.by_quarter[_as_date(quarter)] += value
        if person_id:
            self.people.add(person_id)

    def add_record(self, key: int, title: str, address: str) -> None:
        self.records[key] = (title, address)

    @property
    def record_links(self) -> list[tuple[str, str]]:
        return list(self.records.values())

    def shown(self, value: int) -> str:
        return self.format(value)

    def cells(self, people: People, quarters: list[date]) -> None:
        """The figures as the page shows them: formatted, per group shown and quarter."""
        self.total_text = self.format(self.total)
        self.group_cells = [self.format(self.by_group.get(g, 0)) for g, _ in people.shown_groups]
        self.quarter_cells = [self.format(self.by_quarter.get(q, 0)) for q in quarters]


@dataclass
class Dimension:
    key: str
    name: str
    asks: str
    figures: list[Figure]
    perceived_themes: tuple[str, ...]
    perceived: list[ThemeResult] = field(default_factory=list)


def _as_date(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def voice(project: Project, people: People) -> Dimension:
    """Who responded to decisions and check-ins, and who attended the project's events."""
    decisions = Figure(
        _("Responses to decisions"),
        reverse("decisions:project_log", args=[project.pk]),
        _("Decisions made together"),
    )
    named = Response.objects.filter(decision__place__project=project, person__isnull=False)
    anonymous = Voter.objects.filter(decision__place__project=project)  # who answered, not what
    for rows in (named, anonymous):
        for row in (
            rows.values("person_id", quarter=TruncQuarter("decision__closes_at"))
            .annotate(count=Count("pk"))
            .order_by()
        ):
            decisions.add(people, row["person_id"], row["quarter"], row["count"])
    checkins = Figure(
        _("Answers to check-ins"),
        reverse("reflection:place_rounds", args=[project.place.pk]),
        _("Check-in rounds"),
    )
    for row in (
        Respondent.objects.filter(round__place__project=project)
        .values("person_id", quarter=TruncQuarter("round__closes_at"))
        .annotate(count=Count("pk"))
        .order_by()
    ):
        checkins.add(people, row["person_id"], row["quarter"], row["count"])
    attendance = Figure(
        _("Attendance at meetings and events"),
        reverse("events:list") + "?when=past",
        _("Past events"),
    )
    # Organisers' record of who came; guests count as "other or not shared".
    for row in (
        Registration.objects.filter(
            event__place__project=project, status=RegistrationStatus.REGISTERED, attended=True
        )
        .values("person_id", "event_id", "event__title", quarter=TruncQuarter("event__starts_at"))
        .annotate(count=Count("pk"))
        .order_by("-event__starts_at", "-event_id")
    ):
        attendance.add(people, row["person_id"], row["quarter"], row["count"])
        attendance.add_record(row["event_id"], row["event__title"], _event_page(row["event_id"]))
    return Dimension(
        "voice",
        _("Voice"),
        _("Who takes part in deciding and reflecting?"),
        [decisions, checkins, attendance],
        (
            questions.ALL_PERSPECTIVES,
            "Inclusive opportunities",
            "Being heard online",
            "Working together",
        ),
    )


def contribution(project: Project, people: People) -> Dimension:
    """Hours given, from the involvement log."""
    time = Figure(
        _("Hours in the involvement log"),
        reverse("places:log", args=[project.place.pk]),
        _("The involvement log"),
        format=hours,
    )
    for row in (
        Participation.objects.filter(entry__place__project=project)
        .values("person_id", quarter=TruncQuarter("entry__happened_on"))
        .annotate(minutes=Sum("minutes"))
        .order_by()
    ):
        time.add(people, row["person_id"], row["quarter"], row["minutes"])
    return Dimension(
        "contribution",
        _("Contribution"),
        _("Who gives their time and knowledge?"),
        [time],
        (
            questions.RECIPROCITY,
            questions.RESPECTING_KNOWLEDGE,
            "Building on people's capacity",
            "Recognising people as assets",
            "Support and learning",
        ),
    )


def agenda(project: Project, people: People) -> Dimension:
    """Who proposed decisions, and who proposed items for the project's events' agendas."""
    proposed = Figure(
        _("Decisions proposed"),
        reverse("decisions:project_log", args=[project.pk]),
        _("Decisions made together"),
    )
    for row in (
        Decision.objects.filter(place__project=project)
        .values("created_by_id", quarter=TruncQuarter("created_at"))
        .annotate(count=Count("pk"))
        .order_by()
    ):
        proposed.add(people, row["created_by_id"], row["quarter"], row["count"])
    items = Figure(
        _("Agenda items proposed for meetings and events"),
        reverse("events:list") + "?when=past",
        _("Past events"),
    )
    for row in (
        AgendaItem.objects.filter(event__place__project=project)
        .values("proposed_by_id", "event_id", "event__title", quarter=TruncQuarter("created_at"))
        .annotate(count=Count("pk"))
        .order_by("-event__starts_at", "-event_id")
    ):
        items.add(people, row["proposed_by_id"], row["quarter"], row["count"])
        items.add_record(row["event_id"], row["event__title"], _agenda_page(row["event_id"]))
    return Dimension(
        "agenda",
        _("Agenda"),
        _("Who decides what the team talks about and decides?"),
        [proposed, items],
        (
            questions.SHARING_POWER,
            "Governance",
            "Blurring distinctions",
            "Acting as catalysts",
        ),
    )


def change(project: Project, people: People) -> Dimension:
    """Outcomes of decisions, by who proposed them, and recorded changes, by who took
    part in the activity they came from."""
    outcomes = Figure(
        _("Decisions with an outcome, by who proposed them"),
        reverse("decisions:project_log", args=[project.pk]),
        _("Decisions made together"),
    )
    for row in (
        Outcome.objects.filter(decision__place__project=project)
        .values("decision__created_by_id", quarter=TruncQuarter("written_at"))
        .annotate(count=Count("pk"))
        .order_by()
    ):
        outcomes.add(people, row["decision__created_by_id"], row["quarter"], row["count"])
    changes = Figure(
        _("Recorded changes, by who took part"),
        reverse("places:log", args=[project.place.pk]),
        _("The involvement log"),
    )
    seen: set[tuple[int, str]] = set()
    rows = (
        Participation.objects.filter(entry__place__project=project)
        .exclude(entry__what_changed="")
        .values_list("entry_id", "person_id", "entry__happened_on")
        .order_by()
    )
    entries_counted: set[int] = set()
    for entry_id, person_id, happened_on in rows:
        group = people.group(person_id)
        if (entry_id, group) in seen:
            continue
        seen.add((entry_id, group))
        # Each change once in the total and per quarter, once per group that took part.
        changes.by_group[group] += 1
        if entry_id not in entries_counted:
            entries_counted.add(entry_id)
            changes.total += 1
            changes.by_quarter[_quarter_of(happened_on)] += 1
    return Dimension(
        "change",
        _("Change"),
        _("What changed because of the people involved?"),
        [outcomes, changes],
        ("Impact",),
    )


def _event_page(event_id: int) -> str:
    return reverse("events:detail", args=[event_id])


def _agenda_page(event_id: int) -> str:
    return reverse("events:agenda", args=[event_id])


def _quarter_of(moment: date) -> date:
    return date(moment.year, 3 * ((moment.month - 1) // 3) + 1, 1)


DIMENSIONS: tuple[Callable[[Project, People], Dimension], ...] = (
    voice,
    contribution,
    agenda,
    change,
)


@dataclass
class Evidence:
    project: Project
    people: People
    dimensions: list[Dimension]
    quarters: list[date]
    checkin: CheckInRound | None
    counted_at: datetime = field(default_factory=timezone.now)


def evidence_for(project: Project) -> Evidence:
    """The four dimensions for a project, with the latest check-in's perceived scores."""
    people = people_of(project)
    dimensions = [dimension(project, people) for dimension in DIMENSIONS]
    quarters = sorted({q for d in dimensions for f in d.figures for q in f.by_quarter})[
        -QUARTERS_SHOWN:
    ]
    for dimension in dimensions:
        for figure in dimension.figures:
            figure.cells(people, quarters)
    checkin = latest_checkin(project)
    results = results_for(checkin) if checkin else None
    if results is not None:
        by_theme = {theme.theme: theme for theme in results.themes}
        for dimension in dimensions:
            dimension.perceived = [
                by_theme[name] for name in dimension.perceived_themes if name in by_theme
            ]
    return Evidence(project, people, dimensions, quarters, checkin if results else None)


def evidence_kept(place: Place) -> Evidence:
    """`evidence_for` the place's project as kept for the evidence page (see
    EVIDENCE_SECONDS), without who is in which group and who is behind each figure
    (10,000 people's ids for the big project), which only the counting needs."""
    project = place.project

    def counted() -> Evidence:
        found = evidence_for(project)
        found.people.group_by_person = {}
        for dimension in found.dimensions:
            for figure in dimension.figures:
                figure.people = set()
        return found

    version = (project.pk, place_version(place))
    return lib_cache.versioned("reflection:evidence", version, counted, seconds=EVIDENCE_SECONDS)


def latest_checkin(project: Project) -> CheckInRound | None:
    """The project's latest round with results, or else its collective's."""
    found = _with_results(CheckInRound.objects.in_place(project.place))
    if found is None:
        own = CheckInRound.objects.filter(place__kind=PlaceKind.COLLECTIVE)
        found = _with_results(own.in_collective(project.collective_id))
    return found


def _with_results(rounds: QuerySet[CheckInRound]) -> CheckInRound | None:
    return (
        rounds.filter(
            closed_at__isnull=False, respondent_count__gte=settings.MINIMUM_ANONYMOUS_GROUP
        )
        .with_place()
        .select_related("version__question_set")
        .order_by("-closes_at", "-id")
        .first()
    )


def quarter_label(quarter: date) -> str:
    """'July to September 2026'."""
    end_month = date(quarter.year, quarter.month + 2, 1)
    return _("%(start)s to %(end)s") % {
        "start": date_format(quarter, "F"),
        "end": date_format(end_month, "F Y"),
    }
