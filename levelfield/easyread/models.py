"""Easy-read versions of pages people write (issue 28).

An easy-read version belongs to its page by content type and id, as a translation does
(levelfield/translations), so the apps whose pages have one hold nothing of it: they
declare an `EasyReadable` in their manifest and include "easyread/includes/link.html".
It is a title and a list of short points, each with a picture (one of the built-in
pictograms, `pictures.py`, or an uploaded one) and the words a screen reader says for
it. `source_digest` is a hash of the original's words when the version was saved: when
the original changes, the version is shown as out of date.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EasyReadVersion(models.Model):
    """The easy-read version of one page, written by its team."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(
        _("title in easy words"),
        max_length=200,
        blank=True,
        help_text=_("Leave it empty to keep the page's own title."),
    )
    source_digest = models.CharField(max_length=64)
    # SET_NULL: erasing the writer keeps the version and loses the name.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="easy_read_written",
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="easyread_one_per_page"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} in easy read"


def _point_picture_path(point: EasyReadPoint, filename: str) -> str:
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"easyread/{point.version_id}/{uuid.uuid4().hex}.{extension}"


class EasyReadPoint(models.Model):
    """One point: a short sentence or two, with a picture beside it."""

    version = models.ForeignKey(EasyReadVersion, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("words"), max_length=300)
    # A key of pictures.PICTURES, or empty.
    picture = models.CharField(_("picture"), max_length=30, blank=True)
    # An uploaded picture instead: checked by its content, redrawn without metadata and
    # served only through a view that checks who may read the page.
    image = models.FileField(upload_to=_point_picture_path, max_length=200, blank=True)
    alt = models.CharField(
        _("what the picture shows"),
        max_length=200,
        blank=True,
        help_text=_("For people who cannot see it."),
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="easyread_point_position_unique"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="easyread_point_has_words"),
            models.CheckConstraint(
                condition=Q(picture="") | Q(image=""), name="easyread_point_one_picture"
            ),
            models.CheckConstraint(
                condition=(Q(picture="") & Q(image="")) | ~Q(alt=""),
                name="easyread_point_picture_has_alt",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_picture(self) -> bool:
        return bool(self.picture or self.image)
