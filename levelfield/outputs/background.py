"""A place's every output as CSL-JSON and BibTeX, made in the background: a project
with thousands of outputs takes longer than a request may (README, "Deploying"). One
output's citation is small and stays a plain download (views.csl_json, views.bibtex)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.outputs import exports
from levelfield.places.access import place_for_member

PLACE_CSL_JSON = "outputs.place_csl_json"
PLACE_BIBTEX = "outputs.place_bibtex"
# What the person asked for, on the page that asks, the job's page and the email.
CSL_JSON_LABEL = gettext_lazy("The list of outputs as CSL-JSON (Zotero, Pandoc)")
BIBTEX_LABEL = gettext_lazy("The list of outputs as BibTeX (LaTeX)")


def _listing(progress: kinds.Progress) -> Callable[[int, int], None]:
    return lambda done, total: progress(done, total, _("Listing the outputs"))


@kinds.register(PLACE_CSL_JSON, label=CSL_JSON_LABEL)
def place_csl_json(job: Job, progress: kinds.Progress) -> kinds.Result:
    # Checked again now: the person may have left the place since they asked.
    place = place_for_member(job.person, job.params["place"])
    return kinds.Result(
        name=exports.place_filename(place, "json"),
        content_type=exports.CSL_JSON_TYPE,
        content=exports.place_csl_json(place, progress=_listing(progress)),
    )


@kinds.register(PLACE_BIBTEX, label=BIBTEX_LABEL)
def place_bibtex(job: Job, progress: kinds.Progress) -> kinds.Result:
    place = place_for_member(job.person, job.params["place"])
    return kinds.Result(
        name=exports.place_filename(place, "bib"),
        content_type=exports.BIBTEX_TYPE,
        content=exports.place_bibtex(place, progress=_listing(progress)),
    )
