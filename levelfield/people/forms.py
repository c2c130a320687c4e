"""Forms for accounts (allauth's, in plain English) and for the person's own profile."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.people.language import languages
from levelfield.people.models import (
    CommunicationPreference,
    PaymentPreference,
    PerspectiveKind,
    User,
    Visibility,
)

# Help text about passwords, not a password.
NEW_PASSWORD_HINT = gettext_lazy(
    "Use at least 8 characters. Do not use a common password, only numbers, "
    "or something close to your email address."
)


EMAIL_FORMAT_MESSAGE = gettext_lazy(
    "Enter an email address in the correct format, like name@example.com"
)


def _plain_english(
    form: forms.Form,
    labels: dict[str, str],
    hints: dict[str, str],
    required: dict[str, str] | None = None,
) -> None:
    """Give allauth's fields sentence-case labels, plain hints and GOV.UK-style messages
    that name the field ("Enter your email address", never "This field is required."),
    and drop placeholders (GOV.UK advice: placeholder text disappears while typing)."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]
        if name in hints:
            field.help_text = hints[name]
        if required and name in required:
            field.error_messages["required"] = required[name]
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = EMAIL_FORMAT_MESSAGE


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, asking first for the name the person wants to be called."""

    display_name = forms.CharField(
        label=gettext_lazy("Name you want to be called"),
        max_length=80,
        help_text=gettext_lazy(
            "Shown to people in your collectives and projects. It does not have to "
            "be your full name."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "email": _("Email address"),
                "password1": _("Create a password"),
                "password2": _("Type your password again"),
            },
            hints={
                "email": _("We will send you an email to check it is yours."),
                "password1": NEW_PASSWORD_HINT,
            },
            required={
                "email": _("Enter your email address"),
                "password1": _("Create a password"),
                "password2": _("Type your password again"),
            },
        )
        self.fields["display_name"].error_messages["required"] = _(
            "Enter the name you want to be called"
        )

    def signup(self, request: object, user: User) -> None:
        """Called by allauth once the account exists."""
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "login": _("Email address"),
                "password": _("Password"),
                "remember": _("Keep me signed in on this device"),
            },
            hints={"password": "", "remember": _("Do not choose this on a shared computer.")},
            required={
                "login": _("Enter your email address"),
                "password": _("Enter your password"),
            },
        )


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"email": _("Email address")},
            hints={"email": _("The address you use to sign in.")},
            required={"email": _("Enter your email address")},
        )


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "password1": _("New password"),
                "password2": _("Type your new password again"),
            },
            hints={"password1": NEW_PASSWORD_HINT},
            required={
                "password1": _("Enter a new password"),
                "password2": _("Type your new password again"),
            },
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("Type your new password again"),
            },
            hints={"oldpassword": "", "password1": NEW_PASSWORD_HINT},
            required={
                "oldpassword": _("Enter your current password"),
                "password1": _("Enter a new password"),
                "password2": _("Type your new password again"),
            },
        )


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"password": _("Your password")},
            hints={"password": ""},
            required={"password": _("Enter your password")},
        )


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"email": _("Email address")},
            hints={"email": _("We will send a link to this address to check it is yours.")},
            required={"email": _("Enter the email address you want to add")},
        )


# Who sees each part of a profile, said the same way on every page.
# The form's hints say the same words in full sentences ("Who sees this: ..."), so each
# is translated whole.
SEEN_BY_ONLY_YOU = gettext_lazy("Only you")
SEEN_BY_TEAMS = gettext_lazy("You and people in your collectives and projects")
SEEN_BY_EVENT_ORGANISERS = gettext_lazy("Only you, and the organisers of events you register for")
SEEN_BY_PAYMENTS = gettext_lazy("Only you and the people who arrange payments")
SEEN_BY_CONTACTS = gettext_lazy(
    "Only you and the people who arrange meetings and events you take part in"
)

HEALTH_CONSENT_LABEL = gettext_lazy(
    "I agree Levelfield keeps these health-related details (my lived experience and "
    "access needs) to make involvement work for me"
)


class ProfileForm(forms.Form):
    """Everything a person says about themselves. Each hint says who will see the answer."""

    display_name = forms.CharField(
        label=gettext_lazy("Name you want to be called"),
        max_length=80,
        help_text=gettext_lazy("Who sees this: you and people in your collectives and projects."),
        error_messages={"required": gettext_lazy("Enter the name you want to be called")},
    )
    perspectives = forms.MultipleChoiceField(
        label=gettext_lazy("Which perspectives do you bring?"),
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Choose all that apply, or none. We use this to show whose voices are "
            "heard in a project, never to rank people. Who sees this: your choice below."
        ),
    )
    lived_experience_detail = forms.CharField(
        label=gettext_lazy("Your lived experience, in your own words (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Only if you chose lived experience. For example: 'living with type 1 "
            "diabetes'. Who sees this: your choice below."
        ),
    )
    other_in_own_words = forms.CharField(
        label=gettext_lazy("Your other perspective, in your own words"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Only if you chose 'Other'. Who sees this: your choice below."),
    )
    perspectives_visibility = forms.ChoiceField(
        error_messages={"required": gettext_lazy("Choose who can see your perspectives")},
        label=gettext_lazy("Who can see your perspectives?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Whatever you choose, a project may show how many people of each "
            "perspective took part, without names and only when the group is big enough that "
            "nobody can be picked out."
        ),
    )
    skills = forms.CharField(
        label=gettext_lazy("Skills and experience you bring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For example: chairing meetings, writing plain English, knowing the local "
            "area. Who sees this: your choice below."
        ),
    )
    interests = forms.CharField(
        label=gettext_lazy("Topics you care about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: dementia, mental health, young carers. Who sees this: your choice below."
        ),
    )
    skills_visibility = forms.ChoiceField(
        error_messages={"required": gettext_lazy("Choose who can see your skills and topics")},
        label=gettext_lazy("Who can see your skills and topics?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )
    access_needs = forms.CharField(
        label=gettext_lazy("Access needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What helps you take part. For example: step-free access, a hearing loop, "
            "breaks every hour, papers a week early. "
            "Who sees this: only you, and the organisers of events you register for."
        ),
    )
    communication_preferences = forms.MultipleChoiceField(
        label=gettext_lazy("How do you like to be contacted?"),
        choices=CommunicationPreference.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Choose all that apply. Who sees this: only you and the people who arrange "
            "meetings and events you take part in."
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy(
            "Who sees this: only you and the people who arrange meetings and events you "
            "take part in."
        ),
    )
    payment_preference = forms.ChoiceField(
        error_messages={
            "required": gettext_lazy("Choose how you would like to be thanked for your time")
        },
        label=gettext_lazy("How would you like to be thanked for your time?"),
        choices=PaymentPreference.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "You can change this at any time. "
            "Who sees this: only you and the people who arrange payments."
        ),
    )
    health_data_consent = forms.BooleanField(
        label=HEALTH_CONSENT_LABEL,
        required=False,
        help_text=gettext_lazy(
            "Needed only if you tell us about lived experience or access needs. "
            "You can remove them, and take back your agreement, at any time."
        ),
    )

    @classmethod
    def initial_for(cls, person: User) -> dict[str, Any]:
        """The form filled in with what the person has already told us."""
        perspectives = {p.kind: p.in_own_words for p in person.perspectives.all()}
        return {
            "display_name": person.display_name,
            "perspectives": list(perspectives),
            "lived_experience_detail": perspectives.get(PerspectiveKind.LIVED_EXPERIENCE, ""),
            "other_in_own_words": perspectives.get(PerspectiveKind.OTHER, ""),
            "perspectives_visibility": person.perspectives_visibility,
            "skills": person.skills,
            "interests": person.interests,
            "skills_visibility": person.skills_visibility,
            "access_needs": person.access_needs,
            "communication_preferences": person.communication_preferences,
            "phone": person.phone,
            "payment_preference": person.payment_preference,
            "health_data_consent": person.health_data_consent_at is not None,
        }

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name you want to be called"))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kinds = set(data.get("perspectives") or [])
        for name in ("lived_experience_detail", "other_in_own_words", "skills", "interests"):
            data[name] = (data.get(name) or "").strip()
        data["access_needs"] = (data.get("access_needs") or "").strip()
        if PerspectiveKind.OTHER in kinds and not data["other_in_own_words"]:
            self.add_error(
                "other_in_own_words", _("Describe your other perspective in your own words")
            )
        if PerspectiveKind.OTHER not in kinds:
            data["other_in_own_words"] = ""
        if PerspectiveKind.LIVED_EXPERIENCE not in kinds:
            data["lived_experience_detail"] = ""
        gives_health_data = PerspectiveKind.LIVED_EXPERIENCE in kinds or data["access_needs"]
        if gives_health_data and not data.get("health_data_consent"):
            self.add_error(
                "health_data_consent",
                _(
                    "Tick the box to agree that Levelfield keeps your lived experience and "
                    "access needs, or remove them"
                ),
            )
        return data


class DeleteAccountForm(forms.Form):
    """Asks for the password again, so nobody at an unlocked computer can delete an account."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password")},
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError(_("The password is not right. Check it and try again"))
        return password


class LanguageForm(forms.Form):
    """Which language Levelfield speaks: each offered language, named in itself."""

    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose the language you want Levelfield in"),
            "invalid_choice": gettext_lazy("Choose one of the languages shown"),
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(languages().items())
