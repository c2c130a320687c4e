"""Reports count a year (`factories.YEAR`) and the records made "now": pin now inside that
year, late enough that the hand-made records' dates have passed."""

from __future__ import annotations

import datetime

import pytest

from levelfield.reports.tests.factories import YEAR


@pytest.fixture(autouse=True)
def _now_in_the_reported_year(clock: object) -> None:
    clock.move_to(datetime.datetime(YEAR, 11, 18, 10, 0, tzinfo=datetime.UTC))
