"""`timeline --format svg`: the commitments as a picture, drawn as plain SVG (no plotting library).

Layout, left to right: a label column (the commitment's title, shortened), then a time axis in
whole years, its labels repeated every `AXIS_EVERY` rows so a long picture keeps them in view. One row per dated commitment: a thin lead-in from the answer that made the promise
to the start of the current due period, a solid bar over the due period, a filled diamond where
it runs out, and, when a reschedule moved it, a hollow diamond at the original due joined by a
dashed line. Colour is the state (with a legend); a dashed black line marks today. Undated
commitments are listed by title under the picture. The words are Dutch by default (`lang`).

The picture has a viewBox and no fixed width: it scales to the page or window it is shown in.

The tree is built with ElementTree, which escapes text and attributes, so titles such as
"Rijksontmoetingsplein «Assen» & co" stay well-formed XML. Text widths are estimated (there are
no font metrics without a font library); the estimate errs wide, so labels do not overlap bars.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kvtrack.core.query import Assessed, State
from kvtrack.core.timeline import Span
from kvtrack.render.lang import Lang

NL = Lang("nl")

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
FONT_SIZE = 12
CHAR_W = 6.6  # average advance of a 12px sans-serif character, rounded up
PAD = 16
ROW_H = 22
BAR_H = 10
MAX_LABEL = 56  # characters; longer titles are shortened at a word and get "…"
MIN_PLOT_W, PX_PER_YEAR, MAX_PLOT_W = 480, 100, 1000
AXIS_EVERY = 25  # rows between repeated year labels

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies, and in print.
STATE_COLOUR = {
    State.OVERDUE: "#D55E00",
    State.DUE_SOON: "#E69F00",
    State.UPCOMING: "#0072B2",
    State.DONE: "#009E73",
    State.DROPPED: "#999999",
    State.UNDATED: "#BBBBBB",
}
DRAWN_STATES = (State.OVERDUE, State.DUE_SOON, State.UPCOMING, State.DONE, State.DROPPED)
INK, GRID, STRIPE, TODAY = "#222222", "#DDDDDD", "#F5F5F5", "#000000"
_STATE_KEYS = frozenset(s.value for s in DRAWN_STATES)

# XML 1.0 forbids most control characters even escaped; they can only come from a bad paste.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """`text` within `limit` characters: cut at a word boundary when one is near, then "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.7:  # a word boundary that keeps most of the room
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


@dataclass(frozen=True, slots=True)
class Axis:
    """Maps days to x: whole years from `first` (1 January) to `last` (1 January, exclusive)."""

    first: date
    last: date
    left: float
    width: float

    @classmethod
    def around(cls, lo: date, hi: date, left: float) -> Axis:
        first, last = date(lo.year, 1, 1), date(hi.year + 1, 1, 1)
        years = last.year - first.year
        width = float(min(MAX_PLOT_W, max(MIN_PLOT_W, years * PX_PER_YEAR)))
        return cls(first, last, left, width)

    @property
    def right(self) -> float:
        return self.left + self.width

    def x(self, day: date) -> float:
        """x of the START of `day`, clamped to the axis."""
        total = (self.last - self.first).days
        frac = (day - self.first).days / total
        return self.left + self.width * min(1.0, max(0.0, frac))

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def label_step(self) -> int:
        """Years between labels: 1, 2, 5, 10, ... so that labels are at least 40px apart."""
        per_year = self.width / (self.last.year - self.first.year)
        for step in (1, 2, 5, 10, 20, 50, 100):
            if step * per_year >= 40:
                return step
        return 100


def render(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    lang: Lang = NL,
) -> str:
    """A standalone SVG file (with XML declaration)."""
    svg = drawing(spans, undated, as_of, start, end, lang)
    ET.indent(svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def inline(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    lang: Lang = NL,
) -> str:
    """The <svg> element as text, to put inside an HTML page."""
    svg = drawing(spans, undated, as_of, start, end, lang)
    ET.register_namespace("", SVG_NS)
    return ET.tostring(svg, encoding="unicode", short_empty_elements=False)


def drawing(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    lang: Lang = NL,
) -> ET.Element:
    """The <svg> element; `start`/`end` (from --from/--to) fix the axis, else it fits the data."""
    labels = [shorten(s.item.commitment.title) for s in spans]
    label_w = max((len(t) for t in labels), default=10) * CHAR_W + PAD
    lo = start or min([as_of, *(s.first for s in spans)])
    hi = end or max([as_of, *(s.last for s in spans)])
    axis = Axis.around(lo, max(lo, hi), PAD + label_w)
    width = axis.right + PAD

    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "role": "img",
            "aria-labelledby": "kvtrack-title",
            "font-family": FONT,
            "font-size": str(FONT_SIZE),
        },
    )
    n = len(spans)
    title = lang.t("svg_title", lang.date(as_of), n)
    ET.SubElement(svg, "title", {"id": "kvtrack-title"}).text = title
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#FFFFFF"})
    _text(svg, PAD, PAD + 14, title, size=14, weight="bold")
    y = _legend(svg, PAD + 36, width, lang)

    axis_y = y + 8
    rows_top = axis_y + 10
    tops = row_tops(n, rows_top)
    rows_bottom = (tops[-1] if tops else rows_top) + ROW_H
    bands = [b + ROW_H / 2 + 4 for b in axis_bands(n, rows_top)]
    _grid(svg, axis, [axis_y, *bands], rows_top, rows_bottom)
    for i, (span, label) in enumerate(zip(spans, labels, strict=True)):
        _row(svg, axis, span, label, tops[i], width, stripe=i % 2 == 1, lang=lang)
    if not spans:
        _text(svg, axis.left + 4, rows_top + ROW_H / 2 + 4, lang.t("svg_none"), fill="#666666")
    y = _today(svg, axis, as_of, rows_top - 10, rows_bottom, lang)
    y = _footer(svg, undated, y + 6, width, lang)
    height = y + PAD

    # No width or height: the viewBox lets the picture scale to whatever shows it.
    svg.set("viewBox", f"0 0 {width:.0f} {height:.0f}")
    svg.set("style", f"max-width: {width:.0f}px")
    return svg


def axis_bands(n: int, rows_top: float) -> list[float]:
    """Tops of the bands that repeat the year labels: one after every `AXIS_EVERY` rows."""
    repeats = (n - 1) // AXIS_EVERY if n else 0
    return [rows_top + (k * (AXIS_EVERY + 1) - 1) * ROW_H for k in range(1, repeats + 1)]


def row_tops(n: int, rows_top: float) -> list[float]:
    """The top of each row, leaving a band for the year labels after every `AXIS_EVERY` rows."""
    return [rows_top + (i + i // AXIS_EVERY) * ROW_H for i in range(n)]


def _legend(svg: ET.Element, y: float, width: float, lang: Lang) -> float:
    """Swatches for the states and keys for the marks, flowing onto more lines when needed.

    Returns the y below the legend.
    """
    g = ET.SubElement(svg, "g", {"class": "legend"})
    x = float(PAD)
    entries: list[tuple[str, str]] = [(s.value, lang.state(s)) for s in DRAWN_STATES]
    entries += [
        (key, lang.t(f"svg_{key}")) for key in ("answered", "due", "original", "closed", "today")
    ]
    for key, text in entries:
        item_w = 18 + len(text) * CHAR_W + 14
        if x + item_w > width - PAD and x > PAD:
            x, y = float(PAD), y + 18
        cy = y - 4
        if key in _STATE_KEYS:
            colour = STATE_COLOUR[State(key)]
            ET.SubElement(
                g, "rect", _num(x=x, y=cy - BAR_H / 2, width=14, height=BAR_H) | {"fill": colour}
            )
        elif key == "answered":
            _tick(g, x + 7, cy)
        elif key == "due":
            _diamond(g, x + 7, cy, INK, filled=True)
        elif key == "original":
            _diamond(g, x + 7, cy, INK, filled=False)
        elif key == "closed":
            _closed(g, x + 7, cy)
        else:
            ET.SubElement(
                g,
                "line",
                _num(x1=x + 7, y1=cy - 7, x2=x + 7, y2=cy + 7)
                | {"stroke": TODAY, "stroke-dasharray": "4 3"},
            )
        _text(g, x + 18, y, text)
        x += item_w
    return y + 14


def _grid(
    svg: ET.Element, axis: Axis, label_ys: Sequence[float], top: float, bottom: float
) -> None:
    g = ET.SubElement(svg, "g", {"class": "axis"})
    step = axis.label_step()
    for year in range(axis.first.year, axis.last.year + 1):
        x = axis.x(date(year, 1, 1))
        ET.SubElement(g, "line", _num(x1=x, y1=top, x2=x, y2=bottom) | {"stroke": GRID})
    for i, axis_y in enumerate(label_ys):
        # the first labels sit above the rows; the repeats are their own group, for tests and CSS
        parent = g if i == 0 else ET.SubElement(svg, "g", {"class": "axis-repeat"})
        _year_labels(parent, axis, axis_y, step)
    ET.SubElement(
        g, "line", _num(x1=axis.left, y1=bottom, x2=axis.right, y2=bottom) | {"stroke": INK}
    )


def _year_labels(g: ET.Element, axis: Axis, axis_y: float, step: int) -> None:
    for year in range(axis.first.year, axis.last.year):
        if (year - axis.first.year) % step:
            continue
        x = axis.x(date(year, 1, 1))
        if step == 1:  # the label names the band between two ticks
            mid = (x + axis.x(date(year + 1, 1, 1))) / 2
            _text(g, mid, axis_y, str(year), anchor="middle", weight="bold")
        else:
            _text(g, x, axis_y, str(year), anchor="middle", weight="bold")


def _row(
    svg: ET.Element,
    axis: Axis,
    span: Span,
    label: str,
    y: float,
    width: float,
    *,
    stripe: bool,
    lang: Lang,
) -> None:
    a = span.item
    c = a.commitment
    colour = STATE_COLOUR[a.state]
    g = ET.SubElement(
        svg, "g", {"class": "row", "data-id": clean(c.id), "data-state": a.state.value}
    )
    days = lang.days(a)
    current = c.current_due
    due = lang.period(current) if current else ""
    tip = lang.t("svg_tip", c.id, c.title, due, lang.state(a.state)) + (f", {days}" if days else "")
    ET.SubElement(g, "title").text = clean(tip)
    if stripe:
        ET.SubElement(g, "rect", _num(x=0, y=y, width=width, height=ROW_H) | {"fill": STRIPE})
    cy = y + ROW_H / 2
    _text(g, PAD, cy + 4, label)

    if span.start < span.due_start:  # lead-in: from the promise to the due period
        x1, x2 = axis.x(span.start), axis.x(span.due_start)
        if x2 > x1:
            ET.SubElement(
                g,
                "rect",
                _num(x=x1, y=cy - 2, width=x2 - x1, height=4)
                | {"fill": colour, "fill-opacity": "0.35", "class": "lead-in"},
            )
    # The period covers its whole last day, so it runs to the start of the next one.
    due_x1, due_x2 = axis.x(span.due_start), axis.x(span.due_end + timedelta(days=1))
    if span.due_end >= axis.first and span.due_start < axis.last:  # on the axis (--from/--to)
        # a one-day due is a sliver; widen it to stay visible, without leaving the axis
        bar_w = max(2.0, due_x2 - due_x1)
        bar_x = min(due_x1, axis.right - bar_w)
        ET.SubElement(
            g,
            "rect",
            _num(x=bar_x, y=cy - BAR_H / 2, width=bar_w, height=BAR_H)
            | {"fill": colour, "class": "due"},
        )
    if span.original_end is not None:
        ox = axis.x(span.original_end + timedelta(days=1))
        ET.SubElement(
            g,
            "line",
            _num(x1=ox, y1=cy, x2=due_x2, y2=cy)
            | {"stroke": colour, "stroke-width": "1.5", "stroke-dasharray": "3 2"},
        )
        if axis.contains(span.original_end):
            _diamond(g, ox, cy, colour, filled=False, cls="original")
    if axis.contains(span.due_end):
        _diamond(g, due_x2, cy, colour, filled=True, cls="end")
    if span.answered is not None and axis.contains(span.answered):
        _tick(g, axis.x(span.answered), cy)
    closed = c.closed_on
    if closed is not None and axis.contains(closed):
        _closed(g, axis.x(closed), cy)


def _today(
    svg: ET.Element, axis: Axis, as_of: date, top: float, bottom: float, lang: Lang
) -> float:
    """The dashed line for today, labelled under the rows; returns the y below the label."""
    if not axis.contains(as_of):
        return bottom
    x = axis.x(as_of)
    g = ET.SubElement(svg, "g", {"class": "today"})
    ET.SubElement(
        g,
        "line",
        _num(x1=x, y1=top, x2=x, y2=bottom + 4)
        | {"stroke": TODAY, "stroke-width": "1.5", "stroke-dasharray": "4 3"},
    )
    text = f"{lang.t('svg_today')} {lang.date(as_of)}"
    # keep the label inside the picture near either end of the axis
    half = len(text) * CHAR_W / 2
    anchor = "end" if x + half > axis.right else "start" if x - half < axis.left else "middle"
    _text(g, x, bottom + 18, text, anchor=anchor, weight="bold")
    return bottom + 18


def _footer(
    svg: ET.Element, undated: Sequence[Assessed], y: float, width: float, lang: Lang
) -> float:
    """The undated commitments by title (with their vague phrase): they have no place on the axis."""
    if not undated:
        return y
    per_line = max(20, int((width - 2 * PAD - 12) / CHAR_W))
    g = ET.SubElement(svg, "g", {"class": "undated"})
    y += 18
    _text(g, PAD, y, lang.t("svg_undated"), weight="bold")
    for a in undated:
        c = a.commitment
        vague = f" ({' '.join(c.due_text.split())})" if c.due_text else ""
        item = ET.SubElement(g, "g", {"class": "undated-item", "data-id": clean(c.id)})
        for i, line in enumerate(_wrap(f"{c.title}{vague}", per_line)):
            y += 16
            _text(
                item,
                PAD + (0 if i == 0 else 12),
                y,
                ("• " if i == 0 else "") + line,
                fill="#444444",
            )
    return y


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int | None = None,
    weight: str | None = None,
    fill: str = INK,
) -> None:
    attrs = _num(x=x, y=y) | {"fill": fill}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if size is not None:
        attrs["font-size"] = str(size)
    if weight is not None:
        attrs["font-weight"] = weight
    ET.SubElement(parent, "text", attrs).text = clean(text)


def _diamond(
    parent: ET.Element, x: float, y: float, colour: str, *, filled: bool, cls: str | None = None
) -> None:
    r = 5.0
    points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    attrs = {
        "points": points,
        "fill": colour if filled else "#FFFFFF",
        "stroke": colour if not filled else INK,
        "stroke-width": "1.5" if not filled else "0.75",
    }
    if cls:
        attrs["class"] = cls
    ET.SubElement(parent, "polygon", attrs)


def _closed(parent: ET.Element, x: float, y: float) -> None:
    """The day a commitment was closed: a small ring, so a late finish shows past its due."""
    ET.SubElement(
        parent,
        "circle",
        _num(cx=x, cy=y, r=3.5)
        | {"fill": "#FFFFFF", "stroke": INK, "stroke-width": "1.5", "class": "closed"},
    )


def _tick(parent: ET.Element, x: float, y: float) -> None:
    """The answer date: a short dark upright stroke across the bar."""
    ET.SubElement(
        parent,
        "line",
        _num(x1=x, y1=y - BAR_H / 2 - 3, x2=x, y2=y + BAR_H / 2 + 3)
        | {"stroke": "#333333", "stroke-width": "2", "class": "answered"},
    )


def _num(**values: float) -> dict[str, str]:
    """Numeric attributes with one decimal: enough for a screen, short in the file."""
    return {k: f"{v:.1f}".removesuffix(".0") for k, v in values.items()}
