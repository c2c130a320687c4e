"""The selection aid's promises, as properties: every wanted perspective is represented
when someone who brings it applied and there are places enough; the share of first-time
people is kept; the same seed gives the same draw whatever order people came in."""

from __future__ import annotations

from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.opportunities import services
from levelfield.opportunities.selection import Candidate, select
from levelfield.opportunities.tests.conftest import make

PERSPECTIVES = ["lived_experience", "carer", "young_person", "researcher", "practitioner"]

candidates_strategy = st.lists(
    st.builds(
        Candidate,
        key=st.integers(0, 10_000),
        perspectives=st.frozensets(st.sampled_from(PERSPECTIVES), max_size=3),
        first_time=st.booleans(),
    ),
    max_size=40,
    unique_by=lambda candidate: candidate.key,
)


@settings(max_examples=200, deadline=None)
@given(
    candidates=candidates_strategy,
    wanted=st.lists(st.sampled_from(PERSPECTIVES), unique=True, max_size=3),
    places=st.integers(0, 12),
    seed=st.integers(0, 2**32),
    share=st.integers(0, 4),
)
def test_the_draw_keeps_its_promises(
    candidates: list[Candidate], wanted: list[str], places: int, seed: int, share: int
) -> None:
    choices = select(candidates, places=places, wanted=wanted, seed=seed, first_time_share=share)
    keys = [choice.key for choice in choices]
    assert len(keys) == len(set(keys)) == min(places, len(candidates))
    by_key = {candidate.key: candidate for candidate in candidates}
    if places >= len(wanted):
        for perspective in wanted:
            if any(perspective in candidate.perspectives for candidate in candidates):
                assert any(perspective in by_key[key].perspectives for key in keys), perspective
    if places >= len(wanted) + share:
        available = sum(candidate.first_time for candidate in candidates)
        assert sum(by_key[key].first_time for key in keys) >= min(share, available)
    again = select(
        list(reversed(candidates)), places=places, wanted=wanted, seed=seed, first_time_share=share
    )
    assert again == choices


def test_an_organiser_runs_the_draw_and_it_is_recorded_to_rerun(listed: World) -> None:
    opportunity = make(listed)
    for number, perspectives in enumerate([["carer"], ["researcher"], ["lived_experience"]]):
        services.interest_express(
            opportunity=opportunity,
            name=f"Person {number}",
            email=f"p{number}@example.org",
            why="Because.",
            perspectives=perspectives,
        )
    chosen = services.selection_draw(
        opportunity=opportunity, actor=listed.member, places=2, seed=42
    )
    assert sorted(interest.perspectives[0] for interest, _ in chosen) == [
        "carer",
        "lived_experience",
    ]
    change = Change.objects.get(action="opportunity_selection_drawn")
    assert change.after["seed"] == 42
    rerun = services.selection_draw(
        opportunity=opportunity, actor=listed.member, places=2, seed=42
    )
    assert [interest.pk for interest, _ in rerun] == [interest.pk for interest, _ in chosen]


def test_the_selection_page_runs_the_draw_for_an_organiser(client: Client, listed: World) -> None:
    opportunity = make(listed)
    services.interest_express(
        opportunity=opportunity,
        name="Kemi",
        email="kemi@example.org",
        why="Because.",
        perspectives=["carer"],
    )
    client.force_login(listed.member)
    assert client.get(f"/opportunities/{opportunity.pk}/selection/").status_code == 200
    response = client.post(
        f"/opportunities/{opportunity.pk}/selection/", {"places": "1", "seed": "7"}
    )
    page = response.content.decode()
    assert "Kemi" in page and "Brings a wanted perspective not yet chosen: Carer" in page
    bad = client.post(f"/opportunities/{opportunity.pk}/selection/", {"places": "0", "seed": ""})
    assert bad.status_code == 400
    assert "Enter how many places there are, 1 or more." in bad.content.decode()
    assert "Enter the number the draw starts from." in bad.content.decode()
    outsider = Client()
    outsider.force_login(listed.collective_member)
    assert (
        outsider.post(
            f"/opportunities/{opportunity.pk}/selection/", {"places": "1", "seed": "7"}
        ).status_code
        == 404
    )
