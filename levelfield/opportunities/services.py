"""Changes to opportunities, expressions of interest and people's choices.

Each function re-checks that the actor may act, runs in one transaction, writes the
change to the place's history and sends its notifications (queued after commit).
States: draft -> submitted -> live -> closed; a checker sends a submitted one back to
draft with comments. Passing the closing date needs no write: it is computed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.history.services import change_record
from levelfield.invitations import services as invitation_services
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.services import absolute_url, notification_send, preferences_save
from levelfield.opportunities import access
from levelfield.opportunities.models import (
    Interest,
    Opportunity,
    Outcome,
    Preference,
    ReachCount,
    ReachStage,
    Selection,
    State,
    Topic,
)
from levelfield.people.language import language_of
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.access import places_for_member
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.projects.models import Project
from levelfield.ratelimits import RateLimited, rate_limit

MATCH_KIND = "opportunity_match"
# What the organiser may change while writing; the rest is the workflow's.
EDITABLE = (
    "title",
    "summary",
    "who_for",
    "perspectives",
    "time_needed",
    "starts_on",
    "ends_on",
    "mode",
    "region",
    "accessibility",
    "paid",
    "payment",
    "gains",
    "how_to_ask",
    "closes_on",
    "involvement",
)
INTEREST_LIMITED = {
    "email": gettext_lazy(
        "You have expressed interest several times today from this email address. "
        "Try again tomorrow."
    ),
    "account": gettext_lazy(
        "You have expressed interest several times today. Try again tomorrow."
    ),
    "address": gettext_lazy(
        "Many people have expressed interest from this network in the last hour. Try again later."
    ),
}


class OpportunityError(ValidationError):
    """A change refused for a reason the person can fix; `code` names the field."""


def _record(
    opportunity: Opportunity, *, actor: User | None, action: str, summary: str, **after: Any
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=opportunity,
        **opportunity.place.history_scope(),
        after=after,
    )


def _coordinators(collective_id: int) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=PlaceMembership.objects.of_collective(collective_id)
            .coordinators()
            .values("person_id"),
        )
        .distinct()
        .order_by("pk")
    )


def organisers(opportunity: Opportunity) -> list[User]:
    """Who is told about each expression of interest (access.may_organise's people)."""
    place_coordinators = roles.memberships_of(opportunity.place.owner).filter(
        coordinator_since__isnull=False
    )
    people = {
        person.pk: person
        for person in User.objects.filter(pk__in=place_coordinators.values("person_id")).order_by(
            "pk"
        )
    }
    for person in _coordinators(opportunity.place.collective_id):
        people.setdefault(person.pk, person)
    if opportunity.created_by is not None:
        people.setdefault(opportunity.created_by_id, opportunity.created_by)
    return [people[pk] for pk in sorted(people)]


def _check_dates(values: dict[str, Any], *, now: datetime.datetime) -> None:
    closes_on = values.get("closes_on")
    if closes_on is not None and closes_on < timezone.localdate(now):
        raise OpportunityError(
            _("The closing date must be today or in the future."), code="closes_on"
        )
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise OpportunityError(
            _("The end date must be the same as or after the start date."), code="ends_on"
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    known = {choice.value for choice in PerspectiveKind}
    if "perspectives" in values:
        values["perspectives"] = [value for value in values["perspectives"] if value in known]
    if not values.get("paid", True):
        values["payment"] = values.get("payment", "")
    return values


def opportunity_create(
    *,
    place: Place,
    actor: User,
    topics: Iterable[Topic] = (),
    now: datetime.datetime | None = None,
    **values: Any,
) -> Opportunity:
    """A member of the place writes a draft."""
    now = now or timezone.now()
    values = _clean(values)
    _check_dates(values, now=now)
    with transaction.atomic():
        roles.require(actor, Action.WRITE_OPPORTUNITY, place.owner)
        opportunity = Opportunity.objects.create(
            place=place, created_by=actor, created_at=now, updated_at=now, **values
        )
        opportunity.topics.set(list(topics))
        _record(
            opportunity,
            actor=actor,
            action="opportunity_drafted",
            summary=f"{actor.name} started writing the opportunity “{opportunity.title}”",
        )
    return opportunity


def _require_member(actor: User, opportunity: Opportunity) -> None:
    if not places_for_member(actor).filter(pk=opportunity.place_id).exists():
        raise PermissionDenied(_("Only members of the place write its opportunities."))


def _locked(opportunity: Opportunity) -> Opportunity:
    return Opportunity.objects.select_for_update().get(pk=opportunity.pk)


def opportunity_update(
    *,
    opportunity: Opportunity,
    actor: User,
    topics: Iterable[Topic] | None = None,
    now: datetime.datetime | None = None,
    **values: Any,
) -> Opportunity:
    """A member changes a draft (a submitted or live one is changed only after it is
    sent back, so what the checker approved is what the public reads)."""
    now = now or timezone.now()
    values = _clean(values)
    _check_dates(values, now=now)
    with transaction.atomic():
        _require_member(actor, opportunity)
        locked = _locked(opportunity)
        if locked.state != State.DRAFT:
            raise OpportunityError(
                _("Only a draft can be changed. Ask the checker to send it back first."),
                code="state",
            )
        before = {name: str(getattr(locked, name)) for name in values}
        for name, value in values.items():
            setattr(locked, name, value)
        locked.updated_at = now
        locked.save()
        if topics is not None:
            locked.topics.set(list(topics))
        changed = {
            name: str(getattr(locked, name))
            for name in values
            if str(getattr(locked, name)) != before[name]
        }
        _record(
            locked,
            actor=actor,
            action="opportunity_changed",
            summary=f"{actor.name} changed the draft of “{locked.title}”",
            **changed,
        )
    return locked


def opportunity_submit(
    *, opportunity: Opportunity, actor: User, now: datetime.datetime | None = None
) -> Opportunity:
    """The writer sends the draft for checking; the collective's coordinators are told."""
    now = now or timezone.now()
    with transaction.atomic():
        _require_member(actor, opportunity)
        locked = _locked(opportunity)
        if locked.state != State.DRAFT:
            raise OpportunityError(
                _("This opportunity has already been sent for checking."), code="state"
            )
        if locked.closes_on < timezone.localdate(now):
            raise OpportunityError(
                _("The closing date has passed. Change it before sending it for checking."),
                code="closes_on",
            )
        locked.state, locked.submitted_at, locked.updated_at = State.SUBMITTED, now, now
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
        _record(
            locked,
            actor=actor,
            action="opportunity_submitted",
            summary=f"{actor.name} sent “{locked.title}” to be checked before it goes live",
        )
        url = reverse("opportunities:check", args=[locked.pk])
        for person in _coordinators(locked.place.collective_id):
            if person.pk == actor.pk:
                continue
            notification_send(
                kind="opportunity_check",
                person=person,
                context={"opportunity": locked, "place": locked.place, "writer": actor},
                url=url,
                now=now,
            )
    return locked


def _require_checker(actor: User, opportunity: Opportunity) -> None:
    if not access.may_check(actor, opportunity):
        raise PermissionDenied(_("Only the collective's coordinators check opportunities."))


def _tell_writer(
    opportunity: Opportunity, *, actor: User, outcome: str, now: datetime.datetime
) -> None:
    writer = opportunity.created_by
    if writer is None or writer.pk == actor.pk:
        return
    notification_send(
        kind="opportunity_checked",
        person=writer,
        context={"opportunity": opportunity, "outcome": outcome, "checker": actor},
        url=reverse("opportunities:manage", args=[opportunity.pk]),
        now=now,
    )


def opportunity_send_back(
    *,
    opportunity: Opportunity,
    actor: User,
    comments: str,
    now: datetime.datetime | None = None,
) -> Opportunity:
    """A checker sends it back to draft with comments for the writer."""
    now = now or timezone.now()
    comments = (comments or "").strip()
    if not comments:
        raise OpportunityError(_("Enter your comments for the writer."), code="comments")
    with transaction.atomic():
        _require_checker(actor, opportunity)
        locked = _locked(opportunity)
        if locked.state != State.SUBMITTED:
            raise OpportunityError(
                _("Only an opportunity waiting to be checked can be sent back."), code="comments"
            )
        locked.state = State.DRAFT
        locked.sent_back_at, locked.sent_back_comments = now, comments
        locked.checked_by, locked.updated_at = actor, now
        locked.save(
            update_fields=[
                "state",
                "sent_back_at",
                "sent_back_comments",
                "checked_by",
                "updated_at",
            ]
        )
        _record(
            locked,
            actor=actor,
            action="opportunity_sent_back",
            summary=f"{actor.name} sent “{locked.title}” back with comments",
            comments=comments,
        )
        _tell_writer(locked, actor=actor, outcome="sent_back", now=now)
    return locked


def opportunity_publish(
    *, opportunity: Opportunity, actor: User, now: datetime.datetime | None = None
) -> Opportunity:
    """A checker approves it: it goes live on the board, and the matching job tells the
    people who chose to hear about such opportunities."""
    now = now or timezone.now()
    with transaction.atomic():
        _require_checker(actor, opportunity)
        locked = _locked(opportunity)
        if locked.state != State.SUBMITTED:
            raise OpportunityError(
                _("Only an opportunity waiting to be checked can go live."), code="state"
            )
        if locked.closes_on < timezone.localdate(now):
            raise OpportunityError(
                _("The closing date has passed. Send it back so the writer can change it."),
                code="state",
            )
        locked.state, locked.published_at = State.LIVE, now
        locked.checked_by, locked.updated_at = actor, now
        locked.save(update_fields=["state", "published_at", "checked_by", "updated_at"])
        _record(
            locked,
            actor=actor,
            action="opportunity_published",
            summary=f"{actor.name} checked “{locked.title}” and it went live on the board",
        )
        _tell_writer(locked, actor=actor, outcome="live", now=now)
        pk = locked.pk
        transaction.on_commit(lambda: fan_out_schedule(pk), robust=True)
    return locked


def opportunity_close(
    *, opportunity: Opportunity, actor: User, now: datetime.datetime | None = None
) -> Opportunity:
    """An organiser takes it off the board before its closing date."""
    now = now or timezone.now()
    with transaction.atomic():
        if not access.may_organise(actor, opportunity):
            raise PermissionDenied(_("Only the organisers close an opportunity."))
        locked = _locked(opportunity)
        if locked.state != State.LIVE or not locked.is_open(timezone.localdate(now)):
            raise OpportunityError(_("This opportunity is not live."), code="state")
        locked.state, locked.closed_at, locked.updated_at = State.CLOSED, now, now
        locked.save(update_fields=["state", "closed_at", "updated_at"])
        _record(
            locked,
            actor=actor,
            action="opportunity_closed",
            summary=f"{actor.name} closed “{locked.title}” before its closing date",
        )
    return locked


# Expressions of interest


def interest_express(
    *,
    opportunity: Opportunity,
    name: str,
    email: str,
    why: str,
    perspectives: Iterable[str] = (),
    access_needs: str = "",
    address: str = "",
    account: User | None = None,
    reach: dict[str, str] | None = None,
    now: datetime.datetime | None = None,
) -> Interest:
    """Someone expresses interest. `reach` is their equality monitoring answers when they
    agreed to give them (None when they did not): added to the opportunity's totals, the
    first time only, and kept nowhere else. The organisers are told; the person gets a
    confirmation. Rate-limited (settings.RATE_LIMITS["opportunity_interest"]); the same
    address answering again updates its earlier answer instead of adding a second one
    (saying nothing about whether there was one). Access needs are kept only because the
    person wrote them to share with the organisers."""
    now = now or timezone.now()
    name, email = " ".join((name or "").split())[:120], (email or "").strip().lower()
    why, access_needs = (why or "").strip(), (access_needs or "").strip()
    known = {choice.value for choice in PerspectiveKind}
    perspectives = [value for value in perspectives if value in known]
    if account is not None and not account.is_authenticated:
        account = None
    if not name:
        raise OpportunityError(_("Enter your name."), code="name")
    if not email:
        raise OpportunityError(_("Enter your email address."), code="email")
    if not why:
        raise OpportunityError(_("Say why you are interested."), code="why")
    with transaction.atomic():
        # Locking the opportunity's row makes two answers from the same address at the
        # same moment take turns, so the second finds the first and updates it (the
        # unique constraint on opportunity and email backs this up).
        live = (
            Opportunity.objects.on_board(timezone.localdate(now))
            .filter(pk=opportunity.pk)
            .select_for_update(of=("self",))
        )
        if not list(live.values_list("pk", flat=True)):
            raise OpportunityError(_("This opportunity has closed."), code="why")
        try:
            rate_limit(
                "opportunity_interest", email=email, account=account, address=address, now=now
            )
        except RateLimited as limited:
            raise OpportunityError(
                INTEREST_LIMITED.get(limited.per, INTEREST_LIMITED["address"]),
                code="email" if limited.per in ("email", "account") else "why",
            ) from None
        values = {
            "person": account,
            "name": name,
            "why": why,
            "perspectives": perspectives,
            "access_needs": access_needs,
            "access_needs_shared_at": now if access_needs else None,
            "updated_at": now,
        }
        earlier = (
            Interest.objects.select_for_update()
            .filter(opportunity=opportunity, email=email)
            .order_by("pk")
            .first()
        )
        if earlier is None:
            interest = Interest.objects.create(
                opportunity=opportunity, email=email, created_at=now, **values
            )
            if reach is not None:
                reach_add(opportunity=opportunity, stage=ReachStage.INTEREST, answers=reach)
        else:
            for key, value in values.items():
                setattr(earlier, key, value)
            earlier.save()
            interest = earlier
        url = reverse("opportunities:interests", args=[opportunity.pk])
        for person in organisers(opportunity):
            notification_send(
                kind="opportunity_interest",
                person=person,
                context={"opportunity": opportunity, "interest": interest},
                url=url,
                now=now,
            )
        notification_send(
            kind="opportunity_interest_received",
            person=account,
            email=email,
            context={
                "opportunity": opportunity,
                "interest": interest,
                "collective": opportunity.place.collective,
            },
            url=opportunity.get_absolute_url(),
            now=now,
        )
    return interest


# Matching


def preference_save(
    *,
    person: User,
    topics: Iterable[Topic],
    involvements: Iterable[str],
    frequency: str,
    now: datetime.datetime | None = None,
) -> Preference:
    """Save what the person wants to hear about and how often (their notification
    preference for new opportunities, so summaries and unsubscribing work as for every
    other email). Not history: someone's choices are theirs."""
    now = now or timezone.now()
    Frequency(frequency)
    with transaction.atomic():
        preference, _created = Preference.objects.update_or_create(
            person=person,
            defaults={"involvements": sorted(set(involvements)), "updated_at": now},
        )
        preference.topics.set(list(topics))
        preferences_save(person=person, frequencies={MATCH_KIND: frequency})
    return preference


def fan_out_schedule(opportunity_id: int) -> None:
    from levelfield.opportunities import tasks

    tasks.opportunity_fan_out_task.enqueue(opportunity_id)


def opportunity_fan_out(*, opportunity_id: int, now: datetime.datetime | None = None) -> int:
    """Tell everyone whose choices fit a live opportunity, once. Each notice goes as the
    person chose (straight away, in the daily or weekly summary, or not at all: the
    notifications app holds it for the summary). Returns how many were told."""
    now = now or timezone.now()
    told = 0
    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update()
            .filter(pk=opportunity_id, matched_at__isnull=True)
            .first()
        )
        if (
            opportunity is None
            or not Opportunity.objects.on_board(timezone.localdate(now))
            .filter(pk=opportunity_id)
            .exists()
        ):
            return 0
        opportunity = Opportunity.objects.with_place().get(pk=opportunity_id)
        topic_ids = set(opportunity.topics.values_list("pk", flat=True))
        candidates = (
            Preference.objects.select_related("person")
            .prefetch_related("topics")
            .filter(person__is_active=True)
            .exclude(person_id=opportunity.created_by_id)
            .order_by("pk")
        )
        url = opportunity.get_absolute_url()
        for preference in candidates.iterator(chunk_size=500):
            own = {topic.pk for topic in preference.topics.all()}
            if not preference.fits(opportunity, topic_ids, own):
                continue
            notification_send(
                kind=MATCH_KIND,
                person=preference.person,
                context={"opportunity": opportunity, "collective": opportunity.place.collective},
                url=url,
                now=now,
            )
            told += 1
        Opportunity.objects.filter(pk=opportunity_id).update(matched_at=now)
    return told


# Fair selection


def _draw(
    opportunity: Opportunity, *, places: int, seed: int, first_time_share: int
) -> tuple[dict[int, Interest], list[Any]]:
    """The selection aid over everyone who expressed interest (see selection.py)."""
    from levelfield.opportunities.selection import Candidate, select

    interests = {row.pk: row for row in Interest.objects.filter(opportunity=opportunity)}
    returning = set(
        Interest.objects.filter(email__in=[row.email for row in interests.values()])
        .exclude(opportunity=opportunity)
        .values_list("email", flat=True)
    )
    # The reasons are kept (in the history and on each interest) in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        labels = {value: str(label) for value, label in PerspectiveKind.choices}
    choices = select(
        [
            Candidate(pk, frozenset(row.perspectives), row.email not in returning)
            for pk, row in interests.items()
        ],
        places=places,
        wanted=opportunity.perspectives,
        seed=seed,
        first_time_share=first_time_share,
        labels=labels,
    )
    return interests, choices


def selection_draw(
    *,
    opportunity: Opportunity,
    actor: User,
    places: int,
    seed: int,
    first_time_share: int = 0,
) -> list[tuple[Interest, str]]:
    """Run the selection aid over everyone who expressed interest and record the draw
    (its seed, settings and every choice with its reason) in the history, so anyone can
    rerun it. A first-timer has never expressed interest in another opportunity from
    the same address. Nobody is told anything yet: finishing is the organiser's next
    step (selection_finish)."""
    if places < 1:
        raise OpportunityError(_("Enter how many places there are, 1 or more."), code="places")
    with transaction.atomic():
        if not access.may_organise(actor, opportunity):
            raise PermissionDenied(_("Only the organisers select people."))
        interests, choices = _draw(
            opportunity, places=places, seed=seed, first_time_share=first_time_share
        )
        _record(
            opportunity,
            actor=actor,
            action="opportunity_selection_drawn",
            summary=f"{actor.name} ran the selection aid for “{opportunity.title}” "
            f"({places} places, seed {seed})",
            seed=seed,
            places=places,
            first_time_share=first_time_share,
            chosen=[{"interest": choice.key, "reason": choice.reason} for choice in choices],
        )
    return [(interests[choice.key], choice.reason) for choice in choices]


# Finishing a selection: telling everyone, inviting the people chosen

NOT_CHOSEN_REASON = "Not chosen this time: the places were filled as the draw shows"
KEEP_IN_MIND_SALT = "opportunities.keep_in_mind"
TOOK_PART_SALT = "opportunities.took_part"


def interest_token(interest: Interest, *, salt: str) -> str:
    """A signed token naming one expression of interest, for a link in an email to
    someone who may have no account (signed as notifications' unsubscribe links are)."""
    return signing.Signer(salt=salt).sign_object({"i": interest.pk}, compress=True)


def interest_from_token(token: str, *, salt: str) -> Interest | None:
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        return None
    return (
        Interest.objects.select_related("opportunity__place__collective")
        .filter(pk=payload["i"])
        .first()
    )


def invitation_place(opportunity: Opportunity) -> Collective | Project:
    """Where chosen people are invited: the opportunity's project or collective (a
    group's opportunity invites to its collective, as invitations are to those two)."""
    place = opportunity.place
    if place.kind == PlaceKind.PROJECT:
        return place.project
    return place.collective


def _place_words_for(place: Collective | Project, person: User | None) -> str:
    """The place's name as the email to `person` says it, in their language (the
    organiser finishing the selection may speak another)."""
    with translation.override(language_of(person)):
        return invitation_services.place_words(place)


def selection_finish(
    *,
    opportunity: Opportunity,
    actor: User,
    places: int,
    seed: int,
    first_time_share: int = 0,
    now: datetime.datetime | None = None,
) -> Selection:
    """The organiser confirms a draw. It is run again from its seed (the same people
    as the draw they saw), every choice and every "not chosen" is recorded in the
    history with its reason, the people chosen are invited to the place through the
    invitations app, and everyone is told by email once the transaction commits:
    the people not chosen kindly, with a link to say whether to keep them in mind."""
    now = now or timezone.now()
    if places < 1:
        raise OpportunityError(_("Enter how many places there are, 1 or more."), code="places")
    target = invitation_place(opportunity)
    with transaction.atomic():
        if not access.may_organise(actor, opportunity):
            raise PermissionDenied(_("Only the organisers select people."))
        if not invitation_services.is_member(target, actor):
            raise OpportunityError(
                _(
                    "Only members of %(place)s can invite people to it. Ask one of its members "
                    "to finish the selection."
                )
                % {"place": invitation_services.place_words(target)},
                code="places",
            )
        locked = _locked(opportunity)
        if Selection.objects.filter(opportunity=locked).exists():
            raise OpportunityError(
                _("The selection is already finished and everyone has been told."),
                code="places",
            )
        interests, choices = _draw(
            locked, places=places, seed=seed, first_time_share=first_time_share
        )
        if not interests:
            raise OpportunityError(_("Nobody has expressed interest yet."), code="places")
        selection = Selection.objects.create(
            opportunity=locked,
            places=places,
            seed=seed,
            first_time_share=first_time_share,
            finished_by=actor,
            finished_at=now,
        )
        reasons = {choice.key: choice.reason for choice in choices}
        chosen = [interests[choice.key] for choice in choices]
        not_chosen = [row for pk, row in interests.items() if pk not in reasons]
        # The invitation keeps its message in the site's own language.
        with translation.override(settings.LANGUAGE_CODE):
            welcome = _("You were chosen for “%(title)s”. Welcome!") % {"title": locked.title}
        sent = invitation_services.invitations_send(
            place=target,
            invited_by=actor,
            emails=[row.email for row in chosen],
            message=welcome,
            days=settings.INVITATION_DAYS,
            accept_url_for=lambda invitation: absolute_url(
                reverse("invitations:join", args=[invitation.token])
            ),
        )
        invited = {invitation.email: invitation for invitation in sent.invited}
        for row in chosen:
            row.outcome, row.outcome_reason, row.told_at = Outcome.CHOSEN, reasons[row.pk], now
            row.invitation = invited.get(row.email)
        for row in not_chosen:
            row.outcome, row.outcome_reason, row.told_at = Outcome.NOT_CHOSEN, "", now
        Interest.objects.bulk_update(
            chosen + not_chosen, ["outcome", "outcome_reason", "told_at", "invitation"]
        )
        _record(
            locked,
            actor=actor,
            action="opportunity_selection_finished",
            summary=f"{actor.name} finished the selection for “{locked.title}”: "
            f"{len(chosen):,} chosen and invited, {len(not_chosen):,} told kindly they were "
            "not chosen this time",
            seed=seed,
            places=places,
            first_time_share=first_time_share,
            # By number only, as the draw is: a name here would outlive the person's
            # erasure of their expression of interest.
            chosen=[{"interest": row.pk, "reason": reasons[row.pk]} for row in chosen],
            not_chosen=[{"interest": row.pk, "reason": NOT_CHOSEN_REASON} for row in not_chosen],
        )
        collective = locked.place.collective
        for row in chosen:
            notification_send(
                kind="opportunity_chosen",
                person=row.person,
                email=row.email,
                context={
                    "opportunity": locked,
                    "interest": row,
                    "collective": collective,
                    "place_words": _place_words_for(target, row.person),
                    "already_member": row.invitation is None,
                    "reach_url": absolute_url(
                        reverse(
                            "opportunities:took_part",
                            args=[interest_token(row, salt=TOOK_PART_SALT)],
                        )
                    ),
                },
                url=reverse(
                    "opportunities:took_part", args=[interest_token(row, salt=TOOK_PART_SALT)]
                ),
                now=now,
            )
        for row in not_chosen:
            link = reverse(
                "opportunities:keep_in_mind", args=[interest_token(row, salt=KEEP_IN_MIND_SALT)]
            )
            notification_send(
                kind="opportunity_not_chosen",
                person=row.person,
                email=row.email,
                context={
                    "opportunity": locked,
                    "interest": row,
                    "collective": collective,
                    "keep_url": absolute_url(link),
                },
                url=link,
                now=now,
            )
    return selection


def keep_in_mind_answer(
    *, interest: Interest, keep: bool, now: datetime.datetime | None = None
) -> Interest:
    """Someone not chosen says whether organisers of the same collective may keep them
    in mind for later opportunities. Their own choice, changeable, so not history."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Interest.objects.select_for_update().get(pk=interest.pk)
        if locked.outcome != Outcome.NOT_CHOSEN:
            raise OpportunityError(_("There is nothing to answer here."), code="keep")
        locked.keep_in_mind, locked.keep_in_mind_at = keep, now
        locked.save(update_fields=["keep_in_mind", "keep_in_mind_at"])
    return locked


def kept_in_mind(opportunity: Opportunity, *, limit: int = 50) -> list[Interest]:
    """People not chosen for the same collective's earlier opportunities who asked to be
    kept in mind, one row for each address (their latest answer), for the organisers."""
    rows = (
        Interest.objects.filter(
            keep_in_mind=True,
            opportunity__place__collective_id=opportunity.place.collective_id,
            opportunity__created_at__lt=opportunity.created_at,
        )
        .exclude(email__in=Interest.objects.filter(opportunity=opportunity).values("email"))
        .select_related("opportunity")
        .order_by("email", "-keep_in_mind_at", "-pk")
    )
    seen: dict[str, Interest] = {}
    for row in rows[: limit * 4]:
        seen.setdefault(row.email, row)
    return list(seen.values())[:limit]


# Reach: equality monitoring totals


def reach_add(*, opportunity: Opportunity, stage: str, answers: dict[str, str]) -> None:
    """Add one person's answers to the opportunity's totals (see models.ReachCount):
    one for "answered" and one for each question they answered. Adding is a single
    UPDATE ... SET count = count + 1, so two people answering at once both count."""
    from levelfield.opportunities import reach

    ReachStage(stage)
    pairs = [(reach.ANSWERED, "yes"), *sorted(reach.cleaned(answers).items())]
    for question, answer in pairs:
        key = {"opportunity": opportunity, "stage": stage, "question": question, "answer": answer}
        if ReachCount.objects.filter(**key).update(count=F("count") + 1):
            continue
        try:
            with transaction.atomic():
                ReachCount.objects.create(count=1, **key)
        except IntegrityError:
            ReachCount.objects.filter(**key).update(count=F("count") + 1)


def reach_took_part(*, interest: Interest, answers: dict[str, str] | None) -> bool:
    """A chosen person answers the questions again (or chooses not to): their answers
    are added to the "took part" totals, once. Asking again, rather than keeping their
    first answers beside their interest until the selection, is what keeps the two
    sets of totals from ever being linked to them. Returns whether anything was added."""
    if answers is None:
        return False
    with transaction.atomic():
        locked = Interest.objects.select_for_update().get(pk=interest.pk)
        if locked.outcome != Outcome.CHOSEN or locked.took_part_answered:
            return False
        locked.took_part_answered = True
        locked.save(update_fields=["took_part_answered"])
        reach_add(opportunity=locked.opportunity, stage=ReachStage.TOOK_PART, answers=answers)
    return True


def reach_totals(opportunity: Opportunity) -> dict[tuple[str, str, str], int]:
    return {
        (stage, question, answer): count
        for stage, question, answer, count in ReachCount.objects.filter(
            opportunity=opportunity
        ).values_list("stage", "question", "answer", "count")
    }
