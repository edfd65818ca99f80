"""`kvtrack log`: what happened to the commitments, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli.app import app
from kvtrack.cli.filters import (
    FROM_OPTIONS,
    filtered,
)
from kvtrack.cli.options import (
    DEFAULT_FILE,
    DEFAULT_WITHIN,
    AsOfOption,
    FileOption,
    MaxBytesOption,
    TableOrJson,
    WithinOption,
    as_of_date,
    byte_limit,
    day_option,
    window,
)

if TYPE_CHECKING:
    from kvtrack.core.log import LogEvent
    from kvtrack.core.query import Filter

DEFAULT_DAYS = 7  # `--since` when not given: a week back from today


@app.command()
@filtered
def log(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    since: Annotated[
        Optional[str],
        typer.Option(
            help="First day to show (YYYY-MM-DD); default 7 days before --until.", metavar="DATE"
        ),
    ] = None,
    until: Annotated[
        Optional[str],
        typer.Option(help="Last day to show (YYYY-MM-DD); default today.", metavar="DATE"),
    ] = None,
    flt: Filter = FROM_OPTIONS,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        TableOrJson, typer.Option("--format", help="Output format.")
    ] = TableOrJson.table,
) -> None:
    """What changed: status changes, reschedules (with their slip), notes, evidence, and new
    commitments (dated by their source's answer), newest first.

    Prints nothing when nothing happened in the period. The filters are those of list (--state
    is judged as of --as-of).

    Examples:

      kvtrack log

      kvtrack log --since 2026-01-01 --owner BZK --format json
    """
    from datetime import timedelta

    from kvtrack.core.log import events
    from kvtrack.core.query import select
    from kvtrack.errors import KvtrackError
    from kvtrack.store.register import load

    day, win = as_of_date(as_of), window(within)
    last = day_option("--until", until) if until else day
    first = day_option("--since", since) if since else last - timedelta(days=DEFAULT_DAYS)
    if first > last:
        raise KvtrackError(f"--since {first} is after --until {last}; swap them")
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    chosen = (a.commitment for a in select(register.commitments, day, win, flt))
    found = events(register, chosen, first, last)
    _emit(found, format.value)


def _emit(found: Sequence[LogEvent], fmt: str) -> None:
    import sys

    from kvtrack.render import log_out

    if fmt == "json":
        from kvtrack.render.records import dumps

        typer.echo(dumps([log_out.data(e) for e in found]))
        return
    from kvtrack.render.terminal.screen import colour_allowed

    log_out.write(found, sys.stdout, paint=colour_allowed(sys.stdout))
