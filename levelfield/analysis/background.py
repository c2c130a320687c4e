"""The analysis's files (codebook, coded passages, the whole project as REFI-QDA), made
in the background: a project's coding of many long sources takes longer than a request
may (README, "Deploying")."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.analysis import exports
from levelfield.analysis.access import team_place
from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.lib.spreadsheets import csv_text, xlsx_bytes
from levelfield.places.models import Place

CODEBOOK = "analysis.codebook"
SEGMENTS = "analysis.segments"
QDPX = "analysis.qdpx"
# The spreadsheet kinds a file can be asked for in (the address ends .csv or .xlsx).
SPREADSHEETS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@kinds.register(CODEBOOK, label=gettext_lazy("The codebook"))
def codebook(job: Job, progress: kinds.Progress) -> kinds.Result:
    # Checked again now: the person may have left the team since they asked.
    place = team_place(job.person, job.params["place"])
    progress(0, 1, _("Listing the codes"))
    return _spreadsheet(exports.codebook_rows(place), job.params["kind"], "codebook", place)


@kinds.register(SEGMENTS, label=gettext_lazy("The coded passages"))
def segments(job: Job, progress: kinds.Progress) -> kinds.Result:
    place = team_place(job.person, job.params["place"])
    progress(0, 1, _("Listing the coded passages"))
    return _spreadsheet(exports.segment_rows(place), job.params["kind"], "segments", place)


@kinds.register(QDPX, label=gettext_lazy("The whole analysis (REFI-QDA)"))
def qdpx(job: Job, progress: kinds.Progress) -> kinds.Result:
    place = team_place(job.person, job.params["place"])
    progress(0, 1, _("Packing the sources, codes and coding"))
    return kinds.Result(
        name=f"analysis-{place.pk}.qdpx",
        content_type="application/octet-stream",
        content=exports.qdpx_bytes(place),
    )


def _spreadsheet(rows: list, kind: str, name: str, place: Place) -> kinds.Result:
    if kind == "xlsx":
        content = xlsx_bytes(
            rows,
            sheet=name.capitalize(),
            title=f"{name.capitalize()}: {place.name}",
            created=timezone.now().replace(tzinfo=None, microsecond=0),
        )
        return kinds.Result(name=f"{name}-{place.pk}.xlsx", content_type=XLSX, content=content)
    return kinds.Result(
        name=f"{name}-{place.pk}.csv",
        content_type="text/csv; charset=utf-8",
        content=csv_text(rows).encode("utf-8"),
    )
