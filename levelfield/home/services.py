"""A person's data download and the erasure of their account, gathered from every app.

Each app declares its part in its manifest (`export`, `erase`, lib/manifests.py); this
module only puts the parts together, so an app added later takes part without a change
here. What erasure does with each record is in the README's privacy table.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levelfield.history.models import Change
from levelfield.invitations.models import Invitation
from levelfield.lib import cache
from levelfield.lib.erasure import identifying_pattern
from levelfield.lib.manifests import ErasureContext, Happening, Need, manifests
from levelfield.people.language import language_of
from levelfield.people.models import User
from levelfield.people.services import email_is_one_of, person_addresses, person_names
from levelfield.places.models import PlaceMembership


def person_needs(*, person: User) -> list[Need]:
    """What needs the person now, from every app, soonest first (undated last)."""
    found = [need for manifest in manifests() if manifest.needs for need in manifest.needs(person)]
    return sorted(found, key=lambda need: _moment(need.due))


HAPPENINGS_SHOWN = 8  # the most "Coming up" or "Recently" lists


def person_coming_up(*, person: User) -> list[Happening]:
    """What is coming up in the person's places, from every app, soonest first."""
    found = [item for m in manifests() if m.coming_up for item in m.coming_up(person)]
    return sorted(found, key=lambda item: _moment(item.when))[:HAPPENINGS_SHOWN]


def person_recent(*, person: User) -> list[Happening]:
    """What happened lately in the person's places, from every app, latest first."""
    found = [item for m in manifests() if m.recent for item in m.recent(person)]
    return sorted(found, key=lambda item: _moment(item.when), reverse=True)[:HAPPENINGS_SHOWN]


@dataclass(frozen=True)
class HomeLists:
    """The three lists of a person's home page, as worked out at one moment, and the
    page's parts made from them (`html`, by `render`): kept with the lists, so a visit
    that finds them kept renders none of their rows again."""

    needs: list[Need]
    coming_up: list[Happening]
    recent: list[Happening]
    language: str  # the labels' language: a person who switches gets them afresh
    html: dict[str, str] = field(default_factory=dict)


HOME_LISTS = "home:lists"
HOME_LISTS_KEPT_FOR = 60  # seconds: how late the home may be to show others' changes


def person_home_lists(
    *, person: User, render: Callable[[HomeLists], dict[str, str]] | None = None
) -> HomeLists:
    """What needs the person, what is coming up and what happened lately, kept for the
    person in the shared cache for `HOME_LISTS_KEPT_FOR` seconds, with `render(lists)`
    (the page's parts made only from the lists) kept beside them.

    Asking every app costs a query or more each (about 25 in all, most of the home
    page's time), and people come back to their home often. So the lists are worked out
    at most once a minute per person, and dropped as soon as the person changes anything
    (`header.ForgetNeedsCountAfterChanges`, after any POST that succeeds): what they did
    themselves shows at once. What others did (a decision opened, a meeting planned in
    one of their places) shows within `HOME_LISTS_KEPT_FOR` seconds.
    """
    language = get_language() or ""
    kept = cache.latest(HOME_LISTS, person.pk)
    if (
        isinstance(kept, HomeLists)
        and kept.language == language
        # (kept without its parts, by a process older than them: work them out again)
        and (render is None or getattr(kept, "html", None))
    ):
        return kept
    lists = HomeLists(
        needs=person_needs(person=person),
        coming_up=person_coming_up(person=person),
        recent=person_recent(person=person),
        language=language,
    )
    if render is not None:
        lists = replace(lists, html=render(lists))
    cache.keep_latest(HOME_LISTS, (person.pk,), lists, seconds=HOME_LISTS_KEPT_FOR)
    return lists


def person_home_lists_forget(*, person_id: int) -> None:
    """Drop the person's kept lists (they changed something): their next home asks again."""
    cache.forget_latest(HOME_LISTS, person_id)


def _moment(when: datetime.datetime | datetime.date | None) -> datetime.datetime:
    """A moment to sort by: a date counts as its end, no date as the end of time (last
    when soonest comes first)."""
    if when is None:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)
    if isinstance(when, datetime.datetime):
        return when
    return datetime.datetime.combine(
        when, datetime.time.max, tzinfo=timezone.get_current_timezone()
    )


def person_data_export(
    *, person: User, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    """Everything Levelfield holds about a person, for them to download: each app's part
    under its own names. `progress(done, total, doing)` hears after each app's part (the
    background job shows it: levelfield/home/background.py)."""
    data: dict[str, Any] = {"exported_at": timezone.localtime().isoformat()}
    parts = [manifest for manifest in manifests() if manifest.export is not None]
    # In the person's own language (their choice, else English), whoever or whatever
    # (the background worker) builds it: the words are theirs to read.
    with translation.override(language_of(person)):
        for done, manifest in enumerate(parts):
            if progress is not None:
                progress(
                    done,
                    len(parts),
                    _("Gathering part %(part)s of %(parts)s")
                    % {"part": done + 1, "parts": len(parts)},
                )
            part = manifest.export(person)
            clash = data.keys() & part.keys()
            if clash:
                raise ValueError(f"{manifest.label} exports {sorted(clash)} again")
            data.update(part)
    return data


def person_delete(*, person: User) -> None:
    """Delete a person's account and what identifies them, app by app (later apps first,
    since they build on earlier ones), then their row, in one transaction."""
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        context = erasure_context(person)
        for manifest in reversed(manifests()):
            if manifest.erase is not None:
                manifest.erase(context)
        person.delete()
        for work in context.after_delete:
            work()


def erasure_context(person: User) -> ErasureContext:
    addresses = person_addresses(person)
    names = person_names(person, addresses)
    project_ids, collective_ids = _where_they_were(person, addresses)
    return ErasureContext(
        person=person,
        addresses=addresses,
        names=names,
        pattern=identifying_pattern(names=names, addresses=addresses),
        project_ids=project_ids,
        collective_ids=collective_ids,
        teammate_ids=_teammates(person, project_ids, collective_ids),
    )


def _where_they_were(person: User, addresses: set[str]) -> tuple[set[int], set[int]]:
    """Ids of the projects and collectives the person belongs to, belonged to (their
    own history rows: joining, leaving) or was invited to."""
    project_ids = set(
        PlaceMembership.objects.in_projects()
        .filter(person=person)
        .values_list("place__project_id", flat=True)
    )
    collective_ids = set(
        PlaceMembership.objects.in_collectives()
        .filter(person=person)
        .values_list("place__collective_id", flat=True)
    )
    for project_id, collective_id in Change.objects.filter(actor=person).values_list(
        "project_id", "collective_id"
    ):
        project_ids.add(project_id)
        collective_ids.add(collective_id)
    for project_id, collective_id in Invitation.objects.filter(
        email_is_one_of(addresses)
    ).values_list("place__project_id", "place__collective_id"):
        project_ids.add(project_id)
        collective_ids.add(collective_id)
    return project_ids - {None}, collective_ids - {None}


def _teammates(person: User, project_ids: set[int], collective_ids: set[int]) -> set[int]:
    """Everyone who shares, or shared, a place with the person: those who may have seen
    their name in a notice."""
    ids = set(
        PlaceMembership.objects.in_projects()
        .filter(place__project_id__in=project_ids)
        .values_list("person_id", flat=True)
    )
    ids |= set(
        PlaceMembership.objects.in_collectives()
        .filter(place__collective_id__in=collective_ids)
        .values_list("person_id", flat=True)
    )
    return ids - {person.pk}
