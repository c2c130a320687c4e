"""What each decision method accepts as a response, and how a response reads in words.

Payload shapes (stored in Response.payload as JSON; option ids as strings in mappings):

| method | payload |
| proposal, consent, gradients | {"stance": "agree"} |
| single / multiple choice | {"options": [3, 7]} |
| ranked choice | {"ranking": [7, 3, 5]} (best first; may rank only some) |
| dot vote | {"dots": {"3": 4, "7": 1}} |
| score | {"scores": {"3": 4, "7": 0}} |
| time poll | {"answers": {"3": "yes", "7": "if_need_be"}} |

`payload_validate` is the one gate every response passes, whatever form or caller
sent it, so malformed rankings, scores out of range, too many dots or choices are
refused with a message the person can act on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from levelfield.decisions.models import Decision, Method
from levelfield.lib.words import plural

PROPOSAL_STANCES = [
    ("agree", "Agree"),
    ("abstain", "Abstain"),
    ("disagree", "Disagree"),
    ("block", "Block"),
]
CONSENT_STANCES = [("consent", "Consent"), ("object", "Object")]
# Sam Kaner's gradients of agreement, from full support to veto.
GRADIENT_STANCES = [
    ("endorse", "Whole-hearted endorsement"),
    ("minor_point", "Agreement with a minor point of contention"),
    ("reservations", "Support with reservations"),
    ("abstain", "Abstain"),
    ("more_discussion", "More discussion needed"),
    ("dislike_but_support", "I don't like it but will support it"),
    ("serious_disagreement", "Serious disagreement"),
    ("veto", "Veto"),
]
STANCES: dict[str, list[tuple[str, str]]] = {
    Method.PROPOSAL: PROPOSAL_STANCES,
    Method.CONSENT: CONSENT_STANCES,
    Method.GRADIENTS: GRADIENT_STANCES,
}
STANCE_METHODS = frozenset(STANCES)
CHOICE_METHODS = frozenset({Method.SINGLE_CHOICE, Method.MULTIPLE_CHOICE})
OPTION_METHODS = frozenset(set(Method.values) - STANCE_METHODS)
# Responses that stand in the way; with "reasons for objections" they need a reason.
OBJECTIONS = frozenset({"disagree", "block", "object", "serious_disagreement", "veto"})
TIME_ANSWERS = [("yes", "Yes"), ("if_need_be", "If need be"), ("no", "No")]

METHOD_DESCRIPTIONS = {
    Method.PROPOSAL: "People agree, abstain, disagree or block, with a reason. Blocks stand out.",
    Method.CONSENT: "People consent or object, with a reason. It passes when nobody objects.",
    Method.SINGLE_CHOICE: "People pick one option.",
    Method.MULTIPLE_CHOICE: "People pick up to a number of options you choose.",
    Method.RANKED: "People rank the options. Shows instant-runoff rounds, and the Borda "
    "and Condorcet winners.",
    Method.DOT_VOTE: "People share a number of dots among the options.",
    Method.SCORE: "People score each option, for example from 0 to 5.",
    Method.TIME_POLL: "People say yes, if need be or no to each proposed time.",
    Method.GRADIENTS: "People choose one of 8 levels, from whole-hearted endorsement to veto.",
}

MAX_OPTIONS = 50


def stance_choices(method: str) -> list[tuple[str, str]]:
    return STANCES.get(method, [])


def stance_label(method: str, stance: str) -> str:
    return dict(stance_choices(method)).get(stance, stance)


def is_objection(decision: Decision, payload: Mapping[str, Any]) -> bool:
    return decision.method in STANCE_METHODS and payload.get("stance") in OBJECTIONS


def payload_validate(
    decision: Decision, option_ids: Sequence[int], payload: Any
) -> dict[str, Any]:
    """Return the response in its stored shape, or raise ValidationError saying what is wrong."""
    if not isinstance(payload, Mapping):
        raise ValidationError("The response could not be read. Please try again.")
    validator = _VALIDATORS[decision.method]
    return validator(decision, list(option_ids), payload)


def _stance(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    stance = payload.get("stance")
    if stance not in dict(stance_choices(decision.method)):
        raise ValidationError("Choose one of the answers.", code="stance")
    return {"stance": stance}


def _choices(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    chosen = _option_list(payload.get("options"), option_ids)
    if not chosen:
        raise ValidationError("Choose an option.", code="choices")
    limit = 1 if decision.method == Method.SINGLE_CHOICE else decision.max_choices
    if len(chosen) > limit:
        raise ValidationError(
            "Choose only one option."
            if limit == 1
            else f"Choose up to {limit} options. You chose {len(chosen)}.",
            code="choices",
        )
    return {"options": chosen}


def _ranked(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    ranking = _option_list(payload.get("ranking"), option_ids)
    if not ranking:
        raise ValidationError("Rank at least one option (1 = first choice).", code="ranking")
    return {"ranking": ranking}


def _dots(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    dots = _option_numbers(payload.get("dots"), option_ids, "dots")
    for number in dots.values():
        if number < 0:
            raise ValidationError("The number of dots cannot be negative.", code="dots")
    given = sum(dots.values())
    if given > decision.dot_budget:
        raise ValidationError(
            f"You have {decision.dot_budget} dots to share, but you gave {given}. "
            f"Take away {given - decision.dot_budget}.",
            code="dots",
        )
    if given == 0:
        raise ValidationError("Give at least one dot to an option.", code="dots")
    return {"dots": {key: value for key, value in dots.items() if value}}


def _scores(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    scores = _option_numbers(payload.get("scores"), option_ids, "scores")
    for number in scores.values():
        if not decision.score_min <= number <= decision.score_max:
            raise ValidationError(
                f"Scores must be from {decision.score_min} to {decision.score_max}. "
                f"{number} is out of range.",
                code="scores",
            )
    if not scores:
        raise ValidationError("Score at least one option.", code="scores")
    return {"scores": scores}


def _times(decision: Decision, option_ids: list[int], payload: Mapping) -> dict[str, Any]:
    answers = payload.get("answers")
    if not isinstance(answers, Mapping):
        raise ValidationError("Answer yes, if need be or no for each time.", code="times")
    allowed = dict(TIME_ANSWERS)
    cleaned: dict[str, str] = {}
    for option_id in option_ids:
        answer = answers.get(str(option_id))
        if answer not in allowed:
            raise ValidationError("Answer yes, if need be or no for each time.", code="times")
        cleaned[str(option_id)] = answer
    if set(answers) - set(cleaned):
        raise ValidationError("One of the times is not part of this poll.", code="times")
    return {"answers": cleaned}


def _option_list(value: Any, option_ids: list[int]) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(_is_int(item) for item in value):
        raise ValidationError("The options could not be read. Please try again.")
    chosen = [int(item) for item in value]
    if len(set(chosen)) != len(chosen):
        raise ValidationError("Each option can appear only once.", code="duplicate")
    if set(chosen) - set(option_ids):
        raise ValidationError("One of the options is not part of this decision.")
    return chosen


def _option_numbers(value: Any, option_ids: list[int], what: str) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(f"The {what} could not be read. Please try again.")
    known = {str(option_id) for option_id in option_ids}
    cleaned: dict[str, int] = {}
    for key, number in value.items():
        if str(key) not in known:
            raise ValidationError("One of the options is not part of this decision.")
        if not _is_int(number):
            raise ValidationError(f"Use whole numbers for {what}.", code=what)
        cleaned[str(key)] = int(number)
    return cleaned


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_VALIDATORS = {
    Method.PROPOSAL: _stance,
    Method.CONSENT: _stance,
    Method.GRADIENTS: _stance,
    Method.SINGLE_CHOICE: _choices,
    Method.MULTIPLE_CHOICE: _choices,
    Method.RANKED: _ranked,
    Method.DOT_VOTE: _dots,
    Method.SCORE: _scores,
    Method.TIME_POLL: _times,
}


def payload_summary(
    decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
) -> str:
    """A response in words, e.g. "1. Tea, 2. Coffee" or "Tea: 3 dots"."""
    method = decision.method
    if method in STANCE_METHODS:
        return stance_label(method, payload.get("stance", ""))
    if method in CHOICE_METHODS:
        return ", ".join(
            labels.get(int(i), "a removed option") for i in payload.get("options", [])
        )
    if method == Method.RANKED:
        ranking = payload.get("ranking", [])
        return ", ".join(
            f"{place}. {labels.get(int(i), 'a removed option')}"
            for place, i in enumerate(ranking, 1)
        )
    if method == Method.DOT_VOTE:
        return ", ".join(
            f"{labels.get(int(key), 'a removed option')}: {plural(number, 'dot')}"
            for key, number in payload.get("dots", {}).items()
        )
    if method == Method.SCORE:
        return ", ".join(
            f"{labels.get(int(key), 'a removed option')}: {number}"
            for key, number in payload.get("scores", {}).items()
        )
    answers = dict(TIME_ANSWERS)
    return ", ".join(
        f"{labels.get(int(key), 'a removed time')}: {answers.get(value, value)}"
        for key, value in payload.get("answers", {}).items()
    )
