"""A refused response says what is wrong twice, as GOV.UK asks: in the error summary
and by the answers it is about, so someone who jumps from the summary (or a screen
reader user moving through the form) finds it where they fix it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levelfield.decisions.models import Decision, Method, Response
from levelfield.decisions.tests.factories import Team

pytestmark = pytest.mark.django_db


def _send(client: object, team: Team, decision: Decision, data: dict) -> str:
    client.force_login(team.starter)
    response = client.post(reverse("decisions:respond", args=[decision.pk]), data)
    assert response.status_code == 200
    assert not Response.objects.filter(decision=decision).exists()
    return response.content.decode()


def _ids(decision: Decision) -> list[int]:
    return list(decision.options.values_list("pk", flat=True))


def test_too_many_choices_are_refused_by_the_checkboxes(client: object, team: Team) -> None:
    decision = team.start(Method.MULTIPLE_CHOICE, max_choices=2)
    page = _send(client, team, decision, {"choices": [str(i) for i in _ids(decision)]})
    message = "Choose up to 2 options. You chose 3."
    assert f'<li><a href="#id_choices_0">{message}</a></li>' in page
    assert re.search(rf'id="id_choices-error" class="govuk-error-message">.*{message}', page)


@pytest.mark.parametrize(
    ("method", "numbers", "message"),
    [
        (
            Method.DOT_VOTE,
            [6, 6, None],
            "You have 10 dots to share, but you gave 12. Take away 2.",
        ),
        (Method.RANKED, [1, 1, None], "“Tea” and “Coffee” both have rank 1."),
        (Method.RANKED, [1, 3, None], "Nothing is ranked 2."),
    ],
)
def test_numbers_that_do_not_add_up_are_refused_by_the_whole_group(
    client: object, team: Team, method: str, numbers: list, message: str
) -> None:
    decision = team.start(method)
    data = {
        f"option_{option_id}": "" if number is None else str(number)
        for option_id, number in zip(_ids(decision), numbers, strict=True)
    }
    page = _send(client, team, decision, data)
    assert re.search(rf'<a href="#main-form">[^<]*{message}', page)
    assert 'aria-describedby="answers-hint answers-error"' in page
    assert re.search(rf'id="answers-error" class="govuk-error-message">.*{message}', page)
    assert "govuk-form-group govuk-form-group--error" in page
    # What the person typed is kept, so they change only what is wrong.
    first = _ids(decision)[0]
    assert f'name="option_{first}" value="{numbers[0]}"' in page
