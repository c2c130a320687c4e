"""Analysis for `manage.py seed_scale`: in the big project, an analysis team of person 0
and the load benchmark's people (1 to LOAD_PEOPLE, all members of the big project, so
every person the load signs in as may open the source), five of them coders, and one
confirmed source of 50,000 words (at the large size) with 2,000 coded
segments spread among them, each with one or two of 20 codes, bulk-inserted as the
services write them (`source_seed` is shared with bench/bench_analysis.py)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from django.utils import timezone

from levelfield.analysis.models import Code, Segment, Source, TeamMember
from levelfield.analysis.queries import cut
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import PlaceMembership
from levelfield.projects.scale import big_project

WORDS = 50_000
SEGMENTS = 2_000
CODERS = 5
CODES = 20
VOCABULARY = [
    *[
        "i",
        "felt",
        "that",
        "the",
        "nurse",
        "listened",
        "when",
        "we",
        "talked",
        "about",
        "waiting",
        "and",
        "my",
        "mum",
        "said",
    ],
    *[
        "it",
        "was",
        "hard",
        "because",
        "nobody",
        "believed",
        "me",
        "at",
        "school",
        "so",
        "it",
        "helped",
        "a",
        "lot",
    ],
]


def transcript(words: int, rng: random.Random) -> str:
    """Made-up speech: sentences of 8 to 16 words, paragraphs of 4 to 10 sentences."""
    paragraphs, sentence, sentences, written = [], [], [], 0
    goal = rng.randint(8, 16)
    per_paragraph = rng.randint(4, 10)
    while written < words:
        sentence.append(rng.choice(VOCABULARY))
        written += 1
        if len(sentence) >= goal:
            sentences.append(" ".join(sentence).capitalize() + ".")
            sentence, goal = [], rng.randint(8, 16)
            if len(sentences) >= per_paragraph:
                paragraphs.append("Participant: " + " ".join(sentences))
                sentences, per_paragraph = [], rng.randint(4, 10)
    if sentence:
        sentences.append(" ".join(sentence).capitalize() + ".")
    if sentences:
        paragraphs.append("Participant: " + " ".join(sentences))
    return "\n".join(paragraphs)


def source_seed(
    *,
    place: object,
    coders: Sequence[int],
    words: int,
    segments: int,
    rng: random.Random,
    title: str = "Interview (scale)",
) -> Source:
    """One confirmed source with `segments` segments by `coders` (person ids already on
    the team), each one to three sentences long with one or two codes."""
    now = timezone.now()
    source = Source.objects.create(
        place=place,
        title=title,
        text=transcript(words, rng),
        consent_reference="CF-SCALE",
        quotes_allowed=True,
        uploaded_by_id=coders[0],
        uploaded_at=now,
        confirmed_at=now,
        confirmed_by_id=coders[0],
    )
    codes = Code.objects.bulk_create(
        Code(
            place=place,
            name=f"Code {number + 1} ({title})",
            definition="A code for the benchmark.",
            created_by_id=coders[0],
            created_at=now,
        )
        for number in range(CODES)
    )
    _, sentences = cut(source)
    rows = []
    for number in range(segments):
        first = rng.randrange(len(sentences))
        last = min(len(sentences) - 1, first + rng.randrange(3))
        rows.append(
            Segment(
                source=source,
                coder_id=coders[number % len(coders)],
                start=sentences[first][0],
                end=sentences[last][1],
                created_at=now,
            )
        )
    made = []
    for chunk in batches(rows):
        made.extend(Segment.objects.bulk_create(chunk))
    through = Segment.codes.through
    for chunk in batches(
        through(segment_id=segment.pk, code_id=code.pk)
        for segment in made
        for code in rng.sample(codes, rng.randint(1, 2))
    ):
        through.objects.bulk_create(chunk)
    return source


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    # Person 0 and the load's people, in their order, where they are members.
    wanted = people_in_order()[: LOAD_PEOPLE + 1]
    members = set(
        PlaceMembership.objects.of_project(project)
        .filter(person_id__in=wanted)
        .values_list("person_id", flat=True)
    )
    team = [person_id for person_id in wanted if person_id in members]
    if not team:
        return
    coders = team[:CODERS]
    now = timezone.now()
    TeamMember.objects.bulk_create(
        TeamMember(place=place, person_id=person_id, joined_at=now) for person_id in team
    )
    source_seed(
        place=place,
        coders=coders,
        words=scaled(size, WORDS, least=500),
        segments=scaled(size, SEGMENTS, least=20),
        rng=rng,
    )
