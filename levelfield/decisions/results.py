"""Results ready for a page or an export: the method family's tally (see methods/) with
option labels, reasons and what the result means in words."""

from __future__ import annotations

from collections.abc import Sequence

from levelfield.decisions import methods
from levelfield.decisions.methods import Reason, Results, Row
from levelfield.decisions.models import Decision, Option, Response
from levelfield.lib.words import name_or_former

__all__ = ["Reason", "Results", "Row", "results_build"]


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
    results = methods.family(decision.method).results(decision, option_ids, labels, payloads)
    results.reasons = _reasons(decision, labels, responses)
    return results


def _reasons(
    decision: Decision, labels: dict[int, str], responses: Sequence[Response]
) -> list[Reason]:
    """Every reason given. Anonymous ones carry no name and keep the stored (shuffled) order."""
    reasons = []
    for response in responses:
        if not response.reason:
            continue
        who = "" if decision.anonymous else name_or_former(response.person)
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
