"""What the priorities app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.priorities import personal

GLOSSARY = (
    Term(
        _("Priority setting partnership"),
        _(
            "Patients, carers and clinicians working together to agree the most important "
            "unanswered questions about a condition, following the James Lind Alliance's method."
        ),
    ),
    Term(
        _("James Lind Alliance"),
        _(
            "A UK organisation whose method brings patients, carers and clinicians together, as "
            "equals, to agree research priorities."
        ),
    ),
    Term(
        _("Uncertainty"),
        _("A question about treatment or care that research has not yet answered."),
    ),
    Term(
        _("Top 10"),
        _(
            "The ten questions a priority setting partnership agrees, at its final workshop, "
            "matter most."
        ),
    ),
)


MANIFEST = AppManifest(
    label="priorities",
    glossary=GLOSSARY,
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
    scale=scale_module("levelfield.priorities.scale"),
    scale_after=("collectives", "projects"),
    navigation=(
        NavigationEntry(
            _("Research priorities and ideas"),
            "decide",
            lambda place: reverse("priorities:index", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=_("Which questions research should answer first, chosen together."),
            order=40,
        ),
    ),
)
