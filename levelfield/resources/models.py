"""The resource map: tools and guidance for each stage of a co-produced project.

Each collective keeps its own map. Resources with no collective form the shared
starter set that a collective may copy to start its map. Any member suggests a
resource; the coordinator accepts it onto the map or declines it with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.projects.models import Stage

__all__ = ["Stage"]  # the research cycle: re-exported for the map's callers

SEARCH_CONFIG = "english"


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public contributors")
    RESEARCHERS = "researchers", _("Researchers")
    PRACTITIONERS = "practitioners", _("Practitioners")
    COORDINATORS = "coordinators", _("Coordinators")


class Topic(models.TextChoices):
    GETTING_STARTED = "getting_started", _("Getting started")
    PAYMENT = "payment", _("Payment")
    REMOTE = "remote", _("Remote working")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    EVALUATION = "evaluation", _("Evaluation")
    TRAINING = "training", _("Training")
    ETHICS = "ethics", _("Ethics")
    DATA = "data", _("Data")


class Format(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    VIDEO = "video", _("Video")
    COURSE = "course", _("Course")
    TOOLKIT = "toolkit", _("Toolkit")
    EASY_READ = "easy_read", _("Easy read")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    FREE_WITH_ACCOUNT = "free_with_account", _("Free, needs an account")
    PAID = "paid", _("Paid")


class Status(models.TextChoices):
    SUGGESTED = "suggested", _("Waiting for the coordinator")
    ACCEPTED = "accepted", _("On the map")
    DECLINED = "declined", _("Declined")


class LinkStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", _("Not checked yet")
    WORKING = "working", _("Working")
    BROKEN = "broken", _("May be broken")


class Facet(models.TextChoices):
    """The three ways a resource is labelled; each resource may have several of each."""

    STAGE = "stage", _("Stage")
    AUDIENCE = "audience", _("Audience")
    TOPIC = "topic", _("Topic")


FACET_CHOICES = {Facet.STAGE: Stage, Facet.AUDIENCE: Audience, Facet.TOPIC: Topic}


class ResourceQuerySet(models.QuerySet):
    def shared(self) -> ResourceQuerySet:
        """The shared starter set any collective may copy."""
        return self.filter(collective__isnull=True, status=Status.ACCEPTED)

    def on_map_of(self, collective_id: int) -> ResourceQuerySet:
        return self.filter(collective_id=collective_id, status=Status.ACCEPTED)

    def labelled(self, facet: str, value: str) -> ResourceQuerySet:
        """Resources with this label (an EXISTS, so several filters never multiply rows)."""
        return self.filter(
            models.Exists(
                ResourceLabel.objects.filter(
                    resource=models.OuterRef("pk"), facet=facet, value=value
                )
            )
        )


def search_index() -> GinIndex:
    """The full-text search index: PostgreSQL only, so it is not in Meta.indexes (SQLite
    would try to build it whenever it remakes the table); migration 0001 adds it on
    PostgreSQL. `search.py` filters on exactly this expression, so the index is used."""
    return GinIndex(
        SearchVector("title", "summary", config=SEARCH_CONFIG), name="resources_search_idx"
    )


class Resource(models.Model):
    collective = models.ForeignKey(
        "collectives.Collective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
        help_text=_("Empty for the shared starter set."),
    )
    title = models.CharField(max_length=200)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    file = models.FileField(upload_to="resources/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(
        max_length=200, blank=True, help_text=_("The name the file had when it was uploaded.")
    )
    file_type = models.CharField(
        max_length=100, blank=True, help_text=_("The content type found by reading the file.")
    )
    summary = models.TextField(_("plain-English summary"))
    format = models.CharField(max_length=20, choices=Format.choices)
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.FREE)
    last_checked = models.DateField(
        "date last checked",
        null=True,
        blank=True,
        help_text=_("When someone or the weekly link check last found it still there."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUGGESTED)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggested_at = models.DateTimeField()
    reason = models.TextField(
        _("why it helps"), blank=True, help_text=_("What the suggester said it is good for.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("why not"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text=_("The shared resource this one was copied from."),
    )
    link_status = models.CharField(
        max_length=20, choices=LinkStatus.choices, default=LinkStatus.NOT_CHECKED
    )
    link_checked_at = models.DateTimeField(null=True, blank=True)
    link_problem = models.CharField(max_length=200, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [
            # A collective's accepted resources in title order: the project page's five
            # for its stage are the first few that carry the stage's label (0.3 ms with
            # this index; 8 to 25 ms joining all 4,400 of a stage's labels without it).
            models.Index(
                fields=["collective", "status", "title", "id"], name="resources_map_title_idx"
            ),
            models.Index(fields=["url"], name="resources_url_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="resources_link_or_file"
            ),
            models.CheckConstraint(
                condition=Q(status="suggested", answered_at__isnull=True)
                | (~Q(status="suggested") & Q(answered_at__isnull=False)),
                name="resources_answered_when_not_suggested",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="resources_declined_with_reason",
            ),
            models.UniqueConstraint(
                fields=["collective", "copied_from"], name="resources_copied_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.collective is None:
            return self.url
        return reverse("resources:detail", args=[self.collective.slug, self.pk])

    @property
    def is_suggested(self) -> bool:
        return self.status == Status.SUGGESTED

    @property
    def is_broken(self) -> bool:
        return self.link_status == LinkStatus.BROKEN

    def labels_of(self, facet: str) -> list[str]:
        """Labels of one facet, in their choices' order (uses prefetched labels)."""
        values = {label.value for label in self.labels.all() if label.facet == facet}
        return [label for value, label in FACET_CHOICES[facet].choices if value in values]

    def values_of(self, facet: str) -> list[str]:
        values = {label.value for label in self.labels.all() if label.facet == facet}
        return [value for value in FACET_CHOICES[facet].values if value in values]

    def stage_labels(self) -> list[str]:
        return self.labels_of(Facet.STAGE)

    def audience_labels(self) -> list[str]:
        return self.labels_of(Facet.AUDIENCE)

    def topic_labels(self) -> list[str]:
        return self.labels_of(Facet.TOPIC)


class ResourceLabel(models.Model):
    """One stage, audience or topic a resource is for."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="labels")
    facet = models.CharField(max_length=10, choices=Facet.choices)
    value = models.CharField(max_length=30)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["facet", "value"], name="resources_label_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "facet", "value"], name="resources_one_label"
            ),
            models.CheckConstraint(
                condition=Q(facet="stage", value__in=Stage.values)
                | Q(facet="audience", value__in=Audience.values)
                | Q(facet="topic", value__in=Topic.values),
                name="resources_label_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facet}: {self.value}"


class MapVersion(models.Model):
    """A token that changes, in the same transaction, whenever anything a collective's
    map shows changes: the key of the map's kept HTML (`views.resource_map`), so no
    server ever shows an old map once the change is committed."""

    collective = models.OneToOneField(
        "collectives.Collective", on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.collective_id}: {self.token}"
