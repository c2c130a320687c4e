"""One glossary: every app explains its own words in its manifest, and anyone can read
them, signed in or not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.lib.manifests import manifests

pytestmark = pytest.mark.django_db


def test_anyone_can_read_what_the_words_mean(client):
    response = client.get(reverse("glossary"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<dt class="govuk-summary-list__key">Block</dt>' in html
    assert "It is not for simply disagreeing." in html
    assert 'id="perception-gap"' in html
    assert html.index(">Abstain<") < html.index(">Block<") < html.index(">Claim<")


def test_every_word_is_explained_once_and_the_footer_links_to_them(client):
    words = [term.word.casefold() for m in manifests() for term in m.glossary]

    assert len(words) == len(set(words)) and len(words) > 40
    assert reverse("glossary") in client.get(reverse("home")).content.decode()
