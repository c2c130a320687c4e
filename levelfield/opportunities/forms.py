"""Forms for writing, checking and answering opportunities, the board's filters and a
person's choices. Every message names its field, GOV.UK style."""

from __future__ import annotations

from typing import Any

from django import forms

from levelfield.lib.forms import HoneypotForm
from levelfield.notifications.kinds import Frequency
from levelfield.opportunities import reach
from levelfield.opportunities.models import Involvement, Mode, Opportunity, Region, Topic
from levelfield.people.models import PerspectiveKind

DATE_HELP = "For example, 27 3 2027 or 2027-03-27."
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


def _date(
    label: str, *, required_message: str = "", help_text: str = DATE_HELP
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=bool(required_message),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "required": required_message or "Enter a date.",
            "invalid": f"Enter a real date for “{label}”.",
        },
    )


class TopicChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


def _topics(label: str, help_text: str = "") -> TopicChoice:
    return TopicChoice(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
    )


class OpportunityForm(forms.ModelForm):
    topics = _topics("Topics (optional)", "People who chose these topics hear about it.")
    perspectives = forms.MultipleChoiceField(
        label="Perspectives you are looking for (optional)",
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The people who answer are listed by these, so you can see whose voice "
        "is missing.",
    )
    starts_on = _date("Starts on (optional)")
    ends_on = _date("Ends on (optional)")
    closes_on = _date(
        "Closing date",
        required_message="Enter the closing date.",
        help_text="The last day people can express interest. " + DATE_HELP,
    )
    paid = forms.TypedChoiceField(
        label="Is it paid?",
        choices=[("yes", "Yes, paid under the collective’s payment policy"), ("no", "No, unpaid")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is paid."},
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
            "title": "Role title",
            "summary": "What it is",
            "who_for": "Who it is for",
            "involvement": "Kind of involvement",
            "time_needed": "How much time it takes",
            "mode": "Online or in person",
            "accessibility": "Accessibility (optional)",
            "payment": "What it pays (optional)",
            "gains": "What people gain (optional)",
            "how_to_ask": "How to ask questions (optional)",
        }
        help_texts = {
            "title": "For example: Young people’s advisor for a mental health study.",
            "summary": "What the project is and what the person would do, in plain words.",
            "who_for": "The lived experience you are looking for, in plain words. For "
            "example: young people aged 16 to 25 who have used mental health services.",
            "time_needed": "For example: 2 hours a month for a year.",
            "region": "Where the meetings are, or Anywhere if it is online only.",
            "accessibility": "Step-free access, breaks, papers in advance, help with "
            "technology, a quiet room...",
            "payment": "For example: £25 an hour and travel expenses.",
            "gains": "Training, a certificate, meeting others, seeing research change.",
            "how_to_ask": "Who to ask and how, if someone has a question first.",
        }
        error_messages = {
            "title": {"required": "Enter the role title."},
            "summary": {"required": "Enter what the opportunity is."},
            "who_for": {"required": "Enter who it is for."},
            "involvement": {"required": "Choose the kind of involvement."},
            "time_needed": {"required": "Enter how much time it takes."},
            "mode": {"required": "Choose whether it is online or in person."},
            "region": {"required": "Choose the region."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["involvement"].choices = Involvement.choices
        self.fields["mode"].choices = Mode.choices
        self.fields["region"].choices = [("", "Choose a region"), *Region.choices]
        if self.instance.pk and not self.is_bound:
            self.initial["paid"] = "yes" if self.instance.paid else "no"
            self.initial["topics"] = list(self.instance.topics.values_list("pk", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date.")
        return data

    def values(self) -> dict[str, Any]:
        """What the service takes: every field but the topics."""
        data = dict(self.cleaned_data)
        data.pop("topics", None)
        return data


class SendBackForm(forms.Form):
    comments = forms.CharField(
        label="Comments for the writer",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What to change before it can go live. The writer sees these and they "
        "stay in the history.",
        max_length=5000,
        error_messages={
            "required": "Enter your comments for the writer.",
            "max_length": "Comments must be 5,000 characters or fewer.",
        },
    )


REACH_CONSENT_HELP = (
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
        label="I agree to answer these equality monitoring questions",
        required=False,
        help_text=REACH_CONSENT_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in reach.QUESTIONS:
            self.fields[f"reach_{question.name}"] = forms.ChoiceField(
                label=f"{question.label} (optional)",
                choices=question.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"small": True}),
                error_messages={
                    "invalid_choice": f"Choose one of the answers to “{question.label}”."
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
                "Tick the box to agree to the equality monitoring questions, or leave "
                "them all empty.",
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
        label="Shall the organisers keep you in mind for future opportunities?",
        choices=[
            ("yes", "Yes, keep me in mind"),
            ("no", "No, thank you"),
        ],
        widget=forms.RadioSelect,
        help_text="If you say yes, organisers of the same collective’s later "
        "opportunities see your name and email address, and may contact you. You can "
        "change your answer here at any time.",
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )


class InterestForm(ReachForm, HoneypotForm):
    """Expressing interest: no account needed. Access needs are asked for only as
    something to share with the organisers: writing them is the choice to share them."""

    name = forms.CharField(
        label="Your name", max_length=120, error_messages={"required": "Enter your name."}
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="The organisers reply here. We send you a confirmation and nothing else.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )
    why = forms.CharField(
        label="Why are you interested?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text="A few sentences are enough. There are no wrong answers.",
        error_messages={
            "required": "Say why you are interested.",
            "max_length": "Why you are interested must be 3,000 characters or fewer.",
        },
    )
    perspectives = forms.MultipleChoiceField(
        label="Which perspectives do you bring? (optional)",
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs = forms.CharField(
        label="Anything that would help you take part (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example: step-free access, a hearing loop, papers in large print. "
        "If you write something here, you agree that we share it with the organisers of "
        "this opportunity only. Leave it empty if you would rather not.",
        error_messages={"max_length": "Access needs must be 2,000 characters or fewer."},
    )
    consent = forms.BooleanField(
        label="I agree that the organisers may keep my name, email address and answers to "
        "reply to me about this opportunity",
        error_messages={"required": "Tick the box to agree, so the organisers can reply to you."},
    )

    field_order = ["name", "email", "why", "perspectives", "access_needs", "consent", "website"]


class PreferenceForm(forms.Form):
    topics = _topics("Topics you want to hear about")
    involvements = forms.MultipleChoiceField(
        label="Kinds of involvement you want to hear about",
        choices=Involvement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label="How often should we email you?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often we should email you."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("frequency") not in (None, Frequency.OFF)
            and not data.get("topics")
            and not data.get("involvements")
        ):
            self.add_error("topics", "Choose at least one topic or kind of involvement.")
        return data


class BoardFilterForm(forms.Form):
    """The board's filters, sent by GET (bookmarkable, no JavaScript)."""

    ANY = [("", "Any")]

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
        label="Topic",
        error_messages={"invalid_choice": "Choose a topic from the list."},
    )
    involvement = forms.ChoiceField(
        label="Kind of involvement", choices=ANY + Involvement.choices, required=False
    )
    mode = forms.ChoiceField(
        label="Online or in person", choices=ANY + Mode.choices, required=False
    )
    region = forms.ChoiceField(label="Region", choices=ANY + Region.choices, required=False)
    paid = forms.ChoiceField(
        label="Paid or not",
        choices=[("", "Any"), ("yes", "Paid"), ("no", "Unpaid")],
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
        label="How many places are there?",
        min_value=1,
        max_value=500,
        error_messages={
            "required": "Enter how many places there are.",
            "invalid": "Enter how many places there are as a whole number, like 6.",
            "min_value": "Enter how many places there are, 1 or more.",
            "max_value": "Enter 500 places or fewer.",
        },
    )
    first_time_share = forms.IntegerField(
        label="Places kept for people doing this for the first time (optional)",
        min_value=0,
        max_value=500,
        required=False,
        help_text="First-time people fill these before the rest are drawn by lot.",
        error_messages={
            "invalid": "Enter the places kept for first-time people as a whole number.",
            "min_value": "Enter 0 or more places for first-time people.",
            "max_value": "Enter 500 places or fewer for first-time people.",
        },
    )
    seed = forms.IntegerField(
        label="The number the draw starts from (the seed)",
        min_value=0,
        max_value=2**31,
        help_text="Anyone who runs the draw again with this number gets the same people.",
        error_messages={
            "required": "Enter the number the draw starts from.",
            "invalid": "Enter the seed as a whole number, like 20261205.",
            "min_value": "Enter a seed of 0 or more.",
            "max_value": "Enter a smaller seed.",
        },
    )
