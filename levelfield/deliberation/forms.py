from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.deliberation.models import (
    STATEMENT_MAX_LENGTH,
    Conversation,
    Vote,
)
from levelfield.deliberation.polis import COMMENTS_HEADER, VOTES_HEADER, csv_header_problem
from levelfield.deliberation.services import DeliberationError, statement_check

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ConversationForm(forms.ModelForm):
    seeds = forms.CharField(
        label=gettext_lazy("Seed statements"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=format_lazy(
            gettext_lazy(
                "One statement on each line, each making one point in up to {count} "
                "characters. People react to these first."
            ),
            count=STATEMENT_MAX_LENGTH,
        ),
    )

    class Meta:
        model = Conversation
        fields = ["title", "prompt", "who_may_take_part", "moderation"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "who_may_take_part": forms.RadioSelect,
            "moderation": forms.RadioSelect,
        }
        labels = {
            "title": gettext_lazy("Title"),
            "prompt": gettext_lazy("Prompt"),
            "who_may_take_part": gettext_lazy("Who may take part"),
            "moderation": gettext_lazy("New statements"),
        }
        help_texts = {
            "prompt": gettext_lazy(
                "The question people respond to, in plain English. For example: "
                "“How should patient data be used in health research?”"
            ),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Enter a title for the conversation")},
            "prompt": {
                "required": gettext_lazy("Enter the question people will make statements about")
            },
            "who_may_take_part": {"required": gettext_lazy("Choose who may take part")},
            "moderation": {
                "required": gettext_lazy("Choose when new statements are shown to everyone")
            },
        }

    def clean_seeds(self) -> list[str]:
        lines = [line for line in self.cleaned_data["seeds"].splitlines() if line.strip()]
        problems = []
        for number, line in enumerate(lines, start=1):
            try:
                statement_check(line)
            except DeliberationError as error:
                problems.append(
                    _("Seed statement %(number)s: %(problem)s")
                    % {"number": number, "problem": error.messages[0]}
                )
        if problems:
            raise forms.ValidationError(problems)
        return lines


class ReactionForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    vote = forms.TypedChoiceField(
        choices=Vote.choices,
        coerce=int,
        error_messages={"required": gettext_lazy("Choose agree, disagree or pass.")},
    )


class StatementForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your statement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=format_lazy(
            gettext_lazy(
                "One point, in up to {count} characters. Others will agree, disagree or "
                "pass on it."
            ),
            count=STATEMENT_MAX_LENGTH,
        ),
    )

    def clean_text(self) -> str:
        try:
            return statement_check(self.cleaned_data["text"])
        except DeliberationError as error:
            raise forms.ValidationError(error.messages[0]) from None


class JoinForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=80,
        help_text=gettext_lazy("Any name you like. Others do not see who reacted how."),
        error_messages={"required": gettext_lazy("Enter a name to take part.")},
    )


class ModerateForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.TypedChoiceField(
        choices=[("yes", gettext_lazy("Accept")), ("no", gettext_lazy("Moderate out"))],
        coerce=lambda v: v == "yes",
        error_messages={
            "required": gettext_lazy("Choose whether to accept the statement or moderate it out")
        },
    )


class ImportForm(forms.Form):
    votes = forms.FileField(
        label=gettext_lazy("votes.csv or participants-votes.csv"),
        help_text=gettext_lazy(
            "Either file of the votes from the Pol.is export. votes.csv's first line "
            "is: timestamp, datetime, comment-id, voter-id, vote. participants-votes.csv has one "
            "line per person: participant, group-id, n-comments, n-votes, n-agree, n-disagree, "
            "then a column for each statement."
        ),
        error_messages={
            "required": gettext_lazy(
                "Choose votes.csv or participants-votes.csv from the Pol.is export."
            )
        },
    )
    comments = forms.FileField(
        label=gettext_lazy("comments.csv"),
        help_text=gettext_lazy(
            "The statements from the same export. Its first line is: timestamp, "
            "datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body."
        ),
        error_messages={
            "required": gettext_lazy(
                "Choose comments.csv from the same Pol.is export: it holds the "
                "statements' words, which votes.csv and participants-votes.csv do not."
            )
        },
    )

    other = forms.FileField(
        label=gettext_lazy("summary.csv (optional)"),
        required=False,
        help_text=gettext_lazy(
            "If the export has it: Pol.is's topic and its own count of voters and "
            "groups are kept with the import, to compare with the report here. Other files of "
            "the export (stats-history.csv, comment-groups.csv) may be given too; they are not "
            "needed and are ignored."
        ),
    )

    def _text(self, name: str, header: list[str]) -> str:
        """The upload's text, once its size, type (by content) and header are right."""
        upload = self.cleaned_data[name]
        filename = f"{name}.csv"
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("%(file)s must be smaller than %(size)s MB.")
                % {"file": filename, "size": MAX_UPLOAD_BYTES // 2**20}
            )
        raw = upload.read()
        problem = csv_header_problem(raw, filename, header)
        if problem:
            raise forms.ValidationError(problem)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("%(file)s must be a CSV file in UTF-8.") % {"file": filename}
            ) from None

    def clean_votes(self) -> str:
        return self._text("votes", VOTES_HEADER)

    def clean_comments(self) -> str:
        return self._text("comments", COMMENTS_HEADER)

    def clean_other(self) -> str:
        """The optional file's text. Any CSV Pol.is writes is accepted (what is not used
        is ignored, and the import says so); a file that is not text at all (a zip, a
        picture, a spreadsheet) is refused by its content, like the other two."""
        upload = self.cleaned_data.get("other")
        if not upload:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("%(file)s must be smaller than %(size)s MB.")
                % {"file": "summary.csv", "size": MAX_UPLOAD_BYTES // 2**20}
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = ""
        if not text or "\x00" in text[:8192]:
            raise forms.ValidationError(
                gettext_lazy(
                    "summary.csv must be a CSV file from the Pol.is export: this file is not text."
                )
            )
        return text


class DraftForm(forms.Form):
    statements = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Statements to draft as principles"),
        error_messages={"required": gettext_lazy("Choose at least one statement.")},
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = choices


class DecideForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How to decide"),
        choices=[
            ("consent", gettext_lazy("Consent: adopt unless someone objects")),
            ("proposal", gettext_lazy("Proposal: agree, abstain, disagree or block")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how to decide.")},
    )
    days = forms.IntegerField(
        label=gettext_lazy("Days the decision stays open"),
        min_value=1,
        max_value=60,
        help_text=gettext_lazy("At least the collective's minimum period, so nobody is rushed."),
        error_messages={
            "required": gettext_lazy("Enter how many days the decision stays open."),
            "invalid": gettext_lazy(
                "Enter the days the decision stays open as a whole number, like 14."
            ),
        },
    )

    def closes_at(self) -> timezone.datetime:
        return timezone.now() + timedelta(days=self.cleaned_data["days"], minutes=5)
