"""ruamel.yaml round trip: load a commitments file keeping its comments, key order, quoting and blank
lines, change it in place, and dump it back so that only the changed lines differ.

The settings are chosen so that the shipped commitments.yaml dumps back byte for byte (a test checks
it): quotes preserved, long lines never re-wrapped, `null` written as `null`, and the indentation taken
from the file itself. The helpers below add items the way a person would: in the style of their
neighbours, with the comments that followed the old last item moved after the new one.

Only the validated text ever reaches this module (`store.register.parse_text` runs first), so tags,
aliases and duplicate keys have already been refused.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

# Keys whose ISO date text is written as a bare date, as people write them (`date: 2026-01-10`).
_DATE_KEYS = frozenset({"date", "submitted", "answered", "due"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEY_ONLY = re.compile(
    r"^( *)[^\s#\-'\"][^#]*:[ \t]*(#.*)?$"
)  # `key:` with its value on later lines
_DASH = re.compile(r"^( *)-( +)\S")
_KEY = re.compile(r"^( *)[^\s#\-]")


def detect_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel.yaml means them, read from the file's block structure.

    Defaults to the shipped file's 2/4/2 (`- ` indented by two under its key). A file written the other
    common way (`- ` flush with its key) keeps that style instead of being re-indented by every edit.
    """
    mapping, sequence, offset = 2, 4, 2
    found_seq = found_map = False
    lines = text.splitlines()
    for i, line in enumerate(lines):
        key = _KEY_ONLY.match(line)
        if key is None:
            continue
        nxt = _next_content_line(lines, i + 1)
        if nxt is None:
            break
        dash = _DASH.match(nxt)
        if dash and not found_seq:
            offset = len(dash[1]) - len(key[1])
            sequence = offset + 1 + len(dash[2])
            found_seq = offset >= 0
        elif not dash and not found_map and (m := _KEY.match(nxt)):
            step = len(m[1]) - len(key[1])
            if step > 0:
                mapping, found_map = step, True
        if found_seq and found_map:
            break
    if not found_seq:
        offset, sequence = 2, 4
    return mapping, max(sequence, offset + 2), offset


def _next_content_line(lines: Sequence[str], start: int) -> str | None:
    for line in lines[start:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return line
    return None


def _represent_none(representer: RoundTripRepresenter, _: None) -> Any:
    # ruamel writes None as an empty value; the schema (and the shipped file) spell it `null`.
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def make_yaml(text: str) -> YAML:
    """A round-trip YAML instance set up to reproduce `text`'s formatting."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long quote; the diff would cover every wrapped line
    mapping, sequence, offset = detect_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def load(yaml: YAML, text: str) -> CommentedMap:
    data = yaml.load(text)
    # parse_text has already checked that the top level is a mapping
    assert isinstance(data, CommentedMap)
    return data


def dump(yaml: YAML, data: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# -- building nodes ------------------------------------------------------------------------------


def to_node(value: Any, key: str | None = None) -> Any:
    """Plain data (from core.serialize) → ruamel nodes in the file's usual style.

    A mapping is written as a block; a list or mapping of plain values inside it is written in flow
    style (`places: [Groningen]`, `identifiers: {publication: null, ...}`), as in the shipped file.
    """
    if isinstance(value, dict):
        node = CommentedMap((k, to_node(v, k)) for k, v in value.items())
        if key is not None and all(_is_scalar(v) for v in value.values()):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(to_node(v) for v in value)
        if all(_is_scalar(v) for v in value):
            seq.fa.set_flow_style()
        return seq
    if key in _DATE_KEYS and isinstance(value, str) and _ISO_DATE.match(value):
        return date.fromisoformat(value)
    return value


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def quote_like(node: CommentedMap, example: Any) -> None:
    """Quote `node`'s text values the way `example` (a sibling item) quotes the same keys.

    A file whose quotes and notes are all in double quotes keeps that convention for new items.
    """
    if not isinstance(example, CommentedMap):
        return
    for key, value in node.items():
        if not isinstance(value, str) or isinstance(value, DoubleQuotedScalarString):
            continue
        like = example.get(key)
        if isinstance(like, DoubleQuotedScalarString):
            node[key] = DoubleQuotedScalarString(value)
        elif isinstance(like, SingleQuotedScalarString):
            node[key] = SingleQuotedScalarString(value)


# -- changing the tree ---------------------------------------------------------------------------


def append_item(parent: CommentedMap, key: str, item: Any, lines: Sequence[str]) -> None:
    """Append `item` to the list `parent[key]`, the way a person editing the file would.

    An empty flow list (`history: []`) becomes a block list. Comments and blank lines that followed
    the old last item (they belong to what comes next in the file) move after the new one. If the
    existing items are separated by blank lines, so is the new one.
    """
    seq = parent[key]
    if len(seq):
        tail = _take_tail(seq[-1])
    else:
        tail = _detach_key_comment(parent, key)
        if isinstance(item, CommentedMap | CommentedSeq):
            seq.fa.set_block_style()
    blank = len(seq) >= 2 and _blank_line_before(seq[-1], lines)
    seq.append(item)
    if tail is not None:
        _put_tail(item, tail)
    if blank:
        seq.yaml_set_comment_before_after_key(len(seq) - 1, before="\n")


def _detach_key_comment(parent: CommentedMap, key: str) -> Any:
    """Detach the comment lines after `key: []` or `key: null` (an end-of-line comment stays).

    ruamel keeps them on the key, and once the list is a block with items it would print them
    between `key:` and the first item; they belong after the list.
    """
    value = parent.get(key)
    comment = getattr(getattr(value, "ca", None), "comment", None)
    if comment and comment[0] is not None:  # the same token, also kept on the flow list
        comment[0] = None
    slot = parent.ca.items.get(key)
    if slot and len(slot) > 2 and slot[2] is not None:
        return _split_tail(slot, 2)
    return None


def set_key(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `node[key]`; a new key goes where `order` (the schema's field order) puts it."""
    if key in node:
        old = node[key]
        tail = _take_tail(old) if _is_block(old) else None  # comments after a replaced block list
        if _is_block(old) and type(old) is type(value) and len(value):
            value.fa.set_block_style()  # a list written one item per line stays that way
        node[key] = value
        if tail is not None:
            _put_after(node, key, tail)
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    for pos, existing in enumerate(node):
        if rank.get(existing, len(order)) > mine:
            node.insert(pos, key, value)
            return
    tail = _take_tail(node)
    node[key] = value
    if tail is not None:
        _put_tail(node, tail)


def _is_block(value: Any) -> bool:
    return isinstance(value, CommentedMap | CommentedSeq) and value.fa.flow_style() is not True


def _take_tail(node: Any) -> Any:
    """Detach the comment token after `node`'s last line (ruamel keeps it on the innermost last key)."""
    if not isinstance(node, CommentedMap | CommentedSeq) or not len(node):
        return None
    last = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
    value = node[last]
    if _is_block(value):
        found = _take_tail(value)
        if found is not None:
            return found
    slot = node.ca.items.get(last)
    index = 2 if isinstance(node, CommentedMap) else 0
    if slot and len(slot) > index and slot[index] is not None:
        return _split_tail(slot, index)
    return None


def _split_tail(slot: list[Any], index: int) -> Any:
    """Detach the lines after `slot[index]`'s line; an end-of-line comment stays on its line."""
    token = slot[index]
    text = token.value
    if text.startswith("\n"):  # nothing on the item's own line: move it all
        slot[index] = None
        return token
    eol, _, rest = text.partition("\n")
    if not rest:
        return None
    token.value = eol + "\n"
    return CommentToken("\n" + rest, token.start_mark)


def _put_tail(node: Any, token: Any) -> None:
    """Attach `token` after `node`'s last line."""
    _put_after(
        node, next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1, token
    )


def _put_after(node: Any, last: Any, token: Any) -> None:
    """Attach `token` after the lines of `node[last]`."""
    value = node[last]
    if _is_block(value) and len(value):
        _put_tail(value, token)
        return
    slot = node.ca.items.setdefault(last, [None, None, None, None])
    slot[2 if isinstance(node, CommentedMap) else 0] = token


def _blank_line_before(item: Any, lines: Sequence[str]) -> bool:
    """Whether a blank line (above any comment lines) precedes `item` in the original text."""
    line = getattr(getattr(item, "lc", None), "line", None)
    if line is None:
        return False
    j = line - 1
    while j >= 0 and lines[j].lstrip().startswith("#"):
        j -= 1
    return j >= 0 and not lines[j].strip()
