"""An installation that ran the old schema keeps every check-in round: a project's round
moves to the project's place, a collective's to the collective's own place, and the
answers written out at closing stay exactly as they were (still with no one's name)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("reflection", "0001_initial"), ("places", "0002_groups")]
AFTER = [("reflection", "0002_rounds_at_places")]
WHEN = datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)


def test_existing_rounds_move_to_their_places_and_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=user
    )
    Place = old.get_model("places", "Place")
    own = Place.objects.create(kind="collective", collective=collective)
    project_place = Place.objects.create(kind="project", collective=collective, project=project)
    question_set = old.get_model("reflection", "QuestionSet").objects.create(
        key="ours", title="Our questions"
    )
    version = old.get_model("reflection", "QuestionSetVersion").objects.create(
        question_set=question_set, number=1
    )
    question = old.get_model("reflection", "Question").objects.create(
        version=version, position=1, theme="Sharing power", text="We share power."
    )
    Round = old.get_model("reflection", "CheckInRound")
    times = {"opens_at": WHEN, "closes_at": WHEN + datetime.timedelta(days=7)}
    in_project = Round.objects.create(project=project, version=version, title="P", **times)
    in_collective = Round.objects.create(
        collective=collective,
        version=version,
        title="C",
        closed_at=WHEN + datetime.timedelta(days=8),
        respondent_count=1,
        **times,
    )
    submission = old.get_model("reflection", "Submission").objects.create(round=in_collective)
    old.get_model("reflection", "Answer").objects.create(
        submission=submission, question=question, score=4
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Moved = new.get_model("reflection", "CheckInRound")

    assert Moved.objects.get(pk=in_project.pk).place_id == project_place.pk
    moved = Moved.objects.get(pk=in_collective.pk)
    assert moved.place_id == own.pk and moved.respondent_count == 1
    assert list(
        new.get_model("reflection", "Answer").objects.values_list("submission__round", "score")
    ) == [(in_collective.pk, 4)]
    answer_columns = {f.name for f in new.get_model("reflection", "Answer")._meta.get_fields()}
    assert answer_columns == {"id", "submission", "question", "score"}

    # Going back puts each round on its project or collective again.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps.get_model("reflection", "CheckInRound")
    assert back.objects.get(pk=in_project.pk).project_id == project.pk
    assert back.objects.get(pk=in_collective.pk).collective_id == collective.pk
    assert back.objects.get(pk=in_collective.pk).project_id is None
