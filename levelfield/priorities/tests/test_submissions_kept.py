"""The submitted-questions page keeps its counts and its ungrouped rows per version of
the questions: every change a steering group makes, and every new survey answer, shows
at once."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.people.models import User
from levelfield.priorities import services
from levelfield.priorities.models import Partnership, SubmittedQuestion

pytestmark = pytest.mark.django_db


def _submit(partnership: Partnership, *texts: str) -> list[SubmittedQuestion]:
    submission, _ = services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective="carer",
        questions=list(texts),
        consent=True,
    )
    return list(submission.questions.order_by("pk"))


def _page(client: Client, partnership: Partnership, show: str = "ungrouped") -> str:
    url = reverse("priorities:submissions", args=[partnership.pk])
    return client.get(url, {"show": show}).content.decode()


def test_each_change_to_the_questions_shows_at_once(
    partnership: Partnership, member: User, client: Client, django_capture_on_commit_callbacks
) -> None:
    first, second = _submit(partnership, "Does salt matter?", "Does sugar matter?")
    client.force_login(member)
    page = _page(client, partnership)
    assert "2 questions." in page
    assert "Does sugar matter?" in page

    with django_capture_on_commit_callbacks(execute=True):
        (third,) = _submit(partnership, "Does tea matter?")
    page = _page(client, partnership)
    assert "3 questions." in page
    assert "Does tea matter?" in page

    services.summary_create(
        partnership=partnership, actor=member, questions=[first, second], text="Food?"
    )
    page = _page(client, partnership)
    assert "1 question." in page
    assert "Does sugar matter?" not in page
    assert "2 questions." in _page(client, partnership, "grouped")

    services.question_ungroup(question=second, actor=member)
    page = _page(client, partnership)
    assert "2 questions." in page
    assert "Does sugar matter?" in page

    services.question_set_aside(question=third, actor=member, reason="Not about health")
    page = _page(client, partnership)
    assert "1 question." in page
    assert "Does tea matter?" not in page
    assert "1 question." in _page(client, partnership, "aside")

    services.question_restore(question=third, actor=member)
    page = _page(client, partnership)
    assert "2 questions." in page
    assert "Does tea matter?" in page
    assert "3 questions." in _page(client, partnership, "all")


def test_the_partnership_page_counts_follow_the_questions(
    partnership: Partnership, member: User, client: Client
) -> None:
    first, _second = _submit(partnership, "Does salt matter?", "Does sugar matter?")
    client.force_login(member)
    url = reverse("priorities:partnership", args=[partnership.pk])
    client.get(url)
    services.question_set_aside(question=first, actor=member, reason="Not about health")
    assert services.question_counts(Partnership.objects.get(pk=partnership.pk)) == {
        "all": 2,
        "ungrouped": 1,
        "grouped": 0,
        "aside": 1,
    }
    assert client.get(url).context["figures"] == {"total": 2, "grouped": 0, "aside": 1}


def test_the_dashboard_counts_answers_once_per_change_and_shows_a_new_one_at_once(
    partnership: Partnership, member: User, client: Client, django_capture_on_commit_callbacks
) -> None:
    dashboard = reverse("priorities:partnership", args=[partnership.pk])
    with django_capture_on_commit_callbacks(execute=True):
        _submit(partnership, "Does salt matter?")
    client.force_login(member)
    assert services.submission_counts(partnership) == {"carer": 1}
    client.get(dashboard)
    with CaptureQueriesContext(connection) as again:
        client.get(dashboard)
    assert not any("priorities_submission" in q["sql"] for q in again.captured_queries)

    with django_capture_on_commit_callbacks(execute=True):
        _submit(partnership, "Does tea matter?")
    partnership.refresh_from_db()
    assert services.submission_counts(partnership) == {"carer": 2}
