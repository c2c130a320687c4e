"""Changes to a person's own record: their profile, and this app's part of their data
download and erasure (the home app gathers every app's part)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from levelfield.lib.manifests import ErasureContext, when
from levelfield.people.language import languages
from levelfield.people.models import (
    CommunicationPreference,
    FormerDetail,
    PaymentPreference,
    Perspective,
    PerspectiveKind,
    User,
    Visibility,
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
        raise ValidationError(gettext("Unknown perspective."))
    if PerspectiveKind.OTHER in perspectives and not perspectives[PerspectiveKind.OTHER]:
        raise ValidationError(gettext("Describe your other perspective in your own words."))
    if {perspectives_visibility, skills_visibility} - set(Visibility.values):
        raise ValidationError(gettext("Unknown choice of who can see your profile."))
    if set(communication_preferences) - set(CommunicationPreference.values):
        raise ValidationError(gettext("Unknown communication preference."))
    if payment_preference not in PaymentPreference.values:
        raise ValidationError(gettext("Unknown payment preference."))
    gives_health_data = bool(HEALTH_PERSPECTIVES & set(perspectives)) or bool(access_needs)
    if gives_health_data and not health_data_consent:
        raise ValidationError(
            gettext("Levelfield keeps lived experience and access needs only with your agreement.")
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


def person_addresses(person: User) -> set[str]:
    """Every address the person has used: their current ones and those they removed."""
    return _email_addresses(person) | set(
        person.former_details.filter(kind=FormerDetail.Kind.EMAIL).values_list("value", flat=True)
    )


def person_names(person: User, addresses: set[str]) -> set[str]:
    """Every name the person went by: their names now and before, each word of them of
    three letters or more ("Gordon" in "Gordon and Maggie lead the interviews"), and the
    part of each address before the @."""
    names = {person.display_name, *(address.split("@")[0] for address in addresses)}
    names |= set(
        person.former_details.filter(kind=FormerDetail.Kind.NAME).values_list("value", flat=True)
    )
    for name in list(names):
        names |= {word for word in name.split() if len(word) >= 3 and word[0].isupper()}
    return {name for name in names if name}


def email_is_one_of(addresses: set[str]) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(email__iexact=address)
    return query


def _email_addresses(person: User) -> set[str]:
    addresses = {person.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=person).values_list("email", flat=True)
    )
    return addresses


def _username_is_theirs(addresses: set[str]) -> Q:
    """Axes records sign-in attempts by the email typed, in any letter case."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(username__iexact=address)
    return query


def people_erase(context: ErasureContext) -> None:
    """The account's own rows go with it (perspectives, former details, addresses,
    two-step methods: on_delete=CASCADE); sign-in records kept under its addresses go
    now."""
    theirs = _username_is_theirs(context.addresses)
    AccessLog.objects.filter(theirs).delete()
    AccessAttempt.objects.filter(theirs).delete()
    AccessFailureLog.objects.filter(theirs).delete()


def people_export(person: User) -> dict[str, list[dict[str, Any]]]:
    """The person's profile, addresses, former details, two-step methods and sign-ins."""
    return {
        "profile": [_profile_data(person)],
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
                "until": when(detail.replaced_at),
            }
            for detail in person.former_details.all()
        ],
        "two_step_verification": [
            {"method": a.get_type_display(), "added": when(a.created_at)}
            for a in Authenticator.objects.filter(user=person).order_by("created_at")
        ],
        "sign_ins": [
            {
                "when": when(log.attempt_time),
                "ip_address": log.ip_address,
                "browser": log.user_agent,
            }
            for log in AccessLog.objects.filter(
                _username_is_theirs(_email_addresses(person))
            ).order_by("attempt_time")
        ],
    }


def _profile_data(person: User) -> dict[str, Any]:
    return {
        "email": person.email,
        "name_you_want_to_be_called": person.display_name,
        "joined": when(person.date_joined),
        "last_signed_in": when(person.last_login),
        "who_sees_perspectives": person.get_perspectives_visibility_display(),
        "skills_and_experience": person.skills,
        "topics_you_care_about": person.interests,
        "who_sees_skills_and_topics": person.get_skills_visibility_display(),
        "access_needs": person.access_needs,
        "communication_preferences": person.communication_preference_labels(),
        "phone": person.phone,
        "payment_preference": person.get_payment_preference_display(),
        "health_data_consent_given": when(person.health_data_consent_at),
        "language": languages().get(person.language, ""),
    }


def person_language_set(*, person: User, language: str) -> None:
    """Keep the language the person chose, for every page and email from now on."""
    if language not in languages():
        raise ValidationError({"language": gettext("Choose one of the languages shown")})
    User.objects.filter(pk=person.pk).update(language=language)
    person.language = language
