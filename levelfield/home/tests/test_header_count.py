"""The header's count beside "Home": what needs the person, as their home last found it,
shown on every page at no cost in queries, and dropped once they change something."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.decisions.tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db

COUNT = '<span class="lf-count">2<span class="govuk-visually-hidden"> things need you</span>'


def test_the_header_counts_what_needs_you_after_your_home_has_looked(client, world):
    DecisionFactory(place=world.project_place)
    DecisionFactory(place=world.project_place)
    client.force_login(world.member)
    elsewhere = reverse("notifications:list")

    assert "lf-count" not in client.get(elsewhere).content.decode()  # not counted yet
    assert COUNT in client.get(reverse("home")).content.decode()
    assert COUNT in client.get(elsewhere).content.decode()


def test_the_count_goes_once_you_change_something_and_is_only_yours(client, world):
    DecisionFactory(place=world.project_place)
    DecisionFactory(place=world.project_place)
    client.force_login(world.member)
    client.get(reverse("home"))

    client.force_login(world.coordinator)
    assert "lf-count" not in client.get(reverse("notifications:list")).content.decode()

    client.force_login(world.member)
    client.post(reverse("notifications:settings"), {})
    assert "lf-count" not in client.get(reverse("notifications:list")).content.decode()


def test_the_header_says_where_you_are_on_a_feature_page_of_a_place(client, world):
    decision = DecisionFactory(place=world.project_place)
    client.force_login(world.member)

    html = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()

    active = 'govuk-service-navigation__item--active"><a class="govuk-service-navigation__link"'
    assert f'{active} href="/projects/">Projects</a>' in html
    assert html.count("govuk-service-navigation__item--active") == 1
