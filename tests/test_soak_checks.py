"""How `make soak` (bench/soak.py) judges failed requests and stored answers, without a
run: a failure is excused only by a fault while the request was in flight, and an
answer must be the last one acknowledged, or one cut off after it.

The checks that read the database are shown to fail by `bench/soak.py --break KIND`,
which changes one row behind the app's back before checking (see the README).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

SOAK_FILE = Path(__file__).resolve().parent.parent / "bench" / "soak.py"
_spec = importlib.util.spec_from_file_location("soak", SOAK_FILE)
soak = importlib.util.module_from_spec(_spec)
sys.modules["soak"] = soak
_spec.loader.exec_module(soak)


def request(server: int, started: float, ended: float, status: int | None, **kw: Any) -> Any:
    return soak.Request(server, started, ended, status, "" if status else "ConnectionReset", **kw)


def test_a_request_cut_by_a_kill_on_its_server_is_excused() -> None:
    faults = soak.Faults(kills=[(10.0, 0)])
    check, counts = soak.check_requests([request(0, 9.5, 10.0, None)], faults)
    assert not check.problems
    assert counts == {"no answer cut by a fault": 1}


def test_a_kill_on_the_other_server_excuses_nothing() -> None:
    faults = soak.Faults(kills=[(10.0, 1)])
    check, _ = soak.check_requests([request(0, 9.5, 10.0, 502)], faults)
    assert check.problems == ["5xx (502) on server 0"]


def test_ended_connections_excuse_a_5xx_on_either_server_but_only_while_in_flight() -> None:
    faults = soak.Faults(terminations=[(20.0, 2)])
    during = request(1, 19.9, 20.1, 500)
    long_after = request(0, 30.0, 30.2, 500)
    check, counts = soak.check_requests([during, long_after], faults)
    assert check.problems == ["5xx (500) on server 0"]
    assert counts == {"5xx cut by a fault": 1, "5xx outside faults": 1}


def test_an_unexpected_answer_fails_like_a_5xx() -> None:
    check, _ = soak.check_requests([request(0, 1.0, 1.1, 400, unexpected=True)], soak.Faults())
    assert check.problems == ["unexpected 400 (400) on server 0"]
    check, _ = soak.check_requests([request(0, 1.0, 1.1, 200)], soak.Faults())
    assert not check.problems


def respond(seq: int, outcome: str, stance: str) -> dict[str, Any]:
    return {"seq": seq, "outcome": outcome, "payload": {"stance": stance}, "reason": ""}


def judged(entries: list[dict[str, Any]], stored: str | None) -> list[str]:
    check = soak.Check("answers")
    soak._answer_check(check, (1, 2), entries, ({"stance": stored}, "") if stored else None)
    return check.problems


def test_the_stored_answer_is_the_last_acknowledged_one() -> None:
    entries = [respond(1, "ok", "agree"), respond(2, "ok", "block")]
    assert judged(entries, "block") == []
    assert judged(entries, "agree")  # an acknowledged change was lost
    assert judged(entries, None)  # an acknowledged response was lost


def test_an_answer_cut_off_after_the_last_acknowledged_may_or_may_not_be_there() -> None:
    entries = [respond(1, "ok", "agree"), respond(2, "unknown", "block")]
    assert judged(entries, "agree") == []
    assert judged(entries, "block") == []
    assert judged(entries, "abstain")  # never sent


def test_a_refused_answer_is_never_stored() -> None:
    assert judged([respond(1, "refused", "agree")], None) == []
    assert judged([respond(1, "refused", "agree")], "agree")
