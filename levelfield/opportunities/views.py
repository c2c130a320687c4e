"""Pages of the public board (no log-in: the board, its feeds, each opportunity and the
express-interest form), of a place's opportunities (writing, checking, closing, the
people who answered) and of a person's choices of what to hear about.

Every page starts with one helper from access.py. No page writes when opened: whether
an opportunity is still open is computed from its closing date and the time now.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import conditional_escape, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.roles import Action
from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import HONEYPOT_FIELD, posted
from levelfield.lib.paging import page_or_404
from levelfield.lib.words import day
from levelfield.notifications.services import frequency_for
from levelfield.opportunities import access, reach, services
from levelfield.opportunities.forms import (
    BoardFilterForm,
    InterestForm,
    KeepInMindForm,
    OpportunityForm,
    PreferenceForm,
    ReachForm,
    SelectionForm,
    SendBackForm,
)
from levelfield.opportunities.models import (
    Interest,
    Involvement,
    Mode,
    Opportunity,
    Outcome,
    Preference,
    Region,
    Selection,
    State,
    Topic,
    today,
)
from levelfield.people.models import PerspectiveKind
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind
from levelfield.ratelimits import client_address
from levelfield.translations.shown import shown_for

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
BOARD_PER_PAGE = 20
PLACE_PER_PAGE = 25
INTERESTS_PER_PAGE = 50
FEED_ITEMS = 50
# The filters' HTML is right for its key; this only bounds what the cache holds.
FILTERS_SECONDS = 24 * 60 * 60
BOARD_COLUMNS = (
    "title",
    "involvement",
    "mode",
    "region",
    "paid",
    "closes_on",
    "place__kind",
    "place__group_name",
    "place__collective__name",
    "place__project__title",
)


def _show_error(form: Any, error: ValidationError) -> None:
    code = getattr(error, "code", None)
    form.add_error(code if code in form.fields else None, error.messages[0])


def _board_items() -> Any:
    return (
        Opportunity.objects.on_board()
        .with_place()
        .prefetch_related("topics")
        .order_by("closes_on", "pk")
    )


# The public board


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """Live opportunities of every listed collective, filtered and a page at a time."""
    form = BoardFilterForm(request.GET or None)
    # Only the columns the board shows (no topics, no long text).
    shown = (
        Opportunity.objects.on_board()
        .with_place()
        .only(*BOARD_COLUMNS)
        .order_by("closes_on", "pk")
    )
    page = page_or_404(request, form.filter(shown) if request.GET else shown, BOARD_PER_PAGE)
    # Each row's words looked up once here: `get_FOO_display` hashes every choice's
    # lazy label on each call, 400 translations a page (a fifth of the board's time).
    words = {
        name: {value: str(label) for value, label in choices}
        for name, choices in (
            ("involvement", Involvement.choices),
            ("mode", Mode.choices),
            ("region", Region.choices),
        )
    }
    # And its link and closing date, which cost a `{% url %}` and a translated sentence
    # a row in the template.
    for opportunity in page.object_list:
        opportunity.involvement_words = words["involvement"].get(opportunity.involvement, "")
        opportunity.mode_words = words["mode"].get(opportunity.mode, "")
        opportunity.region_words = words["region"].get(opportunity.region, "")
        opportunity.url = reverse("opportunities:detail", args=[opportunity.pk])
        # As {% blocktranslate %} does: the date escaped, the sentence not.
        opportunity.closes_words = mark_safe(  # noqa: S308 - the value is escaped
            _("Closes on %(day)s.") % {"day": conditional_escape(day(opportunity.closes_on))}
        )
    filtered = form.is_bound and form.has_changed()
    return render(
        request,
        "opportunities/board.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered,
            "filters_html": _filters_html(form, filtered),
        },
    )


def _filters_html(form: BoardFilterForm, filtered: bool) -> SafeString:
    """The filter form, kept per choice of filters and the topics: rendering its five
    lists of choices took a quarter of the board's time. The topics (a handful, seeded
    by a migration) are part of the key, so a new or renamed topic shows at once."""
    topics = list(Topic.objects.order_by("position", "name", "pk").values_list("slug", "name"))
    chosen = sorted((name, value) for name, value in form.data.items() if name in form.fields)
    digest = hashlib.sha256(json.dumps([topics, chosen, filtered]).encode()).hexdigest()
    html = lib_cache.versioned(
        "opportunities:board-filters",
        (digest,),
        lambda: render_to_string(
            "opportunities/includes/board_filters.html", {"form": form, "filtered": filtered}
        ),
        seconds=FILTERS_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 (made by the template above, which escapes)


class BoardFeed(Feed):
    """An Atom feed of the board: the newest live opportunities first."""

    feed_type = Atom1Feed
    title = gettext_lazy("Involvement opportunities on Levelfield")
    subtitle = gettext_lazy(
        "Health and social care research teams looking for people to get involved."
    )

    def link(self) -> str:
        return reverse("opportunities:board")

    def items(self) -> Any:
        return _board_items().order_by("-published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item: Opportunity) -> str:
        return f"{item.title} ({item.place.collective.name})"

    def item_description(self, item: Opportunity) -> str:
        who = _("Who it is for: %(who)s") % {"who": item.who_for}
        closes = _("Closes on %(day)s.") % {"day": day(item.closes_on)}
        return f"{item.summary}\n\n{who}\n{closes}"

    def item_link(self, item: Opportunity) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Opportunity) -> Any:
        return item.published_at

    def item_updateddate(self, item: Opportunity) -> Any:
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item: Opportunity) -> str:
        return item.place.collective.name

    def item_categories(self, item: Opportunity) -> list[str]:
        return [topic.name for topic in item.topics.all()]


feed = require_safe(BoardFeed())


@require_safe
def feed_text(request: HttpRequest) -> HttpResponse:
    """The board as plain text: for screen readers, email lists and simple tools."""
    items = list(_board_items().order_by("-published_at", "-pk")[:FEED_ITEMS])
    text = render(
        request,
        "opportunities/feed.txt",
        {"items": items, "board_url": request.build_absolute_uri(reverse("opportunities:board"))},
        content_type="text/plain; charset=utf-8",
    )
    return text


def _structured_data(request: HttpRequest, opportunity: Opportunity) -> dict[str, Any]:
    """schema.org JobPosting: what search engines show for volunteer and paid roles
    alike (employmentType VOLUNTEER when it is unpaid)."""
    collective = opportunity.place.collective
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": f"{opportunity.summary}\n\nWho it is for: {opportunity.who_for}",
        "datePosted": timezone.localdate(opportunity.published_at).isoformat(),
        "validThrough": f"{opportunity.closes_on.isoformat()}T23:59",
        "employmentType": ["PART_TIME" if opportunity.paid else "VOLUNTEER"],
        "hiringOrganization": {
            "@type": "Organization",
            "name": collective.name,
            "sameAs": request.build_absolute_uri(reverse("stories:home", args=[collective.slug])),
        },
        "url": request.build_absolute_uri(opportunity.get_absolute_url()),
        "industry": "Health and social care research",
    }
    if opportunity.mode == Mode.ONLINE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "United Kingdom"}
    else:
        region = "" if opportunity.region == Region.ANYWHERE else opportunity.get_region_display()
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": region,
                "addressCountry": "GB",
            },
        }
        if opportunity.mode == Mode.BOTH:
            data["jobLocationType"] = "TELECOMMUTE"
            data["applicantLocationRequirements"] = {"@type": "Country", "name": "United Kingdom"}
    if opportunity.payment:
        data["incentiveCompensation"] = opportunity.payment
    if opportunity.gains:
        data["jobBenefits"] = opportunity.gains
    return data


def _json_ld(data: dict[str, Any]) -> str:
    """The structured data as a script element, escaped by Django's json_script (so
    nothing a writer typed can close the element), typed as JSON-LD for search engines."""
    script = json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1)
    return mark_safe(script)  # noqa: S308 - json_script escaped every character that matters


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An opportunity's public page."""
    # The reader's language where a member translated it (at most one query).
    translated = shown_for(request, access.opportunity_public(pk))
    opportunity = translated.obj
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "collective": opportunity.place.collective,
            "structured_data": _json_ld(_structured_data(request, opportunity)),
            "translated": translated,
        },
    )


@GET_AND_POST
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    """The express-interest form: no account needed."""
    opportunity = access.opportunity_public(pk)
    initial: dict[str, Any] = {}
    if request.user.is_authenticated:
        initial = {
            "name": request.user.name,
            "email": request.user.email,
            "perspectives": list(request.user.perspectives.values_list("kind", flat=True)),
        }
    form = InterestForm(posted(request), initial=initial)
    if request.method == "POST":
        if form.is_spam():
            return redirect("opportunities:interest_sent", pk=pk)
        if form.is_valid():
            try:
                services.interest_express(
                    opportunity=opportunity,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    why=form.cleaned_data["why"],
                    perspectives=form.cleaned_data["perspectives"],
                    access_needs=form.cleaned_data["access_needs"],
                    address=client_address(request),
                    account=request.user,
                    reach=form.reach_answers(),
                )
            except ValidationError as error:
                _show_error(form, error)
            else:
                return redirect("opportunities:interest_sent", pk=pk)
    return render(
        request,
        "opportunities/interest.html",
        {"opportunity": opportunity, "form": form, "honeypot": HONEYPOT_FIELD},
        status=400 if form.errors else 200,
    )


@require_safe
def interest_sent(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.opportunity_public(pk)
    return render(request, "opportunities/interest_sent.html", {"opportunity": opportunity})


# A person's choices


@login_required
@GET_AND_POST
def preferences(request: HttpRequest) -> HttpResponse:
    """Which topics and kinds of involvement the person wants to hear about, how often."""
    preference = Preference.objects.filter(person=request.user).prefetch_related("topics").first()
    initial = {"frequency": frequency_for(person=request.user, kind=services.MATCH_KIND)}
    if preference is not None:
        initial["topics"] = [topic.pk for topic in preference.topics.all()]
        initial["involvements"] = preference.involvements
    form = PreferenceForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_save(
            person=request.user,
            topics=form.cleaned_data["topics"],
            involvements=form.cleaned_data["involvements"],
            frequency=form.cleaned_data["frequency"],
        )
        messages.success(request, _("Your choices are saved."))
        return redirect("opportunities:preferences")
    return render(
        request,
        "opportunities/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# A place's opportunities


@login_required
@require_safe
def place_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """A place's opportunities in every state, newest first."""
    place = place_for_member(request.user, place_pk)
    opportunities = (
        Opportunity.objects.in_place(place)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )
    page = page_or_404(request, opportunities, PLACE_PER_PAGE)
    checking = place.kind == PlaceKind.COLLECTIVE and access.roles.may(
        request.user, Action.CHECK_OPPORTUNITY, place.collective
    )
    return render(
        request,
        "opportunities/place_list.html",
        {"place": place, "page_obj": page, "checking": checking, "today": today()},
    )


@login_required
@require_safe
def checks(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The collective's opportunities waiting to be checked, from every group and project."""
    place = place_for_member(request.user, place_pk)
    if place.kind != PlaceKind.COLLECTIVE:
        # Checked at the collective, for its groups and projects too.
        collective_place = Place.objects.get(collective_id=place.collective_id, kind="collective")
        return redirect("opportunities:checks", place_pk=collective_place.pk)
    access.roles.require(request.user, Action.CHECK_OPPORTUNITY, place.collective)
    waiting = (
        Opportunity.objects.in_collective(place.collective_id)
        .filter(state=State.SUBMITTED)
        .with_place()
        .select_related("created_by")
        .order_by("submitted_at", "pk")
    )
    page = page_or_404(request, waiting, PLACE_PER_PAGE)
    return render(request, "opportunities/checks.html", {"place": place, "page_obj": page})


@login_required
@GET_AND_POST
def create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=Action.WRITE_OPPORTUNITY)
    form = OpportunityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                place=place,
                actor=request.user,
                topics=form.cleaned_data["topics"],
                **form.values(),
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Draft saved. Send it for checking when it is ready."))
            return redirect("opportunities:manage", pk=opportunity.pk)
    return render(
        request,
        "opportunities/form.html",
        {"place": place, "form": form},
        status=400 if form.errors else 200,
    )


def _history(opportunity: Opportunity) -> list[Change]:
    return list(
        Change.objects.filter(subject_type="opportunity", subject_id=opportunity.pk)
        .select_related("actor")
        .order_by("-at", "-pk")[:50]
    )


@login_required
@require_safe
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The opportunity as its place sees it: its state, the checker's comments, what to
    do next and its history."""
    managing = access.opportunity_for_member(request.user, pk)
    opportunity = managing.opportunity
    return render(
        request,
        "opportunities/manage.html",
        {
            "managing": managing,
            "opportunity": opportunity,
            "place": opportunity.place,
            "interest_count": opportunity.interests.count(),
            "history": _history(opportunity),
            "is_open": opportunity.is_open(),
            "on_board": opportunity.is_open() and opportunity.place.collective.listed,
        },
    )


@login_required
@GET_AND_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    managing = access.opportunity_to_edit(request.user, pk)
    opportunity = managing.opportunity
    if opportunity.state != State.DRAFT:
        messages.info(request, _("Only a draft can be changed."))
        return redirect("opportunities:manage", pk=pk)
    form = OpportunityForm(posted(request), instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(
                opportunity=opportunity,
                actor=request.user,
                topics=form.cleaned_data["topics"],
                **form.values(),
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("opportunities:manage", pk=pk)
    return render(
        request,
        "opportunities/form.html",
        {"place": opportunity.place, "form": form, "opportunity": opportunity},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    managing = access.opportunity_to_edit(request.user, pk)
    try:
        services.opportunity_submit(opportunity=managing.opportunity, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Sent for checking. The coordinators are told."))
    return redirect("opportunities:manage", pk=pk)


@login_required
@GET_AND_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """The checker reads it and sends it back with comments (POST here) or goes on to
    approve it (the publish page asks to confirm)."""
    managing = access.opportunity_to_check(request.user, pk)
    opportunity = managing.opportunity
    form = SendBackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_send_back(
                opportunity=opportunity, actor=request.user, comments=form.cleaned_data["comments"]
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Sent back to the writer with your comments."))
            return redirect("opportunities:manage", pk=pk)
    return render(
        request,
        "opportunities/check.html",
        {"opportunity": opportunity, "place": opportunity.place, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Approving: asks to confirm, then it goes live on the board."""
    managing = access.opportunity_to_check(request.user, pk)
    opportunity = managing.opportunity
    if request.method == "POST":
        try:
            services.opportunity_publish(opportunity=opportunity, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("It is live. People who chose to hear about it are told."))
        return redirect("opportunities:manage", pk=pk)
    return render(
        request,
        "confirm.html",
        {
            "caption": opportunity.title,
            "question": _("Approve it and put it on the public board?"),
            "explanation": _(
                "Anyone can then read it and express interest until %(day)s, and people who "
                "chose its topics or kind of involvement are told about it."
            )
            % {"day": day(opportunity.closes_on)},
            "button": _("Yes, approve and publish it"),
            "back_url": reverse("opportunities:check", args=[pk]),
            "back_text": _("No, go back"),
        },
    )


@login_required
@GET_AND_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Taking it off the board before its closing date: asks to confirm."""
    managing = access.opportunity_to_organise(request.user, pk)
    opportunity = managing.opportunity
    if request.method == "POST":
        try:
            services.opportunity_close(opportunity=opportunity, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("It is closed and off the board."))
        return redirect("opportunities:manage", pk=pk)
    return render(
        request,
        "confirm.html",
        {
            "caption": opportunity.title,
            "question": _("Close it now?"),
            "explanation": _(
                "It comes off the public board and nobody else can express interest. The "
                "people who already did stay on your list."
            ),
            "button": _("Yes, close it"),
            "back_url": reverse("opportunities:manage", args=[pk]),
            "back_text": _("No, keep it open"),
        },
    )


@login_required
@require_safe
def interests(request: HttpRequest, pk: int) -> HttpResponse:
    """The people who expressed interest, grouped by the perspectives the opportunity
    asked for (a person who brings two shows under both), then everyone else. Only the
    organisers see it (access.py)."""
    managing = access.opportunity_to_organise(request.user, pk)
    opportunity = managing.opportunity
    page = page_or_404(
        request,
        Interest.objects.filter(opportunity=opportunity).order_by("created_at", "pk"),
        INTERESTS_PER_PAGE,
    )
    labels = dict(PerspectiveKind.choices)
    wanted = [value for value in opportunity.perspectives if value in labels]
    grouped: dict[str, list[Interest]] = defaultdict(list)
    others: list[Interest] = []
    for row in page.object_list:
        matched = [value for value in wanted if value in row.perspectives]
        for value in matched:
            grouped[value].append(row)
        if not matched:
            others.append(row)
    groups = [(str(labels[value]), grouped[value]) for value in wanted]
    return render(
        request,
        "opportunities/interests.html",
        {
            "opportunity": opportunity,
            "place": opportunity.place,
            "page_obj": page,
            "groups": groups,
            "others": others,
            "asked_for_perspectives": bool(wanted),
            "kept_in_mind": services.kept_in_mind(opportunity),
        },
    )


def _finished(request: HttpRequest, opportunity: Opportunity) -> dict[str, Any] | None:
    """A finished selection as its page shows it: who was chosen (with their
    invitation's state; at most the places) and, a page at a time, who was told they
    were not chosen and whether to keep them in mind."""
    finished = Selection.objects.filter(opportunity=opportunity).first()
    if finished is None:
        return None
    told = Interest.objects.filter(opportunity=opportunity).order_by("name", "pk")
    not_chosen = page_or_404(request, told.filter(outcome=Outcome.NOT_CHOSEN), INTERESTS_PER_PAGE)
    return {
        "selection": finished,
        "chosen": list(told.filter(outcome=Outcome.CHOSEN).select_related("invitation")),
        "not_chosen": not_chosen.object_list,
        "not_chosen_page": not_chosen,
    }


INVITATION_WORDS = {
    "pending": gettext_lazy("Invited"),
    "accepted": gettext_lazy("Accepted: now a member"),
    "declined": gettext_lazy("Declined the invitation"),
    "expired": gettext_lazy("Invitation expired"),
    "withdrawn": gettext_lazy("Invitation withdrawn"),
}


@login_required
@GET_AND_POST
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    """The fair selection aid: the organiser sets the places, a share for first-time
    people and the seed; the draw (recorded in the history) shows who and why, and
    leads to finishing it. Once finished, the page shows who was chosen, their
    invitations, and who was told they were not chosen."""
    managing = access.opportunity_to_organise(request.user, pk)
    opportunity = managing.opportunity
    form = SelectionForm(posted(request), initial={"seed": secrets.randbelow(2**31)})
    chosen = None
    finished = _finished(request, opportunity)
    if request.method == "POST" and finished is None and form.is_valid():
        try:
            chosen = services.selection_draw(
                opportunity=opportunity,
                actor=request.user,
                places=form.cleaned_data["places"],
                seed=form.cleaned_data["seed"],
                first_time_share=form.cleaned_data["first_time_share"] or 0,
            )
        except ValidationError as error:
            _show_error(form, error)
    finish_query = ""
    if chosen is not None:
        finish_query = urlencode(
            {
                "places": form.cleaned_data["places"],
                "seed": form.cleaned_data["seed"],
                "first_time_share": form.cleaned_data["first_time_share"] or 0,
            }
        )
    return render(
        request,
        "opportunities/selection.html",
        {
            "opportunity": opportunity,
            "place": opportunity.place,
            "form": form,
            "chosen": chosen,
            "finished": finished,
            "finish_query": finish_query,
            "invitation_words": INVITATION_WORDS,
            "interest_count": opportunity.interests.count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def selection_finish(request: HttpRequest, pk: int) -> HttpResponse:
    """Finishing the selection: asks to confirm (the draw's settings travel in the
    address, so the page writes nothing), then tells everyone and sends invitations."""
    managing = access.opportunity_to_organise(request.user, pk)
    opportunity = managing.opportunity
    form = SelectionForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        if request.method == "GET":
            messages.info(request, _("Run the draw first, then finish the selection."))
            return redirect("opportunities:selection", pk=pk)
        return render(
            request,
            "opportunities/selection.html",
            {
                "opportunity": opportunity,
                "place": opportunity.place,
                "form": form,
                "chosen": None,
                "finished": _finished(request, opportunity),
                "invitation_words": INVITATION_WORDS,
                "interest_count": opportunity.interests.count(),
            },
            status=400,
        )
    settings_ = {
        "places": form.cleaned_data["places"],
        "seed": form.cleaned_data["seed"],
        "first_time_share": form.cleaned_data["first_time_share"] or 0,
    }
    if request.method == "POST":
        try:
            services.selection_finish(opportunity=opportunity, actor=request.user, **settings_)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _(
                    "The selection is finished. The people chosen are invited, and everyone "
                    "else is told kindly."
                ),
            )
        return redirect("opportunities:selection", pk=pk)
    count = opportunity.interests.count()
    return render(
        request,
        "confirm.html",
        {
            "caption": opportunity.title,
            "question": _("Finish the selection and tell everyone?"),
            "explanation": ngettext(
                "The draw with seed %(seed)s chooses %(chosen)s of the %(count)s person who "
                "expressed interest. They are invited to join, and everyone else is told "
                "kindly that they were not chosen this time and asked whether to keep them in "
                "mind. This cannot be undone.",
                "The draw with seed %(seed)s chooses %(chosen)s of the %(count)s people who "
                "expressed interest. They are invited to join, and everyone else is told "
                "kindly that they were not chosen this time and asked whether to keep them in "
                "mind. This cannot be undone.",
                count,
            )
            % {
                "seed": settings_["seed"],
                "chosen": f"{min(settings_['places'], count):,}",
                "count": f"{count:,}",
            },
            "button": _("Yes, finish and tell everyone"),
            "back_url": reverse("opportunities:selection", args=[pk]),
            "back_text": _("No, go back"),
            "hidden": list(settings_.items()),
        },
    )


@GET_AND_POST
def keep_in_mind(request: HttpRequest, token: str) -> HttpResponse:
    """Someone not chosen answers whether to keep them in mind: reached from the email
    they were sent (a signed link, no account needed)."""
    interest = services.interest_from_token(token, salt=services.KEEP_IN_MIND_SALT)
    if interest is None or interest.outcome != Outcome.NOT_CHOSEN:
        raise Http404("No such answer to give.")
    initial = {}
    if interest.keep_in_mind is not None:
        initial["keep"] = "yes" if interest.keep_in_mind else "no"
    form = KeepInMindForm(posted(request), initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.keep_in_mind_answer(interest=interest, keep=form.cleaned_data["keep"] == "yes")
        saved = True
    return render(
        request,
        "opportunities/keep_in_mind.html",
        {
            "interest": interest,
            "opportunity": interest.opportunity,
            "collective": interest.opportunity.place.collective,
            "form": form,
            "saved": saved,
            "keep": form.cleaned_data.get("keep") if saved else None,
        },
        status=400 if form.errors else 200,
    )


@GET_AND_POST
def took_part(request: HttpRequest, token: str) -> HttpResponse:
    """A chosen person answers the equality monitoring questions again, for the "took
    part" totals (reached from their email; a signed link, no account needed)."""
    interest = services.interest_from_token(token, salt=services.TOOK_PART_SALT)
    if interest is None or interest.outcome != Outcome.CHOSEN:
        raise Http404("No such answer to give.")
    done = interest.took_part_answered
    form = ReachForm(None if done else posted(request))
    if request.method == "POST" and not done and form.is_valid():
        answers = form.reach_answers()
        if answers is None:
            messages.info(request, _("Thank you. You chose not to answer, so nothing was kept."))
        else:
            # The page itself then says thank you.
            services.reach_took_part(interest=interest, answers=answers)
        return redirect("opportunities:took_part", token=token)
    return render(
        request,
        "opportunities/took_part.html",
        {
            "interest": interest,
            "opportunity": interest.opportunity,
            "form": form,
            "done": done,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def reach_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """Reach: the equality monitoring totals of the people who expressed interest and
    of the people who took part, side by side, each shown only from 5. Organisers only."""
    managing = access.opportunity_to_organise(request.user, pk)
    opportunity = managing.opportunity
    answered, blocks = reach.figures(services.reach_totals(opportunity))
    return render(
        request,
        "opportunities/reach.html",
        {
            "opportunity": opportunity,
            "place": opportunity.place,
            "answered": answered,
            "blocks": blocks,
            "smallest": reach.SMALLEST_SHOWN,
        },
    )
