"""What the decisions app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import personal
from levelfield.decisions.models import Decision, Phase
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_world_module,
    scale_module,
)


def _open_decisions(place: Any) -> int | None:
    """How many decisions are open for responses in the place now, in one query."""
    count = Decision.objects.in_place(place).in_phase(Phase.VOTING, timezone.now()).count()
    return count or None


MANIFEST = AppManifest(
    label="decisions",
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    coming_up=personal.coming_up,
    recent=personal.recent,
    navigation=(
        NavigationEntry(
            label="Decisions made together",
            section="decide",
            url=lambda place: reverse("decisions:place_log", args=[place.pk]),
            hint="Start a decision, have your say and see what was decided.",
            order=10,
            count=_open_decisions,
        ),
    ),
    person_fields=(
        PersonField("decisions.Decision.created_by", "decisions_you_started", Erasure.ANONYMISE),
        PersonField("decisions.Option.added_by", "options_you_added", Erasure.ANONYMISE),
        PersonField("decisions.DiscussionPoint.author", "discussion_points", Erasure.ANONYMISE),
        PersonField(
            "decisions.Response.person",
            "decision_answers",
            Erasure.ANONYMISE,
            "the answer stays counted in the decision's result",
        ),
        PersonField(
            "decisions.Voter.person",
            "anonymous_decisions_you_answered",
            Erasure.DELETE,
            "a sealed answer to an open decision goes with it",
        ),
        PersonField("decisions.Outcome.written_by", "outcomes_you_wrote", Erasure.ANONYMISE),
    ),
    scale=scale_module("levelfield.decisions.scale"),
    scale_after=("projects",),
    demo=demo_world_module("levelfield.decisions.demo"),
    # The Allies Group's decision is made in a group the places demo sets up.
    demo_after=("projects", "places"),
)
