"""Hands command results to the renderer of the chosen format.

Renderers are imported inside the branch that uses them: `list` in a table should not pay for
icalendar or the SVG code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # only annotations here: `due` need not import the timeline code
    from kvtrack.core.model import Register
    from kvtrack.core.query import Assessed, Window
    from kvtrack.core.stats import Scorecard
    from kvtrack.core.timeline import Event, Span
    from kvtrack.render.terminal.screen import Screen


def emit_list(
    items: Sequence[Assessed],
    fmt: str,
    register: Register,
    as_of: date,
    *,
    ics_events: bool = False,
) -> None:
    # bytes go to stdout unchanged: CSV and iCalendar lines end in CRLF, which a text stream on
    # Windows would turn into CR CR LF
    if fmt == "json":
        _emit_json(items)
    elif fmt == "csv":
        from kvtrack.render import csv_out

        typer.echo(csv_out.render(items), nl=False)
    elif fmt == "markdown":
        from kvtrack.render import markdown

        typer.echo(markdown.render(items, as_of))
    elif fmt == "yaml":
        from kvtrack.render import yaml_out

        typer.echo(yaml_out.render(items, register), nl=False)
    elif fmt == "ics":
        from kvtrack.render import ics

        data = ics.render(items, register, as_of, export_stamp(), events=ics_events)
        typer.echo(data, nl=False)
    else:
        _emit_table(items)


def export_stamp() -> datetime:
    """Now in UTC (iCalendar's DTSTAMP), or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _emit_json(items: Sequence[Assessed]) -> None:
    from kvtrack.render.records import encode_records, record

    typer.echo(encode_records([record(a) for a in items]))  # bytes: written as they are


def _emit_table(items: Sequence[Assessed]) -> None:
    from kvtrack.render.terminal.table import print_table

    print_table(items)


def emit_due(items: Sequence[Assessed], as_of: date, win: Window, fmt: str) -> None:
    if fmt == "json":
        _emit_json(items)
        return
    from kvtrack.render.terminal.table import print_table

    print_table(
        items,
        title=f"Due as of {as_of} (window {win})",
        empty=f"Nothing overdue or due within {win} of {as_of}.",
    )


def emit_show(item: Assessed, register: Register, as_of: date, fmt: str) -> None:
    if fmt == "json":
        from kvtrack.render.records import detailed_record, dumps

        typer.echo(dumps(detailed_record(item, register, as_of)))
        return
    from kvtrack.render.terminal.detail import show_lines

    _print_lines(show_lines(item, register, _screen()))


def emit_timeline(
    events: Sequence[Event], undated: Sequence[Assessed], fmt: str, out: Path | None = None
) -> None:
    """The timeline as text (`table`) or JSON, to stdout or to the file `out`."""
    if fmt == "json":
        from kvtrack.render.records import dumps, record

        text = dumps(
            {
                "events": [
                    {
                        "date": e.day.isoformat(),
                        "kind": e.kind.value,
                        "label": e.label,
                        **({"commitment": record(e.item)} if e.item else {}),
                    }
                    for e in events
                ],
                "undated": [record(a) for a in undated],
            }
        )
        _deliver(text + "\n", out)
        return
    from kvtrack.render.terminal.screen import Screen
    from kvtrack.render.terminal.timeline import timeline_lines

    if out is None:
        _print_lines(timeline_lines(events, undated, _screen()))
        return
    _deliver("".join(line + "\n" for line in timeline_lines(events, undated, Screen())), out)


def emit_stats(card: Scorecard, as_of: date, within: str) -> None:
    from kvtrack.render.terminal.stats import stats_lines

    _print_lines(stats_lines(card, _screen(), as_of, within))


def _screen() -> Screen:
    """Standard output's width and colour (no width off a terminal)."""
    from kvtrack.render.terminal.screen import screen_for

    return screen_for(sys.stdout)


def _print_lines(lines: Iterable[str]) -> None:
    from kvtrack.render.terminal.table import write_lines

    write_lines(sys.stdout, lines)


def emit_picture(
    spans: Sequence[Span],
    undated: Sequence[Assessed],
    register: Register,
    as_of: date,
    bounds: tuple[date | None, date | None],
    fmt: str,
    out: Path | None,
) -> None:
    """The timeline as an SVG picture or an HTML page around it."""
    start, end = bounds
    if fmt == "html":
        from kvtrack.render import html_timeline

        _deliver(html_timeline.render(spans, undated, register, as_of, start, end), out)
        return
    from kvtrack.render import svg_timeline

    _deliver(svg_timeline.render(spans, undated, as_of, start, end), out)


def _deliver(text: str, out: Path | None) -> None:
    """To stdout, or atomically to `out` (printing nothing, as a cron job should)."""
    if out is None:
        typer.echo(text, nl=False)
        return
    from kvtrack.store.atomic import write_atomic

    write_atomic(out, text.encode("utf-8"))
