"""`stats` as a text table: the scorecard per group and in total.

Off a terminal: one ASCII box with every column (what scripts and cron mail have always read). On
a terminal: the columns are packed into as many tables as the width needs, each repeating the
group column, so no column is ever dropped and no heading cut.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from kvtrack.core.stats import COUNT_KEYS, Scorecard, Tally
from kvtrack.render.terminal.layout import cells, cut, pad
from kvtrack.render.terminal.screen import Screen
from kvtrack.render.words import one_line

_HEADINGS = {"due_soon": "due soon"}
_GAP = 2


@dataclass(frozen=True, slots=True)
class _Column:
    heading: str
    values: tuple[str, ...]  # one a group, then the total
    right: bool = True

    @property
    def width(self) -> int:
        return max(cells(self.heading), *(cells(v) for v in self.values))


def stats_lines(card: Scorecard, screen: Screen, as_of: date, within: str) -> Iterator[str]:
    yield f"Scorecard as of {as_of} (due soon: within {within})"
    tallies = (*card.groups, card.total)
    group = _Column(
        card.by.value if card.by else "", tuple(one_line(t.group) for t in tallies), right=False
    )
    columns = _columns(tallies)
    if screen.width is None:
        yield from _ascii([group, *columns], has_groups=bool(card.groups))
        return
    for n, part in enumerate(_packed(group, columns, screen.width)):
        if n:
            yield ""
        yield from _simple(part, screen, has_groups=bool(card.groups))


def _columns(tallies: Sequence[Tally]) -> list[_Column]:
    def slip(days: float | None) -> str:
        return "—" if days is None else f"{days:g} d"

    out = [_Column("total", tuple(str(t.total) for t in tallies))]
    out += [
        _Column(_HEADINGS.get(k, k), tuple(str(t.counts[k]) for t in tallies)) for k in COUNT_KEYS
    ]
    out += [
        _Column("on time", tuple(str(t.on_time) for t in tallies)),
        _Column("late", tuple(str(t.late) for t in tallies)),
        _Column("moved", tuple(str(t.slip.rescheduled) for t in tallies)),
        _Column("median slip", tuple(slip(t.slip.median_days) for t in tallies)),
        _Column("worst slip", tuple(slip(t.slip.worst_days) for t in tallies)),
    ]
    return out


def _packed(group: _Column, columns: Sequence[_Column], width: int) -> list[list[_Column]]:
    """Tables of the group column and further columns that fit in `width`: as few tables as
    packing them in order needs, the columns spread evenly over them where that fits too."""
    widest = max(c.width for c in columns)
    room = width - _GAP - _GAP - widest  # the group column may take what the widest column leaves
    if group.width > room:
        group = _Column(group.heading, tuple(cut(v, room) for v in group.values), right=False)
    greedy: list[list[_Column]] = [[]]
    for column in columns:
        if greedy[-1] and not _fits([group, *greedy[-1], column], width):
            greedy.append([])
        greedy[-1].append(column)
    per = -(-len(columns) // len(greedy))  # ceiling
    even = [list(columns[i : i + per]) for i in range(0, len(columns), per)]
    parts = even if all(_fits([group, *part], width) for part in even) else greedy
    return [[group, *part] for part in parts]


def _fits(columns: Sequence[_Column], width: int) -> bool:
    return sum(_GAP + c.width for c in columns) <= width


def _simple(columns: Sequence[_Column], screen: Screen, *, has_groups: bool) -> Iterator[str]:
    widths = [c.width for c in columns]
    margin = " " * _GAP

    def line(texts: Sequence[str]) -> str:
        return (
            margin
            + margin.join(
                pad(t, w, c.right) for t, w, c in zip(texts, widths, columns, strict=True)
            )
        ).rstrip()

    yield screen.paint("bold", line([c.heading for c in columns]))
    rule = margin + "─" * (sum(widths) + _GAP * (len(widths) - 1))
    yield rule
    rows = len(columns[0].values)
    for r in range(rows):
        total = r == rows - 1
        if total and has_groups:
            yield rule
        text = line([c.values[r] for c in columns])
        yield screen.paint("bold", text) if total else text


def _ascii(columns: Sequence[_Column], *, has_groups: bool) -> Iterator[str]:
    """Rich's ASCII box, as `stats` printed it off a terminal before."""
    widths = [
        len(c.heading) if not c.values else max(len(c.heading), *(len(v) for v in c.values))
        for c in columns
    ]

    def line(texts: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(
                t.rjust(w) if c.right else t.ljust(w)
                for t, w, c in zip(texts, widths, columns, strict=True)
            )
            + " |"
        )

    top = "+" + "-" * (sum(widths) + 3 * len(widths) - 1) + "+"
    between = "|" + "+".join("-" * (w + 2) for w in widths) + "|"
    yield top
    yield line([c.heading for c in columns])
    yield between
    rows = len(columns[0].values)
    for r in range(rows):
        if r == rows - 1 and has_groups:
            yield between
        yield line([c.values[r] for c in columns])
    yield top
