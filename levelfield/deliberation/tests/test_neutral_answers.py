"""No answer is nudged: Agree, Disagree and Pass look the same, so the page does not steer
people towards agreeing."""

from __future__ import annotations

import re

import pytest

from levelfield.deliberation import services
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


def test_agree_disagree_and_pass_are_styled_the_same(client) -> None:
    member = UserFactory(display_name="Mo")
    project = ProjectFactory(title="Data project")
    ProjectMembershipFactory(project=project, person=member)
    conversation = services.conversation_start(
        started_by=member,
        place=project.place,
        title="Data principles",
        prompt="How should patient data be used?",
        seeds=[f"Seed statement number {n}" for n in range(1, 13)],
    )
    client.force_login(member)
    page = client.get(conversation.get_absolute_url()).content.decode()
    buttons = re.findall(r'<button class="([^"]*)"[^>]*name="vote"[^>]*>([^<]*)</button>', page)
    assert sorted(label for _, label in buttons) == ["Agree", "Disagree", "Pass / unsure"]
    assert {classes for classes, _ in buttons} == {"govuk-button govuk-button--secondary"}
