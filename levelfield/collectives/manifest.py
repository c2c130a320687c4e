"""What the collectives app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.collectives import personal
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_world_module,
    scale_module,
)


def _answers_join_requests(place: Any, person: Any) -> bool:
    """Only the people who answer requests to join see the entry."""
    from levelfield.collectives import roles
    from levelfield.collectives.services import ANSWER_JOIN_REQUEST

    return person is not None and roles.may(person, ANSWER_JOIN_REQUEST, place.owner)


MANIFEST = AppManifest(
    label="collectives",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "collectives.Collective.created_by", "collectives_you_started", Erasure.ANONYMISE
        ),
    ),
    needs=personal.needs,
    coming_up=personal.coming_up,
    demo=demo_world_module("levelfield.collectives.demo"),
    demo_after=("people",),
    scale=scale_module("levelfield.collectives.scale"),
    scale_after=("people",),
    navigation=(
        NavigationEntry(
            _("Members and coordinator jobs"),
            "people",
            lambda place: reverse("places:members", args=[place.pk]),
            kinds=frozenset({"collective"}),
            order=5,
        ),
        NavigationEntry(
            _("Invite people"),
            "people",
            lambda place: reverse("collectives:invite", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=10,
        ),
        NavigationEntry(
            _("Requests to join"),
            "people",
            lambda place: reverse("collectives:join_requests", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=_("Coordinators answer people who found the collective in the directory"),
            order=15,
            applies=_answers_join_requests,
        ),
        NavigationEntry(
            _("Invitations"),
            "people",
            lambda place: reverse("collectives:invitations", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=20,
        ),
        NavigationEntry(
            _("History of changes"),
            "about",
            lambda place: reverse("collectives:history", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=10,
        ),
        NavigationEntry(
            _("Settings"),
            "about",
            lambda place: reverse("collectives:settings", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=20,
        ),
        NavigationEntry(
            _("Leave this collective"),
            "about",
            lambda place: reverse("collectives:leave", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=90,
        ),
    ),
)
