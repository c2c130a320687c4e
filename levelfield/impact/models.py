"""Impact: what changed because people were involved, for whom, and how we know.

An `Impact` belongs to a place. It says what changed (in plain words), for whom (one of
the groups a UK research team reports on, with free text to name them exactly), what
kind of change it was and when, and the evidence: text, a web address and/or a file
(checked by its content, stored through the storage API and served only to members).
It links the outputs that carried the change (`outputs.Output`) and the involvement
entries whose "what changed because of it" it draws on, both of the same place.

A member records it as a draft; the place's coordinator publishes it, which is when the
reports use it and, if the team chose, the collective's public page shows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.places.querysets import PlaceOwnedQuerySet

TITLE_MAX_LENGTH = 200
DETAIL_MAX_LENGTH = 200


class ForWhom(models.TextChoices):
    """Who the change was for: the groups NIHR and GRIPP2 reporting asks about."""

    PATIENTS = "patients", _("Patients and service users")
    CARERS = "carers", _("Carers and families")
    PUBLIC = "public", _("The public")
    PRACTICE = "practice", _("Practitioners and services")
    POLICY = "policy", _("Policy makers and commissioners")
    RESEARCH = "research", _("Research practice")
    TEAM = "team", _("The research team")
    CONTRIBUTORS = "contributors", _("The public contributors themselves")
    OTHER = "other", _("Someone else")


class Kind(models.TextChoices):
    """What kind of change, from knowing something to a lasting change in what is done."""

    UNDERSTANDING = "understanding", _("Understanding or awareness")
    SKILLS = "skills", _("Skills or confidence")
    RESEARCH = "research", _("How the research was done")
    PRACTICE = "practice", _("Practice or services")
    POLICY = "policy", _("Policy or guidance")
    OTHER = "other", _("Something else")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ImpactQuerySet(PlaceOwnedQuerySet):
    def published(self) -> ImpactQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def public(self) -> ImpactQuerySet:
        """Published impacts the place chose to show on the collective's public page."""
        return self.published().filter(show_publicly=True)


def evidence_path(impact: Impact, filename: str) -> str:
    """Private: never under a public address; the name is chosen by the service
    (`resources.files.stored_name`), never the uploader's."""
    return f"impact/evidence/{filename}"


class Impact(models.Model):
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="impacts")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    what_changed = models.TextField(_("what changed"))
    for_whom = models.CharField(_("for whom"), max_length=20, choices=ForWhom.choices)
    for_whom_detail = models.CharField(_("who exactly"), max_length=DETAIL_MAX_LENGTH, blank=True)
    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("when it changed"))
    evidence = models.TextField(_("how we know"), blank=True)
    evidence_url = models.URLField(_("web address of the evidence"), max_length=500, blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_file_type = models.CharField(max_length=100, blank=True)
    outputs = models.ManyToManyField("outputs.Output", blank=True, related_name="impacts")
    entries = models.ManyToManyField(
        "projects.InvolvementEntry", blank=True, related_name="impacts"
    )
    show_publicly = models.BooleanField(_("show on the public page"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImpactQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["place", "-happened_on"], name="impact_place_date")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="impact_titled"),
            models.CheckConstraint(condition=~Q(what_changed=""), name="impact_says_what"),
            models.CheckConstraint(
                condition=(Q(status=Status.DRAFT) & Q(published_at__isnull=True))
                | (Q(status=Status.PUBLISHED) & Q(published_at__isnull=False)),
                name="impact_published_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("impact:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def for_whom_words(self) -> str:
        """ "Patients and service users (people waiting for a first appointment)"."""
        label = self.get_for_whom_display()
        return f"{label} ({self.for_whom_detail})" if self.for_whom_detail else label
