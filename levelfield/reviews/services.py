"""Changes to review groups, requests, reviews, responses and reports back.

Each function is one thing a person does, in one transaction with its entry in the
change history; it re-checks that the person may do it. A request's status moves
only here, with its row locked, so two people acting at once cannot both lead, or
send the response twice:

    waiting -> reviewing (someone signs up) -> drafting (a reviewer leads the response)
    -> sent (the group agreed it) -> reported (the researcher said what changed);
    waiting, reviewing or drafting -> withdrawn (by the researcher).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.history.services import change_record
from levelfield.lib.words import day
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.people.language import language_of
from levelfield.people.models import User
from levelfield.places import services as place_services
from levelfield.places.models import Place
from levelfield.places.services import EntryValues, involvement_entry_write
from levelfield.projects.models import ActivityKind, InvolvementEntry
from levelfield.reviews import files
from levelfield.reviews.models import (
    OPEN,
    Agreement,
    Document,
    Impact,
    ReportBack,
    Response,
    ResponseComment,
    Review,
    ReviewGroup,
    ReviewRequest,
    Status,
)

RATED = ("meaningful", "paid", "plain_language")
MAX_MINUTES = 24 * 60
# Reviewers who have not sent their review hear once, this long before the deadline.
DEADLINE_NOTICE = timedelta(days=3)


# The group


def group_set_up(
    *,
    collective: Collective,
    actor: User,
    name: str,
    about: str,
    form_guidance: str,
    report_back_days: int,
    accepting_requests: bool = True,
) -> ReviewGroup:
    """Set up the collective's research partners group and its request form, or change
    them. The group is a group of the collective like any other (its name and `about`
    are the group's name and purpose): members join and leave it on its page, and
    reviewers' time goes into its involvement log. The coordinator who sets it up does
    not join it by doing so."""
    roles.require(actor, roles.Action.SET_UP_REVIEW_GROUP, collective)
    values = {
        "form_guidance": form_guidance,
        "report_back_days": report_back_days,
        "accepting_requests": accepting_requests,
    }
    with transaction.atomic():
        group = (
            ReviewGroup.objects.select_for_update()
            .select_related("place")
            .filter(collective=collective)
            .first()
        )
        if group is None:
            # The coordinator sets the group up for others: they do not join it.
            place = place_services.group_create(
                collective=collective, actor=actor, name=name, purpose=about, join=False
            )
            group = ReviewGroup.objects.create(collective=collective, place=place, **values)
            before: dict[str, object] = {}
            action, summary = "review_group_created", f"{actor.name} set up the {name}"
        else:
            before = _group_snapshot(group)
            group.place.group_name, group.place.purpose = name, about
            group.place.save(update_fields=["group_name", "purpose"])
            for field, value in values.items():
                setattr(group, field, value)
            group.save()
            action, summary = "review_group_changed", f"{actor.name} changed the {name}"
        change_record(
            actor=actor,
            action=action,
            summary=summary,
            subject=group,
            collective=collective,
            before=before,
            after=_group_snapshot(group),
        )
    return group


def _group_snapshot(group: ReviewGroup) -> dict[str, object]:
    return {
        "name": group.name,
        "accepting requests": "yes" if group.accepting_requests else "no",
        "report back after days": group.report_back_days,
    }


def group_leave(*, group: ReviewGroup, person: User) -> None:
    """Leave the group (as any group is left), handing back reviews not yet sent, so
    the queue shows them as needing a reviewer; sent reviews (and their time) stay."""
    with transaction.atomic():
        if not roles.memberships_of(group.place).filter(person=person).exists():
            raise ValidationError(_("You are not in the group."))
        place_services.group_leave(group=group.place, person=person)


def reviews_hand_back(place: Place, person: User) -> None:
    """The reviews the person signed up for and has not sent, in the group they leave,
    go back to the queue (the manifest's `leaving`: however they leave the group)."""
    unsent = Review.objects.filter(
        request__group__place=place,
        request__status__in=OPEN,
        reviewer=person,
        submitted_at__isnull=True,
    )
    request_ids = list(unsent.values_list("request_id", flat=True))
    unsent.delete()
    if request_ids:
        group_requests_moved(*ReviewGroup.objects.filter(place=place).values_list("pk", flat=True))
    for review_request in ReviewRequest.objects.select_for_update().filter(pk__in=request_ids):
        _status_after_step_back(review_request)


# Requests


@dataclass(frozen=True)
class RequestDetails:
    project_title: str
    project_summary: str
    stage: str
    involvement_plan: str
    questions: str
    deadline: date
    organisation: str = ""


def request_submit(
    *,
    group: ReviewGroup,
    researcher: User,
    details: RequestDetails,
    uploads: Iterable[UploadedFile] = (),
    now: datetime | None = None,
) -> ReviewRequest:
    """A researcher asks the group to review their plan; the group is told."""
    now = now or timezone.now()
    uploads = list(uploads)
    if not group.accepting_requests:
        raise ValidationError(_("The group is not taking requests at the moment."))
    if details.deadline <= timezone.localdate(now):
        raise ValidationError(_("The deadline must be in the future"))
    if len(uploads) > files.MAX_DOCUMENTS:
        raise ValidationError(
            _("Send at most %(count)s documents") % {"count": files.MAX_DOCUMENTS}
        )
    checked = [(upload, files.document_type_of(upload)) for upload in uploads]
    with transaction.atomic():
        review_request = ReviewRequest.objects.create(
            group=group,
            researcher=researcher,
            submitted_at=now,
            organisation=details.organisation,
            project_title=details.project_title,
            project_summary=details.project_summary,
            stage=details.stage,
            involvement_plan=details.involvement_plan,
            questions=details.questions,
            deadline=details.deadline,
        )
        group_requests_moved(group.pk)
        for upload, file_type in checked:
            document = Document(
                request=review_request,
                stored_name=files.stored_name(file_type),
                original_name=upload.name[:200],
                content_type=file_type.content_type,
                size=upload.size or 0,
                uploaded_at=now,
            )
            document.file.save(document.stored_name, upload, save=False)
            document.save()
        # The history keeps the site's own language, whoever asked.
        with translation.override(settings.LANGUAGE_CODE):
            after = {"status": str(Status.WAITING.label), "deadline": day(details.deadline)}
        change_record(
            actor=researcher,
            action="review_requested",
            summary=f"{researcher.name} asked the {group.name} to review "
            f"“{review_request.project_title}”",
            subject=review_request,
            collective=group.collective,
            after=after,
        )
        _tell_group(
            review_request,
            subject=gettext_noop("A new request to review: %(title)s"),
            message=gettext_noop(
                "%(name)s asks the group to review “%(title)s” by %(day)s. "
                "Say if you can review it."
            ),
            words=lambda: {
                "title": review_request.project_title,
                "name": researcher.name,
                "day": day(review_request.deadline),
            },
            kind="review_request",
            now=now,
        )
    return review_request


def request_withdraw(*, review_request: ReviewRequest, actor: User) -> ReviewRequest:
    """The researcher takes back a request the group has not answered yet."""
    with transaction.atomic():
        review_request = _locked(review_request)
        if not review_request.is_researcher(actor):
            raise PermissionDenied("Only the researcher who sent it can withdraw it.")
        if not review_request.is_open:
            raise ValidationError(_("The group has already answered; it cannot be withdrawn now."))
        _status_set(review_request, Status.WITHDRAWN, actor=actor, withdrawn_at=timezone.now())
        _tell_group(
            review_request,
            subject=gettext_noop("Withdrawn: %(title)s"),
            message=gettext_noop(
                "The researcher withdrew their request “%(title)s”. "
                "There is nothing more to do on it."
            ),
            words=lambda: {"title": review_request.project_title},
            kind="review_request",
            only_reviewers=True,
        )
    return review_request


# Reviews


def review_sign_up(*, review_request: ReviewRequest, person: User) -> Review:
    """A group member says they will review the request."""
    with transaction.atomic():
        review_request = _locked(review_request)
        _require_group_member(review_request, person)
        if review_request.is_researcher(person):
            raise ValidationError(_("You cannot review your own request."))
        if review_request.status not in (Status.WAITING, Status.REVIEWING, Status.DRAFTING):
            raise ValidationError(_("This request is not open for reviews."))
        try:
            with transaction.atomic():
                review = Review.objects.create(request=review_request, reviewer=person)
        except IntegrityError:
            raise ValidationError(_("You have already signed up to review this.")) from None
        group_requests_moved(review_request.group_id)
        change_record(
            actor=person,
            action="review_signed_up",
            summary=f"{person.name} signed up to review “{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            after={"reviewer": person.name},
        )
        if review_request.status == Status.WAITING:
            _status_set(review_request, Status.REVIEWING, actor=person)
    return review


def review_step_back(*, review: Review, person: User) -> None:
    """A reviewer who has not sent their review yet hands it back."""
    with transaction.atomic():
        review_request = _locked(review.request)
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.reviewer_id != person.pk:
            raise PermissionDenied("This is not your review.")
        if review.is_submitted:
            raise ValidationError(_("You have already sent your review."))
        if Response.objects.filter(request=review_request, lead=person).exists():
            raise ValidationError(_("You lead the response, so you cannot step back now."))
        review.delete()
        group_requests_moved(review_request.group_id)
        change_record(
            actor=person,
            action="review_stepped_back",
            summary=f"{person.name} stepped back from reviewing “{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            before={"reviewer": person.name},
        )
        _status_after_step_back(review_request)


def review_save(
    *,
    review: Review,
    person: User,
    answers: Mapping[str, str],
    minutes: int | None,
    send: bool,
    today: date | None = None,
) -> Review:
    """Save a reviewer's answers; when sent, their time goes into the group's
    involvement log (kind "review", at the request's stage) so they can claim it."""
    with transaction.atomic():
        review_request = _locked(review.request)
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.reviewer_id != person.pk:
            raise PermissionDenied("This is not your review.")
        if review.is_submitted:
            raise ValidationError(_("You have already sent your review."))
        if not review_request.is_open:
            raise ValidationError(_("This request is no longer open for reviews."))
        for field, value in answers.items():
            setattr(review, field, value)
        review.minutes = minutes
        if send:
            missing = [field for field in RATED if not getattr(review, field)]
            if missing or not minutes:
                raise ValidationError(
                    _("Answer the three questions and say how long it took before sending")
                )
            review.submitted_at = timezone.now()
            review.entry = _time_logged(
                review_request,
                person,
                minutes=minutes,
                title=f"Reviewed “{review_request.project_title[:150]}”",
                kind=ActivityKind.REVIEW,
                today=today or timezone.localdate(),
            )
        review.save()
        if send:
            change_record(
                actor=person,
                action="review_sent",
                summary=f"{person.name} sent their review of “{review_request.project_title}”",
                subject=review_request,
                collective=review_request.group.collective,
                after={"reviewer": person.name, "minutes": minutes},
            )
    return review


def _time_logged(
    review_request: ReviewRequest,
    person: User,
    *,
    minutes: int,
    title: str,
    kind: str,
    today: date,
) -> InvolvementEntry:
    """One person's time on a review, in the group's involvement log (at the research
    stage of the plan reviewed): claimable like any other involvement, and counted in
    the collective's annual report."""
    group = review_request.group
    return involvement_entry_write(
        place=group.place,
        actor=person,
        values=EntryValues(
            title=title,
            description=f"For the {group.name}: a researcher’s plan for involving people.",
            happened_on=today,
            stage=review_request.stage,
            kind=kind,
        ),
        participants={person.pk: minutes},
    )


# The combined response


def response_lead(*, review_request: ReviewRequest, person: User) -> Response:
    """A reviewer who has sent their review offers to draft the group's response."""
    with transaction.atomic():
        review_request = _locked(review_request)
        _require_sent_review(review_request, person)
        if review_request.status != Status.REVIEWING:
            raise ValidationError(_("Someone already leads the response to this request."))
        response = Response.objects.create(request=review_request, lead=person)
        _status_set(review_request, Status.DRAFTING, actor=person, lead=person.name)
    return response


def response_draft(
    *, response: Response, person: User, text: str, minutes: int | None = None
) -> Response:
    """The lead saves a new version of the draft; the reviewers are asked to read it.
    `minutes` (the time this version took) adds to the drafting time logged on sending."""
    with transaction.atomic():
        review_request = _locked(response.request)
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_lead(response, person)
        if review_request.status != Status.DRAFTING:
            raise ValidationError(_("The response has already been sent."))
        if minutes and response.drafting_minutes + minutes > MAX_MINUTES:
            raise ValidationError(
                _(
                    "The drafting time can be at most 24 hours in all; record more in the "
                    "involvement log"
                )
            )
        response.drafting_minutes += minutes or 0
        if text.strip() == response.text.strip():
            response.save(update_fields=["drafting_minutes"])
            return response
        response.text = text
        response.version += 1
        response.updated_at = timezone.now()
        response.save()
        Agreement.objects.update_or_create(
            response=response, person=person, defaults={"version": response.version}
        )
        change_record(
            actor=person,
            action="response_drafted",
            summary=f"{person.name} saved version {response.version} of the response to "
            f"“{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            after={"version": response.version},
        )
        _tell_group(
            review_request,
            subject=gettext_noop("Read and agree the response: %(title)s"),
            message=gettext_noop(
                "%(name)s drafted version %(version)s of the group’s response to “%(title)s”. "
                "Read it, comment, and say if you agree."
            ),
            words=lambda: {
                "title": review_request.project_title,
                "name": person.name,
                "version": response.version,
            },
            kind="review_draft",
            only_reviewers=True,
            leaving_out=person,
        )
    return response


def response_comment(*, response: Response, person: User, text: str) -> ResponseComment:
    """Any group member comments on the draft."""
    with transaction.atomic():
        review_request = _locked(response.request)
        _require_group_member(review_request, person)
        if review_request.status != Status.DRAFTING:
            raise ValidationError(_("The response has already been sent."))
        return ResponseComment.objects.create(
            response=response, author=person, version=response.version, text=text
        )


def response_agree(*, response: Response, person: User) -> Agreement:
    """A reviewer agrees the current version of the draft."""
    with transaction.atomic():
        review_request = _locked(response.request)
        response = Response.objects.get(pk=response.pk)
        _require_sent_review(review_request, person)
        if review_request.status != Status.DRAFTING:
            raise ValidationError(_("The response has already been sent."))
        if not response.version:
            raise ValidationError(_("There is no draft to agree yet."))
        agreement, _created = Agreement.objects.update_or_create(
            response=response, person=person, defaults={"version": response.version}
        )
        change_record(
            actor=person,
            action="response_agreed",
            summary=f"{person.name} agreed version {response.version} of the response to "
            f"“{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            after={"version": response.version},
        )
    return agreement


def waiting_for(response: Response) -> list[User]:
    """Reviewers who sent a review and have not agreed the current version."""
    agreed = set(
        response.agreements.filter(version=response.version).values_list("person_id", flat=True)
    )
    return [
        review.reviewer
        for review in response.request.reviews.filter(
            submitted_at__isnull=False, reviewer__isnull=False
        ).select_related("reviewer")
        if review.reviewer_id not in agreed
    ]


def response_send(*, response: Response, person: User, now: datetime | None = None) -> Response:
    """The lead sends the agreed response to the researcher."""
    now = now or timezone.now()
    with transaction.atomic():
        review_request = _locked(response.request)
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_lead(response, person)
        if review_request.status != Status.DRAFTING:
            raise ValidationError(_("The response has already been sent."))
        if not response.text.strip():
            raise ValidationError(_("Write the response before sending it."))
        _hand_back_from_leavers(review_request)
        if Review.objects.filter(request=review_request, submitted_at__isnull=True).exists():
            raise ValidationError(_("Wait until every reviewer has sent their review."))
        waiting = waiting_for(response)
        if waiting:
            raise ValidationError(
                _("Every reviewer must agree this version first: waiting for %(names)s.")
                % {"names": ", ".join(p.name for p in waiting)}
            )
        response.sent_at = now
        if response.drafting_minutes:
            response.entry = _time_logged(
                review_request,
                person,
                minutes=response.drafting_minutes,
                title=f"Drafted the response to “{review_request.project_title[:140]}”",
                kind=ActivityKind.WRITING,
                today=timezone.localdate(now),
            )
        response.save(update_fields=["sent_at", "entry"])
        _status_set(
            review_request,
            Status.SENT,
            actor=person,
            response_sent_at=now,
            report_back_due=now + timedelta(days=review_request.group.report_back_days),
        )
        if review_request.researcher:
            with translation.override(language_of(review_request.researcher)):
                words = {
                    "group": review_request.group.name,
                    "collective": review_request.group.collective.name,
                    "title": review_request.project_title,
                }
                subject = _("The %(group)s has responded") % words
                message = (
                    _(
                        "The %(group)s of %(collective)s sent its response to “%(title)s”. "
                        "When you have acted on it, tell them what you changed, and what you "
                        "did not and why."
                    )
                    % words
                )
            notification_send(
                kind="review_response",
                person=review_request.researcher,
                context={"subject": subject, "message": message},
                url=review_request.get_absolute_url(),
                now=now,
            )
    return response


# You said, we did


def report_back(
    *,
    review_request: ReviewRequest,
    researcher: User,
    what_changed: str,
    what_did_not_change: str,
    now: datetime | None = None,
) -> ReportBack:
    """The researcher says what changed because of the response, and what did not and
    why. It goes into the reviews' involvement entries as "what changed", where reports
    read the difference involvement made."""
    now = now or timezone.now()
    with transaction.atomic():
        review_request = _locked(review_request)
        if not review_request.is_researcher(researcher):
            raise PermissionDenied("Only the researcher reports back.")
        if review_request.status != Status.SENT:
            raise ValidationError(_("You can report back once the group has responded."))
        report = ReportBack.objects.create(
            request=review_request,
            what_changed=what_changed,
            what_did_not_change=what_did_not_change,
            reported_at=now,
        )
        for entry in InvolvementEntry.objects.filter(
            review__request=review_request
        ).select_related("place__project", "place__collective"):
            involvement_entry_write(
                place=entry.place,
                actor=researcher,
                entry=entry,
                values=EntryValues(
                    title=entry.title,
                    description=entry.description,
                    happened_on=entry.happened_on,
                    stage=entry.stage,
                    kind=entry.kind,
                    what_changed=f"You said, we did: {what_changed}"[:5000],
                ),
                summary=f"{researcher.name} added what changed to “{entry.title}”",
            )
        _status_set(review_request, Status.REPORTED, actor=researcher)
        _tell_group(
            review_request,
            subject=gettext_noop("You said, we did: %(title)s"),
            message=gettext_noop(
                "%(name)s reported back on “%(title)s”: what they changed because of the "
                "group’s response, and what they did not."
            ),
            words=lambda: {"title": review_request.project_title, "name": researcher.name},
            kind="review_reported_back",
            now=now,
        )
    return report


def impact_record(
    *, review_request: ReviewRequest, person: User, impact: str, notes: str
) -> ReportBack:
    """A group member records the impact the review had, counted on the group's page."""
    if impact not in Impact.values:
        raise ValidationError(_("Choose the impact from the list"))
    with transaction.atomic():
        review_request = _locked(review_request)
        _require_group_member(review_request, person)
        report = ReportBack.objects.select_for_update().filter(request=review_request).first()
        if report is None:
            raise ValidationError(_("The researcher has not reported back yet."))
        before = {"impact": report.get_impact_display() if report.impact else ""}
        report.impact = impact
        report.impact_notes = notes
        report.impact_recorded_at = timezone.now()
        report.impact_recorded_by = person
        report.save()
        group_requests_moved(review_request.group_id)
        change_record(
            actor=person,
            action="review_impact_recorded",
            summary=f"{person.name} recorded the impact of the review of "
            f"“{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            before=before,
            after={"impact": report.get_impact_display()},
        )
    return report


# Reminders


def reviews_remind_report_back(*, now: datetime | None = None) -> int:
    """Remind researchers who have not reported back by the group's set time, once each.
    Safe to run as often as you like (a command and a task both call it)."""
    now = now or timezone.now()
    ids = list(
        ReviewRequest.objects.needing_report_back_reminder(now).values_list("pk", flat=True)
    )
    return sum(request_remind(pk=pk, now=now) for pk in ids)


def request_remind(*, pk: int, now: datetime | None = None) -> int:
    """The one reminder for one request: the row is locked and marked in the same
    transaction that queues the email, so two workers never both send it."""
    now = now or timezone.now()
    with transaction.atomic():
        review_request = (
            ReviewRequest.objects.select_for_update(of=("self",))
            .select_related("group__collective", "group__place", "researcher")
            .get(pk=pk)
        )
        if (
            review_request.status != Status.SENT
            or review_request.reminder_sent_at
            or review_request.researcher is None
            or review_request.report_back_due > now
        ):
            return 0
        review_request.reminder_sent_at = now
        review_request.save(update_fields=["reminder_sent_at"])
        change_record(
            actor=None,
            action="report_back_reminder_sent",
            summary=f"Levelfield reminded the researcher to report back on "
            f"“{review_request.project_title}”",
            subject=review_request,
            collective=review_request.group.collective,
            after={"reminded": day(now)},
        )
        group = review_request.group
        with translation.override(language_of(review_request.researcher)):
            words = {
                "group": group.name,
                "collective": group.collective.name,
                "title": review_request.project_title,
                "day": day(review_request.response_sent_at),
            }
            subject = _("What changed? %(title)s") % words
            message = (
                _(
                    "The %(group)s of %(collective)s responded to “%(title)s” on %(day)s. "
                    "Please tell them what you changed because of it, and what you did not "
                    "and why. It helps them see the difference they make."
                )
                % words
            )
        notification_send(
            kind="review_reminder",
            person=review_request.researcher,
            context={"subject": subject, "message": message},
            url=reverse("reviews:report_back", args=[review_request.pk]),
            now=now,
        )
        return 1


def reviews_remind_deadline(*, now: datetime | None = None) -> int:
    """Remind reviewers who have not sent their review when the deadline is near, once
    each. Safe to run as often as you like."""
    now = now or timezone.now()
    near = timezone.localdate(now) + DEADLINE_NOTICE
    ids = list(
        Review.objects.filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            reviewer__isnull=False,
            request__status__in=OPEN,
            request__deadline__lte=near,
            # Only reviewers still in the group.
            request__group__place__memberships__person=F("reviewer"),
        ).values_list("pk", flat=True)
    )
    return sum(review_remind(pk=pk, now=now) for pk in ids)


def review_remind(*, pk: int, now: datetime | None = None) -> int:
    """The one deadline reminder for one review, marked in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        review = (
            Review.objects.select_for_update(of=("self",))
            .select_related("request__group__place", "reviewer")
            .get(pk=pk)
        )
        review_request = review.request
        if (
            review.reminded_at
            or review.is_submitted
            or review.reviewer is None
            or review_request.status not in OPEN
        ):
            return 0
        review.reminded_at = now
        review.save(update_fields=["reminded_at"])
        with translation.override(language_of(review.reviewer)):
            words = {
                "group": review_request.group.name,
                "title": review_request.project_title,
                "day": day(review_request.deadline),
            }
            subject = _("Review due %(day)s: %(title)s") % words
            message = (
                _(
                    "The researcher needs the %(group)s’s response to “%(title)s” by %(day)s. "
                    "Please send your review, or step back so someone else can."
                )
                % words
            )
        notification_send(
            kind="review_deadline",
            person=review.reviewer,
            context={"subject": subject, "message": message},
            url=reverse("reviews:review", args=[review_request.pk]),
            now=now,
        )
        return 1


# Helpers


def group_requests_moved(*group_ids: int) -> None:
    """Move the groups' `requests_version`, in the caller's transaction: whatever the
    group's reviews page counts or lists has changed, so its kept figures are worked
    out afresh (`display.group_figures`)."""
    ReviewGroup.objects.filter(pk__in=group_ids).update(requests_version=F("requests_version") + 1)


def _locked(review_request: ReviewRequest) -> ReviewRequest:
    return (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("group__collective", "group__place", "researcher")
        .get(pk=review_request.pk)
    )


def _require_group_member(review_request: ReviewRequest, person: User) -> None:
    if not roles.memberships_of(review_request.group.place).filter(person=person).exists():
        raise PermissionDenied("Only members of the review group can do this.")


def _require_sent_review(review_request: ReviewRequest, person: User) -> None:
    _require_group_member(review_request, person)
    if not Review.objects.filter(
        request=review_request, reviewer=person, submitted_at__isnull=False
    ).exists():
        raise PermissionDenied("Only reviewers who have sent their review can do this.")


def _require_lead(response: Response, person: User) -> None:
    _require_group_member(response.request, person)
    if response.lead_id != person.pk:
        raise PermissionDenied("Only the reviewer leading the response can do this.")


def _hand_back_from_leavers(review_request: ReviewRequest) -> None:
    """Unsent reviews of people who left the group on its page (places' own leave,
    which knows nothing of reviews) go back, so they do not hold the response up."""
    deleted, _kinds = (
        Review.objects.filter(request=review_request, submitted_at__isnull=True)
        .exclude(
            reviewer_id__in=roles.memberships_of(review_request.group.place).values("person_id")
        )
        .delete()
    )
    if deleted:
        group_requests_moved(review_request.group_id)


def _status_after_step_back(review_request: ReviewRequest) -> None:
    if review_request.status == Status.REVIEWING and not review_request.reviews.exists():
        _status_set(review_request, Status.WAITING, actor=None)


def _status_set(
    review_request: ReviewRequest,
    status: Status,
    *,
    actor: User | None,
    lead: str = "",
    **dates: datetime,
) -> None:
    # The history keeps the site's own language, whoever made the change.
    with translation.override(settings.LANGUAGE_CODE):
        before = {"status": str(review_request.get_status_display())}
        label = str(status.label)
    review_request.status = status
    for field, value in dates.items():
        setattr(review_request, field, value)
    review_request.save(update_fields=["status", *dates])
    group_requests_moved(review_request.group_id)
    after: dict[str, str] = {"status": label}
    if lead:
        after["lead"] = lead
    change_record(
        actor=actor,
        action="review_status_changed",
        summary=f"“{review_request.project_title}”: {label.lower()}",
        subject=review_request,
        collective=review_request.group.collective,
        before=before,
        after=after,
    )


def _tell_group(
    review_request: ReviewRequest,
    *,
    subject: str,
    message: str,
    words: Callable[[], dict[str, object]],
    kind: str,
    only_reviewers: bool = False,
    leaving_out: User | None = None,
    now: datetime | None = None,
) -> None:
    if only_reviewers:
        people = User.objects.filter(reviews__request=review_request)
    else:
        people = User.objects.filter(place_memberships__place_id=review_request.group.place_id)
    if leaving_out is not None:
        people = people.exclude(pk=leaving_out.pk)

    def context_for(person: User) -> dict[str, str]:
        # `subject` and `message` are marked, not translated: each person reads them in
        # their own language (called in it), dates included.
        found = words()
        return {"subject": _(subject) % found, "message": _(message) % found}

    notifications_send_each(
        kind=kind,
        people=people.distinct().order_by("pk"),
        context_for=context_for,
        url=review_request.get_absolute_url(),
        now=now,
    )


def group_counts(group: ReviewGroup) -> dict[str, int]:
    """What the group has done, for its page (a few aggregate queries, whatever the size)."""
    # One row per request (a report back belongs to one request), so one query.
    return ReviewRequest.objects.filter(group=group).aggregate(
        requests=Count("pk", filter=~Q(status=Status.WITHDRAWN)),
        responded=Count("pk", filter=Q(status__in=(Status.SENT, Status.REPORTED))),
        reported=Count("report_back"),
        changed=Count(
            "report_back", filter=Q(report_back__impact__in=(Impact.MAJOR, Impact.SOME))
        ),
    )


def load_words(count: int) -> str:
    return ngettext("%(count)s review", "%(count)s reviews", count) % {"count": count}
