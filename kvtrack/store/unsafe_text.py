"""`validate`'s check for text that could steer a terminal: control characters and bidi overrides.

A register loads with them (every renderer shows them as escapes, see `core.safe_text`), but a
reviewer should hear of them before merging a pull request: `validate` reports each value that
holds one at its line and column. Run only by `validate`, on files the loader already accepted.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kvtrack.core.safe_text import may_give_unsafe, unsafe_problem
from kvtrack.errors import Location, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def unsafe_text_problems(path: Path) -> list[Problem]:
    """A problem for every scalar in the file at `path` that holds an unsafe character."""
    problems: list[Problem] = []
    # Per open collection: [is a mapping, the field its next value belongs to (None: a key)].
    stack: list[list[object]] = []
    text = path.read_text(encoding="utf-8-sig")
    if not may_give_unsafe(text):  # nearly every file: 36 MB in a fraction of a second, not 7 s
        return problems
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            field = _value_of(stack)
            stack.append(
                [
                    isinstance(event, yaml.MappingStartEvent),
                    None if isinstance(event, yaml.MappingStartEvent) else field,
                ]
            )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            is_key = bool(stack) and stack[-1][0] is True and stack[-1][1] is None
            field = None if is_key else _value_of(stack)
            message = unsafe_problem(event.value, "a key" if is_key else str(field or "a value"))
            mark = event.start_mark
            if message and mark is not None:
                problems.append(
                    Problem(message, Location(str(path), mark.line + 1, mark.column + 1))
                )
            if is_key:
                stack[-1][1] = event.value
    return problems


def _value_of(stack: list[list[object]]) -> object:
    """The field the next value belongs to; in a mapping, the key is used up by it."""
    if not stack:
        return None
    top = stack[-1]
    field = top[1]
    if top[0] is True:
        top[1] = None
    return field
