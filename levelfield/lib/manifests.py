"""What each app adds to the whole, declared in one place per app and discovered.

Each installed Levelfield app may have a `manifest.py` with `MANIFEST = AppManifest(...)`.
The home page, the personal data download, erasure, `load_demo` and `seed_scale` read
every app's manifest through `manifests()`, so nothing central lists the apps by hand: an
app that is installed and declares its part takes part. (Decidim's component manifests
and Django's own AppConfig are the models.)

Every callable is optional; an app declares only what it has. This module imports no
app: it sits in the ground layer, and the person, place and world it passes around are
typed loosely (`Any`) for that reason.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import importlib.util
import random
import re
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from levelfield.lib.erasure import forget_in, text_columns

NEEDS_SHOWN = 5  # the most of one kind a person's home lists
RECENT_DAYS = 30  # how far back "Recently in your places" looks


@dataclass(frozen=True)
class Need:
    """Something that needs a person now, shown on their home page."""

    label: str  # what to do, in plain words: "Answer: Where should we share the findings?"
    url: str
    place: str = ""  # the name of the project, group or collective it belongs to
    due: datetime.datetime | datetime.date | None = None
    kind: str = ""  # a short machine name ("decision", "claim"), for tests and grouping


@dataclass(frozen=True)
class Happening:
    """Something in a person's places that is coming up, or happened lately, for the
    "Coming up" and "Recently in your places" parts of their home (not a to-do: those
    are `Need`s)."""

    label: str  # "Meeting: The Cuppa", "Decided: Where should we share the findings?"
    url: str
    when: datetime.datetime | datetime.date | None  # None: no date to give (listed last)
    place: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Term:
    """A word people meet in Levelfield that not everyone knows, explained plainly, for
    the glossary (`/glossary/`): `word` as people see it, `meaning` in a sentence or two."""

    word: str
    meaning: str


@dataclass(frozen=True)
class NavigationEntry:
    """One entry in a place's navigation, grouped by what people do there.

    `url` makes the address from the place (`levelfield.places.models.Place`), usually
    `lambda place: reverse("decisions:place_log", args=[place.pk])`. `kinds` says which
    kinds of place have the feature ("collective", "group", "project"). `count`, when
    given, returns a number worth showing beside the label (open decisions, say) in one
    query, or None. A count that also changes as time passes, with nothing recorded (a
    decision opens and closes at its set times), gives `count_and_change` too: (place,
    now) -> the count at `now` and when it next changes that way (None: not by time), in
    one query, so the place's kept navigation is worked out again from then on
    (`levelfield.places.navigation`).
    """

    label: str
    section: str  # a key of levelfield.places.navigation.SECTIONS
    url: Callable[[Any], str]
    kinds: frozenset[str] = frozenset({"collective", "group", "project"})
    hint: str = ""  # a few plain words on what is there, for people new to it
    order: int = 50  # lower comes first within its section
    count: Callable[[Any], int | None] | None = None
    count_and_change: (
        Callable[[Any, datetime.datetime], tuple[int | None, datetime.datetime | None]] | None
    ) = None
    # (place, person) -> whether the entry is for this place and this person, when its
    # kind is not enough to say (only the research partners group has reviews; only
    # coordinators answer requests to join); None: everyone in every place of its kinds.
    # `person` may be None (a test, a summary): then show what is for everyone.
    applies: Callable[[Any, Any], bool] | None = None


@dataclass(frozen=True)
class PeopleGroup:
    """A group of a place's people an app knows, to choose in one step when recording
    who took part ("Everyone who came to The Cuppa on 3 March 2026"). `key` is unique
    within the app; `label` says who they are in plain words."""

    key: str
    label: str


@dataclass(frozen=True)
class Translatable:
    """A kind of thing people write whose words members may translate into the other
    languages Levelfield offers (levelfield/translations).

    `model` is "app_label.ModelName"; `fields` the text fields a translation covers, in
    the order shown; `label` what the thing is called in plain words ("event", "story").
    `find(person, pk)` returns the object for someone who may read it and raises Http404
    for anyone else (the app's one access helper); `may_translate(person, obj)` says
    whether they may add or change its translations (usually: a member of its place).
    """

    model: str
    fields: tuple[str, ...]
    label: str
    find: Callable[[Any, int], Any]
    may_translate: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class EasyReadable:
    """A kind of page whose team may write an easy-read version of it: short sentences,
    one idea per point, a picture with alt text beside each (levelfield/easyread).

    `model` is "app_label.ModelName"; `label` what the thing is called in plain words
    ("payment policy"); `source_fields` the fields whose change makes an easy-read
    version out of date. `find(person, pk)` returns the object for someone who may read
    it and raises Http404 for anyone else (the app's one access helper); `may_write(person,
    obj)` says whether they may write, change or delete its easy-read version. `url(obj)`
    gives the address of the full page, for a model with no `get_absolute_url`.
    """

    model: str
    label: str
    find: Callable[[Any, int], Any]
    may_write: Callable[[Any, Any], bool]
    source_fields: tuple[str, ...]
    url: Callable[[Any], str] | None = None


@dataclass
class DemoWorld:
    """What `load_demo` has made so far, handed from one app's demo to the next.

    `people` is keyed by the demo person's key ("gordon", "amara", ...); `collective` is
    the demo collective once the collectives app has made it. Apps may add what later
    apps need under `extra`.
    """

    people: dict[str, Any] = field(default_factory=dict)
    collective: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


class Erasure(enum.Enum):
    """What erasure does with a record that points at the person (README, Privacy)."""

    DELETE = "deleted"
    ANONYMISE = "kept with no name: the link to the person and their names in it go"
    KEEP = "kept for a stated legal reason, then deleted"


@dataclass(frozen=True)
class PersonField:
    """One ForeignKey, OneToOne or ManyToMany to the user model ("payments.Claim.claimant"),
    where the person's rows appear in their data download (`export`, a key of the app's
    export) and what erasure does with them (`erasure`, and why in `because`)."""

    path: str
    export: str
    erasure: Erasure
    because: str = ""


@dataclass
class ErasureContext:
    """What erasure knows about the person being erased, shared by every app's `erase`.

    `pattern` matches every name and address the person used (lib/erasure.py), or is
    None when there is nothing to look for; `project_ids` and `collective_ids` are where
    they were, so names are replaced only there (another collective may have its own
    "Sam"); `teammate_ids` are the people who shared those places. Work that must wait
    until the person's row is gone goes in `after_delete`.
    """

    person: Any
    addresses: set[str]
    names: set[str]
    pattern: re.Pattern | None
    project_ids: set[int]
    collective_ids: set[int]
    teammate_ids: set[int]
    after_delete: list[Callable[[], None]] = field(default_factory=list)

    def places(self, project: str | None = "project", collective: str | None = "collective") -> Q:
        """Rows of the places the person was in, through the given relations."""
        where = Q(pk__in=[])
        if project:
            where |= Q(**{f"{project}_id__in": self.project_ids})
        if collective:
            where |= Q(**{f"{collective}_id__in": self.collective_ids})
        return where

    def forget(self, rows: QuerySet, fields: Iterable[str] | None = None) -> int:
        """Replace the person's names and addresses with "A former member" in the text
        columns of `rows` (every text and JSON column unless `fields` names them)."""
        if self.pattern is None:
            return 0
        return forget_in(rows, self.pattern, list(fields or text_columns(rows.model)), self.terms)

    @property
    def terms(self) -> set[str]:
        return {term for term in self.names | self.addresses if term}


@dataclass(frozen=True)
class AppManifest:
    """What one app adds: its part of export, erasure, demo, scale data, needs, navigation.

    - `export(person)` returns the person's data in this app as named lists of rows.
    - `erase(context)` deletes or anonymises this app's rows about the person; it runs
      before the person's row is deleted (the README's privacy table says what each does).
    - `person_fields` names every ForeignKey, OneToOne or ManyToMany to the user model this
      app's models hold (`PersonField`), with where it is exported and what erasure does,
      so a test can check each is exported and erased.
    - `demo(world)` adds this app's demo, safe to run again; `demo_after` names the apps
      (labels) whose demo it builds on.
    - `scale(size=..., rng=...)` bulk-inserts this app's benchmark rows; `scale_after`
      likewise.
    - `needs(person)` lists what needs the person now in this app.
    - `coming_up(person)` and `recent(person)` list what is coming up in the person's
      places, and what happened there lately (`Happening`), a few of each, in one query.
    - `navigation` lists this app's entries in a place's navigation.
    - `glossary` explains the words this app uses that people may not know.
    - `leaving(place, person)` hands back what the person held in the place when they
      leave it (inside the leaving transaction): reviews they signed up for, say.
    - `people_groups(place)` lists the latest groups of the place's people this app
      knows (`PeopleGroup`: who came to each meeting), in one query; `people_in_group(place,
      key)` gives one group's person ids as a subquery (no query of its own), for choosing
      who took part in an involvement entry (`levelfield/places/choosing.py`).
    - `translatable` names what members may translate (`Translatable`).
    - `easy_read` names the pages that may have an easy-read version (`EasyReadable`).
    """

    label: str
    export: Callable[[Any], dict[str, list[dict[str, Any]]]] | None = None
    erase: Callable[[ErasureContext], None] | None = None
    person_fields: tuple[PersonField, ...] = ()
    demo: Callable[[DemoWorld], None] | None = None
    demo_after: tuple[str, ...] = ()
    scale: Callable[..., None] | None = None
    scale_after: tuple[str, ...] = ()
    needs: Callable[[Any], list[Need]] | None = None
    coming_up: Callable[[Any], list[Happening]] | None = None
    recent: Callable[[Any], list[Happening]] | None = None
    navigation: tuple[NavigationEntry, ...] = ()
    glossary: tuple[Term, ...] = ()
    leaving: Callable[[Any, Any], None] | None = None
    people_groups: Callable[[Any], list[PeopleGroup]] | None = None
    people_in_group: Callable[[Any, str], QuerySet] | None = None
    # The kinds of thing in this app whose words members may translate (`Translatable`).
    translatable: tuple[Translatable, ...] = ()
    # The kinds of page in this app that may have an easy-read version (`EasyReadable`).
    easy_read: tuple[EasyReadable, ...] = ()


@cache
def manifests() -> tuple[AppManifest, ...]:
    """Every installed app's manifest, in INSTALLED_APPS order (found once per process)."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.manifest"
        if importlib.util.find_spec(module_name) is None:
            continue
        manifest = importlib.import_module(module_name).MANIFEST
        if manifest.label != config.label:
            raise ValueError(
                f"{module_name} declares label {manifest.label!r}, not {config.label!r}"
            )
        found.append(manifest)
    return tuple(found)


def in_order(
    chosen: Iterable[AppManifest], after: Callable[[AppManifest], Iterable[str]]
) -> list[AppManifest]:
    """The manifests with every app after those it names (`demo_after`, `scale_after`),
    otherwise in INSTALLED_APPS order, so the same apps always run in the same order."""
    pending = list(chosen)
    labels = {manifest.label for manifest in pending}
    done: set[str] = set()
    ordered: list[AppManifest] = []
    while pending:
        ready = next(
            (m for m in pending if all(a in done or a not in labels for a in after(m))), None
        )
        if ready is None:
            names = ", ".join(m.label for m in pending)
            raise ValueError(f"These apps wait for each other: {names}")
        ordered.append(ready)
        done.add(ready.label)
        pending.remove(ready)
    return ordered


def demo_manifests() -> list[AppManifest]:
    return in_order((m for m in manifests() if m.demo), lambda m: m.demo_after)


def scale_manifests() -> list[AppManifest]:
    return in_order((m for m in manifests() if m.scale), lambda m: m.scale_after)


def seed_for(label: str, base: int) -> random.Random:
    """A random source per app that does not change when apps are added or reordered."""
    return random.Random(base + zlib.crc32(label.encode()))  # noqa: S311 - made-up scale data


def demo_module(module_name: str) -> Callable[[DemoWorld], None]:
    """`demo` for an app whose `demo.py` has `demo_load(*, collective, people)`, imported
    only when the demo is loaded (demo modules import heavy things such as numpy)."""

    def demo(world: DemoWorld) -> None:
        importlib.import_module(module_name).demo_load(
            collective=world.collective, people=world.people
        )

    return demo


def demo_world_module(module_name: str) -> Callable[[DemoWorld], None]:
    """`demo` for an app whose `demo.py` has `demo_world(world)`: the apps that make the
    world itself (people, the collective), imported only when the demo is loaded."""

    def demo(world: DemoWorld) -> None:
        importlib.import_module(module_name).demo_world(world)

    return demo


def scale_module(module_name: str) -> Callable[..., None]:
    """`scale` for an app whose `scale.py` has `scale_seed(*, size, rng)`, imported only
    when seeding."""

    def scale(*, size: str, rng: random.Random) -> None:
        importlib.import_module(module_name).scale_seed(size=size, rng=rng)

    return scale


def when(moment: datetime.datetime | datetime.date | None) -> str | None:
    """A moment as the data download writes it: local time (or a date), ISO 8601."""
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat()
    return moment.isoformat()


def export_rows(rows: QuerySet, **columns: str) -> list[dict[str, Any]]:
    """Rows for the data download in one query: each column named as the person reads it,
    from a field lookup (`collective="collective__name"`); moments in local time, money
    as exact strings."""
    lookups = list(columns.values())
    labels = {lookup: _choice_labels(rows.model, lookup) for lookup in lookups}
    return [
        {name: _plain(row[lookup], labels[lookup]) for name, lookup in columns.items()}
        for row in rows.order_by("pk").values(*lookups)
    ]


def _choice_labels(model: Any, lookup: str) -> dict[Any, str]:
    """The words for a choice field's stored values ("design" is "Design"), found by
    following the lookup through its relations."""
    field = None
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model or model
    return {value: str(label) for value, label in (getattr(field, "flatchoices", None) or [])}


def _plain(value: Any, labels: dict[Any, str]) -> Any:
    if labels and isinstance(value, str | int) and value in labels:
        return labels[value]
    if isinstance(value, datetime.date):
        return when(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value
