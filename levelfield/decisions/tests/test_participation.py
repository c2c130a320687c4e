"""Whose voices are heard: response rates by perspective and the voice check."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from levelfield.decisions import participation, services
from levelfield.decisions.models import Method
from levelfield.decisions.services.tallying import tally_read
from levelfield.decisions.tests.factories import hide_perspectives, later, make_team
from levelfield.jobs.testing import prepared
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory

pytestmark = pytest.mark.django_db


def test_response_rate_by_perspective_counts_only_shared_perspectives(
    client: object, db: None
) -> None:
    team = make_team(5, researchers=2)  # 2 researchers, 3 with lived experience
    hide_perspectives(team.members[4])
    PerspectiveFactory(person=team.members[3], kind=PerspectiveKind.CARER)
    decision = team.start(Method.CONSENT)
    for person in team.members[:3]:
        services.response_submit(decision=decision, person=person, payload={"stance": "consent"})
    client.force_login(team.members[0])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    rows = {
        "Researcher": "2 of 2",
        "Lived experience of a condition": "1 of 2",
        "Carer": "0 of 1",
        "Public contributors (lived experience, carers, young people)": "1 of 2",
        "Perspective not shared": "0 of 1",
    }
    for label, rate in rows.items():
        assert (
            f'{label}</th>\n        <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{rate}" in page
        )


def test_perspectives_show_in_each_readers_language_whoever_looked_first(
    client: object, db: None
) -> None:
    team = make_team(3, researchers=2)
    decision = team.start(Method.CONSENT)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "consent"}
    )
    client.force_login(team.members[0])
    english = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Researcher</th>" in english
    # The figures are now kept, counted while showing the page in English.
    team.members[1].language = "cy"
    team.members[1].save(update_fields=["language"])
    client.force_login(team.members[1])
    welsh = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Ymchwilydd</th>" in welsh
    assert "Researcher</th>" not in welsh
    figures = participation.figures_of(decision, tally_read(decision))
    assert {type(group.label) for group in figures.groups} == {str}


def test_without_enough_lived_experience_the_outcome_is_marked_not_enough_voices(
    client: object, db: None
) -> None:
    team = make_team(4, researchers=2)
    decision = team.start(Method.PROPOSAL, voice_check="public", voice_minimum=2)
    for person in team.members[:3]:  # both researchers and one public contributor
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    client.force_login(team.members[0])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Not enough voices heard yet" in page
    assert "1 of 2 so far" in page

    services.decision_close(decision=decision, now=later(decision))
    decision.refresh_from_db()
    assert decision.voices_heard is False
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Not enough voices heard." in page
    log = client.get(reverse("decisions:place_log", args=[team.place.pk])).content.decode()
    assert "Not enough voices heard" in log
    export = prepared(
        client, reverse("decisions:place_export_csv", args=[team.place.pk])
    ).content.decode()
    (row,) = csv.DictReader(io.StringIO(export))
    assert row["Enough voices heard"] == "no"


def test_each_perspective_check_passes_when_every_perspective_is_heard(db: None) -> None:
    team = make_team(4, researchers=2)
    decision = team.start(Method.PROPOSAL, voice_check="each", voice_minimum=1)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "agree"}
    )
    services.response_submit(
        decision=decision, person=team.members[2], payload={"stance": "agree"}
    )
    services.decision_close(decision=decision, now=later(decision))
    decision.refresh_from_db()
    assert decision.voices_heard is True


def test_each_perspective_check_fails_when_one_perspective_is_silent(db: None) -> None:
    team = make_team(4, researchers=2)
    decision = team.start(Method.PROPOSAL, voice_check="each", voice_minimum=1)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "agree"}
    )
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}
    )
    services.decision_close(decision=decision, now=later(decision))
    decision.refresh_from_db()
    assert decision.voices_heard is False


def test_a_decision_without_a_voice_check_records_no_verdict(db: None) -> None:
    team = make_team(2)
    decision = team.start(Method.PROPOSAL)
    services.decision_close(decision=decision, now=later(decision))
    decision.refresh_from_db()
    assert decision.voices_heard is None


def test_a_big_team_is_counted_at_most_every_few_seconds_a_small_one_at_once(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    from levelfield.decisions import participation
    from levelfield.decisions.models import Tally

    team = make_team(4)
    decision = team.start(Method.CONSENT)

    def figures() -> participation.Figures:
        return participation.figures_of(decision, Tally.objects.get(decision=decision))

    def respond(person: object) -> None:
        services.response_submit(decision=decision, person=person, payload={"stance": "consent"})

    respond(team.members[0])
    assert figures().responded == 1
    respond(team.members[1])
    assert figures().responded == 2  # small team: every response shows at once

    monkeypatch.setattr(participation, "BIG_TEAM", 4)
    assert figures().responded == 2
    respond(team.members[2])
    stale = figures()
    assert (stale.responded, stale.version) == (
        2,
        Tally.objects.get(decision=decision).version - 1,
    )
    tally = Tally.objects.get(decision=decision)
    cache.delete(f"decisions:figures:{decision.pk}:{tally.generation}:latest")  # time passes
    assert figures().responded == 3


def test_an_anonymous_voice_check_says_nothing_by_perspective_until_five_have_answered(
    client: object, db: None
) -> None:
    """The attack: in a team with one young person, "Young person: 0 of 1" vanished from
    the voice check the moment they voted, and so named the voter."""
    team = make_team(8, researchers=3)  # 3 researchers, 4 with lived experience, then:
    young = team.members[7]
    young.perspectives.all().delete()
    PerspectiveFactory(person=young, kind=PerspectiveKind.YOUNG_PERSON)
    decision = team.start(Method.PROPOSAL, anonymous=True, voice_check="each", voice_minimum=1)
    client.force_login(team.members[0])
    url = reverse("decisions:detail", args=[decision.pk])

    def voice_part() -> str:
        page = client.get(url).content.decode()
        return page[page.index("Who has responded") :]

    services.response_submit(decision=decision, person=young, payload={"stance": "agree"})
    for person in team.members[:3]:  # the three researchers
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    shown = voice_part()
    assert "Whether it is met shows once at least 5 people have responded" in shown
    assert "Young person" not in shown and "Researcher" not in shown
    assert "voices heard" not in shown.lower()

    services.response_submit(
        decision=decision, person=team.members[3], payload={"stance": "agree"}
    )
    shown = voice_part()
    assert "Enough voices heard" in shown and "Whether it is met" not in shown


def test_an_anonymous_decision_closed_with_too_few_answers_records_no_verdict(
    client: object, db: None
) -> None:
    team = make_team(6, researchers=2)
    decision = team.start(Method.PROPOSAL, anonymous=True, voice_check="each", voice_minimum=1)
    for person in team.members[:2]:  # only the researchers: "no" would say who was silent
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    services.decision_close(decision=decision, now=later(decision))
    decision.refresh_from_db()
    assert decision.voices_heard is None
    client.force_login(team.members[0])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Not enough voices heard" not in page
