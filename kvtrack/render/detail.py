"""`show`: everything about one commitment, as readable text."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed
from kvtrack.render.words import STATE_STYLE, days_phrase


def show(a: Assessed, register: Register, console: Console) -> None:  # noqa: C901 - split by #13
    c = a.commitment
    source = register.sources.get(c.source)
    p = console.print
    p(f"[bold]{escape(c.id)}[/bold]: {escape(c.title)}")
    p()
    p(f"  “{escape(c.quote)}”")
    p()
    if source is not None:
        answers = ", ".join(str(n) for n in c.answer) or "?"
        label = "Antwoorden" if len(c.answer) > 1 else "Antwoord"
        p(
            f"  source     {escape(source.title or source.id)} ({escape(source.id)}), {label} {answers}"
        )
        if source.asked_by:
            when = f", submitted {source.submitted}" if source.submitted else ""
            p(f"  asked by   {escape(source.asked_by)}{when}")
        if source.answered_by:
            when = f", answered {source.answered}" if source.answered else ""
            p(f"  answered   {escape(source.answered_by)}{when}")
        for key, value in source.identifiers.items():
            if value:
                p(f"  {key:<10} {escape(value)}")
        if source.url:
            p(f"  url        {escape(source.url)}")
        if source.file:
            p(f"  file       {escape(source.file)}")
    due = c.due
    vague = f" ({escape(c.due_text)})" if c.due_text else ""
    p(f"  due        {f'{due} (ends {due.end})' if due else 'undated'}{vague}")
    current = c.current_due
    if c.rescheduled:
        slip = c.slip_days
        slipped = f", slipped {slip} days" if slip is not None else ""
        ends = f" (ends {current.end})" if current else ""
        p(f"  now due    {current or 'undated'}{ends}{slipped}")
    style = STATE_STYLE[a.state]
    days = days_phrase(a)
    p(
        f"  state      [{style}]{a.state.value}[/{style}]{f', {days}' if days else ''} "
        f"(status {c.status.value})"
    )
    if c.owner:
        p(f"  owner      {escape(c.owner)}")
    if c.places:
        p(f"  places     {escape(', '.join(c.places))}")
    if c.tags:
        p(f"  tags       {escape(', '.join(c.tags))}")
    if c.cue:
        p(f"  cue        {escape(c.cue)}")
    p()
    if not c.history:
        p("  history    none")
        return
    p("  history")
    for h in c.history:
        parts = []
        if h.status is not None:
            parts.append(f"status → {h.status.value}")
        if h.due is not None:
            parts.append(f"due → {h.due}")
        if h.note:
            parts.append(h.note)
        line = "; ".join(parts) or "(no details)"
        p(f"    {h.date}  {escape(line)}")
        if h.evidence:
            p(f"                evidence: {escape(h.evidence)}")
