"""The one machine-readable shape of a commitment, shared by JSON, CSV, YAML and the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.core.query import Assessed
from kvtrack.store.serialize import history_to_dict, source_to_dict


def record(a: Assessed) -> dict[str, Any]:
    """One commitment as plain data: the stored fields plus its derived state on the as-of day."""
    c: Commitment = a.commitment
    due, current = c.due, c.current_due
    return {
        "id": c.id,
        "title": c.title,
        "source": c.source,
        "answer": list(c.answer),
        "quote": c.quote,
        "due": str(due) if due else None,
        "due_text": c.due_text,
        "due_end": due.end.isoformat() if due else None,
        "current_due": str(current) if current else None,
        "current_due_end": current.end.isoformat() if current else None,
        "rescheduled": c.rescheduled,
        "slip_days": c.slip_days,
        "state": a.state.value,
        "days_left": a.days_left,
        "status": c.status.value,
        "owner": c.owner,
        "places": list(c.places),
        "tags": list(c.tags),
        "history": [history_to_dict(h) for h in c.history],
    }


def detailed_record(a: Assessed, register: Register, as_of: date) -> dict[str, Any]:
    """`record` plus the full source citation, for `show`."""
    out = record(a)
    source: Source | None = register.sources.get(a.commitment.source)
    out["source_detail"] = source_to_dict(source) if source else None
    out["as_of"] = as_of.isoformat()
    return out
