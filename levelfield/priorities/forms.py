"""Forms for priority setting and ideas. Public surveys carry a token (so a second
copy of the same form stores nothing) and a honeypot field people never see."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.lib.forms import HoneypotForm
from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place
from levelfield.priorities.models import RespondentKind, SummaryStatus

DATE = {
    "required": False,
    "input_formats": ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    "help_text": _("For example, 6 4 2027 or 2027-04-06."),
    "error_messages": {"invalid": _("Enter a real date, for example 6 4 2027")},
}
AGE_BANDS = [
    ("", _("I would rather not say")),
    ("under_18", _("Under 18")),
    ("18_34", _("18 to 34")),
    ("35_54", _("35 to 54")),
    ("55_74", _("55 to 74")),
    ("75_plus", _("75 or over")),
]


class PartnershipForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": _("Enter a title")})
    scope = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which questions are in scope and which are not, in plain English."),
        error_messages={"required": _("Say what the partnership covers")},
    )
    survey_closes_on = forms.DateField(label=_("The question survey closes on (optional)"), **DATE)


class PartnershipEditForm(PartnershipForm):
    interim_closes_on = forms.DateField(label=_("The interim survey closes on (optional)"), **DATE)
    workshop_on = forms.DateField(label=_("The final workshop is on (optional)"), **DATE)
    shortlist_size = forms.IntegerField(
        label=_("How many questions go to the workshop"),
        min_value=10,
        max_value=60,
        error_messages={
            "required": _("Enter how many questions go to the workshop"),
            "invalid": _("Enter how many questions go to the workshop as a whole number, like 25"),
            "min_value": _("Send at least 10 questions to the workshop"),
            "max_value": _("Send at most 60 questions to the workshop"),
        },
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        error_messages={"required": _("Choose a stage"), "invalid_choice": _("Choose a stage")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from levelfield.priorities.models import Stage

        self.fields["stage"].choices = [c for c in Stage.choices if c[0] != Stage.PUBLISHED]
        self.fields["stage"].widget = forms.RadioSelect(choices=self.fields["stage"].choices)


class SteeringAddForm(MemberChoosing, forms.Form):
    """A member of the collective (`place`, its own place) to add to the steering group;
    those already on it (`on_group`) are not offered."""

    person = MemberField(
        placeholder=_("Choose a member"),
        label=_("Add to the steering group"),
        error_messages={"required": _("Choose someone"), "invalid_choice": _("Choose someone")},
    )

    def __init__(self, *args: Any, place: Place, on_group: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_members("person", place, leave_out=on_group)


class SurveyForm(HoneypotForm):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    question_1 = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What would you like research to find out? Write it in your own words."),
        error_messages={"required": _("Write at least one question")},
    )
    question_2 = forms.CharField(
        label=_("Another question (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    question_3 = forms.CharField(
        label=_("Another question (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    perspective = forms.ChoiceField(
        label=_("Are you answering as"),
        choices=RespondentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say who you are answering as")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my questions may be used, without my name, to set research "
            "priorities and published in the partnership’s report"
        ),
        error_messages={
            "required": _("Agree to us keeping your questions, or we cannot use them")
        },
    )
    age_band = forms.ChoiceField(
        label=_("Your age (optional)"),
        choices=AGE_BANDS,
        required=False,
        help_text=_("Kept apart from your questions: nobody can link the two."),
    )
    region = forms.CharField(label=_("Where you live (optional)"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        help_text=_(
            "Only if you want to hear when the next survey opens. Kept apart from your questions."
        ),
        error_messages={"invalid": _("Enter an email address like name@example.org")},
    )

    def questions(self) -> list[str]:
        return [self.cleaned_data.get(f"question_{n}", "") for n in (1, 2, 3)]


class InterimForm(HoneypotForm):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    picks = forms.MultipleChoiceField(
        label=_("Choose up to 10 questions"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one question"),
            "invalid_choice": _("Choose questions from the list"),
        },
    )
    perspective = forms.ChoiceField(
        label=_("Are you answering as"),
        choices=RespondentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say who you are answering as")},
    )

    def __init__(self, *args: Any, questions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["picks"].choices = [(str(pk), text) for pk, text in questions]

    def clean_picks(self) -> list[int]:
        picks = [int(pk) for pk in self.cleaned_data["picks"]]
        if len(picks) > 10:
            raise forms.ValidationError(
                gettext("Choose 10 questions at most (you chose %(count)s)")
                % {"count": len(picks)}
            )
        return picks


class SummaryCreateForm(forms.Form):
    text = forms.CharField(
        label=_("Summary question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One researchable question that covers the ones you chose."),
        error_messages={"required": _("Write the summary question")},
    )
    questions = forms.MultipleChoiceField(
        label=_("Submitted questions it covers"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one submitted question"),
            "invalid_choice": _("Choose questions from this page"),
        },
    )

    def __init__(self, *args: Any, questions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = [(str(pk), text) for pk, text in questions]


class SummaryEditForm(forms.Form):
    text = forms.CharField(
        label=_("Summary question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the summary question")},
    )
    status = forms.ChoiceField(
        choices=SummaryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it stands")},
    )
    evidence = forms.CharField(
        label=_("Evidence that answers it"),
        max_length=500,
        required=False,
        help_text=_("Needed when it is already answered, for example a DOI or a review’s title."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") == SummaryStatus.ANSWERED and not data.get("evidence", "").strip():
            self.add_error(
                "evidence", gettext("Give the evidence that answers it, for example a DOI")
            )
        return data


class SetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is out of scope"),
        max_length=300,
        error_messages={"required": _("Say why it is out of scope")},
    )


class GroupAddForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"), max_length=100, error_messages={"required": _("Name the group")}
    )
    round = forms.IntegerField(
        label=_("Round"),
        min_value=1,
        max_value=9,
        initial=1,
        error_messages={
            "required": _("Enter the round"),
            "invalid": _("Enter the round as a whole number, like 1"),
            "min_value": _("Rounds start at 1"),
        },
    )


class GroupRankingForm(forms.Form):
    """One place per shortlisted question; the service checks they are all different."""

    def __init__(self, *args: Any, questions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        count = len(questions)
        for pk, text in questions:
            self.fields[f"q{pk}"] = forms.IntegerField(
                label=text,
                min_value=1,
                max_value=count,
                error_messages={
                    "required": _("Give this question a place"),
                    "min_value": gettext("Use a place from 1 to %(count)s") % {"count": count},
                    "max_value": gettext("Use a place from 1 to %(count)s") % {"count": count},
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        places = [v for v in data.values() if v is not None]
        if len(places) == len(self.fields) and len(set(places)) != len(places):
            raise forms.ValidationError(gettext("Give every question a different place"))
        return data

    def ranking(self) -> list[int]:
        placed = sorted(self.cleaned_data.items(), key=lambda item: item[1])
        return [int(name[1:]) for name, _ in placed]


class PublishForm(forms.Form):
    round = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class IdeaForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": _("Give the idea a title")}
    )
    description = forms.CharField(
        label=_("The idea"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should research find out, and why does it matter to you?"),
        error_messages={"required": _("Describe the idea")},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Build on this idea"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Write your comment")},
    )
