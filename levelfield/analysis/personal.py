"""The analysis app's part of a person's data download, erasure and home (see
manifest.py).

A person's download holds what they wrote or did here: the teams they are on, the
sources they uploaded (by name, never the interview's text: that is the interviewee's
words, not theirs), the codes, themes and word-list entries they added, and their own
coding with their memos. Nobody else's analysis is in it. Erasure keeps the team's work
(coding stays so agreement and themes hold) with the links to the person gone and
their names taken out of the words where they were.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from levelfield.analysis.models import Code, Segment, Source, TeamMember, Theme, WordListEntry
from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "analysis_teams_you_are_on": export_rows(
            TeamMember.objects.filter(person=person),
            project="place__project__title",
            joined="joined_at",
            may_keep_originals="keeps_originals",
        ),
        "analysis_team_members_you_added": export_rows(
            TeamMember.objects.filter(added_by=person),
            project="place__project__title",
            added="joined_at",
        ),
        "analysis_words_you_added": export_rows(
            WordListEntry.objects.filter(added_by=person),
            project="place__project__title",
            word="word",
            added="added_at",
        ),
        "analysis_sources_you_uploaded": export_rows(
            Source.objects.filter(uploaded_by=person),
            project="place__project__title",
            source="title",
            uploaded="uploaded_at",
        ),
        "analysis_sources_you_deidentified": export_rows(
            Source.objects.filter(confirmed_by=person),
            project="place__project__title",
            source="title",
            confirmed="confirmed_at",
        ),
        "analysis_codes_you_added": export_rows(
            Code.objects.filter(created_by=person),
            project="place__project__title",
            code="name",
            definition="definition",
            example="example",
            added="created_at",
        ),
        "analysis_themes_you_built": export_rows(
            Theme.objects.filter(created_by=person),
            project="place__project__title",
            theme="name",
            description="description",
            built="created_at",
        ),
        "analysis_your_coding": export_rows(
            Segment.objects.filter(coder=person),
            source="source__title",
            start="start",
            end="end",
            memo="memo",
            coded="created_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Their team places go; what they made stays with the team without their name
    (links go by SET_NULL when their row is deleted). Their own memos keep no names."""
    person = context.person
    TeamMember.objects.filter(person=person).delete()
    where = {"place__project_id__in": context.project_ids}
    context.forget(
        Segment.objects.filter(source__place__project_id__in=context.project_ids), ["memo"]
    )
    context.forget(Code.objects.filter(**where), ["name", "definition", "example"])
    context.forget(Theme.objects.filter(**where), ["name", "description"])


def needs(person: Any) -> list[Need]:
    """Sources the person uploaded that wait for them to confirm their de-identification
    (nobody else on the team sees them until they do)."""
    waiting = (
        Source.objects.filter(uploaded_by=person, confirmed_at__isnull=True)
        .select_related("place__project", "place__collective")
        .order_by("uploaded_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Check what to remove from “%(title)s” before the team sees it")
            % {"title": source.title},
            url=reverse("analysis:deidentify", args=[source.pk]),
            place=source.place.name,
            kind="analysis_source",
        )
        for source in waiting
    ]


def leaving(place: Any, person: Any) -> None:
    """Someone leaving the project leaves its analysis team (their coding stays)."""
    TeamMember.objects.filter(place=place, person=person).delete()
