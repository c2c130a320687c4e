"""Changes to a person's own record: their profile, their data export and erasure."""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from levelfield.collectives.models import CollectiveMembership
from levelfield.decisions import services as decision_services
from levelfield.decisions.models import Decision
from levelfield.events import services as event_services
from levelfield.history.models import Change
from levelfield.history.services import change_record, history_forget
from levelfield.invitations.models import Invitation
from levelfield.lib.erasure import forget, identifying_pattern
from levelfield.notifications.services import notifications_forget_addresses
from levelfield.people.models import (
    CommunicationPreference,
    FormerDetail,
    PaymentPreference,
    Perspective,
    PerspectiveKind,
    User,
    Visibility,
)
from levelfield.projects.models import (
    InvolvementEntry,
    Participation,
    ProjectMembership,
)
from levelfield.stories import services as story_services

# Perspectives that say something about a person's health, so need their consent to keep.
HEALTH_PERSPECTIVES = {PerspectiveKind.LIVED_EXPERIENCE}


def profile_update(
    *,
    person: User,
    display_name: str,
    perspectives: dict[str, str],
    perspectives_visibility: str,
    skills: str,
    interests: str,
    skills_visibility: str,
    access_needs: str,
    communication_preferences: list[str],
    phone: str,
    payment_preference: str,
    health_data_consent: bool,
) -> User:
    """Save everything a person says about themselves.

    `perspectives` maps each chosen PerspectiveKind to the words the person added
    ("" for none). Health-related details are kept only with the person's consent;
    the moment of consent is recorded, and withdrawn when they untick it.
    """
    _profile_validate(
        perspectives=perspectives,
        perspectives_visibility=perspectives_visibility,
        skills_visibility=skills_visibility,
        access_needs=access_needs,
        communication_preferences=communication_preferences,
        payment_preference=payment_preference,
        health_data_consent=health_data_consent,
    )
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if person.display_name and person.display_name != display_name:
            former_detail_record(person=person, kind=FormerDetail.Kind.NAME, value=person.name)
        person.display_name = display_name
        person.perspectives_visibility = perspectives_visibility
        person.skills = skills
        person.interests = interests
        person.skills_visibility = skills_visibility
        person.access_needs = access_needs
        person.communication_preferences = [
            value for value in CommunicationPreference.values if value in communication_preferences
        ]
        person.phone = phone
        person.payment_preference = payment_preference
        if not health_data_consent:
            person.health_data_consent_at = None
        elif person.health_data_consent_at is None:
            person.health_data_consent_at = timezone.now()
        person.save()
        _perspectives_replace(person=person, perspectives=perspectives)
    return person


def _profile_validate(
    *,
    perspectives: dict[str, str],
    perspectives_visibility: str,
    skills_visibility: str,
    access_needs: str,
    communication_preferences: list[str],
    payment_preference: str,
    health_data_consent: bool,
) -> None:
    """The rules the form also checks, repeated here so no other caller can break them."""
    if not set(perspectives) <= set(PerspectiveKind.values):
        raise ValidationError("Unknown perspective.")
    if PerspectiveKind.OTHER in perspectives and not perspectives[PerspectiveKind.OTHER]:
        raise ValidationError("Describe your other perspective in your own words.")
    if {perspectives_visibility, skills_visibility} - set(Visibility.values):
        raise ValidationError("Unknown choice of who can see your profile.")
    if set(communication_preferences) - set(CommunicationPreference.values):
        raise ValidationError("Unknown communication preference.")
    if payment_preference not in PaymentPreference.values:
        raise ValidationError("Unknown payment preference.")
    gives_health_data = bool(HEALTH_PERSPECTIVES & set(perspectives)) or bool(access_needs)
    if gives_health_data and not health_data_consent:
        raise ValidationError(
            "Levelfield keeps lived experience and access needs only with your agreement."
        )


def _perspectives_replace(*, person: User, perspectives: dict[str, str]) -> None:
    person.perspectives.exclude(kind__in=list(perspectives)).delete()
    existing = {p.kind: p for p in person.perspectives.all()}
    for kind, words in perspectives.items():
        current = existing.get(kind)
        if current is None:
            Perspective.objects.create(person=person, kind=kind, in_own_words=words)
        elif current.in_own_words != words:
            current.in_own_words = words
            current.save(update_fields=["in_own_words"])


def former_detail_record(*, person: User, kind: str, value: str) -> None:
    """Keep, privately, a name or address the person no longer uses (see FormerDetail):
    history rows written while they used it still carry it, and erasure must find it."""
    if value:
        FormerDetail.objects.get_or_create(person=person, kind=kind, value=value)


def person_delete(*, person: User) -> None:
    """Delete a person's account and what identifies them.

    Each membership ends with a line in the collective's or project's history. Time
    they gave stays in the involvement log with no name ("A former member"), so
    project totals do not change; history rows and involvement entries stay, with
    every name and email address the person ever used replaced by "A former member"
    (see _forget_everywhere), including in projects and collectives they had left.
    Invitations sent to their addresses go.
    """
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        collective_memberships = CollectiveMembership.objects.filter(person=person).select_related(
            "collective"
        )
        for membership in collective_memberships:
            change_record(
                actor=person,
                action="account_deleted",
                summary="A member deleted their account and left the collective",
                subject=membership,
                collective=membership.collective,
                before={"member": "A former member", "coordinator": membership.is_coordinator},
            )
        project_memberships = ProjectMembership.objects.filter(person=person).select_related(
            "project"
        )
        for membership in project_memberships:
            change_record(
                actor=person,
                action="account_deleted",
                summary="A member deleted their account and left the project",
                subject=membership,
                project=membership.project,
                before={"member": "A former member", "coordinator": membership.is_coordinator},
            )
        # Their places at events to come go to the people waiting (events keep counts).
        event_services.registrations_release_for(person=person)
        _forget_everywhere(person)
        _sign_in_records(person).delete()
        AccessAttempt.objects.filter(_username_is_theirs(person)).delete()
        AccessFailureLog.objects.filter(_username_is_theirs(person)).delete()
        # Notices sent to their addresses before they had an account (invitations).
        notifications_forget_addresses(addresses=_every_address(person))
        # A sealed answer to an open anonymous decision goes with the person, so that
        # decision's kept count of answers is worked out again.
        sealed_in = list(
            Decision.objects.filter(
                anonymous=True, closed_at__isnull=True, voters__person=person
            ).values_list("pk", flat=True)
        )
        person.delete()
        decision_services.tallies_rebuild(decisions=Decision.objects.filter(pk__in=sealed_in))


def _forget_everywhere(person: User) -> None:
    """Replace the person's names and addresses, current and former, in what others
    keep: the history, involvement entries, messages in invitations they sent; and
    delete invitations sent to their addresses.

    Names are replaced only where the person was, since another collective may have
    its own "Sam": the projects and collectives they belong to, and those they had
    left or were invited to, which their own history rows and invitations show.
    """
    addresses = _every_address(person)
    names = {person.display_name, *(address.split("@")[0] for address in addresses)}
    names |= set(
        person.former_details.filter(kind=FormerDetail.Kind.NAME).values_list("value", flat=True)
    )
    pattern = identifying_pattern(names=names, addresses=addresses)
    if pattern is None:
        return
    project_ids, collective_ids = _where_they_were(person, addresses)
    history_forget(
        pattern=pattern,
        addresses=addresses,
        actor=person,
        project_ids=project_ids,
        collective_ids=collective_ids,
    )
    _forget_in(
        InvolvementEntry.objects.filter(
            Q(place__project_id__in=project_ids)
            | Q(place__project__isnull=True, place__collective_id__in=collective_ids)
        ),
        pattern,
        ["title", "description", "what_changed"],
    )
    Invitation.objects.filter(_email_is_one_of(addresses)).delete()
    _forget_in(Invitation.objects.filter(invited_by=person), pattern, ["message"])


def _where_they_were(person: User, addresses: set[str]) -> tuple[set[int], set[int]]:
    """Ids of the projects and collectives the person belongs to, belonged to (their
    own history rows: joining, leaving) or was invited to."""
    project_ids = set(
        ProjectMembership.objects.filter(person=person).values_list("project_id", flat=True)
    )
    collective_ids = set(
        CollectiveMembership.objects.filter(person=person).values_list("collective_id", flat=True)
    )
    for project_id, collective_id in Change.objects.filter(actor=person).values_list(
        "project_id", "collective_id"
    ):
        project_ids.add(project_id)
        collective_ids.add(collective_id)
    for project_id, collective_id in Invitation.objects.filter(
        _email_is_one_of(addresses)
    ).values_list("project_id", "collective_id"):
        project_ids.add(project_id)
        collective_ids.add(collective_id)
    return project_ids - {None}, collective_ids - {None}


def _email_is_one_of(addresses: set[str]) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(email__iexact=address)
    return query


def _forget_in(rows: Any, pattern: Any, fields: list[str]) -> None:
    changed = []
    for row in rows.iterator():
        before = [getattr(row, name) for name in fields]
        after = [forget(value, pattern) for value in before]
        if before != after:
            for name, value in zip(fields, after, strict=True):
                setattr(row, name, value)
            changed.append(row)
    if changed:
        rows.model.objects.bulk_update(changed, fields, batch_size=500)


def _every_address(person: User) -> set[str]:
    """Every address the person has used: their current ones and those they removed."""
    return _email_addresses(person) | set(
        person.former_details.filter(kind=FormerDetail.Kind.EMAIL).values_list("value", flat=True)
    )


def _email_addresses(person: User) -> set[str]:
    addresses = {person.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=person).values_list("email", flat=True)
    )
    return addresses


def _username_is_theirs(person: User) -> Q:
    """Axes records sign-in attempts by the email typed, in any letter case."""
    query = Q(pk__in=[])
    for address in _email_addresses(person):
        query |= Q(username__iexact=address)
    return query


def _sign_in_records(person: User) -> Any:
    return AccessLog.objects.filter(_username_is_theirs(person))


def person_data_export(*, person: User) -> dict[str, Any]:
    """Everything Levelfield holds about a person, for them to download."""
    return {
        "exported_at": _when(timezone.now()),
        "profile": _profile_data(person),
        "perspectives": [
            {"perspective": p.get_kind_display(), "in_your_own_words": p.in_own_words}
            for p in person.perspectives.all()
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "names_and_addresses_you_used_before": [
            {
                "what": detail.get_kind_display(),
                "value": detail.value,
                "until": _when(detail.replaced_at),
            }
            for detail in person.former_details.all()
        ],
        "two_step_verification": [
            {"method": a.get_type_display(), "added": _when(a.created_at)}
            for a in Authenticator.objects.filter(user=person).order_by("created_at")
        ],
        "collective_memberships": [
            {
                "collective": m.collective.name,
                "joined": _when(m.joined_at),
                "coordinator": m.is_coordinator,
            }
            for m in CollectiveMembership.objects.filter(person=person).select_related(
                "collective"
            )
        ],
        "project_memberships": [
            {
                "project": m.project.title,
                "joined": _when(m.joined_at),
                "coordinator": m.is_coordinator,
            }
            for m in ProjectMembership.objects.filter(person=person).select_related("project")
        ],
        "invitations_sent": _invitations_sent(person),
        "event_places": event_services.registrations_export(person=person),
        **story_services.person_stories_export(person=person),
        "involvement": [
            {
                "place": p.entry.place.name,
                "what_happened": p.entry.title,
                "date": p.entry.happened_on.isoformat(),
                "stage": p.entry.get_stage_display(),
                "minutes": p.minutes,
            }
            for p in Participation.objects.filter(person=person)
            .select_related("entry__place__project", "entry__place__collective")
            .order_by("entry__happened_on", "pk")
        ],
        "involvement_entries_recorded": [
            {
                "place": e.place.name,
                "what_happened": e.title,
                "date": e.happened_on.isoformat(),
                "stage": e.get_stage_display(),
                "kind": e.get_kind_display(),
                "more_detail": e.description,
                "what_changed": e.what_changed,
                "recorded": _when(e.created_at),
            }
            for e in InvolvementEntry.objects.filter(recorded_by=person)
            .select_related("place__project", "place__collective")
            .order_by("happened_on", "pk")
        ],
        "changes_you_made": [
            {
                "when": _when(c.at),
                "collective": c.collective.name if c.collective else None,
                "project": c.project.title if c.project else None,
                "action": c.action,
                "summary": c.summary,
                "before": c.before,
                "after": c.after,
            }
            for c in Change.objects.filter(actor=person)
            .select_related("collective", "project")
            .order_by("at", "pk")
        ],
        "sign_ins": [
            {
                "when": _when(log.attempt_time),
                "ip_address": log.ip_address,
                "browser": log.user_agent,
            }
            for log in _sign_in_records(person).order_by("attempt_time")
        ],
    }


def _profile_data(person: User) -> dict[str, Any]:
    return {
        "email": person.email,
        "name_you_want_to_be_called": person.display_name,
        "joined": _when(person.date_joined),
        "last_signed_in": _when(person.last_login),
        "who_sees_perspectives": person.get_perspectives_visibility_display(),
        "skills_and_experience": person.skills,
        "topics_you_care_about": person.interests,
        "who_sees_skills_and_topics": person.get_skills_visibility_display(),
        "access_needs": person.access_needs,
        "communication_preferences": person.communication_preference_labels(),
        "phone": person.phone,
        "payment_preference": person.get_payment_preference_display(),
        "health_data_consent_given": _when(person.health_data_consent_at),
    }


def _invitations_sent(person: User) -> list[dict[str, Any]]:
    rows = []
    invitations = Invitation.objects.filter(invited_by=person).select_related(
        "collective", "project"
    )
    for invitation in invitations:
        if invitation.collective_id:
            rows.append({"collective": invitation.collective.name, **_invitation_data(invitation)})
        else:
            rows.append({"project": invitation.project.title, **_invitation_data(invitation)})
    return rows


def _invitation_data(invitation: Any) -> dict[str, Any]:
    return {
        "sent_to": invitation.email or "A shareable link",
        "message": invitation.message,
        "created": _when(invitation.created_at),
        "expires": _when(invitation.expires_at),
        "status": invitation.status,
        "times_used": invitation.times_used,
    }


def _when(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None
