"""Everything that changes a report: starting it, generating its figures (in the
background), editing a section, signing a version off by a decision, publishing it.

Each function runs in one transaction and checks again that the acting person may act.
Changes lock the report row first, so two people saving at once get consecutive
version numbers and the second is told the text changed under them. Every change goes
into the history.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.decisions.adoptions import ADOPTION_METHODS, adoption_start
from levelfield.decisions.models import Decision, Method
from levelfield.history.services import change_record
from levelfield.people.models import User
from levelfield.projects.models import Project
from levelfield.reports import figures as figure_module
from levelfield.reports import sections
from levelfield.reports.models import Kind, Report, ReportVersion

TEXT_MAX_LENGTH = 20_000


class ReportError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


def _record(
    report: Report,
    *,
    actor: User | None,
    action: str,
    summary: str,
    after: dict | None = None,
    before: dict | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=report,
        before=before,
        **report.place.history_scope(),
        after=after,
    )


def latest_version(report: Report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


# Starting and generating


def report_start(
    *,
    place: Project | Collective,
    actor: User,
    year: int | None = None,
    now: datetime | None = None,
) -> Report:
    """Start a project's GRIPP2 report or a collective's annual report for `year`, and ask
    for its figures. Starting one that exists already returns it."""
    now = now or timezone.now()
    roles.require(actor, roles.Action.WRITE_REPORT, place)
    with transaction.atomic():
        if isinstance(place, Project):
            found = Report.objects.filter(place__project=place, kind=Kind.GRIPP2).first()
            values: dict[str, Any] = {
                "place": place.place,
                "kind": Kind.GRIPP2,
                "title": f"Public involvement in “{place.title}” (GRIPP2 short form)"[:200],
            }
        else:
            if year is None or not 2000 <= year <= now.year:
                raise ReportError(_("Choose a year up to this one."), code="year")
            found = Report.objects.filter(
                place=place.own_place, kind=Kind.ANNUAL, year=year
            ).first()
            values = {
                "place": place.own_place,
                "kind": Kind.ANNUAL,
                "year": year,
                "title": f"{place.name}: our year {year}"[:200],
            }
        if found is not None:
            return found
        report = Report.objects.create(created_by=actor, **values)
        _record(
            report,
            actor=actor,
            action="report_started",
            summary=f"{actor.name} started “{report}”",
        )
        generation_request(report=report, actor=actor, now=now)
    return report


def generation_request(*, report: Report, actor: User, now: datetime | None = None) -> None:
    """Ask for the figures to be (re)computed. The work runs in the background task after
    the transaction commits, so no request waits for it; the page says it is preparing."""
    now = now or timezone.now()
    roles.require(actor, roles.Action.WRITE_REPORT, report.place)
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(generation_requested_at=now)
        report.generation_requested_at = now
        _record(
            report,
            actor=actor,
            action="report_generation_requested",
            summary=f"{actor.name} asked for the figures of “{report}” to be prepared",
        )
        transaction.on_commit(lambda: generation_schedule(report.pk))


def generation_schedule(report_id: int) -> None:
    from levelfield.reports import tasks

    tasks.report_generate_task.enqueue(report_id)


def scope_of(report: Report) -> figure_module.Scope:
    return figure_module.Scope(
        collective=report.collective, project=report.project, year=report.year
    )


def report_generate(*, report: Report, now: datetime | None = None) -> ReportVersion:
    """Compute the figures from the records and write them into a new version. Sections
    the team has not changed since the last generation get the new draft; sections they
    wrote are kept as they are. When the figures are the same as the latest version's,
    no version is made. Run by the background task; running it twice is harmless."""
    now = now or timezone.now()
    # A version is kept as written: in the site's language, whoever asked for it, with
    # every label turned to plain text (other apps' choice labels are translatable).
    with translation.override(settings.LANGUAGE_CODE):
        figures = figure_module.figures_for(scope_of(report))
        statements = sections.statements_for(report.kind, figures)
        figures["statements"] = statements
        figures = _as_stored(figures)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        previous = latest_version(report)
        if previous is not None and previous.figures == figures:
            # Nothing changed in the records: no new version, only the time it was checked.
            report.generated_at = now
            report.save(update_fields=["generated_at"])
            return previous
        texts: dict[str, str] = {}
        for section in sections.sections_of(report.kind):
            draft = sections.draft_text(statements.get(section.key, []))
            if previous is None:
                texts[section.key] = draft
                continue
            old_text = previous.sections.get(section.key, "")
            old_draft = sections.draft_text(
                previous.figures.get("statements", {}).get(section.key, [])
            )
            texts[section.key] = draft if old_text == old_draft else old_text
        version = ReportVersion.objects.create(
            report=report,
            number=(previous.number + 1) if previous else 1,
            figures=figures,
            sections=texts,
            note="Figures prepared from the records" if previous is None else "Figures updated",
            made_at=now,
        )
        report.generated_at = now
        report.save(update_fields=["generated_at"])
        _record(
            report,
            actor=None,
            action="report_generated",
            summary=f"Figures of “{report}” prepared from the records (version {version.number})",
            after={"version": version.number},
        )
    return version


# Editing a section


def text_check(text: str) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise ReportError(
            _("Keep the section under %(limit)s characters.") % {"limit": f"{TEXT_MAX_LENGTH:,}"},
            code="too_long",
        )
    return text


def section_edit(
    *,
    report: Report,
    actor: User,
    section: str,
    text: str,
    based_on: int,
    now: datetime | None = None,
) -> ReportVersion:
    """Save a section's new text as a new version. `based_on` is the version the person
    started from: if someone saved since, their text is refused (not lost: the page keeps
    it) so nobody overwrites another's change unseen."""
    now = now or timezone.now()
    found = sections.section_of(report.kind, section)
    if found is None:
        raise ReportError(_("There is no such section."), code="section")
    text = text_check(text)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        roles.require(actor, roles.Action.WRITE_REPORT, report.place)
        previous = latest_version(report)
        if previous is None:
            raise ReportError(_("The figures are still being prepared."), code="preparing")
        if previous.number != based_on:
            raise ReportError(
                _(
                    "Someone saved version %(number)s while you were writing. Your text "
                    "is below: compare it with theirs and save again."
                )
                % {"number": previous.number},
                code="outdated",
            )
        if previous.sections.get(section, "") == text:
            raise ReportError(_("You have not changed the text."), code="unchanged")
        # The note and the history keep the site's own language, whoever wrote.
        with translation.override(settings.LANGUAGE_CODE):
            heading = str(found.heading)
        version = ReportVersion.objects.create(
            report=report,
            number=previous.number + 1,
            figures=previous.figures,
            sections={**previous.sections, section: text},
            changed_section=section,
            note=f"Changed “{heading}”",
            made_by=actor,
            made_at=now,
        )
        _record(
            report,
            actor=actor,
            action="report_section_changed",
            summary=f"{actor.name} changed “{heading}” in “{report}” (version {version.number})",
            before={"version": previous.number, "text": previous.sections.get(section, "")},
            after={"version": version.number, "text": text},
        )
    return version


# Signing off by a decision (as documents are adopted)


def signoff_open(
    *,
    report: Report,
    actor: User,
    closes_at: datetime,
    method: str = Method.CONSENT,
    now: datetime | None = None,
) -> Decision:
    """Ask everyone to sign off the latest version, with the decisions app's own service."""
    if method not in ADOPTION_METHODS:
        raise ReportError(_("Choose consent or a proposal."), code="method")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        roles.require(actor, roles.Action.WRITE_REPORT, report.place)
        if report.signoff_decision_id and report.signoff_decision.closed_at is None:
            raise ReportError(_("A decision to sign off this report is already open."))
        version = latest_version(report)
        if version is None:
            raise ReportError(_("The figures are still being prepared."), code="preparing")
        link = reverse("reports:detail", args=[report.pk])
        decision = adoption_start(
            kind="report",
            subject=report,
            created_by=actor,
            method=method,
            title=f"Sign off version {version.number} of “{report.title}”"[:200],
            background=(
                f"Read the report, its figures and the records behind them: {link}\n\n"
                f"Signing off says version {version.number} is our account, ready to send "
                "and, if we choose, to publish."
            ),
            closes_at=closes_at,
            place=report.place,
            now=now,
        )
        report.signoff_decision, report.signoff_version = decision, version
        report.save(update_fields=["signoff_decision", "signoff_version"])
        _record(
            report,
            actor=actor,
            action="report_signoff_opened",
            summary=f"{actor.name} asked everyone to sign off version {version.number} of "
            f"“{report}”",
            after={"decision": decision.pk, "version": version.number},
        )
    return decision


def signoff_passed(*, subject: Report, decision: Decision, now: datetime) -> None:
    """The sign-off decision closed in favour: the version is signed off (ADOPTIONS
    calls this inside the decision's closing transaction)."""
    version = subject.signoff_version
    subject.signed_off_version, subject.signed_off_at = version, now
    _signoff_done(subject, decision, version, passed=True)


def signoff_not_passed(*, subject: Report, decision: Decision, now: datetime) -> None:
    """The sign-off decision closed against: writing goes on."""
    _signoff_done(subject, decision, subject.signoff_version, passed=False)


def _signoff_done(report: Report, decision: Decision, version: object, *, passed: bool) -> None:
    report.signoff_decision = report.signoff_version = None
    report.save(
        update_fields=[
            "signed_off_version",
            "signed_off_at",
            "signoff_decision",
            "signoff_version",
        ]
    )
    _record(
        report,
        actor=None,
        action="report_signed_off" if passed else "report_not_signed_off",
        summary=(
            f"Version {version.number} of “{report}” was signed off by decision"
            if passed
            else f"The decision did not sign off “{report}”; writing goes on"
        ),
        after={"decision": decision.pk, "version": version.number if version else None},
    )


# Publishing on the collective's public pages


def report_publish(*, report: Report, actor: User, now: datetime | None = None) -> None:
    """Put the signed-off version on the public pages: only a version the team signed off
    by decision, and only by the coordinator (a recorded duty, never a choice of text)."""
    now = now or timezone.now()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        roles.require(actor, roles.Action.PUBLISH_REPORT, report.place)
        if report.signed_off_version_id is None:
            raise ReportError(_("Only a signed-off version can be published. Sign it off first."))
        before = report.published_version.number if report.published_version_id else None
        report.published_version_id = report.signed_off_version_id
        report.published_at, report.published_by = now, actor
        report.save(update_fields=["published_version", "published_at", "published_by"])
        _record(
            report,
            actor=actor,
            action="report_published",
            summary=f"{actor.name} published version {report.signed_off_version.number} of "
            f"“{report}” on the public pages",
            before={"version": before},
            after={"version": report.signed_off_version.number},
        )


def report_unpublish(*, report: Report, actor: User) -> None:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        roles.require(actor, roles.Action.PUBLISH_REPORT, report.place)
        if report.published_version_id is None:
            raise ReportError(_("The report is not published."))
        before = report.published_version.number
        report.published_version = report.published_at = report.published_by = None
        report.save(update_fields=["published_version", "published_at", "published_by"])
        _record(
            report,
            actor=actor,
            action="report_unpublished",
            summary=f"{actor.name} took “{report}” off the public pages",
            before={"version": before},
        )


def _as_stored(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures as the database keeps them (translatable labels as plain text), so a
    fresh count compares equal to the version it repeats."""
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))
