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
from datetime import date

import yaml
from yaml.events import Event, MappingStartEvent, SequenceStartEvent

from kvtrack.core.limits import MAX_NESTING
from kvtrack.core.model import SOURCE_KINDS, Commitment, HistoryEntry, Source, Status
from kvtrack.errors import Location, Problem, ValidationError
from kvtrack.store.file_text import decode
from kvtrack.store.gc_pause import no_gc
from kvtrack.store.loaded import Locations, Part, PartError
from kvtrack.store.yaml_events import Map, Node, Seq, Stream, is_null
from kvtrack.store.yaml_values import NodeReader, kind_of

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
            url=self.url(f.get("url")),
        )

    def url(self, node: Node | None) -> str | None:
        """A link is one line: a newline or control character in it would break every export."""
        url = self.text(node, "url")
        if url is not None and node is not None:
            bad = next((c for c in url if not c.isprintable() or c.isspace()), None)
            if bad is not None:
                self.problem(
                    node,
                    f"url contains {'a space' if bad == ' ' else f'the control character {bad!r}'}; "
                    "a URL is one line without spaces (write a space as %20)",
                )
                return None
        return url

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
