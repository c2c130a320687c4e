"""The report page's content, built from the last analysis: the opinion map (as SVG
shapes, so the server draws it), the groups with their representative statements,
consensus, divisive statements and consensus across perspectives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.deliberation.analysis import SILHOUETTE_SAMPLE
from levelfield.deliberation.models import Analysis, Conversation

WIDTH, HEIGHT, MARGIN = 640, 400, 24
# Colours with 3:1 contrast on white, and a different shape for each group, so the map
# never relies on colour alone.
STYLES = [
    ("#1d70b8", "circle"),
    ("#d4351c", "square"),
    ("#00703c", "triangle"),
    ("#4c2c92", "diamond"),
    ("#6f3e00", "cross"),
]
# How the map's marks are named beside each group ("Group A: circles").
SHAPE_WORDS = {
    "circle": gettext_lazy("circles"),
    "square": gettext_lazy("squares"),
    "triangle": gettext_lazy("triangles"),
    "diamond": gettext_lazy("diamonds"),
    "cross": gettext_lazy("crosses"),
}


def group_label(index: int) -> str:
    """A group's name by its place in size order ("Group A"), in the reader's language:
    the stored analysis keeps the English one."""
    if index < 26:
        return _("Group %(letter)s") % {"letter": chr(ord("A") + index)}
    return _("Group %(number)s") % {"number": index + 1}


@dataclass
class Mark:
    x: float
    y: float
    colour: str
    shape: str


def _shape_points(shape: str, x: float, y: float, r: float = 5.0) -> str:
    if shape == "triangle":
        return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y + r:.1f} {x - r:.1f},{y + r:.1f}"
    if shape == "diamond":
        return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    if shape == "cross":
        a = r / 2.5
        return " ".join(
            f"{x + dx:.1f},{y + dy:.1f}"
            for dx, dy in [
                (-a, -r),
                (a, -r),
                (a, -a),
                (r, -a),
                (r, a),
                (a, a),
                (a, r),
                (-a, r),
                (-a, a),
                (-r, a),
                (-r, -a),
                (-a, -a),
            ]
        )
    return ""


def map_scale(points: list[tuple[float, float]]) -> Callable[[float, float], tuple[float, float]]:
    """Where a point of the analysis falls on the map: both axes share one scale (equal
    aspect), so a distance across reads the same as a distance up and the map does not
    stretch groups apart in one direction; the points are centred in the drawing."""
    xs = [x for x, _y in points] or [0.0]
    ys = [y for _x, y in points] or [0.0]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    room_x, room_y = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    fits = [room / span for room, span in ((room_x, span_x), (room_y, span_y)) if span > 0]
    scale = min(fits) if fits else 1.0
    left = (WIDTH - span_x * scale) / 2
    bottom = (HEIGHT - span_y * scale) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return left + (x - min(xs)) * scale, HEIGHT - bottom - (y - min(ys)) * scale

    return place


def report_build(conversation: Conversation, analysis: Analysis | None) -> dict[str, Any]:
    """Everything the report template shows; two queries (the analysis and statements)."""
    if analysis is None:
        return {"analysis": None}
    result = analysis.result
    texts, numbers, polis_ids = {}, {}, {}
    for pk, text, number, polis_id in conversation.statements.values_list(
        "pk", "text", "number", "polis_id"
    ):
        texts[pk], numbers[pk] = text, number
        # Shown beside the number only when the two differ.
        polis_ids[pk] = polis_id if polis_id is not None and polis_id != number else None

    def statement(sid: int) -> dict[str, Any]:
        return {
            "id": sid,
            "text": texts.get(sid, _("(removed)")),
            "number": numbers.get(sid),
            "polis": polis_ids.get(sid),
        }

    points = [p for p in result["points"] if p[3] >= 0]
    place = map_scale([(p[1], p[2]) for p in points])

    marks = []
    for _sid, x, y, group in points:
        colour, shape = STYLES[group % len(STYLES)]
        px, py = place(x, y)
        marks.append(
            {
                "x": round(px, 1),
                "y": round(py, 1),
                "colour": colour,
                "shape": shape,
                "points": _shape_points(shape, px, py),
                "left": round(px - 4, 1),
                "top": round(py - 4, 1),
            }
        )
    groups = []
    for index, group in enumerate(result["groups"]):
        colour, shape = STYLES[index % len(STYLES)]
        cx, cy = place(*group["centre"])
        groups.append(
            {
                "label": group_label(index),
                "size": group["size"],
                "colour": colour,
                "shape": shape,
                "shapes": SHAPE_WORDS[shape],
                "centre_x": round(cx, 1),
                "centre_y": round(cy, 1),
                "representative": [
                    {**statement(rep["statement_id"]), **rep} for rep in group["representative"]
                ],
            }
        )
    figures = {f["statement_id"]: f for f in result["figures"]}
    return {
        "analysis": analysis,
        "result": result,
        # The project's own rule beside Pol.is's (shown under "How this is worked out").
        "silhouette_sample": SILHOUETTE_SAMPLE,
        "silhouette_sampled": result["grouped"] > SILHOUETTE_SAMPLE,
        "width": WIDTH,
        "height": HEIGHT,
        "marks": marks,
        "groups": groups,
        "consensus": [
            {**statement(sid), "direction": d, "share": share}
            for sid, d, share in result["consensus"]
        ],
        "group_consensus": [
            {
                **statement(sid),
                "direction": d,
                "score": score,
                "shares": [g[0] if d == "agree" else g[1] for g in figures[sid]["groups"]],
            }
            for sid, d, score in result["group_consensus"]
        ],
        "divisive": [
            {**statement(sid), "spread": spread, "shares": [g[0] for g in figures[sid]["groups"]]}
            for sid, spread in result["divisive"]
        ],
        "perspective_groups": result["perspective_groups"],
        "perspective_consensus": [
            {**statement(p["statement_id"]), **p} for p in result["perspective_consensus"]
        ],
        "statements": [
            {**statement(f["statement_id"]), **f}
            for f in sorted(result["figures"], key=lambda f: numbers.get(f["statement_id"], 0))
        ],
    }
