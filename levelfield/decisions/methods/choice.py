"""Single and multiple choice: pick one option, or up to a number of them.

Payload: {"options": [3, 7]}.
"""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any, ClassVar

from django import forms
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
    option_choices,
    option_list,
)
from levelfield.decisions.models import Decision, Method


class ChoiceFamily(MethodFamily):
    results_template = "decisions/methods/choice.html"

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return [f"o|{int(option)}" for option in payload.get("options", [])]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        if decision.method == Method.MULTIPLE_CHOICE:
            return {"options": rng.sample(option_ids, rng.randint(1, decision.max_choices))}
        return {"options": rng.choices(option_ids, weights)[:1]}

    descriptions: ClassVar[dict[str, str]] = {
        Method.SINGLE_CHOICE: gettext_lazy("People pick one option."),
        Method.MULTIPLE_CHOICE: gettext_lazy("People pick up to a number of options you choose."),
    }

    def create_fields_for(self, method: str) -> tuple[str, ...]:
        return ("options", "max_choices") if method == Method.MULTIPLE_CHOICE else ("options",)

    def settings_words(self, decision: Decision) -> str:
        if decision.method == Method.MULTIPLE_CHOICE:
            return _(": up to %(count)s options") % {"count": decision.max_choices}
        return ""

    def limit(self, decision: Decision) -> int:
        return 1 if decision.method == Method.SINGLE_CHOICE else decision.max_choices

    def add_fields(self, form: Any) -> None:
        if form.decision.method == Method.SINGLE_CHOICE:
            form.fields["choice"] = forms.ChoiceField(
                label=gettext_lazy("Choose one option"),
                choices=option_choices(form),
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Choose an option.")},
            )
            return
        form.fields["choices"] = forms.MultipleChoiceField(
            label=_("Choose up to %(count)s options") % {"count": form.decision.max_choices},
            choices=option_choices(form),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": gettext_lazy("Choose at least one option.")},
        )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        if form.decision.method == Method.SINGLE_CHOICE:
            return {"options": [int(data["choice"])]}
        return {"options": [int(choice) for choice in data["choices"]]}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        chosen = [str(option_id) for option_id in payload.get("options", [])]
        if decision.method == Method.SINGLE_CHOICE:
            return {"choice": next(iter(chosen), "")}
        return {"choices": chosen}

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        chosen = option_list(payload.get("options"), option_ids)
        if not chosen:
            raise ValidationError(_("Choose an option."), code="choices")
        limit = self.limit(decision)
        if len(chosen) > limit:
            raise ValidationError(
                _("Choose only one option.")
                if limit == 1
                else _("Choose up to %(limit)s options. You chose %(chosen)s.")
                % {"limit": limit, "chosen": len(chosen)},
                code="choices",
            )
        return {"options": chosen}

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        return ", ".join(label_of(labels, i) for i in payload.get("options", []))

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        tally = tallies.tally_choices_counted(counted.picks, counted.responses, option_ids)
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
