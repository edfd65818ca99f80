"""Tables for `list` and `due`.

Off a terminal (pipes, files, cron) the table is plain lines (see `plain`). On a terminal Rich lays
it out, with colour and wrapped titles, up to `LARGE` rows; Rich needs about half a millisecond a
row, two seconds for 4,000, so a larger table is written line by line in Rich's layout, titles cut
with '…' to fit the terminal instead of wrapped.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kvtrack.core.query import Assessed
from kvtrack.render.plain import Paint, table_lines, write_lines
from kvtrack.render.words import STATE_STYLE, days_phrase, due_phrase

if TYPE_CHECKING:
    from rich.console import Console

LARGE = 100


def print_table(
    items: Sequence[Assessed], title: str | None = None, empty: str = "No commitments match."
) -> None:
    """The commitments as a table on stdout (or `empty` when there are none)."""
    if not sys.stdout.isatty():
        if not items:
            sys.stdout.write(empty + "\n")
            return
        write_lines(sys.stdout, table_lines(items, title))
        return
    from kvtrack.render.console import stdout_console

    console = stdout_console()
    if not items:
        console.print(empty)
        return
    commitments_table(items, console, title)


def commitments_table(
    items: Sequence[Assessed], console: Console, title: str | None = None
) -> None:
    if not items:
        console.print("No commitments match.")
        return
    if len(items) > LARGE or not console.is_terminal:
        lines = table_lines(
            items,
            title,
            terminal=console.is_terminal,
            width=console.width if console.is_terminal else None,
            paint=_painter(console),
        )
        write_lines(console.file, lines)
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)
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


def _painter(console: Console) -> Paint | None:
    """Colour for the state column when the console shows colour: state word → ANSI text."""
    if console.no_color or console.color_system is None:
        return None
    from rich.color import ColorSystem
    from rich.style import Style

    styles = {state.value: Style.parse(style) for state, style in STATE_STYLE.items()}
    system = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }[console.color_system]

    def paint(state: str, text: str) -> str:
        return styles[state].render(text, color_system=system)

    return paint
