"""Ranked choice: people rank some or all options; results show instant-runoff rounds and
the Borda and Condorcet winners.

Payload: {"ranking": [7, 3, 5]} (best first; may rank only some).
"""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from levelfield.decisions import tallies
from levelfield.decisions.counting import Counted
from levelfield.decisions.methods.base import (
    MethodFamily,
    Results,
    Row,
    label_of,
    number_field,
    option_field_add,
    option_list,
    option_values,
)
from levelfield.decisions.models import Decision, Method
from levelfield.lib.words import number as number_words


class RankedFamily(MethodFamily):
    results_template = "decisions/methods/ranked.html"

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return ["r|" + ",".join(str(int(option)) for option in payload.get("ranking", []))]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        ranking = sorted(option_ids, key=lambda o: rng.random() * (1 + option_ids.index(o)))
        return {"ranking": ranking[: rng.randint(1, len(ranking))]}

    descriptions: ClassVar[dict[str, str]] = {
        Method.RANKED: gettext_lazy(
            "People rank the options. Shows instant-runoff rounds, and the Borda "
            "and Condorcet winners."
        ),
    }

    def legend(self, decision: Decision) -> str:
        return _("Rank the options")

    def legend_hint(self, decision: Decision) -> str:
        return _(
            "Give 1 to your first choice, 2 to your second, and so on. Leave "
            "empty any option you do not want to rank."
        )

    def add_fields(self, form: Any) -> None:
        count = len(form.options)
        for option in form.options:
            option_field_add(
                form,
                option,
                number_field(
                    form.labels[option.pk],
                    1,
                    count,
                    _("Rank (1 = first choice)"),
                    _("Ranks go from 1 to %(count)s.") % {"count": count},
                ),
            )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        return {"ranking": ranking_from_ranks(option_values(form, data), form.labels)}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {
            f"option_{option_id}": place
            for place, option_id in enumerate(payload.get("ranking", []), 1)
        }

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        ranking = option_list(payload.get("ranking"), option_ids)
        if not ranking:
            raise ValidationError(
                _("Rank at least one option (1 = first choice)."), code="ranking"
            )
        return {"ranking": ranking}

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        return ", ".join(
            f"{place}. {label_of(labels, i)}"
            for place, i in enumerate(payload.get("ranking", []), 1)
        )

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        tally = tallies.tally_ranked_grouped(counted.rankings, option_ids)
        rows = []
        for option_id in option_ids:
            cells = [round_.counts.get(option_id) for round_ in tally.rounds]
            rows.append(
                Row(labels[option_id], cells=cells, leading=option_id in tally.runoff_winners)
            )
        notes = []
        for number, round_ in enumerate(tally.rounds, 1):
            out = ", ".join(labels[i] for i in round_.eliminated)
            note = (
                _("Round %(number)s: %(out)s eliminated") % {"number": number, "out": out}
                if out
                else _("Round %(number)s: no one eliminated") % {"number": number}
            )
            if round_.exhausted:
                note = ngettext(
                    "%(note)s; %(count)s ballot with no option left",
                    "%(note)s; %(count)s ballots with no option left",
                    round_.exhausted,
                ) % {"note": note, "count": number_words(round_.exhausted)}
            notes.append(note + ".")
        borda_top = max(tally.borda_scores.values(), default=0)
        return Results(
            decision.method,
            tally.responses,
            rows=rows,
            leaders=[labels[i] for i in tally.runoff_winners] if tally.responses else [],
            round_headers=[
                _("Round %(number)s") % {"number": number}
                for number in range(1, len(tally.rounds) + 1)
            ],
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


def ranking_from_ranks(ranks: dict[int, int | None], labels: dict[int, str]) -> list[int]:
    """Turn "rank per option" into "options best first", refusing shared ranks and gaps."""
    given = {option_id: rank for option_id, rank in ranks.items() if rank is not None}
    if not given:
        raise ValidationError(_("Rank at least one option (1 = first choice)."))
    by_rank: dict[int, list[int]] = {}
    for option_id, rank in given.items():
        by_rank.setdefault(rank, []).append(option_id)
    for rank, option_ids in sorted(by_rank.items()):
        if len(option_ids) > 1:
            names = _(" and ").join(f"“{labels[i]}”" for i in option_ids)
            raise ValidationError(
                _("%(names)s both have rank %(rank)s. Give each option its own rank.")
                % {"names": names, "rank": rank}
            )
    expected = list(range(1, len(given) + 1))
    if sorted(by_rank) != expected:
        missing = next(rank for rank in expected if rank not in by_rank)
        raise ValidationError(
            _("Ranks must run 1, 2, 3 and so on without gaps. Nothing is ranked %(missing)s.")
            % {"missing": missing}
        )
    return [by_rank[rank][0] for rank in expected]
