"""`check`: what needs attention on a day, and what changed since the last check. Pure, no I/O.

A check reports the commitments that are overdue or due soon. Given a `Snapshot` of what the
previous check reported (id → state and current due), it also works out the news: items that are
newly overdue or newly due soon, and items that left the report, each with its reason.

An item counts as new when the previous check did not report it, reported it in the other list,
or reported it with another current due (a reschedule is news even when the item stays overdue).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed, State, Window, assess, attention


class Level(StrEnum):
    """The monitoring-plugin levels (their exit codes: `kvtrack.errors.ExitCode`)."""

    OK = "OK"
    WARNING = "WARNING"  # something due soon, nothing overdue
    CRITICAL = "CRITICAL"  # something overdue
    UNKNOWN = "UNKNOWN"  # the check itself could not run (bad file, bad arguments)


@dataclass(frozen=True, slots=True)
class Reported:
    """How one item stood when a check reported it: its state and its current due (as text)."""

    state: State
    due: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a check reported, kept between runs: the day it judged, and id → how it stood."""

    as_of: date
    reported: Mapping[str, Reported]


class ChangeKind(StrEnum):
    NEWLY_OVERDUE = "newly_overdue"
    NEWLY_DUE_SOON = "newly_due_soon"
    LEFT = "left"


class Reason(StrEnum):
    """Why an item is news."""

    NEW = "new"  # not reported last time (added, reopened, came into the window, first seen)
    DUE_PASSED = "due-passed"  # was due soon; its due period has ended
    RESCHEDULED = "rescheduled"  # its current due changed
    MOVED = "moved"  # same due, other list (the as-of day went back, or the data changed)
    DONE = "done"
    DROPPED = "dropped"
    OUT_OF_WINDOW = "out-of-window"  # same due, now further away than the window
    UNDATED = "undated"  # no due date any more
    REMOVED = "removed"  # no longer in the file


@dataclass(frozen=True, slots=True)
class Change:
    """One piece of news: an item entering a list, or leaving the report.

    `item` is the commitment as it stands now (None when it was removed from the file);
    `previous` is how the last check reported it (None when it did not).
    """

    kind: ChangeKind
    id: str
    reason: Reason
    item: Assessed | None
    previous: Reported | None


@dataclass(frozen=True, slots=True)
class Changes:
    """The news since the previous check."""

    since: date
    newly_overdue: tuple[Change, ...]
    newly_due_soon: tuple[Change, ...]
    left: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.newly_overdue or self.newly_due_soon or self.left)

    def __len__(self) -> int:
        return len(self.newly_overdue) + len(self.newly_due_soon) + len(self.left)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What needs attention as of a day; `changes` is None when there was no previous check."""

    as_of: date
    window: Window
    overdue: tuple[Assessed, ...]
    due_soon: tuple[Assessed, ...]
    open: int  # open or partial commitments, whatever their due
    changes: Changes | None = None

    @property
    def level(self) -> Level:
        if self.overdue:
            return Level.CRITICAL
        if self.due_soon:
            return Level.WARNING
        return Level.OK

    @property
    def needs_attention(self) -> bool:
        """Whether there is something to report: news when comparing, else anything due."""
        if self.changes is not None:
            return bool(self.changes)
        return self.level is not Level.OK

    def snapshot(self) -> Snapshot:
        """What this check reports, for the next one to compare with."""
        return Snapshot(
            self.as_of,
            {a.id: _reported(a) for a in (*self.overdue, *self.due_soon)},
        )


def check(
    register: Register, as_of: date, window: Window, previous: Snapshot | None = None
) -> CheckResult:
    """Overdue and due-soon commitments as of `as_of`, and the news since `previous` if given."""
    due = attention(register.commitments, as_of, window)
    overdue = tuple(a for a in due if a.state is State.OVERDUE)
    due_soon = tuple(a for a in due if a.state is State.DUE_SOON)
    open_count = sum(1 for c in register.commitments if not c.status.closed)
    changes = None
    if previous is not None:
        changes = _diff(register, as_of, window, overdue, due_soon, previous)
    return CheckResult(as_of, window, overdue, due_soon, open_count, changes)


def _reported(a: Assessed) -> Reported:
    return Reported(a.state, str(a.commitment.current_due))


def _diff(
    register: Register,
    as_of: date,
    window: Window,
    overdue: tuple[Assessed, ...],
    due_soon: tuple[Assessed, ...],
    previous: Snapshot,
) -> Changes:
    before = previous.reported
    newly_overdue = tuple(
        _entered(ChangeKind.NEWLY_OVERDUE, a, before.get(a.id))
        for a in overdue
        if before.get(a.id) != _reported(a)
    )
    newly_due_soon = tuple(
        _entered(ChangeKind.NEWLY_DUE_SOON, a, before.get(a.id))
        for a in due_soon
        if before.get(a.id) != _reported(a)
    )
    now = {a.id for a in (*overdue, *due_soon)}
    by_id = {c.id: c for c in register.commitments}
    left = []
    for cid in sorted(set(before) - now):
        c = by_id.get(cid)
        item = assess(c, as_of, window) if c is not None else None
        left.append(Change(ChangeKind.LEFT, cid, _why_left(item, before[cid]), item, before[cid]))
    return Changes(previous.as_of, newly_overdue, newly_due_soon, tuple(left))


def _entered(kind: ChangeKind, a: Assessed, previous: Reported | None) -> Change:
    if previous is None:
        reason = Reason.NEW
    elif previous.due != str(a.commitment.current_due):
        reason = Reason.RESCHEDULED
    elif previous.state is State.DUE_SOON and a.state is State.OVERDUE:
        reason = Reason.DUE_PASSED
    else:
        reason = Reason.MOVED
    return Change(kind, a.id, reason, a, previous)


def _why_left(item: Assessed | None, previous: Reported) -> Reason:
    if item is None:
        return Reason.REMOVED
    if item.state is State.DONE:
        return Reason.DONE
    if item.state is State.DROPPED:
        return Reason.DROPPED
    if item.state is State.UNDATED:
        return Reason.UNDATED
    if previous.due != str(item.commitment.current_due):
        return Reason.RESCHEDULED
    return Reason.OUT_OF_WINDOW


def counts(result: CheckResult) -> dict[str, int]:
    """The numbers every format shows: overdue, due_soon, open."""
    return {"overdue": len(result.overdue), "due_soon": len(result.due_soon), "open": result.open}


def ordered(changes: Changes) -> tuple[Change, ...]:
    """All changes, in the order the reports show them: newly overdue, newly due soon, left."""
    return (*changes.newly_overdue, *changes.newly_due_soon, *changes.left)
