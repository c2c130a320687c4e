"""Translations for `manage.py seed_scale`: members' Welsh for a share of everything that
may be translated, so the benchmark's pages read by a Welsh reader find translations to
show (and the translations table has a network's worth of rows in its index).

One in four of each translatable kind, in the order they were made (the stories' scale
data makes the newest story first: the one the load benchmark reads, in English and in
Welsh), up to 5,000 of each at the large size, translated by the
network's members and current with their originals (digests of the words as they are).
"""

from __future__ import annotations

import random

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.translations import registry
from levelfield.translations.models import Translation

PER_KIND = 5_000
SHARE = 4  # one in this many of each kind
LANGUAGE = "cy"


def _in_welsh(words: str) -> str:
    """Stand-in Welsh of about the original's length (bench data: the words' size is
    what the pages pay for, not their meaning)."""
    return f"Yn Gymraeg: {words}" if words else ""


def scale_seed(*, size: str, rng: random.Random) -> None:
    translators = people_in_order()[1:200]
    now = timezone.now()
    for declared in registry.translatables().values():
        model = apps.get_model(declared.model)
        kind = ContentType.objects.get_for_model(model)
        wanted = scaled(size, PER_KIND, least=5)
        first = model.objects.order_by("pk").values_list("pk", flat=True)[: wanted * SHARE]
        originals = model.objects.filter(pk__in=list(first)[::SHARE])
        rows = (
            Translation(
                content_type=kind,
                object_id=original.pk,
                language=LANGUAGE,
                text={
                    name: _in_welsh(str(getattr(original, name) or "")) for name in declared.fields
                },
                source_digest=registry.digest(original, declared.fields),
                translated_by_id=rng.choice(translators),
                translated_at=now,
            )
            for original in originals.iterator(chunk_size=1000)
        )
        for batch in batches(rows):
            Translation.objects.bulk_create(batch)
