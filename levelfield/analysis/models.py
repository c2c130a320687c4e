"""Shared analysis of interviews in a project: the analysis team, its sources (with
consent and de-identification), its codebook and themes, and who coded what.

Everything belongs to a project's place. Only the analysis team (`TeamMember`) sees
any of it (`access.py`). A `Source` is open to the team only once the person who
uploaded it has confirmed its de-identification (`confirmed_at`); until then only they
see it. The text before de-identification (`original_text`) and the uploaded file are
kept only when the project names people who may keep originals (`TeamMember.keeps_originals`),
and are deleted on `delete_original_on` (`manage.py analysis_delete_originals`).

A `Segment` is one coder's passage of a source (character offsets into `Source.text`),
with the codes they applied and a memo. Agreement between coders is computed from
segments at sentence level (`queries.agreement`), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from levelfield.places.querysets import PlaceOwnedQuerySet

NAME_MAX_LENGTH = 200


class Settings(models.Model):
    """What the team chose for its analysis (one row per place, made when first saved)."""

    place = models.OneToOneField(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_settings"
    )
    share_coding = models.BooleanField(
        "show everyone’s coding",
        default=False,
        help_text="When yes, everyone on the team sees everyone’s coding; when no, each "
        "person sees only their own (agreement is shown either way).",
    )
    training_course = models.ForeignKey(
        "learning.Course",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="When set, people join the team after finishing this course.",
    )

    def __str__(self) -> str:
        return f"Analysis settings of {self.place_id}"


class TeamMember(models.Model):
    """A member of the project who joined (or was added to) its analysis team."""

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_team"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="analysis_teams"
    )
    training = models.ForeignKey(
        "learning.Enrolment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The finished course, where the project asks for one.",
    )
    keeps_originals = models.BooleanField(
        "may keep original transcripts",
        default=False,
        help_text="Named by the project: only these people may see the text before "
        "de-identification and the uploaded file.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "person"], name="analysis_team_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.place_id}"


class WordListEntry(models.Model):
    """A word the team always replaces when de-identifying (a local school, a ward)."""

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_words"
    )
    word = models.CharField(max_length=100)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["word", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "word"], name="analysis_word_once"),
            models.CheckConstraint(condition=~Q(word=""), name="analysis_word_not_empty"),
        ]

    def __str__(self) -> str:
        return self.word


class SourceQuerySet(PlaceOwnedQuerySet):
    def open_to(self, person: object) -> SourceQuerySet:
        """Sources confirmed as de-identified, and the person's own still waiting."""
        return self.filter(Q(confirmed_at__isnull=False) | Q(uploaded_by=person))

    def waiting_for(self, person: object) -> SourceQuerySet:
        return self.filter(confirmed_at__isnull=True, uploaded_by=person)


def original_path(source: Source, filename: str) -> str:
    """Private storage: never under a public URL; the name holds nothing personal."""
    return f"analysis/place-{source.place_id}/{source.stored_name}"


class Source(models.Model):
    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_sources"
    )
    title = models.CharField(
        max_length=NAME_MAX_LENGTH,
        help_text="A name that does not identify anyone, like “Interview 3”.",
    )
    text = models.TextField(blank=True, help_text="The de-identified text the team codes.")
    original_text = models.TextField(blank=True)
    file = models.FileField(upload_to=original_path, blank=True, max_length=200)
    stored_name = models.CharField(max_length=60, blank=True, editable=False)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    delete_original_on = models.DateField("delete the original on", null=True, blank=True)
    original_deleted_at = models.DateTimeField(null=True, blank=True)
    consent_reference = models.CharField("consent form reference", max_length=200)
    quotes_allowed = models.BooleanField("agreed to quotes in publications")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "title"], name="analysis_source_title_once"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_at__gte=F("uploaded_at")),
                name="analysis_confirmed_after_upload",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("analysis:source", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def has_original(self) -> bool:
        return bool(self.original_text or self.file)


class Theme(models.Model):
    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_themes"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    objects = PlaceOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="analysis_theme_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("analysis:theme", args=[self.pk])


class Code(models.Model):
    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="analysis_codes"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    definition = models.TextField(help_text="When to use this code, in a sentence or two.")
    example = models.TextField(blank=True, help_text="A passage this code fits.")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="codes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    objects = PlaceOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="analysis_code_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """One coder's passage of a source: characters [start, end) of `Source.text`."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="segments")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    memo = models.TextField(blank=True)
    codes = models.ManyToManyField(Code, related_name="segments")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["start", "end", "id"]
        indexes = [models.Index(fields=["source", "start"], name="analysis_segment_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="analysis_segment_span"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}: {self.start}-{self.end}"
