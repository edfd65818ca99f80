"""`show`: everything about one commitment, as labelled lines wrapped under their label."""

from __future__ import annotations

from collections.abc import Iterator

from kvtrack.core.model import Commitment, Register
from kvtrack.core.query import Assessed
from kvtrack.render.terminal.layout import hang
from kvtrack.render.terminal.screen import Screen
from kvtrack.render.words import days_phrase, one_line

_LABEL = 11  # `  source     `: values start in column 13, and wrap back to it
_INDENT = 2 + _LABEL


def show_lines(a: Assessed, register: Register, screen: Screen) -> Iterator[str]:
    """The lines `show` prints: laid out plain for the width, then the id and state painted."""
    c = a.commitment
    width = screen.width
    first, *rest = hang(c.id + ": ", one_line(c.title), width, 2)
    yield screen.paint("bold", c.id) + first[len(c.id) :]
    yield from rest
    yield ""
    yield from hang("  “", one_line(c.quote) + "”", width, 3)
    yield ""
    for label, value in (*_source(c, register), *_due(c)):
        yield from _field(label, value, width)
    first, *rest = _field("state", _state(a), width)
    word = a.state.value
    yield first[:_INDENT] + screen.state(a.state, word) + first[_INDENT + len(word) :]
    yield from rest
    for label, value in _about(c):
        yield from _field(label, value, width)
    yield ""
    yield from _history(c, width)


def _field(label: str, value: str, width: int | None) -> list[str]:
    return hang(f"  {label:<{_LABEL}}", value, width, _INDENT)


def _source(c: Commitment, register: Register) -> Iterator[tuple[str, str]]:
    source = register.sources.get(c.source)
    if source is None:
        return
    title = one_line(source.title or source.id)
    if c.answer:  # a letter or a debate has no numbered answers
        label = "Antwoorden" if len(c.answer) > 1 else "Antwoord"
        title += f" ({source.id}), {label} {', '.join(str(n) for n in c.answer)}"
    else:
        title += f" ({source.id})"
    yield "source", title
    if source.asked_by:
        when = f", submitted {source.submitted}" if source.submitted else ""
        yield "asked by", one_line(source.asked_by) + when
    if source.answered_by:
        when = f", answered {source.answered}" if source.answered else ""
        yield "answered", one_line(source.answered_by) + when
    for key, value in source.identifiers.items():
        if value:
            yield key, one_line(value)
    if source.url:
        yield "url", one_line(source.url)
    if source.file:
        yield "file", one_line(source.file)


def _due(c: Commitment) -> Iterator[tuple[str, str]]:
    due = c.due
    vague = f" ({one_line(c.due_text)})" if c.due_text else ""
    yield "due", f"{f'{due} (ends {due.end})' if due else 'undated'}{vague}"
    if c.rescheduled:
        current = c.current_due
        slip = c.slip_days
        slipped = f", slipped {slip} days" if slip is not None else ""
        ends = f" (ends {current.end})" if current else ""
        yield "now due", f"{current or 'undated'}{ends}{slipped}"


def _state(a: Assessed) -> str:
    days = days_phrase(a)
    return f"{a.state.value}{f', {days}' if days else ''} (status {a.commitment.status.value})"


def _about(c: Commitment) -> Iterator[tuple[str, str]]:
    if c.owner:
        yield "owner", one_line(c.owner)
    if c.places:
        yield "places", one_line(", ".join(c.places))
    if c.tags:
        yield "tags", one_line(", ".join(c.tags))
    if c.cue:
        yield "cue", one_line(c.cue)


def _history(c: Commitment, width: int | None) -> Iterator[str]:
    if not c.history:
        yield "  history    none"
        return
    yield "  history"
    for h in c.history:
        parts = []
        if h.status is not None:
            parts.append(f"status → {h.status.value}")
        if h.due is not None:
            parts.append(f"due → {h.due}")
        if h.note:
            parts.append(one_line(h.note))
        head = f"    {h.date}  "
        yield from hang(head, "; ".join(parts) or "(no details)", width, len(head))
        if h.evidence:
            yield from hang(
                " " * len(head) + "evidence: ", one_line(h.evidence), width, len(head) + 2
            )
