"""What the analysis app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.analysis import personal
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)

KEPT = "the team’s analysis rests on it; the link to the person goes"

MANIFEST = AppManifest(
    label="analysis",
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Analysis together"),
            section="make",
            url=lambda place: reverse("analysis:home", args=[place.pk]),
            kinds=frozenset({"project"}),
            hint=gettext_lazy(
                "Read the interviews together: code what people said, compare readings "
                "and build themes. Only the analysis team sees the data."
            ),
            order=40,
        ),
    ),
    needs=personal.needs,
    leaving=personal.leaving,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField("analysis.TeamMember.person", "analysis_teams_you_are_on", Erasure.DELETE),
        PersonField(
            "analysis.TeamMember.added_by", "analysis_team_members_you_added", Erasure.ANONYMISE
        ),
        PersonField(
            "analysis.WordListEntry.added_by", "analysis_words_you_added", Erasure.ANONYMISE
        ),
        PersonField(
            "analysis.Source.uploaded_by", "analysis_sources_you_uploaded", Erasure.ANONYMISE
        ),
        PersonField(
            "analysis.Source.confirmed_by",
            "analysis_sources_you_deidentified",
            Erasure.ANONYMISE,
        ),
        PersonField("analysis.Code.created_by", "analysis_codes_you_added", Erasure.ANONYMISE),
        PersonField("analysis.Theme.created_by", "analysis_themes_you_built", Erasure.ANONYMISE),
        PersonField("analysis.Segment.coder", "analysis_your_coding", Erasure.ANONYMISE, KEPT),
    ),
    glossary=(
        Term(
            gettext_lazy("Coding (in analysis)"),
            gettext_lazy(
                "Marking a passage of an interview with a short label (a code) for what it is "
                "about, such as “not being believed”, so the team can find and compare "
                "everything people said about it."
            ),
        ),
        Term(
            gettext_lazy("Codebook"),
            gettext_lazy(
                "The list of codes a team uses, each with when to use it and an example, so "
                "everyone codes the same way."
            ),
        ),
        Term(
            gettext_lazy("Theme"),
            gettext_lazy(
                "A pattern the team sees across many interviews, built from codes and the "
                "passages behind them."
            ),
        ),
        Term(
            gettext_lazy("De-identification"),
            gettext_lazy(
                "Taking out of a transcript what could tell someone who spoke or who they "
                "spoke about: names, places, dates, phone numbers, addresses."
            ),
        ),
        Term(
            gettext_lazy("Cohen’s kappa"),
            gettext_lazy(
                "A number for how far two people coded the same sentences with a code, beyond "
                "what chance alone would give: 1 is the same every time, 0 is no better than "
                "chance. A prompt to talk about how each reads the code, not a score of people."
            ),
        ),
        Term(
            gettext_lazy("Krippendorff’s alpha"),
            gettext_lazy(
                "Like Cohen’s kappa, for three or more coders: how far they agree beyond "
                "chance, from below 0 to 1."
            ),
        ),
        Term(
            gettext_lazy("REFI-QDA (.qdpx)"),
            gettext_lazy(
                "An open file format for qualitative analysis projects, which NVivo, ATLAS.ti "
                "and MAXQDA can open."
            ),
        ),
    ),
    demo=demo_module("levelfield.analysis.demo"),
    demo_after=("projects", "places", "people", "learning"),
    scale=scale_module("levelfield.analysis.scale"),
    scale_after=("projects",),
)
