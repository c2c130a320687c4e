"""What the places app adds to the whole: see levelfield/lib/manifests.py."""

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
)
from levelfield.places import personal

GLOSSARY = (
    Term(
        _("Co-production"),
        _(
            "Researchers, practitioners, patients, carers and members of the public working "
            "together as equals through a whole research project: sharing power, deciding "
            "together, valuing everyone's knowledge and paying people fairly for their time."
        ),
    ),
    Term(
        _("Collective"),
        _(
            "A co-production hub: the people who work together over time, with their groups and "
            "projects, their payment policy and their public page."
        ),
    ),
    Term(
        _("Group"),
        _(
            "A standing group inside a collective with a purpose and its members, such as an "
            "allies group or a young people's advisory group. It meets, decides and keeps its own"
            " log, like a project, but has no research stages."
        ),
    ),
    Term(
        _("Project"),
        _(
            "A piece of research inside a collective, with its members and the stages of the "
            "research cycle, from identifying questions to impact."
        ),
    ),
    Term(
        _("Place"),
        _(
            "Our word for a collective, a group or a project: anywhere people work together. "
            "Decisions, meetings, documents and the involvement log all belong to a place."
        ),
    ),
    Term(
        _("Coordinator"),
        _(
            "A job, not a rank: the member who looks after logistics, approves payment claims and"
            " answers requests to join. Anyone in the place can see who holds it, and it never "
            "overrides a decision the group makes."
        ),
    ),
    Term(
        _("Involvement log"),
        _(
            "The record of who took part in what, and for how long: a meeting, a workshop, a "
            "review. People claim payment for their time from it, and reports are written from "
            "it."
        ),
    ),
    Term(
        _("Research stage"),
        _(
            "Where a project is in the research cycle: identifying and prioritising, design, "
            "funding application, ethics and approvals, doing the research, analysis, "
            "dissemination, implementation, and evaluation and impact."
        ),
    ),
)


MANIFEST = AppManifest(
    label="places",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField("places.PlaceMembership.person", "memberships", Erasure.DELETE),
        PersonField(
            "places.PlaceMembership.coordinator_asked_by",
            "coordinator_job_asks_you_made",
            Erasure.ANONYMISE,
        ),
        PersonField("places.JoinRequest.person", "requests_to_join", Erasure.DELETE),
        PersonField(
            "places.JoinRequest.answered_by", "join_requests_you_answered", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.places.demo"),
    demo_after=("collectives", "projects"),
    navigation=(
        NavigationEntry(
            _("Involvement log: what we did together and who took part"),
            "time",
            lambda place: reverse("places:log", args=[place.pk]),
            hint=_("Every meeting and piece of work, with who took part and for how long."),
            order=10,
        ),
        NavigationEntry(
            _("Members"),
            "people",
            lambda place: reverse("places:members", args=[place.pk]),
            kinds=frozenset({"group"}),
            hint=_("Everyone in the group, and who has the coordinator job."),
            order=10,
        ),
        NavigationEntry(
            _("Leave this group"),
            "about",
            lambda place: reverse("places:group_leave", args=[place.pk]),
            kinds=frozenset({"group"}),
            order=90,
        ),
    ),
)
