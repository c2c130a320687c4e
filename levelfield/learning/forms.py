"""Forms for courses, their modules and pages, reflections and learning circles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from levelfield.learning import text
from levelfield.learning.models import Course, Module, Page
from levelfield.people.models import User


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter the course’s title"}
    )
    summary = forms.CharField(
        label="What the course is about",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences: who it is for and what they will learn.",
    )


class CourseEditForm(CourseForm):
    is_open = forms.BooleanField(
        label="Open the course: members can see it and enrol",
        required=False,
    )
    facilitators = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Facilitators edit the course, see progress in aggregate and the "
        "reflections people share with them, and write up circles’ themes.",
        error_messages={"required": "Choose at least one facilitator"},
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = User.objects.filter(
            collective_memberships__collective_id=course.collective_id
        ).order_by("display_name", "pk")
        self.fields["facilitators"].label_from_instance = lambda person: person.name


class ModuleForm(forms.ModelForm):
    live_session_url = forms.URLField(
        label="Link to join or book the live session (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://…"},
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
            "question": "Question to reflect on after the module (optional)",
            "live_session_title": "Live session (optional)",
            "live_session_url": "Link to join or book the live session (optional)",
            "live_session_starts_at": "When the live session starts (optional)",
        }
        help_texts = {
            "introduction": "What the module covers, in a sentence or two.",
            "question": "Learners answer it in a short reflection, private unless they "
            "choose to share it with the facilitators.",
            "live_session_title": "For example “Online session: sharing power”.",
            "live_session_starts_at": f"Times are in {settings.TIME_ZONE} time.",
        }
        error_messages = {
            "title": {"required": "Enter the module’s title"},
            "live_session_url": {"invalid": "Enter the link as a web address, like https://…"},
            "live_session_starts_at": {
                "invalid": "Enter the date and time, for example 2027-03-01 18:00"
            },
        }
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "live_session_starts_at": _datetime_widget(),
        }


class PageForm(forms.ModelForm):
    video_url = forms.URLField(
        label="Link to a video (optional)",
        required=False,
        assume_scheme="https",
        help_text="Only videos with captions can be linked.",
        error_messages={"invalid": "Enter the video’s link as a web address, like https://…"},
    )

    class Meta:
        model = Page
        fields = ["title", "body", "video_url", "video_has_captions", "transcript"]
        labels = {
            "body": "Page text",
            "video_url": "Link to a video (optional)",
            "video_has_captions": "The video has captions",
            "transcript": "Transcript of the video (optional)",
        }
        help_texts = {
            "body": "Markdown: ## for a heading, **bold**, - for a list, [words](link) "
            "for a link, ![what the image shows](/address) for an image.",
            "video_url": "Only videos with captions can be linked.",
        }
        error_messages = {
            "title": {"required": "Enter the page’s title"},
            "body": {"required": "Enter the page’s text"},
            "video_url": {"invalid": "Enter the video’s link as a web address, like https://…"},
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
                "Link only to a video with captions, and tick to say it has them",
            )
        return data


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Write your reflection: a sentence or two is enough",
            "max_length": "Keep your reflection to 5000 characters or fewer",
        },
    )
    shared_with_facilitators = forms.BooleanField(
        label="Share this reflection with the course’s facilitators",
        required=False,
        help_text="Only you can see it unless you tick this. You can change your mind later.",
    )


class CircleForm(forms.Form):
    name = forms.CharField(
        label="Circle’s name",
        max_length=200,
        error_messages={"required": "Enter the circle’s name"},
        help_text="For example “Tuesday evening circle”.",
    )


class CircleSessionForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        error_messages={"required": "Enter what the session was"},
        help_text="For example “After the live session on sharing power”.",
    )
    held_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the session’s date",
            "invalid": "Enter the date, for example 2027-03-01",
        },
    )
    module = forms.ModelChoiceField(
        label="Module it followed (optional)",
        queryset=Module.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a module from the list"},
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(course=course)


class CirclePostForm(forms.Form):
    text = forms.CharField(
        label="Your reflection for the circle",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone in the circle and its facilitators will read it.",
        error_messages={
            "required": "Write your reflection for the circle",
            "max_length": "Keep it to 3000 characters or fewer",
        },
    )


class ThemesForm(forms.Form):
    themes = forms.CharField(
        label="Themes from the circle’s reflections",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Write the themes you heard",
            "max_length": "Keep the themes to 5000 characters or fewer",
        },
    )
