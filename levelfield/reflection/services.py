"""Check-in rounds: opening, answering (sealed), closing (written out unlinked),
reminders, actions and a team's own questions.

Sealing uses Levelfield's one sealing mechanism (`levelfield.sealing.sealed`): the
same padding, key rotation and shuffling, under the round's own key ("checkin:<id>"),
destroyed when the answers are written out. Answers sealed before per-round keys were
sealed with the round's id in a decision ballot's slot; they still open. Every check-in
ballot carries `"kind": "checkin"`, which `_ballot_open` checks, so a check-in ballot is
never taken for a vote nor the other way round.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action as RoleAction
from levelfield.collectives.roles import may, memberships_of
from levelfield.history.services import change_record
from levelfield.lib.words import day, plural, when
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.places.services import EntryValues, involvement_entry_write
from levelfield.projects.models import ActivityKind, InvolvementEntry
from levelfield.reflection import groups
from levelfield.reflection.models import (
    Action,
    Answer,
    CheckInRound,
    Comment,
    Phase,
    Question,
    QuestionSet,
    QuestionSetVersion,
    Respondent,
    Submission,
)
from levelfield.reflection.wording import when_words
from levelfield.sealing import sealed as sealing

logger = logging.getLogger(__name__)

BALLOT_KIND = "checkin"
REMINDER_BEFORE = timedelta(days=2)
# Time and space: a round stays open long enough for people who need time.
MINIMUM_OPEN = timedelta(days=1)
COMMENT_MAX = 1000
# Every check-in ballot seals to this many bytes (plus nonce and tag); see `_padded`.
SEALED_SIZE = 4 * sealing.BUCKET


class CheckInError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


@dataclass(frozen=True)
class MyAnswers:
    scores: dict[int, int]
    comments: dict[int, str] = field(default_factory=dict)


# Opening


def round_open(
    *,
    person: User,
    place: Place,
    version: QuestionSetVersion,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    now: datetime | None = None,
) -> CheckInRound:
    now = now or timezone.now()
    title = title.strip()
    if not title:
        raise CheckInError(_("Give the round a name."), code="title")
    if closes_at <= now:
        raise CheckInError(_("The closing date must be in the future."), code="closes_at")
    if closes_at - opens_at < MINIMUM_OPEN:
        raise CheckInError(
            _("Leave at least a day between opening and closing, so everyone has time to answer."),
            code="closes_at",
        )
    with transaction.atomic():
        if not may(person, RoleAction.OPEN_CHECKIN, place.owner):
            raise CheckInError(_("Only members can open a check-in round here."))
        usable = QuestionSet.objects.usable_in(place.collective_id)
        if not usable.filter(pk=version.question_set_id):
            raise CheckInError(_("Choose one of the question sets listed."), code="version")
        checkin = CheckInRound.objects.create(
            place=place,
            version=version,
            title=title[:200],
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=person,
        )
        _record(
            checkin,
            person,
            "checkin_opened",
            f"{person.name} opened the check-in “{checkin.title}”, closing {when(closes_at)}",
        )
        transaction.on_commit(lambda: round_tasks_schedule(checkin))
    return checkin


def round_tasks_schedule(checkin: CheckInRound) -> None:
    """Ask the background worker to close the round on time and remind people two days
    before. Backends that cannot run tasks later (the immediate one used in tests) rely
    on `manage.py checkin_rounds` instead."""
    from levelfield.reflection import tasks

    if not tasks.round_close_task.get_backend().supports_defer:
        return
    tasks.round_close_task.using(run_after=checkin.closes_at).enqueue(checkin.pk)
    remind_at = max(checkin.closes_at - REMINDER_BEFORE, checkin.opens_at)
    tasks.round_remind_task.using(run_after=remind_at).enqueue(checkin.pk)


# Answering


def answers_submit(
    *,
    checkin: CheckInRound,
    person: User,
    scores: dict[int, int],
    comments: dict[int, str] | None = None,
    now: datetime | None = None,
) -> bool:
    """Give or change one's answers, sealed until the round closes; True when they
    changed answers given before (the page says which).

    The round's row is locked, as closing locks it, so an answer either arrives before
    the answers are written out or is refused with the reason."""
    now = now or timezone.now()
    comments = {pk: text.strip() for pk, text in (comments or {}).items() if text.strip()}
    with transaction.atomic():
        # Only the round's row is locked; its place comes in the same query (for the
        # membership check).
        checkin = (
            CheckInRound.objects.select_for_update(of=("self",)).with_place().get(pk=checkin.pk)
        )
        if not member_may_answer(checkin, person):
            raise CheckInError(_("Only members can answer this check-in."))
        refusal = answering_refusal(checkin, now)
        if refusal:
            raise CheckInError(refusal)
        question_ids = set(
            Question.objects.filter(version_id=checkin.version_id).values_list("pk", flat=True)
        )
        _answers_check(question_ids, scores, comments)
        payload = {
            "kind": BALLOT_KIND,
            "scores": {str(pk): int(score) for pk, score in scores.items()},
            "comments": {str(pk): text for pk, text in comments.items()},
        }
        sealed = answers_seal(round_id=checkin.pk, person_id=person.pk, payload=payload)
        # The round's lock already keeps one person's answers from racing, so one UPDATE
        # (an INSERT the first time) does what `update_or_create`'s savepoint, row lock
        # and re-read did in four statements.
        changed = bool(
            Respondent.objects.filter(round=checkin, person=person).update(sealed_answers=sealed)
        )
        if not changed:
            Respondent.objects.create(round=checkin, person=person, sealed_answers=sealed)
    return changed


def _answers_check(
    question_ids: set[int], scores: dict[int, int], comments: dict[int, str]
) -> None:
    if set(scores) != question_ids or set(comments) - question_ids:
        raise CheckInError(_("Answer every question, from 1 to 5."), code="scores")
    for score in scores.values():
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise CheckInError(_("Each answer must be a number from 1 to 5."), code="scores")
    for text in comments.values():
        if len(text) > COMMENT_MAX:
            raise CheckInError(
                _("Keep each comment under %(limit)s characters.") % {"limit": f"{COMMENT_MAX:,}"},
                code="comments",
            )


def _padded(payload: dict) -> dict:
    """The payload padded so that every check-in ballot seals to the same size.

    The sealed ballot already pads to a power of two, but one long comment would still
    put its author's ballot in a bigger bucket, and a database reader who saw that while
    the round was open could match it to the long comment shown after closing. So every
    check-in ballot is filled to exactly `SEALED_SIZE`, and answers whose comments do not
    fit are refused with a message instead.
    """
    used = len(json.dumps({"payload": {**payload, "pad": ""}, "reason": ""}).encode())
    room = SEALED_SIZE - sealing.LENGTH_BYTES - used
    if room < 0:
        raise CheckInError(
            _(
                "Your comments are too long to keep anonymous together. Shorten them (about "
                "3,000 letters in all at most) and send again."
            ),
            code="comments",
        )
    # Past half the bucket, so sealing keeps it in the SEALED_SIZE bucket.
    return {**payload, "pad": "0" * room}


def answering_refusal(checkin: CheckInRound, now: datetime) -> str | None:
    """Why nobody can answer now, in words, or None."""
    phase = checkin.phase(now)
    if phase == Phase.SCHEDULED:
        return _("This check-in opens on %(when)s.") % {"when": when_words(checkin.opens_at)}
    if phase in (Phase.CLOSING, Phase.CLOSED):
        return _(
            "This check-in closed on %(when)s, so answers can no longer be given or changed."
        ) % {"when": when_words(checkin.closes_at)}
    return None


def answers_of(*, checkin: CheckInRound, person: User) -> MyAnswers | None:
    """A person's own sealed answers, opened for them alone while the round is open."""
    sealed = (
        Respondent.objects.filter(round=checkin, person=person, sealed_answers__isnull=False)
        .values_list("sealed_answers", flat=True)
        .first()
    )
    if sealed is None:
        return None
    payload = _ballot_open(checkin.pk, person.pk, sealed)
    if payload is None:
        return None
    return MyAnswers(
        scores={int(pk): score for pk, score in payload["scores"].items()},
        comments={int(pk): text for pk, text in payload["comments"].items()},
    )


def answers_seal(
    *, round_id: int, person_id: int, payload: dict, keys: sealing.Keys | None = None
) -> bytes:
    """A person's answers sealed, padded to the one size, under the round's own key
    (`keys`, when sealing many at once, from `round_keys`)."""
    keys = keys or round_keys(round_id)
    return keys.seal(person_id, {"payload": _padded(payload), "reason": ""})


def round_keys(round_id: int) -> sealing.Keys:
    """The keys that seal an open round's answers (made with its first answer)."""
    return _keys(round_id, create=True)


def _keys(round_id: int, *, create: bool = False) -> sealing.Keys:
    return sealing.keys_for(
        f"checkin:{round_id}", create=create, legacy_scope=f"decision:{round_id}"
    )


def _ballot_open(
    round_id: int, person_id: int, sealed: bytes, keys: sealing.Keys | None = None
) -> dict | None:
    try:
        payload = (keys or _keys(round_id)).open(person_id, sealed)["payload"]
    except sealing.Unreadable:
        logger.error("Sealed check-in answers for round %s could not be opened.", round_id)
        return None
    if payload.get("kind") != BALLOT_KIND:
        logger.error("A sealed ballot on round %s is not a check-in ballot.", round_id)
        return None
    return payload


def member_may_answer(checkin: CheckInRound, person: User | None) -> bool:
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    return member_ids(checkin, only=[person.pk]) == {person.pk}


def member_ids(checkin: CheckInRound, *, only: list[int] | None = None) -> set[int]:
    """Who is asked: the members of the round's place (a group's own members, for a
    group's round)."""
    rows = memberships_of(checkin.place.owner)
    if only is not None:
        rows = rows.filter(person_id__in=only)
    return set(rows.values_list("person_id", flat=True))


# Closing


def round_close(*, checkin: CheckInRound, now: datetime | None = None) -> bool:
    """Write out a round's answers unlinked, at or after its closing time. Safe to call
    twice: the second call does nothing. Returns whether this call closed it.

    The sealed answers are opened, each respondent's perspective group worked out (kept
    only if every group has enough people), the submissions shuffled and inserted in
    one `bulk_create` with random ids, the comments shuffled and inserted apart from
    them, and the sealed answers wiped and the round's key destroyed: all in one
    transaction under the round's lock, so from then on not even the secret key links
    an answer to a person.
    """
    now = now or timezone.now()
    with transaction.atomic():
        checkin = CheckInRound.objects.select_for_update().get(pk=checkin.pk)
        if checkin.closed_at is not None or now < checkin.closes_at:
            return False
        sealed = Respondent.objects.filter(round=checkin, sealed_answers__isnull=False)
        opened: list[tuple[int, dict]] = []
        keys = _keys(checkin.pk)
        for person_id, ballot in sealed.values_list("person_id", "sealed_answers"):
            payload = _ballot_open(checkin.pk, person_id, ballot, keys)
            if payload is not None:
                opened.append((person_id, payload))
        group_by_person = groups.groups_of(person_id for person_id, _ in opened)
        sizes = [list(group_by_person.values()).count(g) for g in groups.SPLIT_GROUPS]
        split = groups.may_split(sizes)
        _write_out(checkin, [(group_by_person[p] if split else "", a) for p, a in opened])
        sealed.update(sealed_answers=None)
        sealing.keys_destroy(f"checkin:{checkin.pk}")
        checkin.closed_at = now
        checkin.respondent_count = len(opened)
        checkin.split_by_perspective = split
        checkin.save(update_fields=["closed_at", "respondent_count", "split_by_perspective"])
        _record(
            checkin,
            None,
            "checkin_closed",
            f"The check-in “{checkin.title}” closed with {plural(len(opened), 'answer')}",
        )
    return True


def _write_out(checkin: CheckInRound, opened: list[tuple[str, dict]]) -> None:
    sealing.shuffle(opened)
    submissions: list[Submission] = []
    answers: list[Answer] = []
    comments: list[Comment] = []
    for group, payload in opened:
        submission = Submission(id=uuid.uuid4(), round=checkin, group=group)
        submissions.append(submission)
        answers.extend(
            Answer(id=uuid.uuid4(), submission=submission, question_id=int(pk), score=score)
            for pk, score in payload["scores"].items()
        )
        comments.extend(
            Comment(id=uuid.uuid4(), round=checkin, question_id=int(pk), text=text)
            for pk, text in payload["comments"].items()
        )
    sealing.shuffle(comments)
    Submission.objects.bulk_create(submissions)
    Answer.objects.bulk_create(answers)
    Comment.objects.bulk_create(comments)


def rounds_close_due(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    closed = sum(
        round_close(checkin=checkin, now=now)
        for checkin in CheckInRound.objects.due_to_close(now).order_by("closes_at")
    )
    sealing.keys_vacuum()  # again: see decisions_close_due
    return closed


# Reminders


def round_remind(*, checkin: CheckInRound, now: datetime | None = None) -> int:
    """Remind members who have not answered, once, in the last days of a round.
    Returns how many were reminded. The round is marked under its lock in the same
    transaction, so two workers never both remind."""
    now = now or timezone.now()
    with transaction.atomic():
        checkin = (
            CheckInRound.objects.select_for_update(of=("self",)).with_place().get(pk=checkin.pk)
        )
        if checkin.reminder_sent_at or checkin.phase(now) != Phase.OPEN:
            return 0
        if now < checkin.closes_at - REMINDER_BEFORE:
            return 0
        answered = set(
            Respondent.objects.filter(round=checkin).values_list("person_id", flat=True)
        )
        waiting = User.objects.filter(pk__in=member_ids(checkin) - answered, is_active=True)
        checkin.reminder_sent_at = now
        checkin.save(update_fields=["reminder_sent_at"])
        url = reverse("reflection:answer", args=[checkin.pk])
        reminded = 0
        for person in waiting.order_by("pk"):
            notification_send(
                kind="checkin_reminder",
                person=person,
                url=url,
                now=now,
                context={
                    "checkin": checkin,
                    "place": checkin.place,
                    "closes": when(checkin.closes_at),
                },
            )
            reminded += 1
        _record(
            checkin,
            None,
            "checkin_reminder_sent",
            f"Levelfield reminded {plural(reminded, 'person')} about “{checkin.title}”",
        )
    return reminded


def rounds_remind_due(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(
        round_remind(checkin=checkin, now=now)
        for checkin in CheckInRound.objects.needing_reminder(now, before=REMINDER_BEFORE)
    )


# Actions


def action_record(
    *,
    checkin: CheckInRound,
    person: User,
    text: str,
    theme: str = "",
    now: datetime | None = None,
) -> Action:
    """Record what the team will do about a result. In a project it also goes into the
    involvement log, with no one's time (deciding it took no time anyone can claim)."""
    now = now or timezone.now()
    text = text.strip()
    if not text:
        raise CheckInError(_("Write what you will do."), code="text")
    with transaction.atomic():
        checkin = CheckInRound.objects.with_place().get(pk=checkin.pk)
        if not may(person, RoleAction.RECORD_CHECKIN_ACTION, checkin.place.owner):
            raise CheckInError(_("Only members can record what the team will do."))
        if checkin.closed_at is None:
            raise CheckInError(_("Actions can be recorded once the round has closed."))
        action = Action.objects.create(
            round=checkin, theme=theme[:120], text=text, recorded_by=person, recorded_at=now
        )
        if checkin.place.project_id:
            action.involvement_entry = _involvement_write(checkin, action, person)
            action.save(update_fields=["involvement_entry"])
        _record(
            checkin,
            person,
            "checkin_action_recorded",
            f"{person.name} recorded what the team will do after “{checkin.title}”",
            after={"theme": action.theme, "action": text},
        )
    return action


def _involvement_write(checkin: CheckInRound, action: Action, person: User) -> InvolvementEntry:
    project = checkin.place.project
    return involvement_entry_write(
        place=checkin.place,
        actor=person,
        values=EntryValues(
            title=f"Check-in action: {action.text}"[:200],
            description=(
                f"Agreed after the check-in “{checkin.title}” (closed {day(checkin.closes_at)})"
                + (f", about {action.theme}." if action.theme else ".")
            ),
            happened_on=timezone.localdate(action.recorded_at),
            stage=project.stage,
            kind=ActivityKind.OTHER,
            what_changed=action.text,
        ),
    )


# A team's own questions


def question_add(
    *,
    question_set: QuestionSet,
    collective: Collective,
    person: User,
    theme: str,
    text: str,
    easy_read_text: str = "",
) -> QuestionSetVersion:
    """Add a question as a new version, so rounds already opened keep their questions.
    Adding to one of Levelfield's sets makes the collective's own copy of it first.
    `easy_read_text` is the question in easy read, for whoever asks for it."""
    theme, text, easy_read_text = theme.strip(), text.strip(), easy_read_text.strip()
    if not text:
        raise CheckInError(_("Write the question."), code="text")
    if not theme:
        raise CheckInError(_("Say which principle or theme the question is about."), code="theme")
    with transaction.atomic():
        if not may(person, RoleAction.ADD_CHECKIN_QUESTIONS, collective):
            raise CheckInError(_("Only members can add questions here."))
        if question_set.collective_id not in (None, collective.pk):
            raise CheckInError(_("Choose one of the question sets listed."))
        own = _own_set(question_set, collective)
        own = QuestionSet.objects.select_for_update().get(pk=own.pk)
        latest = _latest_version(own) or _latest_version(question_set)
        number = (own.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = QuestionSetVersion.objects.create(
            question_set=own, number=number, created_by=person
        )
        copied = list(Question.objects.filter(version=latest)) if latest else []
        Question.objects.bulk_create(
            [
                Question(
                    version=version,
                    position=q.position,
                    theme=q.theme,
                    text=q.text,
                    easy_read_text=q.easy_read_text,
                )
                for q in copied
            ]
            + [
                Question(
                    version=version,
                    position=max((q.position for q in copied), default=0) + 1,
                    theme=theme[:120],
                    text=text[:300],
                    easy_read_text=easy_read_text[:300],
                )
            ]
        )
        change_record(
            actor=person,
            action="checkin_question_added",
            summary=f"{person.name} added a question to “{own.title}” (version {number})",
            collective=collective,
            subject=version,
            after={"theme": theme, "question": text},
        )
    return version


def _own_set(question_set: QuestionSet, collective: Collective) -> QuestionSet:
    if question_set.collective_id == collective.pk:
        return question_set
    own, _created = QuestionSet.objects.get_or_create(
        collective=collective,
        key=question_set.key,
        defaults={
            "title": f"{question_set.title} (our version)",
            "description": question_set.description,
            "based_on": question_set,
        },
    )
    return own


def _latest_version(question_set: QuestionSet) -> QuestionSetVersion | None:
    return question_set.versions.order_by("-number").first()


def latest_versions(collective_id: int) -> list[QuestionSetVersion]:
    """The newest version of every set a place in the collective may use, in two queries."""
    sets = list(QuestionSet.objects.usable_in(collective_id))
    newest: dict[int, QuestionSetVersion] = {}
    for version in (
        QuestionSetVersion.objects.filter(question_set__in=sets)
        .select_related("question_set")
        .order_by("question_set_id", "-number")
    ):
        newest.setdefault(version.question_set_id, version)
    return [newest[s.pk] for s in sets if s.pk in newest]


def _record(
    checkin: CheckInRound,
    actor: User | None,
    action: str,
    summary: str,
    after: dict | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=checkin,
        subject_type="checkinround",
        after=after,
        **checkin.place.history_scope(),
    )
