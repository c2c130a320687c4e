"""Forms for courses, their modules and pages, reflections and learning circles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from levelfield.learning import text
from levelfield.learning.models import Course, Module, Page
from levelfield.lib import words
from levelfield.places.access import collective_place
from levelfield.places.member_fields import MemberChoosing, MembersField


def _keep_text(message: str, limit: int) -> str:
    return gettext(message) % {"limit": words.number(limit)}


# The message for a text over its limit, the number as people write it (5,000); lazy,
# so it is worded in the language of whoever reads it.
_keep = lazy(_keep_text, str)


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the course’s title")},
    )
    summary = forms.CharField(
        label=_("What the course is about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: who it is for and what they will learn."),
    )


class CourseEditForm(MemberChoosing, CourseForm):
    """The course, and its facilitators: members of its collective (in a big collective,
    the current facilitators and the members found by name)."""

    is_open = forms.BooleanField(
        label=_("Open the course: members can see it and enrol"),
        required=False,
    )
    facilitators = MembersField(
        label=_("Facilitators"),
        help_text=_(
            "Facilitators edit the course, see progress in aggregate and the "
            "reflections people share with them, and write up circles’ themes."
        ),
        error_messages={
            "required": _("Choose at least one facilitator"),
            "invalid_choice": _("Choose facilitators from the list"),
        },
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["facilitators"] = list(
                course.facilitators.order_by("display_name", "pk").values_list("pk", flat=True)
            )
        self.offer_members("facilitators", collective_place(course.collective_id))


class ModuleForm(forms.ModelForm):
    live_session_url = forms.URLField(
        label=_("Link to join or book the live session (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter the link as a web address, like https://…")},
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "introduction",
            "question",
            "live_session_title",
            "live_session_url",
            "live_session_starts_at",
        ]
        labels = {
            "title": _("Title"),
            "introduction": _("Introduction"),
            "question": _("Question to reflect on after the module (optional)"),
            "live_session_title": _("Live session (optional)"),
            "live_session_url": _("Link to join or book the live session (optional)"),
            "live_session_starts_at": _("When the live session starts (optional)"),
        }
        help_texts = {
            "introduction": _("What the module covers, in a sentence or two."),
            "question": _(
                "Learners answer it in a short reflection, private unless they "
                "choose to share it with the facilitators."
            ),
            "live_session_title": _("For example “Online session: sharing power”."),
            "live_session_starts_at": format_lazy(
                _("Times are in {zone} time."), zone=settings.TIME_ZONE
            ),
        }
        error_messages = {
            "title": {"required": _("Enter the module’s title")},
            "live_session_url": {"invalid": _("Enter the link as a web address, like https://…")},
            "live_session_starts_at": {
                "invalid": _("Enter the date and time, for example 2027-03-01 18:00")
            },
        }
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "live_session_starts_at": _datetime_widget(),
        }


class PageForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Link to a video (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("Only videos with captions can be linked."),
        error_messages={"invalid": _("Enter the video’s link as a web address, like https://…")},
    )

    class Meta:
        model = Page
        fields = ["title", "body", "video_url", "video_has_captions", "transcript"]
        labels = {
            "title": _("Title"),
            "body": _("Page text"),
            "video_url": _("Link to a video (optional)"),
            "video_has_captions": _("The video has captions"),
            "transcript": _("Transcript of the video (optional)"),
        }
        help_texts = {
            "body": _(
                "Markdown: ## for a heading, **bold**, - for a list, [words](link) "
                "for a link, ![what the image shows](/address) for an image."
            ),
            "video_url": _("Only videos with captions can be linked."),
        }
        error_messages = {
            "title": {"required": _("Enter the page’s title")},
            "body": {"required": _("Enter the page’s text")},
            "video_url": {"invalid": _("Enter the video’s link as a web address, like https://…")},
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "transcript": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        found = text.problems(body)
        if found:
            raise forms.ValidationError(found)
        return body

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("video_url") and not data.get("video_has_captions"):
            self.add_error(
                "video_has_captions",
                gettext("Link only to a video with captions, and tick to say it has them"),
            )
        return data


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your reflection: a sentence or two is enough"),
            "max_length": _keep(
                gettext_noop("Keep your reflection to %(limit)s characters or fewer"), 5000
            ),
        },
    )
    shared_with_facilitators = forms.BooleanField(
        label=_("Share this reflection with the course’s facilitators"),
        required=False,
        help_text=_("Only you can see it unless you tick this. You can change your mind later."),
    )


class CircleForm(forms.Form):
    name = forms.CharField(
        label=_("Circle’s name"),
        max_length=200,
        error_messages={"required": _("Enter the circle’s name")},
        help_text=_("For example “Tuesday evening circle”."),
    )


class CircleSessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter what the session was")},
        help_text=_("For example “After the live session on sharing power”."),
    )
    held_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the session’s date"),
            "invalid": _("Enter the date, for example 2027-03-01"),
        },
    )
    module = forms.ModelChoiceField(
        label=_("Module it followed (optional)"),
        queryset=Module.objects.none(),
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Choose a module from the list")},
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(course=course)


class CirclePostForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection for the circle"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone in the circle and its facilitators will read it."),
        error_messages={
            "required": _("Write your reflection for the circle"),
            "max_length": _keep(gettext_noop("Keep it to %(limit)s characters or fewer"), 3000),
        },
    )


class ThemesForm(forms.Form):
    themes = forms.CharField(
        label=_("Themes from the circle’s reflections"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write the themes you heard"),
            "max_length": _keep(
                gettext_noop("Keep the themes to %(limit)s characters or fewer"), 5000
            ),
        },
    )


# Cohorts

SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class CohortForm(MemberChoosing, forms.Form):
    title = forms.CharField(
        label=_("Name of this run"),
        max_length=200,
        help_text=_("For example “Spring 2027, Tuesday evenings”."),
        error_messages={"required": _("Enter a name for this run of the course")},
    )
    first_session = forms.DateTimeField(
        label=_("First session: date and start time"),
        widget=_datetime_widget(),
        help_text=format_lazy(_("Times are in {zone} time."), zone=settings.TIME_ZONE),
        error_messages={
            "required": _("Enter the first session’s date and start time"),
            "invalid": _("Enter the date and time, for example 2027-03-01 18:00"),
        },
    )
    session_minutes = forms.IntegerField(
        label=_("How long each session lasts, in minutes"),
        min_value=15,
        max_value=8 * 60,
        initial=90,
        error_messages={
            "required": _("Enter how long each session lasts"),
            "invalid": _("Enter how long each session lasts as a number of minutes"),
            "min_value": _("Sessions must last at least 15 minutes"),
            "max_value": _("Sessions must last 8 hours (480 minutes) or less"),
        },
    )
    repeat = forms.ChoiceField(
        label=_("How often it meets"),
        choices=[
            ("weekly", _("Every week on the same day")),
            ("fortnightly", _("Every two weeks on the same day")),
            ("monthly_weekday", _("Every month on the same weekday (like the first Monday)")),
        ],
        initial="weekly",
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={
            "required": _("Choose how often the cohort meets"),
            "invalid_choice": _("Choose how often the cohort meets from the list"),
        },
    )
    ends_on = forms.DateField(
        label=_("Last day of the cohort"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Sessions repeat until this day. The evaluation opens on it."),
        error_messages={
            "required": _("Enter the cohort’s last day"),
            "invalid": _("Enter the date, for example 2027-05-31"),
        },
    )
    format = forms.ChoiceField(
        label=_("Where it meets"),
        choices=[
            ("online", _("Online")),
            ("in_person", _("In person")),
            ("hybrid", _("Hybrid")),
        ],
        initial="online",
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={
            "required": _("Choose where the cohort meets"),
            "invalid_choice": _("Choose where the cohort meets from the list"),
        },
    )
    joining_link = forms.URLField(
        label=_("Online joining link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to people with a place."),
        error_messages={"invalid": _("Enter the joining link as a web address, like https://…")},
    )
    venue_name = forms.CharField(label=_("Venue (optional)"), max_length=200, required=False)
    facilitators = MembersField(
        label=_("Other facilitators (optional)"),
        required=False,
        help_text=_(
            "You facilitate it. Facilitators set assignments, give feedback and see "
            "the evaluation’s results; they organise the sessions."
        ),
        error_messages={"invalid_choice": _("Choose facilitators from the list")},
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_members("facilitators", collective_place(course.collective_id))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, ends_on = data.get("first_session"), data.get("ends_on")
        if first and ends_on and ends_on < first.date():
            self.add_error(
                "ends_on", gettext("The last day must be on or after the first session")
            )
        return data


class AssignmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the assignment’s title")},
    )
    instructions = forms.CharField(
        label=_("What to do"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: ## for a heading, **bold**, - for a list."),
        error_messages={
            "required": _("Enter what participants are to do"),
            "max_length": _keep(
                gettext_noop("Keep what to do to %(limit)s characters or fewer"), 5000
            ),
        },
    )
    due_on = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the due date"),
            "invalid": _("Enter the due date, for example 2027-03-01"),
        },
    )

    def clean_instructions(self) -> str:
        instructions = self.cleaned_data["instructions"]
        found = text.problems(instructions)
        if found:
            raise forms.ValidationError(found)
        return instructions


class HandInForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "max_length": _keep(
                gettext_noop("Keep your answer to %(limit)s characters or fewer"), 20000
            )
        },
    )
    file = forms.FileField(
        label=_("A file (optional)"),
        required=False,
        help_text=_(
            "A PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file, smaller than 20 MB."
        ),
        error_messages={"invalid": _("Choose a file to upload"), "empty": _("The file is empty")},
    )

    def __init__(self, *args: Any, has_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_file = has_file

    def clean_file(self) -> Any:
        from levelfield.resources import files

        upload = self.cleaned_data.get("file")
        if upload:
            files.file_type_of(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not self.errors
            and not (data.get("text") or "").strip()
            and not data.get("file")
            and not self.has_file
        ):
            self.add_error("text", gettext("Write your answer or choose a file to hand in"))
        return data


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Your feedback"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The participant is told when you save it."),
        error_messages={
            "required": _("Write your feedback"),
            "max_length": _keep(
                gettext_noop("Keep your feedback to %(limit)s characters or fewer"), 5000
            ),
        },
    )


class EvaluationForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("How useful was the course for you?"),
        help_text=_("1 is not useful at all, 5 is very useful."),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={
            "required": _("Choose how useful the course was, from 1 to 5"),
            "invalid_choice": _("Choose how useful the course was, from 1 to 5"),
        },
    )
    heard = forms.TypedChoiceField(
        label=_("Did you feel heard in the sessions?"),
        help_text=_("1 is not at all, 5 is always."),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={
            "required": _("Choose whether you felt heard, from 1 to 5"),
            "invalid_choice": _("Choose whether you felt heard, from 1 to 5"),
        },
    )
    best = forms.CharField(
        label=_("What worked best? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _keep(gettext_noop("Keep it to %(limit)s characters or fewer"), 2000)
        },
    )
    change = forms.CharField(
        label=_("What should we change? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _keep(gettext_noop("Keep it to %(limit)s characters or fewer"), 2000)
        },
    )
