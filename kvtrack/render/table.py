"""Terminal tables for `list` and `due`."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kvtrack.core.query import Assessed
from kvtrack.render.words import STATE_STYLE, days_phrase, due_phrase


def commitments_table(
    items: Sequence[Assessed], console: Console, title: str | None = None
) -> None:
    if not items:
        console.print("No commitments match.")
        return
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII,
        title_justify="left",
        show_lines=False,
    )
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("due", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("days", justify="right", no_wrap=True)
    table.add_column("owner", no_wrap=True)
    for a in items:
        c = a.commitment
        table.add_row(
            c.id,
            c.title,
            due_phrase(c),
            Text(a.state.value, style=STATE_STYLE[a.state]),
            days_phrase(a),
            c.owner or "",
        )
    console.print(table)
