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
from levelfield.history.models import Change
from levelfield.history.services import change_record, history_forget_person
from levelfield.invitations.models import Invitation
from levelfield.notifications.services import notifications_forget_addresses
from levelfield.people.models import (
    CommunicationPreference,
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


def person_delete(*, person: User) -> None:
    """Delete a person's account and what identifies them.

    Each membership ends with a line in the collective's or project's history. Time
    they gave stays in the involvement log with no name ("A former member"), so
    project totals do not change; history rows stay, with their name and email
    replaced by "A former member".
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
        history_forget_person(
            person=person,
            project_ids=[membership.project_id for membership in project_memberships],
            collective_ids=[membership.collective_id for membership in collective_memberships],
        )
        _sign_in_records(person).delete()
        AccessAttempt.objects.filter(_username_is_theirs(person)).delete()
        AccessFailureLog.objects.filter(_username_is_theirs(person)).delete()
        # Notices sent to their addresses before they had an account (invitations).
        notifications_forget_addresses(addresses=_email_addresses(person))
        person.delete()


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
        "involvement": [
            {
                "project": p.entry.project.title,
                "what_happened": p.entry.title,
                "date": p.entry.happened_on.isoformat(),
                "stage": p.entry.get_stage_display(),
                "minutes": p.minutes,
            }
            for p in Participation.objects.filter(person=person)
            .select_related("entry__project")
            .order_by("entry__happened_on", "pk")
        ],
        "involvement_entries_recorded": [
            {
                "project": e.project.title,
                "what_happened": e.title,
                "date": e.happened_on.isoformat(),
                "stage": e.get_stage_display(),
                "kind": e.get_kind_display(),
                "more_detail": e.description,
                "what_changed": e.what_changed,
                "recorded": _when(e.created_at),
            }
            for e in InvolvementEntry.objects.filter(recorded_by=person)
            .select_related("project")
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
