from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from levelfield.decisions.models import Method
from levelfield.documents.models import COMMENT_MAX_LENGTH, Document
from levelfield.documents.services import ADOPTION_METHODS, MAX_QUESTIONS
from levelfield.lib import moderation

DATE_HELP = _("For example, 27 3 2027 or 2027-03-27.")
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


def _date_field(label: object, required_message: object) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        error_messages={"required": required_message, "invalid": _("Enter a real date.")},
    )


class DocumentForm(forms.ModelForm):
    text = forms.CharField(
        label=_("The draft text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Write in Markdown: a blank line between paragraphs, a line starting "
            "with # or ## for a section heading, - for a list. People comment on and amend "
            "each paragraph."
        ),
        error_messages={"required": _("Enter the draft text.")},
    )
    questions = forms.CharField(
        label=_("Questions for readers (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=format_lazy(
            _(
                "One on each line, up to {count}. For example: “Does this capture the key "
                "principles?”"
            ),
            count=MAX_QUESTIONS,
        ),
    )
    opens_on = _date_field(_("Open for comments from"), _("Enter the date it opens for comments."))
    closes_on = _date_field(
        _("Open for comments until"), _("Enter the date it closes for comments.")
    )

    class Meta:
        model = Document
        fields = ["title", "purpose", "who_may_take_part"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "who_may_take_part": forms.RadioSelect,
        }
        labels = {
            "title": _("Title"),
            "purpose": _("Purpose"),
            "who_may_take_part": _("Who may take part"),
        }
        help_texts = {
            "purpose": _(
                "What the document is for and what kind of comments would help, in plain English."
            ),
        }
        error_messages = {
            "title": {"required": _("Enter a title.")},
            "purpose": {"required": _("Say what the document is for.")},
            "who_may_take_part": {"required": _("Choose who may take part.")},
        }

    field_order = ["title", "purpose", "text", "questions", "opens_on", "closes_on"]

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_QUESTIONS:
            raise forms.ValidationError(
                _("Ask at most %(count)s questions.") % {"count": MAX_QUESTIONS}
            )
        if any(len(line) > 500 for line in lines):
            raise forms.ValidationError(_("Keep each question to 500 characters or fewer."))
        return lines

    def clean(self) -> dict:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", _("The closing date must be on or after the opening date.")
            )
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "required": _("Enter your comment."),
            "max_length": format_lazy(
                _("Keep the comment to {limit} characters or fewer."),
                limit=f"{COMMENT_MAX_LENGTH:,}",
            ),
        },
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Your proposed text for this paragraph"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Change the words you want changed. The authors see the difference."),
        error_messages={"required": _("Enter the text you propose.")},
    )
    reason = forms.CharField(
        label=_("Why this change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you propose this change.")},
    )


class AnswerAmendmentForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept it for the next version")), ("decline", _("Decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to accept or decline the amendment.")},
    )
    reason = forms.CharField(
        label=_("Your reason, which everyone can read"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("“You said, we did”: say what you changed, or why not."),
        error_messages={"required": _("Give a reason everyone can read.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The members of the group, collective or project writing the document will "
            "see your report and decide whether to hide the comment."
        ),
        error_messages={"required": _("Say what is wrong with the comment.")},
    )


class ModerateForm(moderation.ModerateForm):
    """The one moderation form, for one of the comments listed on the page."""

    comment = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": _("Choose a comment to deal with.")}
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Documents' comments are published as they are written: nothing to publish.
        self.fields["decision"].choices = [
            choice
            for choice in moderation.Decision.choices
            if choice[0] != moderation.Decision.PUBLISH
        ]


class PublishForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("The text of the new version"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "It starts as the current version with the accepted amendments in place. "
            "Keep a blank line between paragraphs."
        ),
        error_messages={"required": _("Enter the text of the new version.")},
    )
    note = forms.CharField(
        label=_("What changed in this version"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what changed in this version.")},
    )


class AdoptionForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How will people decide?"),
        choices=[(m.value, m.label) for m in Method if m in ADOPTION_METHODS],
        initial=Method.CONSENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how people will decide.")},
    )
    closes_on = forms.DateField(
        label=_("The decision closes at the end of"),
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        error_messages={
            "required": _("Enter the date the decision closes."),
            "invalid": _("Enter a real date."),
        },
    )

    def closes_at(self) -> timezone.datetime:
        """The end of the chosen day in the site's time zone."""
        day = self.cleaned_data["closes_on"]
        midnight = timezone.make_aware(
            timezone.datetime.combine(day, timezone.datetime.min.time())
        )
        return midnight + timedelta(days=1) - timedelta(minutes=1)


def answers_form(questions: list, data: object = None, initial: dict | None = None) -> forms.Form:
    """One text box for each of the document's questions."""
    form = forms.Form(data, initial=initial or {})
    for question in questions:
        form.fields[f"q{question.pk}"] = forms.CharField(
            label=question.text,
            required=False,
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return form
