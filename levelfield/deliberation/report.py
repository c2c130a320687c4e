"""The report page's content, built from the last analysis: the opinion map (as SVG
shapes, so the server draws it), the groups with their representative statements,
consensus, divisive statements and consensus across perspectives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def report_build(conversation: Conversation, analysis: Analysis | None) -> dict[str, Any]:
    """Everything the report template shows; two queries (the analysis and statements)."""
    if analysis is None:
        return {"analysis": None}
    result = analysis.result
    texts = dict(conversation.statements.values_list("pk", "text"))
    numbers = dict(conversation.statements.values_list("pk", "number"))

    def statement(sid: int) -> dict[str, Any]:
        return {"id": sid, "text": texts.get(sid, "(removed)"), "number": numbers.get(sid)}

    points = [p for p in result["points"] if p[3] >= 0]
    xs = [p[1] for p in points] or [0.0]
    ys = [p[2] for p in points] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def place(x: float, y: float) -> tuple[float, float]:
        return (
            MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            HEIGHT - MARGIN - (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )

    marks = []
    for _, x, y, group in points:
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
                "label": group["label"],
                "size": group["size"],
                "colour": colour,
                "shape": shape,
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
