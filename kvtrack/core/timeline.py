"""The timeline: sources' answer dates and commitments' due dates in time order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed


class EventKind(StrEnum):
    ANSWERED = "answered"  # a source document was answered: promises were made
    DUE = "due"  # a commitment's current due period ends
    TODAY = "today"


@dataclass(frozen=True, slots=True)
class Event:
    day: date
    kind: EventKind
    label: str
    item: Assessed | None = None  # for DUE events


def timeline(
    register: Register,
    assessed: Iterable[Assessed],
    as_of: date,
    start: date | None = None,
    end: date | None = None,
) -> tuple[list[Event], list[Assessed]]:
    """Dated events between start and end (inclusive) with a TODAY marker, and the undated items.

    A commitment sits at the last day of its current due period: that is when it is due.
    """
    events: list[Event] = []
    undated: list[Assessed] = []
    for source in register.sources.values():
        if source.answered is not None:
            events.append(Event(source.answered, EventKind.ANSWERED, source.title or source.id))
    for a in assessed:
        due = a.commitment.current_due
        if due is None:
            undated.append(a)
        else:
            events.append(Event(due.end, EventKind.DUE, a.commitment.title, a))
    events.append(Event(as_of, EventKind.TODAY, "today"))
    order = {EventKind.ANSWERED: 0, EventKind.TODAY: 1, EventKind.DUE: 2}
    inside = [
        e for e in events if (start is None or e.day >= start) and (end is None or e.day <= end)
    ]
    inside.sort(key=lambda e: (e.day, order[e.kind], e.item.id if e.item else e.label))
    return inside, undated
