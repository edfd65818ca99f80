"""`timeline` in the terminal: events grouped by year, a marker for today, reschedules visible."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from kvtrack.core.query import Assessed
from kvtrack.core.timeline import Event, EventKind
from kvtrack.render.words import STATE_STYLE, days_phrase


def timeline(events: Sequence[Event], undated: Sequence[Assessed], console: Console) -> None:
    p = console.print
    year: int | None = None
    for e in events:
        if e.day.year != year:
            if year is not None:
                p()
            year = e.day.year
            p(f"[bold]{year}[/bold]")
        if e.kind is EventKind.TODAY:
            p(f"  [bold reverse]{e.day}  ◀ today[/bold reverse]")
        elif e.kind is EventKind.ANSWERED:
            p(f"  {e.day}  [blue]answered[/blue]  {escape(e.label)}")
        elif e.item is not None:
            c = e.item.commitment
            style = STATE_STYLE[e.item.state]
            due = str(c.current_due)
            if c.rescheduled:
                due += f", was {c.due or 'undated'} (slipped {c.slip_days} days)"
            days = days_phrase(e.item)
            extra = f", {days}" if days else ""
            p(
                f"  {e.day}  [{style}]{e.item.state.value:<8}[/{style}]  "
                f"{escape(c.id)}: {escape(c.title)} [dim](due {due}{extra})[/dim]"
            )
    if undated:
        p()
        p("[bold]undated[/bold]")
        for a in undated:
            c = a.commitment
            vague = f" [dim]({escape(c.due_text)})[/dim]" if c.due_text else ""
            p(f"  {a.state.value:<8}  {escape(c.id)}: {escape(c.title)}{vague}")
