"""Forms for threads and updates, with GOV.UK-style messages that name the field."""

from __future__ import annotations

from django import forms

from levelfield.threads.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, ReactionKind

MARKDOWN_HINT = (
    "You can use Markdown: a blank line between paragraphs, *stars* for emphasis, - for a "
    "list. Write @ and someone’s name (for example @Sam Jones) to let them know."
)


def _body(label: str, required: str, rows: int = 6, hint: str = MARKDOWN_HINT) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=hint,
        error_messages={
            "required": required,
            "max_length": f"{label} must be {BODY_MAX_LENGTH:,} characters or fewer.",
        },
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        help_text="A few words that say what this is about.",
        error_messages={
            "required": "Enter a title.",
            "max_length": f"Title must be {TITLE_MAX_LENGTH} characters or fewer.",
        },
    )
    body = _body("Your message", "Enter your message.", rows=10)


class UpdateForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        help_text="For example, “March workshop: what we heard and what comes next”.",
        error_messages={
            "required": "Enter a title.",
            "max_length": f"Title must be {TITLE_MAX_LENGTH} characters or fewer.",
        },
    )
    body = _body(
        "The update",
        "Enter the update.",
        rows=12,
        hint="Say what happened and what is next. Everyone in this place gets all of it "
        "by email (as they chose in their email settings) and on their home page. "
        + MARKDOWN_HINT,
    )


class ReplyForm(forms.Form):
    body = _body("Your reply", "Enter your reply.", rows=5)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = _body("Your post", "Enter your post.", rows=8)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Reaction",
        choices=ReactionKind.choices,
        error_messages={
            "required": "Choose a reaction.",
            "invalid_choice": "Choose a reaction from the list.",
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the threads",
        max_length=200,
        required=False,
        help_text="Words from a title or a post. Threads with all the words come first.",
        error_messages={"max_length": "Search must be 200 characters or fewer."},
    )
