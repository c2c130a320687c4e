"""Forms for threads and updates, with GOV.UK-style messages that name the field."""

from __future__ import annotations

from django import forms
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from levelfield.threads.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, ReactionKind

MARKDOWN_HINT = _(
    "You can use Markdown: a blank line between paragraphs, *stars* for emphasis, - for a "
    "list. Write @ and someone’s name (for example @Sam Jones) to let them know."
)
TITLE_TOO_LONG = format_lazy(
    _("Title must be {limit} characters or fewer."), limit=TITLE_MAX_LENGTH
)


def _body(
    label: Promise, required: Promise, too_long: Promise, rows: int = 6, hint: object = None
) -> forms.CharField:
    """A Markdown body field; `too_long` says {limit} where the most characters go."""
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=MARKDOWN_HINT if hint is None else hint,
        error_messages={
            "required": required,
            "max_length": format_lazy(too_long, limit=f"{BODY_MAX_LENGTH:,}"),
        },
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("A few words that say what this is about."),
        error_messages={"required": _("Enter a title."), "max_length": TITLE_TOO_LONG},
    )
    body = _body(
        _("Your message"),
        _("Enter your message."),
        _("Your message must be {limit} characters or fewer."),
        rows=10,
    )


class UpdateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("For example, “March workshop: what we heard and what comes next”."),
        error_messages={"required": _("Enter a title."), "max_length": TITLE_TOO_LONG},
    )
    body = _body(
        _("The update"),
        _("Enter the update."),
        _("The update must be {limit} characters or fewer."),
        rows=12,
        hint=format_lazy(
            "{} {}",
            _(
                "Say what happened and what is next. Everyone in this place gets all of it "
                "by email (as they chose in their email settings) and on their home page."
            ),
            MARKDOWN_HINT,
        ),
    )


class ReplyForm(forms.Form):
    body = _body(
        _("Your reply"),
        _("Enter your reply."),
        _("Your reply must be {limit} characters or fewer."),
        rows=5,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = _body(
        _("Your post"),
        _("Enter your post."),
        _("Your post must be {limit} characters or fewer."),
        rows=8,
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Reaction"),
        choices=ReactionKind.choices,
        error_messages={
            "required": _("Choose a reaction."),
            "invalid_choice": _("Choose a reaction from the list."),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the threads"),
        max_length=200,
        required=False,
        help_text=_("Words from a title or a post. Threads with all the words come first."),
        error_messages={"max_length": _("Search must be 200 characters or fewer.")},
    )
