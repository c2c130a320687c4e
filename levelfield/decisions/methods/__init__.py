"""The registry of decision methods: each method belongs to one family class that knows
everything about it (see base.py for what a family answers).

| family | methods | payload |
| stance | proposal, consent, gradients | {"stance": "agree"} |
| choice | single / multiple choice | {"options": [3, 7]} |
| ranked | ranked choice | {"ranking": [7, 3, 5]} (best first; may rank only some) |
| dots | dot vote | {"dots": {"3": 4, "7": 1}} |
| score | score | {"scores": {"3": 4, "7": 0}} |
| time_poll | time poll | {"answers": {"3": "yes", "7": "if_need_be"}} |

`payload_validate` is the one gate every response passes, whatever form or caller
sent it, so malformed rankings, scores out of range, too many dots or choices are
refused with a message the person can act on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from levelfield.decisions.methods.base import OBJECTIONS, MethodFamily, Reason, Results, Row
from levelfield.decisions.methods.choice import ChoiceFamily
from levelfield.decisions.methods.dots import DotsFamily
from levelfield.decisions.methods.ranked import RankedFamily
from levelfield.decisions.methods.score import ScoreFamily
from levelfield.decisions.methods.stance import StanceFamily
from levelfield.decisions.methods.time_poll import TIME_ANSWERS, TimeFamily
from levelfield.decisions.models import Decision, Method

__all__ = [
    "MAX_OPTIONS",
    "METHOD_DESCRIPTIONS",
    "OBJECTIONS",
    "TIME_ANSWERS",
    "MethodFamily",
    "Reason",
    "Results",
    "Row",
    "family",
    "payload_summary",
    "payload_validate",
]

MAX_OPTIONS = 50

_STANCE = StanceFamily()
_CHOICE = ChoiceFamily()
REGISTRY: dict[str, MethodFamily] = {
    Method.PROPOSAL: _STANCE,
    Method.CONSENT: _STANCE,
    Method.GRADIENTS: _STANCE,
    Method.SINGLE_CHOICE: _CHOICE,
    Method.MULTIPLE_CHOICE: _CHOICE,
    Method.RANKED: RankedFamily(),
    Method.DOT_VOTE: DotsFamily(),
    Method.SCORE: ScoreFamily(),
    Method.TIME_POLL: TimeFamily(),
}
METHOD_DESCRIPTIONS = {method: REGISTRY[method].descriptions[method] for method in Method.values}


def family(method: str) -> MethodFamily:
    """The family class that knows `method` (a Method value)."""
    return REGISTRY[method]


def payload_validate(
    decision: Decision, option_ids: Sequence[int], payload: Any
) -> dict[str, Any]:
    """Return the response in its stored shape, or raise ValidationError saying what is wrong."""
    if not isinstance(payload, Mapping):
        raise ValidationError(_("The response could not be read. Please try again."))
    return family(decision.method).validate(decision, list(option_ids), payload)


def payload_summary(
    decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
) -> str:
    """A response in words, e.g. "1. Tea, 2. Coffee" or "Tea: 3 dots"."""
    return family(decision.method).summary(decision, labels, payload)
