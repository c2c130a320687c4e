"""Forms for shared analysis, with GOV.UK messages that name the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from levelfield.analysis import extract
from levelfield.analysis.models import NAME_MAX_LENGTH, Code, Theme
from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


def _yes_no(label: Any, required: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required, "invalid_choice": required},
    )


def _date(label: Any, help_text: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "invalid": format_lazy(
                gettext_lazy("{label} must be a real date, like 27 3 2027"), label=label
            )
        },
    )


class AddMemberForm(MemberChoosing, forms.Form):
    person = MemberField(
        label=gettext_lazy("Who to add to the analysis team"),
        error_messages={
            "required": gettext_lazy("Choose who to add to the analysis team"),
            "invalid_choice": gettext_lazy("Choose who to add to the analysis team"),
        },
    )

    def __init__(self, *args: Any, place: Place, on_team: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_members("person", place, leave_out=on_team)


class SettingsForm(forms.Form):
    share_coding = _yes_no(
        gettext_lazy("Should everyone on the team see everyone’s coding?"),
        gettext_lazy("Say whether everyone should see everyone’s coding"),
        gettext_lazy(
            "Some teams code alone first and compare later, so each reading is their own."
        ),
    )
    training_course = forms.TypedChoiceField(
        label=gettext_lazy("Course people finish before joining the team"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("Choose a course from the list")},
    )

    def __init__(self, *args: Any, courses: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training_course"].choices = [("", gettext_lazy("No course needed"))] + [
            (c.pk, c.title) for c in courses or []
        ]


class WordForm(forms.Form):
    word = forms.CharField(
        label=gettext_lazy("Word or phrase to always replace"),
        max_length=100,
        help_text=gettext_lazy("For example the name of a local school, ward or youth club."),
        error_messages={
            "required": gettext_lazy("Enter the word or phrase to replace"),
            "max_length": gettext_lazy("The word or phrase must be 100 characters or fewer"),
        },
    )


class ConsentFields(forms.Form):
    consent_reference = forms.CharField(
        label=gettext_lazy("Consent form reference"),
        max_length=200,
        help_text=gettext_lazy(
            "Where the signed consent form is kept, like “CF-014”. Not the person’s name."
        ),
        error_messages={
            "required": gettext_lazy("Enter the consent form reference"),
            "max_length": gettext_lazy(
                "The consent form reference must be 200 characters or fewer"
            ),
        },
    )
    quotes_allowed = _yes_no(
        gettext_lazy("Did the person agree to be quoted in publications?"),
        gettext_lazy("Say whether the person agreed to be quoted"),
    )
    delete_original_on = _date(
        gettext_lazy("Delete the original on"),
        gettext_lazy(
            "Only kept when the project names people who may keep originals. For example, "
            "27 3 2027. Leave empty to keep it until someone deletes it."
        ),
    )


class UploadForm(ConsentFields):
    title = forms.CharField(
        label=gettext_lazy("Name of the source"),
        max_length=NAME_MAX_LENGTH,
        help_text=gettext_lazy("A name that does not identify anyone, like “Interview 3”."),
        error_messages={
            "required": gettext_lazy("Enter a name for the source"),
            "max_length": format_lazy(
                gettext_lazy("The name must be {count} characters or fewer"), count=NAME_MAX_LENGTH
            ),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Transcript"),
        help_text=gettext_lazy("A .txt, .docx, .odt or .pdf file."),
        error_messages={
            "required": gettext_lazy("Choose the transcript file"),
            "invalid": gettext_lazy("Choose the transcript file"),
            "empty": gettext_lazy("The transcript file is empty"),
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
        label=gettext_lazy("Replacements to make"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose replacements from the list")},
    )
    extra = forms.CharField(
        label=gettext_lazy("Anything else to remove"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One word or phrase a line. Each is replaced with “[removed]” wherever it appears."
        ),
    )

    def __init__(self, *args: Any, proposals: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [
            (i, f"“{p.found}” → {p.replacement} ({p.reason})")
            for i, p in enumerate(proposals or [])
        ]


class CodeForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Enter the code’s name"),
            "max_length": format_lazy(
                gettext_lazy("The code’s name must be {count} characters or fewer"),
                count=NAME_MAX_LENGTH,
            ),
        },
    )
    definition = forms.CharField(
        label=gettext_lazy("Definition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("When to use this code, in a sentence or two."),
        error_messages={"required": gettext_lazy("Enter the code’s definition")},
    )
    example = forms.CharField(
        label=gettext_lazy("Example"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A passage this code fits (optional)."),
    )
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Theme it belongs to"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=gettext_lazy("No theme yet"),
        error_messages={"invalid_choice": gettext_lazy("Choose a theme from the list")},
    )

    def __init__(self, *args: Any, place: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["theme"].queryset = Theme.objects.in_place(place)


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Theme"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Enter the theme’s name"),
            "max_length": format_lazy(
                gettext_lazy("The theme’s name must be {count} characters or fewer"),
                count=NAME_MAX_LENGTH,
            ),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("What the theme says"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    codes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Codes it is built from"),
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose codes from the list")},
    )

    def __init__(self, *args: Any, place: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["codes"].queryset = Code.objects.in_place(place)


class CodingForm(forms.Form):
    """Choose sentences or whole paragraphs on this page, then the codes to apply."""

    sentences = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Sentences"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose sentences shown on this page")},
    )
    paragraphs = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Whole paragraphs"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose paragraphs shown on this page")},
    )
    codes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Codes to apply"),
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Select at least one code to apply"),
            "invalid_choice": gettext_lazy("Choose codes from the codebook"),
            "invalid_pk_value": gettext_lazy("Choose codes from the codebook"),
        },
    )
    memo = forms.CharField(
        label=gettext_lazy("Memo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Why you coded it so, or a question for the team (optional)."),
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
        if self.is_bound:
            # Only what is posted is checked against them: the checkboxes themselves are
            # rendered once per page of the source and kept (views._text_html), so an
            # unbound form skips making a hundred choices it never shows.
            self.fields["sentences"].choices = [(i, str(i)) for i in sentences or []]
            self.fields["paragraphs"].choices = [(i, str(i)) for i in paragraphs or []]
        if place is not None:
            self.fields["codes"].queryset = Code.objects.in_place(place)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("sentences") and not data.get("paragraphs") and not self.errors:
            self.add_error(
                "sentences", gettext_lazy("Select at least one sentence or paragraph to code")
            )
        return data
