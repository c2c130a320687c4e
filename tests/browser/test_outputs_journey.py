"""A researcher's journey: record a paper in the project through the output form,
credit a public contributor in the team as co-author with CRediT roles, and the paper
then appears on that public contributor's recognition letter (PDF, read with pypdf)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.outputs import queries
from levelfield.outputs.models import Output
from levelfield.people.models import Perspective

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Believed first time: what young people want from a first appointment"


def test_a_paper_credits_a_public_contributor_and_reaches_their_recognition_letter(
    live_server: object, page: Page, sign_in: object, axe_check: object, world
) -> None:  # noqa: ANN001
    pypdf = pytest.importorskip("pypdf")
    contributor = world.member
    Perspective.objects.create(person=contributor, kind="young_person")

    sign_in(world.coordinator)
    page.goto(live_server.url + reverse("outputs:place_create", args=[world.project_place.pk]))
    page.get_by_label("Paper", exact=True).check()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Date", exact=True).fill("12 3 2026")
    page.get_by_label("Journal, conference or where it appeared (optional)").fill(
        "Research Involvement and Engagement"
    )
    page.get_by_role("button", name="Record the output").click()

    # Straight on to crediting: the public contributor, from the project's members.
    expect(page.get_by_text("Output recorded. Now credit the people who made it.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Credit someone")
    page.get_by_label("Who is it?").select_option(label=contributor.name)
    page.get_by_label("Their perspective at the time (optional)").select_option(
        label="Young person"
    )
    page.get_by_label("Investigation", exact=True).select_option(label="Yes, lead")
    page.get_by_label("Writing – review & editing", exact=True).select_option(label="Yes")
    axe_check(page)
    page.get_by_role("button", name="Credit them").click()

    paper = Output.objects.get(title=TITLE)
    expect(page).to_have_url(live_server.url + paper.get_absolute_url())
    expect(page.get_by_text(contributor.name).first).to_be_visible()
    (involvement,) = queries.outputs_for_gripp(world.project_place.pk)
    assert (involvement.contributors, involvement.public_contributors) == (1, 1)

    # The public contributor's own recognition letter names the paper and their roles.
    sign_in(contributor)
    page.goto(live_server.url + reverse("payments:home"))
    page.get_by_role("button", name="Prepare your recognition letter (PDF)").click()
    expect(page.get_by_text("It is ready.")).to_be_visible(timeout=60_000)
    link = page.get_by_role("link", name=re.compile(r"^Download levelfield-letter\.pdf"))
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "What they helped make" in text
    assert "Believed first time" in text
    assert "Investigation" in text
