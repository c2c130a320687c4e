"""The foundation journey in a real browser, with axe-core on every page visited:
sign up, verify email, create a collective, start a project, invite a second person
who accepts, record an involvement entry."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from levelfield.projects.models import InvolvementEntry, Project

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and memorable passphrase 42"


def _link_in_last_email(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+", message.body).group(0)


def _sign_up(page: Page, live_server: object, axe_check: object, email: str, name: str) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    axe_check(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label(re.compile("Name you want to be called", re.I)).fill(name)
    page.get_by_label(re.compile("^(Create a )?password$", re.I)).fill(PASSWORD)
    page.get_by_label(re.compile("(again|confirm)", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Create (an )?account|Sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("email", re.I))
    axe_check(page)

    page.goto(_link_in_last_email(email))
    axe_check(page)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    axe_check(page)


def test_a_researcher_and_a_carer_set_up_a_project_and_record_involvement(
    live_server: object, page: Page, browser: Browser, axe_check: object
) -> None:
    _sign_up(page, live_server, axe_check, "amara@example.org", "Amara")

    # Create a collective, with the error summary shown first for an empty name.
    page.goto(f"{live_server.url}/collectives/new/")
    axe_check(page)
    page.get_by_role("button", name=re.compile("Create", re.I)).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("^Name", re.I)).fill("Riverside Collective")
    page.get_by_label(re.compile("What the collective is for", re.I)).fill(
        "Patients, carers and researchers working together."
    )
    page.get_by_role("button", name=re.compile("Create", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Collective")
    axe_check(page)

    # Start a project from the collective's home.
    page.get_by_role("button", name=re.compile("Start a project", re.I)).click()
    axe_check(page)
    page.get_by_label(re.compile("^(Project )?title", re.I)).fill(
        "Getting home well after a stroke"
    )
    page.get_by_label(re.compile("Plain-English summary", re.I)).fill(
        "What helps people settle at home after a stroke."
    )
    page.get_by_label("Design", exact=True).check()
    page.get_by_role("button", name=re.compile("Start (the )?project", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting home well after a stroke")
    axe_check(page)
    project = Project.objects.get()

    # Invite Maggie by email.
    page.goto(f"{live_server.url}/projects/{project.pk}/invite/")
    axe_check(page)
    page.get_by_label(re.compile("Email address", re.I)).first.fill("maggie@example.org")
    page.get_by_role("button", name=re.compile("Send", re.I)).first.click()
    axe_check(page)
    invitation_link = _link_in_last_email("maggie@example.org")

    # Maggie signs up in her own browser and accepts.
    maggie_context = browser.new_context()
    maggie = maggie_context.new_page()
    _sign_up(maggie, live_server, axe_check, "maggie@example.org", "Maggie")
    maggie.goto(invitation_link)
    axe_check(maggie)
    maggie.get_by_role("button", name=re.compile("Accept", re.I)).click()
    expect(maggie.get_by_role("heading", level=1)).to_have_text("Getting home well after a stroke")
    axe_check(maggie)
    maggie_context.close()

    # Amara records the first involvement entry: both took part.
    page.goto(f"{live_server.url}/places/{project.place.pk}/log/new/")
    axe_check(page)
    page.get_by_label(re.compile("What happened", re.I)).fill("First ideas workshop")
    page.get_by_label(re.compile("^Date", re.I)).fill("2026-11-02")
    page.get_by_label("Workshop", exact=True).check()
    page.get_by_label(re.compile("What changed because of it", re.I)).fill(
        "The question moved to the first three months at home."
    )
    for name in ("Amara", "Maggie"):
        page.get_by_label(re.compile(f"Took part: {name}", re.I)).check()
        page.get_by_label(re.compile(f"Hours .*{name}|{name}.*hours", re.I)).fill("2.5")
    page.get_by_role("button", name=re.compile("Save|Record", re.I)).click()
    axe_check(page)

    entry = InvolvementEntry.objects.get()
    assert sorted(p.minutes for p in entry.participations.all()) == [150, 150]
    page.goto(f"{live_server.url}/places/{project.place.pk}/log/")
    expect(page.get_by_text("First ideas workshop").first).to_be_visible()
    axe_check(page)
