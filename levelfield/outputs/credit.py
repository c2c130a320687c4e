"""The CRediT taxonomy: the 14 contributor roles (NISO Z39.104-2022), with a plain
English line for each, so someone who has never seen a journal's author form can say
what they did."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy


class Role(models.TextChoices):
    CONCEPTUALIZATION = "conceptualization", gettext_lazy("Conceptualization")
    DATA_CURATION = "data_curation", gettext_lazy("Data curation")
    FORMAL_ANALYSIS = "formal_analysis", gettext_lazy("Formal analysis")
    FUNDING_ACQUISITION = "funding_acquisition", gettext_lazy("Funding acquisition")
    INVESTIGATION = "investigation", gettext_lazy("Investigation")
    METHODOLOGY = "methodology", gettext_lazy("Methodology")
    PROJECT_ADMINISTRATION = "project_administration", gettext_lazy("Project administration")
    RESOURCES = "resources", gettext_lazy("Resources")
    SOFTWARE = "software", gettext_lazy("Software")
    SUPERVISION = "supervision", gettext_lazy("Supervision")
    VALIDATION = "validation", gettext_lazy("Validation")
    VISUALIZATION = "visualization", gettext_lazy("Visualization")
    WRITING_ORIGINAL_DRAFT = "writing_original_draft", gettext_lazy("Writing – original draft")
    WRITING_REVIEW_EDITING = "writing_review_editing", gettext_lazy("Writing – review & editing")


# What each role means, in plain words (shown beside the role wherever it is chosen).
EXPLAINED: dict[str, Promise] = {
    Role.CONCEPTUALIZATION: gettext_lazy("Came up with the idea or the questions the work asks."),
    Role.DATA_CURATION: gettext_lazy(
        "Looked after the data: tidied it, described it and kept it safe."
    ),
    Role.FORMAL_ANALYSIS: gettext_lazy(
        "Analysed the data, for example coding interviews or counting."
    ),
    Role.FUNDING_ACQUISITION: gettext_lazy("Helped win the money that paid for the work."),
    Role.INVESTIGATION: gettext_lazy("Collected the data, for example ran interviews or surveys."),
    Role.METHODOLOGY: gettext_lazy("Shaped how the research was done."),
    Role.PROJECT_ADMINISTRATION: gettext_lazy("Kept the work organised and on track."),
    Role.RESOURCES: gettext_lazy(
        "Provided things the work needed: people to talk to, rooms, materials."
    ),
    Role.SOFTWARE: gettext_lazy("Wrote computer code the work used."),
    Role.SUPERVISION: gettext_lazy("Guided or mentored others doing the work."),
    Role.VALIDATION: gettext_lazy("Checked that the findings hold up."),
    Role.VISUALIZATION: gettext_lazy("Made the charts, pictures or other visuals."),
    Role.WRITING_ORIGINAL_DRAFT: gettext_lazy("Wrote the first draft."),
    Role.WRITING_REVIEW_EDITING: gettext_lazy("Commented on, corrected or rewrote drafts."),
}


class Degree(models.TextChoices):
    LEAD = "lead", gettext_lazy("Lead")
    EQUAL = "equal", gettext_lazy("Equal")
    SUPPORTING = "supporting", gettext_lazy("Supporting")
