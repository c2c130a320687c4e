"""Every kind of notification Levelfield sends, in one list.

A new email starts here: add a `Kind`, then its templates in
`notifications/email/<name>_subject.txt`, `<name>_body.txt` and, if it needs more than
the text laid out in the shared HTML layout, `<name>_body.html` (any app may provide
them under its own `templates/notifications/email/`). Without templates of its own a
kind uses `default_*`, which print `subject` and `message` from the context.

The preferences page offers every kind people may turn off, with its label and
description; nothing else needs to change.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every subject starts with this, so people can sort and filter Levelfield's email.
SUBJECT_PREFIX = "Levelfield: "


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Straight away")
    DAILY = "daily", _("In one email a day (a daily summary)")
    WEEKLY = "weekly", _("In one email a week (a weekly summary, on Mondays)")
    OFF = "off", _("Do not email me about this")


DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    description: str
    # Keywords only from here: a missing bracket between two kinds then fails loudly
    # instead of passing one kind's name as another's settings.
    _: KW_ONLY
    default: Frequency = Frequency.IMMEDIATELY
    # Security and account emails cannot be turned off or delayed into a summary.
    can_turn_off: bool = True
    # False for emails that carry secrets (password-reset links, verification codes):
    # their bodies are cleared once the email has gone and never shown on the site.
    keeps_body: bool = True
    # Summaries are emails about other notifications: not a choice of their own and
    # not listed again among a person's notifications.
    is_summary: bool = False

    @property
    def can_unsubscribe(self) -> bool:
        """Whether its emails carry a one-click unsubscribe link (all but security)."""
        return self.can_turn_off or self.is_summary


ACCOUNT = "account"
DAILY_SUMMARY = "daily_summary"
WEEKLY_SUMMARY = "weekly_summary"

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind(
            ACCOUNT,
            _("Your account and its security"),
            _(
                "Confirming your email address, resetting your password, a new address or "
                "two-step verification on your account. These always go straight away."
            ),
            can_turn_off=False,
            keeps_body=False,
        ),
        Kind(
            "invitation",
            _("Invitations"),
            _("Someone invites you to join a collective or a project."),
            # The email holds the invitation's link, whose token the database otherwise
            # keeps only as a hash; the notice on the site links without it.
            keeps_body=False,
        ),
        Kind(
            "decision_reminder",
            _("Reminders about decisions"),
            _("A decision you have not answered yet closes soon."),
        ),
        Kind(
            "checkin_reminder",
            _("Reminders about check-ins"),
            _("A reflective check-in you have not answered yet closes soon."),
        ),
        Kind(
            "join_request",
            _("Requests to join a project"),
            _(
                "Someone asks to join a project you are in, or your own request to join is "
                "answered."
            ),
        ),
        Kind(
            "collective_join_request",
            _("Requests to join a collective"),
            _(
                "Someone asks to join a collective you coordinate, or your own request to join "
                "a collective is answered."
            ),
        ),
        Kind(
            "coordinator",
            _("The coordinator job"),
            _("You are asked to take the coordinator job, or someone takes it or steps down."),
        ),
        Kind(
            "payment_claim",
            _("Payment claims"),
            _(
                "A question about your claim, or your claim is approved, not approved or paid; "
                "for approvers, the answer to a question they asked."
            ),
        ),
        Kind(
            "hours_changed",
            _("Changes to your hours"),
            _("Someone else changes the time recorded for you in an involvement log."),
        ),
        Kind(
            "resource_suggested",
            _("Resources suggested for the map"),
            _(
                "A member suggests a resource for your collective's resource map "
                "(for coordinators, who accept or decline it)."
            ),
        ),
        Kind(
            "resource_answered",
            _("Answers to your resource suggestions"),
            _("The coordinator accepts the resource you suggested, or declines it and says why."),
        ),
        # learning
        Kind(
            "learning_course_completed",
            _("Finishing a course"),
            _("You finish a course: your certificate is ready to download."),
        ),
        Kind(
            "learning_circle_themes",
            _("Themes from your learning circles"),
            _("A facilitator writes up the themes from your learning circle's reflections."),
        ),
        Kind(
            "learning_cohort_joined",
            _("Joining a course’s cohort"),
            _("You join a cohort of a course: the dates of its sessions, where you have a place."),
        ),
        Kind(
            "learning_assignment_due",
            _("Assignments due soon"),
            _(
                "An assignment on a course you take with a cohort is due in two days and you "
                "have not handed it in (once for each assignment)."
            ),
        ),
        Kind(
            "learning_feedback",
            _("Feedback on your assignments"),
            _("A facilitator gives you feedback on an assignment you handed in."),
        ),
        # reviews
        Kind(
            "review_request",
            _("Requests to your review group"),
            _(
                "A researcher asks your research partners group to review their plan, "
                "or withdraws a request you signed up for."
            ),
        ),
        Kind(
            "review_deadline",
            _("Reviews due soon"),
            _("A review you signed up for is due in a few days and you have not sent it."),
        ),
        Kind(
            "review_draft",
            _("Draft responses to agree"),
            _("The reviewer leading a response asks the other reviewers to read and agree it."),
        ),
        Kind(
            "review_response",
            _("Responses to your review requests"),
            _("A review group sends its response to a plan you asked it to review."),
        ),
        Kind(
            "review_reminder",
            _("Reminders to report back"),
            _("A review group asks what you changed because of its response."),
        ),
        Kind(
            "review_reported_back",
            _("Researchers reporting back"),
            _("A researcher tells your review group what they changed because of its response."),
        ),
        # documents
        Kind(
            "document_amendment_proposed",
            _("Changes proposed to documents you write"),
            _(
                "Someone proposes a change to a document while you hold its pen, for you to "
                "accept or decline."
            ),
        ),
        Kind(
            "document_amendment_answered",
            _("Answers to your amendments"),
            _(
                "The authors of a document accept or decline an amendment you proposed, and say "
                "why."
            ),
        ),
        # events
        Kind(
            "event_registration",
            _("Your places at events"),
            _("You take a place at an event or join its waiting list."),
        ),
        Kind(
            "event_place",
            _("A place comes free at an event"),
            _("Someone cancels and you move from the waiting list to a place."),
        ),
        Kind(
            "event_reminder",
            _("Reminders about events"),
            _("An event you have a place at is coming up (by default 2 days and 2 hours before)."),
        ),
        Kind(
            "event_update",
            _("Changes to events"),
            _("An event you have a place at, or are waiting for, moves or is cancelled."),
        ),
        Kind(
            "event_invitation",
            _("Invitations to events"),
            _("A time you helped choose in a time poll becomes an event."),
        ),
        Kind(
            "event_minutes_ready",
            _("Draft minutes to comment on"),
            _("The organiser of a meeting you came to asks for comments on its draft minutes."),
        ),
        Kind(
            DAILY_SUMMARY,
            _("Daily summary"),
            _("One email a day with the notifications you chose to get that way."),
            can_turn_off=False,
            is_summary=True,
        ),
        Kind(
            WEEKLY_SUMMARY,
            _("Weekly summary"),
            _("One email a week with the notifications you chose to get that way."),
            can_turn_off=False,
            is_summary=True,
        ),
        # priorities
        Kind(
            "priorities_stage",
            _("Priority-setting partnerships"),
            _(
                "A partnership you steer or asked to hear about moves on (the interim survey "
                "opens, the top 10 is published)."
            ),
        ),
        Kind(
            "priorities_steering",
            _("Joining a steering group"),
            _("Someone adds you to the steering group of a priority-setting partnership."),
        ),
        Kind(
            "priorities_idea",
            _("Comments on your research ideas"),
            _("Someone comments on a research idea you co-own."),
        ),
        # stories
        Kind(
            "stories_for_review",
            _("Stories waiting to be published"),
            _(
                "A member asks for a story to be published (if you publish your collective’s "
                "stories)."
            ),
        ),
        Kind(
            "stories_interest",
            _("People who want to get involved"),
            _("Someone fills in your collective’s get-involved form (if you answer them)."),
        ),
        Kind(
            "stories_interest_answer",
            _("Answers to your message"),
            _("A collective answers the message you sent through its get-involved form."),
        ),
        Kind(
            "document_comment_moderated",
            _("Your comments on documents"),
            _("A member hides or restores a comment you wrote on a document."),
        ),
        # threads
        Kind(
            "thread_mention",
            _("Mentions in threads"),
            _("Someone names you with @ in a thread in a place you are in."),
        ),
        Kind(
            "place_update",
            _("Updates from your places"),
            _(
                "Someone sends an update (what happened, what is next) to everyone in a "
                "collective, group or project you are in. The email holds the whole update."
            ),
        ),
        Kind(
            "stories_comment_moderated",
            _("Your comments on stories"),
            _(
                "A moderator hides or restores a comment you wrote on a story, or someone "
                "reports it and it waits for a moderator."
            ),
        ),
        # tasks
        Kind(
            "task_assigned",
            _("Tasks someone asks you to do"),
            _("Someone in a place you are in gives you a task."),
        ),
        Kind(
            "task_due",
            _("Tasks due soon"),
            _("A task you said you would do is due tomorrow or overdue (once for each date)."),
        ),
        # opportunities
        Kind(
            "opportunity_check",
            _("Opportunities waiting to be checked"),
            _(
                "A member sends an involvement opportunity for checking before it goes on the "
                "public board (if you coordinate the collective)."
            ),
        ),
        Kind(
            "opportunity_checked",
            _("Your opportunities, checked"),
            _("An opportunity you wrote goes live, or is sent back to you with comments."),
        ),
        Kind(
            "opportunity_interest",
            _("People interested in your opportunities"),
            _("Someone expresses interest in an opportunity you organise."),
        ),
        Kind(
            "opportunity_interest_received",
            _("Your interest in an opportunity"),
            _("The confirmation that the organisers have your expression of interest."),
        ),
        Kind(
            "opportunity_match",
            _("New opportunities that fit your choices"),
            _("A new involvement opportunity on a topic or of a kind you chose to hear about."),
            default=Frequency.WEEKLY,
        ),
        Kind(
            "opportunity_chosen",
            _("You were chosen for an opportunity"),
            _("The organisers chose you for an opportunity you expressed interest in."),
        ),
        Kind(
            "opportunity_not_chosen",
            _("You were not chosen this time"),
            _(
                "The organisers finished choosing for an opportunity you expressed interest "
                "in, and you were not chosen this time."
            ),
        ),
        Kind(
            "download_ready",
            _("A download you asked for is ready"),
            _(
                "Something you asked us to prepare (your data, a PDF) took a while and is now "
                "ready to download."
            ),
        ),
    ]
}

SUMMARY_KIND = {Frequency.DAILY: DAILY_SUMMARY, Frequency.WEEKLY: WEEKLY_SUMMARY}


class UnknownKind(LookupError):
    """A notification kind that is not listed in KINDS: a programming mistake."""


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"{name!r} is not a notification kind; add it to kinds.py") from None


def choosable() -> list[Kind]:
    """The kinds people choose how often to hear about, in the order listed."""
    return [kind for kind in KINDS.values() if kind.can_turn_off]


def always_sent() -> list[Kind]:
    """The kinds that always go straight away (shown on the preferences page)."""
    return [kind for kind in KINDS.values() if not kind.can_turn_off and not kind.is_summary]
