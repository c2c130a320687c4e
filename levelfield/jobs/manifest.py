"""What the jobs app adds to the whole: see levelfield/lib/manifests.py.

Background jobs belong to the person who asked: they are in that person's download and
deleted with their account.
"""

from __future__ import annotations

from levelfield.jobs import personal
from levelfield.lib.manifests import AppManifest, Erasure, PersonField

MANIFEST = AppManifest(
    label="jobs",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "jobs.Job.person",
            "downloads_you_asked_for",
            Erasure.DELETE,
            "each file was prepared for them alone",
        ),
    ),
)
