"""What every method family knows, and the shapes its results take.

A family is one class: the response form's fields, how a response is checked, how it
fills the form again, how it reads in words, how results are built from the pure
tallies (tallies.py) and which settings the start form asks for. Adding a method means
adding one module to this package and one line to the registry in `__init__.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from levelfield.decisions.counting import Counted
    from levelfield.decisions.models import Decision, Option

NUMBER_ATTRS = {"class": "govuk-input--width-3", "inputmode": "numeric"}
REMOVED_OPTION = "a removed option"
# Responses that stand in the way; with "reasons for objections" they need a reason.
OBJECTIONS = frozenset({"disagree", "block", "object", "serious_disagreement", "veto"})
BLOCKS = frozenset({"block", "veto"})


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None = None
    percent: Decimal | None = None
    key: str = ""
    cells: list[Any] = field(default_factory=list)
    leading: bool = False


@dataclass(frozen=True)
class Reason:
    who: str  # empty for anonymous decisions
    answer: str
    text: str
    stance: str = ""

    @property
    def is_block(self) -> bool:
        return self.stance in BLOCKS


@dataclass
class Results:
    method: str
    responses: int
    rows: list[Row] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    headline: str = ""
    blocks: int = 0
    passes: bool | None = None
    # Ranked choice
    round_headers: list[str] = field(default_factory=list)
    round_notes: list[str] = field(default_factory=list)
    borda_rows: list[Row] = field(default_factory=list)
    borda_winners: list[str] = field(default_factory=list)
    condorcet_winner: str = ""
    # Time polls: option ids best first
    best_option_ids: list[int] = field(default_factory=list)
    # Set from the family (results.py): its template and what it calls reasons.
    template: str = ""
    reasons_word: str = "comments"


class MethodFamily:
    """The methods that share a payload shape. Subclasses fill in every hook."""

    # What the start form asks for besides the common fields, and whether options are given.
    create_fields: ClassVar[tuple[str, ...]] = ("options",)
    has_options: ClassVar[bool] = True
    # Whether "a reason is needed to disagree, object or block" means anything here.
    has_objections: ClassVar[bool] = False
    descriptions: ClassVar[dict[str, str]] = {}
    # The template showing this family's results (under templates/decisions/methods/).
    results_template: ClassVar[str] = ""
    # What the reasons people give are called on the results ("reasons", "comments").
    reasons_word: ClassVar[str] = gettext_lazy("comments")
    # Whether some answers block (blocks and vetoes are shown first).
    has_blocks: ClassVar[bool] = False
    # Whether the options are times (proposed in a time zone, with a duration).
    options_are_times: ClassVar[bool] = False
    # The methods of this family a decision to adopt something may use.
    adoption_methods: ClassVar[frozenset[str]] = frozenset()

    def create_fields_for(self, method: str) -> tuple[str, ...]:
        """The start form's fields for this method's own settings."""
        return self.create_fields

    def settings_words(self, decision: Decision) -> str:
        """The method's own settings in words, after its name (": 10 dots each")."""
        return ""

    def settings_errors(self, method: str, data: Mapping[str, Any]) -> dict[str, str]:
        """Problems with this method's own settings on the start form, by field."""
        return {}

    # The response form

    def legend(self, decision: Decision) -> str:
        """The heading over a group of per-option fields ('' when there is one question)."""
        return ""

    def legend_hint(self, decision: Decision) -> str:
        return ""

    def add_fields(self, form: Any) -> None:
        """Add the answer fields to a `ResponseForm` (see forms.py)."""
        raise NotImplementedError

    def payload_from(self, form: Any, data: dict[str, Any]) -> dict[str, Any]:
        """The form's cleaned data as a payload, before `validate` checks it."""
        raise NotImplementedError

    def initial(self, decision: Decision, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Form values that show someone their current response so they can change it."""
        raise NotImplementedError

    # Checking and reading responses

    def validate(
        self, decision: Decision, option_ids: list[int], payload: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The response in its stored shape, or ValidationError saying what is wrong."""
        raise NotImplementedError

    def is_objection(self, payload: Mapping[str, Any]) -> bool:
        return False

    def summary(
        self, decision: Decision, labels: Mapping[int, str], payload: Mapping[str, Any]
    ) -> str:
        """A response in words, e.g. "1. Tea, 2. Coffee" or "Tea: 3 dots"."""
        raise NotImplementedError

    def marks(self, payload: Mapping[str, Any]) -> list[str]:
        """The marks one response adds to its decision's kept counts (counting.py)."""
        raise NotImplementedError

    def sample(
        self, decision: Decision, option_ids: list[int], weights: list[int], rng: Random
    ) -> dict[str, Any]:
        """One made-up answer for scale data (scale.py, `make bench`), before the
        services check it; `weights` make some options far more popular, as in real polls."""
        raise NotImplementedError

    def adopts(self, decision: Decision, results: Results) -> bool:
        """Whether a closed decision with these results adopts what it decides on
        (decisions/adoptions.py); only methods in `adoption_methods` are asked."""
        return False

    # Results

    def results(
        self,
        decision: Decision,
        option_ids: list[int],
        labels: dict[int, str],
        counted: Counted,
    ) -> Results:
        """Results from the decision's kept counts (see counting.py)."""
        raise NotImplementedError


# Helpers the families share


def option_field_add(form: Any, option: Option, field_: forms.Field) -> None:
    name = f"option_{option.pk}"
    form.fields[name] = field_
    form.option_field_names.append(name)


def option_values(form: Any, data: dict[str, Any]) -> dict[int, Any]:
    return {option.pk: data.get(f"option_{option.pk}") for option in form.options}


def number_field(label: str, low: int, high: int, hint: str, range_message: str) -> forms.Field:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=hint,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
        error_messages={
            "invalid": gettext_lazy("Enter a whole number."),
            "min_value": range_message,
            "max_value": range_message,
        },
    )


def option_choices(form: Any) -> list[tuple[str, str]]:
    return [(str(option.pk), form.labels[option.pk]) for option in form.options]


def option_list(value: Any, option_ids: Sequence[int]) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(is_int(item) for item in value):
        raise ValidationError(_("The options could not be read. Please try again."))
    chosen = [int(item) for item in value]
    if len(set(chosen)) != len(chosen):
        raise ValidationError(_("Each option can appear only once."), code="duplicate")
    if set(chosen) - set(option_ids):
        raise ValidationError(_("One of the options is not part of this decision."))
    return chosen


def option_numbers(value: Any, option_ids: Sequence[int], what: str) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(
            _("The %(what)s could not be read. Please try again.") % {"what": what}
        )
    known = {str(option_id) for option_id in option_ids}
    cleaned: dict[str, int] = {}
    for key, number in value.items():
        if str(key) not in known:
            raise ValidationError(_("One of the options is not part of this decision."))
        if not is_int(number):
            raise ValidationError(_("Use whole numbers for %(what)s.") % {"what": what}, code=what)
        cleaned[str(key)] = int(number)
    return cleaned


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def label_of(labels: Mapping[int, str], key: Any, missing: str = REMOVED_OPTION) -> str:
    return labels.get(int(key), missing)


def int_keys(mapping: Mapping[str, Any]) -> dict[int, Any]:
    return {int(key): value for key, value in mapping.items()}
