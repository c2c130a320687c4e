"""Anonymous results of a check-in round, the perception gap, and the trend across rounds.

Everything here reads rows that carry no person (`Submission`, `Answer`, `Comment`),
written out when the round closed; nothing exists to read before that. Results show
only from `settings.MINIMUM_ANONYMOUS_GROUP` answers, and split by perspective only
when closing found every group big enough (`CheckInRound.split_by_perspective`).

The perception gap of a theme is the public contributors' average minus the
professionals' average; a gap of a whole point or more on the five-point scale is
highlighted as large. A page costs the same few queries however many answers there are.

A closed round's answers never change: they are written out once, in the transaction
that sets its `closed_at`, and nothing writes them again. So the sums over them (a
round's figures, a trend's) are kept in the cache per round and closing time
(`lib/cache.versioned`): the page pays no aggregate over thousands of answers, and a
round closing later makes a new key. Only sums and the comments' words are kept, never
anything that links an answer to a person (nothing does).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from levelfield.lib import cache as lib_cache
from levelfield.lib.charts import STYLES
from levelfield.lib.charts import shortened as _shortened
from levelfield.reflection.models import (
    Action,
    Answer,
    CheckInRound,
    Comment,
    PerspectiveGroup,
    Question,
    Submission,
)

GAP_LARGE = 1.0
TREND_ROUNDS = 8
FIGURES_SECONDS = 24 * 60 * 60


@dataclass
class Score:
    """A sum of scores and how many there were; the average to one decimal place."""

    total: int = 0
    count: int = 0

    def add(self, total: int, count: int) -> None:
        self.total += total
        self.count += count

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None


@dataclass
class GroupedScore:
    everyone: Score = field(default_factory=Score)
    by_group: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))

    def add(self, group: str, total: int, count: int) -> None:
        self.everyone.add(total, count)
        self.by_group[group].add(total, count)

    def average_of(self, group: str) -> float | None:
        return self.by_group[group].average if group in self.by_group else None

    @property
    def public(self) -> float | None:
        return self.average_of(PerspectiveGroup.PUBLIC)

    @property
    def professional(self) -> float | None:
        return self.average_of(PerspectiveGroup.PROFESSIONAL)

    @property
    def other(self) -> float | None:
        return self.average_of(PerspectiveGroup.OTHER)

    @property
    def gap(self) -> float | None:
        public = self.average_of(PerspectiveGroup.PUBLIC)
        professional = self.average_of(PerspectiveGroup.PROFESSIONAL)
        if public is None or professional is None:
            return None
        return round(public - professional, 1)

    @property
    def gap_is_large(self) -> bool:
        return self.gap is not None and abs(self.gap) >= GAP_LARGE


@dataclass
class QuestionResult:
    question: Question
    score: GroupedScore
    comments: list[str]
    # The same comments as list items, escaped, their line breaks kept, in the same order.
    comment_items: SafeString = field(default_factory=SafeString)


@dataclass
class ThemeResult:
    theme: str
    score: GroupedScore
    questions: list[QuestionResult]


@dataclass
class Results:
    checkin: CheckInRound
    themes: list[ThemeResult]
    groups: list[tuple[str, str, int]]  # (value, label, people) when split
    split: bool

    @property
    def large_gaps(self) -> list[ThemeResult]:
        return [theme for theme in self.themes if theme.score.gap_is_large]


def results_for(checkin: CheckInRound, questions: list[Question] | None = None) -> Results | None:
    """The round's results, or None while it is open or if too few people answered.
    `questions` are the round's questions as the reader sees them (translated: see
    translations.shown), grouped by their theme; the answers are the same rows whatever
    language anyone answered in."""
    if not checkin.has_results:
        return None
    if questions is None:
        questions = list(Question.objects.filter(version_id=checkin.version_id))
    figures = _round_figures(checkin)
    scores: dict[int, GroupedScore] = defaultdict(GroupedScore)
    for question_id, group, total, count in figures.scores:
        scores[question_id].add(group, total, count)
    items = _comment_items(checkin, figures)
    comments: dict[int, tuple[list[str], SafeString]] = {}
    for question_id, texts in figures.comments.items():
        order = reader_order(len(texts))
        html = items[question_id]
        comments[question_id] = (
            [texts[index] for index in order],
            mark_safe("".join([html[index] for index in order])),  # noqa: S308
        )
    sizes = [
        (value, label, figures.sizes[value])
        for value, label in PerspectiveGroup.choices
        if value in figures.sizes
    ]
    themes: dict[str, ThemeResult] = {}
    for question in questions:
        score = scores[question.pk]
        theme = themes.setdefault(question.theme, ThemeResult(question.theme, GroupedScore(), []))
        texts, html = comments.get(question.pk, ([], SafeString()))
        theme.questions.append(QuestionResult(question, score, texts, html))
        for group, grouped in score.by_group.items():
            theme.score.add(group, grouped.total, grouped.count)
    return Results(
        checkin=checkin,
        themes=list(themes.values()),
        groups=sizes if checkin.split_by_perspective else [],
        split=checkin.split_by_perspective,
    )


def reader_order(count: int) -> list[int]:
    """A new random order of `count` comments for every reader, as before the figures
    were kept: each comment sorted by 64 bits from the operating system's random source
    (as `secrets` uses), read in one call. SystemRandom's shuffle made one call a
    comment, half a millisecond for a big round's 470."""
    keys = os.urandom(8 * count)
    return sorted(range(count), key=lambda index: keys[8 * index : 8 * index + 8])


def reader_comments(checkin: CheckInRound) -> dict[int, SafeString]:
    """Each question's comments of a closed round as HTML list items, in a new random
    order for this reader: one read of the kept items (the figures only when the items
    are not kept)."""
    items = lib_cache.versioned(
        "reflection:comment-items",
        (checkin.pk, checkin.closed_at.timestamp()),
        lambda: _comment_items_make(_round_figures(checkin)),
        seconds=FIGURES_SECONDS,
    )
    return {
        question_id: mark_safe("".join([html[index] for index in reader_order(len(html))]))  # noqa: S308
        for question_id, html in items.items()
    }


@dataclass(frozen=True)
class _Figures:
    """A closed round's sums, kept in the cache: (question, group, total, count) rows,
    each question's comments and the groups' sizes."""

    scores: list[tuple[int, str, int, int]]
    comments: dict[int, list[str]]
    sizes: dict[str, int]


def _round_figures(checkin: CheckInRound) -> _Figures:
    """The round's figures, counted once after it closed (see the module's docstring)."""
    return lib_cache.versioned(
        "reflection:results",
        (checkin.pk, checkin.closed_at.timestamp()),
        lambda: _figures_count(checkin),
        seconds=FIGURES_SECONDS,
    )


def _comment_items(checkin: CheckInRound, figures: _Figures) -> dict[int, list[str]]:
    """Each question's comments as HTML list items, in the kept order, worked out once per
    closed round: escaping and line breaks for a big round's hundreds of comments cost
    several milliseconds a page. Only the order is each reader's own (`results_for`)."""
    return lib_cache.versioned(
        "reflection:comment-items",
        (checkin.pk, checkin.closed_at.timestamp()),
        lambda: _comment_items_make(figures),
        seconds=FIGURES_SECONDS,
    )


def _comment_items_make(figures: _Figures) -> dict[int, list[str]]:
    return {
        question_id: [f"<li>{linebreaksbr(text)}</li>" for text in texts]
        for question_id, texts in figures.comments.items()
    }


def _figures_count(checkin: CheckInRound) -> _Figures:
    rows = (
        Answer.objects.filter(submission__round=checkin)
        .values("question_id", "submission__group")
        .annotate(total=Sum("score"), count=Count("id"))
        .order_by()
        .values_list("question_id", "submission__group", "total", "count")
    )
    comments: dict[int, list[str]] = defaultdict(list)
    for question_id, text in Comment.objects.filter(round=checkin).values_list(
        "question_id", "text"
    ):
        comments[question_id].append(text)
    # Counted even when merged, so the page's queries never depend on the split.
    return _Figures(
        scores=[tuple(row) for row in rows],
        comments=dict(comments),
        sizes=dict(
            Submission.objects.filter(round=checkin)
            .values("group")
            .annotate(people=Count("id"))
            .order_by()
            .values_list("group", "people")
        ),
    )


# The trend across rounds


@dataclass
class TrendPoint:
    checkin: CheckInRound
    average: float | None
    gap: float | None


@dataclass
class TrendLine:
    theme: str
    points: list[TrendPoint]
    colour: str = ""
    dash: str = ""
    svg_points: str = ""
    markers: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        known = [p for p in self.points if p.average is not None]
        if not known:
            return _("%(theme)s: no results yet.") % {"theme": self.theme}
        first, last = known[0], known[-1]
        if first is last:
            return _("%(theme)s: %(average)s in %(round)s.") % {
                "theme": self.theme,
                "average": last.average,
                "round": last.checkin.title,
            }
        change = round(last.average - first.average, 1)
        words = {
            "theme": self.theme,
            "change": abs(change),
            "first": first.average,
            "first_round": first.checkin.title,
            "last": last.average,
            "last_round": last.checkin.title,
        }
        if change > 0:
            text = _(
                "%(theme)s rose by %(change)s, from %(first)s in %(first_round)s to %(last)s "
                "in %(last_round)s."
            )
        elif change < 0:
            text = _(
                "%(theme)s fell by %(change)s, from %(first)s in %(first_round)s to %(last)s "
                "in %(last_round)s."
            )
        else:
            text = _(
                "%(theme)s stayed the same, from %(first)s in %(first_round)s to %(last)s "
                "in %(last_round)s."
            )
        return text % words


@dataclass
class Trend:
    rounds: list[CheckInRound]
    lines: list[TrendLine]
    x_labels: list[tuple[float, str, str]] = field(default_factory=list)  # x, anchor, text

    @property
    def has_trend(self) -> bool:
        return len(self.rounds) >= 2


def trend_rounds(checkin: CheckInRound) -> list[CheckInRound]:
    """The closed rounds of the same place and question-set lineage (up to the last
    eight, oldest first) with results to show, this one last. One query."""
    lineage = checkin.version.question_set.lineage_id
    return list(
        CheckInRound.objects.in_place(checkin.place_id)
        .filter(
            Q(version__question_set_id=lineage) | Q(version__question_set__based_on_id=lineage),
            closed_at__isnull=False,
            respondent_count__gte=settings.MINIMUM_ANONYMOUS_GROUP,
            closes_at__lte=checkin.closes_at,
        )
        .order_by("-closes_at", "-id")[:TREND_ROUNDS]
    )[::-1]


def trend_for(
    checkin: CheckInRound,
    questions: list[Question] | None = None,
    rounds: list[CheckInRound] | None = None,
) -> Trend:
    """Theme averages across `rounds` (`trend_rounds` when not given). Two queries, and
    one for the round's `questions` (in their order) when the caller has not read them."""
    if rounds is None:
        rounds = trend_rounds(checkin)
    scores: dict[tuple[int, str], GroupedScore] = defaultdict(GroupedScore)
    themes: list[str] = []
    for round_id, theme, group, total, count in _trend_figures([r.pk for r in rounds]):
        if theme not in themes:
            themes.append(theme)
        scores[(round_id, theme)].add(group, total, count)
    ordered = _themes_in_question_order(
        checkin.version.questions.all() if questions is None else questions, themes
    )
    lines = [
        TrendLine(
            theme,
            [
                TrendPoint(r, scores[(r.pk, theme)].everyone.average, scores[(r.pk, theme)].gap)
                for r in rounds
            ],
        )
        for theme in ordered
    ]
    trend = Trend(rounds=rounds, lines=lines)
    chart_lay_out(trend)
    return trend


def _trend_figures(round_ids: list[int]) -> list[tuple[int, str, str, int, int]]:
    """(round, theme, group, total, count) rows of closed rounds, kept per the rounds:
    their answers never change, so the list of rounds is the version."""

    def count() -> list[tuple[int, str, str, int, int]]:
        rows = (
            Answer.objects.filter(submission__round__in=round_ids)
            .values("submission__round_id", "question__theme", "submission__group")
            .annotate(total=Sum("score"), count=Count("id"))
            .order_by()
            .values_list(
                "submission__round_id", "question__theme", "submission__group", "total", "count"
            )
        )
        return [tuple(row) for row in rows]

    if not round_ids:
        return []
    return lib_cache.versioned(
        "reflection:trend", tuple(round_ids), count, seconds=FIGURES_SECONDS
    )


def _themes_in_question_order(questions: Iterable[Question], themes: Iterable[str]) -> list[str]:
    order = {}
    for question in questions:
        order.setdefault(question.theme, len(order))
    return sorted(themes, key=lambda theme: (order.get(theme, len(order)), theme))


# The chart: drawn on the server as SVG, with the same figures in a table beside it.

CHART_WIDTH = 640
CHART_HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 16, 40


def chart_lay_out(trend: Trend) -> None:
    count = len(trend.rounds)
    inner_width = CHART_WIDTH - LEFT - RIGHT
    step = inner_width / (count - 1) if count > 1 else 0
    xs = [LEFT + (index * step if count > 1 else inner_width / 2) for index in range(count)]
    # Labels fit the space between points (about 8 pixels a letter); the full titles are
    # in the table beside the chart. The first and last are anchored inside the chart.
    room = max(6, int(step / 8)) if count > 1 else 60
    anchors = ["start", *["middle"] * (count - 2), "end"] if count > 1 else ["middle"]
    trend.x_labels = [
        (x, anchor, _shortened(r.title, room))
        for x, anchor, r in zip(xs, anchors, trend.rounds, strict=True)
    ]
    for index, line in enumerate(trend.lines):
        line.colour, line.dash = STYLES[index % len(STYLES)]
        placed = [
            (
                round(x, 1),
                y_of(point.average),
                f"{line.theme}, {point.checkin.title}: {point.average}",
            )
            for x, point in zip(xs, line.points, strict=True)
            if point.average is not None
        ]
        line.markers = placed
        line.svg_points = " ".join(f"{x},{y}" for x, y, _ in placed)


def y_of(score: float) -> float:
    inner_height = CHART_HEIGHT - TOP - BOTTOM
    return round(TOP + (5 - score) / 4 * inner_height, 1)


def y_ticks() -> list[tuple[int, float]]:
    return [(score, y_of(score)) for score in range(1, 6)]


# What the team said it would do


def actions_before(checkin: CheckInRound) -> tuple[CheckInRound | None, list[Action]]:
    """What the team said it would do after the previous closed round in the same place,
    and that round (None when nothing was said: the page names it only beside its
    actions), shown again when the next round opens. One query: the round comes with
    its actions."""
    found = list(
        Action.objects.filter(round_id=Subquery(_previous_round(checkin))).select_related(
            "round", "recorded_by"
        )
    )
    return (found[0].round if found else None), found


def actions_around(
    checkin: CheckInRound,
) -> tuple[CheckInRound | None, list[Action], list[Action]]:
    """`actions_before` and what the team said it would do after this round, in one
    query: both rounds' actions are read together."""
    found = list(
        Action.objects.filter(
            Q(round_id=checkin.pk) | Q(round_id=Subquery(_previous_round(checkin)))
        ).select_related("round", "recorded_by", "involvement_entry")
    )
    before = [action for action in found if action.round_id != checkin.pk]
    return (
        before[0].round if before else None,
        before,
        [action for action in found if action.round_id == checkin.pk],
    )


def _previous_round(checkin: CheckInRound) -> QuerySet[CheckInRound]:
    """The latest closed round of the place that closes before this one, as a subquery
    (never this one: it does not close before itself). Compared with `=`, it is worked
    out once before the actions are read through their round's index."""
    return (
        CheckInRound.objects.in_place(checkin.place_id)
        .filter(closed_at__isnull=False, closes_at__lt=checkin.closes_at)
        .order_by("-closes_at", "-id")
        .values("pk")[:1]
    )
