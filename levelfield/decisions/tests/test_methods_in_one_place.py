"""What a decision method knows lives in decisions/methods/ (its family class) and its
results template in templates/decisions/methods/, so adding a method touches one place.
This fails if code elsewhere starts branching on a method again."""

from __future__ import annotations

import re
from pathlib import Path

import levelfield

ROOT = Path(levelfield.__file__).parent
# Branching on a method's name: `method == Method.X`, `method in (Method.X, ...)`,
# `decision.method == "time_poll"` in a template.
BRANCH = re.compile(
    r"method\s*(==|!=|\bin\b|\bnot in\b)\s*\(?\s*Method\.[A-Z_]+"
    r"|\.method\s*(==|!=)\s*[\"'](?!POST|GET)[a-z_]+[\"']"
)
ALLOWED = ("decisions/methods/", "templates/decisions/methods/", "/tests/", "/migrations/")


def test_no_method_is_branched_on_outside_its_family() -> None:
    found = []
    for path in [*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]:
        name = path.relative_to(ROOT).as_posix()
        if any(part in f"/{name}" for part in ALLOWED):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BRANCH.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_every_family_names_its_results_template() -> None:
    from django.template.loader import get_template

    from levelfield.decisions import methods
    from levelfield.decisions.models import Method

    for method in Method.values:
        get_template(methods.family(method).results_template)  # raises if missing
