"""The decisions app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.decisions.models import (
    Decision,
    DiscussionPoint,
    Option,
    Outcome,
    Response,
    ResponseChange,
    Voter,
)
from levelfield.lib.manifests import (
    NEEDS_SHOWN,
    RECENT_DAYS,
    ErasureContext,
    Happening,
    Need,
    export_rows,
)
from levelfield.places.models import Place, PlaceKind


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "decisions_you_started": export_rows(
            Decision.objects.filter(created_by=person),
            decision="title",
            background="background",
            created="created_at",
        ),
        "options_you_added": export_rows(
            Option.objects.filter(added_by=person), decision="decision__title", option="label"
        ),
        "discussion_points": export_rows(
            DiscussionPoint.objects.filter(author=person),
            decision="decision__title",
            kind="kind",
            text="text",
            written="created_at",
        ),
        "decision_answers": export_rows(
            Response.objects.filter(person=person),
            decision="decision__title",
            answer="payload",
            reason="reason",
            answered="updated_at",
        ),
        # An anonymous answer is sealed, then unlinked at closing: only that you answered.
        "anonymous_decisions_you_answered": export_rows(
            Voter.objects.filter(person=person), decision="decision__title"
        ),
        "outcomes_you_wrote": export_rows(
            Outcome.objects.filter(written_by=person),
            decision="decision__title",
            what_we_decided="statement",
            why="reasons",
            written="written_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Named answers stay counted as a former member's; a sealed answer to an open
    anonymous decision goes with the person (Voter: on_delete=CASCADE), so that
    decision's kept count is worked out again once they are gone. Their names go from
    the text of decisions where they were."""
    from levelfield.decisions import services

    sealed_in = list(
        Decision.objects.filter(
            anonymous=True, closed_at__isnull=True, voters__person=context.person
        ).values_list("pk", flat=True)
    )
    context.after_delete.append(
        lambda: services.tallies_rebuild(decisions=Decision.objects.filter(pk__in=sealed_in))
    )
    # The person's projects, and their collectives with the groups in them.
    decisions = Decision.objects.filter(
        Q(place__project_id__in=context.project_ids)
        | Q(
            place__kind__in=[PlaceKind.COLLECTIVE, PlaceKind.GROUP],
            place__collective_id__in=context.collective_ids,
        )
    )
    context.forget(decisions, ["title", "background"])
    context.forget(Option.objects.filter(decision__in=decisions), ["label"])
    context.forget(DiscussionPoint.objects.filter(decision__in=decisions))
    context.forget(Response.objects.filter(decision__in=decisions), ["payload", "reason"])
    context.forget(ResponseChange.objects.filter(response__decision__in=decisions))
    context.forget(Outcome.objects.filter(decision__in=decisions))


# Only the columns the home shows of a decision and its place's name: compiling every
# column of the joined tables cost more than running the query.
_SHOWN = (
    "title",
    "closes_at",
    *Place.name_columns("place__"),
)


def needs(person: Any) -> list[Need]:
    """Decisions open for answers in the person's places (groups too) that they have not
    answered."""
    now = timezone.now()
    answered = Response.objects.filter(decision=OuterRef("pk"), person=person)
    voted = Voter.objects.filter(decision=OuterRef("pk"), person=person)
    waiting = (
        Decision.objects.visible_to(person)
        .filter(closed_at=None, opens_at__lte=now, closes_at__gt=now)
        .exclude(Exists(answered) | Exists(voted))
        .with_place()
        .only(*_SHOWN)
        .order_by("closes_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Have your say: %(title)s") % {"title": decision.title},
            url=reverse("decisions:detail", args=[decision.pk]),
            place=decision.place.name,
            due=decision.closes_at,
            kind="decision",
        )
        for decision in waiting
    ]


def coming_up(person: Any) -> list[Happening]:
    """Decisions the person has answered that close within two weeks: when the result
    will be known."""
    now = timezone.now()
    answered = Response.objects.filter(decision=OuterRef("pk"), person=person)
    voted = Voter.objects.filter(decision=OuterRef("pk"), person=person)
    closing = (
        Decision.objects.visible_to(person)
        .filter(closed_at=None, opens_at__lte=now, closes_at__gt=now)
        .filter(closes_at__lte=now + datetime.timedelta(days=14))
        .filter(Exists(answered) | Exists(voted))
        .with_place()
        .only(*_SHOWN)
        .order_by("closes_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Results due: %(title)s") % {"title": decision.title},
            url=reverse("decisions:detail", args=[decision.pk]),
            when=decision.closes_at,
            place=decision.place.name,
            kind="decision_closing",
        )
        for decision in closing
    ]


def recent(person: Any) -> list[Happening]:
    """What the person's places decided lately, with what they decided."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    outcomes = (
        Outcome.objects.filter(
            decision__in=Decision.objects.visible_to(person), written_at__gte=since
        )
        .select_related("decision__place__collective", "decision__place__project")
        .only("written_at", *(f"decision__{field}" for field in _SHOWN))
        .order_by("-written_at", "-pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Decided: %(title)s") % {"title": outcome.decision.title},
            url=reverse("decisions:detail", args=[outcome.decision_id]),
            when=outcome.written_at,
            place=outcome.decision.place.name,
            kind="decided",
        )
        for outcome in outcomes
    ]
