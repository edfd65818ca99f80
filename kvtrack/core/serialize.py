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
    Type.STATUS: lambda status: str(status) if status is not None else None,  # a StrEnum: its value
    Type.ANSWER: answer_value,
    Type.TEXTS: list,
    Type.IDENTIFIERS: identifiers_value,
    Type.REGISTER_IDS: lambda ids: dict(ids) if ids else None,  # left out when there are none
    Type.HISTORY: lambda history: [history_to_dict(h) for h in history],
}


def _plain(item: Source | Commitment | HistoryEntry, shape: Shape) -> dict[str, Any]:
    return _writer(shape)(item)


@cache
def _writer(shape: Shape) -> Callable[[Any], dict[str, Any]]:
    """`_plain` for one shape, written out once as straight-line code (as dataclasses writes
    `__init__` from the fields): each field read, written by its type's writer and left out when
    empty if the schema says so, with no loop or lookup per value (a register's every history
    entry goes here)."""
    names: dict[str, Any] = {}
    lines = ["def plain(item):", "    out = {}"]
    for i, f in enumerate(shape.fields):
        value = f"item.{f.name}"
        write = _WRITE.get(f.type)
        if write is not None:
            names[f"write_{i}"] = write
            value = f"write_{i}({value})"
        if f.omit_empty:
            lines += [f"    value = {value}", f"    if value is not None: out[{f.name!r}] = value"]
        else:
            lines.append(f"    out[{f.name!r}] = {value}")
    lines.append("    return out")
    exec("\n".join(lines), names)  # field names from the schema, nothing from outside
    plain: Callable[[Any], dict[str, Any]] = names["plain"]
    return plain
