"""Forms for the payment pages; the services check the rules again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.payments.models import Choice, ExpenseCategory, PaymentPolicy
from levelfield.places.member_fields import MemberChoosing, MembersField
from levelfield.places.models import Place

MONEY_FIELD = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0")}


class PolicyForm(MemberChoosing, forms.ModelForm):
    """The policy's rules, and its approvers and finance officers, chosen from the
    members of `place` (the collective's own place)."""

    approvers = MembersField(
        label=gettext_lazy("Approvers"),
        required=False,
        help_text=gettext_lazy("Coordinators always approve; you may name others too."),
        error_messages={
            "invalid_choice": gettext_lazy("Choose approvers who are members of the collective.")
        },
    )
    finance_officers = MembersField(
        label=gettext_lazy("Finance officers"),
        required=False,
        help_text=gettext_lazy(
            "They take approved claims out for the finance system and mark them paid."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose finance officers who are members of the collective."
            )
        },
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
        ]
        labels = {
            "hourly_up_to_minutes": gettext_lazy("Pay by the hour for up to this many minutes"),
            "half_day_up_to_minutes": gettext_lazy(
                "Pay a half day for up to this many minutes (more is a day)"
            ),
        }

    def __init__(self, *args: object, place: Place, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in ("approvers", "finance_officers"):
            if self.instance.pk and not self.is_bound:
                self.initial[name] = [person.pk for person in getattr(self.instance, name).all()]
            self.offer_members(name, place)

    def clean(self) -> dict:
        data = super().clean()
        hourly, half_day = data.get("hourly_up_to_minutes"), data.get("half_day_up_to_minutes")
        if hourly is not None and half_day is not None and half_day < hourly:
            self.add_error(
                "half_day_up_to_minutes",
                _("The half-day limit must be at least the hourly limit."),
            )
        return data


class RateForm(forms.Form):
    effective_from = forms.DateField(
        label=gettext_lazy("Applies to activity on or after"),
        help_text=gettext_lazy("For example, 6 4 2027 or 2027-04-06. It cannot be in the past."),
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )
    hourly = forms.DecimalField(label=gettext_lazy("Per hour (£)"), **MONEY_FIELD)
    half_day = forms.DecimalField(label=gettext_lazy("Per half day (£)"), **MONEY_FIELD)
    day = forms.DecimalField(label=gettext_lazy("Per day (£)"), **MONEY_FIELD)
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=200)


class CategoryForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=80, help_text=gettext_lazy("For example, Travel.")
    )
    limit = forms.DecimalField(label=gettext_lazy("Most per claim (£)"), **MONEY_FIELD)
    receipt_over = forms.DecimalField(
        label=gettext_lazy("Receipt needed for amounts over (£)"),
        help_text=gettext_lazy("0 means a receipt is always needed."),
        **MONEY_FIELD,
    )
    cost_code = forms.CharField(
        label=gettext_lazy("Cost code (optional)"), required=False, max_length=40
    )


class ClaimForm(forms.Form):
    participations = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Which activities are you claiming for?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one activity to claim for.")},
    )
    choice = forms.ChoiceField(
        label=gettext_lazy("How would you like to be paid?"),
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
                    label=_("Hours of %(unpaid)s in: %(activity)s")
                    % {"unpaid": unpaid, "activity": label},
                    required=False,
                    min_value=Decimal(0),
                    max_digits=4,
                    decimal_places=2,
                    help_text=gettext_lazy(
                        "Leave empty if none. For example, 0.5 for half an hour."
                    ),
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
                self.add_error(
                    name,
                    _("The %(unpaid)s cannot be more than the time recorded.")
                    % {"unpaid": self.unpaid},
                )
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
        label=gettext_lazy("How would you like to be paid?"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
    )


class ExpenseForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("What is it for?"),
        queryset=ExpenseCategory.objects.none(),
        empty_label=None,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        help_text=gettext_lazy("For example, Bus from Headingley and back."),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (£)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    receipt = forms.FileField(
        label=gettext_lazy("Receipt (optional unless the category needs one)"),
        required=False,
        help_text=gettext_lazy("A PDF, JPG or PNG, smaller than 10 MB."),
    )

    def __init__(self, *args: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Your question"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Your answer"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it not approved?"),
        help_text=gettext_lazy("The claimant sees this."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("Date paid"),
        help_text=gettext_lazy("For example, 2027-04-06."),
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )


class YearlyLimitForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (£) you do not want to pass in a tax year"),
        required=False,
        help_text=gettext_lazy("Leave empty for no limit. Only you see this."),
        **MONEY_FIELD,
    )


# GOV.UK-style messages that name the field, instead of Django's "This field is required."
# or "Enter a number." (tests/test_no_default_error_messages.py walks every form).
_MESSAGES: dict[type[forms.BaseForm], dict[str, dict[str, str]]] = {
    PolicyForm: {
        "hourly_up_to_minutes": {
            "required": gettext_lazy("Enter how many minutes are paid by the hour"),
            "invalid": gettext_lazy(
                "Enter the minutes paid by the hour as a whole number, like 180"
            ),
        },
        "half_day_up_to_minutes": {
            "required": gettext_lazy("Enter how many minutes are paid as a half day"),
            "invalid": gettext_lazy(
                "Enter the minutes paid as a half day as a whole number, like 300"
            ),
        },
        "pay_within_days": {
            "required": gettext_lazy("Enter how many days people should be paid within"),
            "invalid": gettext_lazy("Enter the days to pay within as a whole number, like 30"),
        },
        "yearly_warning_amount": {
            "invalid": gettext_lazy("Enter the yearly amount in pounds and pence, like 12.50")
        },
    },
    RateForm: {
        "effective_from": {
            "required": gettext_lazy("Enter the date the rates apply from"),
            "invalid": gettext_lazy("Enter the date the rates apply from, like 2027-04-06"),
        },
        "hourly": {
            "required": gettext_lazy("Enter the rate per hour"),
            "invalid": gettext_lazy("Enter the rate per hour in pounds and pence, like 12.50"),
        },
        "half_day": {
            "required": gettext_lazy("Enter the rate per half day"),
            "invalid": gettext_lazy("Enter the rate per half day in pounds and pence, like 12.50"),
        },
        "day": {
            "required": gettext_lazy("Enter the rate per day"),
            "invalid": gettext_lazy("Enter the rate per day in pounds and pence, like 12.50"),
        },
    },
    CategoryForm: {
        "name": {"required": gettext_lazy("Enter a name for the kind of expense")},
        "limit": {
            "required": gettext_lazy("Enter the most that can be claimed for it"),
            "invalid": gettext_lazy("Enter the most per claim in pounds and pence, like 12.50"),
        },
        "receipt_over": {
            "required": gettext_lazy("Enter the amount over which a receipt is needed"),
            "invalid": gettext_lazy(
                "Enter the amount over which a receipt is needed in pounds and pence, like 12.50"
            ),
        },
    },
    ClaimForm: {"choice": {"required": gettext_lazy("Choose how you would like to be paid")}},
    ChoiceForm: {"choice": {"required": gettext_lazy("Choose how you would like to be paid")}},
    ExpenseForm: {
        "category": {"required": gettext_lazy("Choose what the expense is for")},
        "description": {"required": gettext_lazy("Describe the expense")},
        "amount": {
            "required": gettext_lazy("Enter the amount"),
            "invalid": gettext_lazy("Enter the amount in pounds and pence, like 12.50"),
        },
    },
    QuestionForm: {"question": {"required": gettext_lazy("Enter your question")}},
    AnswerForm: {"answer": {"required": gettext_lazy("Enter your answer")}},
    RejectForm: {"reason": {"required": gettext_lazy("Enter why the claim is not approved")}},
    PaidForm: {
        "paid_on": {
            "required": gettext_lazy("Enter the date the batch was paid"),
            "invalid": gettext_lazy("Enter the date paid like 2027-04-06"),
        }
    },
    YearlyLimitForm: {
        "amount": {"invalid": gettext_lazy("Enter the amount in pounds and pence, like 12.50")}
    },
}
for _form, _fields in _MESSAGES.items():
    for _name, _messages in _fields.items():
        _form.base_fields[_name].error_messages.update(_messages)
