"""Everything that changes a document: starting it, joining by its link, taking the pen,
commenting, supporting and reporting comments, amending, answering amendments,
publishing versions, answering questions and adopting it by a decision.

Each function runs in one transaction and checks again that the acting person may act.
Changes to the text (answering an amendment, publishing a version, opening and
recording the adoption) lock the document row first, so two authors acting at once are
served one after the other and the second sees what the first did: an amendment is
never accepted against text that has changed, and a version number is never used twice.
Every change to the text and its decisions goes into the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.collectives import roles
from levelfield.decisions.adoptions import ADOPTION_METHODS, adoption_start
from levelfield.decisions.models import Decision, Method
from levelfield.documents import text as texts
from levelfield.documents.models import (
    COMMENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Amendment,
    AmendmentStatus,
    Answer,
    Author,
    Comment,
    Document,
    Paragraph,
    ParagraphKind,
    Question,
    Reader,
    Support,
    Version,
    WhoMayTakePart,
)
from levelfield.history.services import change_record
from levelfield.lib import moderation
from levelfield.lib.words import day
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import Place

MAX_QUESTIONS = 10


class DocumentError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


class AmendmentOutdated(DocumentError):
    """The paragraph changed since the person read it. Carries the current paragraph
    (None if it was removed), so the page can show both texts and keep theirs."""

    def __init__(self, message: str, *, current: Paragraph | None) -> None:
        super().__init__(message, code="outdated")
        self.current = current


def _record(
    document: Document,
    *,
    actor: User | None,
    action: str,
    summary: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=document,
        **document.place.history_scope(),
        before=before,
        after=after,
    )


def is_member(person: User | None, document: Document) -> bool:
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    return roles.may(person, roles.Action.TAKE_PART_IN_DOCUMENT, document.place.owner)


def may_take_part(person: User | None, document: Document) -> bool:
    """Members, and signed-in people who joined a document open to its link."""
    if is_member(person, document):
        return True
    return bool(
        person is not None
        and getattr(person, "is_authenticated", False)
        and document.open_to_link
        and Reader.objects.filter(document=document, person=person).exists()
    )


def is_author(person: User | None, document: Document) -> bool:
    return is_member(person, document) and document.authors.filter(person=person).exists()


def _require_author(person: User, document: Document) -> None:
    if not is_author(person, document):
        raise PermissionDenied(_("Only the document's authors may do that: take the pen first."))


def _require_open(document: Document, now: datetime) -> None:
    if document.is_adopted:
        raise DocumentError(_("This document has been adopted, so it takes no more comments."))
    if not document.is_open_for_comments(now):
        raise DocumentError(
            _(
                "This document is not open for comments now (it is open from %(opens)s to "
                "%(closes)s)."
            )
            % {"opens": day(document.opens_on), "closes": day(document.closes_on)},
            code="closed",
        )


def page_changed(document_id: int) -> None:
    pages_changed(Document.objects.filter(pk=document_id))


def pages_changed(documents: QuerySet[Document]) -> None:
    """Move the documents' `page_version`, inside the change's transaction: a page keeps
    its figures, versions, authors and answers per it (views.detail), so every change
    they show must move it, or the page shows the old ones."""
    documents.update(page_version=F("page_version") + 1)


def current_version(document: Document) -> Version:
    return document.versions.order_by("-number").first()


# Starting


def _check_title_and_dates(title: str, purpose: str, opens_on: date, closes_on: date) -> None:
    if not title.strip() or not purpose.strip():
        raise DocumentError(_("Give the document a title and a purpose."), code="title")
    if len(title.strip()) > TITLE_MAX_LENGTH:
        raise DocumentError(
            _("Keep the title to %(limit)s characters or fewer.") % {"limit": TITLE_MAX_LENGTH}
        )
    if closes_on < opens_on:
        raise DocumentError(_("The closing date must be on or after the opening date."))


def text_check(text: str) -> str:
    """The text tidied, or a clear reason it cannot be a draft."""
    text = texts.normalise(text)
    if not text:
        raise DocumentError(_("Enter the draft text."), code="text")
    if len(text) > texts.MAX_TEXT_LENGTH:
        raise DocumentError(
            _(
                "Keep the text to %(limit)s characters or fewer (it has %(length)s). Split a "
                "longer text into several documents."
            )
            % {"limit": f"{texts.MAX_TEXT_LENGTH:,}", "length": f"{len(text):,}"}
        )
    blocks = texts.split_blocks(text)
    if not any(not block.is_heading for block in blocks):
        raise DocumentError(_("Write at least one paragraph under the headings."), code="text")
    if len(blocks) > texts.MAX_PARAGRAPHS:
        raise DocumentError(
            _("Keep the text to %(limit)s paragraphs or fewer.")
            % {"limit": f"{texts.MAX_PARAGRAPHS:,}"}
        )
    return text


def document_start(
    *,
    started_by: User,
    title: str,
    purpose: str,
    text: str,
    opens_on: date,
    closes_on: date,
    questions: Sequence[str] = (),
    who_may_take_part: str = WhoMayTakePart.MEMBERS,
    place: Place,
    now: datetime | None = None,
) -> Document:
    """Start a document in a place (a collective, a group or a project) with its first
    version; the person who starts it holds the pen."""
    now = now or timezone.now()
    if who_may_take_part not in WhoMayTakePart.values:
        raise DocumentError(_("Choose who may take part."), code="who_may_take_part")
    _check_title_and_dates(title, purpose, opens_on, closes_on)
    text = text_check(text)
    questions = [" ".join(q.split()) for q in questions if q.strip()]
    if len(questions) > MAX_QUESTIONS:
        raise DocumentError(
            _("Ask at most %(count)s questions.") % {"count": MAX_QUESTIONS}, code="questions"
        )
    if any(len(q) > 500 for q in questions):
        raise DocumentError(_("Keep each question to 500 characters or fewer."), code="questions")
    document = Document(
        place=place,
        title=title.strip(),
        purpose=purpose.strip(),
        who_may_take_part=who_may_take_part,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=started_by,
    )
    with transaction.atomic():
        roles.require(started_by, roles.Action.START_DOCUMENT, place.owner)
        document.save()
        Author.objects.create(document=document, person=started_by, since=now)
        Question.objects.bulk_create(
            Question(document=document, position=n, text=q)
            for n, q in enumerate(questions, start=1)
        )
        version = Version.objects.create(
            document=document,
            number=1,
            text=text,
            note="The first draft.",
            published_by=started_by,
            published_at=now,
        )
        _paragraphs_write(version, previous=None)
        # The history keeps the site's own language, whoever started it.
        with translation.override(settings.LANGUAGE_CODE):
            who_words = str(WhoMayTakePart(who_may_take_part).label)
        _record(
            document,
            actor=started_by,
            action="document_started",
            summary=f"{started_by.name} started the document “{document.title}”",
            after={
                "purpose": document.purpose,
                "open for comments": f"{opens_on.isoformat()} to {closes_on.isoformat()}",
                "who may take part": who_words,
                "questions": questions,
            },
        )
    return document


def _paragraphs_write(version: Version, *, previous: Version | None) -> list[Paragraph]:
    """Split a version into paragraph rows, continuing the lineage of the previous
    version's paragraphs that it keeps or rewords."""
    blocks = texts.split_blocks(version.text)
    lineages: list[int | None] = [None] * len(blocks)
    next_lineage = 1
    if previous is not None:
        old = list(previous.paragraphs.order_by("position").values_list("text", "lineage"))
        matched = texts.lineage_match([t for t, _lineage in old], [b.text for b in blocks])
        lineages = [old[i][1] if i is not None else None for i in matched]
        top = Paragraph.objects.filter(version__document_id=version.document_id)
        next_lineage = (max(top.values_list("lineage", flat=True), default=0)) + 1
    rows = []
    for position, (block, lineage) in enumerate(zip(blocks, lineages, strict=True), start=1):
        if lineage is None:
            lineage = next_lineage
            next_lineage += 1
        rows.append(
            Paragraph(
                version=version,
                position=position,
                lineage=lineage,
                kind=ParagraphKind.HEADING if block.is_heading else ParagraphKind.PARAGRAPH,
                section=block.section[:300],
                text=block.text,
                html=texts.render_markdown(block.text),
            )
        )
    return Paragraph.objects.bulk_create(rows, batch_size=500)


# Joining and the pen


def reader_join(*, document: Document, person: User, now: datetime | None = None) -> None:
    """A signed-in person outside the place joins a document open to its link."""
    if not document.open_to_link:
        raise PermissionDenied(_("This document is open to members only."))
    if is_member(person, document):
        return
    try:
        with transaction.atomic():
            Reader.objects.get_or_create(
                document=document, person=person, defaults={"joined_at": now or timezone.now()}
            )
    except IntegrityError:  # joined by a simultaneous request
        pass


def pen_take(*, document: Document, person: User, now: datetime | None = None) -> None:
    """A member takes the pen: they may now answer amendments and publish versions."""
    with transaction.atomic():
        roles.require(person, roles.Action.TAKE_THE_PEN, document.place.owner)
        _author, created = Author.objects.get_or_create(
            document=document, person=person, defaults={"since": now or timezone.now()}
        )
        if created:
            page_changed(document.pk)
            _record(
                document,
                actor=person,
                action="document_pen_taken",
                summary=f"{person.name} took the pen on “{document.title}”",
            )


def pen_put_down(*, document: Document, person: User) -> None:
    with transaction.atomic():
        deleted, _kinds = Author.objects.filter(document=document, person=person).delete()
        if deleted:
            page_changed(document.pk)
            _record(
                document,
                actor=person,
                action="document_pen_put_down",
                summary=f"{person.name} put the pen down on “{document.title}”",
            )


# Comments


def comment_check(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DocumentError(_("Enter your comment."), code="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise DocumentError(
            _("Keep the comment to %(limit)s characters or fewer (it has %(length)s).")
            % {"limit": f"{COMMENT_MAX_LENGTH:,}", "length": f"{len(text):,}"},
            code="text",
        )
    return text


def comment_add(
    *,
    paragraph: Paragraph,
    author: User,
    text: str,
    reply_to: Comment | None = None,
    now: datetime | None = None,
) -> Comment:
    """Comment on a paragraph, or reply to a comment on it."""
    now = now or timezone.now()
    document = paragraph.version.document
    text = comment_check(text)
    if not may_take_part(author, document):
        raise PermissionDenied(_("Only people taking part may comment."))
    _require_open(document, now)
    if reply_to is not None:
        if reply_to.document_id != document.pk or reply_to.lineage != paragraph.lineage:
            raise PermissionDenied(_("That comment is about another paragraph."))
        # One level of replies: a reply to a reply joins the same conversation.
        reply_to = reply_to.reply_to or reply_to
    with transaction.atomic():
        comment = Comment.objects.create(
            paragraph=paragraph,
            document=document,
            lineage=paragraph.lineage,
            reply_to=reply_to,
            author=author,
            text=text,
            created_at=now,
            published_at=now,
        )
        page_changed(document.pk)
    return comment


def comment_support(*, comment: Comment, person: User, support: bool = True) -> bool:
    """Support a comment (or take the support back). Safe to repeat: a double click
    leaves one support. Returns whether anything changed."""
    document = comment.document
    if not may_take_part(person, document):
        raise PermissionDenied(_("Only people taking part may support comments."))
    if comment.is_hidden:
        raise DocumentError(_("That comment has been hidden, so it cannot be supported."))
    with transaction.atomic():
        if support:
            try:
                with transaction.atomic():
                    _row, changed = Support.objects.get_or_create(comment=comment, person=person)
            except IntegrityError:  # the same support, sent twice at once
                changed = False
        else:
            deleted, _kinds = Support.objects.filter(comment=comment, person=person).delete()
            changed = bool(deleted)
        if changed:
            _support_count_add(comment, 1 if support else -1)
    return changed


def _support_count_add(comment: Comment, change: int) -> None:
    """Keep the count the pages show equal to the rows: an increment in the database
    (not a recount, which would miss supports committed at the same moment), applied
    once for each row actually made or removed."""
    Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + change)


def _moderation_record(comment: Comment, actor: User, done: str, reason: str) -> None:
    document = comment.document
    _record(
        document,
        actor=actor,
        # "hidden", as the history has always said, beside "kept" and "restored"
        action=f"document_comment_{'hidden' if done == 'hid' else done}",
        summary=f"{actor.name} {done} a comment on “{document.title}”",
        after={"comment": comment.pk, "reason": reason} if reason else {"comment": comment.pk},
    )


def _shown_changed(comment: Comment, change: int) -> None:
    """A comment was hidden or restored: the page's figures count it no more, or again."""
    page_changed(comment.document_id)


# Every member moderates documents' comments (as for conversation statements); the
# author is told when theirs is hidden or restored.
MODERATION = moderation.Rules(
    may_moderate=lambda actor, comment: roles.may(
        actor, roles.Action.MODERATE_COMMENTS, comment.document.place.owner
    ),
    refused=gettext_lazy("Only members may moderate comments."),
    record=_moderation_record,
    count_shown=_shown_changed,
    notice_kind="document_comment_moderated",
    notice_context=lambda comment: {"document": comment.document},
    notice_url=lambda comment: reverse(
        "documents:paragraph", args=[comment.document_id, comment.paragraph_id]
    ),
    select_related=("document", "author"),
    may_report=lambda person, comment: may_take_part(person, comment.document),
    report_refused=gettext_lazy("Only people taking part may report comments."),
)


# Amendments


def amendment_propose(
    *,
    paragraph: Paragraph,
    person: User,
    text: str,
    reason: str,
    now: datetime | None = None,
) -> Amendment:
    """Propose a replacement for a paragraph, against the version the person read. If
    the paragraph has changed since, refuse with AmendmentOutdated (the page shows both
    texts and keeps theirs): an amendment is never applied to text it was not made for."""
    now = now or timezone.now()
    document = paragraph.version.document
    if not may_take_part(person, document):
        raise PermissionDenied(_("Only people taking part may propose amendments."))
    text, reason = texts.normalise(text), (reason or "").strip()
    if not text:
        raise DocumentError(_("Enter the text you propose."), code="text")
    if len(text) > 20_000:
        raise DocumentError(
            _("Keep the proposed text to 20,000 characters or fewer."), code="text"
        )
    if text == paragraph.text:
        raise DocumentError(
            _("The proposed text is the same as the paragraph: change it."), "same"
        )
    if not reason:
        raise DocumentError(_("Say why you propose this change."), code="reason")
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        _require_open(locked, now)
        current = _current_of_lineage(locked, paragraph.lineage)
        if current is None or current.text != paragraph.text:
            raise AmendmentOutdated(
                _(
                    "This paragraph has changed since you read it: a new version was "
                    "published. Compare your text with the current paragraph below, then send "
                    "it again."
                ),
                current=current,
            )
        amendment = Amendment.objects.create(
            paragraph=current,
            document=locked,
            lineage=current.lineage,
            base_text=current.text,
            text=text,
            reason=reason,
            proposed_by=person,
            proposed_at=now,
        )
        page_changed(locked.pk)
        authors = locked.authors.exclude(person=person).select_related("person")
        for author in authors:
            if author.person.is_active:
                notification_send(
                    kind="document_amendment_proposed",
                    person=author.person,
                    context={"amendment": amendment, "document": locked, "proposer": person},
                    url=reverse("documents:amendment", args=[locked.pk, amendment.pk]),
                )
    return amendment


def _current_of_lineage(document: Document, lineage: int) -> Paragraph | None:
    version = current_version(document)
    return version.paragraphs.filter(lineage=lineage).first()


def amendment_answer(
    *,
    amendment: Amendment,
    actor: User,
    accept: bool,
    reason: str,
    now: datetime | None = None,
) -> Amendment:
    """An author accepts or declines an amendment with a reason everyone reads ("you
    said, we did"). An accepted amendment goes into the next version. Accepting needs
    the paragraph to read as it did when the amendment was made, and only one accepted
    amendment may wait per paragraph (the database checks it too)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DocumentError(_("Give a reason everyone can read."), code="reason")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=amendment.document_id)
        _require_author(actor, document)
        if document.is_adopted:
            raise DocumentError(_("This document has been adopted; its amendments are settled."))
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.status != AmendmentStatus.OPEN:
            raise DocumentError(
                _("Someone has already answered this amendment: %(answer)s.")
                % {"answer": amendment.get_status_display().lower()},
                code="answered",
            )
        if accept:
            current = _current_of_lineage(document, amendment.lineage)
            if current is None or current.text != amendment.base_text:
                raise DocumentError(
                    _(
                        "The paragraph has changed since this amendment was made, so it cannot "
                        "be accepted as it stands. Decline it with a reason, or invite its "
                        "author to propose it again."
                    ),
                    code="outdated",
                )
            if document.amendments.filter(
                lineage=amendment.lineage,
                status=AmendmentStatus.ACCEPTED,
                published_in__isnull=True,
            ).exists():
                raise DocumentError(
                    _(
                        "Another amendment to this paragraph is already accepted for the next "
                        "version. Publish that version first, then answer this one."
                    ),
                    code="one_waiting",
                )
        amendment.status = AmendmentStatus.ACCEPTED if accept else AmendmentStatus.DECLINED
        amendment.answered_by, amendment.answered_at = actor, now
        amendment.answer_reason = reason
        amendment.save(update_fields=["status", "answered_by", "answered_at", "answer_reason"])
        page_changed(document.pk)
        _record(
            document,
            actor=actor,
            action="amendment_accepted" if accept else "amendment_declined",
            summary=f"{actor.name} {'accepted' if accept else 'declined'} an amendment to "
            f"“{document.title}”",
            after={
                "amendment": amendment.pk,
                "paragraph": amendment.lineage,
                "proposed text": amendment.text,
                "reason": reason,
            },
        )
        proposer = amendment.proposed_by
        if proposer is not None and proposer.pk != actor.pk and proposer.is_active:
            notification_send(
                kind="document_amendment_answered",
                person=proposer,
                context={"amendment": amendment, "document": document, "answered_by": actor},
                url=reverse("documents:amendment", args=[document.pk, amendment.pk]),
            )
    return amendment


# Versions


def draft_with_accepted(document: Document) -> str:
    """The current text with every accepted, not yet published amendment in place:
    what the publish form starts from."""
    version = current_version(document)
    waiting = dict(
        document.amendments.filter(
            status=AmendmentStatus.ACCEPTED, published_in__isnull=True
        ).values_list("lineage", "text")
    )
    blocks = version.paragraphs.order_by("position").values_list("lineage", "text")
    return "\n\n".join(waiting.get(lineage, text) for lineage, text in blocks)


def version_publish(
    *,
    document: Document,
    actor: User,
    text: str,
    note: str,
    based_on: int,
    now: datetime | None = None,
) -> Version:
    """An author publishes a new version. `based_on` is the version number the author
    started from: if someone published meanwhile, refuse, so nobody's work is
    overwritten. Accepted amendments waiting for a version are marked as published."""
    now = now or timezone.now()
    text = text_check(text)
    note = (note or "").strip()
    if not note:
        raise DocumentError(_("Say what changed in this version."), code="note")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _require_author(actor, document)
        if document.is_adopted:
            raise DocumentError(_("This document has been adopted; it takes no new versions."))
        if document.adoption_decision_id and document.adoption_decision.closed_at is None:
            raise DocumentError(
                _(
                    "A decision to adopt this document is open. Wait for it to close before "
                    "publishing a new version, so people decide on the text they read."
                )
            )
        previous = current_version(document)
        if previous.number != based_on:
            raise DocumentError(
                _(
                    "Version %(number)s was published while you were editing. Your text is "
                    "kept below: compare it with the new version, then publish again."
                )
                % {"number": previous.number},
                code="stale",
            )
        if text == previous.text:
            raise DocumentError(_("The text is the same as the current version."), code="text")
        version = Version.objects.create(
            document=document,
            number=previous.number + 1,
            text=text,
            note=note,
            published_by=actor,
            published_at=now,
        )
        _paragraphs_write(version, previous=previous)
        carried = list(
            document.amendments.filter(
                status=AmendmentStatus.ACCEPTED, published_in__isnull=True
            ).values_list("pk", flat=True)
        )
        Amendment.objects.filter(pk__in=carried).update(published_in=version)
        page_changed(document.pk)
        _record(
            document,
            actor=actor,
            action="document_version_published",
            summary=f"{actor.name} published version {version.number} of “{document.title}”",
            before={"version": previous.number},
            after={"version": version.number, "note": note, "accepted amendments": carried},
        )
    return version


# Questions


def answer_give(
    *, question: Question, person: User, text: str, now: datetime | None = None
) -> Answer:
    """Answer a question; answering again replaces the answer (an upsert on the one
    answer per person)."""
    now = now or timezone.now()
    document = question.document
    text = (text or "").strip()
    if not text:
        raise DocumentError(_("Write your answer."), code="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise DocumentError(
            _("Keep each answer to %(limit)s characters or fewer.")
            % {"limit": f"{COMMENT_MAX_LENGTH:,}"}
        )
    if not may_take_part(person, document):
        raise PermissionDenied(_("Only people taking part may answer."))
    _require_open(document, now)
    (answer,) = Answer.objects.bulk_create(
        [Answer(question=question, person=person, text=text, answered_at=now)],
        update_conflicts=True,
        unique_fields=["question", "person"],
        update_fields=["text", "answered_at"],
    )
    return answer


# Adoption


def adoption_open(
    *,
    document: Document,
    actor: User,
    closes_at: datetime,
    method: str = Method.CONSENT,
    now: datetime | None = None,
) -> Decision:
    """An author asks everyone to adopt the current version, with the decisions app's
    own service (consent by default)."""
    if method not in ADOPTION_METHODS:
        raise DocumentError(_("Choose consent or a proposal."), code="method")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _require_author(actor, document)
        if document.is_adopted:
            raise DocumentError(_("This document has already been adopted."))
        if document.adoption_decision_id and document.adoption_decision.closed_at is None:
            raise DocumentError(_("A decision to adopt this document is already open."))
        version = current_version(document)
        link = reverse("documents:detail", args=[document.pk])
        decision = adoption_start(
            kind="document",
            subject=document,
            created_by=actor,
            method=method,
            title=f"Adopt version {version.number} of “{document.title}”"[:200],
            background=(
                f"{document.purpose}\n\nRead the document, its comments and the answers to "
                f"its amendments: {link}\n\nThe text of version {version.number}:\n\n"
                f"{version.text}"
            ),
            closes_at=closes_at,
            place=document.place,
            now=now,
        )
        document.adoption_decision, document.adoption_version = decision, version
        document.save(update_fields=["adoption_decision", "adoption_version"])
        _record(
            document,
            actor=actor,
            action="document_adoption_opened",
            summary=f"{actor.name} asked everyone to adopt version {version.number} of "
            f"“{document.title}”",
            after={"decision": decision.pk, "version": version.number},
        )
    return decision


def adoption_passed(*, subject: Document, decision: Decision, now: datetime) -> None:
    """The adoption decision closed in favour: the document is adopted, with the version
    decided on (ADOPTIONS calls this inside the decision's closing transaction)."""
    subject.adopted_at = now
    subject.save(update_fields=["adopted_at"])
    version = subject.adoption_version
    _record(
        subject,
        actor=None,
        action="document_adopted",
        summary=f"“{subject.title}” version {version.number} was adopted by decision",
        after={"decision": decision.pk, "version": version.number},
    )


def adoption_not_passed(*, subject: Document, decision: Decision, now: datetime) -> None:
    """The adoption decision closed against: drafting goes on."""
    version = subject.adoption_version
    subject.adoption_decision = subject.adoption_version = None
    subject.save(update_fields=["adoption_decision", "adoption_version"])
    _record(
        subject,
        actor=None,
        action="document_not_adopted",
        summary=f"The decision did not adopt “{subject.title}”; drafting goes on",
        after={"decision": decision.pk, "version": version.number if version else None},
    )
