"""Writing and deleting an easy-read version: the only ways its rows change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.easyread import pictures, registry, rules
from levelfield.easyread.models import EasyReadPoint, EasyReadVersion
from levelfield.lib.manifests import EasyReadable
from levelfield.people.models import User
from levelfield.stories.images import PreparedImage


@dataclass(frozen=True)
class PointInput:
    """One point as written: its words and at most one picture, which is a built-in
    `picture` key, a newly `prepared` upload, or the uploaded picture of the version's
    existing point `keep_image_of` (its id)."""

    text: str
    picture: str = ""
    alt: str = ""
    prepared: PreparedImage | None = None
    keep_image_of: int | None = None


def version_of(obj: Any) -> EasyReadVersion | None:
    return (
        EasyReadVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
        )
        .select_related("written_by")
        .first()
    )


def _declared(obj: Any, actor: User) -> EasyReadable:
    declared = registry.for_object(obj)
    if declared is None:
        raise ValidationError(_("This page cannot have an easy-read version."), code="no")
    if not declared.may_write(actor, obj):
        raise PermissionDenied("Only the page's team may write its easy-read version.")
    return declared


def _check(points: Sequence[PointInput]) -> None:
    """The service's own check of what the form checks, so no caller can store a point
    that breaks the rules."""
    if not points:
        raise ValidationError(_("Write at least one point."), code="no_points")
    if len(points) > rules.MAX_POINTS:
        raise ValidationError(
            _("Use %(most)d points or fewer.") % {"most": rules.MAX_POINTS}, code="too_many"
        )
    for number, point in enumerate(points, 1):
        problems = rules.point_problems(point.text) if point.text.strip() else [_("Enter words")]
        if point.picture and point.picture not in pictures.PICTURES:
            problems.append(_("Choose a picture from the list"))
        chosen = [bool(point.picture), point.prepared is not None, bool(point.keep_image_of)]
        if sum(chosen) > 1:
            problems.append(_("Choose one picture: a built-in one or your own, not both"))
        if (point.prepared is not None or point.keep_image_of) and not point.alt.strip():
            problems.append(_("Say what the picture shows"))
        if problems:
            raise ValidationError(
                _("Point %(number)d: %(problem)s") % {"number": number, "problem": problems[0]},
                code="point",
            )


def _delete_files(names: list[str]) -> None:
    for name in names:
        EasyReadPoint._meta.get_field("image").storage.delete(name)


def easy_read_save(
    *,
    obj: Any,
    title: str,
    points: Sequence[PointInput],
    actor: User,
    now: datetime | None = None,
) -> EasyReadVersion:
    """Keep the easy-read version of `obj` (adding or replacing it) with its points in
    the order given, a digest of the original's words now, the writer and the time.
    Uploaded pictures of points left out are deleted once the change is committed."""
    declared = _declared(obj, actor)
    _check(points)
    with transaction.atomic():
        version, _created = EasyReadVersion.objects.select_for_update().update_or_create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
            defaults={
                "title": title.strip(),
                "source_digest": registry.source_digest(obj, declared),
                "written_by": actor,
                "written_at": now or timezone.now(),
            },
        )
        old = {point.pk: point for point in version.points.all()}
        kept: set[str] = set()
        rows = []
        for position, point in enumerate(points, 1):
            row = EasyReadPoint(
                version=version,
                position=position,
                text=point.text.strip(),
                picture=point.picture,
                alt=point.alt.strip()
                or (pictures.default_alt(point.picture) if point.picture else ""),
            )
            earlier = old.get(point.keep_image_of or 0)
            if earlier is not None and earlier.image:
                row.image = earlier.image.name
                kept.add(earlier.image.name)
            elif point.prepared is not None:
                extension = "png" if point.prepared.content_type == "image/png" else "jpg"
                row.image.save(f"point.{extension}", point.prepared.content, save=False)
            rows.append(row)
        version.points.all().delete()
        EasyReadPoint.objects.bulk_create(rows)
        dropped = [p.image.name for p in old.values() if p.image and p.image.name not in kept]
        transaction.on_commit(lambda: _delete_files(dropped))
    return version


def easy_read_delete(*, obj: Any, actor: User) -> None:
    """Delete the easy-read version of `obj` and its uploaded pictures; the original is
    untouched."""
    _declared(obj, actor)
    with transaction.atomic():
        version = version_of(obj)
        if version is None:
            raise ValidationError(_("There is no easy-read version to delete."), code="missing")
        files = [p.image.name for p in version.points.all() if p.image]
        version.delete()
        transaction.on_commit(lambda: _delete_files(files))
