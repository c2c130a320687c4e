"""Who can respond, who has, and whose voices are heard, split by perspective.

Only perspectives people share with their teams are counted
(`perspectives_for_teammates`); everyone else is "perspective not shared".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from levelfield.collectives.models import CollectiveMembership
from levelfield.decisions.models import Decision, Response, VoiceCheck, Voter
from levelfield.people.models import Perspective, PerspectiveKind, User
from levelfield.projects.models import ProjectMembership

NOT_SHARED = "Perspective not shared"
PUBLIC_LABEL = "Public contributors (lived experience, carers, young people)"


MEMBER_FIELDS = ("id", "email", "display_name", "perspectives_visibility")


def members_of(decision: Decision) -> list[User]:
    """Everyone who may respond, each with the perspectives they share (see
    `shared_kinds`), in two queries.

    Not `prefetch_related("perspectives")`: with 10,000 members it builds a queryset
    per person and a 10,000-item `IN` list, which took over a second (bench/README.md).
    """
    if decision.project_id:
        memberships = ProjectMembership.objects.filter(project_id=decision.project_id)
    else:
        memberships = CollectiveMembership.objects.filter(collective_id=decision.collective_id)
    member_ids = memberships.values("person_id")
    kinds: dict[int, set[str]] = {}
    shared = Perspective.objects.shared_with_teammates().filter(person__in=member_ids)
    for person_id, kind in shared.values_list("person_id", "kind"):
        kinds.setdefault(person_id, set()).add(kind)
    # Only what the pages, the voice check and reminder emails use: not access needs or
    # other health data, and a third of the time for thousands of members. Sorted below.
    people = list(User.objects.filter(pk__in=member_ids).only(*MEMBER_FIELDS).order_by())
    for person in people:
        person.shared_perspective_kinds = kinds.get(person.pk, set())
    return sorted(people, key=lambda person: (person.name.lower(), person.pk))


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
class Participation:
    members: int
    responded: int
    groups: list[GroupRate]
    # Named lists; empty when anonymity says they must not be shown.
    not_responded: list[User] = field(default_factory=list)
    responders: list[User] = field(default_factory=list)
    show_names: bool = True
    show_groups: bool = True

    @property
    def everyone_responded(self) -> bool:
        return self.members > 0 and self.responded >= self.members


def shared_kinds(person: User) -> set[str]:
    """The kinds of perspective a person shares with their teams: fetched for every
    member at once by `members_of`, asked of the person otherwise."""
    kinds = getattr(person, "shared_perspective_kinds", None)
    if kinds is None:
        return {perspective.kind for perspective in person.perspectives_for_teammates()}
    return kinds


def participation_build(
    decision: Decision, members: Sequence[User], responded_ids: Iterable[int]
) -> Participation:
    """Response rates overall and per perspective, with names when anonymity allows."""
    responded_ids = set(responded_ids)
    member_ids = {person.pk for person in members}
    responded_members = [person for person in members if person.pk in responded_ids]
    enough = len(responded_ids) >= settings.MINIMUM_ANONYMOUS_GROUP
    show_names = not decision.anonymous
    return Participation(
        members=len(members),
        responded=len(responded_ids & member_ids),
        groups=_group_rates(members, responded_ids),
        not_responded=[p for p in members if p.pk not in responded_ids] if show_names else [],
        responders=responded_members if show_names or enough else [],
        show_names=show_names,
        show_groups=not decision.anonymous or enough,
    )


def _group_rates(members: Sequence[User], responded_ids: set[int]) -> list[GroupRate]:
    by_kind: dict[str, list[int]] = {}
    public: list[int] = []
    not_shared: list[int] = []
    for person in members:
        kinds = shared_kinds(person)
        if not kinds:
            not_shared.append(person.pk)
        for kind in kinds:
            by_kind.setdefault(kind, []).append(person.pk)
        if kinds & PerspectiveKind.public_kinds():
            public.append(person.pk)
    groups = [
        _rate(label, by_kind[value], responded_ids)
        for value, label in PerspectiveKind.choices
        if value in by_kind
    ]
    if public:
        groups.append(_rate(PUBLIC_LABEL, public, responded_ids))
    if not_shared:
        groups.append(_rate(NOT_SHARED, not_shared, responded_ids))
    return groups


def _rate(label: str, ids: list[int], responded_ids: set[int]) -> GroupRate:
    return GroupRate(label, sum(1 for pk in ids if pk in responded_ids), len(ids))


@dataclass(frozen=True)
class VoiceResult:
    applies: bool
    passed: bool
    explanation: str
    shortfalls: list[str] = field(default_factory=list)


def voice_check_evaluate(
    decision: Decision, members: Sequence[User], responded_ids: Iterable[int]
) -> VoiceResult:
    """Whether enough voices were heard, by the rule chosen when the decision was made.

    "Each perspective" asks for the minimum from every perspective present, or
    from everyone holding it when fewer people than that hold it.
    """
    responded_ids = set(responded_ids)
    minimum = decision.voice_minimum
    if decision.voice_check == VoiceCheck.NONE:
        return VoiceResult(applies=False, passed=True, explanation="")
    if decision.voice_check == VoiceCheck.PUBLIC:
        heard = sum(
            1
            for person in members
            if person.pk in responded_ids and shared_kinds(person) & PerspectiveKind.public_kinds()
        )
        rule = (
            f"At least {minimum} {'response' if minimum == 1 else 'responses'} from people "
            "with lived experience, carers or young people."
        )
        if heard >= minimum:
            return VoiceResult(True, True, rule)
        return VoiceResult(True, False, rule, [f"{heard} of {minimum} so far"])
    rule = (
        f"At least {minimum} {'response' if minimum == 1 else 'responses'} from each "
        "perspective in the team."
    )
    shortfalls = []
    for group in _group_rates(members, responded_ids):
        if group.label in (PUBLIC_LABEL, NOT_SHARED):
            continue
        needed = min(minimum, group.total)
        if group.responded < needed:
            shortfalls.append(f"{group.label}: {group.responded} of {needed}")
    return VoiceResult(True, not shortfalls, rule, shortfalls)
