"""Stories about a closed round's figures, which are kept in the cache per round: every
reader sees the same figures, a round closing later shows in the trend at once, and
the comments still come in a random order with no names."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.lib.testing.world import World
from levelfield.reflection.tests.factories import Team, answer_all, close, make_team
from levelfield.translations import services as translation_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(world: World) -> Team:
    return make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )


def _page(client: object, checkin: object) -> str:
    response = client.get(reverse("reflection:detail", args=[checkin.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _trend_table(page: str) -> str:
    start = page.index('id="trend-table"')
    return page[start : page.index("</table>", start)]


def test_a_round_closing_later_shows_in_the_trend_at_once(team: Team, client: object) -> None:
    now = timezone.now()
    first = team.open_round(title="Spring", now=now - timedelta(days=80))
    answer_all(first, team.members, 2, now=now - timedelta(days=79))
    close(first)
    second = team.open_round(title="Summer", now=now - timedelta(days=40))
    answer_all(second, team.members, 3, now=now - timedelta(days=39))
    close(second)
    client.force_login(team.members[0])
    assert "Spring" in _trend_table(_page(client, second))  # kept now
    third = team.open_round(title="Autumn")
    answer_all(third, team.members, 5)
    close(third)
    table = _trend_table(_page(client, third))
    assert "Spring" in table and "Summer" in table and "Autumn" in table
    assert "5.0" in table
    # The earlier round's own page keeps its own trend, without the later round.
    assert "Autumn" not in _trend_table(_page(client, second))


def test_every_member_sees_the_same_figures_from_fewer_queries(team: Team, client: object) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 4, comment="Kept without a name")
    close(checkin)
    client.force_login(team.public[0])
    with CaptureQueriesContext(connection) as first:
        page = _page(client, checkin)
    client.force_login(team.professionals[0])
    with CaptureQueriesContext(connection) as second:
        again = _page(client, checkin)
    assert len(second) < len(first)  # the sums were kept
    for shown in (page, again):
        assert "Average 4.0 from 10 answers." in shown
        assert shown.count("Kept without a name") == 10
        for person in team.members:
            assert person.name not in shown.split("Results", 1)[1].split("What we will do")[0]


def test_kept_comments_show_escaped_with_their_line_breaks_in_each_readers_own_order(
    team: Team, client: object
) -> None:
    """The comments' HTML is kept per round; the order is still drawn for every reading."""
    checkin = team.open_round()
    answer_all(checkin, team.members, 4, comment="Said <b>{name}</b>\nand more")
    close(checkin)
    client.force_login(team.members[0])
    orders = set()
    for _ in range(3):
        page = _page(client, checkin)
        assert page.count("<li>Said &lt;b&gt;") == 10
        assert "&lt;/b&gt;<br>and more</li>" in page
        assert "<b>" not in page.split("Each question, with comments", 1)[1]
        orders.add(tuple(sorted(team.members, key=lambda person: page.index(person.name))))
    # Ten comments: three readings in one order would happen about once in 10^13.
    assert len(orders) > 1


def _results(page: str) -> str:
    """From the results table to the actions (the part kept as HTML), in any language."""
    return page.split('id="results-by-theme"', 1)[1].split('id="actions"', 1)[0]


def test_the_kept_results_follow_a_question_translated_after_they_were_read(
    team: Team, client: object
) -> None:
    """The results' HTML is kept under what it is made from: a translation added later
    is a new key, so a Welsh reader sees it at once, and the English reader still the
    English words."""
    checkin = team.open_round()
    answer_all(checkin, team.members, 4)
    close(checkin)
    question = checkin.version.questions.order_by("position").first()
    welsh_reader = team.members[1]
    welsh_reader.language = "cy"
    welsh_reader.save(update_fields=["language"])
    client.force_login(welsh_reader)
    assert question.text in _results(_page(client, checkin))  # kept untranslated
    translation_services.translation_save(
        obj=question,
        language="cy",
        text={"theme": "Thema yn Gymraeg", "text": "Cwestiwn yn Gymraeg."},
        actor=team.members[0],
    )
    welsh = _results(_page(client, checkin))
    assert "Cwestiwn yn Gymraeg." in welsh and "Thema yn Gymraeg" in welsh
    client.force_login(team.members[0])
    english = _results(_page(client, checkin))
    assert question.text in english and "Cwestiwn yn Gymraeg." not in english


def test_the_kept_results_say_the_minimum_group_size_in_force(
    team: Team, client: object, settings: object
) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 4)
    close(checkin)
    client.force_login(team.members[0])
    assert "because every group had at least 5 people" in _page(client, checkin)
    settings.MINIMUM_ANONYMOUS_GROUP = 3
    assert "because every group had at least 3 people" in _page(client, checkin)


def test_the_kept_form_for_what_we_will_do_offers_the_rounds_themes_and_says_each_error(
    team: Team, client: object
) -> None:
    """The empty form is kept per themes; what someone typed and its error are theirs."""
    checkin = team.open_round()
    answer_all(checkin, team.members, 4)
    close(checkin)
    client.force_login(team.members[0])
    theme = checkin.version.questions.first().theme
    page = _page(client, checkin)
    assert f'<option value="{theme}">{theme}</option>' in page
    refused = client.post(
        reverse("reflection:action_add", args=[checkin.pk]), {"theme": theme, "text": ""}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Write what the team will do" in html
    assert f'<option value="{theme}" selected>{theme}</option>' in html
    page = _page(client, checkin)
    assert "Write what the team will do" not in page
    assert f'<option value="{theme}" selected>' not in page
    client.force_login(team.members[1])
    assert "Write what the team will do" not in _page(client, checkin)
