"""A 2,000 x 1,000 Pol.is export imported through the web page, in the background, then
analysed, with red-dwarf's time on the same votes in the same run (issue 26).

The steps timed are what a member's import goes through: the POST of votes.csv and
comments.csv to the import page (it keeps the files and returns at once, since the file
is bigger than polis.BACKGROUND_ROWS), the background import (what the worker task or
the periodic `import_polis_waiting` command runs), the analysis read back from the
database (services.analysis_run), and red-dwarf's run_pipeline on the same votes. The
groups are compared (adjusted Rand index). The full size takes a few minutes of both
cores (mostly red-dwarf and the import), so it is not in the default run:
`python bench/run.py polis-import`. LEVELFIELD_BENCH_IMPORT="200,50,6000" (people,
statements, votes) runs a small one to check the scenario works; below
BACKGROUND_ROWS vote lines, the scenario lowers that bound so the background path is
still the one timed.
"""

from __future__ import annotations

import io
import os
import time
import warnings

import numpy as np
from bench_common import Row
from bench_deliberation import _adjusted_rand

from levelfield.deliberation.synthetic import planted_conversation

SIZE = (2_000, 1_000, 250_000)
START = 1_700_000_000_000  # a Pol.is timestamp (milliseconds), 14 November 2023


def _size() -> tuple[int, int, int]:
    given = os.environ.get("LEVELFIELD_BENCH_IMPORT", "")
    if not given:
        return SIZE
    people, statements, votes = (int(part) for part in given.split(","))
    return people, statements, votes


def _export(planted: object) -> tuple[str, str]:
    """votes.csv and comments.csv as Pol.is writes them."""
    votes = io.StringIO()
    votes.write("timestamp,datetime,comment-id,voter-id,vote\n")
    for i, (pid, sid, vote) in enumerate(
        zip(planted.participant_ids, planted.statement_ids, planted.votes, strict=True)
    ):
        votes.write(f"{START + 1000 * i},Tue Nov 14 2023,{sid},{pid},{vote}\n")
    comments = io.StringIO()
    comments.write(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    )
    for sid in np.unique(planted.statement_ids).tolist():
        comments.write(f"{START},Tue Nov 14 2023,{sid},0,0,0,1,Statement {sid} on the topic\n")
    return votes.getvalue(), comments.getvalue()


def run() -> list[Row]:
    warnings.simplefilter("ignore")
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from reddwarf.implementations.polis import run_pipeline

    from levelfield.deliberation import polis, services
    from levelfield.deliberation.models import ImportState, Participant
    from levelfield.deliberation.tests.factories import ConversationFactory
    from levelfield.people.tests.factories import UserFactory
    from levelfield.projects.tests.factories import ProjectMembershipFactory

    people, statements, count = _size()
    planted = planted_conversation(
        participants=people, statements=statements, votes=count, groups=3, seed=11
    )
    votes_csv, comments_csv = _export(planted)
    lines = polis.vote_lines(votes_csv)
    bound = polis.BACKGROUND_ROWS
    polis.BACKGROUND_ROWS = min(bound, lines - 1)
    try:
        person = UserFactory()
        conversation = ConversationFactory()
        ProjectMembershipFactory(project=conversation.place.project, person=person)
        client = Client()
        client.force_login(person)
        started = time.perf_counter()
        response = client.post(
            reverse("deliberation:import", args=[conversation.pk]),
            {
                "votes": SimpleUploadedFile("votes.csv", votes_csv.encode()),
                "comments": SimpleUploadedFile("comments.csv", comments_csv.encode()),
            },
        )
        request_ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        started = time.perf_counter()
        ran = polis.polis_imports_run_waiting()
        import_ms = (time.perf_counter() - started) * 1000
    finally:
        polis.BACKGROUND_ROWS = bound
    job = conversation.polis_imports.get()
    assert ran == 1 and job.state == ImportState.DONE, job.messages
    started = time.perf_counter()
    services.analysis_run(conversation=conversation)
    analysis_ms = (time.perf_counter() - started) * 1000

    rows = planted.as_polis_rows()
    started = time.perf_counter()
    theirs = run_pipeline(votes=rows, random_state=0)
    theirs_ms = (time.perf_counter() - started) * 1000

    conversation.refresh_from_db()
    voter = dict(
        Participant.objects.filter(conversation=conversation).values_list("pk", "polis_id")
    )
    ours = {voter[p]: g for p, _, _, g in conversation.analysis.result["points"] if g >= 0}
    their_groups = theirs.participants_df["cluster_id"].dropna().astype(int).to_dict()
    common = sorted(set(ours) & set(their_groups))
    ari = _adjusted_rand([ours[v] for v in common], [their_groups[v] for v in common])
    size = f"{people:,} x {statements:,}"
    return [
        Row(f"{size} web import: the request (returns at once)", lines, request_ms),
        Row(f"{size} web import: in the background ({job.summary})", lines, import_ms),
        Row(f"{size} Levelfield analysis, from the database", lines, analysis_ms),
        Row(
            f"{size} red-dwarf run_pipeline, same votes: {theirs_ms / analysis_ms:.1f}x "
            f"Levelfield's time; ARI {ari:.3f}, {len(common):,} grouped by both "
            f"({len(ours):,} here, {len(their_groups):,} by red-dwarf)",
            lines,
            theirs_ms,
        ),
    ]
