"""Forms for review groups, requests, reviews, responses and reports back."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.projects.models import Stage
from levelfield.reviews import files
from levelfield.reviews.models import Impact, Rating

DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"]


def _text(label: str, required: str | None = None, **kwargs: Any) -> forms.CharField:
    """A multi-line answer; `required` is the message when it is left empty."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": kwargs.pop("rows", 5)}),
        required=required is not None,
        max_length=kwargs.pop("max_length", 10000),
        error_messages={"required": required or "", "max_length": _("This answer is too long")},
        **kwargs,
    )


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("The group’s name"),
        max_length=120,
        initial="Research partners group",
        error_messages={"required": _("Enter the group’s name")},
    )
    about = _text(
        _("About the group"),
        _("Say what the group is and what it offers researchers"),
        help_text=_("Who is in the group and what it offers researchers, in plain English."),
    )
    form_guidance = _text(
        _("Guidance for researchers"),
        _("Write guidance for researchers"),
        help_text=_(
            "Shown at the top of the request form: what to send, how long a review "
            "takes, and that the group will ask what changed."
        ),
    )
    report_back_days = forms.IntegerField(
        label=_("Remind researchers to report back after this many days"),
        min_value=7,
        max_value=365,
        initial=90,
        help_text=_("Counted from when the group sends its response: between 7 and 365."),
        error_messages={
            "required": _("Enter a number of days"),
            "invalid": _("Enter a whole number of days, like 90"),
            "min_value": _("Enter at least 7 days"),
            "max_value": _("Enter at most 365 days"),
        },
    )
    accepting_requests = forms.BooleanField(
        label=_("Researchers can send requests now"), required=False, initial=True
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class RequestForm(forms.Form):
    project_title = forms.CharField(
        label=_("Your project’s title"),
        max_length=200,
        error_messages={"required": _("Enter your project’s title")},
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
    project_summary = _text(
        _("What is the project about?"),
        _("Say what the project is about"),
        help_text=_("In plain English, as you would explain it to a friend."),
    )
    stage = forms.ChoiceField(
        label=_("What stage is the research at?"),
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the stage the research is at")},
    )
    involvement_plan = _text(
        _("How do you plan to involve patients, carers and the public?"),
        _("Describe your plan for involving people"),
        help_text=_(
            "Who, when, how, how they will be paid, and what they will be able to change."
        ),
        rows=8,
    )
    questions = _text(
        _("What would you like the group to answer?"),
        _("Say what you would like the group to answer"),
        help_text=_("Your own questions for the group, one per line."),
    )
    deadline = forms.DateField(
        label=_("When do you need the response by?"),
        input_formats=DATE_FORMATS,
        help_text=_(
            "For example, 27 3 2027 or 2027-03-27. Give the group at least two weeks if you can."
        ),
        error_messages={
            "required": _("Enter the date you need the response by"),
            "invalid": _("Enter the date like 27 3 2027"),
        },
    )
    documents = MultipleFileField(
        label=_("Documents (optional)"),
        required=False,
        help_text=format_lazy(
            _(
                "Up to {count} files: {kinds}, each smaller than 20 MB. Only the group and you "
                "can open them."
            ),
            count=files.MAX_DOCUMENTS,
            kinds=files.ACCEPTED_DESCRIPTION,
        ),
    )

    def clean_deadline(self) -> date:
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise ValidationError(
                gettext("The date you need the response by must be in the future")
            )
        return deadline

    def clean_documents(self) -> list:
        uploads = self.cleaned_data.get("documents") or []
        if len(uploads) > files.MAX_DOCUMENTS:
            raise ValidationError(
                gettext("Send at most %(count)s documents") % {"count": files.MAX_DOCUMENTS}
            )
        for upload in uploads:
            files.document_type_of(upload)
        return uploads


def _rating(label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Rating.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": message},
    )


class ReviewForm(forms.Form):
    """A reviewer's answers. "Save" keeps a draft; "Send" needs every question answered."""

    meaningful = _rating(
        _("Is the involvement meaningful?"), _("Say whether the involvement is meaningful")
    )
    meaningful_comment = _text(_("Comments on how meaningful it is"), rows=3)
    paid = _rating(
        _("Are people paid fairly for their time?"), _("Say whether people are paid fairly")
    )
    paid_comment = _text(_("Comments on payment"), rows=3)
    plain_language = _rating(_("Is the language plain?"), _("Say whether the language is plain"))
    plain_language_comment = _text(_("Comments on the language"), rows=3)
    missing = _text(_("What is missing?"), rows=4)
    their_questions = _text(_("Your answers to the researcher’s questions"), rows=6)
    minutes = forms.IntegerField(
        label=_("How long did the review take you, in minutes?"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        help_text=_(
            "Reading and writing together. It goes into the involvement log, so you "
            "can claim for it."
        ),
        error_messages={
            "required": _("Say how long the review took, in minutes"),
            "invalid": _("Enter the time as a whole number of minutes, like 90"),
            "min_value": _("Enter at least 1 minute"),
            "max_value": _("Enter at most 1440 minutes (24 hours)"),
        },
    )

    ANSWERS = (
        "meaningful",
        "meaningful_comment",
        "paid",
        "paid_comment",
        "plain_language",
        "plain_language_comment",
        "missing",
        "their_questions",
    )

    def __init__(self, *args: Any, sending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sending:
            for name in ("meaningful", "paid", "plain_language", "minutes"):
                self.fields[name].required = True

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.ANSWERS}


class ResponseForm(forms.Form):
    text = _text(
        _("The group’s response"),
        _("Write the group’s response"),
        help_text=_(
            "Bring the reviews together in plain English: what works, what to change "
            "and the answers to the researcher’s questions."
        ),
        rows=16,
        max_length=30000,
    )
    minutes = forms.IntegerField(
        label=_("Time this draft took you, in minutes (optional)"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        help_text=_(
            "Your drafting time goes into the involvement log when the response is "
            "sent, so you can claim for it."
        ),
        error_messages={
            "invalid": _("Enter the time as a whole number of minutes, like 45"),
            "min_value": _("Enter at least 1 minute"),
            "max_value": _("Enter at most 1440 minutes (24 hours)"),
        },
    )


class CommentForm(forms.Form):
    text = _text(_("Your comment on this draft"), _("Write your comment"), rows=3, max_length=4000)


class ReportBackForm(forms.Form):
    what_changed = _text(
        _("What did you change because of the group’s response?"),
        _("Say what you changed because of the response"),
        rows=6,
    )
    what_did_not_change = _text(
        _("What did you not change, and why?"),
        _("Say what you did not change and why, or that you changed everything"),
        help_text=_("The group learns as much from this as from what changed."),
        rows=6,
    )


class ImpactForm(forms.Form):
    impact = forms.ChoiceField(
        label=_("What difference did the review make?"),
        choices=Impact.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what difference the review made")},
    )
    impact_notes = _text(_("Notes on the impact (optional)"), rows=4)
