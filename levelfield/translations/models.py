"""Members' translations of what people write (issue 28).

A translation belongs to the translated object by content type and id, so the apps whose
words are translated hold nothing of it: they declare a `Translatable` in their manifest
and show the words through `translations.shown`. `source_digest` is a hash of the
original's words when the translation was saved: when the original changes, the digest
no longer matches and the translation is shown as out of date, without the original's
app telling anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Translation(models.Model):
    """The words of one object in one language, by one member."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # A code of settings.LANGUAGES other than the original's ("cy"); not a choice field,
    # so offering another language needs no migration.
    language = models.CharField(max_length=15)
    # The translated words per field of the Translatable ({"title": ..., "body": ...}).
    text = models.JSONField(default=dict)
    source_digest = models.CharField(max_length=64)
    # SET_NULL: erasing the translator keeps the words and loses the name.
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations_made",
    )
    translated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["language", "pk"]
        constraints = [
            # Its index is the one every page's lookup uses: (content type, object,
            # language), and (content type, object) for a list of objects.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="translations_one_per_language",
            ),
            models.CheckConstraint(condition=~Q(language=""), name="translations_has_language"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} in {self.language}"
