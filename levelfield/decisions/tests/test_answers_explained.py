"""Every answer is explained where it is chosen: what Block does, and that "consent" here
is not consent to take part in research."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import Team

pytestmark = pytest.mark.django_db


def test_a_member_answering_a_proposal_reads_what_each_answer_does(
    client: object, team: Team
) -> None:
    decision = team.start(Method.PROPOSAL)
    client.force_login(team.starter)
    page = client.get(reverse("decisions:respond", args=[decision.pk])).content.decode()
    assert page.count('class="govuk-hint govuk-radios__hint"') == 4
    assert "so it stops here until it changes" in page
    assert "the group decides without your answer counting either way" in page


def test_consent_is_explained_as_not_consent_to_research(client: object, team: Team) -> None:
    decision = team.start(Method.CONSENT)
    client.force_login(team.starter)
    page = client.get(reverse("decisions:respond", args=[decision.pk])).content.decode()
    assert "Do you consent to this proposal?" in page
    assert "This is not consent to take part in research." in page
    assert "it does not pass while anyone objects" in page
