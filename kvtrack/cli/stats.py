"""`kvtrack stats`: the scorecard, per group and in total."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kvtrack.cli.app import app
from kvtrack.cli.options import (
    DEFAULT_FILE,
    DEFAULT_WITHIN,
    AsOfOption,
    FileOption,
    MaxBytesOption,
    StatsGroup,
    TableOrJson,
    WithinOption,
    as_of_date,
    byte_limit,
    window,
)


@app.command()
def stats(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    by: Annotated[
        Optional[StatsGroup],
        typer.Option("--by", help="Group by owner, place, source or status; else only the total."),
    ] = None,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        TableOrJson, typer.Option("--format", help="Output format.")
    ] = TableOrJson.table,
) -> None:
    """A scorecard: promises kept on time or late, dropped, open, overdue; how far they slipped.

    Kept on time: done no later than the end of the due promised in the answer (not a later,
    rescheduled one). Median and worst slip are over the rescheduled commitments. Definitions in
    docs/exports.md.

    Examples:

      kvtrack stats

      kvtrack stats --by owner --format json
    """
    from kvtrack.core.query import select
    from kvtrack.core.stats import GroupBy, scorecard
    from kvtrack.store.register import load

    day, win = as_of_date(as_of), window(within)
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    card = scorecard(select(register.commitments, day, win), GroupBy(by.value) if by else None)
    if format is TableOrJson.json:
        from kvtrack.render.records import dumps
        from kvtrack.render.stats_json import data

        typer.echo(dumps(data(card, day, str(win))))
        return
    from kvtrack.cli.output import emit_stats

    emit_stats(card, day, str(win))
