"""How `make bench` finds capacity (bench/capacity.py), without a server: which number of
active people the next step tries, when the search stops, and what it reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

CAPACITY_FILE = Path(__file__).resolve().parent.parent / "bench" / "capacity.py"
_spec = importlib.util.spec_from_file_location("capacity", CAPACITY_FILE)
capacity = importlib.util.module_from_spec(_spec)
sys.modules["capacity"] = capacity
_spec.loader.exec_module(capacity)

Step = capacity.Step


def held(users: int, p95: float = 90) -> Step:
    return Step(users=users, requests=users * 3, failures=0, p95_ms=p95)


def too_slow(users: int, p95: float = 400) -> Step:
    return Step(users=users, requests=users * 3, failures=0, p95_ms=p95)


def test_a_step_holds_only_under_the_target_with_no_errors() -> None:
    assert held(25).passed
    assert not too_slow(25, p95=capacity.P95_MS).passed  # "under", not "up to"
    assert not Step(users=25, requests=80, failures=1, p95_ms=40).passed
    assert not Step(users=25, requests=0, failures=0, p95_ms=None).passed


def test_people_double_while_the_server_holds_them() -> None:
    assert capacity.next_users([]) == capacity.START
    assert capacity.next_users([held(25)]) == 50
    assert capacity.next_users([held(25), held(50)]) == 100


def test_after_a_step_fails_the_search_halves_the_gap() -> None:
    steps = [held(25), held(50), held(100), too_slow(200)]
    assert capacity.next_users(steps, max_steps=10) == 150
    steps.append(held(150))
    assert capacity.next_users(steps, max_steps=10) == 175
    steps.append(too_slow(175))
    # 150 and 175 are within a fifth of each other: close enough
    assert capacity.next_users(steps, max_steps=10) is None
    assert capacity.capacity(steps) == 150


def test_the_search_stops_at_its_step_budget_with_what_it_found() -> None:
    steps = [held(25), held(50), held(100), too_slow(200), held(150)]
    assert capacity.next_users(steps, max_steps=5) is None
    assert capacity.capacity(steps) == 150


def test_a_step_held_above_one_that_failed_does_not_raise_capacity() -> None:
    """A moment of quiet on a shared machine must not report more than was shown."""
    steps = [held(25), too_slow(50), held(100)]
    assert capacity.capacity(steps) == 25


def test_when_the_first_step_fails_it_tries_fewer_people_down_to_five() -> None:
    steps = [too_slow(25)]
    assert capacity.next_users(steps) == 10
    steps.append(too_slow(10))
    assert capacity.next_users(steps) == 5
    steps.append(too_slow(5))
    assert capacity.next_users(steps) is None
    assert capacity.capacity(steps) == 0
    sentence = capacity.sentence(steps, servers=1, cores=2)
    assert sentence == "One 2-core server did not hold even 5 active people at p95 under 150 ms."


def test_the_search_never_goes_past_its_most() -> None:
    steps = [held(25), held(50)]
    assert capacity.next_users(steps, most=80) == 80
    assert capacity.next_users([*steps, held(80)], most=80) is None


def test_capacity_in_a_sentence() -> None:
    steps = [held(25, 60), held(50, 80), held(100, 118), too_slow(200)]
    assert (
        capacity.sentence(steps, servers=1, cores=2)
        == "One 2-core server held 100 active people at p95 118 ms."
    )
    assert capacity.sentence(steps, servers=2, cores=2) == (
        "Two app servers on one 2-core server (sharing its cores) held 100 active people "
        "at p95 118 ms."
    )


def test_a_search_that_never_failed_says_it_held_at_least_that_many() -> None:
    steps = [held(25, 30), held(50, 40)]
    assert capacity.sentence(steps, servers=1, cores=2) == (
        "One 2-core server held at least 50 active people (the most tried) at p95 40 ms."
    )


def test_a_step_with_few_people_runs_long_enough_for_a_few_hundred_requests() -> None:
    # 25 people pausing 6.5 s on average send about 4 requests a second: 20 s gave 80
    # requests, whose p95 was the fourth-slowest.
    assert capacity.step_seconds(25, least=20) == 78
    assert 25 * capacity.step_seconds(25, least=20) / 6.5 >= capacity.MIN_REQUESTS
    # With many people the least time is already enough.
    assert capacity.step_seconds(200, least=20) == 20
    assert capacity.step_seconds(200, least=45) == 45
    # Very few people never make a step run for ever.
    assert capacity.step_seconds(1, least=20) == capacity.LONGEST_STEP_SECONDS
    assert capacity.step_seconds(0, least=20) == capacity.LONGEST_STEP_SECONDS
