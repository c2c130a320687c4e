"""Changes to projects, their members and the involvement log.

Each function is one thing a person does, done in one transaction together with
its entry in the change history, so nothing changes without a trace.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.services import join_request_answer, join_request_decline
from levelfield.history.services import change_record
from levelfield.lib import words
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.people.models import User
from levelfield.places.access import place_member_ids
from levelfield.places.models import JoinRequest, JoinRequestStatus, Place, PlaceMembership
from levelfield.places.services import (
    EntryValues,
    involvement_entry_write,
    place_for_project_create,
    place_leave_hand_back,
    place_members_counted,
)
from levelfield.projects.models import InvolvementEntry, Project, Stage

MAX_MINUTES_IN_A_DAY = 24 * 60


# Projects


def project_create(
    *,
    collective: Collective,
    created_by: User,
    title: str,
    summary: str,
    topics: str = "",
    stage: str = Stage.IDENTIFYING,
) -> Project:
    """Start a project in a collective; the person who starts it is its first member."""
    if not PlaceMembership.objects.of_collective(collective).filter(person=created_by).exists():
        raise ValidationError(
            gettext("You can only start a project in a collective you belong to.")
        )
    with transaction.atomic():
        project = Project.objects.create(
            collective=collective,
            created_by=created_by,
            title=title,
            summary=summary,
            topics=_tidy_topics(topics),
            stage=stage,
        )
        place_for_project_create(project=project)
        PlaceMembership.objects.create(place=project.place, person=created_by)
        place_members_counted(place_id=project.place.pk, change=1)
        change_record(
            actor=created_by,
            action="created",
            summary=f"{created_by.name} started the project “{project.title}”",
            subject=project,
            project=project,
            collective=collective,
            after=_project_snapshot(project),
        )
    return project


def project_update(
    *, project: Project, actor: User, title: str, summary: str, topics: str, stage: str
) -> Project:
    """Change a project's details; any member may, and the history keeps what it was."""
    roles.require(actor, roles.Action.EDIT, project)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        before = _project_snapshot(project)
        project.title = title
        project.summary = summary
        project.topics = _tidy_topics(topics)
        project.stage = stage
        after = _project_snapshot(project)
        if before == after:
            return project
        project.save()
        changed = [key for key in after if before[key] != after[key]]
        change_record(
            actor=actor,
            action="updated",
            summary=f"{actor.name} changed the project’s "
            f"{_and_list([_FIELD_WORDS[key] for key in changed])}",
            subject=project,
            project=project,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return project


# Members


def project_member_add(*, project: Project, person: User, added_by: User) -> PlaceMembership:
    """Add someone from the project's collective straight to the project."""
    if (
        not PlaceMembership.objects.of_collective(project.collective_id)
        .filter(person=person)
        .exists()
    ):
        raise ValidationError(
            gettext("%(name)s is not a member of %(collective)s. Invite them by email instead.")
            % {"name": person.name, "collective": project.collective.name}
        )
    with transaction.atomic():
        membership, created = PlaceMembership.objects.get_or_create(
            place=project.place, person=person
        )
        if not created:
            raise ValidationError(
                gettext("%(name)s is already a member of this project.") % {"name": person.name}
            )
        place_members_counted(place_id=project.place.pk, change=1)
        change_record(
            actor=added_by,
            action="member_added",
            summary=f"{added_by.name} added {person.name} to the project",
            subject=membership,
            project=project,
            after={"member": person.name},
        )
    return membership


def project_leave(*, project: Project, person: User) -> None:
    """Leave a project. The last member cannot leave, or the project would be lost."""
    with transaction.atomic():
        memberships = list(
            PlaceMembership.objects.select_for_update().filter(place=project.place).order_by("pk")
        )
        mine = next((m for m in memberships if m.person_id == person.pk), None)
        if mine is None:
            raise ValidationError(gettext("You are not a member of this project."))
        if len(memberships) == 1:
            raise ValidationError(
                gettext(
                    "You are the only member of this project. Invite someone to take it on "
                    "before you leave."
                )
            )
        change_record(
            actor=person,
            action="member_left",
            summary=f"{person.name} left the project",
            subject=mine,
            project=project,
            before={"member": person.name, "coordinator": _yes_no(mine.is_coordinator)},
        )
        mine.delete()
        place_members_counted(place_id=project.place.pk, change=-1)
        place_leave_hand_back(place=project.place, person=person)


# Asking to join


def project_join_request_create(
    *, project: Project, person: User, message: str = ""
) -> JoinRequest:
    """A member of the project's collective asks to join; the project's members are
    told (by email once it is saved)."""
    with transaction.atomic():
        if (
            not PlaceMembership.objects.of_collective(project.collective_id)
            .filter(person=person)
            .exists()
        ):
            raise ValidationError(
                gettext("Only members of the project’s collective can ask to join it.")
            )
        if PlaceMembership.objects.of_project(project).filter(person=person).exists():
            raise ValidationError(gettext("You are already a member of this project."))
        try:
            with transaction.atomic():
                join_request = JoinRequest.objects.create(
                    place=project.place, person=person, message=message.strip()
                )
        except IntegrityError:
            raise ValidationError(
                gettext("You have already asked to join this project. Its members will answer.")
            ) from None
        change_record(
            actor=person,
            action="join_requested",
            summary=f"{person.name} asked to join the project",
            subject=join_request,
            project=project,
            after={"member": person.name},
        )
        _join_request_notify(join_request)
    return join_request


def project_join_request_accept(*, join_request: JoinRequest, actor: User) -> PlaceMembership:
    """A project member says yes: the person joins. The request row is locked and a
    person has one membership per project, so two people accepting at once add one."""
    roles.require(actor, roles.Action.ANSWER_JOIN_REQUEST, join_request.project)
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        person, project = join_request.person, join_request.project
        if (
            not PlaceMembership.objects.of_collective(project.collective_id)
            .filter(person=person)
            .exists()
        ):
            raise ValidationError(
                gettext(
                    "%(name)s has left %(collective)s, so they cannot join. "
                    "Decline the request instead."
                )
                % {"name": person.name, "collective": project.collective.name}
            )
        membership, joined = PlaceMembership.objects.get_or_create(
            place=project.place, person=person
        )
        if joined:
            place_members_counted(place_id=project.place.pk, change=1)
        join_request_answer(
            join_request=join_request, status=JoinRequestStatus.ACCEPTED, actor=actor
        )
        change_record(
            actor=actor,
            action="join_request_accepted",
            summary=f"{actor.name} accepted {person.name}’s request to join the project",
            subject=membership,
            project=project,
            after={"member": person.name},
        )
        _join_request_notify(join_request)
    return membership


def project_join_request_decline(
    *, join_request: JoinRequest, actor: User, reason: str = ""
) -> None:
    """A project member says no, with an optional reason the person is told."""
    roles.require(actor, roles.Action.ANSWER_JOIN_REQUEST, join_request.project)
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        join_request_decline(
            join_request=join_request,
            actor=actor,
            reason=reason,
            scope={"project": join_request.project},
        )
        _join_request_notify(join_request)


def _join_request_notify(join_request: JoinRequest) -> None:
    """Tell people about a request to join, inside the transaction that changed it (the
    emails go once it commits): while it waits, each of the project's members hears that
    someone asks; once it is answered, the person who asked hears the answer."""
    project = join_request.project
    if join_request.is_pending:
        recipients = list(
            User.objects.filter(place_memberships__place__project=project, is_active=True)
        )
        url = reverse("places:members", args=[project.place.pk])
    elif join_request.status == JoinRequestStatus.ACCEPTED:
        recipients, url = [join_request.person], project.get_absolute_url()
    else:
        # Declined: the project stays closed to them; their collective's page is not.
        recipients, url = [join_request.person], project.collective.get_absolute_url()
    notifications_send_each(
        kind="join_request",
        people=recipients,
        context_for=lambda person: {"join_request": join_request},
        url=url,
    )


def _join_request_locked(join_request: JoinRequest) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("person", "place__project__collective", "place__collective")
        .get(pk=join_request.pk)
    )
    if not join_request.is_pending:
        raise ValidationError(
            gettext("%(name)s’s request to join has already been answered.")
            % {"name": join_request.person.name}
        )
    return join_request


# The involvement log (at any place: a project or a collective)


def involvement_entry_create(
    *,
    place: Place,
    recorded_by: User,
    title: str,
    happened_on: datetime.date,
    stage: str,
    kind: str,
    participants: Mapping[User, int],
    description: str = "",
    what_changed: str = "",
) -> InvolvementEntry:
    """Record something that happened, who took part and for how many minutes each."""
    roles.require(recorded_by, roles.Action.RECORD_INVOLVEMENT, place.owner)
    with transaction.atomic():
        allowed = _members_among(place, participants)
        _check_participants(participants, allowed=allowed, kept=0, place=place)
        return involvement_entry_write(
            place=place,
            actor=recorded_by,
            values=EntryValues(
                title=title,
                description=description,
                happened_on=happened_on,
                stage=stage,
                kind=kind,
                what_changed=what_changed,
            ),
            participants={person.pk: minutes for person, minutes in participants.items()},
        )


def involvement_entry_update(
    *,
    entry: InvolvementEntry,
    actor: User,
    title: str,
    happened_on: datetime.date,
    stage: str,
    kind: str,
    participants: Mapping[User, int],
    description: str = "",
    what_changed: str = "",
) -> InvolvementEntry:
    """Correct an entry. `participants` covers everyone with an account; the time of
    people who have since deleted their account is kept as it was."""
    place = entry.place
    roles.require(actor, roles.Action.RECORD_INVOLVEMENT, place.owner)
    with transaction.atomic():
        entry = InvolvementEntry.objects.select_for_update().get(pk=entry.pk)
        existing = list(entry.participations.values_list("person_id", flat=True))
        # People who took part and later left the place may still be credited.
        allowed = _members_among(place, participants) | {
            person_id for person_id in existing if person_id is not None
        }
        former_members = sum(1 for person_id in existing if person_id is None)
        _check_participants(participants, allowed=allowed, kept=former_members, place=place)

        old_minutes = dict(
            entry.participations.filter(person__isnull=False).values_list("person_id", "minutes")
        )
        wanted = {person.pk: minutes for person, minutes in participants.items()}
        _check_claimed_time_kept(entry, wanted, happened_on)
        others = _check_hours_changed_by_right_person(place, actor, old_minutes, wanted)
        entry = involvement_entry_write(
            place=place,
            actor=actor,
            entry=entry,
            values=EntryValues(
                title=title,
                description=description,
                happened_on=happened_on,
                stage=stage,
                kind=kind,
                what_changed=what_changed,
            ),
            participants=wanted,
            summary=f"{actor.name} corrected “{title}” in the involvement log"
            + (f", changing {_and_list(others)}’s time as an approver" if others else ""),
        )
        _tell_whose_hours_changed(entry, place, actor, old_minutes, wanted)
    return entry


def _check_claimed_time_kept(
    entry: InvolvementEntry, wanted: Mapping[int, int], happened_on: datetime.date
) -> None:
    """Time claimed for payment is locked: its minutes, its person and the entry's date
    feed money, so they stay as claimed (`Participation.claim_line` is the payments
    app's claim of it)."""
    claimed = list(entry.participations.filter(claim_line__isnull=False).select_related("person"))
    for participation in claimed:
        if wanted.get(participation.person_id) != participation.minutes:
            raise ValidationError(
                gettext(
                    "%(name)s’s time is claimed for payment, so it cannot change here. Ask an "
                    "approver about the claim instead."
                )
                % {"name": participation.person_name}
            )
    if claimed and happened_on != entry.happened_on:
        raise ValidationError(
            gettext("Time in this entry is claimed for payment, so its date cannot change.")
        )


def _check_hours_changed_by_right_person(
    place: Place, actor: User, old: Mapping[int, int], new: Mapping[int, int]
) -> list[str]:
    """Hours feed money, so only the person they belong to, or an approver of payment
    claims (`roles.Who.AN_APPROVER`), changes or removes them. Adding someone who took
    part is recording, which any member may do. Returns the names of the other people
    whose time the approver changed, for the history."""
    changed = [
        person_id
        for person_id, minutes in old.items()
        if person_id != actor.pk and new.get(person_id) != minutes
    ]
    if not changed:
        return []
    names = sorted(person.name for person in User.objects.filter(pk__in=changed))
    if not roles.may(actor, roles.Action.CHANGE_SOMEONES_HOURS, place.owner):
        raise ValidationError(
            gettext(
                "Hours can be paid, so only the person they belong to or an approver of "
                "payment claims can change them. You cannot change %(names)s’s time: ask "
                "them to correct it."
            )
            % {"names": _and_list(names)}
        )
    return names


def _tell_whose_hours_changed(
    entry: InvolvementEntry,
    place: Place,
    actor: User,
    old: Mapping[int, int],
    new: Mapping[int, int],
) -> None:
    """Hours can feed money, so a person hears when someone else changes theirs."""
    changed = [
        person_id
        for person_id in set(old) | set(new)
        if person_id != actor.pk and old.get(person_id) != new.get(person_id)
    ]
    url = reverse("places:log_entry", args=[place.pk, entry.pk])
    for person in User.objects.filter(pk__in=changed, is_active=True):
        before, after = words.hours(old.get(person.pk)), words.hours(new.get(person.pk))
        notification_send(
            kind="hours_changed",
            person=person,
            context={
                "subject": gettext("%(name)s changed your hours for “%(title)s”")
                % {"name": actor.name, "title": entry.title},
                "message": gettext(
                    "%(name)s changed the time recorded for you in “%(title)s” from "
                    "%(before)s to %(after)s. If that is wrong, correct the entry or tell them."
                )
                % {"name": actor.name, "title": entry.title, "before": before, "after": after},
            },
            url=url,
        )


def _members_among(place: Place, participants: Mapping[User, int]) -> set[int]:
    """Which of `participants` are members of `place`: asked of the index for just
    them, not by reading every member's id (10,000 in a big project)."""
    return set(
        place_member_ids(place)
        .filter(person_id__in=[person.pk for person in participants])
        .order_by()
    )


def _check_participants(
    participants: Mapping[User, int], *, allowed: set[int], kept: int, place: Place
) -> None:
    if not participants and not kept:
        raise ValidationError(gettext("Say who took part: at least one person."))
    for person, minutes in participants.items():
        if person.pk not in allowed:
            raise ValidationError(
                gettext("%(name)s is not a member of this %(kind)s.")
                % {"name": person.name, "kind": place.kind_word}
            )
        if not 0 < minutes <= MAX_MINUTES_IN_A_DAY:
            raise ValidationError(
                gettext("The time %(name)s spent must be more than 0 and at most 24 hours.")
                % {"name": person.name}
            )


# Small helpers


_FIELD_WORDS = {
    "title": "title",
    "summary": "summary",
    "topics": "topics",
    "stage": "current stage",
}


def _project_snapshot(project: Project) -> dict[str, str]:
    # The history keeps what was stored, in English, whoever made the change.
    with translation.override("en-gb"):
        stage = str(Stage(project.stage).label)
    return {
        "title": project.title,
        "summary": project.summary,
        "topics": project.topics,
        "stage": stage,
    }


def _tidy_topics(topics: str) -> str:
    """'  dementia,, carers ' -> 'dementia, carers', without repeating a topic."""
    seen: dict[str, str] = {}
    for topic in topics.split(","):
        topic = " ".join(topic.split())
        if topic and topic.lower() not in seen:
            seen[topic.lower()] = topic
    return ", ".join(seen.values())


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
