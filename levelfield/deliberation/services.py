"""Everything that changes a conversation: starting it, joining, adding and moderating
statements, reacting, running the analysis, picking principles and opening a decision.

Each function runs in one transaction and checks again that the acting person may act.
Reactions are an upsert on the one-reaction-per-statement constraint, so two at once
from one participant (a double click, two tabs) leave exactly one current reaction;
every reaction is also appended to the log. Nothing here runs because a page was
opened: the analysis runs in the background task (tasks.py) or the
`analyse_conversations` command.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.decisions.adoptions import adoption_start
from levelfield.decisions.models import Decision
from levelfield.deliberation import analysis
from levelfield.deliberation.models import (
    STATEMENT_MAX_LENGTH,
    Analysis,
    Conversation,
    Draft,
    Moderation,
    Participant,
    Reaction,
    ReactionLog,
    Statement,
    StatementStatus,
    Vote,
    WhoMayTakePart,
)
from levelfield.history.services import change_record
from levelfield.people.models import Perspective, User, shares_perspectives
from levelfield.places.models import Place

# The analysis runs this long after the first reaction since the last one, so a burst
# of reactions costs one analysis.
ANALYSIS_DELAY = timedelta(seconds=10)
STATEMENT_MIN_LENGTH = 3
# The next statement is drawn from this many of the highest priority.
NEXT_FROM_TOP = 5


class DeliberationError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


def _record(
    conversation: Conversation,
    *,
    actor: User | None,
    action: str,
    summary: str,
    after: dict | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=conversation,
        after=after,
        **conversation.place.history_scope(),
    )


def is_member(person: User | None, conversation: Conversation) -> bool:
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    return roles.may(person, roles.Action.TAKE_PART_IN_CONVERSATION, conversation.place.owner)


# Starting


def conversation_start(
    *,
    started_by: User,
    title: str,
    prompt: str,
    place: Place,
    who_may_take_part: str = WhoMayTakePart.MEMBERS,
    moderation: str = Moderation.AT_ONCE,
    seeds: Sequence[str] = (),
    now: datetime | None = None,
) -> Conversation:
    """Start a conversation in a place (a collective, a group or a project) with its
    seed statements."""
    now = now or timezone.now()
    if who_may_take_part not in WhoMayTakePart.values or moderation not in Moderation.values:
        raise DeliberationError(_("Choose who may take part and how new statements appear."))
    if not title.strip() or not prompt.strip():
        raise DeliberationError(_("Give the conversation a title and a prompt."), code="title")
    conversation = Conversation(
        place=place,
        title=title.strip(),
        prompt=prompt.strip(),
        who_may_take_part=who_may_take_part,
        moderation=moderation,
        created_by=started_by,
    )
    with transaction.atomic():
        roles.require(started_by, roles.Action.START_CONVERSATION, place.owner)
        conversation.save()
        seen: set[str] = set()
        for number, seed in enumerate(seeds, start=1):
            text = statement_check(seed)
            if text_key(text) in seen:
                raise DeliberationError(
                    _("Seed statement %(number)s repeats an earlier one.") % {"number": number}
                )
            seen.add(text_key(text))
            Statement.objects.create(
                conversation=conversation,
                number=number,
                text=text,
                text_key=text_key(text),
                is_seed=True,
                created_at=now,
            )
        _record(
            conversation,
            actor=started_by,
            action="conversation_started",
            summary=f"{started_by.name} started the conversation “{conversation.title}”",
            after={"prompt": conversation.prompt, "seed statements": len(seen)},
        )
    return conversation


# Taking part


def participant_for_member(*, conversation: Conversation, person: User) -> Participant:
    """The member's participant row, created on their first action (never on a GET)."""
    if not is_member(person, conversation):
        raise PermissionDenied("Only members take part in this conversation.")
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(
                conversation=conversation, person=person, defaults={"name": person.name}
            )
    except IntegrityError:  # created by a simultaneous request
        participant = Participant.objects.get(conversation=conversation, person=person)
    return participant


def participant_join_by_link(*, conversation: Conversation, name: str) -> Participant:
    """A visitor with the link joins with a name (the light sign-in)."""
    if not conversation.open_to_link or not conversation.is_open:
        raise PermissionDenied("This conversation is not open to visitors.")
    name = " ".join(name.split())
    if not name:
        raise DeliberationError(_("Enter a name to take part."), code="name")
    if len(name) > 80:
        raise DeliberationError(_("Keep your name to 80 characters or fewer."), code="name")
    return Participant.objects.create(conversation=conversation, name=name)


# Statements


def text_key(text: str) -> str:
    """What makes two statements the same: their words, ignoring capitals and spacing."""
    return " ".join(text.split()).lower().rstrip(".!")


def statement_check(text: str) -> str:
    """The statement tidied of extra spaces, or a clear reason it cannot be added."""
    text = " ".join(text.split())
    if not text:
        raise DeliberationError(_("Enter a statement."), code="empty")
    if len(text) < STATEMENT_MIN_LENGTH:
        raise DeliberationError(_("Write a statement of at least a few words."), code="short")
    if len(text) > STATEMENT_MAX_LENGTH:
        raise DeliberationError(
            _(
                "Keep the statement to %(most)s characters or fewer (it has %(count)s). "
                "Make one point in each statement."
            )
            % {"most": STATEMENT_MAX_LENGTH, "count": len(text)},
            code="long",
        )
    return text


def statement_add(
    *, conversation: Conversation, participant: Participant, text: str, now: datetime | None = None
) -> Statement:
    """Add a participant's statement: shown at once, or waiting for a member to accept
    it when the conversation is moderated first."""
    now = now or timezone.now()
    text = statement_check(text)
    if participant.conversation_id != conversation.pk:
        raise PermissionDenied("Not a participant here.")
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not locked.is_open:
            raise DeliberationError(_("This conversation has closed."), code="closed")
        if Statement.objects.filter(conversation=locked, text_key=text_key(text)).exists():
            raise DeliberationError(
                _("Someone has already made that statement. React to it instead."),
                code="duplicate",
            )
        number = (locked.statements.aggregate(top=Max("number"))["top"] or 0) + 1
        status = (
            StatementStatus.WAITING
            if locked.moderation == Moderation.FIRST
            else StatementStatus.SHOWN
        )
        return Statement.objects.create(
            conversation=locked,
            number=number,
            text=text,
            text_key=text_key(text),
            author=participant,
            status=status,
            created_at=now,
        )


def statement_moderate(*, statement: Statement, actor: User, accept: bool) -> Statement:
    """A member accepts a waiting statement, or moderates a statement out."""
    conversation = statement.conversation
    with transaction.atomic():
        roles.require(actor, roles.Action.MODERATE_STATEMENTS, conversation.place.owner)
        before = statement.status
        statement.status = StatementStatus.SHOWN if accept else StatementStatus.REJECTED
        statement.save(update_fields=["status"])
        _record(
            conversation,
            actor=actor,
            action="statement_accepted" if accept else "statement_moderated_out",
            summary=f"{actor.name} {'accepted' if accept else 'moderated out'} statement "
            f"{statement.number}: “{statement.text[:120]}”",
            after={"statement": statement.number, "before": before, "now": statement.status},
        )
    return statement


# Reacting


def reaction_record(
    *, participant: Participant, statement: Statement, vote: int, now: datetime | None = None
) -> Reaction:
    """Record a reaction: it replaces the participant's earlier one (an atomic upsert on
    the unique constraint) and goes into the log; the analysis is asked for, debounced."""
    now = now or timezone.now()
    if vote not in Vote.values:
        raise DeliberationError(_("Choose agree, disagree or pass."), code="vote")
    if statement.conversation_id != participant.conversation_id:
        raise PermissionDenied("That statement is in another conversation.")
    if statement.status != StatementStatus.SHOWN:
        raise DeliberationError(
            _(
                "That statement has been moderated out or is waiting to be accepted, so it "
                "cannot take reactions."
            ),
            code="moderated",
        )
    with transaction.atomic():
        (reaction,) = Reaction.objects.bulk_create(
            [Reaction(participant=participant, statement=statement, vote=vote, reacted_at=now)],
            update_conflicts=True,
            unique_fields=["participant", "statement"],
            update_fields=["vote", "reacted_at"],
        )
        ReactionLog.objects.create(
            participant=participant, statement=statement, vote=vote, reacted_at=now
        )
        analysis_request(conversation_id=participant.conversation_id, now=now)
    return reaction


def analysis_request(*, conversation_id: int, now: datetime) -> None:
    """Ask for an analysis in ANALYSIS_DELAY, unless one is already waiting (debounce:
    only the first reaction since the last analysis writes to the conversation row)."""
    due = now + ANALYSIS_DELAY
    asked = Conversation.objects.filter(pk=conversation_id, analysis_due_at__isnull=True).update(
        analysis_due_at=due
    )
    if asked:
        transaction.on_commit(lambda: analysis_schedule(conversation_id, due))


def analysis_schedule(conversation_id: int, due: datetime) -> None:
    """Queue the background analysis. Backends that cannot run tasks later (the immediate
    one used in tests) rely on `manage.py analyse_conversations` instead, so the analysis
    never runs inside a request."""
    from levelfield.deliberation import tasks

    backend = tasks.conversation_analyse_task.get_backend()
    if backend.supports_defer:
        tasks.conversation_analyse_task.using(run_after=due).enqueue(conversation_id)


def statement_next(
    *, conversation: Conversation, participant: Participant | None, done: int | None = None
) -> Statement | None:
    """The next statement to show: one of the NEXT_FROM_TOP shown statements with the
    highest priority that the participant has not reacted to, drawn at random with
    chances in proportion to priority (seeded by the participant and how many they have
    reacted to, so a page reload shows the same one). Priority comes from the last
    analysis: statements few people have reacted to, and those that separate opinion,
    come first (see analysis._figures). `done` is how many they have reacted to when the
    caller has read their reactions already (else counted here)."""
    candidates = Statement.objects.filter(conversation=conversation, status=StatementStatus.SHOWN)
    if participant is None:
        done = 0
    else:
        reacted = Reaction.objects.filter(participant=participant, statement=OuterRef("pk"))
        candidates = candidates.exclude(Exists(reacted))
        if done is None:
            done = participant.reactions.count()
    top = list(candidates.order_by("-priority", "number")[:NEXT_FROM_TOP])
    if not top:
        return None
    # Which statement to show next, repeatable per person: not a secret.
    chooser = random.Random(f"{participant.pk if participant else 0}:{done}")  # noqa: S311
    return chooser.choices(top, weights=[max(s.priority, 0.01) for s in top])[0]


# The analysis


def analysis_run(
    *, conversation: Conversation, seed: int = 0, now: datetime | None = None
) -> Analysis:
    """Analyse the conversation's current reactions to statements not moderated out and
    keep the result; write each statement's new priority. Run by the background task."""
    now = now or timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(analysis_due_at=None)
    # Every statement not moderated out counts, as in Pol.is: a statement imported as
    # waiting (moderated 0 in Pol.is, shown there unless moderation was strict) keeps
    # the reactions it had. Only imports give waiting statements reactions.
    reactions = (
        Reaction.objects.filter(statement__conversation=conversation)
        .exclude(statement__status=StatementStatus.REJECTED)
        .values_list("participant_id", "statement_id", "vote")
    )
    # One (participant, statement, vote) row per reaction, straight into numpy columns.
    rows = np.array(list(reactions), dtype=np.int64).reshape(-1, 3)
    shown = list(
        conversation.statements.filter(status=StatementStatus.SHOWN).values_list("pk", flat=True)
    )
    # Who has enough reactions to be grouped counts every reaction, also to statements
    # moderated out since, as Pol.is does (see analysis.py step 3).
    vote_counts = dict(
        Reaction.objects.filter(statement__conversation=conversation)
        .values("participant_id")
        .annotate(n=Count("pk"))
        .values_list("participant_id", "n")
    )
    zeroed = (
        conversation.statements.filter(status=StatementStatus.REJECTED)
        .filter(Exists(Reaction.objects.filter(statement=OuterRef("pk"))))
        .count()
    )
    started = time.perf_counter()
    result = analysis.analyse(
        participant_ids=rows[:, 0],
        statement_ids=rows[:, 1],
        votes=rows[:, 2],
        all_statement_ids=shown,
        perspectives=_shared_perspectives(conversation),
        seed=seed,
        vote_counts=vote_counts,
        zeroed=zeroed,
    )
    seconds = time.perf_counter() - started
    with transaction.atomic():
        saved, _created = Analysis.objects.update_or_create(
            conversation=conversation,
            defaults={"computed_at": now, "seconds": seconds, "result": result.as_json()},
        )
        priorities = {f.statement_id: f.priority for f in result.figures}
        changed = [Statement(pk=pk, priority=p) for pk, p in priorities.items()]
        Statement.objects.bulk_update(changed, ["priority"], batch_size=500)
    return saved


def _shared_perspectives(conversation: Conversation) -> dict[str, set[int]]:
    """Perspective -> participants holding it, only for people who share their
    perspectives with their teams (the people app's one rule)."""
    groups: dict[str, set[int]] = {}
    held = Perspective.objects.filter(
        shares_perspectives("person__"),
        person__conversation_participations__conversation=conversation,
    ).values_list("kind", "person__conversation_participations__pk")
    labels = dict(Perspective._meta.get_field("kind").choices)
    for kind, participant_id in held:
        groups.setdefault(str(labels.get(kind, kind)), set()).add(participant_id)
    return groups


def conversations_analyse_due(*, now: datetime | None = None) -> int:
    """Analyse every conversation whose analysis is due (the command's job)."""
    now = now or timezone.now()
    due = Conversation.objects.filter(analysis_due_at__lte=now)
    count = 0
    for conversation in due:
        analysis_run(conversation=conversation, now=now)
        count += 1
    return count


# Adopting principles


def draft_set(*, conversation: Conversation, actor: User, statement_ids: Sequence[int]) -> Draft:
    """Put the chosen shown statements into the conversation's draft principles."""
    with transaction.atomic():
        roles.require(actor, roles.Action.ADOPT_PRINCIPLES, conversation.place.owner)
        chosen = list(
            conversation.statements.filter(pk__in=statement_ids, status=StatementStatus.SHOWN)
        )
        if not chosen:
            raise DeliberationError(_("Choose at least one statement."), code="statements")
        draft, _created = Draft.objects.get_or_create(conversation=conversation)
        if draft.decision_id:
            raise DeliberationError(_("A decision on these principles has already started."))
        draft.statements.set(chosen)
        _record(
            conversation,
            actor=actor,
            action="principles_drafted",
            summary=f"{actor.name} drafted {len(chosen)} principles from “{conversation.title}”",
            after={"statements": sorted(s.number for s in chosen)},
        )
    return draft


def draft_decide(
    *,
    conversation: Conversation,
    actor: User,
    method: str,
    closes_at: datetime,
    now: datetime | None = None,
) -> Decision:
    """Open a decision (with the decisions app's own service) on the draft principles."""
    with transaction.atomic():
        roles.require(actor, roles.Action.ADOPT_PRINCIPLES, conversation.place.owner)
        draft = Draft.objects.select_for_update().filter(conversation=conversation).first()
        if draft is None or not draft.statements.exists():
            raise DeliberationError(_("Pick some statements into the draft first."))
        if draft.decision_id:
            raise DeliberationError(_("A decision on these principles has already started."))
        principles = [s.text for s in draft.statements.order_by("number")]
        # The decision keeps the site's own language, whoever opened it.
        with translation.override(settings.LANGUAGE_CODE):
            background = (
                _("Principles drawn from the conversation “%(title)s” (%(prompt)s):")
                % {"title": conversation.title, "prompt": conversation.prompt}
                + "\n\n"
                + "\n".join(f"{n}. {text}" for n, text in enumerate(principles, start=1))
            )
            title = _("Adopt the principles from “%(title)s”") % {"title": conversation.title}
        decision = adoption_start(
            kind="principles",
            subject=draft,
            created_by=actor,
            method=method,
            title=title[:200],
            background=background,
            closes_at=closes_at,
            place=conversation.place,
            now=now,
        )
        draft.decision = decision
        draft.save(update_fields=["decision", "updated_at"])
    return decision


def principles_adopted(*, subject: Draft, decision: Decision, now: datetime) -> None:
    """The decision on the draft principles closed in favour: they are adopted
    (ADOPTIONS calls this inside the decision's closing transaction)."""
    subject.adopted_at = now
    subject.save(update_fields=["adopted_at", "updated_at"])
    _record(
        subject.conversation,
        actor=None,
        action="principles_adopted",
        summary=f"The principles from “{subject.conversation.title}” were adopted by decision",
        after={"decision": decision.pk},
    )


def principles_not_adopted(*, subject: Draft, decision: Decision, now: datetime) -> None:
    """The decision closed against: the draft can change and be decided on again."""
    subject.decision = None
    subject.save(update_fields=["decision", "updated_at"])
    _record(
        subject.conversation,
        actor=None,
        action="principles_not_adopted",
        summary=f"The decision did not adopt the principles from “{subject.conversation.title}”",
        after={"decision": decision.pk},
    )
