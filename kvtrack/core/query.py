"""Derived state as of a date, filters, ordering. Pure functions over the model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from kvtrack.core.limits import MAX_WITHIN_YEARS
from kvtrack.core.model import Commitment, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError


class State(StrEnum):
    """Where a commitment stands on a given day."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    UPCOMING = "upcoming"
    UNDATED = "undated"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def parse(cls, text: str) -> State:
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        if key == "due":
            key = "due-soon"
        for state in cls:
            if state.value == key:
                return state
        from kvtrack.core.suggest import did_you_mean

        names = ", ".join(s.value for s in cls)
        hint = did_you_mean(key, (s.value for s in cls))
        raise KvtrackError(f"unknown state '{text}'; use one of {names}{hint}")


WINDOW_FORMS = "a number and a unit: 30d, 6w, 3m or 1y"
_WINDOW = re.compile(r"\s*(\d+)\s*([dwmy])\s*", re.ASCII)
_MOST = {  # the longest window in each unit: MAX_WITHIN_YEARS
    "y": MAX_WITHIN_YEARS,
    "m": 12 * MAX_WITHIN_YEARS,
    "w": MAX_WITHIN_YEARS * 365 // 7,
    "d": MAX_WITHIN_YEARS * 365 + MAX_WITHIN_YEARS // 4,
}

URGENCY = (State.OVERDUE, State.DUE_SOON, State.UPCOMING, State.UNDATED, State.DONE, State.DROPPED)
_URGENCY_RANK = {state: rank for rank, state in enumerate(URGENCY)}


class Window(NamedTuple):
    """How far ahead 'due soon' looks: `30d`, `6w`, `3m`, `1y` (calendar months and years)."""

    amount: int
    unit: str  # d, w, m, y

    @classmethod
    def parse(cls, text: str) -> Window:
        """`30d`, `6w`, `3m` or `1y`: ASCII digits and a unit always, at most MAX_WITHIN_YEARS."""
        m = _WINDOW.fullmatch(text.lower())
        if m is None:
            bare = text.strip().isascii() and text.strip().isdigit()
            why = "has no unit" if bare else "is not a window"
            raise KvtrackError(f"'{text}' {why}; write it as {WINDOW_FORMS}")
        digits, unit = m[1].lstrip("0") or "0", m[2]
        amount = int(digits) if len(digits) < 10 else _MOST[unit] + 1  # no 4,000-digit int()
        if amount > _MOST[unit]:
            raise KvtrackError(
                f"'{text}' is too long a window; at most {MAX_WITHIN_YEARS} years "
                f"({_MOST['y']}y, {_MOST['m']}m, {_MOST['w']}w or {_MOST['d']}d)"
            )
        return cls(amount, unit)

    def end(self, start: date) -> date:
        """The last day inside the window that begins on `start` (date.max if past the calendar).

        Calendar arithmetic from dateutil: Jan 31 + 1m is Feb 28 (or 29), not Mar 3.
        """
        from dateutil.relativedelta import relativedelta

        n = self.amount
        step = {"d": relativedelta(days=n), "w": relativedelta(weeks=n)}.get(self.unit)
        if step is None:
            step = relativedelta(months=n) if self.unit == "m" else relativedelta(years=n)
        try:
            result: date = start + step
        except (ValueError, OverflowError):  # a window reaching past year 9999
            return date.max
        return result

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


class Assessed(NamedTuple):
    """A commitment with its state and days left (negative when late) on a given day, and its
    current due (`Commitment.current_due`, looked up once: sorting and every output use it)."""

    commitment: Commitment
    state: State
    days_left: int | None
    due: Period | None

    @property
    def id(self) -> str:
        return self.commitment.id


@lru_cache(maxsize=16)
def _window_end(window: Window, as_of: date) -> date:
    """`window.end(as_of)`, worked out once per run rather than once per commitment."""
    return window.end(as_of)


def assess(c: Commitment, as_of: date, window: Window) -> Assessed:
    return _assess(c, as_of, _window_end(window, as_of))


def _assess(c: Commitment, as_of: date, soon: date) -> Assessed:
    """`assess` with the window's last day (`soon`) worked out once for many commitments."""
    due = c.current_due
    days_left = (due.end - as_of).days if due is not None else None
    if c.status is Status.DONE:
        return Assessed(c, State.DONE, days_left, due)
    if c.status is Status.DROPPED:
        return Assessed(c, State.DROPPED, days_left, due)
    if due is None or days_left is None:
        return Assessed(c, State.UNDATED, None, due)
    if due.end < as_of:
        return Assessed(c, State.OVERDUE, days_left, due)
    if due.end <= soon:
        return Assessed(c, State.DUE_SOON, days_left, due)
    return Assessed(c, State.UPCOMING, days_left, due)


class Filter(NamedTuple):
    """The list filters; an empty field matches everything. Text matches ignore case."""

    statuses: frozenset[Status] = frozenset()
    states: frozenset[State] = frozenset()
    owners: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    due_before: date | None = None  # current due ends before this day
    due_after: date | None = None  # current due ends after this day

    def matches(self, a: Assessed) -> bool:
        c = a.commitment
        if self.statuses and c.status not in self.statuses:
            return False
        if self.states and a.state not in self.states:
            return False
        if self.owners and not _any_equal(self.owners, (c.owner or "",)):
            return False
        if self.places and not _any_equal(self.places, c.places):
            return False
        if self.tags and not _any_equal(self.tags, c.tags):
            return False
        if self.sources and c.source not in self.sources:
            return False
        due = a.due
        if self.due_before is not None and (due is None or due.end >= self.due_before):
            return False
        if self.due_after is not None and (due is None or due.end <= self.due_after):
            return False
        return True


def _any_equal(wanted: Sequence[str], have: Iterable[str]) -> bool:
    folded = {h.casefold() for h in have}
    return any(w.casefold() in folded for w in wanted)


def by_due(a: Assessed) -> tuple[int, date, str]:
    """Sort key: dated first by current due end, undated last, then id."""
    due = a.due
    return (0, due.end, a.id) if due is not None else (1, date.max, a.id)


def by_urgency(a: Assessed) -> tuple[int, date, str]:
    """Sort key for `due`: overdue first (most late first), then due soon (soonest first), ..."""
    due = a.due
    return (_URGENCY_RANK[a.state], due.end if due else date.max, a.commitment.id)


def select(
    commitments: Iterable[Commitment],
    as_of: date,
    window: Window,
    where: Filter = Filter(),
) -> list[Assessed]:
    """Assess every commitment and keep those the filter matches, sorted by current due."""
    soon = _window_end(window, as_of)
    assessed = (_assess(c, as_of, soon) for c in commitments)
    return sorted((a for a in assessed if where.matches(a)), key=by_due)


def attention(
    commitments: Iterable[Commitment], as_of: date, window: Window, include_all: bool = False
) -> list[Assessed]:
    """What `due` shows: overdue and due soon, most urgent first (with --all, upcoming and undated)."""
    wanted = {State.OVERDUE, State.DUE_SOON}
    if include_all:
        wanted |= {State.UPCOMING, State.UNDATED}
    # Closed commitments are never shown here: skip them before assessing (half of a big register).
    soon = _window_end(window, as_of)
    assessed = (_assess(c, as_of, soon) for c in commitments if not c.status.closed)
    return sorted((a for a in assessed if a.state in wanted), key=by_urgency)
