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
    events = [
        Event(source.answered, EventKind.ANSWERED, source.title or source.id)
        for source in register.sources.values()
        if source.answered is not None
    ]
    undated: list[Assessed] = []
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


@dataclass(frozen=True, slots=True)
class Span:
    """One dated commitment laid out in time, for the timeline picture."""

    item: Assessed
    answered: date | None  # when the promise was made: its source's answer date, if known
    due_start: date  # the current due period
    due_end: date
    original_end: date | None  # end of the original due, when a reschedule moved it

    @property
    def start(self) -> date:
        """Left end of the bar: the promise, or the due period if the answer came later.

        An answer may report a promise already due (Assen: due 2023, answered December 2024).
        """
        return min(self.answered, self.due_start) if self.answered else self.due_start

    @property
    def first(self) -> date:
        """Earliest day anything of this span is drawn at."""
        days = [self.start, *([self.original_end] if self.original_end else [])]
        return min(days)

    @property
    def last(self) -> date:
        days = [self.due_end, *([self.answered] if self.answered else [])]
        days += [self.original_end] if self.original_end else []
        return max(days)


def spans(
    register: Register,
    assessed: Iterable[Assessed],
    start: date | None = None,
    end: date | None = None,
) -> tuple[list[Span], list[Assessed]]:
    """The dated commitments as spans touching [start, end] (in the given order), and the undated."""
    out: list[Span] = []
    undated: list[Assessed] = []
    for a in assessed:
        c = a.commitment
        due = c.current_due
        if due is None:
            undated.append(a)
            continue
        source = register.sources.get(c.source)
        moved = c.due is not None and c.due.end != due.end
        span = Span(
            item=a,
            answered=source.answered if source else None,
            due_start=due.start,
            due_end=due.end,
            original_end=c.due.end if moved and c.due else None,
        )
        if (start is None or span.last >= start) and (end is None or span.first <= end):
            out.append(span)
    return out, undated
