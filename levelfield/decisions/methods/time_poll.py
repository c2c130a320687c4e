"""Time poll: people say yes, if need be or no to each proposed time.

Payload: {"answers": {"3": "yes", "7": "if_need_be"}} (option ids as strings).
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
    option_field_add,
    option_values,
)
from levelfield.decisions.models import Decision, Method

TIME_ANSWERS = [
    ("yes", gettext_lazy("Yes")),
    ("if_need_be", gettext_lazy("If need be")),
    ("no", gettext_lazy("No")),
]
ANSWER_EACH = gettext_lazy("Answer yes, if need be or no for each time.")


class TimeFamily(MethodFamily):
    results_template = "decisions/methods/time_poll.html"
    options_are_times = True

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return [f"t|{int(o)}|{answer}" for o, answer in payload.get("answers", {}).items()]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        answers = ["yes", "if_need_be", "no"]
        return {"answers": {str(o): rng.choices(answers, [5, 2, 3])[0] for o in option_ids}}

    create_fields = ("times", "duration_minutes", "timezone_name")

    def settings_errors(self, method: str, data: Mapping[str, Any]) -> dict[str, str]:
        if not data.get("duration_minutes"):
            return {"duration_minutes": _("Enter how long, in minutes.")}
        return {}

    descriptions: ClassVar[dict[str, str]] = {
        Method.TIME_POLL: gettext_lazy("People say yes, if need be or no to each proposed time."),
    }

    def legend(self, decision: Decision) -> str:
        return _("Can you make these times?")

    def legend_hint(self, decision: Decision) -> str:
        return ANSWER_EACH

    def add_fields(self, form: Any) -> None:
        for option in form.options:
            option_field_add(
                form,
                option,
                forms.ChoiceField(
                    label=form.labels[option.pk],
                    choices=TIME_ANSWERS,
                    widget=forms.RadioSelect(attrs={"small": True}),
                    error_messages={
                        "required": gettext_lazy("Answer yes, if need be or no for this time.")
                    },
                ),
            )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        return {"answers": {str(k): v for k, v in option_values(form, data).items()}}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {f"option_{key}": value for key, value in payload.get("answers", {}).items()}

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        answers = payload.get("answers")
        if not isinstance(answers, Mapping):
            raise ValidationError(ANSWER_EACH, code="times")
        allowed = dict(TIME_ANSWERS)
        cleaned: dict[str, str] = {}
        for option_id in option_ids:
            answer = answers.get(str(option_id))
            if answer not in allowed:
                raise ValidationError(ANSWER_EACH, code="times")
            cleaned[str(option_id)] = answer
        if set(answers) - set(cleaned):
            raise ValidationError(_("One of the times is not part of this poll."), code="times")
        return {"answers": cleaned}

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        answers = dict(TIME_ANSWERS)
        return ", ".join(
            f"{label_of(labels, key, _('a removed time'))}: {answers.get(value, value)}"
            for key, value in payload.get("answers", {}).items()
        )

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        tally = tallies.tally_time_poll_counted(counted.pairs, counted.responses, option_ids)
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
