"""The one machine-readable shape of a commitment (shared by JSON, CSV and the rest) and the JSON
text every `--format json` prints.

Its keys and their order are the schema's `RECORD` (core/schema); here is only how each value is
given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from kvtrack.core.model import Register, Source, rescheduled, slip_days
from kvtrack.core.period import Period
from kvtrack.core.query import Assessed
from kvtrack.core.schema import COMMITMENT, RECORD, Derived, Type
from kvtrack.core.serialize import history_to_dict, source_to_dict


def dumps(data: Any) -> str:
    """JSON for machines: UTF-8 text (not \\u escapes), stable key order, one document per call.

    The text of `json.dumps(data, ensure_ascii=False, indent=2, default=str)`, built faster: with
    `indent`, the standard library falls back to its pure-Python encoder (about 0.2 s for the
    4,000 records of `due` at 10,000 commitments); here containers are joined in one pass and
    every scalar goes through the C encoder.
    """
    return _indented(data, "\n")


def dumps_records(records: list[dict[str, Any]]) -> str:
    """`dumps(records)` for a list of `record`s, written by orjson (see `encode_records`)."""
    encoded = encode_records(records)
    return encoded if isinstance(encoded, str) else encoded.decode("utf-8")


def encode_records(records: list[dict[str, Any]]) -> bytes | str:
    """`dumps(records)` as UTF-8 bytes, written by orjson: the same text, 6x faster (3,950
    records of `due` at 10,000 commitments: 84 ms in `dumps`, 13 ms here), and bytes, which
    the output takes as they are (no decoding, and no scan for terminal codes, which JSON
    escapes anyway).

    Only for records, because they hold no floats (the schema has no float type), and floats are
    where orjson writes other text than the standard library (`1e-07` as `1e-7`, NaN as null).
    Dates and other objects go to `str`, as in `dumps`; what orjson refuses (an int beyond 64
    bits, a lone surrogate) is written by `dumps`, as text. Imported here, on the command that
    needs it.
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency; a broken install still prints
        return dumps(records)
    options = (
        orjson.OPT_INDENT_2
        | orjson.OPT_NON_STR_KEYS
        | orjson.OPT_PASSTHROUGH_DATETIME  # dates by str(), as json.dumps(default=str)
        | orjson.OPT_PASSTHROUGH_DATACLASS
    )
    try:
        return orjson.dumps(records, default=str, option=options)
    except TypeError:  # orjson.JSONEncodeError is one
        return dumps(records)


def _indented(value: Any, newline: str) -> str:
    kind = type(value)  # exact types first: they are nearly all of it
    if kind is str:
        return _string(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        pairs = [
            (_string(k) if type(k) is str else _key(k)) + ": " + _indented(v, inner)
            for k, v in value.items()
        ]
        return "{" + inner + ("," + inner).join(pairs) + newline + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = newline + "  "
        return (
            "[" + inner + ("," + inner).join([_indented(v, inner) for v in value]) + newline + "]"
        )
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, dict | list | tuple):  # subclasses: as the standard library does
        return _indented(dict(value) if isinstance(value, dict) else list(value), newline)
    return json.dumps(value, ensure_ascii=False, default=str)  # floats, str/int subclasses, dates


def _key(key: Any) -> str:
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # how the standard library writes it


_string = json.encoder.encode_basestring  # the C escaper that ensure_ascii=False uses


def _period_text(period: Period | None) -> str | None:
    return str(period) if period else None


# How a stored field of each type is given in a record (text as it is): JSON has no periods, and
# `answer` is always a list so that scripts need not test for an int. A status is a StrEnum:
# `str` gives its value (at C speed; `.value` is a Python-level property).
_STORED: dict[Type, Callable[[Any], Any]] = {
    Type.PERIOD: _period_text,
    Type.ANSWER: list,
    Type.TEXTS: list,
    Type.STATUS: str,
    Type.HISTORY: lambda history: [history_to_dict(h) for h in history],
}

# The derived values of the due and the current due, in the order `_dated` gives them.
_DATED = ("due_end", "current_due", "current_due_end", "rescheduled", "slip_days")


def _dated(
    due: Period | None, current: Period | None
) -> tuple[str | None, str | None, str | None, bool, int | None]:
    """A record's `_DATED` values, worked out together from the original and the current due
    (most commitments were never rescheduled: their current due is their due object)."""
    due_end = due.end.isoformat() if due else None
    if current is None:
        return due_end, None, None, rescheduled(due, current), None
    if current is due:
        return due_end, str(current), due_end, False, 0
    current_end = current.end.isoformat()
    return due_end, str(current), current_end, rescheduled(due, current), slip_days(due, current)


# The other derived values: the commitment's state on the as-of day.
_DERIVED: dict[str, Callable[[Assessed], Any]] = {
    "state": lambda a: str(a.state),
    "days_left": lambda a: a.days_left,
}


def _compiled_record() -> Callable[[Assessed], dict[str, Any]]:
    """`record`, written out from the schema's RECORD as one dict display (as dataclasses writes
    `__init__` from the fields): every value read and converted in a single expression, not a
    loop of a call per key, and the due's derived values worked out in one call (the 3,950
    records of `due` at 10,000 commitments: 55 ms to 40 ms, then to 30 ms)."""
    names: dict[str, Any] = {"dated_values": _dated}
    values = []
    for key in RECORD:
        if isinstance(key, Derived):
            if key.name in _DATED:
                values.append(f"{key.name!r}: dated[{_DATED.index(key.name)}]")
            else:
                names[f"derived_{key.name}"] = _DERIVED[key.name]
                values.append(f"{key.name!r}: derived_{key.name}(a)")
            continue
        write = _STORED.get(COMMITMENT.by_name(key).type)
        if write is None:
            values.append(f"{key!r}: c.{key}")
        else:
            names[f"write_{key}"] = write
            values.append(f"{key!r}: write_{key}(c.{key})")
    source = (
        "def record(a):\n"
        "    c = a.commitment\n"
        "    dated = dated_values(c.due, a.due)\n"
        "    return {" + ", ".join(values) + "}\n"
    )
    exec(source, names)  # keys and field names from the schema, nothing from outside
    compiled: Callable[[Assessed], dict[str, Any]] = names["record"]
    return compiled


_record = _compiled_record()


def record(a: Assessed) -> dict[str, Any]:
    """One commitment as plain data: the stored fields plus its derived state on the as-of day,
    keyed and ordered as the schema's RECORD."""
    return _record(a)


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
