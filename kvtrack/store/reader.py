"""Commitments file → model, with every problem found reported at its line and column.

The YAML is read as parser events (see `yaml_events`), never constructed: no tag can build a Python
object, every value keeps its position, duplicate keys are seen, and scalars are read from their
text, so `no`, `2025` or an unquoted date mean what the schema says rather than what YAML guesses.
Validation goes on after the first problem and reports them all at once.

One file gives a `Part` (`parse_part`); `register.load` merges the parts of a file or a
directory, taking each file's part from the parse cache when its bytes have not changed (see
`cache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import yaml
from yaml.events import Event, MappingStartEvent, SequenceStartEvent

from kvtrack.core.limits import MAX_NESTING
from kvtrack.core.model import Commitment, HistoryEntry, Source
from kvtrack.core.schema import (
    COMMITMENT,
    HISTORY_ENTRY,
    IDENTIFIERS,
    REGISTER_IDENTIFIERS,
    SCHEMA_VERSION,
    SOURCE,
    SOURCE_KINDS,
    TOP,
    Shape,
    Type,
)
from kvtrack.errors import Location, Problem, ValidationError
from kvtrack.store.file_text import decode
from kvtrack.store.gc_pause import no_gc
from kvtrack.store.loaded import Locations, Part, PartError
from kvtrack.store.yaml_events import Map, Node, Seq, Stream, is_null
from kvtrack.store.yaml_values import NodeReader, kind_of

_ALIASES_SHOWN = 5


def parse_part(text: str | bytes, path: str, *, standalone: bool = True) -> Part:
    """One file's text (or its UTF-8 bytes) → its Part; raise ValidationError listing every problem.

    Bytes go to the parser as they are: libyaml reads UTF-8 itself, so a big file is never held
    as a Python string too (which takes up to four bytes a character).
    `standalone` files must have a `commitments:` list; a file in a directory may hold only sources.
    """
    if _blank(text):
        raise ValidationError(
            "the file is empty; start it with `version: 1`, `sources:` and `commitments:` "
            "(see docs/schema.md)",
            where=Location(path, 1, 1),
        )
    if isinstance(text, bytes) and text.startswith((b"\xff\xfe", b"\xfe\xff")):
        decode(text, path)  # UTF-16, which libyaml would accept: say it is not UTF-8
    reader = _Reader(path)
    stream = Stream(text)
    try:
        with no_gc():
            reader.document(stream, standalone)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x)
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise _syntax_error(what, where) from None
    except yaml.YAMLError as e:
        if isinstance(text, bytes):
            decode(text, path)  # bytes that are not UTF-8: say where
        raise _character_error(text, path) or ValidationError(
            f"YAML error: {' '.join(str(e).split())}", where=Location(path)
        ) from None
    finally:
        stream.close()
    if stream.aliases:
        raise _aliases_error(stream, path)
    reader.problems.extend(
        Problem(
            f"nested more than {MAX_NESTING} levels deep (a commitments file needs 5); "
            "flatten it or quote it as text",
            Location(path, m.line + 1, m.column + 1),
        )
        for m in stream.too_deep[:_ALIASES_SHOWN]
    )
    if reader.problems:
        raise PartError(reader.problems, reader.part())
    return reader.part()


# What YAML allows nowhere in a file: C0 controls but tab, newline and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _character_error(text: str | bytes, path: str) -> ValidationError | None:
    """The parser's complaint about a character (a NUL byte), as one line at its line:col."""
    if isinstance(text, bytes):
        found = _CONTROL_BYTES.search(text)
        if found is None:
            return None
        at, code = found.start(), text[found.start()]
        line_start = text.rfind(b"\n", 0, at) + 1
        col = len(text[line_start:at].decode("utf-8", "replace")) + 1
        line = text.count(b"\n", 0, at) + 1
    else:
        m = _CONTROL.search(text)
        if m is None:
            return None
        at, code = m.start(), ord(text[m.start()])
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    name = " (NUL)" if code == 0 else ""
    return ValidationError(
        f"the control character 0x{code:02x}{name} is not allowed in a YAML file; "
        "is it a binary file, or was it damaged? Remove the character",
        where=Location(path, line, col),
    )


def _blank(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return not text.removeprefix(b"\xef\xbb\xbf").strip()
    return not text.lstrip("\ufeff").strip()


def _syntax_error(what: str, where: Location) -> ValidationError:
    return ValidationError(
        f"YAML syntax error: {what}; check the indentation and quoting here", where=where
    )


def _aliases_error(stream: Stream, path: str) -> ValidationError:
    """Anchors and aliases have no use in a commitments file and are how alias bombs are built."""
    marks = stream.aliases
    shown = [
        Problem(
            "YAML aliases (*name) are not allowed in a commitments file; write the value out",
            Location(path, m.line + 1, m.column + 1),
        )
        for m in marks[:_ALIASES_SHOWN]
    ]
    if len(marks) > _ALIASES_SHOWN:
        shown.append(
            Problem(f"... and {len(marks) - _ALIASES_SHOWN} more aliases", shown[-1].where)
        )
    return ValidationError(problems=shown)


class _Reader(NodeReader):
    """Reads the node stream into the model, collecting problems instead of stopping."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.sources: dict[str, Source] = {}
        self.commitments: list[Commitment] = []
        self.commitment_at = Locations(path)
        self.source_at = Locations(path)
        self.cited: list[tuple[str, Location]] = []
        self._plans = {shape: self._plan(shape) for shape in (SOURCE, COMMITMENT, HISTORY_ENTRY)}

    def part(self) -> Part:
        foreign = [(s, where) for s, where in self.cited if s not in self.sources]
        return Part(
            self.path,
            self.sources,
            tuple(self.commitments),
            self.source_at,
            self.commitment_at,
            foreign,
        )

    # -- the schema -------------------------------------------------------------------------------
    def document(self, stream: Stream, standalone: bool) -> None:
        """The top level, taking the items of `sources` and `commitments` one at a time."""
        first = stream.root()
        if first is None:
            raise ValidationError("the file holds no data", where=Location(self.path, 1, 1))
        if type(first) is not MappingStartEvent:
            root = stream.node(first)
            if self.tag_ok(root):
                self.problem(
                    root,
                    "the top level must be a mapping with `version`, `sources` and `commitments`, "
                    f"not {kind_of(root)}",
                )
        else:
            self.top(stream, first, standalone)
        extra = stream.end()
        if extra is not None:
            raise _syntax_error(
                "expected a single document in the stream but found another document",
                Location(self.path, extra.line + 1, extra.column + 1),
            )

    def top(self, stream: Stream, start: Event, standalone: bool) -> None:
        root = Map(start, [])
        if not self.tag_ok(root):
            for _key, first in stream.pairs():
                stream.node(first)
            return
        seen: dict[str, Node] = {}
        version: Node | None = None
        for key_node, first in stream.pairs():
            key = self.top_key(key_node, seen)
            if key in ("sources", "commitments"):
                self.items(stream, first, key)
                continue
            value = stream.node(first)
            if key == "version":
                version = value
            elif key is not None:
                self.unknown(key_node, key, TOP.what, TOP.names)
                self.scan(value)
        self.check_top(root, version, seen, standalone)

    def items(self, stream: Stream, first: Event, key: str) -> None:
        """The items of `sources` or `commitments`; a block list is read one item at a time, so
        only the model stays in memory."""
        read_item = self.source if key == "sources" else self.commitment
        if type(first) is SequenceStartEvent:
            wanted = self.tag_ok(Seq(first, []))
            for item in stream.items():
                if wanted:
                    read_item(item)
            return
        for item in self.sequence(stream.node(first), key):
            read_item(item)

    def check_top(
        self, root: Map, version: Node | None, seen: dict[str, Node], standalone: bool
    ) -> None:
        text = self.text(version, "version")
        if text is None:
            self.problem(root, "missing `version: 1` at the top of the file")
        elif text != str(SCHEMA_VERSION) and version is not None:
            self.problem(
                version,
                f"unsupported version '{text}'; this kvtrack reads version {SCHEMA_VERSION}",
            )
        if standalone and "commitments" not in seen:
            self.problem(root, "missing `commitments:` list (it may be empty: `commitments: []`)")
        elif "commitments" not in seen and "sources" not in seen:
            self.problem(root, "missing `sources:` and `commitments:`; a file needs one of them")

    def fields(self, node: Node, shape: Shape) -> tuple[dict[str, Node], dict[str, Any]] | None:
        """A mapping of `shape`: its nodes by key, and its values read and checked by type.

        A value left out (or null) of a field with a default is left out here too, so the
        model's default (the same as the schema's, see tests/test_schema.py) applies.
        """
        f = self.mapping(node, shape.what, shape.names, shape.required)
        if f is None:
            return None
        values: dict[str, Any] = {}
        for name, read, what, has_default in self._plans[shape]:
            value = read(f.get(name), what)
            if value is not None or not has_default:
                values[name] = value
        return f, values

    def source(self, node: Node) -> None:
        read = self.fields(node, SOURCE)
        if read is None:
            return
        f, values = read
        submitted, answered = values["submitted"], values["answered"]
        if submitted and answered and answered < submitted:
            self.problem(f["answered"], f"answered ({answered}) is before submitted ({submitted})")
        source_id = values["id"]
        if source_id is None:
            return
        if source_id in self.sources:
            first = self.source_at[source_id].line
            self.problem(
                node,
                f"duplicate source id '{source_id}' (first at line {first}); ids must be unique",
            )
            return
        self.source_at.add(source_id, *self.line_col(node))
        self.sources[source_id] = Source(**values)

    def url(self, node: Node | None, what: str) -> str | None:
        """A link is one line: a newline or control character in it would break every export."""
        url = self.text(node, what)
        if url is not None and node is not None:
            bad = next((c for c in url if not c.isprintable() or c.isspace()), None)
            if bad is not None:
                self.problem(
                    node,
                    f"{what} contains "
                    f"{'a space' if bad == ' ' else f'the control character {bad!r}'}; "
                    "a URL is one line without spaces (write a space as %20)",
                )
                return None
        return url

    def commitment(self, node: Node) -> None:
        read = self.fields(node, COMMITMENT)
        if read is None:
            return
        f, values = read
        shared = self._shared
        source, owner = values["source"], values["owner"]
        if source is not None:
            source = values["source"] = shared.setdefault(source, source)
            if source not in self.sources:  # perhaps defined further down, or in another file
                self.cited.append((source, self.at(f["source"])))
        if owner is not None:
            values["owner"] = shared.setdefault(owner, owner)
        cid = values["id"]
        for name in COMMITMENT.required:
            if values[name] is None:
                return
        if cid in self.commitment_at:
            first = self.commitment_at[cid].line
            self.problem(
                node,
                f"duplicate commitment id '{cid}' (first at line {first}); ids must be unique",
            )
            return
        self.commitment_at.add(cid, *self.line_col(node))
        self.commitments.append(Commitment(**values))

    # -- values of the schema's types that only this file's shapes have ----------------------------
    def kind(self, node: Node | None, what: str) -> str | None:
        kind = self.text(node, what)
        if not kind:
            return None
        if node is not None and kind not in SOURCE_KINDS:
            self.problem(
                node, f"unknown source kind '{kind}'; use one of {', '.join(SOURCE_KINDS)}"
            )
            return None
        return kind

    def identifiers(self, node: Node | None, what: str) -> dict[str, str | None]:
        if node is None or is_null(node):
            return {}
        ids = self.mapping(node, what, IDENTIFIERS.names) or {}
        return {k: self.text(v, k) for k, v in ids.items()}

    def register_identifiers(self, node: Node | None, what: str) -> dict[str, str]:
        if node is None or is_null(node):
            return {}
        ids = self.mapping(node, what, REGISTER_IDENTIFIERS.names) or {}
        texts = {k: self.text(v, k) for k, v in ids.items()}
        return {k: v for k, v in texts.items() if v is not None}

    def history(self, node: Node | None, what: str) -> tuple[HistoryEntry, ...]:
        if node is None:
            return ()
        entries: list[HistoryEntry] = []
        previous: date | None = None
        for item in self.sequence(node, what):
            read = self.fields(item, HISTORY_ENTRY)
            if read is None:
                continue
            f, values = read
            when = values["date"]
            if when is None:
                continue
            if previous is not None and when < previous:
                self.problem(
                    f["date"],
                    f"history is out of order: {when} comes after {previous}; list entries oldest first",
                )
            previous = when
            entries.append(HistoryEntry(**values))
        return tuple(entries)

    def _plan(self, shape: Shape) -> list[tuple[str, Callable[[Node | None, str], Any], str, bool]]:
        """For each field of `shape`: its name, the reader of its type, what messages call it,
        and whether it has a default."""
        by_type: dict[Type, Callable[[Node | None, str], Any]] = {
            Type.SLUG: self.ident,
            Type.SOURCE_ID: self.text,
            Type.TEXT: self.text,
            Type.URL: self.url,
            Type.KIND: self.kind,
            Type.DATE: self.date,
            Type.PERIOD: self.period,
            Type.STATUS: self.status,
            Type.ANSWER: self.answer,
            Type.TEXTS: self.texts,
            Type.IDENTIFIERS: self.identifiers,
            Type.REGISTER_IDS: self.register_identifiers,
            Type.HISTORY: self.history,
        }
        return [
            (
                f.name,
                by_type[f.type],
                f"{shape.noun} {f.name}" if f.type is Type.SLUG else f.name,
                f.default is not None,
            )
            for f in shape.fields
        ]
