"""Benchmarks: `make bench` (or `.venv/bin/python bench/run.py` from the repository root).

Each benchmark is a function returning rows of (what was timed, responses, milliseconds).
The runner prints each table and writes it to bench/results/<name>.txt (git-ignored).
Add a benchmark by writing such a function and listing it in BENCHMARKS; list it in
DEFAULT too if `make bench` should run it (keep the default run under about 30 s).

    python bench/run.py                 # the default benchmarks
    python bench/run.py pref-voting     # named ones (see --help)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

# Run as a script, so make the project importable without installing it.
for path in (ROOT, BENCH_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_pref_voting  # noqa: E402
import bench_tallies  # noqa: E402
from bench_common import Row  # noqa: E402

Benchmark = Callable[[], list[Row]]

BENCHMARKS: dict[str, tuple[str, Benchmark]] = {
    "tallies": (
        "Tallying 10,000 responses with levelfield.decisions.tallies (best of 5)",
        bench_tallies.run,
    ),
    "pref-voting": (
        "pref-voting's cost in a fresh process, beside the plain-Python tallies",
        bench_pref_voting.run,
    ),
}
DEFAULT = ["tallies"]


def format_table(title: str, rows: list[Row]) -> str:
    """A plain-text table: what was timed, how many responses, milliseconds."""
    header = ("method", "responses", "ms")
    cells = [header] + [
        (row.method, f"{row.responses:,}" if row.responses else "-", f"{row.ms:,.2f}")
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(3)]
    lines = [title, ""]
    for number, (method, responses, ms) in enumerate(cells):
        lines.append(
            f"{method:<{widths[0]}}  {responses:>{widths[1]}}  {ms:>{widths[2]}}".rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names",
        nargs="*",
        help=f"benchmarks to run (default: {', '.join(DEFAULT)}; all: {', '.join(BENCHMARKS)})",
    )
    names = parser.parse_args(argv).names or DEFAULT
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark called {', '.join(unknown)}")
    RESULTS_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    for name in names:
        title, benchmark = BENCHMARKS[name]
        table = format_table(title, benchmark())
        print(table)
        (RESULTS_DIR / f"{name.replace('-', '_')}.txt").write_text(table)
    print(f"Done in {time.perf_counter() - started:.1f} s; tables saved in {RESULTS_DIR}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
