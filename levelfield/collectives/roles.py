"""Who may do what in a collective or a project: the one table of roles.

Power is shared. Every member has the same right to propose, decide, invite, edit
and see the records, so almost every action below is "any member".

"Coordinator" is a job, not a rank: a member is asked to take it (or volunteers, or
a collective decision chooses them) and accepts; anyone in the place sees who holds
it and since when; the holder steps down with one click. The job brings duties
(setting the payment policy; approving payment claims and changing someone else's
hours, which people the policy names as approvers share), never extra say: a
coordinator never overrides a collective decision.

Services call `may` (or `require`) to re-check the acting person, after the views
have already checked access with `access.py` (defence in depth).
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext, pgettext_lazy

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceMembership
from levelfield.projects.models import Project


class Who(StrEnum):
    ANY_MEMBER = "any member"
    THE_COORDINATOR = "the coordinator"
    # The collective's coordinator, or a member its payment policy names as an approver
    # (levelfield/payments); always decided in the collective, even for a project.
    AN_APPROVER = "an approver of payment claims"


class Action(StrEnum):
    EDIT = "edit"
    INVITE = "invite"
    ADD_MEMBER = "add a member"
    RECORD_INVOLVEMENT = "record involvement"
    ASK_COORDINATOR = "ask someone to coordinate"
    ANSWER_JOIN_REQUEST = "answer a request to join"
    START_CONVERSATION = "start a conversation"
    TAKE_PART_IN_CONVERSATION = "take part in a conversation"
    MODERATE_STATEMENTS = "moderate statements"
    ADOPT_PRINCIPLES = "draft principles and open a decision on them"
    OPEN_CHECKIN = "open a check-in round"
    ADD_CHECKIN_QUESTIONS = "add check-in questions"
    RECORD_CHECKIN_ACTION = "record what we will do about a check-in"
    APPROVE_CLAIM = "approve a payment claim"
    SET_PAYMENT_POLICY = "set the payment policy"
    CHANGE_SOMEONES_HOURS = "change someone else’s hours"
    SUGGEST_RESOURCE = "suggest a resource"
    CURATE_RESOURCES = "curate the resource map"
    # learning
    START_COURSE = "start a course"
    ENROL_ON_COURSE = "enrol on a course"
    FACILITATE_ANY_COHORT = "facilitate any cohort of the collective's courses"
    # reviews
    SET_UP_REVIEW_GROUP = "set up the review group and its request form"
    # documents
    START_DOCUMENT = "start a document"
    TAKE_PART_IN_DOCUMENT = "comment on and amend a document"
    TAKE_THE_PEN = "take the pen on a document"
    MODERATE_COMMENTS = "hide a reported comment"

    # Payment policies may also name approvers (Who.AN_APPROVER) and finance officers
    # (levelfield/payments/access.py) besides the coordinator. Hours feed money, so only
    # the person they belong to or an approver changes them (projects/services.py).
    ORGANISE_EVENT = "organise an event"
    RUN_EVENT_LOGISTICS = "run the logistics of every event"
    # priorities
    RUN_PRIORITY_SETTING = "run a priority-setting partnership"
    SHARE_IDEAS = "post and build on research ideas"
    # stories
    WRITE_STORY = "write a story"
    PUBLISH_STORIES = "publish stories and moderate their comments"
    ANSWER_INTEREST = "answer people who want to get involved"
    EDIT_PUBLIC_PAGE = "edit the public page and name its editors"
    # reports
    WRITE_REPORT = "generate, write and sign off a report"
    PUBLISH_REPORT = "publish a signed-off report on the public pages"
    # opportunities
    WRITE_OPPORTUNITY = "write an involvement opportunity"
    CHECK_OPPORTUNITY = "check an involvement opportunity before it goes live"
    SEE_OPPORTUNITY_INTEREST = "see who expressed interest in every opportunity"
    # impact
    PUBLISH_IMPACT = "publish an impact record"


# What the refusal says, in the reader's language (the enums' values stay English:
# they are the keys of the rules). A new action belongs here too; until it is, the
# refusal names it in English.
WHO_WORDS: dict[Who, str] = {
    Who.ANY_MEMBER: pgettext_lazy("refusal", "any member"),
    Who.THE_COORDINATOR: pgettext_lazy("refusal", "the coordinator"),
    Who.AN_APPROVER: pgettext_lazy("refusal", "an approver of payment claims"),
}
ACTION_WORDS: dict[Action, str] = {
    Action.EDIT: pgettext_lazy("refusal", "edit"),
    Action.INVITE: pgettext_lazy("refusal", "invite"),
    Action.ADD_MEMBER: pgettext_lazy("refusal", "add a member"),
    Action.RECORD_INVOLVEMENT: pgettext_lazy("refusal", "record involvement"),
    Action.ASK_COORDINATOR: pgettext_lazy("refusal", "ask someone to coordinate"),
    Action.ANSWER_JOIN_REQUEST: pgettext_lazy("refusal", "answer a request to join"),
    Action.START_CONVERSATION: pgettext_lazy("refusal", "start a conversation"),
    Action.TAKE_PART_IN_CONVERSATION: pgettext_lazy("refusal", "take part in a conversation"),
    Action.MODERATE_STATEMENTS: pgettext_lazy("refusal", "moderate statements"),
    Action.ADOPT_PRINCIPLES: pgettext_lazy(
        "refusal", "draft principles and open a decision on them"
    ),
    Action.OPEN_CHECKIN: pgettext_lazy("refusal", "open a check-in round"),
    Action.ADD_CHECKIN_QUESTIONS: pgettext_lazy("refusal", "add check-in questions"),
    Action.RECORD_CHECKIN_ACTION: pgettext_lazy(
        "refusal", "record what we will do about a check-in"
    ),
    Action.APPROVE_CLAIM: pgettext_lazy("refusal", "approve a payment claim"),
    Action.SET_PAYMENT_POLICY: pgettext_lazy("refusal", "set the payment policy"),
    Action.CHANGE_SOMEONES_HOURS: pgettext_lazy("refusal", "change someone else’s hours"),
    Action.SUGGEST_RESOURCE: pgettext_lazy("refusal", "suggest a resource"),
    Action.CURATE_RESOURCES: pgettext_lazy("refusal", "curate the resource map"),
    Action.START_COURSE: pgettext_lazy("refusal", "start a course"),
    Action.ENROL_ON_COURSE: pgettext_lazy("refusal", "enrol on a course"),
    Action.FACILITATE_ANY_COHORT: pgettext_lazy(
        "refusal", "facilitate any cohort of the collective's courses"
    ),
    Action.SET_UP_REVIEW_GROUP: pgettext_lazy(
        "refusal", "set up the review group and its request form"
    ),
    Action.START_DOCUMENT: pgettext_lazy("refusal", "start a document"),
    Action.TAKE_PART_IN_DOCUMENT: pgettext_lazy("refusal", "comment on and amend a document"),
    Action.TAKE_THE_PEN: pgettext_lazy("refusal", "take the pen on a document"),
    Action.MODERATE_COMMENTS: pgettext_lazy("refusal", "hide a reported comment"),
    Action.ORGANISE_EVENT: pgettext_lazy("refusal", "organise an event"),
    Action.RUN_EVENT_LOGISTICS: pgettext_lazy("refusal", "run the logistics of every event"),
    Action.RUN_PRIORITY_SETTING: pgettext_lazy("refusal", "run a priority-setting partnership"),
    Action.SHARE_IDEAS: pgettext_lazy("refusal", "post and build on research ideas"),
    Action.WRITE_STORY: pgettext_lazy("refusal", "write a story"),
    Action.PUBLISH_STORIES: pgettext_lazy(
        "refusal", "publish stories and moderate their comments"
    ),
    Action.ANSWER_INTEREST: pgettext_lazy("refusal", "answer people who want to get involved"),
    Action.EDIT_PUBLIC_PAGE: pgettext_lazy("refusal", "edit the public page and name its editors"),
    Action.WRITE_REPORT: pgettext_lazy("refusal", "generate, write and sign off a report"),
    Action.PUBLISH_REPORT: pgettext_lazy(
        "refusal", "publish a signed-off report on the public pages"
    ),
    Action.WRITE_OPPORTUNITY: pgettext_lazy("refusal", "write an involvement opportunity"),
    Action.CHECK_OPPORTUNITY: pgettext_lazy(
        "refusal", "check an involvement opportunity before it goes live"
    ),
    Action.SEE_OPPORTUNITY_INTEREST: pgettext_lazy(
        "refusal", "see who expressed interest in every opportunity"
    ),
    Action.PUBLISH_IMPACT: pgettext_lazy("refusal", "publish an impact record"),
}


# Later: Action.APPROVE_CLAIM: Who.THE_COORDINATOR.
RULES: dict[Action, Who] = {
    Action.EDIT: Who.ANY_MEMBER,
    Action.INVITE: Who.ANY_MEMBER,
    Action.ADD_MEMBER: Who.ANY_MEMBER,
    Action.RECORD_INVOLVEMENT: Who.ANY_MEMBER,
    Action.ASK_COORDINATOR: Who.ANY_MEMBER,
    Action.ANSWER_JOIN_REQUEST: Who.ANY_MEMBER,
    Action.START_CONVERSATION: Who.ANY_MEMBER,
    Action.TAKE_PART_IN_CONVERSATION: Who.ANY_MEMBER,
    Action.MODERATE_STATEMENTS: Who.ANY_MEMBER,
    Action.ADOPT_PRINCIPLES: Who.ANY_MEMBER,
    # Asking "are we working as equals?" is everyone's right, not a coordinator's task.
    Action.OPEN_CHECKIN: Who.ANY_MEMBER,
    Action.ADD_CHECKIN_QUESTIONS: Who.ANY_MEMBER,
    Action.RECORD_CHECKIN_ACTION: Who.ANY_MEMBER,
    Action.APPROVE_CLAIM: Who.AN_APPROVER,
    Action.SET_PAYMENT_POLICY: Who.THE_COORDINATOR,
    Action.CHANGE_SOMEONES_HOURS: Who.AN_APPROVER,
    Action.SUGGEST_RESOURCE: Who.ANY_MEMBER,
    # Accepting or declining suggestions, copying the shared starter set: a duty.
    Action.CURATE_RESOURCES: Who.THE_COORDINATOR,
    # learning: anyone may teach, and anyone may learn. Who runs a course is the course's
    # own list of facilitators (levelfield/learning/access.py), not a collective role.
    Action.START_COURSE: Who.ANY_MEMBER,
    Action.ENROL_ON_COURSE: Who.ANY_MEMBER,
    Action.FACILITATE_ANY_COHORT: Who.THE_COORDINATOR,
    # reviews: setting up the group and its form is a duty; reviewing is the group's.
    Action.SET_UP_REVIEW_GROUP: Who.THE_COORDINATOR,
    # documents: writing together is everyone's; the pen is a job anyone may take.
    Action.START_DOCUMENT: Who.ANY_MEMBER,
    Action.TAKE_PART_IN_DOCUMENT: Who.ANY_MEMBER,
    Action.TAKE_THE_PEN: Who.ANY_MEMBER,
    Action.MODERATE_COMMENTS: Who.ANY_MEMBER,
    # Any member plans an event and organises it with the organisers they name; the
    # coordinator job adds the logistics of every event in the place (registrations,
    # access needs, attendance), as one more organiser, never overriding a decision.
    Action.ORGANISE_EVENT: Who.ANY_MEMBER,
    Action.RUN_EVENT_LOGISTICS: Who.THE_COORDINATOR,
    # priorities: the steering group is who turns up, not a rank; every member may help.
    Action.RUN_PRIORITY_SETTING: Who.ANY_MEMBER,
    Action.SHARE_IDEAS: Who.ANY_MEMBER,
    # stories: every member writes; publishing to the world, moderating public comments
    # and answering strangers are duties of the coordinators and of the editors the
    # public page names (levelfield/stories/access.py adds them).
    Action.WRITE_STORY: Who.ANY_MEMBER,
    Action.PUBLISH_STORIES: Who.THE_COORDINATOR,
    Action.ANSWER_INTEREST: Who.THE_COORDINATOR,
    Action.EDIT_PUBLIC_PAGE: Who.THE_COORDINATOR,
    # reports: the team writes and signs off together (a decision); putting the signed-off
    # version on the public pages, or taking it down, is the coordinator's recorded duty.
    Action.WRITE_REPORT: Who.ANY_MEMBER,
    Action.PUBLISH_REPORT: Who.THE_COORDINATOR,
    # opportunities: every member writes one; checking it before it goes to the public
    # board is the collective coordinator's duty (as a PPI lead checks a VOICE posting).
    Action.WRITE_OPPORTUNITY: Who.ANY_MEMBER,
    Action.CHECK_OPPORTUNITY: Who.THE_COORDINATOR,
    # Names, emails and access needs of people who answered: the writer (access.py) and
    # the coordinators, as for an event's access needs.
    Action.SEE_OPPORTUNITY_INTEREST: Who.THE_COORDINATOR,
    # impact: every member records what changed; publishing it (into the reports and, when
    # chosen, the public page) is the coordinator's recorded duty, as for reports.
    Action.PUBLISH_IMPACT: Who.THE_COORDINATOR,
}


def may(person: User, action: Action, place: Collective | Project | Place) -> bool:
    """Whether `person` may do `action` in the collective, project or group `place`."""
    if not getattr(person, "is_authenticated", False):
        return False
    if RULES[action] is Who.AN_APPROVER:
        # Always decided in the collective, for its projects and groups too.
        collective_id = place.pk if isinstance(place, Collective) else place.collective_id
        return (
            PlaceMembership.objects.of_collective(collective_id)
            .filter(person=person)
            .filter(
                Q(coordinator_since__isnull=False)
                | Q(place__collective__payment_policy__approvers=person)
            )
            .exists()
        )
    memberships = memberships_of(place).filter(person=person)
    if RULES[action] is Who.THE_COORDINATOR:
        memberships = memberships.filter(coordinator_since__isnull=False)
    return memberships.exists()


def decided_by_membership(action: Action, *, coordinator: bool) -> bool | None:
    """What a member's membership of the collective, project or group the action is
    asked in says about it, for a page that has just read that membership: True or False
    for any member's actions and the coordinator's, None for those decided elsewhere
    (approvers, in the collective), which `may` must answer."""
    who = RULES[action]
    if who is Who.ANY_MEMBER:
        return True
    if who is Who.THE_COORDINATOR:
        return coordinator
    return None


def may_as_member(
    person: User, action: Action, place: Collective | Project | Place, *, coordinator: bool
) -> bool:
    """`may` for a member of `place` whose membership a page has just read
    (`coordinator`: whether it holds the coordinator job): members' and coordinators'
    actions are answered from it without a query; the rest (approvers) are asked of `may`."""
    decided = decided_by_membership(action, coordinator=coordinator)
    return may(person, action, place) if decided is None else decided


def require(person: User, action: Action, place: Collective | Project | Place) -> None:
    """Raise PermissionDenied unless `person` may do `action` in `place`."""
    if not may(person, action, place):
        raise PermissionDenied(
            gettext("Only %(who)s may %(action)s here.")
            % {
                "who": WHO_WORDS.get(RULES[action], RULES[action].value),
                "action": ACTION_WORDS.get(action, action.value),
            }
        )


def memberships_of(place: Collective | Project | Place) -> QuerySet[PlaceMembership]:
    """The memberships of a collective, a project or a group (`Place.owner`)."""
    return PlaceMembership.objects.of_owner(place)


def collectives_where(person: User, action: Action) -> QuerySet:
    """The ids of the collectives where `person` may do `action`, as a subquery, so a
    list across every collective (a person's home) is one query. Only for actions
    decided in the collective (approving claims, publishing stories, answering joiners)."""
    if not getattr(person, "is_authenticated", False):
        return PlaceMembership.objects.none().values("place__collective_id")
    memberships = PlaceMembership.objects.in_collectives().filter(person=person)
    who = RULES[action]
    if who is Who.AN_APPROVER:
        memberships = memberships.filter(
            Q(coordinator_since__isnull=False)
            | Q(place__collective__payment_policy__approvers=person)
        )
    elif who is Who.THE_COORDINATOR:
        memberships = memberships.filter(coordinator_since__isnull=False)
    return memberships.values("place__collective_id")
