"""Forms for writing, checking and answering opportunities, the board's filters and a
person's choices. Every message names its field, GOV.UK style."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from levelfield.lib.forms import HoneypotForm
from levelfield.notifications.kinds import Frequency
from levelfield.opportunities import reach
from levelfield.opportunities.models import Involvement, Mode, Opportunity, Region, Topic
from levelfield.people.models import PerspectiveKind

DATE_HELP = _("For example, 27 3 2027 or 2027-03-27.")
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


def _date(
    label: object, *, required_message: object = "", help_text: object = DATE_HELP
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=bool(required_message),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "required": required_message or _("Enter a date."),
            "invalid": format_lazy(_("Enter a real date for “{label}”."), label=label),
        },
    )


class TopicChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


def _topics(label: object, help_text: object = "") -> TopicChoice:
    return TopicChoice(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
    )


class OpportunityForm(forms.ModelForm):
    topics = _topics(_("Topics (optional)"), _("People who chose these topics hear about it."))
    perspectives = forms.MultipleChoiceField(
        label=_("Perspectives you are looking for (optional)"),
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The people who answer are listed by these, so you can see whose voice is missing."
        ),
    )
    starts_on = _date(_("Starts on (optional)"))
    ends_on = _date(_("Ends on (optional)"))
    closes_on = _date(
        _("Closing date"),
        required_message=_("Enter the closing date."),
        help_text=format_lazy("{} {}", _("The last day people can express interest."), DATE_HELP),
    )
    paid = forms.TypedChoiceField(
        label=_("Is it paid?"),
        choices=[
            ("yes", _("Yes, paid under the collective’s payment policy")),
            ("no", _("No, unpaid")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is paid.")},
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "summary",
            "who_for",
            "perspectives",
            "involvement",
            "topics",
            "time_needed",
            "starts_on",
            "ends_on",
            "mode",
            "region",
            "accessibility",
            "paid",
            "payment",
            "gains",
            "how_to_ask",
            "closes_on",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "who_for": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "payment": forms.Textarea(attrs={"rows": 2}),
            "gains": forms.Textarea(attrs={"rows": 3}),
            "how_to_ask": forms.Textarea(attrs={"rows": 2}),
            "involvement": forms.RadioSelect,
            "mode": forms.RadioSelect,
        }
        labels = {
            "title": _("Role title"),
            "summary": _("What it is"),
            "who_for": _("Who it is for"),
            "involvement": _("Kind of involvement"),
            "time_needed": _("How much time it takes"),
            "mode": _("Online or in person"),
            "accessibility": _("Accessibility (optional)"),
            "payment": _("What it pays (optional)"),
            "gains": _("What people gain (optional)"),
            "how_to_ask": _("How to ask questions (optional)"),
        }
        help_texts = {
            "title": _("For example: Young people’s advisor for a mental health study."),
            "summary": _("What the project is and what the person would do, in plain words."),
            "who_for": _(
                "The lived experience you are looking for, in plain words. For "
                "example: young people aged 16 to 25 who have used mental health services."
            ),
            "time_needed": _("For example: 2 hours a month for a year."),
            "region": _("Where the meetings are, or Anywhere if it is online only."),
            "accessibility": _(
                "Step-free access, breaks, papers in advance, help with "
                "technology, a quiet room..."
            ),
            "payment": _("For example: £25 an hour and travel expenses."),
            "gains": _("Training, a certificate, meeting others, seeing research change."),
            "how_to_ask": _("Who to ask and how, if someone has a question first."),
        }
        error_messages = {
            "title": {"required": _("Enter the role title.")},
            "summary": {"required": _("Enter what the opportunity is.")},
            "who_for": {"required": _("Enter who it is for.")},
            "involvement": {"required": _("Choose the kind of involvement.")},
            "time_needed": {"required": _("Enter how much time it takes.")},
            "mode": {"required": _("Choose whether it is online or in person.")},
            "region": {"required": _("Choose the region.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["involvement"].choices = Involvement.choices
        self.fields["mode"].choices = Mode.choices
        self.fields["region"].choices = [("", _("Choose a region")), *Region.choices]
        if self.instance.pk and not self.is_bound:
            self.initial["paid"] = "yes" if self.instance.paid else "no"
            self.initial["topics"] = list(self.instance.topics.values_list("pk", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on", _("The end date must be the same as or after the start date.")
            )
        return data

    def values(self) -> dict[str, Any]:
        """What the service takes: every field but the topics."""
        data = dict(self.cleaned_data)
        data.pop("topics", None)
        return data


class SendBackForm(forms.Form):
    comments = forms.CharField(
        label=_("Comments for the writer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What to change before it can go live. The writer sees these and they "
            "stay in the history."
        ),
        max_length=5000,
        error_messages={
            "required": _("Enter your comments for the writer."),
            "max_length": _("Comments must be 5,000 characters or fewer."),
        },
    )


REACH_CONSENT_HELP = _(
    "These questions help the organisers see whether they reach people who are less "
    "often heard, and where people drop out. Every question is optional. Your answers "
    "are kept apart from your name, your email address and everything else you send: "
    "they are only added to totals, so nobody, not even the organisers, can see which "
    "answers are yours. Organisers see a total only when 5 or more people gave the "
    "same answer."
)


class ReachForm(forms.Form):
    """Equality monitoring ("reach"): every question optional, each with "Prefer not to
    say", kept only if the person ticks the consent box (see reach.py)."""

    reach_consent = forms.BooleanField(
        label=_("I agree to answer these equality monitoring questions"),
        required=False,
        help_text=REACH_CONSENT_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in reach.QUESTIONS:
            self.fields[f"reach_{question.name}"] = forms.ChoiceField(
                label=format_lazy(_("{label} (optional)"), label=question.label),
                choices=question.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"small": True}),
                error_messages={
                    "invalid_choice": format_lazy(
                        _("Choose one of the answers to “{label}”."), label=question.label
                    )
                },
            )

    @property
    def reach_fields(self) -> list[Any]:
        return [self[f"reach_{question.name}"] for question in reach.QUESTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = any(data.get(f"reach_{question.name}") for question in reach.QUESTIONS)
        if given and not data.get("reach_consent"):
            self.add_error(
                "reach_consent",
                _(
                    "Tick the box to agree to the equality monitoring questions, or leave "
                    "them all empty."
                ),
            )
        return data

    def reach_answers(self) -> dict[str, str] | None:
        """The answers to count, or None when the person did not agree to answer."""
        if not self.cleaned_data.get("reach_consent"):
            return None
        return reach.cleaned(
            {
                question.name: self.cleaned_data.get(f"reach_{question.name}") or ""
                for question in reach.QUESTIONS
            }
        )


class KeepInMindForm(forms.Form):
    keep = forms.ChoiceField(
        label=_("Shall the organisers keep you in mind for future opportunities?"),
        choices=[
            ("yes", _("Yes, keep me in mind")),
            ("no", _("No, thank you")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "If you say yes, organisers of the same collective’s later "
            "opportunities see your name and email address, and may contact you. You can "
            "change your answer here at any time."
        ),
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )


class InterestForm(ReachForm, HoneypotForm):
    """Expressing interest: no account needed. Access needs are asked for only as
    something to share with the organisers: writing them is the choice to share them."""

    name = forms.CharField(
        label=_("Your name"), max_length=120, error_messages={"required": _("Enter your name.")}
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The organisers reply here. We send you a confirmation and nothing else."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    why = forms.CharField(
        label=_("Why are you interested?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("A few sentences are enough. There are no wrong answers."),
        error_messages={
            "required": _("Say why you are interested."),
            "max_length": _("Why you are interested must be 3,000 characters or fewer."),
        },
    )
    perspectives = forms.MultipleChoiceField(
        label=_("Which perspectives do you bring? (optional)"),
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs = forms.CharField(
        label=_("Anything that would help you take part (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "For example: step-free access, a hearing loop, papers in large print. "
            "If you write something here, you agree that we share it with the organisers of "
            "this opportunity only. Leave it empty if you would rather not."
        ),
        error_messages={"max_length": _("Access needs must be 2,000 characters or fewer.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers may keep my name, email address and answers to "
            "reply to me about this opportunity"
        ),
        error_messages={
            "required": _("Tick the box to agree, so the organisers can reply to you.")
        },
    )

    field_order = ["name", "email", "why", "perspectives", "access_needs", "consent", "website"]


class PreferenceForm(forms.Form):
    topics = _topics(_("Topics you want to hear about"))
    involvements = forms.MultipleChoiceField(
        label=_("Kinds of involvement you want to hear about"),
        choices=Involvement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("How often should we email you?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often we should email you.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("frequency") not in (None, Frequency.OFF)
            and not data.get("topics")
            and not data.get("involvements")
        ):
            self.add_error("topics", _("Choose at least one topic or kind of involvement."))
        return data


class BoardFilterForm(forms.Form):
    """The board's filters, sent by GET (bookmarkable, no JavaScript)."""

    ANY = [("", _("Any"))]

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any topic"),
        label=_("Topic"),
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    involvement = forms.ChoiceField(
        label=_("Kind of involvement"), choices=ANY + Involvement.choices, required=False
    )
    mode = forms.ChoiceField(
        label=_("Online or in person"), choices=ANY + Mode.choices, required=False
    )
    region = forms.ChoiceField(label=_("Region"), choices=ANY + Region.choices, required=False)
    paid = forms.ChoiceField(
        label=_("Paid or not"),
        choices=[
            ("", _("Any")),
            ("yes", pgettext_lazy("opportunity", "Paid")),
            ("no", _("Unpaid")),
        ],
        required=False,
    )

    def filter(self, opportunities: Any) -> Any:
        if not self.is_valid():
            return opportunities
        data = self.cleaned_data
        if data.get("topic"):
            opportunities = opportunities.filter(topics=data["topic"])
        if data.get("involvement"):
            opportunities = opportunities.filter(involvement=data["involvement"])
        if data.get("mode") == Mode.ONLINE:
            opportunities = opportunities.filter(mode__in=[Mode.ONLINE, Mode.BOTH])
        elif data.get("mode") == Mode.IN_PERSON:
            opportunities = opportunities.filter(mode__in=[Mode.IN_PERSON, Mode.BOTH])
        elif data.get("mode"):
            opportunities = opportunities.filter(mode=Mode.BOTH)
        if data.get("region"):
            opportunities = opportunities.filter(region__in=[data["region"], Region.ANYWHERE])
        if data.get("paid"):
            opportunities = opportunities.filter(paid=data["paid"] == "yes")
        return opportunities


class SelectionForm(forms.Form):
    """The selection aid's settings. The seed makes the draw one anyone can rerun."""

    places = forms.IntegerField(
        label=_("How many places are there?"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Enter how many places there are."),
            "invalid": _("Enter how many places there are as a whole number, like 6."),
            "min_value": _("Enter how many places there are, 1 or more."),
            "max_value": _("Enter 500 places or fewer."),
        },
    )
    first_time_share = forms.IntegerField(
        label=_("Places kept for people doing this for the first time (optional)"),
        min_value=0,
        max_value=500,
        required=False,
        help_text=_("First-time people fill these before the rest are drawn by lot."),
        error_messages={
            "invalid": _("Enter the places kept for first-time people as a whole number."),
            "min_value": _("Enter 0 or more places for first-time people."),
            "max_value": _("Enter 500 places or fewer for first-time people."),
        },
    )
    seed = forms.IntegerField(
        label=_("The number the draw starts from (the seed)"),
        min_value=0,
        max_value=2**31,
        help_text=_("Anyone who runs the draw again with this number gets the same people."),
        error_messages={
            "required": _("Enter the number the draw starts from."),
            "invalid": _("Enter the seed as a whole number, like 20261205."),
            "min_value": _("Enter a seed of 0 or more."),
            "max_value": _("Enter a smaller seed."),
        },
    )
