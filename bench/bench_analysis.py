"""A project's shared analysis at data scale: one source of 50,000 words with 2,000
coded segments by 5 coders (the team shares its coding, so every page shows everyone's):
the coding page (a page of paragraphs with their sentences and codes) and the agreement
page (Cohen's kappa or Krippendorff's alpha per code over every sentence).

Run by bench/run.py inside a throwaway database. Rows are bulk-inserted through
`levelfield.analysis.scale.source_seed`. Each page is also fetched for a source of 500
words with 20 segments, so the table shows the number of queries does not grow.
"""

from __future__ import annotations

import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, people_add
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.analysis.models import Settings, TeamMember
from levelfield.analysis.scale import CODERS, SEGMENTS, WORDS, source_seed
from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.services import project_create

SEED = 20_261_205


def _source_make(prefix: str, words: int, segments: int, rng: random.Random) -> tuple[User, int]:
    founder, *others = people_add(prefix, CODERS, rng)
    collective = collective_create(
        name=f"Bench analysis {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the analysis pages.",
        created_by=founder,
    )
    project = project_create(
        collective=collective,
        created_by=founder,
        title=f"Analysis {prefix}",
        summary="Timing the analysis pages.",
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=project.place, person=person) for person in others
    )
    place = project.place
    coders = [founder, *others]
    TeamMember.objects.bulk_create(
        TeamMember(place=place, person=person, joined_at=timezone.now()) for person in coders
    )
    Settings.objects.create(place=place, share_coding=True)
    source = source_seed(
        place=place,
        coders=[person.pk for person in coders],
        words=words,
        segments=segments,
        rng=rng,
    )
    return founder, source.pk


def analysis_pages() -> list[Row]:
    rng = random.Random(SEED)
    founder, source = _source_make("ana", WORDS, SEGMENTS, rng)
    few_founder, few_source = _source_make("fewana", 500, 20, rng)
    pages = [
        ("analysis:source (coding)", "analysis:source", "Apply the codes"),
        ("analysis:agreement", "analysis:agreement", "Krippendorff"),
    ]
    client, few_client = Client(), Client()
    client.force_login(founder)
    few_client.force_login(few_founder)
    return [
        _row(
            label,
            SEGMENTS,
            time_page(client, reverse(name, args=[source]), check=_shows(text)),
            time_page(few_client, reverse(name, args=[few_source]), check=_shows(text)),
        )
        for label, name, text in pages
    ]
