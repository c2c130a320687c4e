"""Answers counted under concurrency, on PostgreSQL with real connections."""

from __future__ import annotations

import uuid

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.people.tests.factories import UserFactory
from levelfield.priorities import services
from levelfield.priorities.models import (
    GroupRank,
    InterimBallot,
    Stage,
    Submission,
    SubmittedQuestion,
    SummaryQuestion,
)

pytestmark = CONCURRENCY_MARKS


def _partnership():  # noqa: ANN202
    collective = CollectiveFactory()
    member = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=member)
    partnership = services.partnership_create(
        collective=collective, actor=member, title="Race", scope="Anything."
    )
    return partnership, member


def test_the_same_survey_form_sent_from_eight_tabs_at_once_is_stored_once() -> None:
    partnership, _ = _partnership()
    token = uuid.uuid4()

    def send(n: int) -> bool:
        _, created = services.survey_submit(
            partnership=partnership,
            token=token,
            perspective="patient",
            questions=["Does it help?", "Does it hurt?"],
            consent=True,
        )
        return created

    results = at_once(8, send)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results.count(True) == 1
    assert Submission.objects.count() == 1
    assert SubmittedQuestion.objects.count() == 2


def test_many_different_people_answering_at_once_are_all_counted() -> None:
    partnership, member = _partnership()
    summary = SummaryQuestion.objects.create(partnership=partnership, text="S?")
    q = services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective="carer",
        questions=["Q?"],
        consent=True,
    )[0].questions.get()
    SubmittedQuestion.objects.filter(pk=q.pk).update(summary=summary)
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.INTERIM)
    partnership.refresh_from_db()
    results = at_once(
        8,
        lambda n: services.interim_submit(
            partnership=partnership,
            token=uuid.uuid4(),
            perspective="patient",
            question_ids=[summary.pk],
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert InterimBallot.objects.count() == 8


def test_two_people_grouping_the_same_question_at_once_put_it_in_one_group() -> None:
    partnership, member = _partnership()
    question = services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective="carer",
        questions=["Q?"],
        consent=True,
    )[0].questions.get()
    results = at_once(
        4,
        lambda n: services.summary_create(
            partnership=partnership, actor=member, questions=[question], text=f"Group {n}?"
        ),
    )
    assert len([r for r in results if isinstance(r, SummaryQuestion)]) == 1
    question.refresh_from_db()
    assert question.summary is not None


def test_two_people_recording_a_group_ranking_at_once_leave_one_complete_ranking() -> None:
    partnership, member = _partnership()
    summaries = [
        SummaryQuestion.objects.create(partnership=partnership, text=f"S{n}?", shortlisted=True)
        for n in range(3)
    ]
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.WORKSHOP)
    group = services.workshop_group_add(partnership=partnership, actor=member, name="Oak", round=1)
    ids = [s.pk for s in summaries]
    results = at_once(
        4,
        lambda n: services.group_ranking_record(
            group=group, actor=member, ranking=ids if n % 2 else list(reversed(ids))
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert GroupRank.objects.filter(group=group).count() == 3
