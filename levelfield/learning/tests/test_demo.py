"""The demo course runs as two cohorts whose sessions are events: one finished, with
hand-ins given feedback and an evaluation whose results show (five answers), and one
starting, with an assignment due and a hand-in waiting for feedback."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from levelfield.events.models import Registration
from levelfield.learning import demo, personal
from levelfield.learning.models import Cohort, EvaluationAnswer, HandIn
from levelfield.people.models import User


@pytest.mark.usefixtures("demo")  # the shared demo (conftest.py); `demo` here is the module
def test_the_demo_course_runs_as_cohorts_with_hand_ins_feedback_and_an_evaluation(
    db: None,
) -> None:
    made = (Cohort.objects.count(), HandIn.objects.count(), EvaluationAnswer.objects.count())
    call_command("load_demo", stdout=StringIO())  # twice: nothing is made again
    assert made == (
        Cohort.objects.count(),
        HandIn.objects.count(),
        EvaluationAnswer.objects.count(),
    )
    past = Cohort.objects.get(title=demo.PAST_COHORT)
    assert past.evaluation_closed_at is not None
    assert EvaluationAnswer.objects.filter(cohort=past).count() >= 5
    assert HandIn.objects.filter(assignment__cohort=past, feedback_at__isnull=False).count() == 3
    assert Registration.objects.filter(event__series=past.series, attended=True).exists()
    current = Cohort.objects.get(title=demo.CURRENT_COHORT)
    jade = User.objects.get(display_name__startswith="Jade")
    assert Registration.objects.filter(event__series=current.series, person=jade).exists()
    assert "assignment" in {need.kind for need in personal.needs(jade)}
    maggie = User.objects.get(display_name__startswith="Maggie")
    assert "hand_in_feedback" in {need.kind for need in personal.needs(maggie)}
