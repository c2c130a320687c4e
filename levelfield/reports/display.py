"""A report version as pages and exports show it: each section's heading, the team's
text (Markdown, made safe), the statements it was drafted from with their records, and
the charts with their tables. One function for the page, the public page, the PDF and
the Word document, so they never disagree. No queries: it reads the version's snapshot.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from levelfield.lib import cache as lib_cache
from levelfield.lib import markdown
from levelfield.lib.charts import BarChart, bar_chart
from levelfield.reports import sections
from levelfield.reports.models import Kind, Report, ReportVersion


@dataclass
class SectionView:
    key: str
    heading: str
    hint: str
    html: SafeString
    statements: list[dict[str, Any]]
    charts: list[BarChart] = field(default_factory=list)


@dataclass
class ReportView:
    report: Report
    version: ReportVersion
    sections: list[SectionView]
    figures: dict[str, Any]

    @property
    def period(self) -> str:
        period = self.figures.get("period", {})
        if not period.get("start"):
            return _("the whole project so far")
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        return _("%(start)s to %(end)s") % {
            "start": date_format(start, "j F Y"),
            "end": date_format(end, "j F Y"),
        }


def _number(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def _shown(label: str) -> str:
    """A label the snapshot keeps in the site's language (a research stage, a
    perspective, a principle), in the reader's where the catalogues know it."""
    return _(label) if label else label


def charts_for(kind: str, figures: dict[str, Any]) -> dict[str, list[BarChart]]:
    """Each section's charts, from the snapshot."""
    involvement = figures.get("involvement", {})
    by_stage = bar_chart(
        key="hours-by-stage",
        title=_("Hours given at each research stage"),
        label_heading=_("Stage"),
        value_heading=_("Hours"),
        rows=[
            (_shown(row["stage"]), _number(row["hours"]), row["hours"])
            for row in involvement.get("by_stage", [])
        ],
    )
    by_group = bar_chart(
        key="hours-by-perspective",
        title=_("Hours given by perspective"),
        label_heading=_("Perspective"),
        value_heading=_("Hours"),
        rows=[
            (_shown(row["group"]), _number(row["hours"]), row["hours"])
            for row in involvement.get("by_group", [])
        ],
    )
    themes = bar_chart(
        key="checkin-themes",
        title=_("Average check-in score by principle (out of 5)"),
        label_heading=_("Principle"),
        value_heading=_("Average (1 to 5)"),
        rows=[
            (_shown(row["theme"]), row["average"], str(row["average"]))
            for row in figures.get("checkins", {}).get("themes", [])
        ],
        scale_max=5,
    )
    trend = bar_chart(
        key="checkin-trend",
        title=_("Average check-in score in each round, oldest first (out of 5)"),
        label_heading=_("Check-in round"),
        value_heading=_("Average (1 to 5)"),
        rows=[
            (row["round"], row["average"], str(row["average"]))
            for row in figures.get("checkins", {}).get("trend", [])
        ],
        scale_max=5,
    )
    found: dict[str, list[BarChart]] = {}
    if kind == Kind.GRIPP2:
        found["methods"] = [by_stage, by_group]
        found["reflections"] = [themes, trend]
    else:
        projects = bar_chart(
            key="projects-by-stage",
            title=_("Projects at each research stage"),
            label_heading=_("Stage"),
            value_heading=_("Projects"),
            rows=[
                (_shown(row["stage"]), row["count"], str(row["count"]))
                for row in figures.get("projects", {}).get("by_stage", [])
            ],
        )
        found["people"] = [by_group, by_stage]
        found["activity"] = [projects]
        found["better"] = [trend, themes]
    return {key: [chart for chart in charts if chart.has_data] for key, charts in found.items()}


# Kept HTML is keyed by a digest of what it shows, so it is right whatever changed it
# (a new version, or erasure rewriting a version's text); a day bounds what it keeps.
HTML_SECONDS = 24 * 60 * 60


def _sections_html(texts: list[str]) -> list[str]:
    """Each Markdown text as safe HTML, made once per text: Markdown took most of a
    report page's time (30 ms of 40 for a report of 120 KB)."""
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()
    return lib_cache.versioned(
        "reports:sections-html",
        (digest,),
        lambda: [markdown.render(text, heading_levels=(3, 4)) for text in texts],
        seconds=HTML_SECONDS,
    )


def report_view(report: Report, version: ReportVersion) -> ReportView:
    figures = version.figures or {}
    statements = figures.get("statements", {})
    charts = charts_for(report.kind, figures)
    kept = sections.sections_of(report.kind)
    html = _sections_html([version.sections.get(section.key, "") for section in kept])
    shown = [
        SectionView(
            key=section.key,
            heading=str(section.heading),
            hint=str(section.hint),
            html=mark_safe(text),  # noqa: S308 (sanitised by nh3)
            statements=statements.get(section.key, []),
            charts=charts.get(section.key, []),
        )
        for section, text in zip(kept, html, strict=True)
    ]
    return ReportView(report=report, version=version, sections=shown, figures=figures)
