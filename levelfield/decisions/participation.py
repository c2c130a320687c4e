"""Who can respond, who has, and whose voices are heard, split by perspective.

Counted in the database (`figures_count`, a few aggregate queries) and cached per
version of the responses (`figures_of`), never by loading every member.

Only perspectives people share with their teams are counted
(`perspectives_for_teammates`); everyone else is "perspective not shared".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from levelfield.collectives.roles import memberships_of
from levelfield.decisions.models import Decision, Response, Tally, VoiceCheck, Voter
from levelfield.lib import cache as lib_cache
from levelfield.people.models import Perspective, PerspectiveKind, User

# Kept in English (they are compared and cached); the page translates them as it shows them.
NOT_SHARED = gettext_noop("Perspective not shared")
PUBLIC_LABEL = gettext_noop("Public contributors (lived experience, carers, young people)")
# How long joining, leaving or sharing a perspective can take to show in the figures.
FIGURES_SECONDS = 120
# From this many members, figures are counted at most every BIG_TEAM_SECONDS.
BIG_TEAM = 1_000
BIG_TEAM_SECONDS = 10


MEMBER_FIELDS = ("id", "email", "display_name", "perspectives_visibility")


def responder_ids(decision: Decision) -> set[int]:
    """Who has responded. For anonymous decisions this comes from the voter list."""
    if decision.anonymous:
        return set(Voter.objects.filter(decision=decision).values_list("person_id", flat=True))
    return set(
        Response.objects.filter(decision=decision, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )


@dataclass(frozen=True)
class GroupRate:
    label: str
    responded: int
    total: int


@dataclass(frozen=True)
class Figures:
    """How many members there are and have responded, overall and by perspective:
    worked out in the database, not by loading every member."""

    members: int
    responded: int
    groups: list[GroupRate]
    public_responded: int = 0
    version: int = 0  # the version of the responses counted (see `figures_of`)


@dataclass(frozen=True)
class Participation:
    members: int
    responded: int
    groups: list[GroupRate]
    # A few names (the latest to respond, the first not to): the rest are on the paged list.
    not_responded: list[User] = field(default_factory=list)
    responders: list[User] = field(default_factory=list)
    show_names: bool = True
    show_groups: bool = True

    @property
    def waiting(self) -> int:
        return max(self.members - self.responded, 0)

    @property
    def more_responders(self) -> int:
        return max(self.responded - len(self.responders), 0)

    @property
    def more_not_responded(self) -> int:
        return max(self.waiting - len(self.not_responded), 0)

    @property
    def everyone_responded(self) -> bool:
        return self.members > 0 and self.responded >= self.members


def _memberships(decision: Decision) -> QuerySet:
    """Who may respond: the members of the decision's place (a group's own members)."""
    return memberships_of(decision.place.owner)


def _responses_by_person(decision: Decision) -> QuerySet:
    """Who has responded, as a subquery: voters for an anonymous decision."""
    if decision.anonymous:
        return Voter.objects.filter(decision=decision).values("person_id")
    return Response.objects.filter(decision=decision, person__isnull=False).values("person_id")


def _english(label: str) -> str:
    """A choice's label in its English words, like `NOT_SHARED`: figures are cached and
    the page translates labels as it shows them. A lazy label read back from the cache
    costs a new class each (Django's `lazy` unpickling): 2.7 ms for the six perspectives
    on every decision page."""
    with translation.override(None):
        return str(label)


def figures_count(decision: Decision) -> Figures:
    """The figures counted now, in three aggregate queries whatever the team's size.
    Closing uses these directly; pages use `figures_of`, cached per version."""
    member_ids = _memberships(decision).values("person_id")
    responded = Q(person_id__in=_responses_by_person(decision))
    totals = _memberships(decision).aggregate(
        members=Count("person_id"), responded=Count("person_id", filter=responded)
    )
    shared = Perspective.objects.shared_with_teammates().filter(person_id__in=member_ids)
    public = Q(kind__in=PerspectiveKind.public_kinds())
    by_kind = {
        row["kind"]: row
        for row in shared.order_by()
        .values("kind")
        .annotate(
            total=Count("person_id", distinct=True),
            responded=Count("person_id", distinct=True, filter=responded),
        )
    }
    sharing = shared.aggregate(
        anyone=Count("person_id", distinct=True),
        anyone_responded=Count("person_id", distinct=True, filter=responded),
        public=Count("person_id", distinct=True, filter=public),
        public_responded=Count("person_id", distinct=True, filter=public & responded),
    )
    groups = [
        GroupRate(_english(label), by_kind[value]["responded"], by_kind[value]["total"])
        for value, label in PerspectiveKind.choices
        if value in by_kind
    ]
    if sharing["public"]:
        groups.append(GroupRate(PUBLIC_LABEL, sharing["public_responded"], sharing["public"]))
    not_shared = totals["members"] - sharing["anyone"]
    if not_shared:
        groups.append(
            GroupRate(NOT_SHARED, totals["responded"] - sharing["anyone_responded"], not_shared)
        )
    return Figures(
        members=totals["members"],
        responded=totals["responded"],
        groups=groups,
        public_responded=sharing["public_responded"],
    )


def figures_of(decision: Decision, tally: Tally) -> Figures:
    """`figures_count`, cached per version of the responses (the tally's generation and
    version are in the key, so a new response shows at once on every server). Joining,
    leaving or changing what one shares moves no version, so shows within
    `FIGURES_SECONDS`; closing and closing early always count afresh.

    In a team of `BIG_TEAM` or more, counting takes tens of milliseconds, and responses
    may arrive many times a second: there the latest figures counted are shown for up
    to `BIG_TEAM_SECONDS` before counting again, so a busy decision is counted at most
    that often whatever the rate of responses. `Figures.version` says which version
    they counted."""
    if tally.pk is None or tally._state.adding:
        return figures_count(decision)
    owner = (decision.pk, tally.generation)
    version = (*owner, tally.version)
    figures = lib_cache.peek("decisions:figures", version)
    if isinstance(figures, Figures):
        return figures
    kept = lib_cache.latest("decisions:figures", *owner)
    if isinstance(kept, Figures) and kept.members >= BIG_TEAM and kept.version <= tally.version:
        return kept
    figures = replace(figures_count(decision), version=tally.version)
    lib_cache.store("decisions:figures", version, figures, seconds=FIGURES_SECONDS)
    lib_cache.keep_latest("decisions:figures", owner, figures, seconds=BIG_TEAM_SECONDS)
    return figures


SUMMARY_NAMES = 8


def participation_build(
    decision: Decision, figures: Figures, *, open_for_responses: bool
) -> Participation:
    """Response rates overall and per perspective, with a few names when anonymity
    allows (the latest to respond; while open, the first few still to): two small
    queries whatever the team's size. Everyone is on the paged list."""
    enough = figures.responded >= settings.MINIMUM_ANONYMOUS_GROUP
    show_names = not decision.anonymous
    responders: list[User] = []
    not_responded: list[User] = []
    if show_names:
        latest = (
            Response.objects.filter(decision=decision, person__isnull=False)
            .select_related("person")
            .only("person_id", "updated_at", *(f"person__{name}" for name in MEMBER_FIELDS))
            .order_by("-updated_at", "id")[:SUMMARY_NAMES]
        )
        responders = [response.person for response in latest]
        if open_for_responses and figures.responded < figures.members:
            not_responded = list(waiting_people(decision)[:SUMMARY_NAMES])
    return Participation(
        members=figures.members,
        responded=figures.responded,
        groups=figures.groups,
        not_responded=not_responded,
        responders=responders,
        show_names=show_names,
        show_groups=not decision.anonymous or enough,
    )


def responded_people(decision: Decision) -> QuerySet[User]:
    """Everyone who has responded, by name (for the paged list)."""
    return (
        User.objects.filter(pk__in=_responses_by_person(decision))
        .only(*MEMBER_FIELDS)
        .order_by(Lower("display_name"), "email", "pk")
    )


def waiting_people(decision: Decision) -> QuerySet[User]:
    """Members who have not responded yet, by name."""
    return (
        User.objects.filter(pk__in=_memberships(decision).values("person_id"))
        .exclude(pk__in=_responses_by_person(decision))
        .only(*MEMBER_FIELDS)
        .order_by(Lower("display_name"), "email", "pk")
    )


@dataclass(frozen=True)
class VoiceResult:
    applies: bool
    passed: bool
    explanation: str
    shortfalls: list[str] = field(default_factory=list)
    # An anonymous decision with fewer answers than the minimum group: whether each
    # perspective has answered would point at the people holding it (the only young
    # person in a team), so neither the shortfalls nor whether it passed are told.
    withheld: bool = False


def voice_check_evaluate(decision: Decision, figures: Figures) -> VoiceResult:
    """Whether enough voices were heard, by the rule chosen when the decision was made;
    withheld for an anonymous decision until `MINIMUM_ANONYMOUS_GROUP` have responded.

    "Each perspective" asks for the minimum from every perspective present, or
    from everyone holding it when fewer people than that hold it.
    """
    minimum = decision.voice_minimum
    if decision.voice_check == VoiceCheck.NONE:
        return VoiceResult(applies=False, passed=True, explanation="")
    withheld = decision.anonymous and figures.responded < settings.MINIMUM_ANONYMOUS_GROUP
    if decision.voice_check == VoiceCheck.PUBLIC:
        heard = figures.public_responded
        rule = ngettext(
            "At least %(count)s response from people with lived experience, carers or young "
            "people.",
            "At least %(count)s responses from people with lived experience, carers or young "
            "people.",
            minimum,
        ) % {"count": minimum}
        if withheld:
            return VoiceResult(True, False, rule, withheld=True)
        if heard >= minimum:
            return VoiceResult(True, True, rule)
        return VoiceResult(
            True,
            False,
            rule,
            [_("%(heard)s of %(minimum)s so far") % {"heard": heard, "minimum": minimum}],
        )
    rule = ngettext(
        "At least %(count)s response from each perspective in the team.",
        "At least %(count)s responses from each perspective in the team.",
        minimum,
    ) % {"count": minimum}
    if withheld:
        return VoiceResult(True, False, rule, withheld=True)
    shortfalls = []
    for group in figures.groups:
        if group.label in (PUBLIC_LABEL, NOT_SHARED):
            continue
        needed = min(minimum, group.total)
        if group.responded < needed:
            shortfalls.append(
                _("%(label)s: %(responded)s of %(needed)s")
                % {"label": _(str(group.label)), "responded": group.responded, "needed": needed}
            )
    return VoiceResult(True, not shortfalls, rule, shortfalls)
