"""Charts drawn on the server as SVG, laid out here and drawn by templates, with the
same figures in a table beside each (`templates/includes/bar_chart.html`).

Framework-free: the layout is numbers and text, so the page, the PDF and the tests all
see the same chart. Used by reflection (the trend's line styles) and reports (bars).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Colours that keep 3:1 contrast on white, each with its own dash pattern so lines
# differ without colour too.
STYLES = [
    ("#1d70b8", ""),
    ("#d4351c", "8 4"),
    ("#00703c", "2 4"),
    ("#4c2c92", "12 4 2 4"),
    ("#b58840", "4 4"),
    ("#912b88", "16 6"),
    ("#28a197", "2 2"),
    ("#505a5f", "10 2 2 2 2 2"),
]

BAR_COLOUR = STYLES[0][0]
WIDTH = 640
LABEL_ROOM = 230  # left of the bars: the row labels
VALUE_ROOM = 70  # right of each bar: its value
BAR_HEIGHT = 22
BAR_GAP = 10
TOP = 8


def shortened(text: str, room: int) -> str:
    """`text` cut to `room` characters with an ellipsis; the full text is in the table."""
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


@dataclass
class Bar:
    label: str
    value: float
    value_text: str
    y: float = 0
    width: float = 0
    short_label: str = ""
    text_y: float = 0
    value_x: float = 0


@dataclass
class BarChart:
    """A horizontal bar chart: one bar a row, its value written at its end."""

    key: str
    title: str
    description: str
    value_heading: str
    label_heading: str = ""
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    label_room: int = LABEL_ROOM
    label_x: int = LABEL_ROOM - 8
    bar_height: int = BAR_HEIGHT

    @property
    def has_data(self) -> bool:
        return bool(self.bars)


def bar_chart(
    *,
    key: str,
    title: str,
    value_heading: str,
    label_heading: str = "",
    rows: list[tuple[str, float, str]],
    scale_max: float | None = None,
) -> BarChart:
    """Lay out `rows` (label, value, value as text) as bars scaled to the largest value
    (or `scale_max`). The description says every value, for screen readers."""
    description = "; ".join(f"{label}: {text}" for label, _, text in rows) + "."
    chart = BarChart(
        key=key,
        title=title,
        description=description,
        value_heading=value_heading,
        label_heading=label_heading,
    )
    largest = scale_max or max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - LABEL_ROOM - VALUE_ROOM
    for index, (label, value, text) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(max(value, 0) / largest * room, 1)
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                value_text=text,
                y=y,
                width=width,
                short_label=shortened(label, 30),
                text_y=y + 16,
                value_x=round(LABEL_ROOM + width + 6, 1),
            )
        )
    chart.height = TOP * 2 + len(rows) * (BAR_HEIGHT + BAR_GAP)
    return chart
