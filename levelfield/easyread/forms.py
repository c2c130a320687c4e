"""The easy-read form: a title, and the points as a formset (a few rows at a time,
more on asking; empty rows are left out)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from levelfield.easyread import pictures, rules
from levelfield.easyread.services import PointInput
from levelfield.easyread.upload import picture_prepare

BLANK_ROWS = 3  # blank rows offered below the points written so far
MORE_ROWS = 3  # rows "Add more points" adds


class VersionForm(forms.Form):
    title = forms.CharField(
        label=_("Title in easy words (optional)"),
        help_text=_("Leave it empty to keep the page’s own title."),
        required=False,
        max_length=200,
    )


class PointForm(forms.Form):
    """One row. Every field is optional so a row left empty is simply skipped; a row with
    anything in it must have words, and alt text for an uploaded picture."""

    text = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    picture = forms.ChoiceField(required=False)
    upload = forms.FileField(required=False)
    alt = forms.CharField(required=False, max_length=200)
    # The id of the point whose uploaded picture this row keeps, when editing.
    keep_image_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove_image = forms.BooleanField(required=False)

    def __init__(self, *args: Any, number: int, kept: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        self.kept = kept  # point id -> the address of its uploaded picture
        self.fields["text"].label = _("Point %(number)d: words") % {"number": number}
        self.fields["text"].help_text = _(
            "One idea, in one or two short sentences (%(most)d words at most)."
        ) % {"most": rules.MAX_WORDS}
        self.fields["picture"].label = _("Point %(number)d: built-in picture") % {"number": number}
        self.fields["picture"].choices = [("", _("No built-in picture")), *pictures.choices()]
        self.fields["upload"].label = _("Point %(number)d: or upload your own picture") % {
            "number": number
        }
        self.fields["upload"].help_text = _("A JPG, PNG or WebP picture.")
        self.fields["alt"].label = _("Point %(number)d: what the picture shows") % {
            "number": number
        }
        self.fields["alt"].help_text = _(
            "For people who cannot see it. A built-in picture has words of its own if you "
            "leave this empty."
        )
        self.fields["remove_image"].label = _("Point %(number)d: remove the uploaded picture") % {
            "number": number
        }

    @property
    def kept_url(self) -> str:
        """The uploaded picture this row keeps, to show beside it."""
        keep = self["keep_image_of"].value()
        try:
            return self.kept.get(int(keep), "") if keep else ""
        except (TypeError, ValueError):
            return ""

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not (
            (data.get("text") or "").strip()
            or data.get("picture")
            or data.get("upload")
            or (data.get("alt") or "").strip()
        )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        return picture_prepare(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.is_blank:
            return data
        text = (data.get("text") or "").strip()
        if not text:
            self.add_error(
                "text", _("Enter the words of point %(number)d") % {"number": self.number}
            )
        for problem in rules.point_problems(text):
            self.add_error(
                "text",
                _("Point %(number)d: %(problem)s") % {"number": self.number, "problem": problem},
            )
        keeps = self._keeps(data)
        if data.get("picture") and (data.get("upload") or keeps):
            self.add_error(
                "picture",
                _("Choose a built-in picture or your own picture for point %(number)d, not both")
                % {"number": self.number},
            )
        if (data.get("upload") or keeps) and not (data.get("alt") or "").strip():
            self.add_error(
                "alt",
                _("Enter what the picture of point %(number)d shows, for people who cannot see it")
                % {"number": self.number},
            )
        return data

    def _keeps(self, data: dict[str, Any]) -> int | None:
        keep = data.get("keep_image_of")
        if keep and keep in self.kept and not data.get("remove_image") and not data.get("upload"):
            return keep
        return None

    def point(self) -> PointInput:
        data = self.cleaned_data
        return PointInput(
            text=(data.get("text") or "").strip(),
            picture=data.get("picture") or "",
            alt=(data.get("alt") or "").strip(),
            prepared=data.get("upload"),
            keep_image_of=self._keeps(data),
        )


class BasePointFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, kept: dict[int, str] | None = None, **kwargs: Any) -> None:
        self.kept = kept or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(index),
            "number": (index or 0) + 1,
            "kept": self.kept,
        }

    def points(self) -> list[PointInput]:
        """The rows with anything in them, in order (their positions)."""
        return [form.point() for form in self.forms if not form.is_blank]

    def clean(self) -> None:
        if any(self.errors):
            return
        written = [form for form in self.forms if not form.is_blank]
        if not written:
            raise forms.ValidationError(_("Write at least one point"), code="no_points")
        if len(written) > rules.MAX_POINTS:
            raise forms.ValidationError(
                _("Use %(most)d points or fewer") % {"most": rules.MAX_POINTS}, code="too_many"
            )


PointFormSet = forms.formset_factory(
    PointForm,
    formset=BasePointFormSet,
    extra=0,
    max_num=rules.MAX_POINTS + MORE_ROWS + BLANK_ROWS,
    absolute_max=rules.MAX_POINTS + MORE_ROWS + BLANK_ROWS,
)
