"""The evaluation at the end of a cohort is anonymous in the one way Levelfield keeps
answers apart from their authors (levelfield.sealing, as check-ins and events' feedback
do): sealed on the participant's row while it is open, written out shuffled with no
person and no time when it closes, and shown to the facilitators only from five answers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.learning import personal, services
from levelfield.learning.models import Cohort, CohortParticipant, EvaluationAnswer
from levelfield.learning.tests.cohorts import cohort_make, url
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.sealing.models import SealKey


def _participants(learning_world: LearningWorld, cohort: Cohort, count: int) -> list[User]:
    people = []
    for _ in range(count):
        person = UserFactory()
        CollectiveMembershipFactory(collective=learning_world.collective, person=person)
        services.cohort_join(cohort=cohort, person=person)
        people.append(person)
    return people


def _last_day(cohort: Cohort) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(cohort.ends_on, datetime.time(hour=20)))


def test_five_answers_are_sealed_then_written_out_unlinked_and_shown(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    cohort = cohort_make(learning_world, weeks=2)
    people = _participants(learning_world, cohort, settings.MINIMUM_ANONYMOUS_GROUP)
    clock.move_to(_last_day(cohort))
    assert [n.kind for n in personal.needs(people[0])] == ["cohort_evaluation"]
    for number, person in enumerate(people, start=1):
        client.force_login(person)
        response = client.post(
            url("evaluation", learning_world, cohort),
            {"useful": str(number), "heard": "4", "best": f"Comment {number}", "change": ""},
        )
        assert response.status_code == 302
    # Sealed on the participant's own row, nothing written out yet, nothing shown.
    assert not EvaluationAnswer.objects.exists()
    assert CohortParticipant.objects.filter(sealed_evaluation__isnull=False).count() == 5
    assert personal.needs(people[0]) == []
    client.force_login(learning_world.facilitator)
    page = client.get(url("evaluation_results", learning_world, cohort)).content.decode()
    assert "Comment 1" not in page and "5 people have answered so far" in page

    clock.move_to(services.evaluation_closes_at(cohort))
    assert services.cohort_evaluations_write_out_due() == 1
    assert services.cohort_evaluations_write_out_due() == 0
    answers = EvaluationAnswer.objects.filter(cohort=cohort)
    assert sorted(answers.values_list("useful", flat=True)) == [1, 2, 3, 4, 5]
    # Nothing on the answers names anyone; the sealed copies and the key are gone.
    fields = {field.name for field in EvaluationAnswer._meta.get_fields()}
    assert fields == {"id", "cohort", "useful", "heard", "best", "change"}
    assert not CohortParticipant.objects.filter(sealed_evaluation__isnull=False).exists()
    assert not SealKey.objects.filter(scope=f"cohort-evaluation:{cohort.pk}").exists()
    page = client.get(url("evaluation_results", learning_world, cohort)).content.decode()
    assert "5 people answered" in page and "3.0 out of 5" in page and "Comment 5" in page


def test_with_fewer_than_five_answers_the_results_are_never_shown(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    cohort = cohort_make(learning_world, weeks=2)
    people = _participants(learning_world, cohort, settings.MINIMUM_ANONYMOUS_GROUP - 1)
    clock.move_to(_last_day(cohort))
    for person in people:
        services.evaluation_give(cohort=cohort, person=person, useful=5, heard=5, best="Secret")
    services.cohort_evaluation_write_out(cohort=cohort, now=services.evaluation_closes_at(cohort))
    client.force_login(learning_world.facilitator)
    page = client.get(url("evaluation_results", learning_world, cohort)).content.decode()
    assert "Fewer than 5 people answered" in page and "Secret" not in page


def test_an_evaluation_is_given_once_only_while_open_and_only_by_participants(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    cohort = cohort_make(learning_world, weeks=2)
    (person,) = _participants(learning_world, cohort, 1)
    client.force_login(person)
    answer = {"useful": "4", "heard": "4"}
    # Not open before the last day.
    response = client.post(url("evaluation", learning_world, cohort), answer)
    assert "The evaluation is not open" in response.content.decode()
    clock.move_to(_last_day(cohort))
    client.force_login(person)
    response = client.post(url("evaluation", learning_world, cohort), {"useful": "9"})
    page = response.content.decode()
    assert "Choose how useful the course was, from 1 to 5" in page
    assert "Choose whether you felt heard, from 1 to 5" in page
    assert client.post(url("evaluation", learning_world, cohort), answer).status_code == 302
    response = client.post(url("evaluation", learning_world, cohort), answer)
    assert "You have already answered" in response.content.decode()
    assert CohortParticipant.objects.filter(evaluation_given=True).count() == 1
    # Members who did not take part, and facilitators, do not answer; they are refused.
    client.force_login(learning_world.member)
    assert client.post(url("evaluation", learning_world, cohort), answer).status_code == 403
    assert client.get(url("evaluation_results", learning_world, cohort)).status_code == 403
