"""Tables for `list` and `due`, in three layouts chosen by the screen's width alone.

- Off a terminal (pipes, files, cron): an ASCII box, one line a commitment, nothing cut or wrapped,
  so scripts can rely on it.
- A terminal of `WIDE` columns or more: one row a commitment under a header; when the row is too
  wide, the id, due and owner are shortened first and the title wraps inside its column.
- A narrower terminal, or one where the title would get fewer than `TITLE_MIN` columns: a short
  block a commitment, as `gh` and `task` print them: the id and state (with days, due and owner as
  far as they fit) on one line, the title wrapped under it with a hanging indent.

Every layout is plain lines made in one pass (no Rich), written as they are made: 10,000 rows take
a few tens of milliseconds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from kvtrack.core.query import Assessed
from kvtrack.render.terminal.layout import cells, cut, hang, pad, wrap
from kvtrack.render.terminal.screen import Screen, screen_for
from kvtrack.render.words import days_phrase, due_phrase, one_line

COLUMNS = ("id", "title", "due", "state", "days", "owner")
_ID, _TITLE, _DUE, _STATE, _DAYS, _OWNER = range(6)
WIDE = 100
TITLE_MIN = 30
#: Shortened first, in this order, each no narrower than its floor.
_SHRINK = ((_OWNER, 6), (_DUE, 10), (_ID, 24))
_GAP = 2  # spaces between columns on a terminal, and before the first
_INDENT = 4  # a block's title and further lines

Row = tuple[str, str, str, str, str, str]


def cells_of(a: Assessed) -> Row:
    """A commitment's cells, file text made safe and on one line."""
    c = a.commitment
    title, owner = c.title, c.owner or ""
    # isprintable() is False for every unsafe character and for line breaks: one C call decides
    # for nearly every title that there is nothing to escape or fold
    return (
        c.id,
        title if title.isprintable() else one_line(title),
        due_phrase(c),
        a.state.value,
        days_phrase(a),
        owner if owner.isprintable() else one_line(owner),
    )


def print_table(
    items: Sequence[Assessed], title: str | None = None, empty: str = "No commitments match."
) -> None:
    """The commitments as a table on stdout (or `empty` when there are none)."""
    out = sys.stdout
    if not items:
        out.write(empty + "\n")
        return
    write_lines(out, table_lines(items, screen_for(out), title))


def table_lines(
    items: Sequence[Assessed], screen: Screen, title: str | None = None
) -> Iterator[str]:
    """The lines `list` and `due` print on `screen`."""
    if title:
        yield title
    rows = [cells_of(a) for a in items]
    if screen.width is None:
        yield from _ascii(rows)
        return
    widths = sizes = None
    if screen.width >= WIDE:
        sizes = [tuple(map(cells, row)) for row in rows]  # measured once, used by every step
        widths = _column_widths(sizes, screen.width)
    if widths is None or sizes is None:
        for a, row in zip(items, rows, strict=True):
            yield from _block(a, row, screen)
        return
    yield from _wide(items, rows, sizes, widths, screen)


def _natural(sizes: Sequence[Sequence[int]], headings: Sequence[int]) -> list[int]:
    return [max(h, *(s[i] for s in sizes)) for i, h in enumerate(headings)]


def _column_widths(sizes: Sequence[Sequence[int]], width: int) -> list[int] | None:
    """Column widths that fit `width`, or None when the title would get too little room."""
    widths = _natural(sizes, [cells(h) for h in COLUMNS])
    natural_title = widths[_TITLE]
    over = sum(widths) + _GAP * len(COLUMNS) - width
    for column, floor in _SHRINK:
        if over <= 0:
            break
        take = min(over, max(0, widths[column] - floor))
        widths[column] -= take
        over -= take
    if over > 0:
        widths[_TITLE] -= over  # the title wraps inside its column
    return widths if widths[_TITLE] >= min(TITLE_MIN, natural_title) else None


def _wide(
    items: Sequence[Assessed],
    rows: Sequence[Row],
    sizes: Sequence[Sequence[int]],
    widths: list[int],
    screen: Screen,
) -> Iterator[str]:
    margin = " " * _GAP
    header = margin + margin.join(
        pad(h, w, i == _DAYS) for i, (h, w) in enumerate(zip(COLUMNS, widths, strict=True))
    )
    yield screen.paint("bold", header.rstrip())
    yield margin + "─" * (sum(widths) + _GAP * (len(COLUMNS) - 1))
    title_indent = " " * (_GAP + sum(widths[:_TITLE]) + _GAP * _TITLE)
    wi, wt, wd, ws, wy, wo = widths
    for a, row, size in zip(items, rows, sizes, strict=True):
        ident, title, due, state, days, owner = row
        ni, nt, nd, _, ny, no = size
        more: list[str] = []
        if ni > wi:
            ident = cut(ident, wi)
            ni = cells(ident)
        if nt > wt:
            title, *more = wrap(title, wt)
            nt = cells(title)
        if nd > wd:
            due = cut(due, wd)
            nd = cells(due)
        if no > wo:
            owner = cut(owner, wo)
            no = cells(owner)
        painted = screen.state(a.state, state.ljust(ws))
        yield (
            f"  {ident}{' ' * (wi - ni)}  {title}{' ' * (wt - nt)}  {due}{' ' * (wd - nd)}  "
            f"{painted}  {' ' * (wy - ny)}{days}  {owner}"
        ).rstrip()
        for line in more:
            yield title_indent + line


def _block(a: Assessed, row: Row, screen: Screen) -> Iterator[str]:
    """`id  state  days  due …  owner`, then the title under it with a hanging indent."""
    width = screen.width or 0
    ident, title, due, state, days, owner = row
    ident = cut(ident, width - _GAP - len(state))  # ids are slugs: a column a character
    line = f"{screen.paint('bold', ident)}  {screen.state(a.state, state)}"
    used = len(ident) + _GAP + len(state)
    for unit in (days, f"due {due}" if due != "—" else "", owner):
        if not unit:
            continue
        size = cells(unit)
        if used + _GAP + size > width:  # on a line of its own, shortened if need be
            yield line
            line, used = _MORE, _INDENT - _GAP
            unit = cut(unit, width - _INDENT)
            size = cells(unit)
        line, used = f"{line}  {unit}", used + _GAP + size
    yield line
    if title:
        yield from hang(_HANG, title, width, _INDENT)


_HANG = " " * _INDENT
_MORE = " " * (_INDENT - _GAP)


def _ascii(rows: Sequence[Row]) -> Iterator[str]:
    """Rich's ASCII box, one line a row, nothing cut: what scripts and cron mail have always read."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
    # str.format pads by characters
    pattern = "| " + " | ".join(
        f"{{:{'>' if i == _DAYS else '<'}{w}}}" for i, w in enumerate(widths)
    )
    pattern += " |"
    rule = "+" + "-" * (sum(widths) + 3 * len(COLUMNS) - 1) + "+"
    yield rule
    yield pattern.format(*COLUMNS)
    yield "|" + "+".join("-" * (w + 2) for w in widths) + "|"
    yield from (pattern.format(*r) for r in rows)
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
