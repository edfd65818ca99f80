"""`stats`: the scorecard as a terminal table or as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

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


_HEADINGS = {"due_soon": "due soon"}


def table(card: Scorecard, console: Console, as_of: date, within: str) -> None:
    title = f"Scorecard as of {as_of} (due soon: within {within})"
    t = Table(
        title=title,
        box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII,
        title_justify="left",
    )
    t.add_column(card.by.value if card.by else "", no_wrap=True)
    t.add_column("total", justify="right")
    for key in COUNT_KEYS:
        t.add_column(_HEADINGS.get(key, key), justify="right")
    for heading in ("on time", "late", "moved", "median slip", "worst slip"):
        t.add_column(heading, justify="right", no_wrap=True)
    for tally in card.groups:
        t.add_row(*_cells(tally))
    t.add_row(*_cells(card.total), style="bold", end_section=False)
    if card.groups:
        t.rows[-2].end_section = True  # a rule above the total
    console.print(t)


def _cells(t: Tally) -> list[str]:
    median = t.slip.median_days
    return [
        t.group,
        str(t.total),
        *(str(t.counts[k]) for k in COUNT_KEYS),
        str(t.on_time),
        str(t.late),
        str(t.slip.rescheduled),
        "—" if median is None else f"{median:g} d",
        "—" if t.slip.worst_days is None else f"{t.slip.worst_days} d",
    ]
