"""Forms for stories, comments, the public page and getting involved. Each says what
is missing in plain English, shown the GOV.UK way (summary at the top, message by the
field)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.collectives.models import Collective
from levelfield.lib.forms import HoneypotForm
from levelfield.places.access import collective_place
from levelfield.places.member_fields import MemberChoosing, MembersField
from levelfield.stories.models import COMMENT_MAX_LENGTH, PublicPage, Story, StoryKind


class StoryForm(MemberChoosing, forms.ModelForm):
    co_authors = MembersField(
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose co-authors who are members.")},
        label=gettext_lazy("Co-written with (members)"),
        help_text=gettext_lazy("They are credited beside you and may change the story too."),
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Separate tags with commas, for example: stroke, carers, Cuppa."),
    )

    class Meta:
        model = Story
        fields = ["kind", "title", "summary", "body", "co_written_with"]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }
        labels = {
            "kind": gettext_lazy("What kind of piece is it?"),
            "title": gettext_lazy("Title"),
            "summary": gettext_lazy("Summary"),
            "body": gettext_lazy("The story"),
            "co_written_with": gettext_lazy("Also co-written with"),
        }
        help_texts = {
            "summary": gettext_lazy(
                "One or two sentences, shown in lists and when the story is shared."
            ),
            "body": gettext_lazy("You can use Markdown."),
            "co_written_with": gettext_lazy(
                "Names of people without an account here, as they want to be credited."
            ),
        }
        error_messages = {
            "kind": {"required": gettext_lazy("Choose what kind of piece it is.")},
            "title": {"required": gettext_lazy("Enter a title.")},
            "summary": {"required": gettext_lazy("Enter a summary of one or two sentences.")},
            "body": {"required": gettext_lazy("Enter the story.")},
        }

    def __init__(self, *args: object, collective: Collective, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = StoryKind.choices
        if self.instance.pk and not self.is_bound:
            self.initial["co_authors"] = list(
                self.instance.co_authors.values_list("pk", flat=True)
            )
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        self.offer_members("co_authors", collective_place(collective.pk))


class ImageForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Picture"),
        help_text=gettext_lazy(
            "A JPG, PNG or WebP file, smaller than 15 MB. We remove its location and "
            "camera details."
        ),
        error_messages={"required": gettext_lazy("Select a picture.")},
    )
    alt = forms.CharField(
        label=gettext_lazy("Alt text"),
        max_length=300,
        help_text=gettext_lazy(
            "What the picture shows, for people who cannot see it. For example: "
            "“Six people laughing around a table with mugs of tea”."
        ),
        error_messages={
            "required": gettext_lazy("Describe the picture for people who cannot see it.")
        },
    )
    caption = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Caption (optional)")
    )
    credit = forms.CharField(
        label=gettext_lazy("Photo credit"),
        max_length=200,
        help_text=gettext_lazy("Who took or made the picture, as they want to be credited."),
        error_messages={"required": gettext_lazy("Say who took or made the picture.")},
    )


class PublishForm(forms.Form):
    when = forms.ChoiceField(
        label=gettext_lazy("When should it be published?"),
        choices=[("now", gettext_lazy("Now")), ("later", gettext_lazy("At a time I choose"))],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose when to publish the story.")},
    )
    at = forms.DateTimeField(
        label=gettext_lazy("Date and time (for a time you choose)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("For example, 1 December at 9am."),
        error_messages={
            "invalid": gettext_lazy("Enter the date and time to publish, like 1 December at 9am")
        },
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("when") == "later":
            at: datetime | None = data.get("at")
            if at is None:
                self.add_error("at", _("Enter the date and time to publish it."))
            elif at <= timezone.now():
                self.add_error("at", _("The date and time must be in the future."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say why.")},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Enter your comment.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong with this comment?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: it is abusive, it shares someone’s private details, it is spam."
        ),
        error_messages={"required": gettext_lazy("Say what is wrong with the comment.")},
    )


class InterestForm(HoneypotForm):
    # The honeypot (levelfield.lib.forms) is rendered by hand, out of sight and reach.

    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=120,
        error_messages={"required": gettext_lazy("Enter your name.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("We only use it to reply to you."),
        error_messages={
            "required": gettext_lazy("Enter your email address."),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com."
            ),
        },
    )
    interests = forms.CharField(
        label=gettext_lazy("What interests you?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "For example: a health condition you live with or care for someone with, "
            "a kind of research, coming to a Cuppa."
        ),
        error_messages={"required": gettext_lazy("Tell us what interests you.")},
    )
    consent = forms.BooleanField(
        label=gettext_lazy("You may keep my name, email address and message to reply to me"),
        help_text=gettext_lazy(
            "Only the collective’s coordinators see them. You can ask us to delete "
            "them at any time."
        ),
        error_messages={
            "required": gettext_lazy("Say that we may keep your details to reply to you.")
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("It is emailed to them from Levelfield and kept here."),
        error_messages={"required": gettext_lazy("Enter your answer.")},
    )


class PublicPageForm(MemberChoosing, forms.ModelForm):
    editors = MembersField(
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose editors who are members.")},
        label=gettext_lazy("Editors"),
        help_text=gettext_lazy(
            "Members who publish stories, moderate comments and answer people who "
            "want to get involved, besides the coordinators."
        ),
    )

    class Meta:
        model = PublicPage
        fields = [
            "welcome",
            "about_coproduction",
            "get_involved",
            "contact_email",
            "contact_phone",
            "contact_address",
            "comments_held",
            "reported_comments_held",
        ]
        widgets = {
            "welcome": forms.Textarea(attrs={"rows": 3}),
            "about_coproduction": forms.Textarea(attrs={"rows": 10}),
            "get_involved": forms.Textarea(attrs={"rows": 6}),
            "contact_address": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "welcome": gettext_lazy("Welcome"),
            "about_coproduction": gettext_lazy("About co-production"),
            "get_involved": gettext_lazy("How to get involved"),
            "contact_email": gettext_lazy("Contact email address"),
            "contact_phone": gettext_lazy("Contact phone number"),
            "contact_address": gettext_lazy("Postal address"),
            "comments_held": gettext_lazy("Hold comments until a moderator publishes them"),
            "reported_comments_held": gettext_lazy(
                "Take a reported comment down until a moderator looks at it"
            ),
        }
        help_texts = {
            "welcome": gettext_lazy(
                "A few sentences at the top of the public page. You can use Markdown."
            ),
            "about_coproduction": gettext_lazy(
                "What co-production means here, in plain English. You can use Markdown."
            ),
            "get_involved": gettext_lazy(
                "What people can do, how much time it takes, whether it is paid. "
                "You can use Markdown."
            ),
            "comments_held": gettext_lazy(
                "If not, comments appear straight away and moderators deal with reports."
            ),
            "reported_comments_held": gettext_lazy(
                "Its author is told. A moderator then publishes it again or hides it."
            ),
        }
        error_messages = {
            "contact_email": {
                "invalid": gettext_lazy(
                    "Enter an email address in the correct format, like name@example.com."
                )
            }
        }

    def __init__(self, *args: object, collective: Collective, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk and not self.is_bound:
            self.initial["editors"] = list(self.instance.editors.values_list("pk", flat=True))
        self.offer_members("editors", collective_place(collective.pk))


def error_field(error: ValidationError, form: forms.Form) -> str | None:
    """The form field a service's error is about (its code), if the form has it."""
    code = getattr(error, "code", None)
    return code if code in form.fields else None
