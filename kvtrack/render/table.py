"""Terminal tables for `list` and `due`.

Up to `LARGE` rows Rich lays the table out (and wraps long titles). Rich needs about half a
millisecond a row, two seconds for 4,000 rows, so larger tables are written line by line in the
same layout (Rich's ASCII box when the output is not a terminal, its simple header on a terminal),
one line a row: titles are cut with '…' to fit a terminal rather than wrapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kvtrack.core.query import Assessed
from kvtrack.render.words import STATE_STYLE, days_phrase, due_phrase

LARGE = 100
COLUMNS = ("id", "title", "due", "state", "days", "owner")
_TITLE, _STATE, _DAYS = 1, 3, 4

Paint = Callable[[str, str], str]  # (state word, padded cell) → the cell as printed


def commitments_table(
    items: Sequence[Assessed], console: Console, title: str | None = None
) -> None:
    if not items:
        console.print("No commitments match.")
        return
    if len(items) > LARGE:
        _write_lines(console, _plain_table(items, console, title))
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


def _cells(a: Assessed) -> tuple[str, str, str, str, str, str]:
    c = a.commitment
    return (c.id, c.title, due_phrase(c), a.state.value, days_phrase(a), c.owner or "")


def _plain_table(items: Sequence[Assessed], console: Console, title: str | None) -> Iterator[str]:
    """The lines of the table, in the layout Rich would give it, without wrapping."""
    rows = [_cells(a) for a in items]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
    terminal = console.is_terminal
    # Room the row takes besides the cells: one space each side of a cell, a rule between them.
    chrome = 3 * len(COLUMNS) + 1
    if terminal and sum(widths) + chrome > console.width:
        room = console.width - chrome - sum(widths) + widths[_TITLE]
        widths[_TITLE] = max(min(30, widths[_TITLE]), room)
    paint = _painter(console)

    def line(cells: Sequence[str], header: bool = False) -> str:
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if len(cell) > width:
                cell = cell[: width - 1] + "…"
            text = cell.rjust(width) if i == _DAYS else cell.ljust(width)
            if i == _STATE and not header:
                text = paint(cell, text)
            out.append(text)
        if terminal:
            return "  " + "   ".join(out) + "  "
        return "| " + " | ".join(out) + " |"

    if title:
        yield title
    if terminal:
        yield ""
        yield line(COLUMNS, header=True)
        yield " " + "─" * (sum(widths) + chrome - 2) + " "
        for row in rows:
            yield line(row)
        yield ""
        return
    rule = "+" + "-" * (sum(widths) + chrome - 2) + "+"
    yield rule
    yield line(COLUMNS, header=True)
    yield "|" + "+".join("-" * (w + 2) for w in widths) + "|"
    for row in rows:
        yield line(row)
    yield rule


def _painter(console: Console) -> Paint:
    """Colour for the state column when the console shows colour: state word → ANSI text."""
    if console.no_color or console.color_system is None:
        return lambda _state, text: text
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


def _write_lines(console: Console, lines: Iterator[str], batch: int = 500) -> None:
    out = console.file
    chunk: list[str] = []
    for text in lines:
        chunk.append(text)
        if len(chunk) >= batch:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")
    out.flush()
