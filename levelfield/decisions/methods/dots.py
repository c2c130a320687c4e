"""Dot vote: people share a number of dots among the options.

Payload: {"dots": {"3": 4, "7": 1}} (option ids as strings).
"""

from __future__ import annotations

from collections import Counter
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
    option_numbers,
    option_values,
)
from levelfield.decisions.models import Decision, Method
from levelfield.lib.words import number as number_words


class DotsFamily(MethodFamily):
    results_template = "decisions/methods/choice.html"

    def settings_words(self, decision: Decision) -> str:
        return _(": %(count)s dots each") % {"count": decision.dot_budget}

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return [f"d|{int(o)}|{int(n)}" for o, n in payload.get("dots", {}).items()]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        given = rng.choices(option_ids, weights, k=rng.randint(1, decision.dot_budget))
        return {"dots": {str(option): n for option, n in Counter(given).items()}}

    create_fields = ("options", "dot_budget")
    descriptions: ClassVar[dict[str, str]] = {
        Method.DOT_VOTE: gettext_lazy("People share a number of dots among the options."),
    }

    def legend(self, decision: Decision) -> str:
        return _("Share your %(count)s dots") % {"count": decision.dot_budget}

    def legend_hint(self, decision: Decision) -> str:
        return _(
            "You have %(count)s dots in total. Put more dots on "
            "the options you like most. You do not have to use them all."
        ) % {"count": decision.dot_budget}

    def add_fields(self, form: Any) -> None:
        budget = form.decision.dot_budget
        for option in form.options:
            option_field_add(
                form,
                option,
                number_field(
                    form.labels[option.pk],
                    0,
                    budget,
                    _("Number of dots (you have %(count)s in total)") % {"count": budget},
                    _("Give from 0 to %(count)s dots.") % {"count": budget},
                ),
            )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        return {"dots": {str(k): v for k, v in option_values(form, data).items() if v}}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {f"option_{key}": value for key, value in payload.get("dots", {}).items()}

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        dots = option_numbers(payload.get("dots"), option_ids, "dots")
        for number in dots.values():
            if number < 0:
                raise ValidationError(_("The number of dots cannot be negative."), code="dots")
        given = sum(dots.values())
        if given > decision.dot_budget:
            raise ValidationError(
                _(
                    "You have %(budget)s dots to share, but you gave %(given)s. "
                    "Take away %(extra)s."
                )
                % {
                    "budget": decision.dot_budget,
                    "given": given,
                    "extra": given - decision.dot_budget,
                },
                code="dots",
            )
        if given == 0:
            raise ValidationError(_("Give at least one dot to an option."), code="dots")
        return {"dots": {key: value for key, value in dots.items() if value}}

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        return ", ".join(
            ngettext("%(option)s: %(count)s dot", "%(option)s: %(count)s dots", number)
            % {"option": label_of(labels, key), "count": number_words(number)}
            for key, number in payload.get("dots", {}).items()
        )

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        tally = tallies.tally_dots_counted(
            counted.pairs, counted.responses, option_ids, decision.dot_budget
        )
        leaders = set(tally.leaders) if tally.responses else set()
        rows = [
            Row(labels[t.option], t.count, t.percent, leading=t.option in leaders)
            for t in tally.totals
        ]
        return Results(
            decision.method,
            tally.responses,
            rows=rows,
            leaders=[labels[i] for i in tally.leaders],
        )
