"""What pref-voting would cost a web worker, measured in fresh processes.

This is the measurement behind the choice in levelfield/decisions/tallies.py to tally in
plain Python and keep pref-voting (from the `test` extra) as the test oracle. Each side
runs in its own fresh Python process, as a newly started web worker would. Takes about
10 to 15 s, so it is not in the default `make bench`: run `python bench/run.py pref-voting`.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench_common import Row
from bench_tallies import RESPONSES, SEED, SIX

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh process; reads {"rankings", "counts"} (0-based, grouped) on stdin.
PREF_VOTING_SCRIPT = """
import json, sys, time
data = json.load(sys.stdin)
times = {}
started = time.perf_counter()
from pref_voting.profiles import Profile
from pref_voting.iterative_methods import instant_runoff
from pref_voting.scoring_methods import borda
from pref_voting.c1_methods import condorcet
times["import"] = time.perf_counter() - started
started = time.perf_counter()
profile = Profile(data["rankings"], rcounts=data["counts"])
times["build"] = time.perf_counter() - started
for name, method in [("instant_runoff", instant_runoff), ("borda", borda),
                     ("condorcet", condorcet)]:
    started = time.perf_counter()
    method(profile)
    times["first " + name] = time.perf_counter() - started
    later = []
    for _ in range(5):
        started = time.perf_counter()
        method(profile)
        later.append(time.perf_counter() - started)
    times["later " + name] = min(later)
print(json.dumps(times))
"""

# Runs in a fresh process; reads {"rankings", "options"} (ungrouped) on stdin.
TALLIES_SCRIPT = """
import json, sys, time
data = json.load(sys.stdin)
times = {}
started = time.perf_counter()
from levelfield.decisions.tallies import tally_ranked
times["import"] = time.perf_counter() - started
started = time.perf_counter()
tally_ranked(data["rankings"], data["options"])
times["first"] = time.perf_counter() - started
later = []
for _ in range(5):
    started = time.perf_counter()
    tally_ranked(data["rankings"], data["options"])
    later.append(time.perf_counter() - started)
times["later"] = min(later)
print(json.dumps(times))
"""


def full_clustered_rankings() -> list[list[int]]:
    """Complete rankings (pref-voting's Profile needs them) from a few camps of voters."""
    rng = random.Random(SEED)
    camps = [rng.sample(SIX, len(SIX)) for _ in range(5)]
    rankings = []
    for _ in range(RESPONSES):
        ranking = list(rng.choices(camps, weights=[35, 25, 20, 12, 8])[0])
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            i = rng.randrange(len(ranking) - 1)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
        rankings.append(ranking)
    return rankings


def in_fresh_process(script: str, data: dict) -> dict[str, float]:
    finished = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,  # `python -c` puts the working directory on sys.path: levelfield imports
    )
    return json.loads(finished.stdout)


def run() -> list[Row]:
    if importlib.util.find_spec("pref_voting") is None:
        print("pref-voting is not installed (it comes with the test extra): skipped.")
        return []
    rankings = full_clustered_rankings()
    grouped = Counter(tuple(ranking) for ranking in rankings)
    zero_based = {option: i for i, option in enumerate(SIX)}
    pref_voting = in_fresh_process(
        PREF_VOTING_SCRIPT,
        {
            "rankings": [[zero_based[o] for o in ranking] for ranking in grouped],
            "counts": list(grouped.values()),
        },
    )
    ours = in_fresh_process(TALLIES_SCRIPT, {"rankings": rankings, "options": SIX})

    cold = ["import", "build", "first instant_runoff", "first borda", "first condorcet"]
    rows = [
        Row("pref-voting: import Profile and the three methods", 0, pref_voting["import"]),
        Row(
            f"pref-voting: build Profile of {len(grouped)} grouped rankings",
            RESPONSES,
            pref_voting["build"],
        ),
    ]
    for name in ("instant_runoff", "borda", "condorcet"):
        rows.append(Row(f"pref-voting: first {name}", RESPONSES, pref_voting[f"first {name}"]))
    for name in ("instant_runoff", "borda", "condorcet"):
        rows.append(
            Row(f"pref-voting: later {name} (best of 5)", RESPONSES, pref_voting[f"later {name}"])
        )
    rows.append(
        Row(
            "pref-voting: cold start total (import, build, first calls)",
            RESPONSES,
            sum(pref_voting[key] for key in cold),
        )
    )
    rows.append(Row("levelfield tallies: import", 0, ours["import"]))
    rows.append(
        Row("levelfield tallies: first tally_ranked (all three)", RESPONSES, ours["first"])
    )
    rows.append(
        Row("levelfield tallies: later tally_ranked (best of 5)", RESPONSES, ours["later"])
    )
    return [Row(row.method, row.responses, row.ms * 1000) for row in rows]
