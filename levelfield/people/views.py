"""Your own profile: what you say about yourself and who sees each part. (Teammates'
profiles, your data and the home page are the home app's.)"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from levelfield.lib.forms import posted
from levelfield.people import forms
from levelfield.people.language import languages
from levelfield.people.models import User
from levelfield.people.services import person_language_set, profile_update


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    person = User.objects.prefetch_related("perspectives").get(pk=request.user.pk)
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "seen_by": _seen_by(),
            "language_name": languages().get(person.language, ""),
        },
    )


def _seen_by() -> dict[str, str]:
    return {
        "only_you": forms.SEEN_BY_ONLY_YOU,
        "teams": forms.SEEN_BY_TEAMS,
        "event_organisers": forms.SEEN_BY_EVENT_ORGANISERS,
        "payments": forms.SEEN_BY_PAYMENTS,
        "contacts": forms.SEEN_BY_CONTACTS,
    }


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    person = User.objects.prefetch_related("perspectives").get(pk=request.user.pk)
    form = forms.ProfileForm(posted(request), initial=forms.ProfileForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile_update(
            person=person,
            display_name=data["display_name"],
            perspectives=_chosen_perspectives(data),
            perspectives_visibility=data["perspectives_visibility"],
            skills=data["skills"],
            interests=data["interests"],
            skills_visibility=data["skills_visibility"],
            access_needs=data["access_needs"],
            communication_preferences=data["communication_preferences"],
            phone=data["phone"].strip(),
            payment_preference=data["payment_preference"],
            health_data_consent=data["health_data_consent"],
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("people:profile")
    return render(request, "people/profile_edit.html", {"form": form})


def _chosen_perspectives(data: dict) -> dict[str, str]:
    """Each chosen perspective with the words the person added to it."""
    own_words = {
        "lived_experience": data["lived_experience_detail"],
        "other": data["other_in_own_words"],
    }
    return {kind: own_words.get(kind, "") for kind in data["perspectives"]}


@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    """Choose the language Levelfield speaks, signed in or not: kept on the person's
    profile (pages and emails) and in the language cookie (pages before signing in)."""
    here = translation.get_language()
    form = forms.LanguageForm(
        posted(request),
        initial={"language": _other_language(here), "next": request.GET.get("next", "")},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["language"]
        if request.user.is_authenticated:
            person_language_set(person=request.user, language=chosen)
        back = form.cleaned_data["next"]
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("home")
        response = redirect(back)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response
    return render(request, "people/language.html", {"form": form})


def _other_language(current: str) -> str:
    """The language someone who follows the "Cymraeg" link most likely wants: the first
    offered that is not the one they see now."""
    return next((code for code in languages() if code != current), current)
