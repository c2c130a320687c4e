"""What the priorities app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
)
from levelfield.priorities import personal

MANIFEST = AppManifest(
    label="priorities",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "priorities.Partnership.created_by",
            "priority_setting_partnerships_you_started",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "priorities.SteeringMember.person", "priority_setting_steering_groups", Erasure.DELETE
        ),
        PersonField(
            "priorities.SummaryQuestion.created_by",
            "summary_questions_you_wrote",
            Erasure.ANONYMISE,
        ),
        PersonField("priorities.Idea.created_by", "ideas_you_started", Erasure.ANONYMISE),
        PersonField("priorities.Idea.owners", "ideas_you_own", Erasure.DELETE),
        PersonField("priorities.IdeaOwner.person", "ideas_you_own", Erasure.DELETE),
        PersonField("priorities.IdeaComment.author", "comments_on_ideas", Erasure.ANONYMISE),
    ),
    demo=demo_module("levelfield.priorities.demo"),
    navigation=(
        NavigationEntry(
            "Research priorities and ideas",
            "decide",
            lambda place: reverse("priorities:index", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint="Which questions research should answer first, chosen together.",
            order=40,
        ),
    ),
)
