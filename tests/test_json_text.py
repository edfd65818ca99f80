"""render.records.dumps (and dumps_records, through orjson) write exactly what
json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from conftest import AS_OF, SHIPPED
from hypothesis import given, settings
from hypothesis import strategies as st

from kvtrack.core.model import HistoryEntry
from kvtrack.core.period import Period
from kvtrack.render.records import dumps, dumps_records

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_dumps_is_the_standard_librarys_indented_json(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2, default=str)


def test_dumps_keeps_non_ascii_text_and_escapes_control_characters():
    data = [{"titel": 'Kostić – één\t"x"', "datum": date(2026, 11, 27), "n": [1, None, True]}]
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2, default=str)
    assert "Kostić – één" in dumps(data)


# -- records through orjson ------------------------------------------------------------------------
NO_FLOATS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.text(), NO_FLOATS, max_size=5), max_size=4))
def test_dumps_records_is_the_standard_librarys_indented_json(records):
    assert dumps_records(records) == json.dumps(records, ensure_ascii=False, indent=2, default=str)


def test_dumps_records_of_real_records_is_dumps(run):
    result = run("list", "--format", "json", "--file", str(SHIPPED), "--as-of", AS_OF)
    records = json.loads(result.stdout)
    assert len(records) >= 10 and any(r["history"] for r in records)
    assert result.stdout == dumps(records) + "\n" == dumps_records(records) + "\n"


def test_what_orjson_refuses_is_written_by_dumps():
    records = [{"big": 2**70, "lone": "\ud800", "day": date(2026, 11, 27)}]
    assert dumps_records(records) == json.dumps(records, ensure_ascii=False, indent=2, default=str)


def test_record_is_the_schemas_record_key_by_key():
    """The compiled `record` gives each RECORD key in order, each stored field converted by its
    type's writer and each derived value as the model and the assessment define it."""
    from kvtrack.core.query import Window, assess
    from kvtrack.core.schema import COMMITMENT, RECORD, RECORD_KEYS
    from kvtrack.render import records
    from kvtrack.store.register import load

    register = load(SHIPPED).register
    dated = next(c for c in register.commitments if c.due is not None)
    moved = HistoryEntry(date(2025, 1, 2), due=Period.parse("2027-Q2"), note="Later")
    commitments = (*register.commitments, dataclasses.replace(dated, history=(moved,)))
    day, window = date.fromisoformat(AS_OF), Window.parse("3m")
    assessed = [assess(c, day, window) for c in commitments]
    assert {a.state for a in assessed} >= {"overdue", "done"}
    for a in assessed:
        got = records.record(a)
        assert tuple(got) == RECORD_KEYS
        for key in RECORD:
            if isinstance(key, str):
                write = records._STORED.get(COMMITMENT.by_name(key).type, lambda v: v)
                assert got[key] == write(getattr(a.commitment, key)), key
        c, current = a.commitment, a.commitment.current_due
        derived = {
            "due_end": c.due.end.isoformat() if c.due else None,
            "current_due": str(current) if current else None,
            "current_due_end": current.end.isoformat() if current else None,
            "rescheduled": c.rescheduled,
            "slip_days": c.slip_days,
            "state": a.state.value,
            "days_left": a.days_left,
        }
        assert set(derived) == {k.name for k in RECORD if not isinstance(k, str)}
        assert {k: got[k] for k in derived} == derived
        assert all(type(got[k]) is type(v) for k, v in derived.items())  # True, not 1
    kinds = {(c.due is None, c.current_due is None, c.rescheduled) for c in commitments}
    assert kinds >= {(False, False, False), (False, False, True), (True, True, False)}
