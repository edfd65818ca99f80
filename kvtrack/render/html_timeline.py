"""`timeline --format html`: one self-contained page, the SVG picture and a table of the same rows.

Dutch by default (a published document), like the site. No external CSS, fonts or scripts, so the
file can be mailed or attached to a report. The picture scales to the page (its viewBox, no fixed
width); the table names each row's source briefly and cites every source in full once, below it.
The page is also well-formed XML (only XML's five entities, every element closed), which keeps it
easy to check and to post-process.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from html import escape

from kvtrack.core.model import Register, Source
from kvtrack.core.query import Assessed, State
from kvtrack.core.timeline import Span
from kvtrack.render import svg_timeline
from kvtrack.render.lang import Lang

_STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
       color: #222; margin: 1rem; max-width: 80rem; }
figure { margin: 0 0 2rem 0; }
figure svg { width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.6rem; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #f5f5f5; }
td.num { text-align: right; }
.state { font-weight: bold; }
dd { overflow-wrap: anywhere; }
@media (max-width: 40rem) {  /* a phone: each row a card, cells labelled */
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid #ddd; border-radius: .4rem; margin-bottom: .6rem; padding: .3rem .5rem; }
  td { border: 0; padding: .1rem 0; text-align: left; overflow-wrap: anywhere; }
  td.num { text-align: left; }
  td:empty { display: none; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; color: #555; }
}
"""


def render(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    register: Register,
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    lang: Lang = svg_timeline.NL,
) -> str:
    svg = svg_timeline.drawing(spans, undated, as_of, start, end, lang)
    ET.indent(svg)
    picture = ET.tostring(svg, encoding="unicode")
    t = lang.t
    heading = f"{t('timeline')} · {t('as_of', lang.date(as_of))}"
    items = [*(s.item for s in spans), *undated]
    rows = "\n".join(_row(a, lang) for a in items)
    cited = dict.fromkeys(a.commitment.source for a in items)
    sources = "\n".join(_source(register.sources.get(s), s, lang) for s in cited)
    head = "".join(
        f'<th scope="col">{_e(t(k))}</th>'
        for k in ("commitment", "due", "state", "days", "owner", "source")
    )
    return f"""<!DOCTYPE html>
<html lang="{lang.code}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="kvtrack"/>
<title>{_e(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{_e(heading)}</h1>
<figure>
{picture}
</figure>
<table>
<thead>
<tr>{head}</tr>
</thead>
<tbody>
{rows}
</tbody>
</table>
<h2>{_e(t("sources"))}</h2>
<dl>
{sources}
</dl>
</body>
</html>
"""


def _row(a: Assessed, lang: Lang) -> str:
    c = a.commitment
    colour = TEXT_COLOUR[a.state]
    current = c.current_due
    due = lang.period(current) if current else lang.t("no_due")
    if c.rescheduled and current is not None:
        due += f" ({lang.period(c.due) if c.due else lang.t('no_due')} →)"
    answers = ", ".join(str(n) for n in c.answer)
    word = lang.t("answers" if len(c.answer) > 1 else "answer")
    where = c.source + (f", {word} {answers}" if answers else "")
    label = {k: _e(lang.t(k)) for k in ("due", "state", "days", "owner", "source")}
    cells = [
        f"<td>{_e(c.title)} <small>({_e(c.id)})</small></td>",
        f'<td data-label="{label["due"]}">{_e(due)}</td>',
        f'<td data-label="{label["state"]}" class="state" style="color: {colour}">'
        f"{_e(lang.state(a.state))}</td>",
        f'<td data-label="{label["days"]}" class="num">{_e(lang.days(a))}</td>',
        f'<td data-label="{label["owner"]}">{_e(c.owner or "")}</td>',
        f'<td data-label="{label["source"]}">{_e(where)}</td>',
    ]
    return f'<tr data-id="{_e(c.id)}">' + "".join(cells) + "</tr>"


def _source(source: Source | None, ident: str, lang: Lang) -> str:
    """The full citation of one source, once."""
    t = lang.t
    if source is None:
        return f"<dt>{_e(ident)}</dt><dd></dd>"
    parts = [source.title or source.id]
    if source.asked_by:
        when = f", {t('submitted')} {lang.date(source.submitted)}" if source.submitted else ""
        parts.append(f"{t('asked_by')} {source.asked_by}{when}")
    if source.answered_by or source.answered:
        when = f", {t('answered')} {lang.date(source.answered)}" if source.answered else ""
        parts.append(f"{t('answered_by')} {source.answered_by or '—'}{when}")
    ids = [f"{k}: {v}" for k, v in source.identifiers.items() if v]
    if ids:
        parts.append(", ".join(ids))
    if source.url:
        parts.append(source.url)
    return f"<dt>{_e(ident)}</dt><dd>{_e('; '.join(parts))}</dd>"


# The picture's light greys are too faint for text on white; the table uses darker ones.
TEXT_COLOUR = {
    State.DROPPED: "#595959",
    State.UNDATED: "#595959",
    State.DUE_SOON: "#8a5a00",
    State.OVERDUE: "#b34700",
    State.UPCOMING: "#00609a",
    State.DONE: "#00734f",
}


def _e(text: str) -> str:
    return escape(svg_timeline.clean(text), quote=True)
