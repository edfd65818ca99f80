"""YAML text → light nodes, straight from the parser's events, one list item at a time.

Why not `yaml.compose`: it builds the whole document's node tree before anything can be checked
(about 23 KB per commitment: over a gigabyte for 50,000) and sends every plain scalar through
PyYAML's regex resolver in Python. Here libyaml (or PyYAML's pure parser, as a fallback) yields
events; a scalar's event *is* its node; a list or mapping gets a small slotted object; and the
reader takes the items of `sources:` and `commitments:` one at a time, so memory holds one item's
nodes rather than the file's. Nothing is ever constructed from a tag, and aliases are never
followed: each one is recorded so the loader can reject it at its position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from kvtrack.core.limits import MAX_NESTING

try:  # libyaml's parser is several times faster; the pure one is just as safe
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

TAG = "tag:yaml.org,2002:"


class Mark(Protocol):
    """A position in the text, 0-based (what libyaml's and PyYAML's marks both have)."""

    line: int
    column: int


NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # what YAML 1.1 reads as null, unquoted


class Seq:
    """A YAML sequence: its items, its tag (None when implicit) and where it starts."""

    __slots__ = ("start_mark", "tag", "value")

    def __init__(self, start: Any, value: list[Node]) -> None:
        self.tag: str | None = start.tag
        self.start_mark: Mark = start.start_mark
        self.value = value


class Map:
    """A YAML mapping: its (key, value) pairs in order, duplicates kept, tag and start."""

    __slots__ = ("start_mark", "tag", "value")

    def __init__(self, start: Any, value: list[tuple[Node, Node]]) -> None:
        self.tag: str | None = start.tag
        self.start_mark: Mark = start.start_mark
        self.value = value


# A scalar is its ScalarEvent (.value, .tag, .implicit, .start_mark); an alias stays an AliasEvent.
Node = ScalarEvent | Seq | Map | AliasEvent


def is_null(node: Node) -> bool:
    """An empty value, `~` or `null` unquoted and untagged, or an explicit `!!null`."""
    if type(node) is not ScalarEvent:
        return False
    tag = node.tag
    if tag is None:
        return bool(node.implicit[0]) and node.value in NULLS
    return tag == TAG + "null"


class Stream:
    """Pulls one document's events and turns them into nodes on demand.

    YAML syntax errors surface as `yaml.MarkedYAMLError` from any method; the caller turns them
    into one located message.
    """

    def __init__(self, text: str | bytes) -> None:
        self._loader: Any = _Parser(text)
        self._next: Callable[[], Any] = self._loader.get_event
        self.aliases: list[Mark] = []
        self.too_deep: list[Mark] = []  # where a node nested deeper than MAX_NESTING starts

    def close(self) -> None:
        self._loader.dispose()

    def root(self) -> Any:
        """The first event of the document's root node, or None when the stream has no document."""
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, StreamEndEvent):
            return None
        return self._next()  # after DocumentStartEvent

    def end(self) -> Mark | None:
        """Finish the document; the position of a second document, which is not allowed."""
        self._next()  # DocumentEndEvent
        event = self._next()
        return event.start_mark if isinstance(event, DocumentStartEvent) else None

    def node(self, first: Any, depth: int = 2) -> Node:
        """The whole node that starts with `first`, `depth` levels below the top of the file.

        Deeper than MAX_NESTING, the node's events are skipped (an empty node is returned, its
        start recorded in `too_deep`): a few kilobytes of `[[[[...` must not exhaust the stack.
        """
        kind = type(first)
        if kind is ScalarEvent:
            scalar: ScalarEvent = first
            return scalar
        if depth > MAX_NESTING and kind in (SequenceStartEvent, MappingStartEvent):
            self.too_deep.append(first.start_mark)
            self._skip()
            return Seq(first, []) if kind is SequenceStartEvent else Map(first, [])
        if kind is SequenceStartEvent:
            items: list[Node] = []
            add = items.append
            get = self._next
            while True:
                event = get()
                if type(event) is ScalarEvent:
                    add(event)
                elif type(event) is SequenceEndEvent:
                    return Seq(first, items)
                else:
                    add(self.node(event, depth + 1))
        if kind is MappingStartEvent:
            pairs: list[tuple[Node, Node]] = []
            add_pair = pairs.append
            get = self._next
            while True:
                key = get()
                if type(key) is MappingEndEvent:
                    return Map(first, pairs)
                if type(key) is not ScalarEvent:  # a complex key: its events come first
                    key = self.node(key, depth + 1)
                value = get()
                add_pair(
                    (key, value if type(value) is ScalarEvent else self.node(value, depth + 1))
                )
        if kind is AliasEvent:
            self.aliases.append(first.start_mark)
            alias: AliasEvent = first
            return alias
        raise AssertionError(f"unexpected YAML event {first!r}")  # pragma: no cover

    def _skip(self) -> None:
        """Take the events up to the end of the collection just started, without recursion."""
        open_ = 1
        get = self._next
        while open_:
            kind = type(get())
            if kind is SequenceStartEvent or kind is MappingStartEvent:
                open_ += 1
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                open_ -= 1

    def items(self) -> Iterator[Node]:
        """The items of the sequence just started (its SequenceStartEvent already taken)."""
        get = self._next
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return
            yield self.node(event)

    def pairs(self) -> Iterator[tuple[Node, Any]]:
        """Key nodes of the mapping just started, each with the first event of its value.

        The caller must take the whole value (`node`, or `items` for a sequence) before the next.
        """
        get = self._next
        while True:
            key = get()
            if type(key) is MappingEndEvent:
                return
            yield self.node(key), get()
