"""Edits as text splices: the new lines of one list item, rendered in the file's own style and put
into the original text, so that every byte outside the edited item stays as it was.

A commitments file is a block mapping whose `sources:` and `commitments:` are block lists. An item
of such a list starts at its `-` and ends where the next item (or something less indented) starts,
and nothing before or after it changes how it is read: tags are refused, aliases and anchors too,
and a previous item cannot leave a quote or bracket open (the file parsed). So one item can be read
on its own, as the single item of a small document, and reads the same there as in the file. That
is how an edit is checked without parsing the whole file again: the old item's text must read back
as the old commitment, and the new text as exactly the new one (see `store.write`).

This module only finds items and renders text; deciding what to change is `core.edits`, checking
and writing is `store.write`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from kvtrack.core.model import Commitment, HistoryEntry, Source
from kvtrack.core.serialize import commitment_to_dict, history_to_dict, source_to_dict
from kvtrack.errors import KvtrackError, Location
from kvtrack.store.yaml_events import NULLS

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_YAML_BREAKS = re.compile(
    "\r\n|[\r\n\x85\u2028\u2029]"
)  # what YAML (libyaml) counts as a line break
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


class CannotEdit(KvtrackError):
    """The file holds something kvtrack can read but not edit safely; nothing was written."""


# -- lines ----------------------------------------------------------------------------------------
# The file is worked on as UTF-8 bytes: a big file is never decoded whole (a str of it takes up to
# four bytes a character, and counting lines in it is several times slower). Only the items an edit
# touches are decoded.
_BYTE_BREAKS = re.compile(rb"\r\n|[\r\n]|\xc2\x85|\xe2\x80[\xa8\xa9]")
_OTHER_BYTE_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def _other_breaks(data: bytes) -> bool:
    """Whether the bytes hold a NEL, LS or PS, which YAML counts as line breaks. Their lead
    bytes are looked for first: finding one byte is a memchr (7 MB: 0.2 ms), a two- or
    three-byte sequence a slower search (7 MB: 6 ms each)."""
    nel, ls, ps = _OTHER_BYTE_BREAKS
    return (b"\x85" in data and nel in data) or (b"\xe2" in data and (ls in data or ps in data))


class Lines:
    """Line starts of UTF-8 bytes, counted as YAML counts them, found without splitting them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        m = _BYTE_BREAKS.search(data)
        self.eol = m.group().decode() if m else "\n"
        self._sep: bytes | None
        if not data.isascii() and _other_breaks(data):
            self._sep = None
        elif b"\r" not in data:
            self._sep = b"\n"
        elif b"\n" in data:
            self._sep = b"\n" if data.count(b"\r") == data.count(b"\r\n") else None
        else:
            self._sep = b"\r"
        self._starts: list[int] | None = None

    def start(self, line: int) -> int:
        """Byte offset of the first byte of 1-based `line` (len(data) past the end)."""
        if line <= 1:
            return 0
        if self._sep is None:
            if self._starts is None:
                self._starts = [0, *(m.end() for m in _BYTE_BREAKS.finditer(self.data))]
            return self._starts[line - 1] if line - 1 < len(self._starts) else len(self.data)
        return self._nth_break_end(line - 1)

    def _nth_break_end(self, n: int) -> int:
        """Offset just after the n-th line break: bisect on bytes.count, then a short walk."""
        data, sep = self.data, self._sep
        assert sep is not None
        lo, count_lo, hi = 0, 0, len(data)  # invariant: count_lo breaks before lo, < n
        while hi - lo > 4096:
            mid = (lo + hi) // 2
            c = count_lo + data.count(sep, lo, mid)
            if c < n:
                lo, count_lo = mid, c
            else:
                hi = mid
        pos = lo
        for _ in range(n - count_lo):
            pos = data.find(sep, pos) + 1
            if pos == 0:  # fewer lines than that
                return len(data)
        return pos

    def line_of(self, offset: int) -> int:
        """1-based line of `offset`."""
        return len(_BYTE_BREAKS.findall(self.data, 0, offset)) + 1


def line_ending(text: str) -> str:
    """The text's line ending: that of its first line break ("\\n" when it has none)."""
    m = _YAML_BREAKS.search(text)
    return m.group() if m else "\n"


def count_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    return len(_YAML_BREAKS.findall(text, start, len(text) if end is None else end))


def line_end(text: str, offset: int) -> int:
    """Offset just after the line break of the line holding `offset` (len(text) on the last)."""
    m = _YAML_BREAKS.search(text, offset)
    return m.end() if m else len(text)


def byte_line_end(data: bytes, offset: int) -> int:
    m = _BYTE_BREAKS.search(data, offset)
    return m.end() if m else len(data)


def _at_line_start(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] in "\r\n\x85\u2028\u2029"


def after_content(text: str, end: int) -> int:
    """Where a new line goes after content that ends at `end`: the start of the next line."""
    if end > 0 and _at_line_start(text, end):  # a block scalar ends after its line break
        return end
    return line_end(text, end)


# -- an outline of one small document, from parser events -------------------------------------------
@dataclass(slots=True)
class Node:
    """A node of a small document: kind, where it starts and where its content ends (offsets)."""

    kind: str  # "scalar", "map" or "seq"
    start: int
    end: int
    flow: bool = False
    style: str | None = None  # a scalar's: None (plain), "'", '"', "|" or ">"
    value: str = ""
    items: list[Node] | None = None
    pairs: list[tuple[Node, Node]] | None = None

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs or ():
            if k.kind == "scalar" and k.value == key:
                return v
        return None

    def key_node(self, key: str) -> Node | None:
        for k, _v in self.pairs or ():
            if k.kind == "scalar" and k.value == key:
                return k
        return None


def outline(text: str) -> Node:
    """The root node of `text` (one document). Raises yaml.YAMLError on bad YAML."""
    events: Iterator[Any] = iter(yaml.parse(text, Loader=_Parser))
    for event in events:
        if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            return _node(event, events)
        if isinstance(event, AliasEvent):
            break
    raise CannotEdit("the text holds no YAML node")


def _start(event: Any) -> int:
    index: int = event.start_mark.index
    return index


def _end(event: Any) -> int:
    index: int = event.end_mark.index
    return index


def _node(first: Any, events: Iterator[Any]) -> Node:
    if isinstance(first, ScalarEvent):
        style = first.style or None  # libyaml says "" for plain, the pure parser None
        return Node("scalar", _start(first), _end(first), style=style, value=first.value)
    if isinstance(first, AliasEvent):
        raise CannotEdit("aliases are not allowed")
    flow = bool(first.flow_style)
    if isinstance(first, SequenceStartEvent):
        items: list[Node] = []
        for event in events:
            if isinstance(event, SequenceEndEvent):
                end = _end(event) if flow else _last_end(items, first)
                return Node("seq", _start(first), end, flow, items=items)
            items.append(_node(event, events))
    pairs: list[tuple[Node, Node]] = []
    for event in events:
        if isinstance(event, MappingEndEvent):
            ends = [v for _k, v in pairs]
            end = _end(event) if flow else _last_end(ends, first)
            return Node("map", _start(first), end, flow, pairs=pairs)
        key = _node(event, events)
        pairs.append((key, _node(next(events), events)))
    raise CannotEdit("unexpected end of YAML")  # pragma: no cover


def _last_end(children: Sequence[Node], start: Any) -> int:
    return max((c.end for c in children), default=_end(start))


# -- items of a top-level list ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    """One list item's bytes: [start, end) offsets, from its line to the next item's line."""

    start: int
    end: int
    line: int  # 1-based line of `start`
    dash: int  # column of its `-`


def item_span(lines: Lines, line: int, col: int, next_line: int | None, where: Location) -> Span:
    """The span (byte offsets) of the item whose mapping starts at (line, col), 1-based, as the
    loader records it. `next_line` is where the next item of the same list starts (None: last)."""
    data = lines.data
    start = lines.start(line)
    first = data[start : byte_line_end(data, start)].decode("utf-8", "replace")
    head = first[: col - 1]
    dash = head.find("-")
    if dash < 0 or head[:dash].strip(" ") or head[dash + 1 :].strip(" "):
        raise CannotEdit(
            "cannot edit: the item does not start with `- ` on its first line; write it as "
            "`- key: value` lines to edit it",
            where=where,
        )
    if next_line is not None:
        end = lines.start(next_line)
    else:
        end = _end_of_last_item(data, byte_line_end(data, start), dash)
    return Span(start, end, line, dash)


def _end_of_last_item(data: bytes, pos: int, dash: int) -> int:
    """Start of the first line after `pos` with content at or left of column `dash` (not a comment)."""
    n = len(data)
    while pos < n:
        nxt = byte_line_end(data, pos)
        line = data[pos:nxt].rstrip(b"\r\n")
        stripped = line.lstrip(b" ")
        if stripped and not stripped.startswith(b"#") and len(line) - len(stripped) <= dash:
            return pos
        pos = nxt
    return n


# -- scalars ----------------------------------------------------------------------------------------
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")


def plain_ok(value: str, flow: bool = False) -> bool:
    """Whether `value` reads back as itself when written unquoted (as kvtrack reads text)."""
    if not value or value != value.strip(" ") or value in NULLS:
        return False
    if value[0] in _INDICATORS or value.endswith(":") or ": " in value or " #" in value:
        return False
    if flow and any(c in _FLOW_INDICATORS for c in value):
        return False
    return value.isprintable() and "\ufeff" not in value


def double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch.isprintable() and ch != "\ufeff":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def scalar_text(value: object, style: str | None = None, flow: bool = False) -> str:
    """A value as YAML text: null, a number, or text in `style` when that reads back as itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # pragma: no cover - the schema has no booleans
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if style == "'" and text.isprintable() and text == text.strip("\n"):
        return "'" + text.replace("'", "''") + "'"
    if style != '"' and plain_ok(text, flow):
        return text
    return double_quoted(text)


# -- style of the file ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ItemStyle:
    """How items of a list are written: `-` column, key column, quoting and list style per key."""

    dash: int
    key: int
    quotes: dict[str, str | None]  # key → scalar style seen in the example
    flow_lists: dict[str, bool]  # key → whether the example writes that list in flow style
    list_dash: dict[str, int]  # key → column of the `-` of a block list under that key
    present: frozenset[str] | None = None  # the example's keys (None: no example)

    @classmethod
    def of(cls, text: str, example: Node | None, dash: int, key: int) -> ItemStyle:
        quotes: dict[str, str | None] = {}
        flow_lists: dict[str, bool] = {}
        list_dash: dict[str, int] = {}
        for k, v in example.pairs or () if example else ():
            if v.kind == "scalar":
                quotes[k.value] = v.style
            else:
                flow_lists[k.value] = v.flow
                if v.kind == "seq" and not v.flow and v.items:
                    list_dash[k.value] = column(text, v.start)
        present = None if example is None else frozenset(k.value for k, _ in example.pairs or ())
        return cls(dash, key, quotes, flow_lists, list_dash, present)

    def omits(self, key: str) -> bool:
        """The example item leaves `key` out (so a new item leaves it out too when it is empty)."""
        return self.present is not None and key not in self.present


def render_mapping_item(
    data: dict[str, Any], style: ItemStyle, eol: str, required: Sequence[str]
) -> str:
    """A block-mapping list item in `style`: `- key: value` lines ending in `eol`."""
    lines: list[str] = []
    for key, value in data.items():
        empty = value is None or value == [] or value == {}
        if empty and key not in required and style.omits(key):
            continue
        lines.extend(_field_lines(key, value, style))
    first = " " * style.dash + "-" + " " * max(1, style.key - style.dash - 1)
    body = [first + lines[0][style.key :], *lines[1:]]
    return "".join(line + eol for line in body)


def _field_lines(key: str, value: Any, style: ItemStyle) -> list[str]:
    pad = " " * style.key
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):  # history entries
        dash = style.list_dash.get(key, style.key + style.dash)
        entry = ItemStyle(dash, dash + (style.key - style.dash), {}, {}, {})
        lines = [f"{pad}{key}:"]
        for v in value:
            lines.extend(render_mapping_item(v, entry, "\n", tuple(v)).splitlines())
        return lines
    if isinstance(value, list) and value and not style.flow_lists.get(key, True):
        dash = style.list_dash.get(key, style.key)
        out = [f"{pad}{key}:"]
        out.extend(f"{' ' * dash}- {scalar_text(v, style.quotes.get(key))}" for v in value)
        return out
    if isinstance(value, list):
        items = ", ".join(scalar_text(v, None, flow=True) for v in value)
        return [f"{pad}{key}: [{items}]"]
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {scalar_text(v, None, flow=True)}" for k, v in value.items())
        return [f"{pad}{key}: {{{inner}}}"]
    return [f"{pad}{key}: {scalar_text(value, style.quotes.get(key))}"]


def render_flow_entry(data: dict[str, Any], quotes: dict[str, str | None]) -> str:
    inner = ", ".join(f"{k}: {scalar_text(v, quotes.get(k), flow=True)}" for k, v in data.items())
    return "{" + inner + "}"


def commitment_data(c: Commitment) -> dict[str, Any]:
    return commitment_to_dict(c)


def source_data(s: Source) -> dict[str, Any]:
    return source_to_dict(s)


def entry_data(e: HistoryEntry) -> dict[str, Any]:
    return history_to_dict(e)


def column(text: str, offset: int) -> int:
    """0-based column of `offset` (characters since the last line break)."""
    m = max(text.rfind(c, 0, offset) for c in "\r\n\x85\u2028\u2029")
    return offset - (m + 1)


# -- editing one item ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Splice:
    """Replace text[start:end] with `new`."""

    start: int
    end: int
    new: str


def apply(text: str, splices: Sequence[Splice]) -> str:
    return "".join(_replaced(text, [(s.start, s.end, s.new) for s in splices]))


@dataclass(frozen=True, slots=True)
class Patch:
    """Replace data[start:end] (bytes of the file) with `new`."""

    start: int
    end: int
    new: bytes


def patch(data: bytes, patches: Sequence[Patch]) -> bytes:
    return b"".join(_replaced(data, [(p.start, p.end, p.new) for p in patches]))


_Text = TypeVar("_Text", str, bytes)


def _replaced(whole: _Text, changes: list[tuple[int, int, _Text]]) -> list[_Text]:
    """The pieces of `whole` with each (start, end, new) change made, in order."""
    out: list[_Text] = []
    pos = 0
    for start, end, new in sorted(changes, key=lambda c: (c[0], c[1])):
        if start < pos:
            raise CannotEdit("cannot edit: two changes overlap")  # pragma: no cover
        out.extend((whole[pos:start], new))
        pos = end
    out.append(whole[pos:])
    return out


def prefix(list_key: str, eol: str) -> str:
    """The head of the small document one item is read in."""
    return f"version: 1{eol}{list_key}:{eol}"


def the_item(snippet: str, list_key: str, what: str = "the item") -> Node:
    """The one item of a small document made by `prefix` + an item's text."""
    try:
        root = outline(snippet)
    except yaml.YAMLError as e:
        raise CannotEdit(f"cannot edit: the item does not read on its own ({e})") from None
    seq = root.get(list_key)
    if seq is None or seq.kind != "seq" or seq.flow or len(seq.items or ()) != 1:
        raise CannotEdit(f"cannot edit: the lines of {what} do not hold exactly one list item")
    item = (seq.items or [])[0]
    if item.kind != "map" or item.flow:
        raise CannotEdit(
            f"cannot edit: {what} is written in flow style ({{...}}); write it as `key: value` "
            "lines to edit it with kvtrack"
        )
    return item


@dataclass(frozen=True, slots=True)
class HistoryStyle:
    """How new history entries look when the commitment has none to copy."""

    flow: bool
    quotes: dict[str, str | None]
    offset: int  # columns from the commitment's keys to the `-` of its history entries
    gap: int  # columns from that `-` to the entry's keys


def history_style(data: bytes, near: int, offset: int, gap: int) -> HistoryStyle:
    """The file's convention for history entries, from the entries written nearest `near`."""
    flow = re.search(rb"-[ \t]+\{[ \t]*date:", data) is not None and (
        re.search(rb"-[ \t]+date:", data) is None
    )
    quotes: dict[str, str | None] = {}
    for key in ("note", "evidence"):
        needle = f" {key}: ".encode()
        at = data.rfind(needle, 0, near)
        if at < 0:
            at = data.find(needle, near)
        mark = data[at + len(needle) : at + len(needle) + 1].decode("ascii", "replace")
        quotes[key] = mark if at >= 0 and mark in ('"', "'") else None
    return HistoryStyle(flow, quotes, offset, gap)


def commitment_splices(
    snippet: str,
    item: Node,
    before: Commitment,
    after: Commitment,
    order: Sequence[str],
    defaults: Callable[[], HistoryStyle],
    eol: str,
) -> list[Splice]:
    """The splices that turn `before`'s item text into `after`'s (snippet offsets)."""
    old, new = commitment_to_dict(before), commitment_to_dict(after)
    splices: list[Splice] = []
    for key in order:
        if key == "history" or old.get(key) == new.get(key):
            continue
        splices.append(_set_field(snippet, item, key, new.get(key), order, eol))
    splices.extend(_history_splices(snippet, item, before, after, order, defaults, eol))
    return splices


def _key_column(snippet: str, item: Node) -> int:
    return column(snippet, item.start)


def _set_field(
    snippet: str, item: Node, key: str, value: Any, order: Sequence[str], eol: str
) -> Splice:
    node, key_node = item.get(key), item.key_node(key)
    if node is None or key_node is None:
        pad = " " * _key_column(snippet, item)
        at = _insertion_after_lower_keys(snippet, item, key, order)
        text = _field_lines(key, value, ItemStyle(0, len(pad), {}, {}, {}))
        return _insert(snippet, at, "".join(line + eol for line in text), eol)
    if node.kind == "scalar" and node.style in (None, "'", '"') and not isinstance(value, list):
        if node.value == "" and node.style is None:  # `key:` with nothing after it
            colon = snippet.index(":", key_node.end) + 1
            return Splice(colon, colon, " " + scalar_text(value))
        return Splice(node.start, node.end, scalar_text(value, node.style))
    if node.kind == "seq" and node.flow and isinstance(value, list):
        items = ", ".join(scalar_text(v, None, flow=True) for v in value)
        return Splice(node.start, node.end, f"[{items}]")
    scalars = node.kind == "seq" and all(i.kind == "scalar" for i in node.items or ())
    if scalars and isinstance(value, list) and node.items:
        return _block_list(snippet, node, key_node, value, eol)
    raise CannotEdit(f"cannot edit: '{key}' is written in a form kvtrack cannot change in place")


def _block_list(snippet: str, node: Node, key_node: Node, value: list[Any], eol: str) -> Splice:
    """New items for a block list of scalars, at its `-` column and in its first item's quoting."""
    items = node.items or []
    end = after_content(snippet, node.end)
    if not value:
        colon = snippet.index(":", key_node.end)
        return Splice(colon, end, ": []" + eol)
    dash = column(snippet, node.start)
    start = node.start - dash
    style = items[0].style
    return Splice(start, end, "".join(f"{' ' * dash}- {scalar_text(v, style)}{eol}" for v in value))


def _insertion_after_lower_keys(snippet: str, item: Node, key: str, order: Sequence[str]) -> int:
    """Where a new `key:` line goes: after the last key that the schema puts before it."""
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    last: Node | None = None
    for k, v in item.pairs or ():
        if rank.get(k.value, len(order)) < mine:
            last = v
    if last is None:  # every key the item has comes later in the schema: add it at the end
        last = (item.pairs or [])[-1][1]
    return after_content(snippet, last.end)


def _history_splices(
    snippet: str,
    item: Node,
    before: Commitment,
    after: Commitment,
    order: Sequence[str],
    defaults_of: Callable[[], HistoryStyle],
    eol: str,
) -> list[Splice]:
    added = _inserted_entries(before.history, after.history)
    if not added:
        return []
    node, key_node = item.get("history"), item.key_node("history")
    keys = _key_column(snippet, item)
    if node is not None and node.kind == "seq" and node.items:
        return [
            _into_entries(snippet, node, position, history_to_dict(entry), eol)
            for position, entry in added
        ]
    defaults = defaults_of()
    dash = keys + defaults.offset
    entry_text = "".join(
        _entry_lines(
            history_to_dict(e), dash, dash + defaults.gap, defaults.flow, defaults.quotes, eol
        )
        for _, e in added
    )
    if node is None or key_node is None:
        at = _insertion_after_lower_keys(snippet, item, "history", order)
        return [_insert(snippet, at, " " * keys + "history:" + eol + entry_text, eol)]
    colon = snippet.index(":", key_node.end)
    if node.kind == "scalar" and node.value == "" and node.style is None:
        at = line_end(snippet, colon)
        return [_insert(snippet, at, entry_text, eol)]
    if (node.kind == "scalar" and node.style is None and node.value in NULLS) or (
        node.kind == "seq" and node.flow
    ):
        at = line_end(snippet, node.end)
        return [Splice(colon, node.end, ":"), _insert(snippet, at, entry_text, eol)]
    raise CannotEdit("cannot edit: `history` is not a list")


def _inserted_entries(
    old: tuple[HistoryEntry, ...], new: tuple[HistoryEntry, ...]
) -> list[tuple[int, HistoryEntry]]:
    """(position in `old`, entry) for each entry of `new` that is not in `old`, when `new` is
    `old` with entries inserted (in order); an edit never changes or drops an entry."""
    out: list[tuple[int, HistoryEntry]] = []
    i = 0
    for entry in new:
        if i < len(old) and entry == old[i]:
            i += 1
        else:
            out.append((i, entry))
    if i != len(old):
        raise ValueError("an edit adds history entries and never changes the others")
    return out


def _into_entries(snippet: str, seq: Node, position: int, data: dict[str, Any], eol: str) -> Splice:
    items = seq.items or []
    example = items[min(position, len(items) - 1)]
    quotes = {k.value: v.style for k, v in example.pairs or () if v.kind == "scalar"}
    flow_entry = example.kind == "map" and example.flow
    if seq.flow:
        text = render_flow_entry(data, quotes)
        if position < len(items):
            return Splice(items[position].start, items[position].start, text + ", ")
        close = snippet.rindex("]", 0, seq.end)
        return Splice(close, close, ", " + text)
    dash = column(snippet, seq.start)
    key = column(snippet, example.start) if example.kind == "map" and not flow_entry else dash + 2
    text = _entry_lines(data, dash, key, flow_entry, quotes, eol)
    if position < len(items):
        at = items[position].start - (column(snippet, items[position].start))
        return Splice(at, at, text)
    at = after_content(snippet, items[-1].end)
    return _insert(snippet, at, text, eol)


def _insert(snippet: str, at: int, lines: str, eol: str) -> Splice:
    """Insert whole lines at `at`: after a line break first, when the text ends without one."""
    if at > 0 and not _at_line_start(snippet, at):
        lines = eol + lines
    return Splice(at, at, lines)


def _entry_lines(
    data: dict[str, Any],
    dash: int,
    key: int,
    flow: bool,
    quotes: dict[str, str | None],
    eol: str,
) -> str:
    if flow:
        return " " * dash + "- " + render_flow_entry(data, quotes) + eol
    style = ItemStyle(dash, key, dict(quotes), {}, {})
    return render_mapping_item(data, style, eol, required=tuple(data))
