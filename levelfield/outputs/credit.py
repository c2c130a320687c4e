"""The CRediT taxonomy: the 14 contributor roles (NISO Z39.104-2022), with a plain
English line for each, so someone who has never seen a journal's author form can say
what they did."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    CONCEPTUALIZATION = "conceptualization", "Conceptualization"
    DATA_CURATION = "data_curation", "Data curation"
    FORMAL_ANALYSIS = "formal_analysis", "Formal analysis"
    FUNDING_ACQUISITION = "funding_acquisition", "Funding acquisition"
    INVESTIGATION = "investigation", "Investigation"
    METHODOLOGY = "methodology", "Methodology"
    PROJECT_ADMINISTRATION = "project_administration", "Project administration"
    RESOURCES = "resources", "Resources"
    SOFTWARE = "software", "Software"
    SUPERVISION = "supervision", "Supervision"
    VALIDATION = "validation", "Validation"
    VISUALIZATION = "visualization", "Visualization"
    WRITING_ORIGINAL_DRAFT = "writing_original_draft", "Writing – original draft"
    WRITING_REVIEW_EDITING = "writing_review_editing", "Writing – review & editing"


# What each role means, in plain words (shown beside the role wherever it is chosen).
EXPLAINED: dict[str, str] = {
    Role.CONCEPTUALIZATION: "Came up with the idea or the questions the work asks.",
    Role.DATA_CURATION: "Looked after the data: tidied it, described it and kept it safe.",
    Role.FORMAL_ANALYSIS: "Analysed the data, for example coding interviews or counting.",
    Role.FUNDING_ACQUISITION: "Helped win the money that paid for the work.",
    Role.INVESTIGATION: "Collected the data, for example ran interviews or surveys.",
    Role.METHODOLOGY: "Shaped how the research was done.",
    Role.PROJECT_ADMINISTRATION: "Kept the work organised and on track.",
    Role.RESOURCES: "Provided things the work needed: people to talk to, rooms, materials.",
    Role.SOFTWARE: "Wrote computer code the work used.",
    Role.SUPERVISION: "Guided or mentored others doing the work.",
    Role.VALIDATION: "Checked that the findings hold up.",
    Role.VISUALIZATION: "Made the charts, pictures or other visuals.",
    Role.WRITING_ORIGINAL_DRAFT: "Wrote the first draft.",
    Role.WRITING_REVIEW_EDITING: "Commented on, corrected or rewrote drafts.",
}


class Degree(models.TextChoices):
    LEAD = "lead", "Lead"
    EQUAL = "equal", "Equal"
    SUPPORTING = "supporting", "Supporting"
