"""The reading commands: validate, list, show, due, timeline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli import completion
from kvtrack.cli.app import app
from kvtrack.cli.filters import (
    FROM_OPTIONS,
    filtered,
    warn_unknown,
)
from kvtrack.cli.options import (
    DEFAULT_FILE,
    DEFAULT_WITHIN,
    AsOfOption,
    FileOption,
    ListFormat,
    MaxBytesOption,
    TableOrJson,
    TimelineFormat,
    WithinOption,
    as_of_date,
    boundary,
    byte_limit,
    window,
)

if TYPE_CHECKING:
    from kvtrack.core.model import Register
    from kvtrack.core.query import Assessed, Filter


@app.command()
def validate(file: FileOption = DEFAULT_FILE, max_bytes: MaxBytesOption = None) -> None:
    """Check the whole file and report every problem as path:line:col: message.

    Exit 0 with a one-line summary when the file is valid, 2 otherwise. Text holding control
    characters or bidi overrides (which could steer a reader's terminal) is a problem too.

    Example: kvtrack validate --file commitments.yaml
    """
    from kvtrack.errors import ValidationError
    from kvtrack.store.register import load
    from kvtrack.store.unsafe_text import unsafe_text_problems

    loaded = load(file, max_bytes=byte_limit(max_bytes))
    unsafe = [p for path in loaded.paths for p in unsafe_text_problems(Path(path))]
    if unsafe:
        raise ValidationError(problems=unsafe)
    reg = loaded.register
    n, s, f = len(reg.commitments), len(reg.sources), len(loaded.paths)
    files = f" in {f} file{'s' * (f != 1)}" if file.is_dir() else ""
    typer.echo(
        f"{file}: valid, {n} commitment{'s' * (n != 1)} from {s} source{'s' * (s != 1)}{files}"
    )


@app.command("list")
@filtered
def list_(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    flt: Filter = FROM_OPTIONS,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            help="Output format. csv is UTF-8 with a BOM (for Excel); yaml is a valid "
            "commitments file; ics is iCalendar (undated commitments left out).",
        ),
    ] = ListFormat.table,
    ics_events: Annotated[
        bool,
        typer.Option(
            "--ics-events",
            help="With --format ics: all-day events instead of to-dos (for Google Calendar).",
        ),
    ] = False,
) -> None:
    """List commitments, sorted by current due date (undated last).

    Every filter applies to every format.

    Examples:

      kvtrack list --state overdue --owner BZK

      kvtrack list --place Groningen --due-before 2027 --format json

      kvtrack list --owner BZK --format ics > bzk.ics
    """
    from kvtrack.cli.output import emit_list
    from kvtrack.core.query import select
    from kvtrack.errors import KvtrackError
    from kvtrack.store.register import load

    if ics_events and format is not ListFormat.ics:
        raise KvtrackError("--ics-events only applies to --format ics")
    day, win = as_of_date(as_of), window(within)
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    items = select(register.commitments, day, win, flt)
    warn_unknown(flt, register)
    emit_list(items, format.value, register, day, ics_events=ics_events)


@app.command()
def show(
    commitment_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The commitment's id.", autocompletion=completion.commitment_ids
        ),
    ],
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        TableOrJson, typer.Option("--format", help="Output format.")
    ] = TableOrJson.table,
) -> None:
    """Everything about one commitment: quote, source, due and current due, state, history.

    Example: kvtrack show groningen-cascadeplein
    """
    from kvtrack.cli.output import emit_show
    from kvtrack.core.query import assess
    from kvtrack.store.register import load

    day, win = as_of_date(as_of), window(within)
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    emit_show(assess(register.get(commitment_id), day, win), register, day, format.value)


@app.command()
def due(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    all_: Annotated[
        bool, typer.Option("--all", help="Also list upcoming and undated commitments.")
    ] = False,
    as_of: AsOfOption = None,
    format: Annotated[
        TableOrJson, typer.Option("--format", help="Output format.")
    ] = TableOrJson.table,
) -> None:
    """Overdue and due-soon commitments, most urgent first, with days late or left.

    Examples:

      kvtrack due

      kvtrack due --within 6m --all --format json
    """
    from kvtrack.cli.output import emit_due
    from kvtrack.core.query import attention
    from kvtrack.store.gc_pause import no_gc
    from kvtrack.store.register import load

    day, win = as_of_date(as_of), window(within)
    # `due` shows open commitments and nothing else: no closed ones, no sources.
    register = load(file, max_bytes=byte_limit(max_bytes), open_only=True).register
    # Assessing and printing thousands of items makes no cycles for the collector to find, only
    # objects for it to walk (at 10,000 commitments, 15-20 ms of a JSON `due`).
    with no_gc():
        items = attention(register.commitments, day, win, include_all=all_)
        emit_due(items, day, win, format.value)


@app.command()
@filtered
def timeline(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    from_: Annotated[
        Optional[str],
        typer.Option(
            "--from", help="Start at this period (2025, 2025-Q3, 2025-06-01).", metavar="PERIOD"
        ),
    ] = None,
    to: Annotated[
        Optional[str], typer.Option("--to", help="End with this period.", metavar="PERIOD")
    ] = None,
    flt: Filter = FROM_OPTIONS,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        TimelineFormat,
        typer.Option(
            "--format", help="Output format: text, JSON, an SVG picture, or an HTML page with both."
        ),
    ] = TimelineFormat.table,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o", help="Write to this file instead of standard output.", metavar="FILE"
        ),
    ] = None,
) -> None:
    """Answer dates and commitments in time order, grouped by year, with a marker for today.

    Each commitment sits at the end of its current due period; a rescheduled one shows its
    original due and the slip. Every `list` filter applies, in every format.

    The svg picture draws each commitment from its answer date to its current due, coloured by
    state; html is a self-contained page with the picture and a table.

    Examples:

      kvtrack timeline --from 2025 --to 2031

      kvtrack timeline --owner BZK --state overdue,due-soon

      kvtrack timeline --format svg --out timeline.svg
    """
    from kvtrack.cli.output import emit_picture, emit_timeline
    from kvtrack.core.query import Filter, select
    from kvtrack.core.timeline import spans
    from kvtrack.core.timeline import timeline as build
    from kvtrack.store.register import load

    start, end = boundary("--from", from_, end=False), boundary("--to", to, end=True)
    day, win = as_of_date(as_of), window(within)
    if out is not None:
        from kvtrack.store.outputs import refuse_overwrite

        refuse_overwrite(out, "--out", register=file)
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    assessed = select(register.commitments, day, win, flt)
    warn_unknown(flt, register)
    if flt != Filter():  # the answer dates shown are those of the sources still cited
        register = cited_only(register, assessed)
    if format in (TimelineFormat.svg, TimelineFormat.html):
        drawn, undated = spans(register, assessed, start, end)
        emit_picture(drawn, undated, register, day, (start, end), format.value, out)
        return
    events, undated = build(register, assessed, day, start, end)
    emit_timeline(events, undated, format.value, out)


def cited_only(register: Register, kept: Sequence[Assessed]) -> Register:
    """`register` with only the sources that the kept commitments cite."""
    from kvtrack.core.model import Register

    cited = {a.commitment.source for a in kept}
    sources = {k: v for k, v in register.sources.items() if k in cited}
    return Register(sources, register.commitments)
