"""Changing a project's analysis: the team, sources and their de-identification, the
codebook, themes and coding. Each change in one transaction; changes to the team and
the codebook in the project's history (who, when, before and after). Every service
re-checks that the actor is on the team (`access.on_team`); views have already 404'd
everyone else."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.analysis import deidentify
from levelfield.analysis.access import is_coordinator, on_team
from levelfield.analysis.models import (
    Code,
    Segment,
    Settings,
    Source,
    TeamMember,
    Theme,
    WordListEntry,
)
from levelfield.history.services import change_record
from levelfield.learning.models import Enrolment
from levelfield.people.models import User
from levelfield.places.access import place_member_ids
from levelfield.places.models import Place


class AnalysisError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


def _record(
    *, actor: User, place: Place, subject: Any, action: str, summary: str, **values: Any
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=subject,
        **place.history_scope(),
        before=values.get("before"),
        after=values.get("after"),
    )


def _require_team(actor: User, place: Place) -> None:
    if not on_team(actor, place):
        raise PermissionDenied("Only the analysis team may do this.")


def settings_for(place: Place) -> Settings:
    """The team's settings (unsaved defaults when it has not chosen yet)."""
    found = Settings.objects.filter(place=place).select_related("training_course").first()
    return found or Settings(place=place)


def _training(place: Place, person: User) -> Enrolment | None:
    """The finished course the project asks for, or None when it asks for none."""
    course_id = Settings.objects.filter(place=place).values_list("training_course", flat=True)
    course_id = course_id.first()
    if course_id is None:
        return None
    enrolment = Enrolment.objects.filter(
        course_id=course_id, person=person, completed_at__isnull=False
    ).first()
    if enrolment is None:
        raise AnalysisError(
            _("%(person)s has not finished the course the project asks for yet.")
            % {"person": person.name},
            code="person",
        )
    return enrolment


@transaction.atomic
def team_join(*, place: Place, person: User, added_by: User | None = None) -> TeamMember:
    """A project member joins the team (opting in), or a coordinator adds one."""
    if not place_member_ids(place).filter(person_id=person.pk).exists():
        raise AnalysisError(_("Choose someone who is a member of the project."), code="person")
    if added_by is not None and added_by != person and not is_coordinator(added_by, place):
        raise PermissionDenied("Only a coordinator may add someone to the analysis team.")
    if TeamMember.objects.filter(place=place, person=person).exists():
        raise AnalysisError(
            _("%(person)s is already on the analysis team.") % {"person": person.name},
            code="person",
        )
    training = _training(place, person)
    try:
        # Its own savepoint: someone joining at the same moment wins the unique row, and
        # this one is told, not shown a server error.
        with transaction.atomic():
            member = TeamMember.objects.create(
                place=place,
                person=person,
                training=training,
                added_by=added_by or person,
                joined_at=timezone.now(),
            )
    except IntegrityError:
        raise AnalysisError(
            _("%(person)s is already on the analysis team.") % {"person": person.name},
            code="person",
        ) from None
    _record(
        actor=added_by or person,
        place=place,
        subject=member,
        action="analysis_team_joined",
        summary=f"{person.name} joined the analysis team"
        + (f" (added by {added_by.name})" if added_by and added_by != person else ""),
    )
    return member


@transaction.atomic
def team_leave(*, place: Place, person: User) -> None:
    """Leave the team. The coding they did stays, so agreement and themes hold."""
    TeamMember.objects.filter(place=place, person=person).delete()
    _record(
        actor=person,
        place=place,
        subject=None,
        action="analysis_team_left",
        summary=f"{person.name} left the analysis team",
    )


@transaction.atomic
def keeper_set(*, actor: User, member: TeamMember, keeps: bool) -> None:
    """The project names who may keep original transcripts (a coordinator's job)."""
    if not is_coordinator(actor, member.place):
        raise PermissionDenied("Only a coordinator may name who keeps originals.")
    if member.keeps_originals == keeps:
        return
    member.keeps_originals = keeps
    member.save(update_fields=["keeps_originals"])
    _record(
        actor=actor,
        place=member.place,
        subject=member,
        action="analysis_keeper_changed",
        summary=f"{actor.name} said {member.person.name} "
        + ("may" if keeps else "may no longer")
        + " keep original transcripts",
        before={"keeps_originals": not keeps},
        after={"keeps_originals": keeps},
    )


@transaction.atomic
def settings_update(
    *, actor: User, place: Place, share_coding: bool, training_course: Any
) -> Settings:
    _require_team(actor, place)
    found = settings_for(place)
    before = {
        "share_coding": found.share_coding,
        "training_course": str(found.training_course or ""),
    }
    found.share_coding = share_coding
    found.training_course = training_course
    found.save()
    after = {"share_coding": share_coding, "training_course": str(training_course or "")}
    if before != after:
        _record(
            actor=actor,
            place=place,
            subject=found,
            action="analysis_settings_changed",
            summary=f"{actor.name} changed the analysis settings",
            before=before,
            after=after,
        )
    return found


@transaction.atomic
def word_add(*, actor: User, place: Place, word: str) -> WordListEntry:
    _require_team(actor, place)
    word = word.strip()
    if WordListEntry.objects.filter(place=place, word__iexact=word).exists():
        raise AnalysisError(
            _("“%(word)s” is already on the word list.") % {"word": word}, code="word"
        )
    return WordListEntry.objects.create(
        place=place, word=word, added_by=actor, added_at=timezone.now()
    )


@transaction.atomic
def word_remove(*, actor: User, entry: WordListEntry) -> None:
    _require_team(actor, entry.place)
    entry.delete()


def word_list(place: Place) -> list[str]:
    return list(WordListEntry.objects.filter(place=place).values_list("word", flat=True))


@dataclass(frozen=True)
class Consent:
    reference: str
    quotes_allowed: bool


KINDS = ("txt", "docx", "odt", "pdf")


def _keepers(place: Place) -> bool:
    return TeamMember.objects.filter(place=place, keeps_originals=True).exists()


@transaction.atomic
def source_upload(
    *,
    actor: User,
    place: Place,
    title: str,
    upload: UploadedFile,
    text: str,
    consent: Consent,
    delete_original_on: datetime.date | None = None,
) -> Source:
    """Add a transcript whose text was already extracted (`extract.text_from_upload`).
    Only the uploader sees it until they confirm its de-identification; the file is
    kept only when the project names people who may keep originals."""
    _require_team(actor, place)
    if Source.objects.filter(place=place, title=title).exists():
        raise AnalysisError(
            _("There is already a source called “%(title)s”.") % {"title": title}, code="title"
        )
    source = Source(
        place=place,
        title=title,
        original_text=text,
        consent_reference=consent.reference,
        quotes_allowed=consent.quotes_allowed,
        delete_original_on=delete_original_on,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    if _keepers(place):
        suffix = (upload.name or "").rsplit(".", 1)[-1].lower()
        # A new name: never the uploader's, which may hold anything (a name, say).
        source.stored_name = f"{uuid.uuid4().hex}.{suffix if suffix in KINDS else 'bin'}"
        source.original_name = (upload.name or "")[:200]
        source.content_type = getattr(upload, "content_type", "") or ""
        source.file.save(source.stored_name, upload, save=False)
    source.save()
    return source


def source_proposals(source: Source) -> list[deidentify.Proposal]:
    """What the rules and the team's word list propose to replace in the original."""
    return deidentify.proposals(source.original_text, word_list=word_list(source.place))


def extra_proposals(text: str, found: Iterable[str], taken: Sequence[deidentify.Proposal]) -> list:
    """Proposals for the words the uploader added by hand ("[removed]" every time they
    appear), where they do not overlap one already chosen."""
    extra: list[deidentify.Proposal] = []
    spans = [(p.start, p.end) for p in taken]
    for word in found:
        word = word.strip()
        if not word:
            continue
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if not any(s < end and start < e for s, e in spans):
                extra.append(deidentify.Proposal(start, end, word, "[removed]", "added by hand"))
                spans.append((start, end))
            start = text.find(word, end)
    return extra


@transaction.atomic
def source_confirm(
    *, actor: User, source: Source, chosen: Sequence[deidentify.Proposal], extra: Iterable[str]
) -> Source:
    """Apply the chosen replacements and the words added by hand: the source opens to
    the team. The original goes unless the project names someone who may keep it."""
    locked = Source.objects.select_for_update().get(pk=source.pk)
    if locked.uploaded_by_id != actor.pk:
        raise PermissionDenied("Only the person who uploaded it confirms its de-identification.")
    if locked.confirmed_at is not None:
        raise AnalysisError(_("This source is already confirmed."), code="chosen")
    every = sorted(
        [*chosen, *extra_proposals(locked.original_text, extra, chosen)], key=lambda p: p.start
    )
    locked.text = deidentify.apply(locked.original_text, every)
    locked.confirmed_at = timezone.now()
    locked.confirmed_by = actor
    if not _keepers(locked.place):
        _forget_original(locked)
    locked.save()
    _record(
        actor=actor,
        place=locked.place,
        subject=locked,
        action="analysis_source_confirmed",
        summary=f"{actor.name} confirmed the de-identification of “{locked.title}” "
        f"({len(every)} replacements)",
    )
    return locked


def _forget_original(source: Source) -> None:
    if source.file:
        source.file.delete(save=False)
    source.file = ""
    source.original_text = ""
    source.original_deleted_at = timezone.now()


@transaction.atomic
def source_consent_update(
    *, actor: User, source: Source, consent: Consent, delete_original_on: datetime.date | None
) -> Source:
    _require_team(actor, source.place)
    before = {
        "consent_reference": source.consent_reference,
        "quotes_allowed": source.quotes_allowed,
    }
    source.consent_reference = consent.reference
    source.quotes_allowed = consent.quotes_allowed
    source.delete_original_on = delete_original_on
    source.save(update_fields=["consent_reference", "quotes_allowed", "delete_original_on"])
    after = {
        "consent_reference": source.consent_reference,
        "quotes_allowed": source.quotes_allowed,
    }
    if before != after:
        _record(
            actor=actor,
            place=source.place,
            subject=source,
            action="analysis_consent_changed",
            summary=f"{actor.name} changed the consent record of “{source.title}”",
            before=before,
            after=after,
        )
    return source


@transaction.atomic
def source_delete(*, actor: User, source: Source) -> None:
    _require_team(actor, source.place)
    if source.file:
        source.file.delete(save=False)
    _record(
        actor=actor,
        place=source.place,
        subject=source,
        action="analysis_source_deleted",
        summary=f"{actor.name} deleted the source “{source.title}”",
    )
    source.delete()


def originals_delete_due(*, today: datetime.date) -> int:
    """Delete every original whose "delete on" date has come (idempotent: run daily)."""
    count = 0
    due = Source.objects.filter(delete_original_on__lte=today, original_deleted_at__isnull=True)
    for source_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            source = Source.objects.select_for_update().get(pk=source_id)
            if source.original_deleted_at is not None:
                continue
            _forget_original(source)
            source.save(update_fields=["file", "original_text", "original_deleted_at"])
            count += 1
    return count


CODE_FIELDS = ("name", "definition", "example", "theme")


def _code_state(code: Code) -> dict[str, Any]:
    return {
        "name": code.name,
        "definition": code.definition,
        "example": code.example,
        "theme": code.theme.name if code.theme_id else "",
    }


def _check_code(place: Place, name: str, theme: Theme | None, code: Code | None = None) -> None:
    same = Code.objects.filter(place=place, name__iexact=name)
    if code is not None:
        same = same.exclude(pk=code.pk)
    if same.exists():
        raise AnalysisError(
            _("There is already a code called “%(name)s”.") % {"name": name}, code="name"
        )
    if theme is not None and theme.place_id != place.pk:
        raise AnalysisError(_("Choose a theme of this project."), code="theme")


@transaction.atomic
def code_create(
    *,
    actor: User,
    place: Place,
    name: str,
    definition: str,
    example: str = "",
    theme: Theme | None = None,
) -> Code:
    _require_team(actor, place)
    _check_code(place, name, theme)
    code = Code.objects.create(
        place=place,
        name=name,
        definition=definition,
        example=example,
        theme=theme,
        created_by=actor,
        created_at=timezone.now(),
    )
    _record(
        actor=actor,
        place=place,
        subject=code,
        action="analysis_code_added",
        summary=f"{actor.name} added the code “{name}”",
        after=_code_state(code),
    )
    return code


@transaction.atomic
def code_update(
    *, actor: User, code: Code, name: str, definition: str, example: str, theme: Theme | None
) -> Code:
    _require_team(actor, code.place)
    _check_code(code.place, name, theme, code)
    before = _code_state(code)
    code.name, code.definition, code.example, code.theme = name, definition, example, theme
    code.save()
    after = _code_state(code)
    if before != after:
        _record(
            actor=actor,
            place=code.place,
            subject=code,
            action="analysis_code_changed",
            summary=f"{actor.name} changed the code “{name}”",
            before=before,
            after=after,
        )
    return code


@transaction.atomic
def theme_create(
    *, actor: User, place: Place, name: str, description: str = "", codes: Iterable[Code] = ()
) -> Theme:
    _require_team(actor, place)
    if Theme.objects.filter(place=place, name__iexact=name).exists():
        raise AnalysisError(
            _("There is already a theme called “%(name)s”.") % {"name": name}, code="name"
        )
    theme = Theme.objects.create(
        place=place,
        name=name,
        description=description,
        created_by=actor,
        created_at=timezone.now(),
    )
    Code.objects.filter(place=place, pk__in=[c.pk for c in codes]).update(theme=theme)
    _record(
        actor=actor,
        place=place,
        subject=theme,
        action="analysis_theme_added",
        summary=f"{actor.name} built the theme “{name}”",
        after={"codes": sorted(c.name for c in codes)},
    )
    return theme


@transaction.atomic
def theme_update(
    *, actor: User, theme: Theme, name: str, description: str, codes: Iterable[Code]
) -> Theme:
    _require_team(actor, theme.place)
    if Theme.objects.filter(place=theme.place, name__iexact=name).exclude(pk=theme.pk).exists():
        raise AnalysisError(
            _("There is already a theme called “%(name)s”.") % {"name": name}, code="name"
        )
    before = {"name": theme.name, "codes": sorted(theme.codes.values_list("name", flat=True))}
    theme.name, theme.description = name, description
    theme.save()
    chosen = [c.pk for c in codes]
    theme.codes.exclude(pk__in=chosen).update(theme=None)
    Code.objects.filter(place=theme.place, pk__in=chosen).update(theme=theme)
    after = {"name": theme.name, "codes": sorted(theme.codes.values_list("name", flat=True))}
    if before != after:
        _record(
            actor=actor,
            place=theme.place,
            subject=theme,
            action="analysis_theme_changed",
            summary=f"{actor.name} changed the theme “{name}”",
            before=before,
            after=after,
        )
    return theme


def runs(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as (first, last) runs: 1 2 3 7 8 -> (1, 3), (7, 8)."""
    found: list[tuple[int, int]] = []
    for index in sorted(set(indexes)):
        if found and found[-1][1] == index - 1:
            found[-1] = (found[-1][0], index)
        else:
            found.append((index, index))
    return found


@transaction.atomic
def segments_code(
    *,
    actor: User,
    source: Source,
    spans: Sequence[tuple[int, int]],
    codes: Sequence[Code],
    memo: str = "",
) -> list[Segment]:
    """Code passages of a source: one segment per span, each with the codes and memo."""
    _require_team(actor, source.place)
    if not source.is_confirmed:
        raise AnalysisError(_("Confirm the de-identification before coding."), code="units")
    if not spans:
        raise AnalysisError(_("Select at least one sentence or paragraph."), code="units")
    if not codes:
        raise AnalysisError(_("Select at least one code."), code="codes")
    if any(code.place_id != source.place_id for code in codes):
        raise AnalysisError(_("Choose codes from this project’s codebook."), code="codes")
    now = timezone.now()
    made = []
    for start, end in spans:
        if not 0 <= start < end <= len(source.text):
            raise AnalysisError(_("Select sentences of this source."), code="units")
        segment = Segment.objects.create(
            source=source, coder=actor, start=start, end=end, memo=memo, created_at=now
        )
        segment.codes.set(codes)
        made.append(segment)
    return made


@transaction.atomic
def segment_delete(*, actor: User, segment: Segment) -> None:
    if segment.coder_id != actor.pk:
        raise PermissionDenied("You can only take off your own coding.")
    segment.delete()
