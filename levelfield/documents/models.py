"""Documents written together: a draft split into paragraphs, commented on and amended
paragraph by paragraph, published in numbered versions and adopted by a decision.

A document belongs to a place (a collective, a group in it or a project), so a
standing group such as an Allies Group writes documents as a project does. Every
version is kept whole (`Version.text`) and split into `Paragraph` rows. A paragraph's
`lineage` is the same number in every version for "the same paragraph, perhaps
reworded", so comments and amendments made against version 1 still show beside its
version 2 text. Nothing is ever overwritten: a new version is new rows.

An amendment is made against one paragraph row of one version and keeps the text it
was made against (`base_text`), so it is only ever accepted while that text is still
the current one (services.amendment_answer); the database allows one accepted,
not yet published amendment per paragraph.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib.moderation import Moderated, ModeratedQuerySet, Report
from levelfield.places.querysets import PlaceOwnedQuerySet

TITLE_MAX_LENGTH = 200
COMMENT_MAX_LENGTH = 5_000
# The big columns of a comment's or amendment's paragraph and version, left out when
# listing many of them (each row would otherwise carry the whole document's text).
LARGE = ("paragraph__html", "paragraph__version__text")


def _new_token() -> str:
    return secrets.token_urlsafe(18)


class WhoMayTakePart(models.TextChoices):
    MEMBERS = "members", gettext_lazy("Members only")
    ANYONE_WITH_LINK = "link", gettext_lazy("Anyone with the link, once they have signed in")


class DocumentQuerySet(PlaceOwnedQuerySet):
    def open_for_comments(self, today: datetime.date) -> DocumentQuerySet:
        """Documents taking comments today: open, not adopted nor being decided."""
        return self.filter(
            adopted_at=None, adoption_decision=None, opens_on__lte=today, closes_on__gte=today
        )

    def for_member(self, person: object) -> DocumentQuerySet:
        """Documents in the places (collectives, groups, projects) `person` is in."""
        return self.visible_to(person)

    def for_reader(self, person: object) -> DocumentQuerySet:
        """Documents `person` may read: as a member, or as a reader who joined by the
        link of a document still open to the link."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        joined = Reader.objects.filter(person=person).values("document_id")
        by_link = Q(who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK, pk__in=joined)
        return self.filter(Q(pk__in=self.for_member(person).values("pk")) | by_link)


class Document(models.Model):
    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    purpose = models.TextField(
        help_text="What the document is for and what kind of comments would help, in "
        "plain English."
    )
    who_may_take_part = models.CharField(
        "who may take part",
        max_length=10,
        choices=WhoMayTakePart.choices,
        default=WhoMayTakePart.MEMBERS,
    )
    opens_on = models.DateField("open for comments from")
    closes_on = models.DateField("open for comments until")
    link_token = models.CharField(max_length=40, unique=True, default=_new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The decision that adopts (or adopted) a version; only one at a time.
    adoption_decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adoption_version = models.ForeignKey(
        "documents.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    # Moved (services.page_changed) in the same transaction as every change the
    # document's page shows from other rows: comments added, hidden or restored,
    # amendments proposed or answered, versions published, the pen taken or put down,
    # a person erased. The page's kept pieces (figures, voices, versions, authors, the
    # answers) are kept per it instead of counting thousands of comments each visit.
    page_version = models.PositiveIntegerField(default=0)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="documents_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(adopted_at__isnull=True) | Q(adoption_version__isnull=False),
                name="documents_adopted_names_its_version",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def open_to_link(self) -> bool:
        return self.who_may_take_part == WhoMayTakePart.ANYONE_WITH_LINK

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None

    def is_open_for_comments(self, now: object = None) -> bool:
        today = timezone.localdate(now) if now is not None else timezone.localdate()
        return not self.is_adopted and self.opens_on <= today <= self.closes_on

    def status_label(self) -> str:
        if self.is_adopted:
            return _("Adopted")
        if self.adoption_decision_id:
            return _("Being decided")
        today = timezone.localdate()
        if today < self.opens_on:
            return _("Opens for comments soon")
        if today > self.closes_on:
            return _("Closed for comments")
        return _("Open for comments")


class Author(models.Model):
    """A member holding the pen: they accept or decline amendments and publish new
    versions. Any member may take the pen and put it down; it is a job, not a rank."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents_authored"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "person"], name="documents_one_pen_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} writes {self.document}"


class Reader(models.Model):
    """Someone outside the document's place who joined a document open to anyone
    with the link (after signing in)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="readers")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents_read"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "person"], name="documents_one_reader")
        ]

    def __str__(self) -> str:
        return f"{self.person} reads {self.document}"


class Version(models.Model):
    # Members' translations of its text (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(help_text="The whole text in Markdown, exactly as published.")
    note = models.TextField("what changed", blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documents_version_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="documents_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.document}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.document_id]) + f"?version={self.number}"


class ParagraphKind(models.TextChoices):
    HEADING = "heading", gettext_lazy("Section heading")
    PARAGRAPH = "paragraph", gettext_lazy("Paragraph")


class Paragraph(models.Model):
    """One block of one version: a section heading or a paragraph (a list counts as one
    paragraph). `html` is its sanitised rendering, made once when the version is
    published, so a long document's page does not render Markdown on every visit."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    lineage = models.PositiveIntegerField(
        help_text="The same number in every version for the same paragraph."
    )
    kind = models.CharField(max_length=10, choices=ParagraphKind.choices)
    section = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    html = models.TextField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="documents_paragraph_position_unique"
            ),
            models.UniqueConstraint(
                fields=["version", "lineage"], name="documents_paragraph_lineage_unique"
            ),
        ]
        indexes = [models.Index(fields=["lineage"])]

    def __str__(self) -> str:
        return f"Paragraph {self.position} of version {self.version_id}"

    @property
    def number(self) -> int:
        return self.position


class Question(models.Model):
    """A question for readers, like a consultation's key questions."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="documents_question_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    """A reader's answer to a question: one each, changed by answering again."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_answers"
    )
    text = models.TextField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="documents_one_answer")
        ]

    def __str__(self) -> str:
        return f"Answer to question {self.question_id}"


class Comment(Moderated):
    """A comment on a paragraph, or a reply to one (one level of replies), published at
    once and moderated the one way every comment is (levelfield.lib.moderation). Kept
    when its author deletes their account: the name goes ("A former member"), the
    point stays."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="comments")
    # The paragraph's document and lineage, copied so one query groups a whole
    # document's comments by paragraph.
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    lineage = models.PositiveIntegerField()
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="document_comments",
    )
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    support_count = models.PositiveIntegerField(default=0)

    objects = ModeratedQuerySet.as_manager()

    class Meta(Moderated.Meta):
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["document", "lineage"])]

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    """Someone supports a comment: one each (the database says so)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    # Kept, without the name, when the supporter deletes their account: the count the
    # pages show stays equal to the rows.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "person"], name="documents_one_support")
        ]

    def __str__(self) -> str:
        return f"Support for comment {self.comment_id}"


class CommentReport(Report):
    """Someone reports a comment as abusive or out of place; members then hide it or
    leave it (moderation is every member's, as for conversation statements)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Meta(Report.Meta):
        ordering = ["reported_at", "id"]


class AmendmentStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("Waiting for an answer")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    DECLINED = "declined", gettext_lazy("Declined")


class Amendment(models.Model):
    """A replacement text for one paragraph, with a reason, made against one version."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="amendments")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="amendments")
    lineage = models.PositiveIntegerField()
    base_text = models.TextField(help_text="The paragraph's text it was made against.")
    text = models.TextField("proposed text")
    reason = models.TextField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="document_amendments",
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_reason = models.TextField("reason for the answer", blank=True)
    # The version that first carried an accepted amendment's text.
    published_in = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposed_at", "id"]
        indexes = [models.Index(fields=["document", "lineage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "lineage"],
                condition=Q(status="accepted", published_in__isnull=True),
                name="documents_one_accepted_amendment_waiting",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(answered_at__isnull=False) & ~Q(answer_reason="")),
                name="documents_answer_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(published_in__isnull=True) | Q(status="accepted"),
                name="documents_only_accepted_published",
            ),
        ]

    def __str__(self) -> str:
        return f"Amendment {self.pk} to paragraph {self.paragraph_id}"
