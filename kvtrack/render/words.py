"""Small phrases shared by the text renderers: days left, due with its reschedule."""

from __future__ import annotations

from kvtrack.core.model import Commitment
from kvtrack.core.query import Assessed, State


def days_phrase(a: Assessed) -> str:
    d = a.days_left
    if d is None:
        return "no due date"
    if a.state in (State.DONE, State.DROPPED):
        return ""
    if d < 0:
        return f"{-d} day{'s' if d != -1 else ''} late"
    if d == 0:
        return "due today"
    return f"{d} day{'s' if d != 1 else ''} left"


def due_phrase(c: Commitment) -> str:
    """`2026-Q2 (was 2025)` when rescheduled, else the due; the vague phrase when undated."""
    current = c.current_due
    if current is None:
        return f"— ({c.due_text})" if c.due_text else "—"
    if c.rescheduled:
        was = str(c.due) if c.due else "undated"
        return f"{current} (was {was})"
    return str(current)


STATE_STYLE = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "yellow",
    State.UPCOMING: "cyan",
    State.UNDATED: "dim",
    State.DONE: "green",
    State.DROPPED: "dim",
}
