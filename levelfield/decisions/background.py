"""The decision log as a spreadsheet, made in the background: a network's log of
thousands of decisions takes longer than a request may (README, "Deploying")."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.decisions import exports
from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.places.access import place_for_member

LOG_CSV = "decisions.log_csv"


@kinds.register(LOG_CSV, label=gettext_lazy("The decision log as a spreadsheet"))
def log_csv(job: Job, progress: kinds.Progress) -> kinds.Result:
    # Checked again now: the person may have left the place since they asked.
    place = place_for_member(job.person, job.params["place"])
    progress(0, 1, _("Listing the decisions"))
    content = exports.log_csv(
        place=place,
        filters=job.params.get("filters") or {},
        now=timezone.now(),
        progress=lambda done, total: progress(done, total, _("Listing the decisions")),
    )
    return kinds.Result(
        name=exports.log_filename(place), content_type="text/csv; charset=utf-8", content=content
    )
