"""Tables as plain lines: what `list` and `due` print when the output is not a terminal.

Rich's ASCII layout (the one it uses off a terminal), one line a commitment, cells never wrapped,
written as it is formatted. It needs no Rich at all, which keeps pipes and cron jobs quick: Rich's
console costs about 20 ms to import and its table about half a millisecond a row to lay out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO

from kvtrack.core.query import Assessed
from kvtrack.render.words import days_phrase, due_phrase

COLUMNS = ("id", "title", "due", "state", "days", "owner")
_TITLE, _STATE, _DAYS = 1, 3, 4
# Besides its cells a row has one space each side of every cell and a rule between them.
_CHROME = 3 * len(COLUMNS) + 1

Paint = Callable[[str, str], str]  # (state word, padded cell) → the cell as printed


def cells(a: Assessed) -> tuple[str, str, str, str, str, str]:
    c = a.commitment
    return (c.id, c.title, due_phrase(c), a.state.value, days_phrase(a), c.owner or "")


def table_lines(
    items: Sequence[Assessed],
    title: str | None = None,
    *,
    terminal: bool = False,
    width: int | None = None,
    paint: Paint | None = None,
) -> Iterator[str]:
    """The table's lines: an ASCII box, or on a terminal Rich's simple header, cut to `width`."""
    rows = [cells(a) for a in items]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
    if width is not None and sum(widths) + _CHROME > width:
        room = width - _CHROME - sum(widths) + widths[_TITLE]
        widths[_TITLE] = max(min(30, widths[_TITLE]), room)

    # Off a terminal nothing is cut or painted: one format call a row.
    pattern = "| " + " | ".join(
        f"{{:{'>' if i == _DAYS else '<'}{w}}}" for i, w in enumerate(widths)
    )
    pattern += " |"

    def line(row: Sequence[str], header: bool = False) -> str:
        if not terminal and width is None and paint is None:
            return pattern.format(*row)
        out = []
        for i, (cell, w) in enumerate(zip(row, widths, strict=True)):
            if len(cell) > w:
                cell = cell[: w - 1] + "…"
            text = cell.rjust(w) if i == _DAYS else cell.ljust(w)
            if paint is not None and i == _STATE and not header:
                text = paint(cell, text)
            out.append(text)
        return "  " + "   ".join(out) + "  " if terminal else "| " + " | ".join(out) + " |"

    if title:
        yield title
    if terminal:
        yield ""
        yield line(COLUMNS, header=True)
        yield " " + "─" * (sum(widths) + _CHROME - 2) + " "
        yield from (line(r) for r in rows)
        yield ""
        return
    rule = "+" + "-" * (sum(widths) + _CHROME - 2) + "+"
    yield rule
    yield line(COLUMNS, header=True)
    yield "|" + "+".join("-" * (w + 2) for w in widths) + "|"
    yield from (line(r) for r in rows)
    yield rule


def write_lines(out: IO[str], lines: Iterable[str], batch: int = 500) -> None:
    """Write lines as they come, a few hundred at a time."""
    chunk: list[str] = []
    for text in lines:
        chunk.append(text)
        if len(chunk) >= batch:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")
    out.flush()
