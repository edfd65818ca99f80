"""`list --format ics`: iCalendar (RFC 5545) for calendar and task programs.

One entry per dated commitment; undated ones have no day to put in a calendar and are left out
(silently: stdout carries only the calendar, and the filters already say what was asked for).

DUE choice: a VTODO's DUE is the LAST SECOND of the current due period in Europe/Amsterdam
(`DUE;TZID=Europe/Amsterdam:20251231T235959` for "in 2025"), with a VTIMEZONE. A date-only DUE
would have to be the day AFTER the period (a DATE means the start of that day), and task programs
then show a promise "in 2025" as due on 1 January 2026 and "on 30 June" as due on 1 July: off by one
in every list. The last second shows the period's last day, the same `due_end` kvtrack prints
everywhere, and it turns overdue at the same instant kvtrack does (midnight, Amsterdam time).

`--ics-events` writes all-day VEVENTs instead (Google Calendar ignores VTODO): DTSTART is the
period's last day as a DATE, DTEND the next day (DTEND is exclusive), marked free (TRANSP).

UID is `<id>@kvtrack`, so re-importing updates entries instead of duplicating them; SEQUENCE is
the number of history entries, which only grows, so clients accept the newer version.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kvtrack import __version__
from kvtrack.core.limits import MAX_YEAR
from kvtrack.core.model import Register, Status
from kvtrack.core.query import Assessed
from kvtrack.render.words import citation, days_phrase

TZID = "Europe/Amsterdam"  # where the cabinet's deadlines fall, and kvtrack's "today"
PRODID = f"-//kvtrack//kvtrack {__version__}//EN"
UID_DOMAIN = "kvtrack"

TODO_STATUS = {Status.DONE: "COMPLETED", Status.DROPPED: "CANCELLED"}  # else NEEDS-ACTION
EVENT_STATUS = {Status.DROPPED: "CANCELLED"}  # else CONFIRMED


def uid(commitment_id: str) -> str:
    return f"{commitment_id}@{UID_DOMAIN}"


def due_instant(last_day: date) -> datetime:
    """The last second of `last_day` in Amsterdam: when a promise for that period runs out."""
    return datetime.combine(last_day, time(23, 59, 59), tzinfo=ZoneInfo(TZID))


def render(
    items: Sequence[Assessed],
    register: Register,
    as_of: date,
    stamp: datetime,
    *,
    events: bool = False,
) -> bytes:
    """The calendar as bytes (CRLF lines, folded at 75 octets, as RFC 5545 wants).

    `stamp` is the DTSTAMP of every entry (a UTC datetime): the moment of export.
    """
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "kvtrack: commitments")
    dated = [a for a in items if a.commitment.current_due is not None]
    for a in dated:
        cal.add_component(
            _event(a, register, as_of, stamp) if events else _todo(a, register, as_of, stamp)
        )
    if dated and not events:
        ends = [a.commitment.current_due.end for a in dated if a.commitment.current_due]
        # Cover only the years used: icalendar writes every DST change in the range as an RDATE.
        # It adds a UTC offset to the last day, so that stays inside the years kvtrack reads.
        last_year = min(max(ends).year + 1, MAX_YEAR)
        cal.add_missing_timezones(
            first_date=date(min(ends).year, 1, 1), last_date=date(last_year, 12, 31)
        )
    data: bytes = cal.to_ical()
    return data


def _todo(a: Assessed, register: Register, as_of: date, stamp: datetime) -> Any:
    from icalendar import Todo

    c = a.commitment
    assert c.current_due is not None  # only dated commitments get here
    todo = Todo()
    _common(todo, a, register, as_of, stamp)
    todo.add("summary", c.title)
    todo.add("due", due_instant(c.current_due.end))
    todo.add("status", TODO_STATUS.get(c.status, "NEEDS-ACTION"))
    return todo


def _event(a: Assessed, register: Register, as_of: date, stamp: datetime) -> Any:
    from icalendar import Event

    c = a.commitment
    assert c.current_due is not None
    event = Event()
    _common(event, a, register, as_of, stamp)
    event.add("summary", f"Due: {c.title}")
    event.add("dtstart", c.current_due.end)  # a date: an all-day event on the period's last day
    event.add("dtend", c.current_due.end + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("status", EVENT_STATUS.get(c.status, "CONFIRMED"))
    return event


def _common(entry: Any, a: Assessed, register: Register, as_of: date, stamp: datetime) -> None:
    c = a.commitment
    source = register.sources.get(c.source)
    entry.add("uid", uid(c.id))
    entry.add("dtstamp", stamp)
    entry.add("sequence", len(c.history))
    entry.add("description", description(a, register, as_of))
    categories = [a.state.value, *([c.owner] if c.owner else []), *c.tags]
    entry.add("categories", categories)
    if source is not None and source.url:
        entry.add("url", _uri(source.url))


def _uri(url: str) -> str:
    """A URL as an iCalendar URI: a space or control character (which would end the line or
    break it) percent-encoded, as a browser would send it."""
    from urllib.parse import quote

    return "".join(c if c.isprintable() and not c.isspace() else quote(c) for c in url)


def description(a: Assessed, register: Register, as_of: date) -> str:
    """Plain text: the quote, where it was promised, the due and the state on `as_of`."""
    c = a.commitment
    lines = [f"“{c.quote}”", "", f"Source: {citation(c, register.sources.get(c.source))}"]
    due = f"{c.due} (ends {c.due.end})" if c.due else "undated"
    if c.due_text:
        due += f", “{c.due_text}”"
    lines.append(f"Due: {due}")
    current = c.current_due
    if c.rescheduled and current is not None:
        slip = f", slipped {c.slip_days} days" if c.slip_days is not None else ""
        lines.append(f"Now due: {current} (ends {current.end}){slip}")
    days = days_phrase(a)
    lines.append(
        f"State on {as_of}: {a.state.value}{f', {days}' if days else ''} (status {c.status.value})"
    )
    if c.owner:
        lines.append(f"Owner: {c.owner}")
    if c.places:
        lines.append(f"Places: {', '.join(c.places)}")
    lines.append(f"kvtrack id: {c.id}")
    return "\n".join(lines)
