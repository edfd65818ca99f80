"""render.records.dumps writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kvtrack.render.records import dumps

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
