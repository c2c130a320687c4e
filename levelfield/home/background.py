"""The personal data download as background work: gathering every app's part for a
person with a long history takes longer than a request may (README, "Deploying")."""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.translation import gettext_lazy

from levelfield.home.services import person_data_export
from levelfield.jobs import kinds
from levelfield.jobs.models import Job

PERSON_DATA = "home.person_data"


@kinds.register(PERSON_DATA, label=gettext_lazy("Your data"))
def person_data(job: Job, progress: kinds.Progress) -> kinds.Result:
    data = person_data_export(person=job.person, progress=progress)
    return kinds.Result(
        name=f"levelfield-my-data-{timezone.localdate():%Y-%m-%d}.json",
        content_type="application/json; charset=utf-8",
        content=json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"),
    )
