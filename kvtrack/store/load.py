"""Commitments file → model, with every problem found reported at its line and column.

The YAML is read as parser events (see `nodes`), never constructed: no tag can build a Python
object, every value keeps its position, duplicate keys are seen, and scalars are read from their
text, so `no`, `2025` or an unquoted date mean what the schema says rather than what YAML guesses.
Validation goes on after the first problem and reports them all at once.

One file gives a `Part`; `register.load` merges the parts of a file or a directory, taking
each file's part from the parse cache when its bytes have not changed (see `cache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.events import Event, MappingStartEvent, ScalarEvent, SequenceStartEvent

from kvtrack.core.model import SOURCE_KINDS, Commitment, HistoryEntry, Source, Status
from kvtrack.core.period import Period, parse_date
from kvtrack.errors import KvtrackError, Location, Problem, ValidationError
from kvtrack.store.nodes import NULLS, TAG, Map, Node, Seq, Stream, is_null
from kvtrack.store.part import Loaded, Locations, Part, PartError, decode, no_gc, read_bytes

__all__ = ["Loaded", "Part", "load", "parse_part", "parse_text", "read_text"]

T = TypeVar("T")

_PLAIN_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MAX_NODES_PER_UNKNOWN = 10_000
_ALIASES_SHOWN = 5

TOP_FIELDS = ("version", "sources", "commitments")
SOURCE_FIELDS = (
    "id",
    "kind",
    "title",
    "asked_by",
    "answered_by",
    "submitted",
    "answered",
    "identifiers",
    "file",
    "url",
)
COMMITMENT_FIELDS = (
    "id",
    "title",
    "source",
    "answer",
    "quote",
    "due",
    "due_text",
    "owner",
    "places",
    "tags",
    "status",
    "history",
    "cue",
)
HISTORY_FIELDS = ("date", "status", "due", "note", "evidence")
IDENTIFIER_FIELDS = ("publication", "zaak", "document", "vergaderjaar", "aanhangsel")
_FIELD_SETS: dict[tuple[str, ...], frozenset[str]] = {
    f: frozenset(f)
    for f in (TOP_FIELDS, SOURCE_FIELDS, COMMITMENT_FIELDS, HISTORY_FIELDS, IDENTIFIER_FIELDS)
}


def read_text(path: Path) -> str:
    """The file's text, or a KvtrackError that names the path and says what to do."""
    return decode(read_bytes(path), str(path))


def load(path: Path) -> Loaded:
    """The register at `path`: a commitments file, or a directory of them merged into one."""
    from kvtrack.store.register import load as load_register

    return load_register(path)


def parse_text(
    text: str, path: str = "<input>", *, sources_elsewhere: frozenset[str] | None = None
) -> Loaded:
    """Validate YAML text against the schema; raise ValidationError listing every problem.

    `sources_elsewhere`: the text is one file of a directory whose other files define these
    sources (so it may cite them, and need not have a `commitments:` list).
    """
    from kvtrack.store.register import merge_results

    standalone = sources_elsewhere is None
    return merge_results(
        [lambda: parse_part(text, path, standalone=standalone)],
        [path],
        sources_elsewhere=sources_elsewhere or frozenset(),
    )


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
        raise ValidationError(f"YAML error: {e}", where=Location(path)) from None
    finally:
        stream.close()
    if stream.aliases:
        raise _aliases_error(stream, path)
    if reader.problems:
        raise PartError(reader.problems, reader.part())
    return reader.part()


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


class _Reader:
    """Reads the node stream, building the model and collecting problems instead of stopping."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.commitments: list[Commitment] = []
        self.commitment_at = Locations(path)
        self.source_at = Locations(path)
        self.cited: list[tuple[str, Location]] = []
        # Repeated values are parsed once and their objects shared (less work, memory and cache).
        self._periods: dict[str, Period | KvtrackError] = {}
        self._dates: dict[str, date | KvtrackError] = {}
        self._statuses: dict[str, Status | KvtrackError] = {}
        self._shared: dict[str, str] = {}  # owners, places, tags, cited sources: one string each

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
            self.problem(node, f"{what} must be a mapping of `key: value` lines, not {_kind(node)}")
            return None
        out: dict[str, Node] = {}
        allowed = _FIELD_SETS[fields]
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
        elif key_node.value not in _FIELD_SETS[fields]:
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
                node, f"{what} must be a list (lines starting with '- '), not {_kind(node)}"
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
            self.problem(node, f"{what} must be text, not {_kind(node)}")
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

    def status(self, node: Node | None) -> Status | None:
        return self.parsed(node, "status", self._statuses, Status.parse)

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

    def answer(self, node: Node | None) -> tuple[int, ...]:
        if node is None:
            return ()
        items = [node] if type(node) is ScalarEvent else self.sequence(node, "answer")
        out: list[int] = []
        for item in items:
            value = self.text(item, "answer")
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
                    f"not {_kind(root)}",
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
        item_readers = {"sources": self.source, "commitments": self.commitment}
        for key_node, first in stream.pairs():
            key = self.top_key(key_node, seen)
            read_item = item_readers.get(key or "")
            if read_item is not None and type(first) is SequenceStartEvent:
                # The lists are read one item at a time: only the model stays in memory.
                wanted = self.tag_ok(Seq(first, []))
                for item in stream.items():
                    if wanted:
                        read_item(item)
                continue
            value = stream.node(first)
            if key is None:
                continue
            if read_item is not None:
                for item in self.sequence(value, key):
                    read_item(item)
            elif key == "version":
                version = value
            else:
                self.unknown(key_node, key, "the top level", TOP_FIELDS)
                self.scan(value)
        text = self.text(version, "version")
        if text is None:
            self.problem(root, "missing `version: 1` at the top of the file")
        elif text != "1" and version is not None:
            self.problem(version, f"unsupported version '{text}'; this kvtrack reads version 1")
        if standalone and "commitments" not in seen:
            self.problem(root, "missing `commitments:` list (it may be empty: `commitments: []`)")
        elif "commitments" not in seen and "sources" not in seen:
            self.problem(root, "missing `sources:` and `commitments:`; a file needs one of them")

    def source(self, node: Node) -> None:
        f = self.mapping(node, "a source", SOURCE_FIELDS, required=("id",))
        if f is None:
            return
        source_id = self.ident(f.get("id"), "source id")
        kind = self.text(f.get("kind"), "kind") or "kamervragen"
        if kind not in SOURCE_KINDS:
            self.problem(
                f["kind"], f"unknown source kind '{kind}'; use one of {', '.join(SOURCE_KINDS)}"
            )
        identifiers: dict[str, str | None] = {}
        if "identifiers" in f and not is_null(f["identifiers"]):
            ids = self.mapping(f["identifiers"], "identifiers", IDENTIFIER_FIELDS) or {}
            identifiers = {k: self.text(v, k) for k, v in ids.items()}
        submitted = self.date(f.get("submitted"), "submitted")
        answered = self.date(f.get("answered"), "answered")
        if submitted and answered and answered < submitted:
            self.problem(f["answered"], f"answered ({answered}) is before submitted ({submitted})")
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
        self.sources[source_id] = Source(
            id=source_id,
            kind=kind,
            title=self.text(f.get("title"), "title"),
            asked_by=self.text(f.get("asked_by"), "asked_by"),
            answered_by=self.text(f.get("answered_by"), "answered_by"),
            submitted=submitted,
            answered=answered,
            identifiers=identifiers,
            file=self.text(f.get("file"), "file"),
            url=self.text(f.get("url"), "url"),
        )

    def commitment(self, node: Node) -> None:
        f = self.mapping(
            node, "a commitment", COMMITMENT_FIELDS, required=("id", "title", "source", "quote")
        )
        if f is None:
            return
        cid = self.ident(f.get("id"), "commitment id")
        source = self.text(f.get("source"), "source")
        status = self.status(f.get("status")) or Status.OPEN
        history = self.history(f.get("history"))
        title = self.text(f.get("title"), "title")
        quote = self.text(f.get("quote"), "quote")
        answer = self.answer(f.get("answer"))
        due = self.period(f.get("due"), "due")
        due_text = self.text(f.get("due_text"), "due_text")
        owner = self.text(f.get("owner"), "owner")
        places = self.texts(f.get("places"), "places")
        tags = self.texts(f.get("tags"), "tags")
        cue = self.text(f.get("cue"), "cue")
        if source is not None:
            source = self._shared.setdefault(source, source)
            if source not in self.sources:  # perhaps defined further down, or in another file
                self.cited.append((source, self.at(f["source"])))
        if owner is not None:
            owner = self._shared.setdefault(owner, owner)
        if cid is None or title is None or source is None or quote is None:
            return
        if cid in self.commitment_at:
            first = self.commitment_at[cid].line
            self.problem(
                node,
                f"duplicate commitment id '{cid}' (first at line {first}); ids must be unique",
            )
            return
        self.commitment_at.add(cid, *self.line_col(node))
        self.commitments.append(
            Commitment(
                id=cid,
                title=title,
                source=source,
                quote=quote,
                answer=answer,
                due=due,
                due_text=due_text,
                owner=owner,
                places=places,
                tags=tags,
                status=status,
                history=history,
                cue=cue,
            )
        )

    def history(self, node: Node | None) -> tuple[HistoryEntry, ...]:
        if node is None:
            return ()
        entries: list[HistoryEntry] = []
        previous: date | None = None
        for item in self.sequence(node, "history"):
            f = self.mapping(item, "a history entry", HISTORY_FIELDS, required=("date",))
            if f is None:
                continue
            when = self.date(f.get("date"), "date")
            entry_status = self.status(f.get("status"))
            due = self.period(f.get("due"), "due")
            note = self.text(f.get("note"), "note")
            evidence = self.text(f.get("evidence"), "evidence")
            if when is None:
                continue
            if previous is not None and when < previous:
                self.problem(
                    f["date"],
                    f"history is out of order: {when} comes after {previous}; list entries oldest first",
                )
            previous = when
            entries.append(HistoryEntry(when, entry_status, due, note, evidence))
        return tuple(entries)


def _kind(node: Node) -> str:
    if type(node) is Map:
        return "a mapping"
    if type(node) is Seq:
        return "a list"
    if type(node) is not ScalarEvent:
        return "an alias"
    return f"the value '{node.value}'" if node.value != "" else "an empty value"
