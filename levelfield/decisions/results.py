"""Results ready for a page or an export: the pure tallies (tallies.py) with option
labels, reasons and what the result means in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from levelfield.decisions import methods, tallies
from levelfield.decisions.models import Decision, Method, Option, Response
from levelfield.lib.words import plural


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None = None
    percent: Decimal | None = None
    key: str = ""
    cells: list[Any] = field(default_factory=list)
    leading: bool = False


@dataclass(frozen=True)
class Reason:
    who: str  # empty for anonymous decisions
    answer: str
    text: str
    stance: str = ""

    @property
    def is_block(self) -> bool:
        return self.stance in {"block", "veto"}

    @property
    def is_objection(self) -> bool:
        return self.stance in methods.OBJECTIONS


@dataclass
class Results:
    method: str
    responses: int
    rows: list[Row] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    headline: str = ""
    blocks: int = 0
    objections: int = 0
    passes: bool | None = None
    # Ranked choice
    round_headers: list[str] = field(default_factory=list)
    round_notes: list[str] = field(default_factory=list)
    borda_rows: list[Row] = field(default_factory=list)
    borda_winners: list[str] = field(default_factory=list)
    condorcet_winner: str = ""
    # Time polls: option ids best first
    best_option_ids: list[int] = field(default_factory=list)

    @property
    def blocks_reasons(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.is_block]


def results_build(
    decision: Decision,
    options: Sequence[Option],
    responses: Sequence[Response],
    *,
    labels: dict[int, str] | None = None,
) -> Results:
    """Tally the responses by the decision's method and put words to the numbers.
    `labels` overrides option labels (time polls shown in the reader's time zone)."""
    labels = labels or {option.pk: option.label for option in options}
    option_ids = [option.pk for option in options]
    payloads = [response.payload for response in responses]
    builder = _BUILDERS[decision.method]
    results = builder(decision, option_ids, labels, payloads)
    results.reasons = _reasons(decision, labels, responses)
    results.blocks = sum(1 for reason in _stances(payloads) if reason in {"block", "veto"})
    return results


def _stances(payloads: Sequence[dict[str, Any]]) -> list[str]:
    return [payload.get("stance", "") for payload in payloads]


def _stance_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    choices = methods.stance_choices(decision.method)
    tally = tallies.tally_stances(_stances(payloads), [key for key, _ in choices])
    top = max(tally.counts.values(), default=0)
    rows = [
        Row(
            label=label,
            count=tally.counts[key],
            percent=tally.percents[key],
            key=key,
            leading=bool(top) and tally.counts[key] == top,
        )
        for key, label in choices
    ]
    objections = sum(tally.counts[key] for key, _ in choices if key in methods.OBJECTIONS)
    results = Results(decision.method, tally.responses, rows=rows, objections=objections)
    if decision.method == Method.CONSENT:
        results.passes = tally.responses > 0 and objections == 0
        results.headline = (
            "Passes: nobody objects."
            if results.passes
            else "Does not pass yet: nobody has responded."
            if not tally.responses
            else f"Does not pass: {plural(objections, 'objection')}."
        )
    elif decision.method == Method.PROPOSAL:
        blocks = tally.counts.get("block", 0)
        results.headline = (
            f"{plural(blocks, 'block')}. A block means someone thinks this would go against "
            "what the group stands for: talk it through before going ahead."
            if blocks
            else f"No blocks. {tally.counts.get('agree', 0)} of {tally.responses} agree."
        )
    else:
        vetoes = tally.counts.get("veto", 0)
        results.headline = f"{plural(vetoes, 'veto')}." if vetoes else "No vetoes."
    return results


def _choice_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    tally = tallies.tally_choices([p.get("options", []) for p in payloads], option_ids)
    leaders = set(tally.leaders) if tally.responses else set()
    rows = [
        Row(labels[c.option], c.count, c.percent, leading=c.option in leaders)
        for c in tally.counts
    ]
    return Results(
        decision.method,
        tally.responses,
        rows=rows,
        leaders=[labels[i] for i in tally.leaders] if tally.responses else [],
    )


def _ranked_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    tally = tallies.tally_ranked([p.get("ranking", []) for p in payloads], option_ids)
    rows = []
    for option_id in option_ids:
        cells = [round_.counts.get(option_id) for round_ in tally.rounds]
        rows.append(Row(labels[option_id], cells=cells, leading=option_id in tally.runoff_winners))
    notes = []
    for number, round_ in enumerate(tally.rounds, 1):
        out = ", ".join(labels[i] for i in round_.eliminated)
        note = f"Round {number}: " + (f"{out} eliminated" if out else "no one eliminated")
        if round_.exhausted:
            note += f"; {plural(round_.exhausted, 'ballot')} with no option left"
        notes.append(note + ".")
    borda_top = max(tally.borda_scores.values(), default=0)
    return Results(
        decision.method,
        tally.responses,
        rows=rows,
        leaders=[labels[i] for i in tally.runoff_winners] if tally.responses else [],
        round_headers=[f"Round {number}" for number in range(1, len(tally.rounds) + 1)],
        round_notes=notes,
        borda_rows=[
            Row(
                labels[i],
                tally.borda_scores.get(i, 0),
                leading=bool(borda_top) and tally.borda_scores.get(i, 0) == borda_top,
            )
            for i in option_ids
        ],
        borda_winners=[labels[i] for i in tally.borda_winners] if tally.responses else [],
        condorcet_winner=labels.get(tally.condorcet_winner, "")
        if tally.condorcet_winner is not None
        else "",
    )


def _dot_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    allocations = [
        {int(key): number for key, number in p.get("dots", {}).items()} for p in payloads
    ]
    tally = tallies.tally_dots(allocations, option_ids, decision.dot_budget)
    leaders = set(tally.leaders) if tally.responses else set()
    rows = [
        Row(labels[t.option], t.count, t.percent, leading=t.option in leaders)
        for t in tally.totals
    ]
    return Results(
        decision.method, tally.responses, rows=rows, leaders=[labels[i] for i in tally.leaders]
    )


def _score_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    scores = [{int(key): number for key, number in p.get("scores", {}).items()} for p in payloads]
    tally = tallies.tally_scores(scores, option_ids)
    leaders = set(tally.leaders) if tally.responses else set()
    rows = [
        Row(
            labels[s.option],
            s.count,
            cells=[s.mean, s.median, s.spread, s.minimum, s.maximum],
            leading=s.option in leaders,
        )
        for s in tally.scores
    ]
    return Results(
        decision.method,
        tally.responses,
        rows=rows,
        leaders=[labels[i] for i in option_ids if i in leaders],
    )


def _time_results(
    decision: Decision, option_ids: list[int], labels: dict[int, str], payloads: list[dict]
) -> Results:
    answers = [{int(key): value for key, value in p.get("answers", {}).items()} for p in payloads]
    tally = tallies.tally_time_poll(answers, option_ids)
    by_option = {a.option: a for a in tally.answers}
    best = tally.best[0] if tally.best and tally.responses else None
    tied = {
        option_id
        for option_id in tally.best
        if best is not None
        and (by_option[option_id].no, by_option[option_id].yes)
        == (by_option[best].no, by_option[best].yes)
    }
    rows = [
        Row(
            labels[a.option],
            cells=[a.yes, a.if_need_be, a.no],
            key=str(a.option),
            leading=a.option in tied,
        )
        for a in tally.answers
    ]
    return Results(
        decision.method,
        tally.responses,
        rows=rows,
        leaders=[labels[i] for i in tally.best if i in tied],
        best_option_ids=list(tally.best),
    )


_BUILDERS = {
    Method.PROPOSAL: _stance_results,
    Method.CONSENT: _stance_results,
    Method.GRADIENTS: _stance_results,
    Method.SINGLE_CHOICE: _choice_results,
    Method.MULTIPLE_CHOICE: _choice_results,
    Method.RANKED: _ranked_results,
    Method.DOT_VOTE: _dot_results,
    Method.SCORE: _score_results,
    Method.TIME_POLL: _time_results,
}


def _reasons(
    decision: Decision, labels: dict[int, str], responses: Sequence[Response]
) -> list[Reason]:
    """Every reason given. Anonymous ones carry no name and keep the random id order."""
    reasons = []
    for response in responses:
        if not response.reason:
            continue
        who = "" if decision.anonymous else _name(response)
        reasons.append(
            Reason(
                who=who,
                answer=methods.payload_summary(decision, labels, response.payload),
                text=response.reason,
                stance=response.payload.get("stance", ""),
            )
        )
    if not decision.anonymous:
        reasons.sort(key=lambda reason: (not reason.is_block, reason.who.lower()))
    else:
        reasons.sort(key=lambda reason: not reason.is_block)
    return reasons


def _name(response: Response) -> str:
    return response.person.name if response.person_id else "A former member"
