"""`make bench`: Levelfield under load, served by gunicorn on PostgreSQL, against a ceiling.

    python bench/load.py                      # small, then large (the full run)
    python bench/load.py --size small --seconds 3   # a quick look while developing
    python bench/load.py --profile "project page"   # pyinstrument, one request, large data
    python bench/load.py --capacity-only --size small --step-seconds 15   # capacity alone

1. Makes fresh PostgreSQL databases (lf_bench_small, lf_bench_large, or another prefix
   from BENCH_DATABASE_PREFIX; never any other), migrates once and seeds each with
   `manage.py seed_scale`.
2. Counts each page's queries in-process at both sizes (bench/load_targets.py).
3. Serves the last size with gunicorn and production settings (DEBUG off, a random
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1; requests carry `X-Forwarded-Proto: https` as
   a TLS-terminating proxy would send), workers = cores + 1 unless --workers, the
   cache in Redis (BENCH_REDIS, emptied first) as a deployment keeps it, or in each worker
   when Redis does not answer.
4. For each page and write in turn, runs locust headless in a second process (16 people,
   --seconds each) and samples the gunicorn workers' memory from /proc. The first is the
   ceiling: the health check, a tiny template and one query, on the same server.
5. With --capacity, finds how many active people the server holds (bench/capacity.py):
   the realistic mix (bench/locustfile.py's `Participant`: reading, answering, booking,
   claiming and posting with 3 to 10 s between clicks) with more people each step, on one
   gunicorn, then on two sharing the database and Redis (BENCH_REDIS).
6. Prints a table, writes bench/results.json, drops the databases unless --keep.

Everything stays on 127.0.0.1; every step has a time limit; gunicorn is always stopped.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any

import capacity

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Another name keeps two people's runs on one PostgreSQL apart (each drops its own).
PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "lf_bench")
# The capacity run's shared cache for two servers: a Redis database it empties first.
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
LOAD_PEOPLE = 100  # levelfield/people/scale.py: the seeded people who can be logged in
USERS = 16
TARGETS = {"throughput": 0.3, "p95_ms": 150}
WRITES = [
    "register for an event",
    "respond to a decision",
    "record an involvement entry",
    "submit a claim",
    "answer a check-in",
    "submit priority questions",
    "comment on a story",
]
# A write that needs a page its app seeded (load_targets.writes()); skipped without it.
WRITE_NEEDS = {
    "respond to a decision": "decision",
    "answer a check-in": "checkin",
    "submit priority questions": "survey",
    "comment on a story": "story",
}
CEILING = "ceiling (health check)"
# One key for the whole run: the sessions made by load_targets.py are signed with it.
SECRET_KEY = secrets.token_urlsafe(50)


class BenchError(Exception):
    """Something the person running the benchmark must fix (said plainly)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "large", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=8, help="load per page (default 8)")
    # As the README's deployment serves (`--workers 3` on 2 cores): with PostgreSQL and
    # the load on the same cores, five workers made every request cost more CPU (13.9
    # against 11.1 ms a registration) and every page slower (stop 42).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--only", nargs="*", help="only these pages or writes (and the ceiling)")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the kept databases as they are")
    parser.add_argument("--profile", help="profile one request of this page with pyinstrument")
    parser.add_argument(
        "--capacity", action="store_true", help="then find how many active people it holds"
    )
    parser.add_argument(
        "--capacity-only", action="store_true", help="only the ceiling, then --capacity"
    )
    parser.add_argument(
        "--step-seconds",
        type=float,
        default=20,
        help="least load per capacity step (default 20; longer at few people, "
        "for enough requests)",
    )
    parser.add_argument(
        "--capacity-steps",
        type=int,
        default=capacity.MAX_STEPS,
        help=f"most steps per search (default {capacity.MAX_STEPS})",
    )
    args = parser.parse_args(argv)
    args.capacity = args.capacity or args.capacity_only
    sizes = ["small", "large"] if args.size == "both" else [args.size]
    started = time.monotonic()
    try:
        _postgres_check()
        if not args.reuse:
            _databases_make(sizes)
        _static_collect()
        counts = {size: _targets(size, sessions=0) for size in sizes[:-1]}
        counts[sizes[-1]] = _targets(sizes[-1], sessions=LOAD_PEOPLE if args.capacity else USERS)
        if args.profile:
            return _profile(sizes[-1], counts[sizes[-1]]["pages"][args.profile])
        results = _load(sizes[-1], counts, args)
        if args.capacity:
            results["capacity"] = _capacity(sizes[-1], counts[sizes[-1]], args)
    except BenchError as error:
        print(f"make bench: {error}", file=sys.stderr)
        return 2
    finally:
        if not args.keep and not args.reuse:
            _databases_drop(sizes)
    results["seconds_total"] = round(time.monotonic() - started, 1)
    (BENCH / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    table = table_text(results)
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "load.txt").write_text(table)
    print(table)
    print(f"Done in {results['seconds_total']:.0f} s; written to bench/results.json.")
    return 0


# PostgreSQL and the data


def _database_url(size: str) -> str:
    return f"{SERVER}/{PREFIX}_{size}"


def _psql(sql: str) -> None:
    _run(["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{SERVER}/postgres", "-c", sql], timeout=120)


def _postgres_check() -> None:
    if shutil.which("psql") is None:
        raise BenchError("psql is not installed; make bench needs PostgreSQL's client.")
    try:
        _run(["psql", f"{SERVER}/postgres", "-c", "select 1"], timeout=10, quiet=True)
    except BenchError:
        raise BenchError(
            f"PostgreSQL does not answer at {SERVER} (set BENCH_POSTGRES to another "
            "server, e.g. postgres://user@host:5432). make bench runs on PostgreSQL only."
        ) from None


def _databases_make(sizes: list[str]) -> None:
    """Migrate one database, copy it for the other size, then seed each."""
    first, *others = sizes
    _databases_drop(sizes)
    _psql(f"CREATE DATABASE {PREFIX}_{first}")
    _step(f"migrate {PREFIX}_{first}", [PY, "manage.py", "migrate", "-v0"], first, timeout=600)
    for size in others:
        _psql(f"CREATE DATABASE {PREFIX}_{size} TEMPLATE {PREFIX}_{first}")
    for size in sizes:
        _step(
            f"seed_scale --size {size}",
            [PY, "manage.py", "seed_scale", "--size", size],
            size,
            timeout=900,
            show=True,
        )
        # As autovacuum leaves a database in service: the visibility map set, so the
        # planner can choose index-only scans (seed_scale's ANALYZE gives statistics only).
        _run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{SERVER}/{PREFIX}_{size}", "-c", "VACUUM"],
            timeout=900,
        )


def _databases_drop(sizes: list[str]) -> None:
    for size in sizes:
        _psql(f"DROP DATABASE IF EXISTS {PREFIX}_{size} WITH (FORCE)")


def _static_collect() -> None:
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        _step("collectstatic", [PY, "manage.py", "collectstatic", "--noinput", "-v0"], None)


def _targets(size: str, *, sessions: int) -> dict[str, Any]:
    """Pages, query counts and sessions from bench/load_targets.py."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = Path(out.name)
    _step(
        f"queries per page ({size})",
        [PY, str(BENCH / "load_targets.py"), str(path), str(sessions)],
        size,
        timeout=300,
    )
    found = json.loads(path.read_text())
    path.unlink()
    for name, problem in found.get("refused", {}).items():
        print(f"- {name} ({size}): {problem}, so its requests will fail", flush=True)
    return found


def _environment(size: str | None, port: int = 0, redis: str = "") -> dict[str, str]:
    """Production settings: DEBUG off and what production must set; the cache in Redis
    when `redis` is given, in each process otherwise."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "LEVELFIELD_TESTING", "DJANGO_SETTINGS_MODULE"}
    }
    if redis:
        env["REDIS_URL"] = redis
    env.update(
        DJANGO_SETTINGS_MODULE="levelfield.settings",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SITE_URL=f"https://127.0.0.1:{port or 8000}",
        # Nothing leaves the machine: emails queued by the writes go nowhere.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if size:
        env["DATABASE_URL"] = _database_url(size)
    return env


def _step(
    what: str,
    command: list[str],
    size: str | None,
    *,
    timeout: float = 300,
    show: bool = False,
) -> None:
    began = time.monotonic()
    print(f"- {what}", flush=True)
    output = _run(command, timeout=timeout, env=_environment(size), quiet=not show)
    if show and output:
        print("  " + output.strip().replace("\n", "\n  "), flush=True)
    print(f"  ({time.monotonic() - began:.1f} s)", flush=True)


def _run(
    command: list[str], *, timeout: float, env: dict[str, str] | None = None, quiet: bool = True
) -> str:
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{' '.join(command[:4])} took over {timeout:.0f} s") from None
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


# Serving and loading


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(size: str, workers: int, redis: str = "") -> Iterator[tuple[subprocess.Popen, int]]:
    """gunicorn on a free loopback port; always stopped, workers and all."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "gunicorn.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [
                    PY,
                    "-m",
                    "gunicorn",
                    "levelfield.wsgi",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={workers}",
                    "--backlog=256",
                    "--timeout=60",
                    "--graceful-timeout=5",
                ],
                cwd=ROOT,
                env=_environment(size, port, redis),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                _wait_until_up(port, server, log_path)
                yield server, port
            finally:
                _stop(server)


def _wait_until_up(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise BenchError("gunicorn did not answer /health/ within 60 s")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def _rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemorySampler(threading.Thread):
    """The largest resident memory of any one worker while a page is loaded."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            for pid in worker_pids(self.master):
                self.peak = max(self.peak, _rss_mb(pid))

    def stop(self) -> float:
        self.done.set()
        self.join(timeout=2)
        return round(self.peak, 1)


def _warm_up(port: int, targets: dict[str, Any]) -> None:
    """Each page a few times, so no worker compiles templates while being timed."""
    headers = {
        "Cookie": f"sessionid={targets['sessions'][0]}",
        "X-Forwarded-Proto": "https",
    }
    for path in targets["pages"].values():
        for _ in range(3):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            with suppress(urllib.error.URLError, TimeoutError):
                urllib.request.urlopen(request, timeout=30).read()


def _load(size: str, counts: dict[str, dict[str, Any]], args: argparse.Namespace) -> dict:
    targets = counts[size]
    tasks = list(targets["pages"]) + [
        name
        for name in WRITES
        if name not in WRITE_NEEDS or targets["writes"].get(WRITE_NEEDS[name])
    ]
    if args.only:
        tasks = [CEILING] + [name for name in tasks if name in args.only and name != CEILING]
    if args.capacity_only:
        tasks = [CEILING]
    rows: list[dict[str, Any]] = []
    redis = _redis_flushed()
    with (
        tempfile.TemporaryDirectory() as scratch,
        gunicorn(size, args.workers, redis) as (server, port),
    ):
        print(
            f"- gunicorn: {args.workers} workers on 127.0.0.1:{port}, cache "
            + (f"in {redis}" if redis else "in each worker (no Redis at BENCH_REDIS)"),
            flush=True,
        )
        targets_file = Path(scratch) / "targets.json"
        targets_file.write_text(json.dumps(targets))
        _warm_up(port, targets)
        for name in tasks:
            sampler = MemorySampler(server.pid)
            sampler.start()
            stats = _locust(name, port, targets_file, Path(scratch), args.seconds)
            peak = sampler.stop()
            for row in stats:
                row["worker_peak_mb"] = peak
                if row["name"] in targets["pages"]:
                    row["path"] = targets["pages"][row["name"]]
                    for each in counts:
                        row[f"queries_{each}"] = counts[each]["queries"][row["name"]]["queries"]
                rows.append(row)
                print(f"  {row['name']}: {row['rps']:.0f}/s, p95 {row['p95_ms']} ms", flush=True)
        high_water = max((_rss_mb(pid, "VmHWM") for pid in worker_pids(server.pid)), default=0)
    ceiling = next((row["rps"] for row in rows if row["name"] == CEILING), 0) or 1
    for row in rows:
        row["of_ceiling"] = round(row["rps"] / ceiling, 3)
        row["meets"] = _meets(row)
    return {
        "size": size,
        "users": USERS,
        "seconds_per_page": args.seconds,
        "workers": args.workers,
        "cores": os.cpu_count(),
        "cache": redis or "each worker",
        "worker_peak_mb": round(high_water, 1),
        "targets": TARGETS,
        "skipped": targets["skipped"],
        "refused": targets.get("refused", {}),
        "rows": rows,
        "queries": {size: found["queries"] for size, found in counts.items()},
    }


def _meets(row: dict[str, Any]) -> bool:
    queries = [value for key, value in row.items() if key.startswith("queries_")]
    return (
        row["requests"] > 0
        and row["failures"] == 0
        and row["of_ceiling"] >= TARGETS["throughput"]
        and row["p95_ms"] < TARGETS["p95_ms"]
        and len(set(queries)) <= 1
    )


def _locust(name: str, port: int, targets: Path, scratch: Path, seconds: float) -> list[dict]:
    """One locust run of one task; its rows (a write may send several requests)."""
    prefix = scratch / "run"
    env = {
        **os.environ,
        "LF_TARGETS": str(targets),
        "LF_TASK": name,
        "LF_HOST": f"http://127.0.0.1:{port}",
    }
    command = [
        PY,
        "-m",
        "locust",
        "-f",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        str(USERS * 4),
        "--run-time",
        f"{seconds:g}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 60
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"locust did not finish {name!r} in time") from None
    if not Path(f"{prefix}_stats.csv").exists():
        raise BenchError(f"locust failed on {name!r}:\n{done.stderr[-3000:]}")
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for line in csv.DictReader(stats):
            if line["Name"] == "Aggregated" or line["Name"].endswith(": token"):
                continue
            rows.append(
                {
                    "name": line["Name"],
                    "requests": int(line["Request Count"]),
                    "failures": int(line["Failure Count"]),
                    "rps": round(float(line["Requests/s"]), 1),
                    "p50_ms": _ms(line["50%"]),
                    "p95_ms": _ms(line["95%"]),
                    "p99_ms": _ms(line["99%"]),
                    "kb": round(float(line["Average Content Size"]) / 1024, 1),
                }
            )
    with open(f"{prefix}_failures.csv", newline="") as failures:
        errors = [
            f"{line['Name']}: {line['Error']} x{line['Occurrences']}"
            for line in csv.DictReader(failures)
        ]
    for row in rows:
        row["errors"] = [error for error in errors if error.startswith(row["name"] + ":")]
    if not rows:  # not one request finished in time: say so rather than leave it out
        rows.append(
            {
                "name": name,
                "requests": 0,
                "failures": 0,
                "rps": 0.0,
                "p50_ms": None,
                "p95_ms": None,
                "p99_ms": None,
                "kb": None,
                "errors": [f"no request finished within {seconds:g} s"],
            }
        )
    return rows


def _ms(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


# Capacity: the realistic mix with more people each step


def _capacity(size: str, targets: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The search on one server, then on two sharing PostgreSQL and Redis. Both use
    Redis as the cache, as a deployment does (README, "Deploying"): with the cache in each
    of five workers' memory, kept pieces (a person's home lists, a log's page, a
    decision's results) were worked out five times over, and the first quiet run held
    not even 5 people on one server while two servers sharing Redis held 75."""
    found: dict[str, Any] = {
        "mix": "bench/locustfile.py Participant",
        "think_seconds": list(capacity.THINK_SECONDS),
        # each step at least this long, and long enough for about MIN_REQUESTS requests
        "seconds_per_step": args.step_seconds,
        "min_requests_per_step": capacity.MIN_REQUESTS,
        "p95_target_ms": capacity.P95_MS,
        "sessions": len(targets["sessions"]),
    }
    for servers in (1, 2):
        key = "one server" if servers == 1 else "two servers"
        redis = _redis_flushed()
        if REDIS and not redis:
            found[key] = {"skipped": f"Redis does not answer at {REDIS} (BENCH_REDIS)"}
            print(f"- capacity, {key}: skipped, no Redis at {REDIS}", flush=True)
            continue
        with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
            ports = [
                stack.enter_context(gunicorn(size, args.workers, redis))[1] for _ in range(servers)
            ]
            print(
                f"- capacity, {key}: {args.workers} workers each on "
                f"{', '.join(f'127.0.0.1:{port}' for port in ports)}"
                + (f", cache in {redis}" if redis else ""),
                flush=True,
            )
            targets_file = Path(scratch) / "targets.json"
            targets_file.write_text(json.dumps(targets))
            for port in ports:
                _warm_up(port, targets)
            steps: list[capacity.Step] = []
            details: list[dict[str, Any]] = []
            while (users := capacity.next_users(steps, max_steps=args.capacity_steps)) is not None:
                step, detail = _mix_step(users, ports, targets_file, Path(scratch), args)
                steps.append(step)
                details.append(detail)
                print(
                    f"  {users} people: p95 {step.p95_ms} ms, {detail['rps']}/s, "
                    f"{step.failures} errors -> {'held' if step.passed else 'not held'}",
                    flush=True,
                )
        found[key] = {
            # Other work on the machine shows here: every figure is of what was left.
            "load_average_after": round(os.getloadavg()[0], 1),
            "servers": servers,
            "workers_each": args.workers,
            "redis": redis or None,
            "steps": details,
            "capacity": capacity.capacity(steps),
            "sentence": capacity.sentence(steps, servers=servers, cores=os.cpu_count()),
        }
    return found


def _redis_flushed() -> str:
    """BENCH_REDIS emptied, as the cache every worker shares (as a deployment runs, README
    "Deploying"), or "" when it is unset or does not answer: then each worker keeps its own."""
    if not REDIS:
        return ""
    try:
        _run([PY, "-c", _FLUSH, REDIS], timeout=10)
    except BenchError:
        return ""
    return REDIS


_FLUSH = "import sys, redis; redis.Redis.from_url(sys.argv[1], socket_timeout=5).flushdb()"


def _mix_step(
    users: int, ports: list[int], targets: Path, scratch: Path, args: argparse.Namespace
) -> tuple[capacity.Step, dict[str, Any]]:
    """One locust run of the mix with `users` people, measured once all have started."""
    prefix = scratch / f"mix{users}"
    spawn_rate = max(users / 5, 5)  # everyone started within about 5 s
    steady = capacity.step_seconds(users, least=args.step_seconds)
    run_time = round(users / spawn_rate + steady)
    env = {
        **os.environ,
        "LF_TARGETS": str(targets),
        "LF_TASK": "mix",
        "LF_HOST": ",".join(f"http://127.0.0.1:{port}" for port in ports),
    }
    command = [
        PY,
        "-m",
        "locust",
        "-f",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        f"{spawn_rate:g}",
        "--reset-stats",  # time only the steady state, not the start
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=run_time + 60
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"locust did not finish the mix with {users} people in time") from None
    if not Path(f"{prefix}_stats.csv").exists():
        raise BenchError(f"locust failed on the mix:\n{done.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv", newline="") as stats:
        lines = list(csv.DictReader(stats))
    total = next(line for line in lines if line["Name"] == "Aggregated")
    with open(f"{prefix}_failures.csv", newline="") as failures:
        errors = [
            f"{line['Name']}: {line['Error']} x{line['Occurrences']}"
            for line in csv.DictReader(failures)
        ]
    requests = int(total["Request Count"])
    step = capacity.Step(
        users=users,
        requests=requests,
        failures=int(total["Failure Count"]),
        p95_ms=_ms(total["95%"]) if requests else None,
    )
    slowest = sorted(
        (line for line in lines if line["Name"] != "Aggregated"),
        key=lambda line: -_ms(line["95%"]),
    )[:3]
    detail = {
        "users": users,
        "seconds": steady,
        "requests": requests,
        "failures": step.failures,
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": _ms(total["50%"]),
        "p95_ms": step.p95_ms,
        "p99_ms": _ms(total["99%"]),
        "held": step.passed,
        "slowest_p95_ms": {line["Name"]: _ms(line["95%"]) for line in slowest},
        "requests_by_name": {
            line["Name"]: int(line["Request Count"])
            for line in lines
            if line["Name"] != "Aggregated"
        },
        "errors": errors[:10],
    }
    return step, detail


def _profile(size: str, path: str) -> int:
    """pyinstrument's view of one request of the page on the seeded data."""
    print(_run([PY, str(BENCH / "load_profile.py"), path], timeout=300, env=_environment(size)))
    return 0


# The table


COLUMNS = [
    ("page or write", "name", "{}"),
    ("req/s", "rps", "{:.0f}"),
    ("ceiling", "of_ceiling", "{:.2f}"),
    ("p50", "p50_ms", "{:.0f}"),
    ("p95", "p95_ms", "{:.0f}"),
    ("p99", "p99_ms", "{:.0f}"),
    ("errors", "failures", "{}"),
    ("MB", "worker_peak_mb", "{:.0f}"),
    ("q small", "queries_small", "{}"),
    ("q large", "queries_large", "{}"),
    ("KB", "kb", "{:.0f}"),
    ("ok", "meets", "{}"),
]


def table_text(results: dict[str, Any]) -> str:
    rows = results["rows"]
    cells = [[title for title, _, _ in COLUMNS]]
    for row in rows:
        line = []
        for _, key, form in COLUMNS:
            value = row.get(key)
            if key == "meets":
                value = "yes" if value else "NO"
            line.append("-" if value is None else form.format(value))
        cells.append(line)
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = [
        f"make bench: {results['size']} data, {results['users']} people at once, "
        f"{results['seconds_per_page']:g} s a page, gunicorn {results['workers']} workers "
        f"on {results['cores']} cores, PostgreSQL",
        "",
    ]
    for number, line in enumerate(cells):
        lines.append(
            "  ".join(
                [f"{line[0]:<{widths[0]}}"]
                + [f"{cell:>{width}}" for cell, width in zip(line[1:], widths[1:], strict=True)]
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += [
        "",
        "req/s: requests answered a second; ceiling: that as a share of the health check's;",
        "p50/p95/p99: latency in ms; MB: largest worker's resident memory during the page;",
        "q small / q large: SQL queries for one request at each size (should be equal);",
        f"ok: at least {TARGETS['throughput']} of the ceiling, p95 under "
        f"{TARGETS['p95_ms']} ms, no errors, equal queries.",
    ]
    if results["skipped"]:
        lines.append(f"Not seeded, so not loaded: {', '.join(results['skipped'])}.")
    for name, problem in results.get("refused", {}).items():
        lines.append(f"Seeded for person 1 only, so its requests failed: {name}: {problem}.")
    if "capacity" in results:
        lines += ["", *capacity_text(results["capacity"])]
    return "\n".join(lines) + "\n"


def capacity_text(found: dict[str, Any]) -> list[str]:
    """The capacity sentences, each with the steps that led to it."""
    lines = [
        f"Capacity: the realistic mix (reading, answering, booking, claiming, posting; "
        f"{found['think_seconds'][0]}-{found['think_seconds'][1]} s between clicks), "
        f"each step at least {found['seconds_per_step']:g} s and about "
        f"{found['min_requests_per_step']} requests, target p95 under "
        f"{found['p95_target_ms']} ms and no errors"
    ]
    for key in ("one server", "two servers"):
        search = found.get(key)
        if not search:
            continue
        if "skipped" in search:
            lines.append(f"- {key}: skipped ({search['skipped']})")
            continue
        lines.append(f"- {search['sentence']}")
        lines.append(f"    machine's load average at the end: {search['load_average_after']:g}")
        for step in search["steps"]:
            lines.append(
                f"    {step['users']:>5} people for {step['seconds']:.0f} s: "
                f"{step['requests']} requests, {step['rps']:>6.1f} req/s, p50 "
                f"{step['p50_ms']:.0f}, p95 {step['p95_ms'] or 0:.0f}, errors "
                f"{step['failures']}  {'held' if step['held'] else 'NOT held'}"
            )
    if "two servers" in found and "skipped" not in found["two servers"]:
        lines.append(
            "  Both servers share this machine's cores: this shows the design holds with more "
            "than one server (shared sessions and cache), not twice the capacity."
        )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
