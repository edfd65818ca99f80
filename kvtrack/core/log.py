"""What happened, and when: the register's history as dated events, newest first.

Behind `kvtrack log` and the site's Atom feed. Two kinds of fact are dated in a register:
- a commitment was made: its source's answer date (a source without one gives no event);
- something was recorded in its history: a status change, a reschedule (with the slip from the
  due it replaced), a note, evidence. One history entry is one event; its kind names the biggest
  change it records (a reschedule before a status change before a bare note).

Each event has a key that stays the same as the register grows (`id`, the entry's date and its
ordinal among that commitment's entries on that date), so a feed reader sees an event once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kvtrack.core.model import Commitment, Register, Source, Status
from kvtrack.core.period import Period


class LogKind(StrEnum):
    NEW = "new"  # the promise was made (its source's answer date)
    RESCHEDULED = "rescheduled"
    STATUS = "status"
    NOTE = "note"  # a note or evidence without a change


@dataclass(frozen=True, slots=True)
class LogEvent:
    day: date
    kind: LogKind
    commitment: Commitment
    key: str  # stable: `id` for NEW, `id/date/n` for history entries (n counts from 1)
    source: Source | None = None
    status_from: Status | None = None
    status_to: Status | None = None
    due_from: Period | None = None
    due_to: Period | None = None
    note: str | None = None
    evidence: str | None = None

    @property
    def slip_days(self) -> int | None:
        """How far this reschedule moved the deadline (days; negative when brought forward)."""
        if self.due_from is None or self.due_to is None:
            return None
        return (self.due_to.end - self.due_from.end).days


def events(
    register: Register,
    commitments: Iterable[Commitment],
    since: date | None = None,
    until: date | None = None,
) -> list[LogEvent]:
    """The events of `commitments` dated from `since` to `until` (both inclusive), newest first.

    Same day: by commitment id, then the later entry first (the order a reader scrolls back in).
    """
    out: list[LogEvent] = []
    for c in commitments:
        out.extend(
            e
            for e in commitment_events(c, register.sources.get(c.source))
            if (since is None or e.day >= since) and (until is None or e.day <= until)
        )
    out.sort(key=_newest_first)
    return out


def _newest_first(e: LogEvent) -> tuple[int, str, int]:
    # NEW sorts after the same day's history entries: it is the oldest fact of that day
    ordinal = 0 if e.kind is LogKind.NEW else int(e.key.rsplit("/", 1)[1])
    return (-e.day.toordinal(), e.commitment.id, -ordinal)


def commitment_events(c: Commitment, source: Source | None) -> list[LogEvent]:
    """One commitment's events, oldest first: when it was made, then each history entry."""
    out: list[LogEvent] = []
    if source is not None and source.answered is not None:
        out.append(LogEvent(source.answered, LogKind.NEW, c, c.id, source, due_to=c.due))
    status, due = Status.OPEN, c.due
    seen: dict[date, int] = {}
    for entry in c.history:
        seen[entry.date] = n = seen.get(entry.date, 0) + 1
        moved = entry.due is not None and entry.due != due
        changed = entry.status is not None and entry.status != status
        kind = LogKind.RESCHEDULED if moved else LogKind.STATUS if changed else LogKind.NOTE
        out.append(
            LogEvent(
                entry.date,
                kind,
                c,
                f"{c.id}/{entry.date.isoformat()}/{n}",
                source,
                status_from=status if entry.status is not None else None,
                status_to=entry.status,
                due_from=due if entry.due is not None else None,
                due_to=entry.due,
                note=entry.note,
                evidence=entry.evidence,
            )
        )
        status = entry.status or status
        due = entry.due or due
    return out
