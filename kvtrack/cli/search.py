"""`kvtrack search TEXT`: commitments whose words match, ignoring case and accents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
    ListFormat,
    MaxBytesOption,
    WithinOption,
    as_of_date,
    byte_limit,
    window,
)

if TYPE_CHECKING:
    from kvtrack.core.query import Filter


@app.command()
@filtered
def search(
    text: Annotated[
        list[str],
        typer.Argument(metavar="TEXT...", help='Words (all must match) and "quoted phrases".'),
    ],
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    flt: Filter = FROM_OPTIONS,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        ListFormat,
        typer.Option("--format", help="Output format, as for list; table shows the matches."),
    ] = ListFormat.table,
) -> None:
    """Find commitments by words in their title, quote, due text, notes, evidence or source title.

    Case and accents are ignored (coordinerende finds Coördinerende); every word must occur;
    quote a phrase to keep its words together. Matches are highlighted on a terminal. The
    filters and formats are those of list.

    Examples:

      kvtrack search rijksontmoetingsplein groningen

      kvtrack search '"in gebruik genomen"' --state overdue --format json
    """
    import sys

    from kvtrack.cli.output import emit_list
    from kvtrack.core.query import select
    from kvtrack.core.search import Query
    from kvtrack.core.search import search as find
    from kvtrack.store.register import load

    query = Query.parse(" ".join(text))
    day, win = as_of_date(as_of), window(within)
    register = load(file, max_bytes=byte_limit(max_bytes)).register
    items = select(register.commitments, day, win, flt)
    hits = find(register, (a.commitment for a in items), query)
    found = {h.commitment.id for h in hits}
    items = [a for a in items if a.id in found]
    if format is not ListFormat.table:
        emit_list(items, format.value, register, day)
        return
    from kvtrack.render import search_out
    from kvtrack.render.terminal.screen import colour_allowed

    search_out.write(hits, items, sys.stdout, highlight=colour_allowed(sys.stdout))
