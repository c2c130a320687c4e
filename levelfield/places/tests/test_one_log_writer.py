"""One service writes the involvement log: a test that fails when anything else does.

Reads every module of the product and looks for calls that create, change or delete
entries or participations (`InvolvementEntry.objects...create(...)`,
`Participation.objects.filter(...).update(...)`, ...) outside
`levelfield/places/services.py`. Scale seeding for `make bench` is the one exception:
it bulk-loads made-up rows for timing, outside any user's story.
"""

from __future__ import annotations

import ast
from pathlib import Path

import levelfield

WRITES = {"create", "bulk_create", "update_or_create", "get_or_create", "update", "delete"}
LOG_MODELS = {"InvolvementEntry", "Participation"}
ROOT = Path(levelfield.__file__).parent
ALLOWED = {ROOT / "places" / "services.py", ROOT / "projects" / "scale.py"}


def _root_name(node: ast.AST) -> str | None:
    """The name a chain of calls and attributes starts from: `A.objects.filter().x` -> A."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _log_writes(path: Path) -> list[int]:
    """The lines of `path` that write entries or participations."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
        and _root_name(node.func.value) in LOG_MODELS
    ]


def _product_modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path not in ALLOWED
    ]


def test_only_the_places_service_writes_the_involvement_log() -> None:
    writes = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in _product_modules()
        for line in _log_writes(path)
    ]
    assert writes == [], "Write the log through places.services.involvement_entry_write"


def test_the_check_finds_a_write_where_there_is_one(tmp_path: Path) -> None:
    module = tmp_path / "sneaky.py"
    module.write_text(
        "InvolvementEntry.objects.create(title='x')\n"
        "Participation.objects.filter(entry=1).update(minutes=5)\n"
        "Other.objects.create()\n"
    )
    assert _log_writes(module) == [1, 2]
