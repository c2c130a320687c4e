"""Outputs and credit: what a project or collective makes, and who made it.

An `Output` (a paper, a talk, a lay summary...) belongs to a place. Its `Contributor`
rows, in the order they are credited, are either a member of the place (`person`) or a
named person without an account; `name` is the name as credited (for a member, their
name when they were credited), because a published paper's author list is public
record and does not change when someone renames or leaves. Each contributor's part is
given by `Credit` rows, one per CRediT role, with an optional degree.

A member's own ORCID iD is kept here (`OrcidRecord`, keyed by person) so the people
app stays unaware of outputs; a contributor row copies it when they are credited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.outputs.credit import EXPLAINED, Degree, Role
from levelfield.outputs.identifiers import doi_url, orcid_url
from levelfield.people.models import PerspectiveKind
from levelfield.places.querysets import PlaceOwnedQuerySet

TITLE_MAX_LENGTH = 300
NAME_MAX_LENGTH = 200
# The stored form is 0000-0002-1825-0097 (identifiers.orcid_normalise checks the digits).
ORCID_LENGTH = Q(Exact(Length("orcid"), 19))


class Kind(models.TextChoices):
    PAPER = "paper", _("Paper")
    POSTER = "poster", _("Poster")
    TALK = "talk", _("Talk")
    LAY_SUMMARY = "lay_summary", _("Lay summary")
    REPORT = "report", _("Report")
    RESOURCE = "resource", _("Resource")
    VIDEO = "video", _("Video")
    OTHER = "other", _("Other")


class OutputQuerySet(PlaceOwnedQuerySet):
    def for_member(self, person: object) -> OutputQuerySet:
        """Outputs of the places `person` is a member of."""
        return self.visible_to(person)

    def public(self) -> OutputQuerySet:
        """Outputs the place chose to show on the collective's public page."""
        return self.filter(show_publicly=True)


class Output(models.Model):
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    date = models.DateField(help_text=_("When it was published, presented or released."))
    venue = models.CharField(
        "journal, conference or where it appeared", max_length=300, blank=True
    )
    doi = models.CharField("DOI", max_length=200, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    summary = models.TextField(_("abstract or summary"), blank=True)
    show_publicly = models.BooleanField(_("show on the public page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["place", "-date"], name="outputs_place_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(doi="") | Q(doi__startswith="10."), name="outputs_doi_shape"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outputs:detail", args=[self.pk])

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def link(self) -> str:
        """Where to read it: the DOI's address first, as it does not break."""
        return self.doi_url or self.url


class ContributorQuerySet(models.QuerySet):
    def with_credits(self) -> ContributorQuerySet:
        return self.select_related("person").prefetch_related("credits")


class Contributor(models.Model):
    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="contributors")
    position = models.PositiveIntegerField()
    # A member of the place, or nobody (a named person without an account).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="output_credits",
    )
    name = models.CharField(_("name as credited"), max_length=NAME_MAX_LENGTH)
    orcid = models.CharField("ORCID iD", max_length=19, blank=True)
    perspective = models.CharField(
        "perspective at the time", max_length=20, choices=PerspectiveKind.choices, blank=True
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ContributorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "position"], name="outputs_one_contributor_per_position"
            ),
            models.UniqueConstraint(
                fields=["output", "person"],
                condition=Q(person__isnull=False),
                name="outputs_member_credited_once",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="outputs_contributor_named"),
            models.CheckConstraint(
                condition=Q(orcid="") | ORCID_LENGTH,
                name="outputs_contributor_orcid_shape",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def orcid_url(self) -> str:
        return orcid_url(self.orcid)


class Credit(models.Model):
    """One CRediT role a contributor had in an output, with its degree if given."""

    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=30, choices=Role.choices)
    degree = models.CharField(max_length=10, choices=Degree.choices, blank=True)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["contributor", "role"], name="outputs_role_once"),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        return f"{label} ({self.get_degree_display().lower()})" if self.degree else label

    @property
    def explained(self) -> str:
        return EXPLAINED[self.role]


class OrcidRecord(models.Model):
    """A person's own ORCID iD, which they give once and which is copied when they are
    credited."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orcid_record"
    )
    orcid = models.CharField("ORCID iD", max_length=19)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=ORCID_LENGTH,
                name="outputs_orcid_record_shape",
            ),
        ]

    def __str__(self) -> str:
        return self.orcid


class OutputTime(models.Model):
    """Time recorded in the involvement log for an output (speaking at a conference,
    presenting a poster), so the output's page can say when and for how many people.

    A link row here, not a key on the entry: the log belongs to places and knows
    nothing of outputs. The entry itself (who, how long) is written only by the log's
    one writer; deleting the entry deletes the link, deleting the output keeps the
    entry (the time happened and may be paid)."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="time_records")
    entry = models.OneToOneField(
        "projects.InvolvementEntry", on_delete=models.CASCADE, related_name="output_time"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.output} → {self.entry}"
