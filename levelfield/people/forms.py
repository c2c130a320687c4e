"""Forms for accounts (allauth's, in plain English) and for the person's own profile."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
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
NEW_PASSWORD_HINT = (
    "Use at least 8 characters. Do not use a common password, only numbers, "  # noqa: S105
    "or something close to your email address."
)


EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"


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
        label="Name you want to be called",
        max_length=80,
        help_text="Shown to people in your collectives and projects. It does not have to "
        "be your full name.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "email": "Email address",
                "password1": "Create a password",
                "password2": "Type your password again",
            },
            hints={
                "email": "We will send you an email to check it is yours.",
                "password1": NEW_PASSWORD_HINT,
            },
            required={
                "email": "Enter your email address",
                "password1": "Create a password",
                "password2": "Type your password again",
            },
        )
        self.fields["display_name"].error_messages["required"] = (
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
                "login": "Email address",
                "password": "Password",
                "remember": "Keep me signed in on this device",
            },
            hints={"password": "", "remember": "Do not choose this on a shared computer."},
            required={"login": "Enter your email address", "password": "Enter your password"},
        )


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"email": "Email address"},
            hints={"email": "The address you use to sign in."},
            required={"email": "Enter your email address"},
        )


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"password1": "New password", "password2": "Type your new password again"},
            hints={"password1": NEW_PASSWORD_HINT},
            required={
                "password1": "Enter a new password",
                "password2": "Type your new password again",
            },
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={
                "oldpassword": "Current password",
                "password1": "New password",
                "password2": "Type your new password again",
            },
            hints={"oldpassword": "", "password1": NEW_PASSWORD_HINT},
            required={
                "oldpassword": "Enter your current password",
                "password1": "Enter a new password",
                "password2": "Type your new password again",
            },
        )


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"password": "Your password"},
            hints={"password": ""},
            required={"password": "Enter your password"},
        )


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_english(
            self,
            labels={"email": "Email address"},
            hints={"email": "We will send a link to this address to check it is yours."},
            required={"email": "Enter the email address you want to add"},
        )


# Who sees each part of a profile, said the same way on every page.
SEEN_BY_ONLY_YOU = "Only you"
SEEN_BY_TEAMS = "You and people in your collectives and projects"
SEEN_BY_EVENT_ORGANISERS = "Only you, and the organisers of events you register for"
SEEN_BY_PAYMENTS = "Only you and the people who arrange payments"
SEEN_BY_CONTACTS = "Only you and the people who arrange meetings and events you take part in"

HEALTH_CONSENT_LABEL = (
    "I agree Levelfield keeps these health-related details (my lived experience and "
    "access needs) to make involvement work for me"
)


class ProfileForm(forms.Form):
    """Everything a person says about themselves. Each hint says who will see the answer."""

    display_name = forms.CharField(
        label="Name you want to be called",
        max_length=80,
        help_text=f"Who sees this: {SEEN_BY_TEAMS.lower()}.",
        error_messages={"required": "Enter the name you want to be called"},
    )
    perspectives = forms.MultipleChoiceField(
        label="Which perspectives do you bring?",
        choices=PerspectiveKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply, or none. We use this to show whose voices are "
        "heard in a project, never to rank people. Who sees this: your choice below.",
    )
    lived_experience_detail = forms.CharField(
        label="Your lived experience, in your own words (optional)",
        max_length=200,
        required=False,
        help_text="Only if you chose lived experience. For example: 'living with type 1 "
        "diabetes'. Who sees this: your choice below.",
    )
    other_in_own_words = forms.CharField(
        label="Your other perspective, in your own words",
        max_length=200,
        required=False,
        help_text="Only if you chose 'Other'. Who sees this: your choice below.",
    )
    perspectives_visibility = forms.ChoiceField(
        error_messages={"required": "Choose who can see your perspectives"},
        label="Who can see your perspectives?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text="Whatever you choose, a project may show how many people of each "
        "perspective took part, without names and only when the group is big enough that "
        "nobody can be picked out.",
    )
    skills = forms.CharField(
        label="Skills and experience you bring",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: chairing meetings, writing plain English, knowing the local "
        "area. Who sees this: your choice below.",
    )
    interests = forms.CharField(
        label="Topics you care about",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: dementia, mental health, young carers. Who sees this: your "
        "choice below.",
    )
    skills_visibility = forms.ChoiceField(
        error_messages={"required": "Choose who can see your skills and topics"},
        label="Who can see your skills and topics?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )
    access_needs = forms.CharField(
        label="Access needs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What helps you take part. For example: step-free access, a hearing loop, "
        "breaks every hour, papers a week early. "
        f"Who sees this: {SEEN_BY_EVENT_ORGANISERS.lower()}.",
    )
    communication_preferences = forms.MultipleChoiceField(
        label="How do you like to be contacted?",
        choices=CommunicationPreference.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Choose all that apply. Who sees this: {SEEN_BY_CONTACTS.lower()}.",
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=f"Who sees this: {SEEN_BY_CONTACTS.lower()}.",
    )
    payment_preference = forms.ChoiceField(
        error_messages={"required": "Choose how you would like to be thanked for your time"},
        label="How would you like to be thanked for your time?",
        choices=PaymentPreference.choices,
        widget=forms.RadioSelect,
        help_text=f"You can change this at any time. Who sees this: {SEEN_BY_PAYMENTS.lower()}.",
    )
    health_data_consent = forms.BooleanField(
        label=HEALTH_CONSENT_LABEL,
        required=False,
        help_text="Needed only if you tell us about lived experience or access needs. "
        "You can remove them, and take back your agreement, at any time.",
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
            raise forms.ValidationError("Enter the name you want to be called")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kinds = set(data.get("perspectives") or [])
        for name in ("lived_experience_detail", "other_in_own_words", "skills", "interests"):
            data[name] = (data.get(name) or "").strip()
        data["access_needs"] = (data.get("access_needs") or "").strip()
        if PerspectiveKind.OTHER in kinds and not data["other_in_own_words"]:
            self.add_error(
                "other_in_own_words", "Describe your other perspective in your own words"
            )
        if PerspectiveKind.OTHER not in kinds:
            data["other_in_own_words"] = ""
        if PerspectiveKind.LIVED_EXPERIENCE not in kinds:
            data["lived_experience_detail"] = ""
        gives_health_data = PerspectiveKind.LIVED_EXPERIENCE in kinds or data["access_needs"]
        if gives_health_data and not data.get("health_data_consent"):
            self.add_error(
                "health_data_consent",
                "Tick the box to agree that Levelfield keeps your lived experience and access "
                "needs, or remove them",
            )
        return data


class DeleteAccountForm(forms.Form):
    """Asks for the password again, so nobody at an unlocked computer can delete an account."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError("The password is not right. Check it and try again")
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
