"""The attendance chart: seats, confirmed and checked in per agency, as grouped horizontal bars."""

from __future__ import annotations

import io
import textwrap

from bot.domain.checkin.attendance import AttendanceSummary
from bot.i18n import Translator

__all__ = ["attendance_chart", "chart_figure", "CHART_DPI", "LABEL_CHARS", "TITLE_WRAP"]

CHART_DPI = 110
LABEL_CHARS = 42  # longer agency names are cut with an ellipsis so the bars keep their room
INCHES_PER_AGENCY = 0.42
# Fixed margins in inches (labels of LABEL_CHARS at 9 pt fit in LEFT): a computed layout would
# measure every label again and doubles the drawing time for 200 agencies.
LEFT, RIGHT, TOP, BOTTOM = 3.6, 0.3, 1.1, 0.7
# DejaVu Sans ships with matplotlib and has every Vietnamese diacritic.
FONT = "DejaVu Sans"
COLOURS = ("#c9d3df", "#2e7d32", "#1565c0")


# The title starts at the figure's left edge and wraps at this many characters (about 10 inches
# at 11 pt), so a long workshop title is never cut at the right edge.
TITLE_WRAP = 100
TITLE_LINE = 0.22  # inches per extra title line


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attendance_chart(summary: AttendanceSummary, t: Translator, title: str) -> bytes:
    """A PNG sized to the number of agencies (about 0.4 inch each), readable when printed."""
    buffer = io.BytesIO()
    chart_figure(summary, t, title).savefig(buffer, format="png")
    return buffer.getvalue()


def chart_figure(summary: AttendanceSummary, t: Translator, title: str):  # type: ignore[no-untyped-def]
    """The chart as a matplotlib Figure (with its Agg canvas), before it is saved."""
    # Imported here: matplotlib is only needed when an organiser asks for the chart. The
    # object-oriented API with the Agg canvas keeps no global state, so it is safe in a thread.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lines = summary.lines
    count = max(len(lines), 1)
    heading = textwrap.wrap(t("organiser.chart.title", title=title), TITLE_WRAP) or [""]
    extra = TITLE_LINE * (len(heading) - 1)
    top = TOP + extra
    width, tall = 11.0, top + BOTTOM + 0.3 + INCHES_PER_AGENCY * count
    figure = Figure(figsize=(width, tall), dpi=CHART_DPI)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(
        left=LEFT / width, right=1 - RIGHT / width, top=1 - top / tall, bottom=BOTTOM / tall
    )
    axes = figure.add_subplot()
    height = 0.27
    positions = range(len(lines))
    series = [
        ([line.seats or 0 for line in lines], t("organiser.chart.seats")),
        ([line.confirmed for line in lines], t("organiser.chart.confirmed")),
        ([line.checked_in for line in lines], t("organiser.chart.checked_in")),
    ]
    for offset, ((values, label), colour) in enumerate(zip(series, COLOURS, strict=True)):
        axes.barh(
            [p + (offset - 1) * height for p in positions], values, height=height, label=label, color=colour
        )
    axes.set_yticks(
        list(positions), [_cut(line.agency, LABEL_CHARS) for line in lines], fontfamily=FONT, fontsize=9
    )
    axes.invert_yaxis()  # the plan's first agency at the top
    axes.set_xlabel(t("organiser.chart.people"), fontfamily=FONT)
    figure.text(
        0.2 / width,
        1 - 0.15 / tall,
        "\n".join(heading),
        fontfamily=FONT,
        fontsize=11,
        horizontalalignment="left",
        verticalalignment="top",
    )
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="x", alpha=0.3)
    # Legend and figures on top as well: a chart of 200 agencies is read from the top.
    figure.legend(
        loc="upper left",
        bbox_to_anchor=(LEFT / width - 0.01, 1 - (0.4 + extra) / tall),
        ncol=3,
        prop={"family": FONT},
        frameon=False,
    )
    axes.tick_params(axis="x", labeltop=True)
    axes.margins(y=0.5 / count)
    return figure
