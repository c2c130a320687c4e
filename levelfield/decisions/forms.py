"""Forms for starting a decision, responding by each method, the talk, the outcome and
the decision log's filters. Every rule is also checked again by the services."""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from levelfield.decisions import methods, services
from levelfield.decisions.methods.base import NUMBER_ATTRS
from levelfield.decisions.models import (
    Decision,
    Method,
    Option,
    Phase,
    PointKind,
    ReasonsPolicy,
    VoiceCheck,
)
from levelfield.lib.words import number
from levelfield.places.models import Place

TIME_FORMATS = ["%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"]


@cache
@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Every known time zone, read from the system once per process (it walks the
    time zone files)."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


@cache
def zone_names() -> frozenset[str]:
    """Every known time zone's name, to check one given in an address (?tz=)."""
    return frozenset(name for name, _label in timezone_choices())


@lru_cache(maxsize=64)
def zone_options_html(chosen: str) -> SafeString:
    """The 600 or so time zones as options: written once per chosen zone and process,
    not on every request (through Django's widget templates they took 130 ms, most of
    the event form's time)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (name, " selected" if name == chosen else "", label)
            for name, label in timezone_choices()
        ),
    )


class TimeZoneSelect(forms.Select):
    """The list of time zones, with its options written by `zone_options_html`."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = value if isinstance(value, str) else ""
        return format_html("<select{}>{}</select>", flatatt(final), zone_options_html(chosen))


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _site_zone_hint(text: str) -> str:
    """Lazy, so a hint made when the module loads still follows the page's language."""
    return format_lazy(
        gettext_lazy("{text} Times are in {zone} time."), text=text, zone=settings.TIME_ZONE
    )


EASY_READ_HELP = gettext_lazy(
    "Easy read is for people with learning disabilities, and anyone who finds the usual "
    "words hard: short sentences, one idea each, everyday words. People who choose "
    "“Easy read” on the response form see these words, with the usual words a click away."
)
EASY_READ_HELP_OPTIONS = gettext_lazy(
    "One line for each option, in the same order as the options, in short, everyday words."
)


class MethodChoiceForm(forms.Form):
    """Step one of starting a decision: how people will respond."""

    method = forms.ChoiceField(
        label=gettext_lazy("How will people respond?"),
        choices=[
            (m.value, format_lazy("{}: {}", m.label, methods.METHOD_DESCRIPTIONS[m]))
            for m in Method
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how people will respond.")},
    )


class DecisionForm(forms.Form):
    """Step two: the decision itself, with the settings that suit its method."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy(
            "A short question or proposal, for example “Should we meet online in winter?”"
        ),
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    background = forms.CharField(
        label=gettext_lazy("Background"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What it is about and why it matters, in plain English."),
        error_messages={"required": gettext_lazy("Enter the background.")},
    )
    easy_read_question = forms.CharField(
        label=gettext_lazy("The question in easy read (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=EASY_READ_HELP,
    )
    options = forms.CharField(
        label=gettext_lazy("Options"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy("One option per line. Give at least 2."),
    )
    easy_read_options = forms.CharField(
        label=gettext_lazy("The options in easy read (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=EASY_READ_HELP_OPTIONS,
    )
    times = forms.CharField(
        label=gettext_lazy("Proposed times"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy(
            "One start time per line, as year-month-day hours:minutes, for example "
            "2026-11-03 14:00. Give at least 2."
        ),
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("How long, in minutes"),
        min_value=15,
        max_value=24 * 60,
        initial=60,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )
    timezone_name = forms.ChoiceField(
        label=gettext_lazy("Time zone of the proposed times"),
        choices=timezone_choices,
        widget=TimeZoneSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a time zone from the list.")},
        help_text=gettext_lazy(
            "Everyone sees the times in this zone and can switch to their own."
        ),
    )
    max_choices = forms.IntegerField(
        label=gettext_lazy("How many options can each person choose?"),
        min_value=2,
        max_value=methods.MAX_OPTIONS,
        initial=2,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )
    dot_budget = forms.IntegerField(
        label=gettext_lazy("How many dots does each person share out?"),
        min_value=1,
        max_value=100,
        initial=10,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )
    score_min = forms.IntegerField(
        label=gettext_lazy("Lowest score"),
        min_value=-100,
        max_value=100,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )
    score_max = forms.IntegerField(
        label=gettext_lazy("Highest score"),
        min_value=-100,
        max_value=100,
        initial=5,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )
    has_discussion = forms.BooleanField(
        label=gettext_lazy("Talk it through before voting opens"),
        required=False,
        help_text=gettext_lazy("Until voting opens, anyone can add options and pros and cons."),
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Voting opens"),
        required=False,
        widget=_datetime_widget(),
        help_text=_site_zone_hint(gettext_lazy("Leave empty to open voting now.")),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Voting closes"),
        widget=_datetime_widget(),
        error_messages={
            "required": gettext_lazy("Enter when voting closes."),
            "invalid": gettext_lazy(
                "Enter the closing time as a date and time, for example 2026-11-20 17:00."
            ),
        },
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous responses"),
        required=False,
        help_text=gettext_lazy(
            "Nobody, not even you, can see who gave which response. Results stay hidden "
            "until closing. People can change their response until closing. This cannot be "
            "changed later."
        ),
    )
    results_hidden = forms.BooleanField(
        label=gettext_lazy("Hide results until voting closes"),
        required=False,
        help_text=gettext_lazy(
            "So early responses do not sway later ones. This cannot be changed later."
        ),
    )
    reasons_policy = forms.ChoiceField(
        label=gettext_lazy("Reasons"),
        choices=ReasonsPolicy.choices,
        initial=ReasonsPolicy.OPTIONAL,
        widget=forms.RadioSelect,
    )
    voice_check = forms.ChoiceField(
        label=gettext_lazy("Voice check"),
        choices=VoiceCheck.choices,
        initial=VoiceCheck.NONE,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Without enough of these responses the outcome is marked “not enough "
            "voices heard”. Only perspectives people share with their teams count."
        ),
    )
    voice_minimum = forms.IntegerField(
        label=gettext_lazy("Minimum number of responses for the voice check"),
        min_value=1,
        max_value=100,
        initial=1,
        widget=forms.NumberInput(attrs=NUMBER_ATTRS),
    )

    METHOD_FIELDS = {
        "options",
        "easy_read_options",
        "max_choices",
        "dot_budget",
        "score_min",
        "score_max",
        "times",
        "duration_minutes",
        "timezone_name",
    }

    def __init__(self, *args: Any, method: str, place: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method = method
        self.place = place
        family = methods.family(method)
        wanted = set(family.create_fields_for(method))
        if "options" in wanted:
            wanted.add("easy_read_options")
        for name in self.METHOD_FIELDS - wanted:
            del self.fields[name]
        if methods.family(method).options_are_times:
            self.fields["times"].required = True
            self.fields["timezone_name"].initial = settings.TIME_ZONE
            self.fields["title"].help_text = _("For example “When should we hold the next Cuppa?”")
        elif "options" in self.fields:
            self.fields["options"].required = True
        if not family.has_objections:
            # Nobody disagrees or blocks in a poll, so that rule would mean "optional".
            self.fields["reasons_policy"].choices = [
                choice for choice in ReasonsPolicy.choices if choice[0] != ReasonsPolicy.OBJECTIONS
            ]
        days = place.collective.minimum_decision_days
        self.fields["closes_at"].help_text = _site_zone_hint(
            ngettext(
                "Voting stays open for at least %(count)s day.",
                "Voting stays open for at least %(count)s days.",
                days,
            )
            % {"count": number(days)}
        )
        if not self.is_bound:
            local_now = timezone.localtime()
            closing = (local_now + timedelta(days=days + 1)).replace(
                hour=17, minute=0, second=0, microsecond=0
            )
            self.initial.setdefault("closes_at", closing)
        for name in ("options", "times"):
            if name in self.fields:
                self.fields[name].error_messages["required"] = (
                    _("Give at least 2 proposed times.")
                    if name == "times"
                    else _("Give at least 2 options.")
                )

    def clean_options(self) -> list[str]:
        options = services.unique_labels(self.cleaned_data["options"].splitlines())
        if len(options) < 2:
            raise ValidationError(_("Give at least 2 different options, one per line."))
        if len(options) > methods.MAX_OPTIONS:
            raise ValidationError(
                _("Give at most %(count)s options.") % {"count": methods.MAX_OPTIONS}
            )
        if any(len(option) > 200 for option in options):
            raise ValidationError(_("Keep each option under 200 characters."))
        return options

    def clean_easy_read_options(self) -> list[str]:
        lines = [
            " ".join(line.split()) for line in self.cleaned_data["easy_read_options"].splitlines()
        ]
        lines = [line for line in lines if line]
        if any(len(line) > 200 for line in lines):
            raise ValidationError(_("Keep each option in easy read under 200 characters."))
        return lines

    def clean_times(self) -> list[datetime]:
        zone_name = self.data.get(self.add_prefix("timezone_name")) or settings.TIME_ZONE
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        starts = []
        for line in self.cleaned_data["times"].splitlines():
            if not line.strip():
                continue
            parsed = _parse_time(line.strip())
            if parsed is None:
                raise ValidationError(
                    _("“%(line)s” is not a date and time. Write it like 2026-11-03 14:00.")
                    % {"line": line.strip()}
                )
            starts.append(parsed.replace(tzinfo=zone))
        starts = sorted(set(starts))
        if len(starts) < 2:
            raise ValidationError(_("Give at least 2 different times, one per line."))
        if len(starts) > methods.MAX_OPTIONS:
            raise ValidationError(
                _("Give at most %(count)s times.") % {"count": methods.MAX_OPTIONS}
            )
        return starts

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, message in (
            methods.family(self.method).settings_errors(self.method, data).items()
        ):
            self.add_error(name, message)
        if data.get("closes_at"):
            self._check_times(data)
        easy = data.get("easy_read_options") or []
        options = data.get("options") or []
        if easy and options and len(easy) != len(options):
            self.add_error(
                "easy_read_options",
                ngettext(
                    "Give one line in easy read for each option, in the same order: you gave "
                    "%(easy)s line for %(options)s options.",
                    "Give one line in easy read for each option, in the same order: you gave "
                    "%(easy)s lines for %(options)s options.",
                    len(easy),
                )
                % {"easy": len(easy), "options": len(options)},
            )
        return data

    def _check_times(self, data: dict[str, Any]) -> None:
        now = timezone.now()
        draft = Decision(
            place=self.place,
            opens_at=data.get("opens_at") or now,
            closes_at=data["closes_at"],
            has_discussion=data.get("has_discussion", False),
        )
        try:
            services.decision_times_check(draft, now=now)
        except services.DecisionError as error:
            field = "opens_at" if error.code != "too_short" else "closes_at"
            self.add_error(field, error.messages[0])

    def service_values(self) -> dict[str, Any]:
        """The cleaned form as keyword arguments for `services.decision_create`."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "method": self.method,
            "title": data["title"],
            "background": data["background"],
            "opens_at": data.get("opens_at"),
            "closes_at": data["closes_at"],
            "has_discussion": data["has_discussion"],
            "anonymous": data["anonymous"],
            "results_hidden": data["results_hidden"],
            "reasons_policy": data["reasons_policy"],
            "voice_check": data["voice_check"],
            "voice_minimum": data["voice_minimum"],
            "options": data.get("options", []),
            "easy_read_question": data.get("easy_read_question", ""),
            "easy_read_options": dict(
                zip(data.get("options", []), data.get("easy_read_options") or [], strict=False)
            ),
        }
        for name in ("max_choices", "dot_budget", "score_min", "score_max"):
            if data.get(name) is not None:
                values[name] = data[name]
        if methods.family(self.method).options_are_times:
            length = timedelta(minutes=data["duration_minutes"])
            values["timezone_name"] = data["timezone_name"] or settings.TIME_ZONE
            values["times"] = [
                services.ProposedTime(start, start + length) for start in data["times"]
            ]
        return values


def _parse_time(text: str) -> datetime | None:
    for pattern in TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


class ResponseForm(forms.Form):
    """One person's response, with fields that suit the decision's method.

    Ranking uses number inputs ("1 = first choice") so it works without JavaScript.
    """

    def __init__(
        self,
        *args: Any,
        decision: Decision,
        options: Sequence[Option],
        option_labels: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.options = list(options)
        self.labels = option_labels or {option.pk: option.label for option in self.options}
        self.payload: dict[str, Any] = {}
        self.option_field_names: list[str] = []
        self.family = methods.family(decision.method)
        self.family.add_fields(self)
        policy = decision.reasons_policy
        self.fields["reason"] = forms.CharField(
            label=gettext_lazy("Your reason")
            if policy == ReasonsPolicy.REQUIRED
            else gettext_lazy("Your reason (optional)")
            if policy == ReasonsPolicy.OPTIONAL
            else gettext_lazy("Your reason"),
            required=policy == ReasonsPolicy.REQUIRED,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=gettext_lazy("Needed if you disagree, object or block.")
            if policy == ReasonsPolicy.OBJECTIONS and self.family.has_objections
            else "",
            error_messages={"required": gettext_lazy("Give a reason for your response.")},
        )

    @property
    def legend(self) -> str:
        return self.family.legend(self.decision)

    @property
    def legend_hint(self) -> str:
        return self.family.legend_hint(self.decision)

    def option_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.option_field_names]

    def answer_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in self.fields
            if name not in self.option_field_names and name != "reason"
        ]

    def initial_from(self, payload: dict[str, Any], reason: str) -> None:
        """Fill the form with someone's current response so they can change it."""
        self.initial.update({**self.family.initial(self.decision, payload), "reason": reason})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            payload = self.family.payload_from(self, data)
            option_ids = [option.pk for option in self.options]
            self.payload = methods.payload_validate(self.decision, option_ids, payload)
        except ValidationError as error:
            answers = self.answer_fields()
            if len(answers) == 1:
                # One question (a stance, a choice): the message goes by its field.
                self.add_error(answers[0].name, error.messages)
                return data
            # Numbers against each option: the message is about them all, so the page
            # shows it by their fieldset (see respond.html).
            raise ValidationError(error.messages) from None
        problem = services.reason_problem_for(self.decision, self.payload, data.get("reason", ""))
        if problem:
            self.add_error("reason", problem)
        return data


class OptionForm(forms.Form):
    """Add an option (or a proposed time) during the decision talk."""

    label = forms.CharField(
        label=gettext_lazy("New option"),
        max_length=200,
        required=False,
    )
    easy_read_label = forms.CharField(
        label=gettext_lazy("The new option in easy read (optional)"),
        max_length=200,
        required=False,
        help_text=EASY_READ_HELP,
        error_messages={
            "max_length": gettext_lazy("Keep the option in easy read under 200 characters.")
        },
    )
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Proposed start"),
        required=False,
        widget=_datetime_widget(),
        input_formats=TIME_FORMATS,
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        if methods.family(decision.method).options_are_times:
            del self.fields["label"]
            del self.fields["easy_read_label"]
            self.fields["starts_at"].required = True
            self.fields["starts_at"].help_text = _(
                "For example 2026-11-03 14:00, in %(zone)s time. It lasts as "
                "long as the other proposed times."
            ) % {"zone": decision.timezone_name}
            self.fields["starts_at"].error_messages["required"] = _("Enter the date and time.")
        else:
            del self.fields["starts_at"]
            self.fields["label"].required = True
            self.fields["label"].error_messages["required"] = _("Write the option.")

    def clean_starts_at(self) -> datetime:
        value = self.cleaned_data["starts_at"]
        # The time is in the poll's own zone, not the site's.
        zone = zoneinfo.ZoneInfo(self.decision.timezone_name)
        return timezone.make_naive(value).replace(tzinfo=zone)

    def proposed_time(self, length: timedelta) -> services.ProposedTime | None:
        start = self.cleaned_data.get("starts_at")
        return services.ProposedTime(start, start + length) if start else None


class PointForm(forms.Form):
    """A pro, con or comment in the decision talk."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What are you adding?"),
        choices=PointKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether this is a pro, a con or a comment.")
        },
    )
    option = forms.ChoiceField(label=gettext_lazy("About"), required=False)
    text = forms.CharField(
        label=gettext_lazy("What you want to say"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write what you want to say.")},
    )

    def __init__(self, *args: Any, options: Sequence[Option], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = {str(option.pk): option for option in options}
        if options:
            self.fields["option"].choices = [("", _("The decision as a whole"))] + [
                (key, option.label) for key, option in self.options.items()
            ]
        else:
            del self.fields["option"]

    def chosen_option(self) -> Option | None:
        return self.options.get(self.cleaned_data.get("option") or "")


class OutcomeForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("What we decided"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write what you decided.")},
    )
    reasons = forms.CharField(
        label=gettext_lazy("Why we decided it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    next_steps = forms.CharField(
        label=gettext_lazy("Next steps"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("Who will do what, and by when."),
    )
    review_on = forms.DateField(
        label=gettext_lazy("Review date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("When the group will look at this decision again."),
        error_messages={
            "invalid": gettext_lazy("Enter the review date as a date, for example 2027-03-01.")
        },
    )
    chosen_option = forms.ChoiceField(
        label=gettext_lazy("Chosen time"),
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Best times first. People can add it to their calendar."),
    )

    def __init__(
        self,
        *args: Any,
        decision: Decision,
        options: Sequence[Option],
        labels: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = {str(option.pk): option for option in options}
        labels = labels or {}
        if methods.family(decision.method).options_are_times:
            self.fields["chosen_option"].choices = [
                (key, labels.get(option.pk, option.label)) for key, option in self.options.items()
            ]
            self.fields["chosen_option"].required = True
            self.fields["chosen_option"].error_messages["required"] = _("Choose the time.")
        else:
            del self.fields["chosen_option"]

    def chosen(self) -> Option | None:
        return self.options.get(self.cleaned_data.get("chosen_option") or "")


class LogFilterForm(forms.Form):
    """The decision log's filters, read from the query string (and checked like any input)."""

    q = forms.CharField(label=gettext_lazy("Title contains"), required=False, max_length=100)
    method = forms.ChoiceField(
        label=gettext_lazy("Method"),
        required=False,
        choices=[("", gettext_lazy("Any method")), *Method.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Phase.choices],
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        required=False,
        choices=[
            ("", gettext_lazy("With or without")),
            ("written", gettext_lazy("Written")),
            ("missing", gettext_lazy("Not written yet")),
        ],
    )

    def filter(self, decisions: Any, now: datetime) -> Any:
        if not self.is_valid():
            return decisions
        data = self.cleaned_data
        if data["q"]:
            decisions = decisions.filter(title__icontains=data["q"])
        if data["method"]:
            decisions = decisions.filter(method=data["method"])
        if data["status"]:
            decisions = decisions.in_phase(data["status"], now)
        if data["outcome"] == "written":
            decisions = decisions.filter(outcome__isnull=False)
        elif data["outcome"] == "missing":
            decisions = decisions.filter(outcome__isnull=True)
        return decisions


# GOV.UK-style messages that name the field, instead of Django's "Enter a whole number." or
# "This field is required." (tests/test_no_default_error_messages.py walks every form).
_MESSAGES: dict[type[forms.BaseForm], dict[str, dict[str, str]]] = {
    DecisionForm: {
        "duration_minutes": {
            "required": gettext_lazy("Enter how long it lasts, in minutes"),
            "invalid": gettext_lazy(
                "Enter how long it lasts as a whole number of minutes, like 60"
            ),
        },
        "max_choices": {
            "required": gettext_lazy("Enter how many options each person can choose"),
            "invalid": gettext_lazy(
                "Enter how many options each person can choose as a whole number"
            ),
        },
        "dot_budget": {
            "required": gettext_lazy("Enter how many dots each person shares out"),
            "invalid": gettext_lazy(
                "Enter how many dots each person shares out as a whole number"
            ),
        },
        "score_min": {
            "required": gettext_lazy("Enter the lowest score"),
            "invalid": gettext_lazy("Enter the lowest score as a whole number, like 0"),
        },
        "score_max": {
            "required": gettext_lazy("Enter the highest score"),
            "invalid": gettext_lazy("Enter the highest score as a whole number, like 5"),
        },
        "opens_at": {"invalid": gettext_lazy("Enter when voting opens as a date and time")},
        "reasons_policy": {"required": gettext_lazy("Choose whether people give reasons")},
        "voice_check": {"required": gettext_lazy("Choose a voice check, or none")},
        "voice_minimum": {
            "required": gettext_lazy("Enter the minimum number of responses for the voice check"),
            "invalid": gettext_lazy(
                "Enter the minimum number of responses as a whole number, like 5"
            ),
        },
    },
    OptionForm: {
        "starts_at": {"invalid": gettext_lazy("Enter the proposed start as a date and time")}
    },
}
for _form, _fields in _MESSAGES.items():
    for _name, _messages in _fields.items():
        _form.base_fields[_name].error_messages.update(_messages)
