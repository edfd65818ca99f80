"""Model → plain data in the documented schema (docs/schema.md), in the schema's key order.

One place for this mapping: the editing commands, `extract` and `list --format yaml` all use it, so
what kvtrack writes is always what it reads.
"""

from __future__ import annotations

from typing import Any

from kvtrack.core.model import Commitment, HistoryEntry, Source
from kvtrack.core.period import Period


def period_value(period: Period | None) -> int | str | None:
    """A period as it is written in YAML: a bare int for a year, text otherwise."""
    if period is None:
        return None
    return period.start.year if period.granularity == "year" else str(period)


def answer_value(answer: tuple[int, ...]) -> int | list[int] | None:
    if not answer:
        return None
    return answer[0] if len(answer) == 1 else list(answer)


def source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "kind": source.kind,
        "title": source.title,
        "asked_by": source.asked_by,
        "answered_by": source.answered_by,
        "submitted": source.submitted.isoformat() if source.submitted else None,
        "answered": source.answered.isoformat() if source.answered else None,
        "identifiers": {
            "publication": source.identifiers.get("publication"),
            "zaak": source.identifiers.get("zaak"),
            "document": source.identifiers.get("document"),
            **{
                k: v
                for k, v in source.identifiers.items()
                if k not in ("publication", "zaak", "document")
            },
        },
        "file": source.file,
        "url": source.url,
    }


def history_to_dict(entry: HistoryEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"date": entry.date.isoformat()}
    if entry.status is not None:
        out["status"] = entry.status.value
    if entry.due is not None:
        out["due"] = period_value(entry.due)
    if entry.note is not None:
        out["note"] = entry.note
    if entry.evidence is not None:
        out["evidence"] = entry.evidence
    return out


def commitment_to_dict(c: Commitment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "title": c.title,
        "source": c.source,
        "answer": answer_value(c.answer),
        "quote": c.quote,
        "due": period_value(c.due),
        "due_text": c.due_text,
        "owner": c.owner,
        "places": list(c.places),
        "tags": list(c.tags),
        "status": c.status.value,
        "history": [history_to_dict(h) for h in c.history],
    }
    if c.cue is not None:
        out["cue"] = c.cue
    return out
