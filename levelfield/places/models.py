"""Places: where people work together, as one concept.

A place is a collective (a co-production hub), a group inside a collective (standing,
with a purpose and members but no research stage: an allies group, a young people's
advisory group) or a project inside a collective (with research-cycle stages).
Features that belong "to a project or a collective" belong to a place, and the
involvement log (`projects.InvolvementEntry.place`) is kept at every place, so
attendance at a collective's Cuppa or a group's meeting is logged, claimed and reported
exactly like a project's workshop.

Database shape: one `Place` row per collective, group and project, pointing at the
collective it is in (a collective's own place points at itself) and, for a project, at
the project. Why this shape: every question features ask is one indexed column away
("everything in this collective" is `place.collective_id`, "this project" is
`place.project_id`), the collective's and the project's own tables keep their columns
and ids (no existing row or URL changes), a group needs no table of its own (its name
and purpose are on its place), and a place is created in the same transaction as what
it stands for (`place_for_collective_create`, `place_for_project_create`,
`group_create`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from levelfield.collectives.models import Collective
    from levelfield.projects.models import Project


class PlaceKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    GROUP = "group", _("Group")
    PROJECT = "project", _("Project")


class Place(models.Model):
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    collective = models.ForeignKey(
        "collectives.Collective",
        on_delete=models.CASCADE,
        related_name="places",
        help_text=_("The collective the place is in; a collective's own place is itself."),
    )
    project = models.OneToOneField(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="place",
        help_text=_("The project, when the place is one."),
    )
    # A group's own details (a collective's and a project's are on their own rows).
    group_name = models.CharField(_("group name"), max_length=120, blank=True)
    purpose = models.TextField(
        _("what the group is for"), blank=True, help_text=_("A few sentences in plain English.")
    )
    # Kept by every service that adds or removes a membership (place_members_counted), in
    # the same transaction: counting 20,000 memberships on every page view cost the
    # collective and project pages most of their database time. `members_version` moves
    # on every join and leave, so a cache keyed by it sees a leave-and-join too.
    member_count = models.IntegerField(default=0, editable=False)
    members_version = models.IntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PlaceKind.PROJECT, project__isnull=False)
                | Q(kind__in=[PlaceKind.COLLECTIVE, PlaceKind.GROUP], project__isnull=True),
                name="places_project_only_for_projects",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PlaceKind.GROUP) | ~Q(group_name=""),
                name="places_a_group_has_a_name",
            ),
            models.UniqueConstraint(
                fields=["collective"],
                condition=Q(kind=PlaceKind.COLLECTIVE),
                name="places_one_own_place_per_collective",
            ),
            models.CheckConstraint(
                condition=Q(member_count__gte=0), name="places_member_count_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.kind == PlaceKind.GROUP:
            return reverse("places:group", args=[self.pk])
        return self.owner.get_absolute_url()

    @property
    def owner(self) -> Collective | Project | Place:
        """What roles are asked about: the collective or project this place stands for,
        or the group itself."""
        if self.kind == PlaceKind.GROUP:
            return self
        return self.project if self.project_id else self.collective

    @staticmethod
    def name_columns(prefix: str = "") -> tuple[str, ...]:
        """The columns `name` reads, for `.only()` on a query that shows a place's name
        (`prefix` is the path to the place, such as "place__")."""
        return tuple(
            prefix + column
            for column in (
                "kind",
                "group_name",
                "project_id",
                "collective__name",
                "project__title",
            )
        )

    @property
    def name(self) -> str:
        if self.kind == PlaceKind.GROUP:
            return self.group_name
        return self.project.title if self.project_id else self.collective.name

    @property
    def kind_word(self) -> str:
        """ "project" or "collective", for sentences."""
        return self.get_kind_display().lower()

    def log_url(self) -> str:
        return reverse("places:log", args=[self.pk])

    def history_scope(self) -> dict[str, Collective | Project]:
        """Where a change in this place shows in the history: the project's history, or
        the collective's."""
        if self.project_id:
            return {"project": self.project}
        return {"collective": self.collective}


def place_of(owner: Collective | Project | Place) -> Place:
    """The place of a collective, a project or a group (a group is its own place)."""
    if isinstance(owner, Place):
        return owner
    if owner._meta.model_name == "project":
        return owner.place
    return owner.own_place


class CoordinatorJob(models.Model):
    """The coordinator job on a membership: who holds it since when, and who was asked.

    Coordinating is a job (logistics, approvals), never a rank: it never overrides a
    collective decision. Several members may share it. A member is asked (or
    volunteers); one pending request per membership, with who asked and when. Who may
    do what is in `levelfield.collectives.roles`; the changes are in `places/coordinator.py`.
    """

    coordinator_since = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty unless the member holds the coordinator job.")
    )
    coordinator_asked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When someone asked the member to take the job.")
    )
    coordinator_asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who asked; empty when they have since deleted their account."),
    )
    coordinator_asked_because = models.CharField(
        max_length=300, blank=True, help_text=_("Why, when a decision chose the member.")
    )

    class Meta:
        abstract = True

    @property
    def is_coordinator(self) -> bool:
        return self.coordinator_since is not None

    @property
    def coordinator_asked(self) -> bool:
        """Someone asked the member to take the job and they have not answered yet."""
        return self.coordinator_asked_at is not None


class PlaceMembershipQuerySet(models.QuerySet):
    """Memberships asked the same way for every kind of place."""

    def of_collective(self, collective: Collective | int) -> Self:
        """The members of a collective itself (not of its groups or projects)."""
        return self.filter(place__collective=collective, place__kind=PlaceKind.COLLECTIVE)

    def of_project(self, project: Project | int) -> Self:
        return self.filter(place__project=project)

    def of_owner(self, owner: Collective | Project | Place) -> Self:
        """The members of what `Place.owner` returns: a collective, a project or a group."""
        if isinstance(owner, Place):
            return self.filter(place=owner)
        if owner._meta.model_name == "project":
            return self.of_project(owner)
        return self.of_collective(owner)

    def in_collectives(self) -> Self:
        """Memberships of collectives themselves."""
        return self.filter(place__kind=PlaceKind.COLLECTIVE)

    def in_projects(self) -> Self:
        return self.filter(place__kind=PlaceKind.PROJECT)

    def in_groups(self) -> Self:
        return self.filter(place__kind=PlaceKind.GROUP)

    def coordinators(self) -> Self:
        return self.filter(coordinator_since__isnull=False)


class PlaceMembership(CoordinatorJob):
    """Someone's membership of a place: a collective, a group or a project.

    One table for every kind of place, so "is this person in this place" is one indexed
    lookup (`place`, `person`) whatever the place is, and the coordinator job, the
    members page and joining work the same everywhere. "The members of a collective" is
    `PlaceMembership.objects.of_collective(collective)` (its own place, not its groups'
    or projects'); "the collectives someone is in" is `.in_collectives()` by person.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="place_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    objects = PlaceMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "person"], name="places_one_membership")
        ]
        indexes = [
            models.Index(fields=["place", "joined_at", "id"], name="places_members_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.place}"

    @property
    def collective(self) -> Collective:
        """The collective the membership is in (of the collective itself, or of a group
        or project inside it)."""
        return self.place.collective

    @property
    def project(self) -> Project | None:
        """The project, for a membership of one."""
        return self.place.project if self.place.project_id else None


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JoinRequestQuerySet(models.QuerySet):
    def pending(self) -> Self:
        return self.filter(status=JoinRequestStatus.PENDING)


class JoinRequest(models.Model):
    """Someone asks to join a place with a short message; the place answers once.

    One table for every kind of place. A listed collective's coordinators answer
    people who found it in the directory (`collectives/services.py`); a project's
    members answer members of its collective (`projects/services.py`); a group needs no
    request (its collective's members join it directly). One waiting request per person
    per place.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField("message", blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField("why not", blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "person"],
                condition=Q(status="pending"),
                name="places_one_pending_join_request",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", answered_at__isnull=True)
                | (~Q(status="pending") & Q(answered_at__isnull=False)),
                name="places_join_request_answered_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} asks to join {self.place}"

    @property
    def is_pending(self) -> bool:
        return self.status == JoinRequestStatus.PENDING

    @property
    def collective(self) -> Collective:
        """The collective asked to join, or the project's collective."""
        return self.place.collective

    @property
    def project(self) -> Project | None:
        """The project, for a request to join one."""
        return self.place.project if self.place.project_id else None
