"""Involvement opportunities: a place asks the public to take part, and people answer.

An opportunity belongs to one place (a collective, a group or a project). A member
writes it; a coordinator of the collective checks it before it goes live, as a PPI
lead checks a posting on VOICE or People in Research (approves it or sends it back with
comments). Live opportunities of the collectives that list themselves in the directory
are on the public board; anyone may express interest, with or without an account.

Whether an opportunity is still open is computed from its closing date and the time
of the request: nothing writes "closed" when the date passes (GET never writes).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.people.models import PerspectiveKind
from levelfield.places.querysets import PlaceOwnedQuerySet


class Topic(models.Model):
    """The small shared vocabulary of health and care topics that opportunities are
    filed under and people choose to hear about (seeded by a migration)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Involvement(models.TextChoices):
    """The kind of involvement, in the words public contributors use."""

    ADVISORY_GROUP = "advisory_group", gettext_lazy("Joining an advisory or steering group")
    WORKSHOP = "workshop", gettext_lazy("A one-off workshop or discussion")
    REVIEWING = "reviewing", gettext_lazy("Reviewing plans, leaflets or funding applications")
    CO_RESEARCHER = (
        "co_researcher",
        gettext_lazy("Doing the research with the team (co-researcher)"),
    )
    PANEL = "panel", gettext_lazy("Sitting on an interview or funding panel")
    PRIORITY_SETTING = "priority_setting", gettext_lazy("Helping to choose research priorities")


class Mode(models.TextChoices):
    ONLINE = "online", gettext_lazy("Online")
    IN_PERSON = "in_person", gettext_lazy("In person")
    BOTH = "both", gettext_lazy("Online or in person")


class Region(models.TextChoices):
    ANYWHERE = "anywhere", gettext_lazy("Anywhere (online)")
    LONDON = "london", gettext_lazy("London")
    SOUTH_EAST = "south_east", gettext_lazy("South East England")
    SOUTH_WEST = "south_west", gettext_lazy("South West England")
    EAST = "east", gettext_lazy("East of England")
    EAST_MIDLANDS = "east_midlands", gettext_lazy("East Midlands")
    WEST_MIDLANDS = "west_midlands", gettext_lazy("West Midlands")
    YORKSHIRE = "yorkshire", gettext_lazy("Yorkshire and the Humber")
    NORTH_EAST = "north_east", gettext_lazy("North East England")
    NORTH_WEST = "north_west", gettext_lazy("North West England")
    SCOTLAND = "scotland", gettext_lazy("Scotland")
    WALES = "wales", gettext_lazy("Wales")
    NORTHERN_IRELAND = "northern_ireland", gettext_lazy("Northern Ireland")


class State(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Waiting to be checked")
    LIVE = "live", gettext_lazy("Live")
    CLOSED = "closed", gettext_lazy("Closed")


def today() -> datetime.date:
    return timezone.localdate()


class OpportunityQuerySet(PlaceOwnedQuerySet):
    def live(self, on: datetime.date | None = None) -> OpportunityQuerySet:
        """Approved and not past the closing date (the closing day itself is open)."""
        return self.filter(state=State.LIVE, closes_on__gte=on or today())

    def on_board(self, on: datetime.date | None = None) -> OpportunityQuerySet:
        """What the public board shows: live, in a collective listed in the directory."""
        return self.live(on).filter(place__collective__listed=True)


class Opportunity(models.Model):
    """One role a place asks people to take up, written for people outside it."""

    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("role title", max_length=200)
    summary = models.TextField("what it is")
    who_for = models.TextField("who it is for")
    perspectives = models.JSONField(
        "perspectives wanted", default=list, blank=True, help_text="PerspectiveKind values."
    )
    time_needed = models.CharField("time it takes", max_length=200)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices)
    region = models.CharField(max_length=30, choices=Region.choices)
    accessibility = models.TextField(blank=True)
    paid = models.BooleanField(default=True)
    payment = models.TextField("what it pays", blank=True)
    gains = models.TextField("what people gain", blank=True)
    how_to_ask = models.TextField("how to ask questions", blank=True)
    closes_on = models.DateField("closing date")
    topics = models.ManyToManyField(Topic, related_name="opportunities", blank=True)
    involvement = models.CharField(max_length=30, choices=Involvement.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities_written",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The checker's latest comments when they sent it back (the history keeps them all).
    sent_back_at = models.DateTimeField(null=True, blank=True)
    sent_back_comments = models.TextField(blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities_checked",
    )
    # Set by the fan-out job once people who chose to hear about it have been told, so
    # running it again tells nobody twice.
    matched_at = models.DateTimeField(null=True, blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["closes_on", "pk"]
        verbose_name_plural = "opportunities"
        indexes = [
            # With the place, the board's count of live opportunities is read from the
            # index alone (0.6 ms for 5,000; 19 ms reading the table's wide rows).
            models.Index(fields=["state", "closes_on", "place"], name="opportunities_live_places"),
            models.Index(fields=["place", "state"], name="opportunities_place_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in State]),
                name="opportunities_known_state",
            ),
            models.CheckConstraint(
                condition=~Q(state="live") | Q(published_at__isnull=False),
                name="opportunities_live_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="opportunities_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opportunities:detail", args=[self.pk])

    def is_open(self, on: datetime.date | None = None) -> bool:
        return self.state == State.LIVE and self.closes_on >= (on or today())

    def shown_state(self, on: datetime.date | None = None) -> str:
        """The state as people should read it now: live past its closing date is closed."""
        if self.state == State.LIVE and not self.is_open(on):
            return State.CLOSED.label
        if self.state == State.DRAFT and self.sent_back_at:
            return _("Sent back with comments")
        return State(self.state).label

    @property
    def perspective_labels(self) -> list[str]:
        labels = dict(PerspectiveKind.choices)
        return [str(labels[value]) for value in self.perspectives if value in labels]


class Interest(models.Model):
    """Someone's answer to an opportunity: their name, email address, why, the
    perspectives they bring and, only if they choose to share them, access needs.

    Personal data: shown only to the opportunity's organisers (access.py), exported to
    and erased for the account holder or anyone with the same email address.
    """

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interests"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="opportunity_interests",
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    why = models.TextField()
    perspectives = models.JSONField(default=list, blank=True)
    access_needs = models.TextField(blank=True)
    # Writing access needs is the choice to share them with the organisers (as events
    # do); the database refuses needs without this moment.
    access_needs_shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set when the organiser finishes the selection and everyone is told.
    outcome = models.CharField(max_length=20, blank=True, default="")
    outcome_reason = models.TextField(blank=True)
    told_at = models.DateTimeField(null=True, blank=True)
    # A chosen person's invitation to the place (the invitations app's own).
    invitation = models.ForeignKey(
        "invitations.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A person not chosen answers whether to keep them in mind (None: not answered).
    keep_in_mind = models.BooleanField(null=True, blank=True)
    keep_in_mind_at = models.DateTimeField(null=True, blank=True)
    # Whether a chosen person has answered the "took part" questions (never what they
    # answered: that is only in the totals, see ReachCount), so they are counted once.
    took_part_answered = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["opportunity", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(access_needs="") | Q(access_needs_shared_at__isnull=False),
                name="opportunities_access_needs_only_with_consent",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "email"], name="opportunities_one_interest_per_email"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", "chosen", "not_chosen"]),
                name="opportunities_interest_known_outcome",
            ),
            models.CheckConstraint(
                condition=Q(keep_in_mind__isnull=True) | Q(outcome="not_chosen"),
                name="opportunities_keep_in_mind_only_if_not_chosen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.opportunity_id}"

    @property
    def perspective_labels(self) -> list[str]:
        labels = dict(PerspectiveKind.choices)
        return [str(labels[value]) for value in self.perspectives if value in labels]


class Preference(models.Model):
    """What a person with an account wants to hear about: topics and kinds of
    involvement. How often is their notification preference for `opportunity_match`."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_preference"
    )
    topics = models.ManyToManyField(Topic, related_name="+", blank=True)
    involvements = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Opportunity choices of {self.person_id}"

    def fits(self, opportunity: Opportunity, topic_ids: set[int], own_topics: set[int]) -> bool:
        """Whether the opportunity fits: a chosen topic is among its topics (or no topic
        was chosen) and its kind was chosen (or no kind was); at least one was chosen."""
        if not own_topics and not self.involvements:
            return False
        topic_ok = not own_topics or bool(own_topics & topic_ids)
        kind_ok = not self.involvements or opportunity.involvement in self.involvements
        return topic_ok and kind_ok


class Outcome(models.TextChoices):
    """What the finished selection said to someone who expressed interest."""

    CHOSEN = "chosen", gettext_lazy("Chosen")
    NOT_CHOSEN = "not_chosen", gettext_lazy("Not chosen this time")


class Selection(models.Model):
    """The organiser's finished selection for an opportunity: the draw they confirmed
    (its seed and settings, so anyone can rerun it), who confirmed it and when. Once
    there is one, the people who expressed interest have been told; there is at most
    one, so nobody is told twice."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="selection"
    )
    places = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    first_time_share = models.PositiveIntegerField(default=0)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1), name="opportunities_selection_has_places"
            ),
        ]

    def __str__(self) -> str:
        return f"Selection for {self.opportunity_id}"


class ReachStage(models.TextChoices):
    INTEREST = "interest", gettext_lazy("Expressed interest")
    TOOK_PART = "took_part", gettext_lazy("Took part")


class ReachCount(models.Model):
    """Equality monitoring ("reach") for one opportunity, kept only as running totals:
    how many people at a stage gave one answer to one question.

    Why totals and not a row per person (as priorities' `Demographics`): a row written
    when someone expresses interest would sit next to their interest in time, in id
    order and in the table's physical order, and so could be matched back to them. A
    total has no person, no interest, no id order, no time (not even a day), and adding
    one to it leaves no trace of who was added. The "took part" totals are written the
    same way, from answers a chosen person gives again (see services.reach_took_part),
    so no answer is ever copied from, or held beside, an expression of interest.
    Organisers see a total only when it is 5 or more (see reach.py)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=ReachStage.choices)
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "stage", "question", "answer"],
                name="opportunities_one_reach_count_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.question}={self.answer}: {self.count}"
