"""Score: people score each option, for example from 0 to 5.

Payload: {"scores": {"3": 4, "7": 0}} (option ids as strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


class ScoreFamily(MethodFamily):
    results_template = "decisions/methods/score.html"

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return [f"c|{int(o)}|{int(n)}" for o, n in payload.get("scores", {}).items()]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        low, high = decision.score_min, decision.score_max
        return {"scores": {str(option): rng.randint(low, high) for option in option_ids}}

    create_fields = ("options", "score_min", "score_max")

    def settings_words(self, decision: Decision) -> str:
        return _(": from %(low)s to %(high)s") % {
            "low": decision.score_min,
            "high": decision.score_max,
        }

    def settings_errors(self, method: str, data: Mapping[str, Any]) -> dict[str, str]:
        low, high = data.get("score_min"), data.get("score_max")
        if low is not None and high is not None and high <= low:
            return {"score_max": _("The highest score must be more than the lowest score.")}
        return {}

    descriptions: ClassVar[dict[str, str]] = {
        Method.SCORE: gettext_lazy("People score each option, for example from 0 to 5."),
    }

    def legend(self, decision: Decision) -> str:
        return _("Score each option")

    def legend_hint(self, decision: Decision) -> str:
        return _(
            "Score from %(low)s (lowest) to %(high)s (highest). "
            "Leave empty any option you do not want to score."
        ) % {"low": decision.score_min, "high": decision.score_max}

    def add_fields(self, form: Any) -> None:
        low, high = form.decision.score_min, form.decision.score_max
        for option in form.options:
            option_field_add(
                form,
                option,
                number_field(
                    form.labels[option.pk],
                    low,
                    high,
                    _("Score from %(low)s to %(high)s") % {"low": low, "high": high},
                    _("Scores must be from %(low)s to %(high)s.") % {"low": low, "high": high},
                ),
            )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        values = option_values(form, data)
        return {"scores": {str(k): v for k, v in values.items() if v is not None}}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {f"option_{key}": value for key, value in payload.get("scores", {}).items()}

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        scores = option_numbers(payload.get("scores"), option_ids, "scores")
        for number in scores.values():
            if not decision.score_min <= number <= decision.score_max:
                raise ValidationError(
                    _("Scores must be from %(low)s to %(high)s. %(number)s is out of range.")
                    % {"low": decision.score_min, "high": decision.score_max, "number": number},
                    code="scores",
                )
        if not scores:
            raise ValidationError(_("Score at least one option."), code="scores")
        return {"scores": scores}

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        return ", ".join(
            f"{label_of(labels, key)}: {number}"
            for key, number in payload.get("scores", {}).items()
        )

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        tally = tallies.tally_scores_counted(counted.pairs, counted.responses, option_ids)
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
