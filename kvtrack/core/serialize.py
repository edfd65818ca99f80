"""Model → plain data in the schema's shape and key order (`core/schema`), as the file holds it.

One place for this mapping: the editing commands, `extract` and `list --format yaml` all use it, so
what kvtrack writes is always what it reads. Which keys there are, their order and which ones are
left out when empty all come from the schema; only how each type of value is written is here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from kvtrack.core.model import Commitment, HistoryEntry, Source
from kvtrack.core.period import Period
from kvtrack.core.schema import COMMITMENT, HISTORY_ENTRY, IDENTIFIERS, SOURCE, Shape, Type


def period_value(period: Period | None) -> int | str | None:
    """A period as it is written in YAML: a bare int for a year, text otherwise."""
    if period is None:
        return None
    return period.start.year if period.granularity == "year" else str(period)


def answer_value(answer: tuple[int, ...]) -> int | list[int] | None:
    if not answer:
        return None
    return answer[0] if len(answer) == 1 else list(answer)


def identifiers_value(identifiers: dict[str, str | None]) -> dict[str, str | None]:
    """The schema's identifiers in order: the first ones always (null when unknown), the others
    only when the source has them."""
    known = {
        f.name: identifiers.get(f.name)
        for f in IDENTIFIERS.fields
        if not f.omit_empty or f.name in identifiers
    }
    return known | {k: v for k, v in identifiers.items() if k not in known}


def source_to_dict(source: Source) -> dict[str, Any]:
    return _plain(source, SOURCE)


def commitment_to_dict(c: Commitment) -> dict[str, Any]:
    return _plain(c, COMMITMENT)


def history_to_dict(entry: HistoryEntry) -> dict[str, Any]:
    return _plain(entry, HISTORY_ENTRY)


def _date_value(day: date | None) -> str | None:
    return day.isoformat() if day else None


# How each type of value is written (text as it is).
_WRITE: dict[Type, Callable[[Any], Any]] = {
    Type.DATE: _date_value,
    Type.PERIOD: period_value,
    Type.STATUS: lambda status: status.value if status is not None else None,
    Type.ANSWER: answer_value,
    Type.TEXTS: list,
    Type.IDENTIFIERS: identifiers_value,
    Type.REGISTER_IDS: lambda ids: dict(ids) if ids else None,  # left out when there are none
    Type.HISTORY: lambda history: [history_to_dict(h) for h in history],
}


def _plain(item: Source | Commitment | HistoryEntry, shape: Shape) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, write, omit_empty in _writers(shape):
        value = getattr(item, name)
        if write is not None:
            value = write(value)
        if value is None and omit_empty:
            continue
        out[name] = value
    return out


@cache
def _writers(shape: Shape) -> tuple[tuple[str, Callable[[Any], Any] | None, bool], ...]:
    """Each field's name, writer (None: as it is) and whether it is left out when empty, looked
    up once per shape rather than once per value (a register's every history entry goes here)."""
    return tuple((f.name, _WRITE.get(f.type), f.omit_empty) for f in shape.fields)
