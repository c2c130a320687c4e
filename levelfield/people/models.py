"""People: accounts and the profiles they describe themselves with."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a profile section, chosen by the person it describes."""

    ONLY_ME = "only_me", _("Only me")
    MY_TEAMS = "my_teams", _("People in my collectives and projects")


def shares_perspectives(person_path: str = "") -> Q:
    """The one rule for whose perspectives teammates may see, as a query condition.

    `person_path` leads from the model being filtered to the person, e.g. "person__"
    for Perspective or Participation rows.
    """
    return Q(**{f"{person_path}perspectives_visibility": Visibility.MY_TEAMS})


class CommunicationPreference(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy read")


class PaymentPreference(models.TextChoices):
    NOT_SAID = "not_said", _("I have not decided")
    PAID = "paid", _("Paid for my time")
    VOUCHER = "voucher", _("A voucher instead of money")
    DECLINE = "decline", _("I do not want to be paid")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a Levelfield account. Email is the log-in; there is no username."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("name you want to be called"),
        max_length=80,
        blank=True,
        help_text=_("Shown to people in your collectives and projects."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    skills = models.TextField(
        _("skills and experience you bring"),
        blank=True,
        help_text=_(
            "For example: chairing meetings, writing plain English, knowing the local area."
        ),
    )
    interests = models.TextField(
        _("topics you care about"),
        blank=True,
        help_text=_("For example: dementia, mental health, young carers."),
    )
    perspectives_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.ONLY_ME
    )
    skills_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.MY_TEAMS
    )
    access_needs = models.TextField(
        _("access needs"),
        blank=True,
        help_text=_(
            "For example: step-free access, a hearing loop, breaks every hour, papers "
            "a week early."
        ),
    )
    communication_preferences = models.JSONField(default=list, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    payment_preference = models.CharField(
        max_length=20, choices=PaymentPreference.choices, default=PaymentPreference.NOT_SAID
    )
    health_data_consent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When the person agreed that Levelfield may keep health-related details "
            "(lived experience, access needs)."
        ),
    )

    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_(
            "The language Levelfield speaks to the person, on pages and in emails "
            "(a code from LANGUAGES). Blank: the browser's language."
        ),
        default="",
        # Rows written by code that predates the column (old migrations) get "" too.
        db_default="",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["display_name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")),
                name="people_user_email_lowercase",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """What to call the person: their chosen name, or the start of their email."""
        return self.display_name or self.email.split("@")[0]

    def perspectives_for_teammates(self) -> list[Perspective]:
        """The perspectives this person shares with people in their collectives and
        projects; empty when they keep them to themselves. Prefetch `perspectives`."""
        if self.perspectives_visibility != Visibility.MY_TEAMS:
            return []
        return list(self.perspectives.all())

    def skills_for_teammates(self) -> str:
        return self.skills if self.skills_visibility == Visibility.MY_TEAMS else ""

    def interests_for_teammates(self) -> str:
        """Topics share the skills setting: one choice for "what I bring and care about"."""
        return self.interests if self.skills_visibility == Visibility.MY_TEAMS else ""

    def has_profile(self) -> bool:
        """Whether the person has said anything about themselves beyond their name.
        Prefetch `perspectives` when calling this for many people."""
        return bool(self.skills or self.interests or self.perspectives.all())

    def communication_preference_labels(self) -> list[str]:
        labels = dict(CommunicationPreference.choices)
        return [labels[value] for value in self.communication_preferences if value in labels]


class PerspectiveKind(models.TextChoices):
    LIVED_EXPERIENCE = "lived_experience", _("Lived experience of a condition")
    CARER = "carer", _("Carer")
    YOUNG_PERSON = "young_person", _("Young person")
    RESEARCHER = "researcher", _("Researcher")
    PRACTITIONER = "practitioner", _("Practitioner or clinician")
    OTHER = "other", _("Other")

    @classmethod
    def public_kinds(cls) -> set[str]:
        """Perspectives from outside the research professions: whose voice we most need."""
        return {cls.LIVED_EXPERIENCE, cls.CARER, cls.YOUNG_PERSON}


class PerspectiveQuerySet(models.QuerySet):
    def shared_with_teammates(self) -> PerspectiveQuerySet:
        return self.filter(shares_perspectives("person__"))


class Perspective(models.Model):
    """One of the perspectives a person brings. A person may hold several."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="perspectives")
    kind = models.CharField(max_length=30, choices=PerspectiveKind.choices)
    in_own_words = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Optional detail in the person's own words; required for 'Other'."),
    )

    objects = PerspectiveQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="people_one_perspective_kind"),
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(in_own_words=""),
                name="people_other_perspective_described",
            ),
        ]

    def __str__(self) -> str:
        # The enum's label, not get_kind_display(): that hashes every choice's lazy
        # label (a translation each) on every call, and member tables show hundreds.
        label = str(PerspectiveKind(self.kind).label) if self.kind in _KINDS else self.kind
        if self.in_own_words:
            return f"{label}: {self.in_own_words}"
        return label


_KINDS = frozenset(PerspectiveKind.values)


class FormerDetail(models.Model):
    """A name or email address the person used before, kept privately so that deleting
    their account can also remove it from everything others wrote while they used it
    (the history, involvement entries, invitations).

    Recorded when it changes (a new name saved on the profile, an address removed),
    because history rows store names as text and cannot say whose they were. Shown
    only to the person (in their data download); deleted with them.
    """

    class Kind(models.TextChoices):
        NAME = "name", _("Name")
        EMAIL = "email", _("Email address")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="former_details")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=254)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["replaced_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "value"], name="people_former_detail_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
