"""Who may do what in a collective or a project: the one table of roles.

Power is shared. Every member has the same right to propose, decide, invite, edit
and see the records, so almost every action below is "any member".

"Coordinator" is a job, not a rank: a member is asked to take it (or volunteers, or
a collective decision chooses them) and accepts; anyone in the place sees who holds
it and since when; the holder steps down with one click. The job brings duties
(later issues add approving payment claims and running events logistics, as
"the coordinator" rows here), never extra say: a coordinator never overrides a
collective decision.

Services call `may` (or `require`) to re-check the acting person, after the views
have already checked access with `access.py` (defence in depth).
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.people.models import User
from levelfield.projects.models import Project, ProjectMembership


class Who(StrEnum):
    ANY_MEMBER = "any member"
    THE_COORDINATOR = "the coordinator"


class Action(StrEnum):
    EDIT = "edit"
    INVITE = "invite"
    ADD_MEMBER = "add a member"
    RECORD_INVOLVEMENT = "record involvement"
    ASK_COORDINATOR = "ask someone to coordinate"
    ANSWER_JOIN_REQUEST = "answer a request to join"
    ORGANISE_EVENT = "organise an event"
    RUN_EVENT_LOGISTICS = "run the logistics of every event"


# Later: Action.APPROVE_CLAIM: Who.THE_COORDINATOR.
RULES: dict[Action, Who] = {
    Action.EDIT: Who.ANY_MEMBER,
    Action.INVITE: Who.ANY_MEMBER,
    Action.ADD_MEMBER: Who.ANY_MEMBER,
    Action.RECORD_INVOLVEMENT: Who.ANY_MEMBER,
    Action.ASK_COORDINATOR: Who.ANY_MEMBER,
    Action.ANSWER_JOIN_REQUEST: Who.ANY_MEMBER,
    # Any member plans an event and organises it with the organisers they name; the
    # coordinator job adds the logistics of every event in the place (registrations,
    # access needs, attendance), as one more organiser, never overriding a decision.
    Action.ORGANISE_EVENT: Who.ANY_MEMBER,
    Action.RUN_EVENT_LOGISTICS: Who.THE_COORDINATOR,
}


def may(person: User, action: Action, place: Collective | Project) -> bool:
    """Whether `person` may do `action` in the collective or project `place`."""
    if not getattr(person, "is_authenticated", False):
        return False
    memberships = _memberships_of(place).filter(person=person)
    if RULES[action] is Who.THE_COORDINATOR:
        memberships = memberships.filter(coordinator_since__isnull=False)
    return memberships.exists()


def require(person: User, action: Action, place: Collective | Project) -> None:
    """Raise PermissionDenied unless `person` may do `action` in `place`."""
    if not may(person, action, place):
        raise PermissionDenied(f"Only {RULES[action]} may {action} here.")


def _memberships_of(
    place: Collective | Project,
) -> QuerySet[CollectiveMembership] | QuerySet[ProjectMembership]:
    if isinstance(place, Project):
        return ProjectMembership.objects.filter(project=place)
    return CollectiveMembership.objects.filter(collective=place)
