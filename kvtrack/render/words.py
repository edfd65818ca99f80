"""Small phrases shared by the text renderers: days left, due with its reschedule."""

from __future__ import annotations

from kvtrack.core.model import Commitment, Source
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


def citation(c: Commitment, source: Source | None) -> str:
    """Where a promise was made, in one line: document, answer number, who asked and answered."""
    answers = ", ".join(str(n) for n in c.answer)
    label = ("Antwoorden " if len(c.answer) > 1 else "Antwoord ") + answers if answers else ""
    if source is None:
        return ", ".join(x for x in (c.source, label) if x)
    parts = [f"{source.title or source.id} ({source.id})"]
    if label:
        parts.append(label)
    if source.asked_by:
        when = f", submitted {source.submitted}" if source.submitted else ""
        parts.append(f"asked by {source.asked_by}{when}")
    if source.answered_by:
        when = f" on {source.answered}" if source.answered else ""
        parts.append(f"answered by {source.answered_by}{when}")
    elif source.answered:
        parts.append(f"answered {source.answered}")
    return "; ".join(parts)
