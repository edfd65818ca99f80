"""`stats --format json`: the scorecard as data."""

from __future__ import annotations

from datetime import date
from typing import Any

from kvtrack.core.stats import COUNT_KEYS, Scorecard, Tally


def data(card: Scorecard, as_of: date, within: str) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "within": within,
        "by": card.by.value if card.by else None,
        "groups": [_tally(t) for t in card.groups],
        "total": _tally(card.total),
    }


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "group": t.group,
        "total": t.total,
        "counts": {k: t.counts[k] for k in COUNT_KEYS},
        "kept": {"on_time": t.on_time, "late": t.late, "unjudged": t.unjudged},
        "slip": {
            "rescheduled": t.slip.rescheduled,
            "measured": t.slip.measured,
            "median_days": t.slip.median_days,
            "worst_days": t.slip.worst_days,
            "worst_id": t.slip.worst_id,
        },
    }
