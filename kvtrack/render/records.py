"""The one machine-readable shape of a commitment (shared by JSON, CSV, YAML and the rest) and the
JSON text every `--format json` prints.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.core.query import Assessed
from kvtrack.core.serialize import history_to_dict, source_to_dict


def dumps(data: Any) -> str:
    """JSON for machines: UTF-8 text (not \\u escapes), stable key order, one document per call."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


# The keys of `record`, in order: the columns of CSV and the fields every machine format shares.
RECORD_KEYS = (
    "id",
    "title",
    "source",
    "answer",
    "quote",
    "due",
    "due_text",
    "due_end",
    "current_due",
    "current_due_end",
    "rescheduled",
    "slip_days",
    "state",
    "days_left",
    "status",
    "owner",
    "places",
    "tags",
    "history",
)


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


LIST_SEPARATOR = "; "  # joins list fields in flat formats; commas are common inside place names
HISTORY_SEPARATOR = " | "


def flat_record(a: Assessed) -> dict[str, str | int | None]:
    """`record` with every value a scalar, for CSV and other one-cell-per-field formats.

    Same keys in the same order as `record`; lists are joined with "; ", booleans are "true" /
    "false" (as in JSON), and each history entry becomes `date key=value ...: note (evidence)`.
    """
    out: dict[str, str | int | None] = {}
    for key, value in record(a).items():
        if key == "history":
            out[key] = HISTORY_SEPARATOR.join(_history_text(h) for h in value)
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list):
            out[key] = LIST_SEPARATOR.join(str(v) for v in value)
        else:
            out[key] = value
    return out


def _history_text(entry: dict[str, Any]) -> str:
    changes = " ".join(f"{k}={entry[k]}" for k in ("status", "due") if k in entry)
    text = " ".join(x for x in (entry["date"], changes) if x)
    if entry.get("note"):
        text += f": {entry['note']}"
    if entry.get("evidence"):
        text += f" ({entry['evidence']})"
    return text
