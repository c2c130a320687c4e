"""An analysis team member's journey through the pages: build a theme from two codes,
read its quotes and whose perspectives lie behind it, then take the analysis away as
the codebook (CSV) and the whole project (.qdpx), checking what is in each download."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.analysis import exports, qdpx, queries, services
from levelfield.analysis.tests.factories import code_make, source_make, team_of
from levelfield.people.models import Perspective

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_member_builds_a_theme_reads_its_quotes_and_exports_it(
    live_server: object, page: Page, sign_in: object, axe_check: object, world
) -> None:  # noqa: ANN001
    place = world.project_place
    team_of(place, world.member, world.coordinator)
    Perspective.objects.create(person=world.member, kind="young_person")
    source = source_make(place=place, actor=world.member)
    believed = code_make(place=place, actor=world.member, name="Being believed")
    waiting = code_make(place=place, actor=world.member, name="Waiting")
    code_make(place=place, actor=world.member, name="Family")
    _, sentences = queries.cut(source)
    services.segments_code(
        actor=world.member, source=source, spans=[sentences[1]], codes=[waiting]
    )
    services.segments_code(
        actor=world.member, source=source, spans=[sentences[4]], codes=[believed]
    )

    sign_in(world.member)
    page.goto(live_server.url + reverse("analysis:home", args=[place.pk]))
    page.get_by_role("link", name="Themes").first.click()
    page.get_by_role("button", name="Build a theme").click()
    expect(page.locator("h1")).to_contain_text("Build a theme")
    page.get_by_label("Theme", exact=True).fill("Not listened to")
    page.get_by_label("What the theme says").fill("People waited and were not believed.")
    page.get_by_role("checkbox", name="Being believed", exact=True).check()
    page.get_by_role("checkbox", name="Waiting", exact=True).check()
    page.get_by_role("button", name="Build the theme").click()

    # The theme page: its codes with their quotes, and whose reading it is.
    expect(page.get_by_text("The theme is built.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Not listened to")
    expect(page.get_by_role("heading", name="Being believed")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting")).to_be_visible()
    expect(page.get_by_role("heading", name="Family")).to_have_count(0)
    expect(page.locator("blockquote", has_text="I waited four months.")).to_be_visible()
    expect(page.locator("blockquote", has_text="I wanted to be believed.")).to_be_visible()
    expect(
        page.get_by_text("seen mostly by people with the perspective “Young person”")
    ).to_be_visible()
    expect(page.get_by_text("Young person: 2 passages (100%)")).to_be_visible()
    axe_check(page)

    # The codebook as CSV: both codes under the theme, the third on its own.
    page.goto(live_server.url + reverse("analysis:home", args=[place.pk]))
    # Prepared in the background: the link shows what it will prepare, the button starts
    # it (the tests' task backend runs it at once), the job's page offers the file.
    page.locator("li", has_text="The codebook:").get_by_role("link", name="CSV").click()
    page.get_by_role("button", name="Prepare it").click()
    expect(page.get_by_text("It is ready.")).to_be_visible()
    axe_check(page)
    with page.expect_download() as codebook:
        page.get_by_role("link", name=re.compile(r"^Download codebook-\d+\.csv$")).click()
    rows = list(csv.reader(io.StringIO(Path(codebook.value.path()).read_text("utf-8-sig"))))
    themed = {row[1]: row[0] for row in rows[1:]}
    assert themed == {
        "Being believed": "Not listened to",
        "Waiting": "Not listened to",
        "Family": "",
    }

    # The whole analysis as .qdpx: the theme holds its two codes, and the coding reads back.
    page.goto(live_server.url + reverse("analysis:home", args=[place.pk]))
    page.get_by_role("link", name="The whole analysis as a REFI-QDA project").click()
    page.get_by_role("button", name="Prepare it").click()
    expect(page.get_by_text("It is ready.")).to_be_visible()
    with page.expect_download() as project_file:
        page.get_by_role("link", name=re.compile(r"^Download analysis-\d+\.qdpx$")).click()
    assert project_file.value.suggested_filename.endswith(".qdpx")
    project = qdpx.read(Path(project_file.value.path()).read_bytes())
    (theme,) = [code for code in project.codes if code.name == "Not listened to"]
    assert theme.description == "People waited and were not believed."
    assert sorted(child.name for child in theme.children) == ["Being believed", "Waiting"]
    (read_source,) = project.sources
    assert {guid for s in read_source.selections for guid in s.code_guids} == {
        exports.guid("code", believed.pk),
        exports.guid("code", waiting.pk),
    }
