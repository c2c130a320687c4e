"""Easy read in the test world: Riverside's payment policy, set by Cora."""

from __future__ import annotations

import pytest

from levelfield.lib.testing.world import World
from levelfield.payments.models import PaymentPolicy
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory


@pytest.fixture
def policy(world: World) -> PaymentPolicy:
    policy = PaymentPolicyFactory(collective=world.collective, pay_within_days=10)
    RateFactory(policy=policy)
    return policy


def rows(*points: dict[str, str], total: int | None = None) -> dict[str, str]:
    """The form's data for these points, as the browser sends it."""
    data = {
        "points-TOTAL_FORMS": str(total if total is not None else len(points)),
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "title": "",
    }
    for index, point in enumerate(points):
        for name, value in point.items():
            data[f"points-{index}-{name}"] = value
    return data
