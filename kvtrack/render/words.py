"""Phrases shared by the renderers: days left, due with its reschedule, where a promise was made,
and the `check` formats' item lines and why an item is news.

Text from the file that a phrase includes goes through `one_line`, so these phrases are safe to
print on a terminal (see `core.safe_text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kvtrack.core.model import Commitment, Source
from kvtrack.core.query import Assessed, State
from kvtrack.core.safe_text import visible

if TYPE_CHECKING:  # the check phrases' types: `list` and `due` need not import the check code
    from kvtrack.core.check import Change, CheckResult
    from kvtrack.core.query import Window


def one_line(text: str) -> str:
    """File text on one line: unsafe characters escaped, line breaks and runs of spaces folded."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # nearly every title: nothing to escape or fold
    return " ".join(visible(text).split())


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
        return f"— ({one_line(c.due_text)})" if c.due_text else "—"
    if c.rescheduled:
        was = str(c.due) if c.due else "undated"
        return f"{current} (was {was})"
    return str(current)


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


def item_line(a: Assessed) -> str:
    """`id: title (due 2025, 331 days late)`."""
    c = a.commitment
    return f"{c.id}: {one_line(c.title)} (due {due_phrase(c)}, {days_phrase(a)})"


def reason_phrase(change: Change, window: Window) -> str:
    """Why a change is news, in a few words ('' for an item simply not reported before)."""
    from kvtrack.core.check import Reason

    item, previous = change.item, change.previous
    current = item.commitment.current_due if item is not None else None
    match change.reason:
        case Reason.NEW:
            return ""
        case Reason.DUE_PASSED:
            return f"its due period ended on {current.end}" if current else "its due period ended"
        case Reason.RESCHEDULED:
            was = previous.due if previous else "?"
            return f"rescheduled from {was} to {current or 'undated'}"
        case Reason.MOVED:
            return f"was {previous.state.value}" if previous else ""
        case Reason.DONE | Reason.DROPPED:
            closed = item.commitment.closed_on if item else None
            return f"{change.reason.value} on {closed}" if closed else change.reason.value
        case Reason.OUT_OF_WINDOW:
            return f"due {current}, no longer within {window}"
        case Reason.UNDATED:
            return "no due date any more"
        case Reason.REMOVED:
            return "removed from the file"


def change_line(change: Change, window: Window) -> str:
    """An entering item as `item_line`, a leaving one as `id: title`; then ` - reason`."""
    from kvtrack.core.check import ChangeKind

    item = change.item
    if item is None:
        head = change.id
    elif change.kind is ChangeKind.LEFT:
        head = f"{item.id}: {one_line(item.commitment.title)}"
    else:
        head = item_line(item)
    why = reason_phrase(change, window)
    return f"{head} - {why}" if why else head


def count_phrase(result: CheckResult) -> str:
    """`1 overdue, 2 due soon (within 90d), 8 open`."""
    return (
        f"{len(result.overdue)} overdue, {len(result.due_soon)} due soon "
        f"(within {result.window}), {result.open} open"
    )


def news_phrase(result: CheckResult) -> str:
    """`1 newly overdue, 1 left the report` ('' when there is no news)."""
    changes = result.changes
    if not changes:
        return ""
    parts = [
        f"{len(changes.newly_overdue)} newly overdue" if changes.newly_overdue else "",
        f"{len(changes.newly_due_soon)} newly due soon" if changes.newly_due_soon else "",
        f"{len(changes.left)} left the report" if changes.left else "",
    ]
    return ", ".join(p for p in parts if p)


def ids(items: Sequence[Assessed], limit: int = 3) -> str:
    """`a, b, c` or `a, b, c, +2 more`."""
    shown = ", ".join(a.id for a in items[:limit])
    more = len(items) - limit
    return f"{shown}, +{more} more" if more > 0 else shown
