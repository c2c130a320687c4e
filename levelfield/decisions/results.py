"""Results ready for a page or an export: the method family's tally (see methods/) with
option labels, reasons and what the result means in words.

Pages build results from the decision's kept counts (`results_from_tally`), so they cost
the same with 10 responses or 10,000; `results_build` tallies a list of responses afresh
(exports and checks). Reasons are shown a few at a time (`reasons_latest`) with the rest
on the paged list.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower

from levelfield.decisions import methods
from levelfield.decisions.counting import Counted
from levelfield.decisions.methods import Reason, Results, Row
from levelfield.decisions.methods.base import BLOCKS
from levelfield.decisions.models import Decision, Option, Response, Tally
from levelfield.lib.words import name_or_former

__all__ = [
    "Reason",
    "Results",
    "Row",
    "reasons_all",
    "reasons_latest",
    "responses_by_name",
    "results_build",
    "results_from_tally",
]


def results_build(
    decision: Decision,
    options: Sequence[Option],
    responses: Sequence[Response],
    *,
    labels: dict[int, str] | None = None,
) -> Results:
    """Tally the responses by the decision's method and put words to the numbers, with
    every reason given. `labels` overrides option labels (time polls shown in the
    reader's time zone)."""
    labels = labels or {option.pk: option.label for option in options}
    counted = Counted.of_payloads(decision.method, [response.payload for response in responses])
    results = _results(decision, options, labels, counted)
    results.reasons = _reasons(decision, labels, responses)
    return results


def results_from_tally(
    decision: Decision,
    options: Sequence[Option],
    tally: Tally,
    *,
    labels: dict[int, str] | None = None,
) -> Results:
    """The same from the counts kept as responses arrived: no response is read. Reasons
    are left for the caller (`reasons_latest`)."""
    labels = labels or {option.pk: option.label for option in options}
    return _results(decision, options, labels, Counted.of_marks(tally.marks, tally.counted))


def _results(
    decision: Decision, options: Sequence[Option], labels: dict[int, str], counted: Counted
) -> Results:
    option_ids = [option.pk for option in options]
    family = methods.family(decision.method)
    results = family.results(decision, option_ids, labels, counted)
    results.template, results.reasons_word = family.results_template, family.reasons_word
    return results


def _reason_order(decision: Decision, responses: QuerySet[Response]) -> QuerySet[Response]:
    """Blocks and vetoes first; then the latest first (named) or the stored, shuffled
    order (anonymous: it says nothing about who answered when)."""
    if methods.family(decision.method).has_blocks:
        responses = responses.annotate(
            blocking=Case(
                When(payload__stance__in=sorted(BLOCKS), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        first = ["blocking"]
    else:
        first = []
    if decision.anonymous:
        return responses.order_by(*first, "id")
    return responses.order_by(*first, "-updated_at", "id")


def reasons_latest(decision: Decision, labels: dict[int, str], count: int) -> list[Reason]:
    """A few reasons for the decision page, blocks and vetoes first, then the latest:
    read along an index (`decisions_latest_reasons`), one query, or two for methods with
    blocks, however many responses there are."""
    responses = Response.objects.filter(decision=decision).exclude(reason="")
    if not decision.anonymous:
        responses = responses.select_related("person")
    order = ["id"] if decision.anonymous else ["-updated_at", "id"]
    chosen: list[Response] = []
    if methods.family(decision.method).has_blocks:
        # The same condition as the index `decisions_blocking_reasons`, so it is used.
        blocking = responses.filter(payload__stance__in=["block", "veto"])
        chosen = list(blocking.order_by(*order)[:count])
    seen = {response.pk for response in chosen}
    for response in responses.order_by(*order)[:count]:
        if len(chosen) < count and response.pk not in seen:
            chosen.append(response)
    return _reasons(decision, labels, chosen, by_name=False)


def reasons_all(decision: Decision) -> QuerySet[Response]:
    """Every response with a reason, in the page's order, for the paged list."""
    responses = Response.objects.filter(decision=decision).exclude(reason="")
    if not decision.anonymous:
        responses = responses.select_related("person")
    return _reason_order(decision, responses)


def responses_by_name(decision: Decision) -> QuerySet[Response]:
    """Every named response by the responder's name, for the paged list."""
    return (
        Response.objects.filter(decision=decision)
        .select_related("person")
        .order_by(Lower("person__display_name"), "person__email", "id")
    )


def _reasons(
    decision: Decision,
    labels: dict[int, str],
    responses: Sequence[Response],
    *,
    by_name: bool = True,
) -> list[Reason]:
    """The reasons among `responses`, blocks first. Anonymous ones carry no name."""
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
    if by_name and not decision.anonymous:
        reasons.sort(key=lambda reason: (not reason.is_block, reason.who.lower()))
    else:  # the order given, blocks first
        reasons.sort(key=lambda reason: not reason.is_block)
    return reasons
