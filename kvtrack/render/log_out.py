"""`kvtrack log`: history events as lines for people, or as JSON for machines.

One line an event, newest first: `date  kind  id: title — what changed: note <evidence>`. On a
terminal the kind is coloured; off one the text is the same without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from kvtrack.core.log import LogEvent, LogKind
from kvtrack.render.words import one_line

KIND_STYLE = {
    LogKind.NEW: "blue",
    LogKind.RESCHEDULED: "yellow",
    LogKind.STATUS: "green",
    LogKind.NOTE: "dim",
}


def change(e: LogEvent) -> str:
    """What an event records, in a few words (English; the site has its own Dutch words)."""
    if e.kind is LogKind.NEW:
        due = f", due {e.due_to}" if e.due_to else ", no due date"
        where = e.source.title if e.source and e.source.title else e.commitment.source
        return f"promised in {where}{_answer(e.commitment.answer)}{due}"
    parts = []
    if e.due_to is not None and e.kind is LogKind.RESCHEDULED:
        slip = e.slip_days
        moved = f" ({_days(slip)})" if slip is not None else ""
        parts.append(f"rescheduled {e.due_from or 'undated'} → {e.due_to}{moved}")
    if e.status_to is not None and e.status_to != e.status_from:
        parts.append(f"{e.status_from} → {e.status_to}" if e.status_from else str(e.status_to))
    return ", ".join(parts) or "note"


def _answer(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    return f", answer{'s' * (len(numbers) > 1)} {', '.join(str(n) for n in numbers)}"


def _days(slip: int) -> str:
    if slip == 0:
        return "same end"
    word = "later" if slip > 0 else "earlier"
    n = abs(slip)
    return f"{n} day{'s' * (n != 1)} {word}"


def line(e: LogEvent) -> tuple[str, str, str]:
    """(date, kind, text) of one event."""
    c = e.commitment
    text = f"{c.id}: {one_line(c.title)} — {one_line(change(e))}"  # file text made safe
    if e.note:
        text += f": {one_line(e.note)}"
    if e.evidence:
        text += f" <{one_line(e.evidence)}>"
    return e.day.isoformat(), e.kind.value, text


def write(events: Sequence[LogEvent], out: IO[str], paint: bool = False) -> None:
    """The events as lines; `paint` adds ANSI colour to the kind (terminals only)."""
    styles: dict[str, Any] = {}
    if paint:
        from rich.style import Style

        styles = {k.value: Style.parse(s) for k, s in KIND_STYLE.items()}
    width = max((len(k.value) for k in LogKind), default=0)
    for e in events:
        day, kind, text = line(e)
        cell = kind.ljust(width)
        if kind in styles:
            cell = styles[kind].render(cell)
        out.write(f"{day}  {cell}  {text}\n")


def data(e: LogEvent) -> dict[str, Any]:
    """One event as plain data (`log --format json`)."""
    c = e.commitment
    return {
        "date": e.day.isoformat(),
        "kind": e.kind.value,
        "key": e.key,
        "id": c.id,
        "title": c.title,
        "source": c.source,
        "status_from": e.status_from.value if e.status_from else None,
        "status_to": e.status_to.value if e.status_to else None,
        "due_from": str(e.due_from) if e.due_from else None,
        "due_to": str(e.due_to) if e.due_to else None,
        "slip_days": e.slip_days,
        "note": e.note,
        "evidence": e.evidence,
    }
