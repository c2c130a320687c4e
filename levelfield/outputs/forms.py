"""Forms for outputs and credit, with GOV.UK messages that name the field."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.lib.words import day
from levelfield.outputs.credit import EXPLAINED, Degree, Role
from levelfield.outputs.identifiers import (
    CHECK_DIGIT,
    IdentifierError,
    doi_normalise,
    orcid_normalise,
)
from levelfield.outputs.models import NAME_MAX_LENGTH, Kind, Output
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place
from levelfield.projects.forms import InvolvementEntryForm
from levelfield.projects.models import ActivityKind, InvolvementEntry, Stage

DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# Each CRediT role is one choice: not their role, their role, or their role to a degree.
ROLE_CHOICES = [
    ("", _("Not their role")),
    ("yes", _("Yes")),
    (Degree.LEAD.value, _("Yes, lead")),
    (Degree.EQUAL.value, _("Yes, equal")),
    (Degree.SUPPORTING.value, _("Yes, supporting")),
]
ORCID_HELP = _(
    "16 digits in four groups, like 0000-0002-1825-0097, or the address "
    "https://orcid.org/0000-0002-1825-0097. Leave empty if they do not have one."
)
ORCID_INVALID = _("Enter a real ORCID iD, like 0000-0002-1825-0097")
ORCID_CHECK = _(
    "The ORCID iD’s last digit does not match the others: check it was copied correctly"
)


def orcid_clean(text: str) -> str:
    """The ORCID iD typed, in its stored form, or a message naming the field."""
    if not text.strip():
        return ""
    try:
        return orcid_normalise(text)
    except IdentifierError as error:
        raise forms.ValidationError(
            ORCID_CHECK if str(error) == CHECK_DIGIT else ORCID_INVALID
        ) from None


def _orcid_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=60,
        help_text=ORCID_HELP,
        error_messages={"max_length": ORCID_INVALID},
    )


class OutputForm(forms.ModelForm):
    date = forms.DateField(
        label=_("Date"),
        input_formats=DATE_FORMATS,
        help_text=_("When it was published, presented or released. For example, 27 3 2027."),
        error_messages={
            "required": _("Enter the date it was published or presented."),
            "invalid": _("Enter a real date, like 27 3 2027."),
        },
    )
    doi = forms.CharField(
        label=_("DOI (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "A Digital Object Identifier: the permanent link a journal gives a paper, "
            "like 10.1136/bmj.n71 or https://doi.org/10.1136/bmj.n71."
        ),
        error_messages={"max_length": _("Enter a DOI of 200 characters or fewer.")},
    )
    url = forms.URLField(
        label=_("Web address (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter the web address in full, starting https://"),
            "max_length": _("Enter a web address of 500 characters or fewer."),
        },
    )
    show_publicly = forms.ChoiceField(
        label=_("Show it on the collective’s public page?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("Anyone can then see its title, date, link and who is credited."),
        error_messages={"required": _("Say whether to show it on the public page.")},
    )

    class Meta:
        model = Output
        fields = ["kind", "title", "date", "venue", "doi", "url", "summary", "show_publicly"]
        labels = {
            "kind": _("What kind of output is it?"),
            "title": _("Title"),
            "venue": _("Journal, conference or where it appeared (optional)"),
            "url": _("Web address (optional)"),
            "summary": _("Abstract or summary (optional)"),
        }
        widgets = {"kind": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "kind": {"required": _("Choose what kind of output it is.")},
            "title": {
                "required": _("Enter the title."),
                "max_length": _("Enter a title of 300 characters or fewer."),
            },
            "venue": {"max_length": _("Enter where it appeared in 300 characters or fewer.")},
            "url": {
                "invalid": _("Enter the web address in full, starting https://"),
                "max_length": _("Enter a web address of 500 characters or fewer."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        if self.instance.pk and not self.is_bound:
            self.initial["show_publicly"] = "yes" if self.instance.show_publicly else "no"

    def clean_doi(self) -> str:
        text = self.cleaned_data["doi"]
        if not text.strip():
            return ""
        try:
            return doi_normalise(text)
        except IdentifierError:
            raise forms.ValidationError(
                _("Enter the DOI in the right shape, like 10.1136/bmj.n71")
            ) from None

    def clean_show_publicly(self) -> bool:
        return self.cleaned_data["show_publicly"] == "yes"


class ContributorForm(MemberChoosing, forms.Form):
    """Who is credited and for what. For a new contributor, the members of `place` (but
    those in `credited`) to choose from, or someone without an account, by name."""

    person = MemberField(
        empty_label=_("Someone without an account here"),
        label=_("Who is it?"),
        required=False,
        help_text=_(
            "Choose a member, or leave this and enter the name of someone without an "
            "account here (a co-author from elsewhere, a public contributor)."
        ),
        error_messages={"invalid_choice": _("Choose someone who is a member here.")},
    )
    name = forms.CharField(
        label=_("Name as credited"),
        required=False,
        max_length=NAME_MAX_LENGTH,
        help_text=_("As it appears on the output. For a member, leave empty to use their name."),
        error_messages={"max_length": _("Enter a name of 200 characters or fewer.")},
    )
    orcid = _orcid_field(_("ORCID iD (optional)"))
    perspective = forms.ChoiceField(
        label=_("Their perspective at the time (optional)"),
        required=False,
        choices=[("", _("Not given")), *PerspectiveKind.choices],
        help_text=_(
            "Ask them first: members of this place see it beside their name. Reports "
            "use it only to count, without names, how many contributors were public "
            "contributors (GRIPP2)."
        ),
        error_messages={"invalid_choice": _("Choose a perspective from the list.")},
    )

    def __init__(
        self,
        *args: Any,
        place: Place | None = None,
        credited: set[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if place is None:
            del self.fields["person"]
            self.fields["name"].required = True
            self.fields["name"].help_text = _("As it appears on the output.")
            self.fields["name"].error_messages["required"] = _("Enter the name as credited.")
        else:
            self.offer_members("person", place, leave_out=credited or set())
        for role in Role:
            self.fields[f"role_{role.value}"] = forms.ChoiceField(
                label=role.label,
                required=False,
                choices=ROLE_CHOICES,
                help_text=EXPLAINED[role],
                error_messages={
                    "invalid_choice": format_lazy(
                        _("Choose how they did “{role}”."), role=role.label
                    )
                },
            )

    def role_fields(self) -> list[forms.BoundField]:
        return [self[f"role_{role.value}"] for role in Role]

    def person_fields(self) -> list[forms.BoundField]:
        names = ["person", "name", "orcid", "perspective"]
        return [self[name] for name in names if name in self.fields]

    def clean_orcid(self) -> str:
        return orcid_clean(self.cleaned_data["orcid"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "person" in self.fields:
            data["member"] = self.member_chosen("person")
            if data["member"] is None and not (data.get("name") or "").strip():
                self.add_error("name", _("Enter the name of the person, or choose a member."))
        data["credits"] = {
            role.value: ""
            if data.get(f"role_{role.value}") == "yes"
            else data[f"role_{role.value}"]
            for role in Role
            if data.get(f"role_{role.value}")
        }
        return data


class OrcidForm(forms.Form):
    orcid = _orcid_field(_("Your ORCID iD"))

    def clean_orcid(self) -> str:
        return orcid_clean(self.cleaned_data["orcid"])


# What the activity was, as the log's title, from the output's kind.
ACTIVITY_WORDS = {
    Kind.TALK: _("Spoke at %(venue)s: %(title)s"),
    Kind.POSTER: _("Presented a poster at %(venue)s: %(title)s"),
    Kind.VIDEO: _("Made a video for %(venue)s: %(title)s"),
}
WRITTEN = {Kind.PAPER, Kind.LAY_SUMMARY, Kind.REPORT}


def activity_for(output: Output) -> str:
    """The log entry's title, prefilled from the output: "Spoke at <venue>: <title>"."""
    verb = ACTIVITY_WORDS.get(output.kind)
    if output.kind in WRITTEN:
        text = gettext("Wrote “%(title)s”") % {"title": output.title}
    elif verb and output.venue:
        text = str(verb) % {"venue": output.venue, "title": output.title}
    else:
        text = f"{output.get_kind_display()}: {output.title}"
    limit = InvolvementEntry._meta.get_field("title").max_length
    return text if len(text) <= limit else text[: limit - 1] + "…"


class OutputTimeForm(InvolvementEntryForm):
    """The log's own entry form (its date rule and its hours per person, by account id),
    narrowed to an output: what the activity was, the date, the stage and the kind, and
    only the output's contributors who are members of the place.

    Contributors with an account who are not members get a "took part" field too, never
    shown as a choice, so a form sent after they left is refused with their name rather
    than silently dropping them. When time was already recorded for the output, `again`
    asks to confirm."""

    class Meta(InvolvementEntryForm.Meta):
        fields = ["title", "happened_on", "stage", "kind"]
        labels = {"title": _("What the activity was"), "happened_on": _("Date it happened")}
        help_texts = {
            "title": _("This is the entry’s title in the involvement log and on claims."),
            "happened_on": _("For example, 18/6/2026. It cannot be in the future."),
        }
        error_messages = {
            **InvolvementEntryForm.Meta.error_messages,
            "title": {"required": _("Enter what the activity was")},
        }

    def __init__(
        self,
        *args: Any,
        output: Output,
        members: list[User],
        not_members: list[User],
        recorded_on: datetime.date | None,
        **kwargs: Any,
    ) -> None:
        research = output.place.kind == "project"
        kwargs.setdefault(
            "initial",
            {
                "title": activity_for(output),
                "happened_on": min(output.date, timezone.localdate()),
                "stage": Stage.DISSEMINATION if research else "",
                "kind": ActivityKind.WRITING if output.kind in WRITTEN else ActivityKind.OTHER,
            },
        )
        super().__init__(
            *args,
            people=[(person, person.name) for person in members],
            research_stages=research,
            **kwargs,
        )
        self.output = output
        self.not_members = not_members
        for person in not_members:
            self.fields[f"took_part_{person.pk}"] = forms.BooleanField(
                label=gettext("%(name)s took part") % {"name": person.name}, required=False
            )
        self.recorded_on = recorded_on
        if recorded_on is not None:
            self.fields["again"] = forms.BooleanField(
                label=gettext(
                    "Yes, record time for this output again (time was already recorded on %(day)s)"
                )
                % {"day": day(recorded_on)},
                required=True,
                error_messages={
                    "required": _("Confirm that you want to record time for this output again")
                },
            )

    def main_fields(self) -> list[forms.BoundField]:
        names = ("title", "happened_on", "stage", "kind")
        return [self[name] for name in names if name in self.fields]

    def not_member_rows(self) -> list[tuple[User, forms.BoundField]]:
        return [(person, self[f"took_part_{person.pk}"]) for person in self.not_members]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for person in self.not_members:
            if cleaned.get(f"took_part_{person.pk}"):
                self.add_error(
                    f"took_part_{person.pk}",
                    gettext(
                        "%(name)s is not a member of %(place)s, so their time cannot be "
                        "recorded here"
                    )
                    % {"name": person.name, "place": self.output.place.name},
                )
        return cleaned
