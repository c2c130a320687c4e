"""Every analysis page under axe-core (WCAG 2.2 AA) and the 320 px reflow check, each
analysis form sent empty showing the GOV.UK error summary, and a peer researcher's
journey with the keyboard only: upload a transcript, confirm what to remove, code three
passages, and see a second coder's agreement."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.analysis import queries, services
from levelfield.analysis.tests.factories import TRANSCRIPT, code_make, source_make, team_of
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def analysis(world) -> dict:  # noqa: ANN001
    place = world.project_place
    team_of(place, world.member, world.coordinator)
    source = source_make(place=place, actor=world.member)
    waiting = source_make(place=place, actor=world.member, title="Interview 2", confirm=False)
    code = code_make(place=place, actor=world.member)
    theme = services.theme_create(
        actor=world.member, place=place, name="Believed first time", codes=[code]
    )
    _, sentences = queries.cut(source)
    for person in (world.member, world.coordinator):
        services.segments_code(actor=person, source=source, spans=[sentences[1]], codes=[code])
    services.word_add(actor=world.member, place=place, word="Oakfield")
    return {"source": source, "waiting": waiting, "code": code, "theme": theme}


def test_every_analysis_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, analysis: dict
) -> None:  # noqa: ANN001
    sign_in(world.member)
    place = world.project_place.pk
    source, code = analysis["source"], analysis["code"]
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("analysis:home", args=[place]),
            reverse("analysis:team", args=[place]),
            reverse("analysis:settings", args=[place]),
            reverse("analysis:words", args=[place]),
            reverse("analysis:source_upload", args=[place]),
            reverse("analysis:codebook", args=[place]),
            reverse("analysis:code_create", args=[place]),
            reverse("analysis:themes", args=[place]),
            reverse("analysis:theme_create", args=[place]),
            reverse("analysis:source", args=[source.pk]),
            reverse("analysis:deidentify", args=[analysis["waiting"].pk]),
            reverse("analysis:consent", args=[source.pk]),
            reverse("analysis:agreement", args=[source.pk]),
            reverse("analysis:source_delete", args=[source.pk]),
            reverse("analysis:code_edit", args=[code.pk]),
            reverse("analysis:code_history", args=[code.pk]),
            reverse("analysis:quotes", args=[code.pk]),
            reverse("analysis:theme", args=[analysis["theme"].pk]),
            reverse("analysis:theme_edit", args=[analysis["theme"].pk]),
            reverse("analysis:leave", args=[place]),
        ],
    )


def test_every_analysis_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, analysis: dict
) -> None:  # noqa: ANN001
    place = world.project_place.pk
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (world.member, reverse("analysis:source_upload", args=[place])),
            (world.member, reverse("analysis:words", args=[place])),
            (world.member, reverse("analysis:code_create", args=[place])),
            (world.member, reverse("analysis:theme_create", args=[place])),
            (world.member, reverse("analysis:consent", args=[analysis["source"].pk])),
            (world.member, reverse("analysis:source", args=[analysis["source"].pk])),
        ],
    )


def test_a_peer_researcher_uploads_confirms_and_codes_with_the_keyboard_only(
    live_server: object, page: Page, sign_in: object, world, tmp_path
) -> None:  # noqa: ANN001
    place = world.project_place
    team_of(place, world.member, world.coordinator)
    code = code_make(place=place, actor=world.coordinator)
    transcript = tmp_path / "interview.txt"
    transcript.write_text(TRANSCRIPT)
    sign_in(world.member)
    page.goto(live_server.url + reverse("analysis:source_upload", args=[place.pk]))
    page.get_by_label("Name of the source").fill("Interview 7")
    page.get_by_label("Transcript").set_input_files(str(transcript))
    page.get_by_label("Consent form reference").fill("CF-007")
    page.get_by_label("Yes").check()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Upload").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Check what to remove")
    page.get_by_role("button", name="Confirm and open it to the team").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Interview 7")

    # Three passages, each ticked with the space bar and sent with Enter.
    for sentence in ("Interviewer:", "I waited four months.", "The room was loud."):
        page.get_by_label(sentence, exact=False).first.focus()
        page.keyboard.press("Space")
        page.get_by_role("checkbox", name=code.name, exact=True).focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Apply the codes").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text("Coded 1 passage.")).to_be_visible()

    source = place.analysis_sources.get(title="Interview 7")
    _, sentences = queries.cut(source)
    services.segments_code(
        actor=world.coordinator, source=source, spans=[sentences[0]], codes=[code]
    )
    page.goto(live_server.url + reverse("analysis:agreement", args=[source.pk]))
    expect(page.locator("td", has_text="Cohen’s kappa")).to_be_visible()
    expect(page.get_by_text("a prompt for discussion, not a score of people")).to_be_visible()
