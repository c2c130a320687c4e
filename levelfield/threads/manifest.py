"""What the threads app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
    scale_module,
)
from levelfield.threads import personal

MANIFEST = AppManifest(
    label="threads",
    navigation=(
        NavigationEntry(
            label=_("Threads and updates"),
            section="meet",
            url=lambda place: reverse("threads:place_list", args=[place.pk]),
            kinds=frozenset({"collective", "group", "project"}),
            hint=_(
                "Talk things through between meetings, and send everyone an update on "
                "what happened and what is next."
            ),
            order=20,
        ),
    ),
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    person_fields=(
        PersonField(
            "threads.Thread.author",
            "threads_you_started",
            Erasure.ANONYMISE,
            "the thread stays in the place's record",
        ),
        PersonField("threads.Thread.closed_by", "threads_you_closed", Erasure.ANONYMISE),
        PersonField(
            "threads.Post.author",
            "thread_posts",
            Erasure.ANONYMISE,
            "replies stay so the thread still makes sense",
        ),
        PersonField("threads.Reaction.person", "thread_reactions", Erasure.DELETE),
        PersonField("threads.Mention.person", "thread_mentions", Erasure.DELETE),
        PersonField("threads.ReadMark.person", "threads_you_read", Erasure.DELETE),
        PersonField("threads.Delivery.person", "updates_sent_to_you", Erasure.DELETE),
    ),
    demo=demo_module("levelfield.threads.demo"),
    demo_after=("decisions", "documents", "places"),
    scale=scale_module("levelfield.threads.scale"),
    scale_after=("projects",),
)
