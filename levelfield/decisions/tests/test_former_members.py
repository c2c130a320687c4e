"""Responses from people who have since left the project, or deleted their account.

The decision page takes respondents' names from the members it has already loaded
(views._responses), so people who are no longer members are looked up separately.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import make_team
from levelfield.projects.services import project_leave

pytestmark = pytest.mark.django_db


def test_reasons_keep_the_name_of_someone_who_left_and_say_former_member_for_a_deleted_account(
    client: object,
) -> None:
    team = make_team(4)
    decision = team.start(Method.PROPOSAL)
    stayed, left, deleted = team.members[1:4]
    for person, reason in [
        (stayed, "Online suits me."),
        (left, "I will be away all winter."),
        (deleted, "The bus stops at six."),
    ]:
        services.response_submit(
            decision=decision, person=person, payload={"stance": "agree"}, reason=reason
        )
    project_leave(project=team.project, person=left)
    deleted.delete()

    client.force_login(team.starter)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()

    assert "3 responses so far" in page
    assert f"<strong>Agree</strong> from {stayed.name}" in page
    assert f"<strong>Agree</strong> from {left.name}" in page
    assert "<strong>Agree</strong> from A former member" in page
