"""Pages every kind of place has, mounted once (the involvement log), and groups'
own pages (a group's page, starting, joining and leaving a group).

Every page starts with `access.place_for_member`, so a person outside the place gets a
404 and learns nothing about it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import access as collective_access
from levelfield.collectives.roles import Action
from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.lib.words import number
from levelfield.places import access, choosing, services
from levelfield.places.forms import ChooseForm, ChosenEntryForm, GroupForm
from levelfield.places.history import change_rows
from levelfield.places.log import (
    LOG_TOTALS_SECONDS,
    Piece,
    filters_key,
    log_count,
    log_entries,
    log_filters,
    log_filters_html,
    log_totals,
    log_version,
)
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.places.navigation import place_navigation
from levelfield.projects import services as log_services
from levelfield.projects.forms import InvolvementEntryForm, LogFilterForm

PAGE_SIZE = 25
MEMBERS_ON_PAGE = 100
CHOOSE_PAGE_SIZE = 20  # search results on step 1 of recording in a big place


@login_required
@require_safe
def involvement_log(request: HttpRequest, pk: int) -> HttpResponse:
    """The log a page at a time, with its totals: every piece but the page's frame is
    kept per version of the log (`places.log`) and read in one round trip to the cache,
    so a page of a 10,000-entry log costs two queries past the access check."""
    place = access.place_for_member(request.user, pk)
    research = place.kind == PlaceKind.PROJECT
    filters = LogFilterForm(request.GET, research_stages=research)
    entries = place.involvement.all()
    if filters.is_valid():
        if filters.cleaned_data.get("stage"):
            entries = entries.filter(stage=filters.cleaned_data["stage"])
        if filters.cleaned_data["kind"]:
            entries = entries.filter(kind=filters.cleaned_data["kind"])
    filtered = filters.is_valid() and any(filters.cleaned_data.values())
    version, key = log_version(place), filters_key(filters)
    listed = (
        entries.with_totals()
        .prefetch_related(access.participations())
        .order_by("-happened_on", "-id")
    )
    paged: list[Page] = []

    def page(values: dict[str, Any]) -> Page:
        # The whole log is counted once per version (a kept piece); a filtered one here.
        if not paged:
            count = None if filtered else values["places:log-count"]
            paged.append(page_or_404(request, listed, PAGE_SIZE, count=count))
        return paged[0]

    def entries_page(number: int) -> Piece:
        return log_entries(
            version,
            key,
            number,
            lambda values: {"place": place, "page": page(values), "filtered": filtered},
        )

    pieces = [log_count(place, version), log_totals(version, entries, key)]
    if filters.is_valid():
        pieces.append(log_filters(filters))
    asked = _page_asked(request)
    if asked is not None:  # else "last": which page that is needs the count first
        pieces.append(entries_page(asked))
    kept = lib_cache.versioned_many(pieces, seconds=LOG_TOTALS_SECONDS)
    shown = page(kept)
    if asked is None:
        kept |= lib_cache.versioned_many([entries_page(shown.number)], seconds=LOG_TOTALS_SECONDS)
    if not filters.is_valid():  # shown with their errors, not kept
        kept["places:log-filters"] = log_filters_html(filters)
    context = {
        "place": place,
        "form": filters,
        "filtered": filtered,
        "page": shown,
        # Rendered by their templates, which escape what they show.
        "entries_html": mark_safe(kept["places:log-entries"]),  # noqa: S308
        "filters_html": mark_safe(kept["places:log-filters"]),  # noqa: S308
        **kept["places:log-totals"],
    }
    return render(request, "places/log.html", context)


def _page_asked(request: HttpRequest) -> int | None:
    """The page number asked for as `page_or_404` reads it (not a number: page 1), or
    None for "last"."""
    asked = request.GET.get("page", "1")
    if asked == "last":
        return None
    try:
        return int(asked)
    except ValueError:
        return 1


@login_required
def involvement_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an entry. A small place ticks names on one form, as it always has; a big
    one chooses who took part first (`involvement_choose`, `involvement_details`)."""
    place = access.place_for_member(request.user, pk, action=Action.RECORD_INVOLVEMENT)
    few = choosing.few_members(place)
    if few is None:
        return _choose_page(request, place)
    people = [(person, person.name) for person in few]
    research = place.kind == PlaceKind.PROJECT
    form = InvolvementEntryForm(
        posted(request),
        people=people,
        research_stages=research,
        initial=_entry_initial(place),
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = log_services.involvement_entry_create(
                place=place, recorded_by=request.user, **_entry_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("“%(title)s” is in the involvement log.") % {"title": entry.title}
            )
            return redirect("places:log", pk=place.pk)
    return render(request, "places/log_form.html", {"place": place, "form": form})


def _entry_initial(place: Place) -> dict[str, Any]:
    research = place.kind == PlaceKind.PROJECT
    return {"stage": place.project.stage if research else "", "happened_on": timezone.localdate()}


def _choose_page(
    request: HttpRequest, place: Place, form: ChooseForm | None = None, status: int = 200
) -> HttpResponse:
    """Step 1: who took part. Searching is a GET a page at a time; what has been chosen
    is read from the session draft, never written here. The queries are the same for a
    place of 60 and of 10,000."""
    draft = choosing.draft_read(request.session, place)
    asked = request.POST if request.method == "POST" else request.GET
    words = asked.get("q", "").strip()[:100]
    chosen = choosing.chosen_people(place, draft)
    results = None
    chosen_here: set[int] = set()
    if words:
        found = choosing.member_search_ids(place, words)
        results = page_or_404(request, found, CHOOSE_PAGE_SIZE)
        results.object_list = choosing.members_named(place, results.object_list)
        shown = [person.pk for person in results.object_list]
        chosen_here = set(chosen.filter(pk__in=shown).values_list("pk", flat=True))
    named = {  # only members: an id posted by hand never shows anyone else's name
        person.pk: person
        for person in choosing.members(place)
        .filter(pk__in=[*draft.people, *draft.left_out])
        .only(*choosing.NAME_COLUMNS)
    }
    page_number = results.number if results else ""
    context = {
        "place": place,
        "form": form,
        "words": words,
        "results": results,
        "found_rows": _found_rows(request, place, words, results, chosen_here, page_number),
        "chosen_here": chosen_here,
        "count": chosen.count(),
        "groups": draft.groups,
        "one_by_one": [named[pk] for pk in draft.people if pk in named],
        "left_out": [named[pk] for pk in draft.left_out if pk in named],
        "perspectives": choosing.perspective_choices(),
        "meetings": choosing.event_groups(place),
        "page_number": page_number,
    }
    return render(request, "places/log_choose.html", context, status=status)


# Where each form's CSRF token goes in the kept rows of people found: a mark no escaped
# name can make (a name's "<" is "&lt;" when shown).
_CSRF_MARK = mark_safe("<!--csrf-->")  # noqa: S308 -- a constant


def _found_rows(
    request: HttpRequest,
    place: Place,
    words: str,
    results: Page | None,
    chosen_here: set[int],
    page_number: int | str,
) -> SafeString:
    """The people found on step 1, a row and an add or take-out form each, kept under a
    digest of what the rows show (each person's name and whether they are chosen, the
    search and its page): twenty rows cost a third of the page's rendering, and someone
    recording comes back to the same rows after each person they add. The forms' CSRF
    token is put in after, so a kept row never carries anyone's token."""
    if results is None:
        return mark_safe("")

    def rows() -> str:
        context = {
            "results": results,
            "chosen_here": chosen_here,
            "place": place,
            "words": words,
            "page_number": page_number,
            "csrf_token": _CSRF_MARK,
        }
        return render_to_string("places/includes/choose_rows.html", context)

    shown = (
        place.pk,
        words,
        page_number,
        tuple((p.pk, p.name, p.pk in chosen_here) for p in results.object_list),
    )
    html = lib_cache.digested_many(
        "places:choose-rows", [(shown, rows)], seconds=choosing.SEARCH_KEPT_SECONDS
    )[0]
    return mark_safe(html.replace(_CSRF_MARK, get_token(request)))  # noqa: S308


@login_required
@require_POST
def involvement_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """One change to who took part (add or take out a person, a perspective, a meeting's
    people; start again; go on to step 2), kept in the session draft; back to step 1
    with the search as it was."""
    place = access.place_for_member(request.user, pk, action=Action.RECORD_INVOLVEMENT)
    form = ChooseForm(request.POST, perspectives=choosing.perspective_choices())
    if not form.is_valid():
        if "action" in form.errors:  # not a button of the page: bad input
            return _choose_page(request, place, form, status=400)
        return _choose_page(request, place, form)
    data = form.cleaned_data
    action, person_pk = data["action"], data["person"]
    draft = choosing.draft_read(request.session, place)
    said = ""
    if action in {"add", "remove"}:
        person = choosing.members(place).filter(pk=person_pk).first()
        if person is None:
            form.add_error(
                "person",
                _("Who took part: choose people who are members of the %(kind)s")
                % {"kind": place.kind_word},
            )
            return _choose_page(request, place, form)
    if action == "add":
        if person.pk in draft.left_out:
            draft.left_out.remove(person.pk)
        if person.pk not in draft.people:
            draft.people.append(person.pk)
        said = _("Added %(name)s.") % {"name": person.name}
    elif action == "remove":
        if person_pk in draft.people:
            draft.people.remove(person_pk)
        elif person_pk not in draft.left_out:
            draft.left_out.append(person_pk)
        said = _("Taken out of who took part.")
    elif action == "put_back":
        if person_pk in draft.left_out:
            draft.left_out.remove(person_pk)
        said = _("Put back into who took part.")
    elif action == "add_perspective":
        key = f"{choosing.PERSPECTIVE}:{data['perspective']}"
        label = choosing.perspective_label(data["perspective"])
        said = _group_add(draft, key, label)
    elif action == "add_group":
        label = dict(choosing.event_groups(place)).get(data["group"])
        if label is None:
            form.add_error("group", _("Choose a meeting from the list"))
            return _choose_page(request, place, form)
        said = _group_add(draft, data["group"], label)
    elif action == "remove_group":
        draft.groups = [group for group in draft.groups if group["key"] != data["group"]]
        said = _("Taken out of who took part.")
    elif action == "clear":
        choosing.draft_drop(request.session, place)
        messages.success(request, _("Nobody is chosen. Start again."))
        return redirect("places:log_add", pk=place.pk)
    elif action == "continue":
        if not choosing.chosen_people(place, draft).exists():
            form.add_error(None, _("Choose at least one person who took part"))
            return _choose_page(request, place, form)
        return redirect("places:log_details", pk=place.pk)
    choosing.draft_save(request.session, place, draft)
    count = choosing.chosen_people(place, draft).count()
    chosen = ngettext(
        "%(said)s %(count)s person chosen so far.",
        "%(said)s %(count)s people chosen so far.",
        count,
    )
    messages.success(request, chosen % {"said": said, "count": number(count)})
    back = {"q": data["q"], "page": data["page"]}
    query = urlencode({name: value for name, value in back.items() if value})
    return redirect(reverse("places:log_add", args=[place.pk]) + (f"?{query}" if query else ""))


def _group_add(draft: choosing.Draft, key: str, label: str) -> str:
    if key not in {group["key"] for group in draft.groups}:
        draft.groups.append({"key": key, "label": label})
    return _("Added %(what)s.") % {"what": f"{label[0].lower()}{label[1:]}"}


@login_required
def involvement_details(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: the entry's details and the time of the people chosen in step 1, saved
    by the one writer of the log. The chosen list stays in the draft until the entry is
    saved, so a mistake here loses nobody."""
    place = access.place_for_member(request.user, pk, action=Action.RECORD_INVOLVEMENT)
    draft = choosing.draft_read(request.session, place)
    chosen = choosing.chosen_people(place, draft)
    # Everyone chosen when saving; else up to a row each, counted only past that (one
    # query either way, not a count and then the list).
    people = list(chosen if request.method == "POST" else chosen[: choosing.ROWS_SHOWN + 1])
    count = len(people)
    if request.method != "POST" and not count:
        return redirect("places:log_add", pk=place.pk)
    rows = count <= choosing.ROWS_SHOWN
    if not rows and request.method != "POST":
        count, people = chosen.count(), []
    form = ChosenEntryForm(
        posted(request),
        chosen=people,
        count=count,
        rows=rows,
        research_stages=place.kind == PlaceKind.PROJECT,
        initial=_entry_initial(place),
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = log_services.involvement_entry_create(
                place=place, recorded_by=request.user, **_entry_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            choosing.draft_drop(request.session, place)
            messages.success(
                request,
                ngettext(
                    "“%(title)s” is in the involvement log, with %(count)s person.",
                    "“%(title)s” is in the involvement log, with %(count)s people.",
                    len(form.participants),
                )
                % {"title": entry.title, "count": number(len(form.participants))},
            )
            return redirect("places:log", pk=place.pk)
    fields = _details_fields(form, place)
    context = {"place": place, "form": form, "count": count, "fields": fields}
    return render(request, "places/log_details.html", context)


def _details_fields(form: ChosenEntryForm, place: Place) -> SafeString:
    """Step 2's fields as HTML (all but the CSRF token). A form not yet sent shows only
    its first values (the place's stage, today), whether there are research stages and
    the people with a row each, so it is kept under a digest of those: its two lists of
    choices and the rows cost most of the page's rendering. A sent form shows what was
    sent and its errors, and is rendered afresh."""

    def fields() -> str:
        context = {"form": form, "place": place}
        return render_to_string("places/includes/log_details_fields.html", context)

    if form.is_bound:
        return mark_safe(fields())  # noqa: S308 -- rendered by its template, escaped there
    shown = (
        place.pk,
        tuple(form.fields),
        tuple(sorted((name, str(value)) for name, value in form.initial.items())),
        tuple((person.pk, person.name) for person, _hours in form.person_rows()),
    )
    kept = lib_cache.digested_many(
        "places:log-details-fields", [(shown, fields)], seconds=LOG_TOTALS_SECONDS
    )
    return mark_safe(kept[0])  # noqa: S308 -- rendered by its template, escaped there


@login_required
@require_safe
def involvement_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = access.involvement_entry_for_member(request.user, pk, entry_pk)
    changes = Change.objects.filter(
        **entry.place.history_scope(), subject_type="involvemententry", subject_id=entry.pk
    ).select_related("actor")
    changes = list(changes.order_by("-at", "-id"))
    for change in changes:
        change.rows = change_rows(change)
    context = {
        "place": entry.place,
        "entry": entry,
        "total_minutes": sum(p.minutes for p in entry.participations.all()),
        "changes": changes,
    }
    return render(request, "places/log_entry.html", context)


@login_required
def involvement_entry_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Correct an entry. A small place lists everyone, as recording does; a big one
    lists only the people the entry has (a 10,000-member project's form would be 12 MB):
    untick to take someone out, and record a new entry for anyone it missed."""
    entry = access.involvement_entry_for_member(request.user, pk, entry_pk)
    place = entry.place
    everyone = choosing.few_members(place)
    recorded = [p.person for p in entry.participations.all() if p.person is not None]
    only_recorded = everyone is None
    if everyone is None:
        still_in = set(
            access.place_member_ids(place).filter(person_id__in=[p.pk for p in recorded])
        )
        everyone = [person for person in recorded if person.pk in still_in]
    members = [(person, person.name) for person in everyone]
    member_ids = {person.pk for person, _name in members}
    past = [
        (
            person,
            _("%(name)s (no longer in the %(kind)s)")
            % {"name": person.name, "kind": place.kind_word},
        )
        for person in recorded
        if person.pk not in member_ids
    ]
    former_minutes = [p.minutes for p in entry.participations.all() if p.person is None]
    form = InvolvementEntryForm(
        posted(request),
        instance=entry,
        people=members + past,
        former_minutes=former_minutes,
        research_stages=place.kind == PlaceKind.PROJECT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            values = _entry_values(form)
            if "stage" not in form.fields:
                # A group's form asks no research stage; an entry that has one (a review
                # of a plan at its design stage) keeps it when corrected.
                values["stage"] = entry.stage
            log_services.involvement_entry_update(entry=entry, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is corrected. The change is in its history."))
            return redirect("places:log_entry", pk=place.pk, entry_pk=entry.pk)
    context = {
        "place": place,
        "entry": entry,
        "form": form,
        "only_recorded": only_recorded,
    }
    return render(request, "places/log_form.html", context)


def _entry_values(form: InvolvementEntryForm | ChosenEntryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "happened_on": data["happened_on"],
        "stage": data.get("stage", ""),
        "kind": data["kind"],
        "what_changed": data["what_changed"],
        "participants": form.participants,
    }


# Groups


@login_required
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_access.collective_for_member(request.user, slug)
    form = GroupForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                collective=collective,
                actor=request.user,
                name=form.cleaned_data["name"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("You started the group “%(name)s”.") % {"name": group.name}
            )
            return redirect("places:group", pk=group.pk)
    return render(request, "places/group_form.html", {"collective": collective, "form": form})


@login_required
@require_safe
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_collective_member(request.user, pk)
    memberships = list(
        PlaceMembership.objects.filter(place=group)
        .select_related("person")
        .order_by("joined_at", "id")[:MEMBERS_ON_PAGE]
    )
    is_member = PlaceMembership.objects.filter(place=group, person=request.user).exists()
    context = {
        "group": group,
        "place": group,
        "memberships": memberships,
        "member_count": group.member_count,
        "is_member": is_member,
        "navigation": place_navigation(group, request.user) if is_member else [],
    }
    return render(request, "places/group.html", context)


@login_required
@require_POST
def group_join(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_collective_member(request.user, pk)
    try:
        services.group_join(group=group, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You joined the group “%(name)s”.") % {"name": group.name})
    return redirect("places:group", pk=group.pk)


@login_required
def group_leave(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.place_for_member(request.user, pk)
    if group.kind != PlaceKind.GROUP:
        raise Http404("No such group.")
    if request.method == "POST":
        services.group_leave(group=group, person=request.user)
        messages.success(request, _("You left the group “%(name)s”.") % {"name": group.name})
        return redirect("collectives:detail", slug=group.collective.slug)
    return render(request, "places/group_leave.html", {"group": group, "place": group})
