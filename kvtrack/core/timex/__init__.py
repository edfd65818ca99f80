"""Dutch time phrases → periods, relative to the date of the answer they occur in.

`find_times(text, anchor)` finds every time phrase in a sentence; `normalise(phrase, anchor)` gives the
first one. Each phrase gets a kind:

- ``deadline``: a time frame something is due in ("in 2025", "voor de zomer", "uiterlijk 1 juli 2025");
- ``vague``: a time frame without a period ("de komende jaren", "op korte termijn"): period None;
- ``range``: a span, a starting point or a rough forecast ("na 2025", "tot 2028", "vanaf 2026",
  "rond 2030"), or a year as a topic ("de begroting voor 2026"): never a deadline;
- ``past``: a time before the answer date ("eind vorig jaar", "16 mei jl.", "in 2023").

Choices, made once here (docs/extract.md explains them to users):

- "eind 2025" → 2025-Q4, "begin 2026" → 2026-Q1, "medio 2026" → 2026-07 (mid-year is June-July; the
  later month, so a promise is not overdue while the phrase can still be true).
- voorjaar → H1, najaar / herfst → H2, zomer → Q3.
- "voor de zomer(reces)" → the last day before the summer recess (the Thursday between 1 and 7 July);
  "voor het kerstreces" likewise in December; "voor Prinsjesdag" → the day before the third Tuesday of
  September; "na de zomer" → H2.
- "voor" + a point in time is strict: "voor 1 januari 2026" → 2025-12-31, "voor september" → August.
  "voor 2030" is a deadline (2029) only when the wording makes it one ("ruim voor 2030", "vóór 2030",
  "voor 2030 afgerond"); otherwise it usually means "for 2030" and counts as a range.
- A phrase without a year takes the next such moment after the answer date ("voor de zomer",
  "in het najaar"); a bare date or month ("op 1 maart") the nearest one; "jl." the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kvtrack.core.lowercase import aligned_lower
from kvtrack.core.period import Period
from kvtrack.core.timex.base import Context, Resolved, TimeKind
from kvtrack.core.timex.table import RULES, TRIGGERS

__all__ = ["TimeKind", "TimeRef", "find_times", "normalise"]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time phrase as written (`text`, at `start:end` in the searched text) and what it means."""

    text: str
    start: int
    end: int
    period: Period | None
    kind: TimeKind


def find_times(text: str, anchor: date | None = None, *, future: bool = False) -> list[TimeRef]:
    """Every time phrase in `text`, left to right, none overlapping.

    `anchor` is the answer's date; `future` says the sentence speaks of what is still to come, so a
    date or month without a year is its next occurrence rather than the nearest one.
    """
    context = Context(anchor, text, future)
    lowered = aligned_lower(text)
    found: list[tuple[int, int, int, Resolved]] = []
    for order, (name, pattern, handler) in enumerate(RULES):
        trigger = TRIGGERS.get(name)
        if trigger is not None and lowered is not None and not trigger.found(lowered):
            continue
        for m in pattern.finditer(text):
            if m.end() <= m.start():
                continue
            resolved = handler(m, context)
            if resolved is not None:
                start, end = _trim(text, m.start(), m.end())
                found.append((start, end, order, resolved))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    refs: list[TimeRef] = []
    taken_until = -1
    for start, end, _order, (period, kind) in found:
        if start < taken_until:
            continue
        recurring = _RECURRING.search(text, max(0, taken_until), start)
        if recurring is not None and not text[recurring.end() : start].strip():
            # "ieder jaar op Prinsjesdag": a routine, not one deadline
            start, period, kind = recurring.start(), None, TimeKind.VAGUE
        refs.append(TimeRef(text[start:end], start, end, period, _settle(kind, period, anchor)))
        taken_until = end
    return refs


_RECURRING = re.compile(
    r"\b(?:(?:ieder|elk|elke|iedere)\s+(?:jaar|kwartaal|half\s?jaar|maand|week|voorjaar|najaar"
    r"|zomer)|jaarlijks|halfjaarlijks|tweejaarlijks|driemaandelijks|maandelijks|telkens|steeds)\s+",
    re.IGNORECASE,
)


def normalise(phrase: str, anchor: date | None = None, *, future: bool = False) -> TimeRef | None:
    """The first time phrase in `phrase`, or None when it has none."""
    refs = find_times(phrase, anchor, future=future)
    return refs[0] if refs else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _settle(kind: TimeKind, period: Period | None, anchor: date | None) -> TimeKind:
    """A deadline that ended before the answer was written is a past event."""
    late = period is not None and anchor is not None and period.end < anchor
    return TimeKind.PAST if kind is TimeKind.DEADLINE and late else kind
