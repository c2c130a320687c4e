"""Comment moderation, one way for every app with comments: publish a held comment,
hide one with a reason, restore a hidden one with a reason, or keep a reported one.
The author is told (through the notifications app) when their comment is hidden or
restored; open reports are dealt with either way; every decision is recorded.

Why an abstract model and one service here, rather than an app with its own table:
each app's comments already sit in its own table with real foreign keys and indexes
(a story, a paragraph of a document). Moving them into one generic table would lose
those and rewrite every row; an abstract model gives every comment table the same
moderation fields and database rule, so existing rows stay where they are, and
`comment_moderate` is the single place the states change. What differs between apps
(who may moderate, what the history says, the notice, a kept count) each app declares
once as `Rules`.

A moderated comment model inherits `Moderated`, has an `author` and a `reports`
relation to its app's report table (reported_by, reason, reported_at, dealt_with_at,
one report per person and comment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from levelfield.people.models import User

REASON_MAX_LENGTH = 500


class Decision(models.TextChoices):
    PUBLISH = "publish", gettext_lazy("Publish it")
    KEEP = "keep", gettext_lazy("Keep it as it is")
    HIDE = "hide", gettext_lazy("Hide it")
    RESTORE = "restore", gettext_lazy("Restore it")


# Past tense, for history rows (stored, so not translated).
DONE = {
    Decision.PUBLISH: "published",
    Decision.HIDE: "hid",
    Decision.RESTORE: "restored",
    Decision.KEEP: "kept",
}


class ModeratedQuerySet(models.QuerySet):
    def shown(self) -> ModeratedQuerySet:
        """Comments readers see: published and not hidden."""
        return self.filter(published_at__isnull=False, hidden_at__isnull=True)

    def held(self) -> ModeratedQuerySet:
        """Comments waiting for a moderator to publish them."""
        return self.filter(published_at__isnull=True, hidden_at__isnull=True)


class Moderated(models.Model):
    """The moderation state every comment table carries. Hiding keeps the row, with
    who hid it and why (the database refuses a hidden comment without a reason)."""

    published_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="%(app_label)s_hidden_comment_has_reason",
            )
        ]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_held(self) -> bool:
        return self.published_at is None and self.hidden_at is None

    @property
    def is_shown(self) -> bool:
        return self.published_at is not None and self.hidden_at is None


class Report(models.Model):
    """Someone reports a comment as abusive or out of place, with a reason; moderators
    then deal with it. Each app's report table adds `comment` (a foreign key to its
    comment, related_name "reports"); one report per person and comment."""

    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=REASON_MAX_LENGTH)
    reported_at = models.DateTimeField(default=timezone.now)
    dealt_with_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reported_by"], name="%(app_label)s_one_report_each"
            )
        ]

    def __str__(self) -> str:
        return f"Report on comment {self.comment_id}"  # type: ignore[attr-defined]


def _no_count(comment: Any, change: int) -> None:
    """For apps that keep no count of shown comments."""


@dataclass(frozen=True)
class Rules:
    """What one app declares about moderating its comments."""

    # Who may moderate this comment (checked inside the transaction).
    may_moderate: Callable[[User, Any], bool]
    refused: str
    # The history row: (comment, actor, what was done in the past tense, reason).
    record: Callable[[Any, User, str, str], None]
    # The notice to the author: its kind (notifications.kinds) and what it needs.
    notice_kind: str
    notice_context: Callable[[Any], dict]
    notice_url: Callable[[Any], str]
    # Called with +1 or -1 when a comment starts or stops being shown.
    count_shown: Callable[[Any, int], None] = field(default=_no_count)
    # What the history and the notice read from the comment, loaded with it.
    select_related: tuple[str, ...] = ()
    # Who may report a comment (signed in, at least), and the words when refused.
    may_report: Callable[[User, Any], bool] = field(default=lambda person, comment: True)
    report_refused: str = gettext_lazy("Sign in to report a comment.")
    # Whether a shown comment goes back to waiting for a moderator as soon as someone
    # reports it (a public page's setting), so a hurtful comment is not left up while it
    # waits; its author is told. A moderator then publishes it again or hides it.
    held_when_reported: Callable[[Any], bool] = field(default=lambda comment: False)

    def report(
        self, *, comment: Moderated, person: User, reason: str, now: datetime | None = None
    ) -> Any:
        """`comment_report` with these rules: how an app's views and demo report."""
        return comment_report(comment=comment, person=person, reason=reason, rules=self, now=now)

    def moderate(
        self,
        *,
        comment: Moderated,
        actor: User,
        decision: str,
        reason: str = "",
        now: datetime | None = None,
    ) -> Moderated:
        """`comment_moderate` with these rules: how an app's views and demo moderate."""
        return comment_moderate(
            comment=comment, actor=actor, decision=decision, reason=reason, rules=self, now=now
        )


class ModerationError(ValidationError):
    """A moderation the rules refuse, in words for the moderator."""


def comment_report(
    *, comment: Moderated, person: User, reason: str, rules: Rules, now: datetime | None = None
) -> Any:
    """Someone reports a comment as abusive or out of place, with a reason; moderators
    see it in their queue. Reporting twice keeps the first report (one each, which the
    app's report table enforces)."""
    reason = " ".join((reason or "").split())
    if not getattr(person, "is_authenticated", False) or not rules.may_report(person, comment):
        raise PermissionDenied(rules.report_refused)
    if not reason:
        raise ModerationError(_("Say what is wrong with the comment."), code="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ModerationError(
            _("Keep the reason to %(limit)s characters or fewer.") % {"limit": REASON_MAX_LENGTH},
            code="reason",
        )
    reports = comment.reports
    try:
        with transaction.atomic():
            report, made = reports.get_or_create(
                reported_by=person,
                defaults={"reason": reason, "reported_at": now or timezone.now()},
            )
            if made and rules.held_when_reported(comment):
                _hold_for_a_moderator(comment, person, reason, rules)
    except IntegrityError:
        report = reports.get(reported_by=person)
    return report


def _hold_for_a_moderator(comment: Moderated, reporter: User, reason: str, rules: Rules) -> None:
    """Take a reported comment down until a moderator decides (inside the report's
    transaction), record it, and tell its author why it is no longer shown."""
    from levelfield.notifications.services import notification_send

    model = type(comment)
    comment = (
        model.objects.select_for_update(of=("self",))
        .select_related(*rules.select_related)
        .get(pk=comment.pk)
    )
    if not comment.is_shown:
        return
    comment.published_at = None
    comment.save(update_fields=["published_at"])
    rules.count_shown(comment, -1)
    rules.record(comment, reporter, "reported and held", reason)
    if comment.author_id:
        notification_send(
            kind=rules.notice_kind,
            person=comment.author,
            context={
                **rules.notice_context(comment),
                "comment": comment,
                "held": True,
                "hidden": False,
                "reason": "",
            },
            url=rules.notice_url(comment),
        )


def comment_moderate(
    *,
    comment: Moderated,
    actor: User,
    decision: str,
    rules: Rules,
    reason: str = "",
    now: datetime | None = None,
) -> Moderated:
    """A moderator publishes a held comment, hides one (with a reason), restores a
    hidden one (with a reason) or keeps a reported one. Its open reports are dealt with
    either way; recorded in the history; the author is told when it is hidden or
    restored (the notice is queued when the transaction commits)."""
    from levelfield.notifications.services import notification_send

    now = now or timezone.now()
    reason = " ".join((reason or "").split())[:REASON_MAX_LENGTH]
    if decision not in Decision.values:
        raise ModerationError(_("Choose what to do with the comment."), code="decision")
    if decision in (Decision.HIDE, Decision.RESTORE) and not reason:
        raise ModerationError(_("Say why: the comment’s author will be told."), code="reason")
    model = type(comment)
    with transaction.atomic():
        if not rules.may_moderate(actor, comment):
            raise PermissionDenied(rules.refused)
        comment = (
            model.objects.select_for_update(of=("self",))
            .select_related(*rules.select_related)
            .get(pk=comment.pk)
        )
        was_shown = comment.is_shown
        if decision == Decision.PUBLISH and comment.published_at is None:
            comment.published_at = now
        elif decision == Decision.HIDE and not comment.is_hidden:
            comment.hidden_at, comment.hidden_by, comment.hidden_reason = now, actor, reason
        elif decision == Decision.RESTORE and comment.is_hidden:
            comment.hidden_at, comment.hidden_by, comment.hidden_reason = None, None, ""
            comment.published_at = comment.published_at or now
        comment.save(update_fields=["published_at", "hidden_at", "hidden_by", "hidden_reason"])
        if comment.is_shown != was_shown:
            rules.count_shown(comment, 1 if comment.is_shown else -1)
        comment.reports.filter(dealt_with_at__isnull=True).update(dealt_with_at=now)
        rules.record(comment, actor, DONE[Decision(decision)], reason)
        if decision in (Decision.HIDE, Decision.RESTORE) and comment.author_id:
            notification_send(
                kind=rules.notice_kind,
                person=comment.author,
                context={
                    **rules.notice_context(comment),
                    "comment": comment,
                    "hidden": decision == Decision.HIDE,
                    "reason": reason,
                },
                url=rules.notice_url(comment),
            )
    return comment


class ModerateForm(forms.Form):
    """What a moderator does with one comment, and why (needed to hide or restore)."""

    decision = forms.ChoiceField(
        label=gettext_lazy("What do you want to do?"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what to do with the comment.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why? (needed to hide or restore: the author is told)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("decision") in (Decision.HIDE, Decision.RESTORE)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say why: the comment’s author will be told."))
        return data
