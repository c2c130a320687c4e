"""Your notifications, your email choices, and one-click unsubscribe from an email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.notifications import kinds, services
from levelfield.notifications.forms import PreferencesForm
from levelfield.notifications.models import Notification

PER_PAGE = 20


@login_required
@require_safe
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's own notices, newest first, each with its link."""
    page = page_or_404(request, Notification.objects.for_person(request.user), PER_PAGE)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    person = request.user
    form = PreferencesForm(
        posted(request),
        initial=services.preferences_for(person=person),
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(person=person, frequencies=form.cleaned_data)
        messages.success(request, _("Your email choices have been saved."))
        return redirect("notifications:settings")
    context = {"form": form, "always_sent": kinds.always_sent()}
    return render(request, "notifications/settings.html", context)


# Mail clients send the one-click POST (RFC 8058) with no cookie and no CSRF token; the
# signed token in the address is what proves the request came from the email.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (and changes nothing); POST stops the emails."""
    wanted = services.unsubscribe_read(token)
    if wanted is None:
        return render(request, "notifications/unsubscribe_problem.html", status=404)
    context = {"wanted": wanted, "kinds_affected": wanted.kinds_affected()}
    if request.method == "POST":
        services.unsubscribe_apply(request=wanted)
        return render(request, "notifications/unsubscribed.html", context)
    return render(request, "notifications/unsubscribe.html", context)
