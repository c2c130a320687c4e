"""Forms for shared analysis, with GOV.UK messages that name the field."""

from __future__ import annotations

from typing import Any

from django import forms

from levelfield.analysis import extract
from levelfield.analysis.models import NAME_MAX_LENGTH, Code, Theme
from levelfield.people.models import User

YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


def _yes_no(label: str, required: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required, "invalid_choice": required},
    )


def _date(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": f"{label} must be a real date, like 27 3 2027"},
    )


class AddMemberForm(forms.Form):
    person = forms.TypedChoiceField(
        label="Who to add to the analysis team",
        coerce=int,
        error_messages={
            "required": "Choose who to add to the analysis team",
            "invalid_choice": "Choose who to add to the analysis team",
        },
    )

    def __init__(self, *args: Any, members: list[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose someone")] + [
            (m.pk, m.name) for m in members or []
        ]


class SettingsForm(forms.Form):
    share_coding = _yes_no(
        "Should everyone on the team see everyone’s coding?",
        "Say whether everyone should see everyone’s coding",
        "Some teams code alone first and compare later, so each reading is their own.",
    )
    training_course = forms.TypedChoiceField(
        label="Course people finish before joining the team",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a course from the list"},
    )

    def __init__(self, *args: Any, courses: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training_course"].choices = [("", "No course needed")] + [
            (c.pk, c.title) for c in courses or []
        ]


class WordForm(forms.Form):
    word = forms.CharField(
        label="Word or phrase to always replace",
        max_length=100,
        help_text="For example the name of a local school, ward or youth club.",
        error_messages={
            "required": "Enter the word or phrase to replace",
            "max_length": "The word or phrase must be 100 characters or fewer",
        },
    )


class ConsentFields(forms.Form):
    consent_reference = forms.CharField(
        label="Consent form reference",
        max_length=200,
        help_text="Where the signed consent form is kept, like “CF-014”. Not the person’s name.",
        error_messages={
            "required": "Enter the consent form reference",
            "max_length": "The consent form reference must be 200 characters or fewer",
        },
    )
    quotes_allowed = _yes_no(
        "Did the person agree to be quoted in publications?",
        "Say whether the person agreed to be quoted",
    )
    delete_original_on = _date(
        "Delete the original on",
        "Only kept when the project names people who may keep originals. For example, "
        "27 3 2027. Leave empty to keep it until someone deletes it.",
    )


class UploadForm(ConsentFields):
    title = forms.CharField(
        label="Name of the source",
        max_length=NAME_MAX_LENGTH,
        help_text="A name that does not identify anyone, like “Interview 3”.",
        error_messages={
            "required": "Enter a name for the source",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    file = forms.FileField(
        label="Transcript",
        help_text="A .txt, .docx, .odt or .pdf file.",
        error_messages={
            "required": "Choose the transcript file",
            "invalid": "Choose the transcript file",
            "empty": "The transcript file is empty",
        },
    )
    field_order = ["title", "file", "consent_reference", "quotes_allowed", "delete_original_on"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["text"] = extract.text_from_upload(upload)
        except extract.UnreadableFile as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


class DeidentifyForm(forms.Form):
    chosen = forms.TypedMultipleChoiceField(
        label="Replacements to make",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose replacements from the list"},
    )
    extra = forms.CharField(
        label="Anything else to remove",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One word or phrase a line. Each is replaced with “[removed]” wherever "
        "it appears.",
    )

    def __init__(self, *args: Any, proposals: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [
            (i, f"“{p.found}” → {p.replacement} ({p.reason})")
            for i, p in enumerate(proposals or [])
        ]


class CodeForm(forms.Form):
    name = forms.CharField(
        label="Code",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter the code’s name",
            "max_length": f"The code’s name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    definition = forms.CharField(
        label="Definition",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="When to use this code, in a sentence or two.",
        error_messages={"required": "Enter the code’s definition"},
    )
    example = forms.CharField(
        label="Example",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A passage this code fits (optional).",
    )
    theme = forms.ModelChoiceField(
        label="Theme it belongs to",
        queryset=Theme.objects.none(),
        required=False,
        empty_label="No theme yet",
        error_messages={"invalid_choice": "Choose a theme from the list"},
    )

    def __init__(self, *args: Any, place: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["theme"].queryset = Theme.objects.in_place(place)


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Theme",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter the theme’s name",
            "max_length": f"The theme’s name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    description = forms.CharField(
        label="What the theme says",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    codes = forms.ModelMultipleChoiceField(
        label="Codes it is built from",
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose codes from the list"},
    )

    def __init__(self, *args: Any, place: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["codes"].queryset = Code.objects.in_place(place)


class CodingForm(forms.Form):
    """Choose sentences or whole paragraphs on this page, then the codes to apply."""

    sentences = forms.TypedMultipleChoiceField(
        label="Sentences",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose sentences shown on this page"},
    )
    paragraphs = forms.TypedMultipleChoiceField(
        label="Whole paragraphs",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose paragraphs shown on this page"},
    )
    codes = forms.ModelMultipleChoiceField(
        label="Codes to apply",
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one code to apply",
            "invalid_choice": "Choose codes from the codebook",
            "invalid_pk_value": "Choose codes from the codebook",
        },
    )
    memo = forms.CharField(
        label="Memo",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you coded it so, or a question for the team (optional).",
    )

    def __init__(
        self,
        *args: Any,
        place: Any = None,
        sentences: list[int] | None = None,
        paragraphs: list[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sentences"].choices = [(i, str(i)) for i in sentences or []]
        self.fields["paragraphs"].choices = [(i, str(i)) for i in paragraphs or []]
        if place is not None:
            self.fields["codes"].queryset = Code.objects.in_place(place)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("sentences") and not data.get("paragraphs") and not self.errors:
            self.add_error("sentences", "Select at least one sentence or paragraph to code")
        return data
