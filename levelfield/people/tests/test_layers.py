"""people sits low: accounts and profiles only, importing nothing above the ground."""

from __future__ import annotations

import re
from pathlib import Path

PEOPLE = Path(__file__).resolve().parents[1]
# The ground: lib, history, notifications, and the one rate limiter (sign-in protection
# reads the client's address from it).
ALLOWED = {"people", "lib", "history", "notifications", "ratelimits"}


def test_people_imports_only_itself_and_the_ground() -> None:
    imported = set()
    for module in PEOPLE.rglob("*.py"):
        imported |= set(re.findall(r"levelfield\.(\w+)", module.read_text()))
    assert imported - ALLOWED - {"example"} == set()  # "example": demo addresses
