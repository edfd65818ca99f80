"""`timeline` as text: events grouped by year, a marker for today, reschedules visible.

Each event is one line off a terminal; on a terminal it wraps with a hanging indent under the text
after its date and state, so the dates stay a clean column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kvtrack.core.query import Assessed
from kvtrack.core.timeline import Event, EventKind
from kvtrack.render.terminal.layout import hang
from kvtrack.render.terminal.screen import STATE_STYLE, Screen
from kvtrack.render.words import days_phrase, one_line

_STATE = 8  # the widest state word, 'upcoming'
_ROOM = 44  # the least width wrapped text keeps before the indent moves left


def timeline_lines(
    events: Sequence[Event], undated: Sequence[Assessed], screen: Screen
) -> Iterator[str]:
    year: int | None = None
    for e in events:
        if e.day.year != year:
            if year is not None:
                yield ""
            year = e.day.year
            yield screen.paint("bold", str(year))
        yield from _event(e, screen)
    if undated:
        yield ""
        yield screen.paint("bold", "undated")
        for a in undated:
            c = a.commitment
            vague = f" ({one_line(c.due_text)})" if c.due_text else ""
            text = f"{c.id}: {one_line(c.title)}{vague}"
            yield from _marked("  ", a.state.value, STATE_STYLE[a.state], text, screen)


def _event(e: Event, screen: Screen) -> Iterator[str]:
    if e.kind is EventKind.TODAY:
        yield "  " + screen.paint("bold reverse", f"{e.day}  ◀ today")
        return
    head = f"  {e.day}  "
    if e.kind is EventKind.ANSWERED:
        yield from _marked(head, "answered", "blue", one_line(e.label), screen)
        return
    if e.item is None:
        return
    c = e.item.commitment
    due = str(c.current_due)
    if c.rescheduled:
        due += f", was {c.due or 'undated'} (slipped {c.slip_days} days)"
    days = days_phrase(e.item)
    extra = f", {days}" if days else ""
    text = f"{c.id}: {one_line(c.title)} (due {due}{extra})"
    yield from _marked(head, e.item.state.value, STATE_STYLE[e.item.state], text, screen)


def _marked(head: str, word: str, style: str, text: str, screen: Screen) -> Iterator[str]:
    """`head`, `word` in `style` and `text`, wrapped with a hanging indent under the text (or,
    on a narrow terminal, under `word`, so the text keeps `_ROOM` columns)."""
    start = f"{head}{word:<{_STATE}}  "
    indent = len(start)
    if screen.width is not None and screen.width - indent < _ROOM:
        indent = len(head)
    first, *rest = hang(start, text, screen.width, indent)
    yield head + screen.paint(style, word) + first[len(head) + len(word) :]
    yield from rest
