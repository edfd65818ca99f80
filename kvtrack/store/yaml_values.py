"""The generic half of reading a commitments file: YAML nodes → checked Python values.

`NodeReader` knows YAML and the value types of the schema (text, dates, periods, statuses, ids,
lists), never which fields exist where: that is `reader._Reader`. Every method records a problem and
carries on instead of raising, so one pass reports everything wrong with a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from difflib import get_close_matches
from functools import cache
from typing import TypeVar

import yaml
from yaml.events import ScalarEvent

from kvtrack.core.model import Status
from kvtrack.core.period import Period, parse_date
from kvtrack.errors import KvtrackError, Location, Problem
from kvtrack.store.yaml_events import NULLS, TAG, Map, Node, Seq, is_null

T = TypeVar("T")

_PLAIN_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MAX_NODES_PER_UNKNOWN = 10_000


@cache
def _field_set(fields: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fields)


class NodeReader:
    """Checked values out of YAML nodes, with problems collected at their line and column."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # Repeated values are parsed once and their objects shared (less work, memory and cache).
        self._periods: dict[str, Period | KvtrackError] = {}
        self._dates: dict[str, date | KvtrackError] = {}
        self._statuses: dict[str, Status | KvtrackError] = {}
        self._shared: dict[str, str] = {}  # owners, places, tags, cited sources: one string each

    # -- reporting -------------------------------------------------------------------------------
    def at(self, node: Node) -> Location:
        mark = node.start_mark
        if mark is None:  # pragma: no cover - both parsers mark every event
            return Location(self.path)
        return Location(self.path, mark.line + 1, mark.column + 1)

    def line_col(self, node: Node) -> tuple[int, int]:
        mark = node.start_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(message, self.at(node)))

    # -- structure --------------------------------------------------------------------------------
    def tag_ok(self, node: Node) -> bool:
        """Tags: nothing may construct objects; an alias was already reported by the stream."""
        kind = type(node)
        if kind is yaml.AliasEvent:
            return False
        tag = node.tag  # type: ignore[union-attr]
        if tag is None or tag == "!":
            return True
        if kind is ScalarEvent:
            ok = tag in _PLAIN_TAGS
        else:
            ok = tag == TAG + ("seq" if kind is Seq else "map")
        if not ok:
            short = tag.replace(TAG, "!!")
            self.problem(
                node,
                f"YAML tag '{short}' is not allowed (kvtrack never builds objects from tags); remove it",
            )
        return ok

    def mapping(
        self, node: Node, what: str, fields: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        if not self.tag_ok(node):
            return None
        if type(node) is not Map:
            self.problem(
                node, f"{what} must be a mapping of `key: value` lines, not {kind_of(node)}"
            )
            return None
        out: dict[str, Node] = {}
        allowed = _field_set(fields)
        for key_node, value_node in node.value:
            if type(key_node) is ScalarEvent:
                key: str = key_node.value
                if key in allowed and key not in out:
                    out[key] = value_node
                    continue
            self.odd_key(node, key_node, value_node, what, fields)
        for name in required:
            if name not in out or is_null(out[name]):
                self.problem(node, f"{what} is missing required field '{name}'")
        return out

    def odd_key(
        self, mapping: Map, key_node: Node, value: Node, what: str, fields: tuple[str, ...]
    ) -> None:
        """A key that is not text, appears twice, or is not a field: say which."""
        if type(key_node) is not ScalarEvent:
            self.problem(key_node, f"a key in {what} must be plain text")
            return
        first = self.first_key(mapping, key_node)
        if first is not None:
            self.problem(
                key_node,
                f"duplicate key '{key_node.value}' in {what} (first at line {self.at(first).line}); "
                "keep only one",
            )
        elif key_node.value not in _field_set(fields):
            self.unknown(key_node, key_node.value, what, fields)
            self.scan(value)

    @staticmethod
    def first_key(mapping: Map, key_node: ScalarEvent) -> Node | None:
        """The earlier key with the same text as `key_node` in `mapping`, if there is one."""
        for other, _value in mapping.value:
            if other is key_node:
                return None
            if type(other) is ScalarEvent and other.value == key_node.value:
                return other
        return None

    def top_key(self, key_node: Node, seen: dict[str, Node]) -> str | None:
        """A top-level key's text the first time it appears; else None and a problem."""
        if type(key_node) is not ScalarEvent:
            self.problem(key_node, "a key in the top level must be plain text")
            return None
        key: str = key_node.value
        if key in seen:
            first = self.at(seen[key]).line
            self.problem(
                key_node,
                f"duplicate key '{key}' in the top level (first at line {first}); keep only one",
            )
            return None
        seen[key] = key_node
        return key

    def unknown(self, key_node: Node, key: str, what: str, fields: tuple[str, ...]) -> None:
        close = get_close_matches(key, fields, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(fields)}"
        self.problem(key_node, f"unknown field '{key}' in {what}{hint}")

    def sequence(self, node: Node, what: str) -> list[Node]:
        if type(node) is Seq and node.tag is None:
            return node.value
        if not self.tag_ok(node) or is_null(node):
            return []
        if type(node) is not Seq:
            self.problem(
                node, f"{what} must be a list (lines starting with '- '), not {kind_of(node)}"
            )
            return []
        return node.value

    def scan(self, node: Node) -> None:
        """Check tags under a field kvtrack does not read, with a bounded walk."""
        stack, budget = [node], _MAX_NODES_PER_UNKNOWN
        while stack and budget:
            budget -= 1
            n = stack.pop()
            if not self.tag_ok(n):
                continue
            if type(n) is Seq:
                stack.extend(n.value)
            elif type(n) is Map:
                for k, v in n.value:
                    stack.extend((k, v))

    # -- scalars ----------------------------------------------------------------------------------
    def text(self, node: Node | None, what: str) -> str | None:
        if type(node) is ScalarEvent and node.tag is None:  # the common case, kept fast
            value: str = node.value
            if value in NULLS and node.implicit[0]:
                return None
            return value
        if node is None or not self.tag_ok(node):
            return None
        if type(node) is not ScalarEvent:
            self.problem(node, f"{what} must be text, not {kind_of(node)}")
            return None
        if is_null(node):
            return None
        text: str = node.value
        return text

    def parsed(
        self,
        node: Node | None,
        what: str,
        cache: dict[str, T | KvtrackError],
        parse: Callable[[str], T],
    ) -> T | None:
        """A scalar parsed by `parse`, each distinct text once; its error becomes a problem."""
        value = self.text(node, what)
        if value is None or node is None:
            return None
        result = cache.get(value)
        if result is None:
            try:
                result = parse(value)
            except KvtrackError as e:
                result = e
            cache[value] = result
        if isinstance(result, KvtrackError):
            self.problem(node, result.message)
            return None
        return result

    def date(self, node: Node | None, what: str) -> date | None:
        return self.parsed(node, what, self._dates, parse_date)

    def period(self, node: Node | None, what: str) -> Period | None:
        return self.parsed(node, what, self._periods, Period.parse)

    def status(self, node: Node | None, what: str = "status") -> Status | None:
        return self.parsed(node, what, self._statuses, Status.parse)

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if type(node) is ScalarEvent and not is_null(node):
            one = self.text(node, what)  # a single value is taken as a list of one
            return (one,) if one else ()
        shared = self._shared
        return tuple(
            shared.setdefault(t, t) for n in self.sequence(node, what) if (t := self.text(n, what))
        )

    def answer(self, node: Node | None, what: str = "answer") -> tuple[int, ...]:
        if node is None:
            return ()
        items = [node] if type(node) is ScalarEvent else self.sequence(node, what)
        out: list[int] = []
        for item in items:
            value = self.text(item, what)
            if value is None:
                continue
            if not value.strip().isdigit() or int(value) < 1:
                self.problem(
                    item,
                    f"answer must be an answer number like 3 or a list like [4, 5], not '{value}'",
                )
                continue
            out.append(int(value))
        return tuple(out)

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and node is not None and not _ID.match(value):
            self.problem(
                node,
                f"{what} '{value}' must be a slug: letters, digits, '-', '_' or '.', no spaces",
            )
            return None
        return value


def kind_of(node: Node) -> str:
    if type(node) is Map:
        return "a mapping"
    if type(node) is Seq:
        return "a list"
    if type(node) is not ScalarEvent:
        return "an alias"
    return f"the value '{node.value}'" if node.value != "" else "an empty value"
