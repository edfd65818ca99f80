"""The scorecard behind `kvtrack stats`: counts, kept on time vs late, and slip, per group.

Definitions (also in docs/exports.md):
- Status counts (open, partial, done, dropped) add up to the total. State counts (overdue, due
  soon, upcoming, undated) split the open and partial ones as of the day, so they add up to
  open + partial.
- Kept on time: done, and closed (`Commitment.closed_on`) no later than the END of the ORIGINAL
  due, the time frame promised in the answer, whatever reschedules came later. Late: closed after
  it. Unjudged: done, but without a dated closing entry or without an original due.
- Slip: for commitments whose deadline was rescheduled and which have both an original and a
  current due, the end of the current due minus the end of the original due, in days. The median
  and the worst are over those commitments only. Counting never-moved promises as zero would make
  the median 0 whenever fewer than half moved, and hide how far moved promises move; the
  `rescheduled` count says how many there are.
- Grouped by place, a commitment counts in each of its places, so groups can add up to more
  than the total; the total counts every commitment once. A missing owner or place is "(none)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kvtrack.core.model import Status
from kvtrack.core.query import Assessed, State

NONE_GROUP = "(none)"


class GroupBy(StrEnum):
    owner = "owner"
    place = "place"
    source = "source"
    status = "status"


@dataclass(frozen=True, slots=True)
class Slip:
    rescheduled: int = 0  # commitments whose due was moved (also those moved to or from undated)
    measured: int = 0  # of those, how many have a slip in days (dated before and after)
    median_days: float | None = None
    worst_days: int | None = None
    worst_id: str | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    """The scorecard of one group (or of everything)."""

    group: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # see COUNT_KEYS
    on_time: int = 0
    late: int = 0
    unjudged: int = 0  # done, but no closing date or no original due to judge against
    slip: Slip = Slip()


# Status words first, then the derived states of the open and partial ones.
COUNT_KEYS = ("open", "partial", "done", "dropped", "overdue", "due_soon", "upcoming", "undated")
_STATE_KEYS = {
    State.OVERDUE: "overdue",
    State.DUE_SOON: "due_soon",
    State.UPCOMING: "upcoming",
    State.UNDATED: "undated",
}


@dataclass(frozen=True, slots=True)
class Scorecard:
    by: GroupBy | None
    groups: list[Tally]
    total: Tally


def tally(group: str, items: Sequence[Assessed]) -> Tally:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    on_time = late = unjudged = 0
    slips: list[tuple[int, str]] = []
    rescheduled = 0
    for a in items:
        c = a.commitment
        counts[c.status.value] += 1
        if a.state in _STATE_KEYS:
            counts[_STATE_KEYS[a.state]] += 1
        if c.status is Status.DONE:
            closed = c.closed_on
            if closed is None or c.due is None:
                unjudged += 1
            elif closed <= c.due.end:
                on_time += 1
            else:
                late += 1
        if c.rescheduled:
            rescheduled += 1
            if c.slip_days is not None:
                slips.append((c.slip_days, c.id))
    slip = Slip(rescheduled=rescheduled, measured=len(slips))
    if slips:
        # the worst is the longest delay; a tie goes to the first id, so the output is stable
        worst_days, worst_id = min(slips, key=lambda s: (-s[0], s[1]))
        import statistics  # only here: it pulls in fractions and decimal

        median = statistics.median(days for days, _ in slips)
        slip = Slip(rescheduled, len(slips), float(median), worst_days, worst_id)
    return Tally(group, len(items), counts, on_time, late, unjudged, slip)


def scorecard(items: Iterable[Assessed], by: GroupBy | None = None) -> Scorecard:
    """Per group (sorted by name, "(none)" last) and in total."""
    everything = list(items)
    groups: list[Tally] = []
    if by is not None:
        members: dict[str, list[Assessed]] = {}
        keys = _GROUP_KEYS[by]
        for a in everything:
            for key in keys(a) or (NONE_GROUP,):
                members.setdefault(key, []).append(a)
        if by is GroupBy.status:  # the statuses' own order: open, partial, done, dropped
            rank = {s.value: i for i, s in enumerate(Status)}
            order = sorted(members, key=rank.__getitem__)
        else:
            order = sorted(members, key=lambda k: (k == NONE_GROUP, k.casefold(), k))
        groups = [tally(k, members[k]) for k in order]
    return Scorecard(by, groups, tally("total", everything))


_GROUP_KEYS: dict[GroupBy, Callable[[Assessed], tuple[str, ...]]] = {
    GroupBy.owner: lambda a: (a.commitment.owner,) if a.commitment.owner else (),
    GroupBy.place: lambda a: tuple(dict.fromkeys(a.commitment.places)),
    GroupBy.source: lambda a: (a.commitment.source,),
    GroupBy.status: lambda a: (a.commitment.status.value,),
}
