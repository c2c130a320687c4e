"""Partner organisations: who a collective works with and for, and what it did for them.

An organisation belongs to a collective (its own place: `place` is always a collective's
place, checked by the services) and has one or more relationships with it (a funder
that is also a host, say). Contacts are people at the organisation, with an account
here or without one: their details are personal data, seen only by the collective's
members and deleted when the person is erased. Work is what the collective did with or
for the organisation (a project, an event, training delivered, a workshop series), with
dates and, where there was any, the income it brought (GBP, exact; every change to it
is in the history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.places.querysets import PlaceOwnedQuerySet


class OrganisationKind(models.TextChoices):
    HEALTH = "health", _("NHS or other health service")
    COUNCIL = "council", _("Local council or public body")
    CHARITY = "charity", _("Charity or community group")
    UNIVERSITY = "university", _("University or research institute")
    FUNDER = "funder", _("Funder")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


class Relationship(models.TextChoices):
    COMMISSIONER = "commissioner", _("Commissioner (asks us to do work for them)")
    FUNDER = "funder", _("Funder (pays for our work)")
    HOST = "host", _("Host (gives us a home, rooms or support)")
    PARTNER = "partner", _("Partner (we work on things together)")
    CHARITY = "charity", _("Charity we support or work alongside")
    OTHER = "other", _("Other")

    @property
    def short(self) -> str:
        """The label without its explanation: "Funder"."""
        return str(self.label).split(" (", 1)[0]


class WorkKind(models.TextChoices):
    PROJECT = "project", _("Project")
    EVENT = "event", _("Event")
    TRAINING = "training", _("Training delivered")
    WORKSHOPS = "workshops", _("Workshop series")
    ADVICE = "advice", _("Advice")
    OTHER = "other", _("Other")


class OrganisationQuerySet(PlaceOwnedQuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(active=True)


class Organisation(models.Model):
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.CASCADE,
        related_name="partner_organisations",
        help_text=_("The collective's own place."),
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(
        default=True, help_text=_("Whether the collective works with them now.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "place", Lower("name"), name="partners_one_organisation_per_name"
            )
        ]
        indexes = [models.Index(fields=["place", "name"], name="partners_org_by_place_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation", args=[self.place_id, self.pk])


class OrganisationRelationship(models.Model):
    """One of an organisation's relationships with the collective (it may have several)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="relationships"
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)

    class Meta:
        ordering = ["relationship"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "relationship"], name="partners_one_of_each_relationship"
            )
        ]

    def __str__(self) -> str:
        return Relationship(self.relationship).short


class Contact(models.Model):
    """Someone at an organisation: a person with an account here, or a name and details.
    Personal data: only the collective's members see it; erasure deletes it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partner_contacts",
    )
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(_("role or job title"), max_length=150, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="partners_a_contact_is_someone",
            ),
            models.UniqueConstraint(
                fields=["organisation", "person"],
                condition=Q(person__isnull=False),
                name="partners_one_contact_per_account",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id and not self.name:
            return self.person.name
        return self.name


class Work(models.Model):
    """What the collective did with or for an organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="work")
    kind = models.CharField(max_length=20, choices=WorkKind.choices)
    title = models.CharField(max_length=200)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_work",
    )
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_work",
    )
    income = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="partners_work_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(income__isnull=True) | Q(income__gte=0),
                name="partners_income_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-started_on"], name="partners_work_by_org"),
            models.Index(fields=["started_on"], name="partners_work_by_start"),
        ]

    def __str__(self) -> str:
        return self.title
