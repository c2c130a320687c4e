from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.reflection.models import Question, QuestionSetVersion
from levelfield.reflection.questions import SCALE
from levelfield.reflection.services import COMMENT_MAX

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
ZONE_HINT = format_lazy(gettext_lazy("Times are in {zone} time."), zone=settings.TIME_ZONE)


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the round"),
        max_length=200,
        help_text=gettext_lazy("For example “Spring check-in”."),
        error_messages={
            "required": gettext_lazy("Give the round a name"),
            "max_length": gettext_lazy("Keep the name under 200 characters"),
        },
    )
    version = forms.ModelChoiceField(
        label=gettext_lazy("Questions"),
        queryset=QuestionSetVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the questions to ask"),
            "invalid_choice": gettext_lazy("Choose one of the question sets listed"),
        },
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens"),
        required=False,
        input_formats=TIME_FORMATS,
        widget=_datetime_widget(),
        help_text=format_lazy("{} {}", gettext_lazy("Leave empty to open it now."), ZONE_HINT),
        error_messages={"invalid": gettext_lazy("Enter the opening time as a date and time")},
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes"),
        input_formats=TIME_FORMATS,
        widget=_datetime_widget(),
        help_text=format_lazy(
            "{} {}",
            gettext_lazy("Leave at least a day, so everyone has time to answer."),
            ZONE_HINT,
        ),
        error_messages={
            "required": gettext_lazy("Enter when the round closes"),
            "invalid": gettext_lazy(
                "Enter the closing time as a date and time, for example 2026-11-20 17:00"
            ),
        },
    )

    def __init__(
        self, *args: object, versions: list[QuestionSetVersion], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        field.queryset = QuestionSetVersion.objects.filter(pk__in=[v.pk for v in versions])
        labels = {
            v.pk: _("%(title)s (version %(number)s)")
            % {"title": v.question_set.title, "number": v.number}
            if v.number > 1
            else v.question_set.title
            for v in versions
        }
        field.label_from_instance = lambda version: labels[version.pk]
        if not self.is_bound:
            closing = (timezone.localtime() + timedelta(days=14)).replace(
                hour=17, minute=0, second=0, microsecond=0
            )
            self.initial.setdefault("closes_at", closing)


class AnswerForm(forms.Form):
    """One 1-5 choice and an optional comment per question."""

    def __init__(self, *args: object, questions: list[Question], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        # The scale's words are the same for every question: translated once a form.
        choices = [(value, f"{value}: {words}") for value, words in SCALE.items()]
        for number, question in enumerate(questions, start=1):
            choose = _("Choose an answer from 1 to 5 for question %(number)s") % {"number": number}
            self.fields[f"score_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": choose, "invalid_choice": choose},
            )
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=_("Comment on question %(number)s (optional)") % {"number": number},
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _(
                        "Keep the comment on question %(number)s under %(limit)s characters"
                    )
                    % {"number": number, "limit": f"{COMMENT_MAX:,}"}
                },
            )

    def rows(self) -> list[tuple[int, Question, forms.BoundField, forms.BoundField]]:
        return [
            (number, q, self[f"score_{q.pk}"], self[f"comment_{q.pk}"])
            for number, q in enumerate(self.questions, start=1)
        ]

    def initial_from(self, scores: dict[int, int], comments: dict[int, str]) -> None:
        for pk, score in scores.items():
            self.initial[f"score_{pk}"] = score
        for pk, text in comments.items():
            self.initial[f"comment_{pk}"] = text

    @property
    def scores(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"score_{q.pk}"] for q in self.questions}

    @property
    def comments(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"comment_{q.pk}", "") for q in self.questions}


class ActionForm(forms.Form):
    theme = forms.ChoiceField(
        label=gettext_lazy("Which result is it about? (optional)"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a principle from the list")},
    )
    text = forms.CharField(
        label=gettext_lazy("What will the team do?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example “We will take turns to chair meetings”."),
        error_messages={
            "required": gettext_lazy("Write what the team will do"),
            "max_length": gettext_lazy("Keep it under 2,000 characters"),
        },
    )

    def __init__(self, *args: object, themes: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("The check-in as a whole"))] + [
            (theme, theme) for theme in themes
        ]


class QuestionForm(forms.Form):
    theme = forms.CharField(
        label=gettext_lazy("Which principle or theme is it about?"),
        max_length=120,
        help_text=gettext_lazy(
            "Use the name of an existing theme to see them together in the results, or a new one."
        ),
        error_messages={
            "required": gettext_lazy("Say which principle or theme the question is about"),
            "max_length": gettext_lazy("Keep the theme under 120 characters"),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        max_length=300,
        help_text=gettext_lazy(
            "Write it as a statement people can agree with from 1 (not at all) to 5 "
            "(completely), for example “We share the jobs nobody wants”."
        ),
        error_messages={
            "required": gettext_lazy("Write the question"),
            "max_length": gettext_lazy("Keep the question under 300 characters"),
        },
    )
    easy_read_text = forms.CharField(
        label=gettext_lazy("Your question in easy read (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Easy read is for people with learning disabilities, and anyone who finds the "
            "usual words hard: short sentences, one idea each, everyday words. People who "
            "choose “Easy read” on the check-in form see these words, with the usual words a "
            "click away."
        ),
        error_messages={
            "max_length": gettext_lazy("Keep the question in easy read under 300 characters")
        },
    )
