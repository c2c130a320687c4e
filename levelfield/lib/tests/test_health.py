"""The health check a load balancer polls (and `make bench`'s ceiling)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_load_balancer_hears_ok_after_one_query(
    client: Client, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"OK\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_over_plain_http_when_the_site_redirects_to_https(client: Client) -> None:
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get(reverse("health")).status_code == 200
        assert client.get(reverse("home")).status_code == 301


def test_it_changes_nothing(client: Client) -> None:
    assert client.post(reverse("health")).status_code == 405
