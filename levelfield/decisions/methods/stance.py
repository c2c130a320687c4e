"""Proposal, consent and gradients of agreement: one stance on one proposal.

Payload: {"stance": "agree"}.
"""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from levelfield.decisions import tallies
from levelfield.decisions.counting import Counted
from levelfield.decisions.methods.base import BLOCKS, OBJECTIONS, MethodFamily, Results, Row
from levelfield.decisions.models import Decision, Method
from levelfield.lib.words import plural

STANCES: dict[str, list[tuple[str, str]]] = {
    Method.PROPOSAL: [
        ("agree", "Agree"),
        ("abstain", "Abstain"),
        ("disagree", "Disagree"),
        ("block", "Block"),
    ],
    Method.CONSENT: [("consent", "Consent"), ("object", "Object")],
    # Sam Kaner's gradients of agreement, from full support to veto.
    Method.GRADIENTS: [
        ("endorse", "Whole-hearted endorsement"),
        ("minor_point", "Agreement with a minor point of contention"),
        ("reservations", "Support with reservations"),
        ("abstain", "Abstain"),
        ("more_discussion", "More discussion needed"),
        ("dislike_but_support", "I don't like it but will support it"),
        ("serious_disagreement", "Serious disagreement"),
        ("veto", "Veto"),
    ],
}

# One plain sentence for each answer, shown under it where people choose, because
# "Block" or "Consent" mean something particular here ("consent" means something else in
# health research).
STANCE_HINTS: dict[str, str] = {
    "agree": "You support the proposal as it is.",
    "abstain": "You step aside: the group decides without your answer counting either way.",
    "disagree": "You would rather not go ahead, but you will not stop it if most people agree.",
    "block": "You believe it would do real harm or go against our principles, so it stops "
    "here until it changes: say why so the group can change it.",
    "consent": "You can live with it and see no harm in trying it, even if it is not your "
    "favourite. This is not consent to take part in research.",
    "object": "You believe it would cause harm or go against our principles: it does not "
    "pass while anyone objects, and your reason helps the group improve it.",
    "veto": "You would stop it going ahead.",
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
    reasons_word = "reasons"
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
        Method.PROPOSAL: "People agree, abstain, disagree or block, with a reason. "
        "Blocks stand out.",
        Method.CONSENT: "People consent or object, with a reason. It passes when nobody objects.",
        Method.GRADIENTS: "People choose one of 8 levels, from whole-hearted endorsement to veto.",
    }

    def choices(self, method: str) -> list[tuple[str, str]]:
        return STANCES[method]

    def label(self, method: str, stance: str) -> str:
        return dict(STANCES[method]).get(stance, stance)

    def add_fields(self, form: Any) -> None:
        method = form.decision.method
        form.fields["stance"] = forms.ChoiceField(
            label="Do you consent to this proposal?"
            if method == Method.CONSENT
            else "Your answer",
            choices=self.choices(method),
            widget=HintedRadioSelect(hints=STANCE_HINTS),
            error_messages={"required": "Choose your answer."},
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
            raise ValidationError("Choose one of the answers.", code="stance")
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
