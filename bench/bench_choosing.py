"""Recording an involvement entry in a project of 10,000 members (issue 25): the one
form listing every member, as it was, against choosing who took part first (step 1,
with a search a page at a time and a perspective group added) and the time and details
for the people chosen (step 2), and saving it. Each page is also fetched for a project
of 60 members, so the table shows that the queries do not grow with the members.

Run by bench/run.py inside a throwaway database; members are bulk-inserted
(`bench_pages.team_make`), most sharing one or two perspectives.
"""

from __future__ import annotations

import random
import time

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, team_make
from django.urls import reverse

from levelfield.people.models import PerspectiveKind
from levelfield.places import choosing
from levelfield.projects.models import InvolvementEntry

MEMBERS = 10_000
FEW = 60
SMALL = 49  # small places keep the one form listing everyone (choosing.SMALL_PLACE)
SEED = 20_261_225


def record_entry() -> list[Row]:
    rng = random.Random(SEED)
    project, people = team_make("chooser", MEMBERS, rng)
    few_project, few_people = team_make("fewchooser", FEW, rng)
    client, few_client = logged_in(people[0]), logged_in(few_people[0])
    place, few_place = project.place, few_project.place

    def url(name: str, where: object, query: str = "") -> str:
        return reverse(f"places:{name}", args=[where.pk]) + query

    rows = []
    # As it was: the one form with a row for every member (the threshold set past them).
    threshold = choosing.SMALL_PLACE
    choosing.SMALL_PLACE = MEMBERS * 10
    try:
        before = time_page(client, url("log_add", place), check=_shows("Save entry"))
        few_before = time_page(few_client, url("log_add", few_place), check=_shows("Save entry"))
    finally:
        choosing.SMALL_PLACE = threshold
    rows.append(_row("one form listing everyone (before)", MEMBERS, before, few_before))
    small_project, small_people = team_make("smallteam", SMALL, rng)
    small = time_page(
        logged_in(small_people[0]), url("log_add", small_project.place), check=_shows("Save entry")
    )
    rows.append(_row(f"one form, kept for a place of {SMALL} (small teams)", SMALL, small, None))

    for who, where in ((client, place), (few_client, few_place)):
        chooser = url("log_choose", where)
        who.post(chooser, {"action": "add", "person": who.session["_auth_user_id"]})
        who.post(chooser, {"action": "add_perspective", "perspective": PerspectiveKind.CARER})
    search = "?q=chooser+1"  # names are "Sam Chooser 17", "Ruth Fewchooser 12"
    rows.append(
        _row(
            "step 1: who took part, with a search",
            MEMBERS,
            time_page(client, url("log_add", place, search), check=_shows("found for")),
            time_page(few_client, url("log_add", few_place, search), check=_shows("found for")),
        )
    )
    rows.append(
        _row(
            "step 2: time and details (a carers' group)",
            MEMBERS,
            time_page(client, url("log_details", place), check=_shows("took part")),
            time_page(few_client, url("log_details", few_place), check=_shows("took part")),
        )
    )
    chosen = choosing.chosen_people(place, choosing.draft_read(client.session, place)).count()
    values = {
        "title": "Carers' reading group",
        "happened_on": "2026-01-15",
        "stage": "design",
        "kind": "meeting",
        "same_hours": "1.5",
    }
    started = time.perf_counter()
    response = client.post(url("log_details", place), values)
    saving = (time.perf_counter() - started) * 1000
    if response.status_code != 302:
        raise RuntimeError(f"saving gave {response.status_code}, not a redirect")
    saved = InvolvementEntry.objects.get(place=place).participations.count()
    if saved != chosen:
        raise RuntimeError(f"saved {saved} people, not the {chosen} chosen")
    rows.append(Row(f"saving it for {chosen:,} people (once)", MEMBERS, saving))
    return rows
