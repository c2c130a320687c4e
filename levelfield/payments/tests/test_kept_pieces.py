"""Pieces of payment pages kept in the cache show every change at once: they are kept
under a digest of what they show, never for a time alone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from levelfield.payments import services
from levelfield.payments.tests.conftest import PaymentsWorld

pytestmark = pytest.mark.django_db


def _table(html: str, caption: str) -> str:
    """The table under `caption` on a page."""
    found = re.search(rf"<caption[^>]*>{caption}</caption>(.*?)</table>", html, re.S)
    assert found, caption
    return found.group(1)


def test_the_approvers_queue_shows_a_renamed_claimant_and_a_decision_at_once(
    payments_world: PaymentsWorld, client: Any
) -> None:
    contributor = payments_world.contributor
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=contributor,
        participations=[payments_world.meeting],
    )
    services.claim_submit(claim=claim, actor=contributor)
    client.force_login(payments_world.coordinator)
    url = reverse("payments:approvals", args=["riverside"])
    assert claim.reference in _table(client.get(url).content.decode(), "Waiting for approval")

    contributor.display_name = "Mo the Renamed"
    contributor.save(update_fields=["display_name"])
    waiting = _table(client.get(url).content.decode(), "Waiting for approval")
    assert "Mo the Renamed" in waiting

    services.claim_approve(claim=claim, actor=payments_world.coordinator)
    page = client.get(url).content.decode()
    assert claim.reference not in _table(page, "Waiting for approval")
    assert claim.reference in _table(page, "Recently decided")
    assert "Approved" in _table(page, "Recently decided")


def test_your_payments_show_a_claim_sent_and_approved_at_once(
    payments_world: PaymentsWorld, client: Any
) -> None:
    contributor = payments_world.contributor
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=contributor,
        participations=[payments_world.meeting],
    )
    client.force_login(contributor)
    url = reverse("payments:home")
    assert "Draft" in _table(client.get(url).content.decode(), "Your claims")

    services.claim_submit(claim=claim, actor=contributor)
    assert "Waiting for approval" in _table(client.get(url).content.decode(), "Your claims")

    services.claim_approve(claim=claim, actor=payments_world.coordinator)
    assert "Approved" in _table(client.get(url).content.decode(), "Your claims")


def test_the_claim_form_lists_each_activity_as_the_field_template_writes_it(
    payments_world: PaymentsWorld, client: Any
) -> None:
    """The checkboxes are written from one the field template rendered: the same markup,
    each activity's own value, label (escaped) and position, and a claimed activity
    gone at once."""
    from django.template.loader import render_to_string

    from levelfield.payments.claiming import claim_fields_html, claim_options
    from levelfield.payments.forms import ClaimForm

    entry = payments_world.meeting.entry
    entry.title = 'Tea & "talk" <planning>'
    entry.save(update_fields=["title"])
    contributor = payments_world.contributor
    collective = payments_world.policy.collective
    options = claim_options(contributor, collective)
    form = ClaimForm(options=[(option.pk, option.label) for option in options])
    assert len(options) == 2
    assert claim_fields_html(form, options) == render_to_string(
        "payments/includes/claim_fields.html", {"form": form}
    )

    client.force_login(contributor)
    url = reverse("payments:claim_new", args=["riverside"])
    page = client.get(url).content.decode()
    assert "Tea &amp; &quot;talk&quot; &lt;planning&gt;" in page
    assert f'value="{payments_world.meeting.pk}"' in page

    services.claim_create(
        collective=collective, claimant=contributor, participations=[payments_world.meeting]
    )
    page = client.get(url).content.decode()
    assert f'value="{payments_world.meeting.pk}"' not in page
    workshop = payments_world.workshop.pk
    assert (
        f'id="id_participations_0" name="participations" type="checkbox" value="{workshop}"'
        in (page)
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_activity_on_the_claim_form_is_dated_as_the_other_pages_date_it(
    payments_world: PaymentsWorld, language: str
) -> None:
    """The claim form's labels, built from plain values, name the day in the reader's
    language, written as the activity's own page writes it ("5 March 2026")."""
    from django.utils import translation
    from django.utils.formats import date_format

    from levelfield.payments.claiming import claim_options

    entry = payments_world.meeting.entry
    with translation.override(language):
        options = claim_options(payments_world.contributor, payments_world.policy.collective)
        label = next(o.label for o in options if o.pk == payments_world.meeting.pk)
        assert label.startswith(f"{entry.title}, ")
        assert f", {date_format(entry.happened_on, 'j F Y')} (" in label
