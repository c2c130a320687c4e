"""What the decisions app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.decisions import personal
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    PersonField,
    demo_world_module,
    scale_module,
)

MANIFEST = AppManifest(
    label="decisions",
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
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
    demo_after=("projects",),
)
