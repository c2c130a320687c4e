"""Proposal, consent and gradients of agreement: one stance on one proposal.

Payload: {"stance": "agree"}.
"""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from levelfield.decisions import tallies
from levelfield.decisions.counting import Counted
from levelfield.decisions.methods.base import BLOCKS, OBJECTIONS, MethodFamily, Results, Row
from levelfield.decisions.models import Decision, Method
from levelfield.lib.words import number

STANCES: dict[str, list[tuple[str, str]]] = {
    Method.PROPOSAL: [
        ("agree", gettext_lazy("Agree")),
        ("abstain", gettext_lazy("Abstain")),
        ("disagree", gettext_lazy("Disagree")),
        ("block", gettext_lazy("Block")),
    ],
    Method.CONSENT: [("consent", gettext_lazy("Consent")), ("object", gettext_lazy("Object"))],
    # Sam Kaner's gradients of agreement, from full support to veto.
    Method.GRADIENTS: [
        ("endorse", gettext_lazy("Whole-hearted endorsement")),
        ("minor_point", gettext_lazy("Agreement with a minor point of contention")),
        ("reservations", gettext_lazy("Support with reservations")),
        ("abstain", gettext_lazy("Abstain")),
        ("more_discussion", gettext_lazy("More discussion needed")),
        ("dislike_but_support", gettext_lazy("I don't like it but will support it")),
        ("serious_disagreement", gettext_lazy("Serious disagreement")),
        ("veto", gettext_lazy("Veto")),
    ],
}

# One plain sentence for each answer, shown under it where people choose, because
# "Block" or "Consent" mean something particular here ("consent" means something else in
# health research).
STANCE_HINTS: dict[str, str] = {
    "agree": gettext_lazy("You support the proposal as it is."),
    "abstain": gettext_lazy(
        "You step aside: the group decides without your answer counting either way."
    ),
    "disagree": gettext_lazy(
        "You would rather not go ahead, but you will not stop it if most people agree."
    ),
    "block": gettext_lazy(
        "You believe it would do real harm or go against our principles, so it stops "
        "here until it changes: say why so the group can change it."
    ),
    "consent": gettext_lazy(
        "You can live with it and see no harm in trying it, even if it is not your "
        "favourite. This is not consent to take part in research."
    ),
    "object": gettext_lazy(
        "You believe it would cause harm or go against our principles: it does not "
        "pass while anyone objects, and your reason helps the group improve it."
    ),
    "veto": gettext_lazy("You would stop it going ahead."),
}


class HintedRadioSelect(forms.RadioSelect):
    """Radios with one explaining sentence under each answer (see forms/field.html)."""

    def __init__(self, *args: Any, hints: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = dict(hints)

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["hint"] = self.hints.get(str(option["value"]), "")
        return option


class StanceFamily(MethodFamily):
    results_template = "decisions/methods/stance.html"
    reasons_word = gettext_lazy("reasons")
    has_blocks = True
    adoption_methods = frozenset({Method.CONSENT, Method.PROPOSAL})

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        return [f"s|{payload.get('stance', '')}"]

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        stances = [key for key, _ in STANCES[decision.method]]
        return {"stance": rng.choices(stances, range(len(stances), 0, -1))[0]}

    def adopts(self, decision: Decision, results: Results) -> bool:
        """Consent with no objection; a proposal with no block and more agreeing than
        disagreeing."""
        if decision.method == Method.CONSENT:
            return bool(results.passes)
        counts = {row.key: row.count for row in results.rows}
        return results.blocks == 0 and counts.get("agree", 0) > counts.get("disagree", 0)

    create_fields = ()
    has_options = False
    has_objections = True
    descriptions: ClassVar[dict[str, str]] = {
        Method.PROPOSAL: gettext_lazy(
            "People agree, abstain, disagree or block, with a reason. Blocks stand out."
        ),
        Method.CONSENT: gettext_lazy(
            "People consent or object, with a reason. It passes when nobody objects."
        ),
        Method.GRADIENTS: gettext_lazy(
            "People choose one of 8 levels, from whole-hearted endorsement to veto."
        ),
    }

    def choices(self, method: str) -> list[tuple[str, str]]:
        return STANCES[method]

    def label(self, method: str, stance: str) -> str:
        return dict(STANCES[method]).get(stance, stance)

    def add_fields(self, form: Any) -> None:
        method = form.decision.method
        form.fields["stance"] = forms.ChoiceField(
            label=gettext_lazy("Do you consent to this proposal?")
            if method == Method.CONSENT
            else gettext_lazy("Your answer"),
            choices=self.choices(method),
            widget=HintedRadioSelect(hints=STANCE_HINTS),
            error_messages={"required": gettext_lazy("Choose your answer.")},
        )

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        return {"stance": data["stance"]}

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {"stance": payload.get("stance")}

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        stance = payload.get("stance")
        if stance not in dict(self.choices(decision.method)):
            raise ValidationError(_("Choose one of the answers."), code="stance")
        return {"stance": stance}

    def is_objection(self, payload: Mapping[str, Any]) -> bool:
        return payload.get("stance") in OBJECTIONS

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        return self.label(decision.method, payload.get("stance", ""))

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        choices = self.choices(decision.method)
        tally = tallies.tally_stances_counted(counted.stances, [key for key, _ in choices])
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
        objections = sum(tally.counts[key] for key, _ in choices if key in OBJECTIONS)
        results = Results(
            decision.method,
            tally.responses,
            rows=rows,
            blocks=sum(tally.counts.get(stance, 0) for stance in BLOCKS),
        )
        if decision.method == Method.CONSENT:
            results.passes = tally.responses > 0 and objections == 0
            results.headline = (
                _("Passes: nobody objects.")
                if results.passes
                else _("Does not pass yet: nobody has responded.")
                if not tally.responses
                else ngettext(
                    "Does not pass: %(count)s objection.",
                    "Does not pass: %(count)s objections.",
                    objections,
                )
                % {"count": number(objections)}
            )
        elif decision.method == Method.PROPOSAL:
            blocks = tally.counts.get("block", 0)
            results.headline = (
                ngettext(
                    "%(count)s block. A block means someone thinks this would go against "
                    "what the group stands for: talk it through before going ahead.",
                    "%(count)s blocks. A block means someone thinks this would go against "
                    "what the group stands for: talk it through before going ahead.",
                    blocks,
                )
                % {"count": number(blocks)}
                if blocks
                else _("No blocks. %(agree)s of %(responses)s agree.")
                % {"agree": tally.counts.get("agree", 0), "responses": tally.responses}
            )
        else:
            vetoes = tally.counts.get("veto", 0)
            results.headline = (
                ngettext("%(count)s veto.", "%(count)s vetoes.", vetoes)
                % {"count": number(vetoes)}
                if vetoes
                else _("No vetoes.")
            )
        return results
