"""`timeline --format html`: one self-contained page, the SVG picture and a table of the same rows.

No external CSS, fonts or scripts, so the file can be mailed or attached to a report. The page is
also well-formed XML (only XML's five entities, every element closed), which keeps it easy to
check and to post-process.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from html import escape

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed, State
from kvtrack.core.timeline import Span
from kvtrack.render import svg_timeline
from kvtrack.render.words import citation, days_phrase, due_phrase

_STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
       color: #222; margin: 2rem; max-width: 80rem; }
figure { margin: 0 0 2rem 0; overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
q { display: block; color: #555; font-size: 0.85rem; margin-top: 0.2rem; }
.state { font-weight: bold; white-space: nowrap; }
"""


def render(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    register: Register,
    as_of: date,
    start: date | None = None,
    end: date | None = None,
) -> str:
    svg = svg_timeline.drawing(spans, undated, as_of, start, end)
    ET.indent(svg)
    picture = ET.tostring(svg, encoding="unicode")
    heading = f"Commitments timeline as of {as_of}"
    rows = "\n".join(_row(a, register) for a in [*(s.item for s in spans), *undated])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="kvtrack"/>
<title>{escape(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{escape(heading)}</h1>
<figure>
{picture}
</figure>
<table>
<thead>
<tr><th>id</th><th>commitment</th><th>due</th><th>state</th><th>days</th><th>owner</th><th>source</th></tr>
</thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def _row(a: Assessed, register: Register) -> str:
    c = a.commitment
    colour = _TEXT_COLOUR.get(a.state, svg_timeline.STATE_COLOUR[a.state])
    cells = [
        f'<td class="nowrap">{_e(c.id)}</td>',
        f'<td lang="nl">{_e(c.title)}<q>{_e(c.quote)}</q></td>',
        f'<td class="nowrap">{_e(due_phrase(c))}</td>',
        f'<td class="state" style="color: {colour}">{_e(a.state.value)}</td>',
        f'<td class="num">{_e(days_phrase(a))}</td>',
        f"<td>{_e(c.owner or '')}</td>",
        f'<td lang="nl">{_e(citation(c, register.sources.get(c.source)))}</td>',
    ]
    return f'<tr data-id="{_e(c.id)}">' + "".join(cells) + "</tr>"


# The picture's light greys are too faint for text on white; the table uses darker ones.
_TEXT_COLOUR = {State.DROPPED: "#666666", State.UNDATED: "#666666"}


def _e(text: str) -> str:
    return escape(svg_timeline.clean(text), quote=True)
