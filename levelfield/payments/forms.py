"""Forms for the payment pages; the services check the rules again."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from levelfield.payments.models import Choice, ExpenseCategory, PaymentPolicy
from levelfield.people.models import User

MONEY_FIELD = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0")}


class PolicyForm(forms.ModelForm):
    approvers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Coordinators always approve; you may name others too.",
    )
    finance_officers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They take approved claims out for the finance system and mark them paid.",
    )

    class Meta:
        model = PaymentPolicy
        fields = [
            "hourly_up_to_minutes",
            "half_day_up_to_minutes",
            "counts_preparation",
            "counts_travel",
            "pay_within_days",
            "fee_cost_code",
            "yearly_warning_amount",
            "notes",
            "approvers",
            "finance_officers",
        ]
        labels = {
            "hourly_up_to_minutes": "Pay by the hour for up to this many minutes",
            "half_day_up_to_minutes": "Pay a half day for up to this many minutes (more is a day)",
        }

    def __init__(self, *args: object, members: list[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        queryset = User.objects.filter(pk__in=[m.pk for m in members])
        self.fields["approvers"].queryset = queryset
        self.fields["finance_officers"].queryset = queryset

    def clean(self) -> dict:
        data = super().clean()
        hourly, half_day = data.get("hourly_up_to_minutes"), data.get("half_day_up_to_minutes")
        if hourly is not None and half_day is not None and half_day < hourly:
            self.add_error(
                "half_day_up_to_minutes", "The half-day limit must be at least the hourly limit."
            )
        return data


class RateForm(forms.Form):
    effective_from = forms.DateField(
        label="Applies to activity on or after",
        help_text="For example, 6 4 2027 or 2027-04-06. It cannot be in the past.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )
    hourly = forms.DecimalField(label="Per hour (£)", **MONEY_FIELD)
    half_day = forms.DecimalField(label="Per half day (£)", **MONEY_FIELD)
    day = forms.DecimalField(label="Per day (£)", **MONEY_FIELD)
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)


class CategoryForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80, help_text="For example, Travel.")
    limit = forms.DecimalField(label="Most per claim (£)", **MONEY_FIELD)
    receipt_over = forms.DecimalField(
        label="Receipt needed for amounts over (£)",
        help_text="0 means a receipt is always needed.",
        **MONEY_FIELD,
    )
    cost_code = forms.CharField(label="Cost code (optional)", required=False, max_length=40)


class ClaimForm(forms.Form):
    participations = forms.TypedMultipleChoiceField(
        label="Which activities are you claiming for?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one activity to claim for."},
    )
    choice = forms.ChoiceField(
        label="How would you like to be paid?",
        choices=Choice.choices,
        initial=Choice.FEE,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: object,
        options: list[tuple[int, str]],
        unpaid: str = "",
        minutes: dict[int, int] | None = None,
        **kwargs: object,
    ) -> None:
        """`unpaid` names the time the policy does not pay for ("preparation or
        travel", "travel", ...); when given, each activity gets a question about how
        much of its time that was. `minutes` is each activity's recorded time."""
        super().__init__(*args, **kwargs)
        self.fields["participations"].choices = options
        self.unpaid = unpaid
        self.minutes = minutes or {}
        if unpaid:
            for pk, label in options:
                self.fields[f"unpaid_{pk}"] = forms.DecimalField(
                    label=f"Hours of {unpaid} in: {label}",
                    required=False,
                    min_value=Decimal(0),
                    max_digits=4,
                    decimal_places=2,
                    help_text="Leave empty if none. For example, 0.5 for half an hour.",
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}
                    ),
                )

    def unpaid_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("unpaid_")]

    def clean(self) -> dict:
        data = super().clean()
        for name in [n for n in self.fields if n.startswith("unpaid_")]:
            hours = data.get(name)
            pk = int(name.removeprefix("unpaid_"))
            if hours and round(hours * 60) > self.minutes.get(pk, 0):
                self.add_error(name, f"The {self.unpaid} cannot be more than the time recorded.")
        return data

    def unpaid_minutes(self) -> dict[int, int]:
        """Participation id -> minutes not paid, for the activities chosen."""
        chosen = set(self.cleaned_data["participations"])
        return {
            pk: round(hours * 60)
            for name, hours in self.cleaned_data.items()
            if name.startswith("unpaid_")
            and hours
            and (pk := int(name.removeprefix("unpaid_"))) in chosen
        }


class ChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label="How would you like to be paid?", choices=Choice.choices, widget=forms.RadioSelect
    )


class ExpenseForm(forms.Form):
    category = forms.ModelChoiceField(
        label="What is it for?", queryset=ExpenseCategory.objects.none(), empty_label=None
    )
    description = forms.CharField(
        label="Description", max_length=200, help_text="For example, Bus from Headingley and back."
    )
    amount = forms.DecimalField(
        label="Amount (£)", min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )
    receipt = forms.FileField(
        label="Receipt (optional unless the category needs one)",
        required=False,
        help_text="A PDF, JPG or PNG, smaller than 10 MB.",
    )

    def __init__(self, *args: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class QuestionForm(forms.Form):
    question = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why is it not approved?",
        help_text="The claimant sees this.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(
        label="Date paid",
        help_text="For example, 2027-04-06.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )


class YearlyLimitForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount (£) you do not want to pass in a tax year",
        required=False,
        help_text="Leave empty for no limit. Only you see this.",
        **MONEY_FIELD,
    )


# GOV.UK-style messages that name the field, instead of Django's "This field is required."
# or "Enter a number." (tests/test_no_default_error_messages.py walks every form).
_MONEY_FORMAT = "in pounds and pence, like 12.50"
_MESSAGES: dict[type[forms.BaseForm], dict[str, dict[str, str]]] = {
    PolicyForm: {
        "hourly_up_to_minutes": {
            "required": "Enter how many minutes are paid by the hour",
            "invalid": "Enter the minutes paid by the hour as a whole number, like 180",
        },
        "half_day_up_to_minutes": {
            "required": "Enter how many minutes are paid as a half day",
            "invalid": "Enter the minutes paid as a half day as a whole number, like 300",
        },
        "pay_within_days": {
            "required": "Enter how many days people should be paid within",
            "invalid": "Enter the days to pay within as a whole number, like 30",
        },
        "yearly_warning_amount": {"invalid": f"Enter the yearly amount {_MONEY_FORMAT}"},
    },
    RateForm: {
        "effective_from": {
            "required": "Enter the date the rates apply from",
            "invalid": "Enter the date the rates apply from, like 2027-04-06",
        },
        "hourly": {
            "required": "Enter the rate per hour",
            "invalid": f"Enter the rate per hour {_MONEY_FORMAT}",
        },
        "half_day": {
            "required": "Enter the rate per half day",
            "invalid": f"Enter the rate per half day {_MONEY_FORMAT}",
        },
        "day": {
            "required": "Enter the rate per day",
            "invalid": f"Enter the rate per day {_MONEY_FORMAT}",
        },
    },
    CategoryForm: {
        "name": {"required": "Enter a name for the kind of expense"},
        "limit": {
            "required": "Enter the most that can be claimed for it",
            "invalid": f"Enter the most per claim {_MONEY_FORMAT}",
        },
        "receipt_over": {
            "required": "Enter the amount over which a receipt is needed",
            "invalid": f"Enter the amount over which a receipt is needed {_MONEY_FORMAT}",
        },
    },
    ClaimForm: {"choice": {"required": "Choose how you would like to be paid"}},
    ChoiceForm: {"choice": {"required": "Choose how you would like to be paid"}},
    ExpenseForm: {
        "category": {"required": "Choose what the expense is for"},
        "description": {"required": "Describe the expense"},
        "amount": {
            "required": "Enter the amount",
            "invalid": f"Enter the amount {_MONEY_FORMAT}",
        },
    },
    QuestionForm: {"question": {"required": "Enter your question"}},
    AnswerForm: {"answer": {"required": "Enter your answer"}},
    RejectForm: {"reason": {"required": "Enter why the claim is not approved"}},
    PaidForm: {
        "paid_on": {
            "required": "Enter the date the batch was paid",
            "invalid": "Enter the date paid like 2027-04-06",
        }
    },
    YearlyLimitForm: {"amount": {"invalid": f"Enter the amount {_MONEY_FORMAT}"}},
}
for _form, _fields in _MESSAGES.items():
    for _name, _messages in _fields.items():
        _form.base_fields[_name].error_messages.update(_messages)
