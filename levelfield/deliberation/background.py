"""A conversation's votes and statements as Pol.is CSV files, made in the background:
a conversation of thousands of people and statements takes longer than a request may
(README, "Deploying")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.deliberation import polis
from levelfield.deliberation.access import conversation_for_member
from levelfield.jobs import kinds
from levelfield.jobs.models import Job

VOTES_CSV = "deliberation.votes_csv"
COMMENTS_CSV = "deliberation.comments_csv"


@kinds.register(VOTES_CSV, label=gettext_lazy("The conversation’s votes (Pol.is format)"))
def votes_csv(job: Job, progress: kinds.Progress) -> kinds.Result:
    # Checked again now: the person may have left the place since they asked.
    conversation = conversation_for_member(job.person, job.params["conversation"])
    progress(0, 1, _("Listing everyone’s votes"))
    return kinds.Result(
        name=f"conversation-{conversation.pk}-votes.csv",
        content_type="text/csv; charset=utf-8",
        content=polis.csv_text(polis.votes_rows(conversation)).encode("utf-8"),
    )


@kinds.register(COMMENTS_CSV, label=gettext_lazy("The conversation’s statements (Pol.is format)"))
def comments_csv(job: Job, progress: kinds.Progress) -> kinds.Result:
    conversation = conversation_for_member(job.person, job.params["conversation"])
    progress(0, 1, _("Listing the statements"))
    return kinds.Result(
        name=f"conversation-{conversation.pk}-comments.csv",
        content_type="text/csv; charset=utf-8",
        content=polis.csv_text(polis.comments_rows(conversation)).encode("utf-8"),
    )
