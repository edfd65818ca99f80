"""`check --format json`: the report as one JSON object.

`as_of`, `window`, `status` (OK/WARNING/CRITICAL), `counts` {overdue, due_soon, open}, `overdue` and
`due_soon` (commitment records, as in `list --format json`), and with `--state` also `changes`:
null on a first run, else {since, newly_overdue, newly_due_soon, left}, each change being
{id, reason, detail, previous: {state, due} | null, commitment: record | null}.
"""

from __future__ import annotations

from typing import Any

from kvtrack.core.check import Change, CheckResult, counts
from kvtrack.render.records import dumps, record
from kvtrack.render.words import reason_phrase


def render_json(result: CheckResult, *, with_changes: bool) -> str:
    data: dict[str, Any] = {
        "as_of": result.as_of.isoformat(),
        "window": str(result.window),
        "status": result.level.name,
        "counts": counts(result),
        "overdue": [record(a) for a in result.overdue],
        "due_soon": [record(a) for a in result.due_soon],
    }
    if with_changes:
        changes = result.changes
        data["changes"] = (
            None
            if changes is None
            else {
                "since": changes.since.isoformat(),
                "newly_overdue": [_change(c, result) for c in changes.newly_overdue],
                "newly_due_soon": [_change(c, result) for c in changes.newly_due_soon],
                "left": [_change(c, result) for c in changes.left],
            }
        )
    return dumps(data) + "\n"


def _change(change: Change, result: CheckResult) -> dict[str, Any]:
    previous = change.previous
    return {
        "id": change.id,
        "reason": change.reason.value,
        "detail": reason_phrase(change, result.window) or "not reported before",
        "previous": {"state": previous.state.value, "due": previous.due} if previous else None,
        "commitment": record(change.item) if change.item is not None else None,
    }
