"""Running a priority-setting partnership and the ideas sandpit.

Each function is one thing a person does, in one transaction with its entry in the
change history. Changes to the lists (grouping, ungrouping, setting aside, the
shortlist, the top 10) and to the steering group are all in the history, so the report
can show the trail from every submission to every priority.

Surveys answered by people without an account are idempotent: the form carries a
token, and the same token sent twice finds the first answer (the database's unique
constraint decides, so two copies racing on PostgreSQL still make one).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.history.services import change_record
from levelfield.lib import cache as lib_cache
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.priorities import ranking
from levelfield.priorities.models import (
    Demographics,
    GroupRank,
    Idea,
    IdeaComment,
    IdeaOwner,
    InterimBallot,
    InterimChoice,
    PairAnswer,
    Partnership,
    SimilarPair,
    Stage,
    SteeringMember,
    Submission,
    SubmittedQuestion,
    Subscriber,
    SummaryQuestion,
    SummaryStatus,
    WorkshopGroup,
)
from levelfield.priorities.similarity import similar_pairs
from levelfield.projects import services as project_services
from levelfield.projects.models import Project
from levelfield.ratelimits import rate_limit
from levelfield.sealing import sealed as sealing

logger = logging.getLogger(__name__)

MAX_QUESTIONS_PER_SUBMISSION = 10
# Every sealed set of demographics and email is this size, whatever was given.
EXTRAS_SEALED_SIZE = 2 * 1024
MAX_INTERIM_PICKS = 10
TOP = 10


def _record(partnership: Partnership, actor: User | None, action: str, summary: str, **kw) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject_type=kw.pop("subject_type", "partnership"),
        collective=partnership.collective,
        project=partnership.project,
        **kw,
    )


def _fresh(given: Partnership) -> Partnership:
    """The caller's own object, brought up to date (so it never holds an old stage)."""
    given.refresh_from_db()
    return given


def _questions_changed(partnership: Partnership) -> None:
    """Move the partnership's `questions_version` (in the transaction that changed its
    submitted questions; a survey answer just after it): the kept counts and rows of the
    questions page follow it."""
    Partnership.objects.filter(pk=partnership.pk).update(
        questions_version=F("questions_version") + 1
    )


def _locked(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update().select_related("collective").get(pk=partnership.pk)
    )


# The partnership and its steering group


def partnership_create(
    *,
    collective: Collective,
    actor: User,
    title: str,
    scope: str,
    survey_closes_on: datetime.date | None = None,
    project: Project | None = None,
) -> Partnership:
    """Start a partnership. Its project holds the steering group's involvement log: an
    existing project of the collective, or a new one made for it."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, collective)
    if project is not None and project.collective_id != collective.pk:
        raise ValidationError(_("Choose a project of this collective."))
    with transaction.atomic():
        if project is None:
            project = project_services.project_create(
                collective=collective,
                created_by=actor,
                title=f"Priority setting: {title}"[:200],
                summary=scope,
            )
        partnership = Partnership.objects.create(
            collective=collective,
            project=project,
            title=title,
            scope=scope,
            survey_closes_on=survey_closes_on,
            created_by=actor,
        )
        SteeringMember.objects.create(partnership=partnership, person=actor)
        _record(
            partnership,
            actor,
            "partnership_created",
            f"{actor.name} started the priority-setting partnership “{title}”",
            subject=partnership,
            after={"title": title, "steering group": [actor.name]},
        )
    return partnership


def partnership_update(
    *,
    partnership: Partnership,
    actor: User,
    title: str,
    scope: str,
    survey_closes_on: datetime.date | None,
    interim_closes_on: datetime.date | None,
    workshop_on: datetime.date | None,
    shortlist_size: int,
) -> Partnership:
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    fields = ("title", "scope", "survey_closes_on", "interim_closes_on", "workshop_on")
    given = partnership
    with transaction.atomic():
        partnership = _locked(partnership)
        before = {f: str(getattr(partnership, f) or "") for f in (*fields, "shortlist_size")}
        partnership.title, partnership.scope = title, scope
        partnership.survey_closes_on = survey_closes_on
        partnership.interim_closes_on = interim_closes_on
        partnership.workshop_on = workshop_on
        partnership.shortlist_size = shortlist_size
        after = {f: str(getattr(partnership, f) or "") for f in (*fields, "shortlist_size")}
        if before != after:
            partnership.save()
            changed = [key for key in after if before[key] != after[key]]
            _record(
                partnership,
                actor,
                "partnership_updated",
                f"{actor.name} changed the partnership’s {', '.join(changed)}",
                subject=partnership,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
    return _fresh(given)


def partnership_stage_set(*, partnership: Partnership, actor: User, stage: str) -> Partnership:
    """Move to another stage and tell the steering group and everyone who asked to hear."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    given = partnership
    if stage not in Stage.values or stage == Stage.PUBLISHED:
        raise ValidationError(_("Choose a stage. The top 10 is published from the workshop page."))
    with transaction.atomic():
        partnership = _locked(partnership)
        if partnership.stage == Stage.PUBLISHED:
            raise ValidationError(_("The top 10 is published; the partnership has finished."))
        before = partnership.stage
        if before == stage:
            return _fresh(given)
        partnership.stage = stage
        partnership.save(update_fields=["stage"])
        if before == Stage.SURVEY:
            _extras_write_out(partnership)  # the survey has closed: before telling anyone
        # The history keeps the site's own language, whoever moved it.
        with translation.override(settings.LANGUAGE_CODE):
            stage_label = partnership.get_stage_display()
        _record(
            partnership,
            actor,
            "partnership_stage",
            f"{actor.name} moved the partnership to “{stage_label}”",
            subject=partnership,
            before={"stage": before},
            after={"stage": stage},
        )
        _tell_stage(partnership)
    return _fresh(given)


def _tell_stage(partnership: Partnership) -> None:
    # The label stays lazy, so each email says it in its recipient's language.
    context = {"partnership": partnership, "stage": Stage(partnership.stage).label}
    public_url = reverse("priorities:public", args=[partnership.survey_token])
    if partnership.stage in (Stage.INTERIM, Stage.PUBLISHED):
        for email in partnership.subscribers.values_list("email", flat=True):
            notification_send(
                kind="priorities_stage", context=context, email=email, url=public_url
            )
    team_url = reverse("priorities:partnership", args=[partnership.pk])
    for member in partnership.steering_members.select_related("person"):
        notification_send(
            kind="priorities_stage", context=context, person=member.person, url=team_url
        )


def steering_member_add(*, partnership: Partnership, actor: User, person: User) -> SteeringMember:
    """Add a collective member to the steering group (and to its project, for the log)."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    if (
        not PlaceMembership.objects.of_collective(partnership.collective_id)
        .filter(person=person)
        .exists()
    ):
        raise ValidationError(
            _("%(name)s is not a member of %(collective)s.")
            % {"name": person.name, "collective": partnership.collective.name}
        )
    with transaction.atomic():
        _locked(partnership)
        member, created = SteeringMember.objects.get_or_create(
            partnership=partnership, person=person
        )
        if not created:
            raise ValidationError(
                _("%(name)s is already in the steering group.") % {"name": person.name}
            )
        project = partnership.project
        if (
            project
            and not PlaceMembership.objects.of_project(project).filter(person=person).exists()
        ):
            project_services.project_member_add(project=project, person=person, added_by=actor)
        _record(
            partnership,
            actor,
            "steering_added",
            f"{actor.name} added {person.name} to the steering group of “{partnership.title}”",
            subject=member,
            after={"steering member": person.name},
        )
        notification_send(
            kind="priorities_steering",
            context={"partnership": partnership, "added_by": actor},
            person=person,
            url=reverse("priorities:partnership", args=[partnership.pk]),
        )
    return member


def steering_member_remove(*, member: SteeringMember, actor: User) -> None:
    partnership = member.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        _locked(partnership)
        name = member.person.name
        deleted, _detail = SteeringMember.objects.filter(pk=member.pk).delete()
        if deleted:
            _record(
                partnership,
                actor,
                "steering_removed",
                f"{actor.name} took {name} off the steering group of “{partnership.title}”",
                subject_type="steeringmember",
                before={"steering member": name},
            )


# The question survey (no account needed)


def survey_is_open(partnership: Partnership, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    closes = partnership.survey_closes_on
    return partnership.stage == Stage.SURVEY and (closes is None or today <= closes)


def survey_submit(
    *,
    partnership: Partnership,
    token: uuid.UUID,
    perspective: str,
    questions: Sequence[str],
    consent: bool,
    age_band: str = "",
    region: str = "",
    email: str = "",
    address: str = "",
) -> tuple[Submission, bool]:
    """Store someone's questions. Returns (submission, whether it is new): the same
    form sent twice gives back the first submission and stores nothing more. Raises
    RateLimited past settings.RATE_LIMITS["priorities_survey"] for `address`."""
    texts = [text.strip() for text in questions if text.strip()]
    if not consent:
        raise ValidationError(_("We can only keep your questions if you agree."))
    if not texts or len(texts) > MAX_QUESTIONS_PER_SUBMISSION:
        raise ValidationError(
            _("Write between 1 and %(most)s questions.") % {"most": MAX_QUESTIONS_PER_SUBMISSION}
        )
    if not survey_is_open(partnership):
        raise ValidationError(_("This survey has closed. Thank you for your interest."))
    existing = Submission.objects.filter(token=token, partnership=partnership).first()
    if existing:
        return existing, False
    # Counted in a transaction of its own, so nothing links the count to the answers.
    rate_limit("priorities_survey", address=address)
    extras = {"age_band": age_band, "region": region, "email": email.lower()}
    try:
        with transaction.atomic():
            # Locked as the write-out locks it: extras are sealed before it or refused.
            partnership = _locked(partnership)
            if not survey_is_open(partnership):
                raise ValidationError(_("This survey has closed. Thank you for your interest."))
            submission = Submission.objects.create(
                partnership=partnership, token=token, perspective=perspective, consent=True
            )
            SubmittedQuestion.objects.bulk_create(
                SubmittedQuestion(partnership=partnership, submission=submission, text=text)
                for text in texts
            )
            # In a transaction of its own, after this one: the survey's transaction
            # writes only the submission, its questions and the seal key (no row shares
            # its xmin). Until it runs, pages show the counts kept before the answer.
            transaction.on_commit(partial(_questions_changed, partnership))
            # Kept apart: sealed on the submission until the survey closes, then written
            # out shuffled with everyone's (`survey_extras_write_out`). Written now as
            # rows of their own they would share the submission's xmin.
            if any(extras.values()):
                try:
                    submission.sealed_extras = _extras_keys(partnership, create=True).seal(
                        submission.pk, extras, size=EXTRAS_SEALED_SIZE
                    )
                except sealing.TooLong:
                    raise ValidationError(_("Shorten your region and send again.")) from None
                submission.save(update_fields=["sealed_extras"])
    except IntegrityError:
        # The same form raced itself: the other copy won; nothing is lost.
        return Submission.objects.get(token=token, partnership=partnership), False
    return submission, True


def _extras_keys(partnership: Partnership, *, create: bool = False) -> sealing.Keys:
    return sealing.keys_for(f"survey:{partnership.pk}", create=create)


def survey_extras_write_out(*, partnership: Partnership) -> int:
    """When the survey closes, write out every submission's sealed demographics and email
    together, as anonymous ballots are at closing (levelfield.sealing): opened, shuffled,
    inserted with no link to a submission and the day of writing out (not the day given),
    the sealed copies wiped and the survey's key destroyed, in one transaction.
    Idempotent; returns how many submissions' extras it wrote out."""
    with transaction.atomic():
        partnership = _locked(partnership)
        return _extras_write_out(partnership)


def _extras_write_out(partnership: Partnership) -> int:
    """The write-out, in the caller's transaction under the partnership's row lock."""
    sealed = Submission.objects.filter(partnership=partnership, sealed_extras__isnull=False)
    keys = _extras_keys(partnership)
    opened: list[dict[str, str]] = []
    for pk, extras in sealed.values_list("pk", "sealed_extras"):
        try:
            opened.append(keys.open(pk, extras))
        except sealing.Unreadable:
            logger.error("Sealed survey extras of partnership %s did not open.", partnership.pk)
    if not opened and keys.secret is None:
        return 0
    sealing.shuffle(opened)
    today = timezone.localdate()
    Demographics.objects.bulk_create(
        Demographics(
            partnership=partnership,
            age_band=extras["age_band"],
            region=extras["region"],
            given_on=today,
        )
        for extras in opened
        if extras["age_band"] or extras["region"]
    )
    emails = list(dict.fromkeys(extras["email"] for extras in opened if extras["email"]))
    Subscriber.objects.bulk_create(
        (Subscriber(partnership=partnership, email=email) for email in emails),
        ignore_conflicts=True,
    )
    sealed.update(sealed_extras=None)
    sealing.keys_destroy(f"survey:{partnership.pk}")
    return len(opened)


def survey_extras_write_out_due(*, today: datetime.date | None = None) -> int:
    """Write out the extras of every survey past its closing day. Idempotent."""
    today = today or timezone.localdate()
    due = Partnership.objects.filter(
        submissions__sealed_extras__isnull=False, survey_closes_on__lt=today
    ).distinct()
    written = sum(survey_extras_write_out(partnership=partnership) for partnership in due)
    sealing.keys_vacuum()  # again, as decisions_close_due does
    return written


# Processing: suggestions, groups, setting aside


def pairs_find(*, partnership: Partnership) -> int:
    """Suggest pairs of similar questions (idempotent: known pairs are kept as answered).
    Run in the background (`tasks.py`); returns how many new pairs were suggested."""
    rows = list(
        SubmittedQuestion.objects.filter(partnership=partnership, out_of_scope=False)
        .order_by("pk")
        .values_list("pk", "text", "summary_id")
    )
    ids = [pk for pk, _, _ in rows]
    grouped = [summary_id is not None for _, _, summary_id in rows]
    found = similar_pairs([text for _, text, _ in rows])
    # Two questions both already grouped have been looked at: suggest only pairs that
    # would bring an ungrouped question in.
    new = [
        SimilarPair(partnership=partnership, first_id=ids[i], second_id=ids[j], score=score)
        for i, j, score in found
        if not (grouped[i] and grouped[j])
    ]
    before = SimilarPair.objects.filter(partnership=partnership).count()
    SimilarPair.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return SimilarPair.objects.filter(partnership=partnership).count() - before


def pair_answer(*, pair: SimilarPair, actor: User, same: bool) -> SimilarPair:
    """A person confirms a suggestion ("same": group them) or turns it down."""
    partnership = pair.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        _locked(partnership)
        pair = SimilarPair.objects.select_related("first", "second").get(pk=pair.pk)
        if pair.answer != PairAnswer.WAITING:
            return pair
        if same:
            first, second = pair.first, pair.second
            if first.summary_id and second.summary_id and first.summary_id != second.summary_id:
                raise ValidationError(
                    _(
                        "These two are already in different groups. Move one of them on its "
                        "group's page first."
                    )
                )
            summary_id = first.summary_id or second.summary_id
            if summary_id:
                summary = SummaryQuestion.objects.get(pk=summary_id)
                _attach(summary, [q for q in (first, second) if q.summary_id is None], actor)
            else:
                summary_create(
                    partnership=partnership,
                    actor=actor,
                    questions=[first, second],
                    text=first.text,
                )
        pair.answer = PairAnswer.SAME if same else PairAnswer.DIFFERENT
        pair.save(update_fields=["answer"])
    return pair


def summary_create(
    *,
    partnership: Partnership,
    actor: User,
    questions: Sequence[SubmittedQuestion],
    text: str,
) -> SummaryQuestion:
    """Group submitted questions under one summary question for the long list."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    if not text.strip():
        raise ValidationError(_("Write the summary question."))
    with transaction.atomic():
        _locked(partnership)
        summary = SummaryQuestion.objects.create(
            partnership=partnership, text=text.strip(), created_by=actor
        )
        _attach(summary, questions, actor, created=True)
    return summary


def _attach(
    summary: SummaryQuestion,
    questions: Sequence[SubmittedQuestion],
    actor: User,
    *,
    created: bool = False,
) -> None:
    ids = [q.pk for q in questions]
    free = SubmittedQuestion.objects.select_for_update().filter(
        pk__in=ids, partnership_id=summary.partnership_id, summary__isnull=True
    )
    if free.count() != len(set(ids)):
        raise ValidationError(
            _("Some of those questions are already in a group. Ungroup them first.")
        )
    free.update(summary=summary)
    _questions_changed(summary.partnership)
    _record(
        summary.partnership,
        actor,
        "grouped",
        f"{actor.name} grouped {len(ids)} submitted "
        f"question{'s' if len(ids) != 1 else ''} under “{summary.text[:120]}”",
        subject=summary,
        after={"summary": summary.text, "submitted questions": sorted(ids), "new": created},
    )


def summary_update(
    *, summary: SummaryQuestion, actor: User, text: str, status: str, evidence: str
) -> SummaryQuestion:
    partnership = summary.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    if status == SummaryStatus.ANSWERED and not evidence.strip():
        raise ValidationError(_("Give the evidence that answers it, for example a DOI."))
    with transaction.atomic():
        _locked(partnership)
        summary = SummaryQuestion.objects.select_for_update().get(pk=summary.pk)
        before = {"text": summary.text, "status": summary.status, "evidence": summary.evidence}
        summary.text, summary.status, summary.evidence = text.strip(), status, evidence.strip()
        after = {"text": summary.text, "status": summary.status, "evidence": summary.evidence}
        if before != after:
            if status != SummaryStatus.LONG_LIST:
                summary.shortlisted = False
            summary.save()
            _record(
                partnership,
                actor,
                "summary_updated",
                f"{actor.name} changed the long-list question “{summary.text[:120]}”",
                subject=summary,
                before=before,
                after=after,
            )
    return summary


# How long counts are kept: a new version is a new key, so this only frees the memory.
QUESTION_COUNTS_SECONDS = 60 * 60


def question_counts(partnership: Partnership) -> dict[str, int]:
    """How many submitted questions are ungrouped, grouped, set aside and in all: one
    aggregate per `questions_version` (every change to the questions moves it in the
    same transaction), so the questions page and the dashboard do not count 50,000 rows
    on every view. `partnership` must be read in this request (its version current)."""

    def count() -> dict[str, int]:
        return SubmittedQuestion.objects.filter(partnership=partnership).aggregate(
            all=Count("pk"),
            ungrouped=Count("pk", filter=Q(summary__isnull=True, out_of_scope=False)),
            grouped=Count("pk", filter=Q(summary__isnull=False)),
            aside=Count("pk", filter=Q(out_of_scope=True)),
        )

    return lib_cache.versioned(
        "priorities:question-counts",
        (partnership.pk, partnership.questions_version),
        count,
        seconds=QUESTION_COUNTS_SECONDS,
    )


def submission_counts(partnership: Partnership) -> dict[str, int]:
    """How many people answered the survey, per perspective: kept per `questions_version`
    as `question_counts` is (every answer moves it, just after its own transaction),
    so the dashboard does not count thousands of answers on every view."""

    def count() -> dict[str, int]:
        return dict(
            Submission.objects.filter(partnership=partnership)
            .values_list("perspective")
            .annotate(n=Count("pk"))
            .values_list("perspective", "n")
        )

    return lib_cache.versioned(
        "priorities:submission-counts",
        (partnership.pk, partnership.questions_version),
        count,
        seconds=QUESTION_COUNTS_SECONDS,
    )


def question_ungroup(*, question: SubmittedQuestion, actor: User) -> None:
    """Take a submitted question out of its group; it goes back to the ungrouped list."""
    partnership = question.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        _locked(partnership)
        question = SubmittedQuestion.objects.select_for_update().get(pk=question.pk)
        summary = question.summary
        if summary is None:
            return
        question.summary = None
        question.save(update_fields=["summary"])
        _questions_changed(partnership)
        _record(
            partnership,
            actor,
            "ungrouped",
            f"{actor.name} took a submitted question out of “{summary.text[:120]}”",
            subject=question,
            before={"summary": summary.text, "summary id": summary.pk},
            after={"summary": None},
        )


def question_set_aside(*, question: SubmittedQuestion, actor: User, reason: str) -> None:
    """Mark a submitted question out of scope, saying why (it stays listed)."""
    partnership = question.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    if not reason.strip():
        raise ValidationError(_("Say why it is out of scope."))
    with transaction.atomic():
        _locked(partnership)
        question = SubmittedQuestion.objects.select_for_update().get(pk=question.pk)
        before = {"out of scope": question.out_of_scope, "reason": question.out_of_scope_reason}
        question.out_of_scope, question.out_of_scope_reason = True, reason.strip()[:300]
        question.summary = None
        question.save(update_fields=["out_of_scope", "out_of_scope_reason", "summary"])
        _questions_changed(partnership)
        _record(
            partnership,
            actor,
            "set_aside",
            f"{actor.name} set a submitted question aside as out of scope",
            subject=question,
            before=before,
            after={"out of scope": True, "reason": question.out_of_scope_reason},
        )


def question_restore(*, question: SubmittedQuestion, actor: User) -> None:
    partnership = question.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        _locked(partnership)
        question = SubmittedQuestion.objects.select_for_update().get(pk=question.pk)
        if not question.out_of_scope:
            return
        reason = question.out_of_scope_reason
        question.out_of_scope, question.out_of_scope_reason = False, ""
        question.save(update_fields=["out_of_scope", "out_of_scope_reason"])
        _questions_changed(partnership)
        _record(
            partnership,
            actor,
            "restored",
            f"{actor.name} brought a set-aside question back in scope",
            subject=question,
            before={"out of scope": True, "reason": reason},
            after={"out of scope": False},
        )


# The interim survey (no account needed) and the shortlist


def long_list(partnership: Partnership) -> list[SummaryQuestion]:
    return list(
        SummaryQuestion.objects.filter(
            partnership=partnership, status=SummaryStatus.LONG_LIST, originals__isnull=False
        )
        .distinct()
        .order_by("pk")
    )


def interim_submit(
    *,
    partnership: Partnership,
    token: uuid.UUID,
    perspective: str,
    question_ids: Sequence[int],
    address: str = "",
) -> tuple[InterimBallot, bool]:
    """Store one interim answer (up to 10 picks). Idempotent on the form's token.
    Raises RateLimited past settings.RATE_LIMITS["priorities_interim"] for `address`."""
    if partnership.stage != Stage.INTERIM:
        raise ValidationError(_("The interim survey is not open."))
    picks = set(question_ids)
    if not 1 <= len(picks) <= MAX_INTERIM_PICKS:
        raise ValidationError(
            _("Choose between 1 and %(most)s questions.") % {"most": MAX_INTERIM_PICKS}
        )
    allowed = {q.pk for q in long_list(partnership)}
    if not picks <= allowed:
        raise ValidationError(_("Choose questions from the list."))
    existing = InterimBallot.objects.filter(token=token, partnership=partnership).first()
    if existing:
        return existing, False
    rate_limit("priorities_interim", address=address)
    try:
        with transaction.atomic():
            ballot = InterimBallot.objects.create(
                partnership=partnership, token=token, perspective=perspective
            )
            InterimChoice.objects.bulk_create(
                InterimChoice(ballot=ballot, question_id=pk) for pk in sorted(picks)
            )
    except IntegrityError:
        return InterimBallot.objects.get(token=token, partnership=partnership), False
    return ballot, True


def interim_result(partnership: Partnership) -> ranking.InterimResult:
    """The interim tally from every answer (two queries)."""
    questions = [q.pk for q in long_list(partnership)]
    picks: dict[int, list[int]] = {}
    perspective_of: dict[int, str] = dict(
        InterimBallot.objects.filter(partnership=partnership).values_list("pk", "perspective")
    )
    for ballot_id, question_id in InterimChoice.objects.filter(
        ballot__partnership=partnership, question_id__in=questions
    ).values_list("ballot_id", "question_id"):
        picks.setdefault(ballot_id, []).append(question_id)
    ballots = [(perspective_of[b], picks.get(b, [])) for b in perspective_of]
    return ranking.interim_tally(ballots, questions)


def shortlist_make(*, partnership: Partnership, actor: User) -> list[int]:
    """Shortlist the top questions of the interim survey for the workshop."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        partnership = _locked(partnership)
        if partnership.reached(Stage.PUBLISHED):
            raise ValidationError(_("The top 10 is already published."))
        result = interim_result(partnership)
        if not sum(result.answers.values()):
            raise ValidationError(_("Nobody has answered the interim survey yet."))
        chosen = [line.question for line in result.lines[: partnership.shortlist_size]]
        before = list(
            SummaryQuestion.objects.filter(partnership=partnership, shortlisted=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        SummaryQuestion.objects.filter(partnership=partnership).update(shortlisted=False)
        SummaryQuestion.objects.filter(pk__in=chosen).update(shortlisted=True)
        _record(
            partnership,
            actor,
            "shortlisted",
            f"{actor.name} made the shortlist of {len(chosen)} questions from the interim survey",
            subject=partnership,
            before={"shortlist": before},
            after={"shortlist": chosen, "answers": result.answers},
        )
    return chosen


# The final workshop


def shortlist(partnership: Partnership) -> list[SummaryQuestion]:
    return list(SummaryQuestion.objects.filter(partnership=partnership, shortlisted=True))


def workshop_group_add(
    *, partnership: Partnership, actor: User, name: str, round: int
) -> WorkshopGroup:
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        _locked(partnership)
        if WorkshopGroup.objects.filter(partnership=partnership, round=round, name=name).exists():
            raise ValidationError(
                _("Round %(round)s already has a group called %(name)s.")
                % {"round": round, "name": name}
            )
        group = WorkshopGroup.objects.create(partnership=partnership, round=round, name=name)
        _record(
            partnership,
            actor,
            "group_added",
            f"{actor.name} added the workshop group “{name}” (round {round})",
            subject=group,
            after={"group": name, "round": round},
        )
    return group


def group_ranking_record(*, group: WorkshopGroup, actor: User, ranking: Sequence[int]) -> None:
    """Record a small group's agreed ranking of the whole shortlist (best first)."""
    partnership = group.partnership
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    with transaction.atomic():
        partnership = _locked(partnership)
        if partnership.stage != Stage.WORKSHOP:
            raise ValidationError(_("Move the partnership to the workshop stage first."))
        listed = {q.pk for q in shortlist(partnership)}
        if len(ranking) != len(set(ranking)) or set(ranking) != listed:
            raise ValidationError(_("Give every shortlisted question a different place."))
        before = list(group.ranks.order_by("rank").values_list("question_id", flat=True))
        group.ranks.all().delete()
        GroupRank.objects.bulk_create(
            GroupRank(group=group, question_id=pk, rank=place)
            for place, pk in enumerate(ranking, start=1)
        )
        _record(
            partnership,
            actor,
            "group_ranked",
            f"{actor.name} recorded the ranking of {group.name} (round {group.round})",
            subject=group,
            before={"ranking": before},
            after={"ranking": list(ranking)},
        )


def workshop_result(partnership: Partnership, round: int) -> list[ranking.WorkshopLine]:
    """The aggregated ranking of the groups in `round` that have ranked (two queries)."""
    listed = [q.pk for q in shortlist(partnership)]
    rankings: dict[int, list[int]] = {}
    for group_id, question_id in (
        GroupRank.objects.filter(group__partnership=partnership, group__round=round)
        .order_by("group_id", "rank")
        .values_list("group_id", "question_id")
    ):
        rankings.setdefault(group_id, []).append(question_id)
    complete = {g: r for g, r in rankings.items() if set(r) == set(listed)}
    if not complete:
        return []
    interim = [line.question for line in interim_result(partnership).lines]
    return ranking.workshop_tally(complete, listed, interim)


def top_ten_publish(*, partnership: Partnership, actor: User, round: int) -> list[int]:
    """Publish the top 10 from a workshop round's aggregated ranking."""
    roles.require(actor, Action.RUN_PRIORITY_SETTING, partnership.collective)
    given = partnership
    with transaction.atomic():
        partnership = _locked(partnership)
        if partnership.stage != Stage.WORKSHOP:
            raise ValidationError(_("Only a partnership at its workshop can publish a top 10."))
        lines = workshop_result(partnership, round)
        if not lines:
            raise ValidationError(_("No group has ranked the shortlist in that round yet."))
        top = [line.question for line in lines[:TOP]]
        for place, pk in enumerate(top, start=1):
            SummaryQuestion.objects.filter(pk=pk).update(rank=place)
        partnership.stage = Stage.PUBLISHED
        partnership.published_at = timezone.now()
        partnership.save(update_fields=["stage", "published_at"])
        _record(
            partnership,
            actor,
            "published",
            f"{actor.name} published the top 10 of “{partnership.title}” from round {round}",
            subject=partnership,
            before={"stage": Stage.WORKSHOP},
            after={
                "stage": Stage.PUBLISHED,
                "top 10": top,
                "totals": {line.question: line.total for line in lines},
            },
        )
        _tell_stage(partnership)
    _fresh(given)
    return top


# Ideas sandpit


def idea_create(*, collective: Collective, actor: User, title: str, description: str) -> Idea:
    roles.require(actor, Action.SHARE_IDEAS, collective)
    with transaction.atomic():
        idea = Idea.objects.create(
            collective=collective, title=title, description=description, created_by=actor
        )
        IdeaOwner.objects.create(idea=idea, person=actor)
        change_record(
            actor=actor,
            action="idea_created",
            summary=f"{actor.name} posted the idea “{title}”",
            subject=idea,
            collective=collective,
        )
    return idea


def idea_comment(*, idea: Idea, actor: User, text: str) -> IdeaComment:
    roles.require(actor, Action.SHARE_IDEAS, idea.collective)
    if not text.strip():
        raise ValidationError(_("Write your comment."))
    with transaction.atomic():
        comment = IdeaComment.objects.create(idea=idea, author=actor, text=text.strip())
        for owner in idea.ownerships.exclude(person=actor).select_related("person"):
            notification_send(
                kind="priorities_idea",
                context={"idea": idea, "author": actor},
                person=owner.person,
                url=reverse("priorities:idea", args=[idea.pk]),
            )
    return comment


def idea_co_own(*, idea: Idea, actor: User) -> None:
    """Join an idea as a co-owner: everyone who builds it owns it."""
    roles.require(actor, Action.SHARE_IDEAS, idea.collective)
    with transaction.atomic():
        _owner, created = IdeaOwner.objects.get_or_create(idea=idea, person=actor)
        if created:
            change_record(
                actor=actor,
                action="idea_co_owner",
                summary=f"{actor.name} became a co-owner of the idea “{idea.title}”",
                subject=idea,
                collective=idea.collective,
            )


def idea_to_project(*, idea: Idea, actor: User) -> Project:
    """Turn an idea into a project whose members are the idea's co-owners."""
    roles.require(actor, Action.SHARE_IDEAS, idea.collective)
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if idea.project_id:
            raise ValidationError(_("This idea is already a project."))
        if not idea.ownerships.filter(person=actor).exists():
            raise ValidationError(_("Only a co-owner can turn the idea into a project."))
        project = project_services.project_create(
            collective=idea.collective,
            created_by=actor,
            title=idea.title,
            summary=idea.description,
        )
        active = set(
            PlaceMembership.objects.of_collective(idea.collective).values_list(
                "person_id", flat=True
            )
        )
        for owner in idea.ownerships.exclude(person=actor).select_related("person"):
            if owner.person_id in active:
                project_services.project_member_add(
                    project=project, person=owner.person, added_by=actor
                )
        idea.project = project
        idea.save(update_fields=["project"])
        change_record(
            actor=actor,
            action="idea_to_project",
            summary=f"{actor.name} turned the idea “{idea.title}” into a project",
            subject=idea,
            collective=idea.collective,
            project=project,
        )
    return project
