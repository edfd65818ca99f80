"""Commitments file → Register, with every problem found reported at its line and column.

The YAML is *composed* into nodes, never constructed: no tag can build a Python object, every value
keeps its position, duplicate keys are seen, and scalars are read from their text, so `no`, `2025` or
an unquoted date mean what the schema says rather than what YAML guesses. Validation goes on after the
first problem and reports them all at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import TypeVar

import yaml

from kvtrack.core.model import SOURCE_KINDS, Commitment, HistoryEntry, Register, Source, Status
from kvtrack.core.period import Period, parse_date
from kvtrack.errors import KvtrackError, Location, NotFoundError, Problem, ValidationError

try:  # libyaml's composer is several times faster; the pure one is just as safe
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

T = TypeVar("T")

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MAX_NODES_PER_UNKNOWN = 10_000

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


@dataclass(slots=True)
class Loaded:
    """A register together with where each of its commitments and sources was found."""

    register: Register
    paths: list[Path]
    commitment_at: dict[str, Location] = field(default_factory=dict)
    source_at: dict[str, Location] = field(default_factory=dict)


def read_text(path: Path) -> str:
    """The file's text, or a KvtrackError that names the path and says what to do."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(
            "no such file; pass --file PATH, set KVTRACK_FILE, or run kvtrack where commitments.yaml is",
            where=Location(str(path)),
        ) from None
    except IsADirectoryError:
        raise KvtrackError(
            "is a directory, not a commitments file", where=Location(str(path))
        ) from None
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=Location(str(path))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ValidationError(
            f"not UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8",
            where=Location(str(path), line, col),
        ) from None


def load_file(path: Path) -> Loaded:
    """Read and validate one commitments file."""
    return parse_text(read_text(path), str(path))


def parse_text(text: str, path: str = "<input>") -> Loaded:
    """Validate YAML text against the schema; raise ValidationError listing every problem."""
    root = compose(text, path)
    reader = _Reader(path)
    register = reader.register(root)
    if reader.problems:
        reader.problems.sort(key=lambda p: (p.where.line or 0, p.where.col or 0))
        raise ValidationError(problems=reader.problems)
    return Loaded(register, [Path(path)], reader.commitment_at, reader.source_at)


def compose(text: str, path: str) -> yaml.Node:
    if not text.strip():
        raise ValidationError(
            "the file is empty; start it with `version: 1`, `sources:` and `commitments:` "
            "(see docs/schema.md)",
            where=Location(path, 1, 1),
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x)
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise ValidationError(
            f"YAML syntax error: {what}; check the indentation and quoting here", where=where
        ) from None
    except yaml.YAMLError as e:
        raise ValidationError(f"YAML error: {e}", where=Location(path)) from None
    if node is None:
        raise ValidationError("the file holds no data", where=Location(path, 1, 1))
    if "&" in text:
        reject_aliases(text, path)
    return node


def reject_aliases(text: str, path: str) -> None:
    """Anchors and aliases have no use in a commitments file and are how alias bombs are built.

    Only run when the text contains '&' (every anchor does), so ordinary files pay nothing.
    """
    aliases = [
        e.start_mark
        for e in yaml.parse(text, Loader=_Loader)
        if isinstance(e, yaml.AliasEvent) and e.start_mark is not None
    ]
    if not aliases:
        return
    shown = [
        Problem(
            "YAML aliases (*name) are not allowed in a commitments file; write the value out",
            Location(path, m.line + 1, m.column + 1),
        )
        for m in aliases[:5]
    ]
    if len(aliases) > 5:
        last = shown[-1].where
        shown.append(Problem(f"... and {len(aliases) - 5} more aliases", last))
    raise ValidationError(problems=shown)


class _Reader:
    """Walks the node tree, building the model and collecting problems instead of stopping."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.commitment_at: dict[str, Location] = {}
        self.source_at: dict[str, Location] = {}
        self._seen: set[int] = set()

    # -- reporting -------------------------------------------------------------------------------
    def at(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(message, self.at(node)))

    def attempt(self, node: yaml.Node, convert: Callable[[], T]) -> T | None:
        try:
            return convert()
        except KvtrackError as e:
            self.problem(node, e.message)
            return None

    # -- structure --------------------------------------------------------------------------------
    def check_node(self, node: yaml.Node) -> bool:
        """Tags and aliases: nothing may construct objects or expand into a bomb."""
        if id(node) in self._seen:
            self.problem(node, "YAML anchors and aliases are not allowed here; write the value out")
            return False
        self._seen.add(id(node))
        tag = node.tag
        ok = (
            tag in _PLAIN_TAGS
            if isinstance(node, yaml.ScalarNode)
            else tag in (_TAG + "map", _TAG + "seq")
        )
        if not ok:
            short = tag.replace(_TAG, "!!")
            self.problem(
                node,
                f"YAML tag '{short}' is not allowed (kvtrack never builds objects from tags); remove it",
            )
        return ok

    def mapping(
        self, node: yaml.Node, what: str, fields: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        if not self.check_node(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of `key: value` lines, not {_kind(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        key_at: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"a key in {what} must be plain text")
                continue
            key = key_node.value
            if key in key_at:
                first = key_at[key].start_mark.line + 1
                self.problem(
                    key_node,
                    f"duplicate key '{key}' in {what} (first at line {first}); keep only one",
                )
                continue
            key_at[key] = key_node
            if key not in fields:
                close = get_close_matches(key, fields, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; known fields: {', '.join(fields)}"
                )
                self.problem(key_node, f"unknown field '{key}' in {what}{hint}")
                self.scan(value_node)
                continue
            out[key] = value_node
        for name in required:
            if name not in out or _is_null(out[name]):
                self.problem(node, f"{what} is missing required field '{name}'")
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not self.check_node(node):
            return []
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, f"{what} must be a list (lines starting with '- '), not {_kind(node)}"
            )
            return []
        return list(node.value)

    def scan(self, node: yaml.Node) -> None:
        """Check tags and aliases under a field kvtrack does not read, with a bounded walk."""
        stack, budget = [node], _MAX_NODES_PER_UNKNOWN
        while stack and budget:
            budget -= 1
            n = stack.pop()
            if not self.check_node(n):
                continue
            if isinstance(n, yaml.SequenceNode):
                stack.extend(n.value)
            elif isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    stack.extend((k, v))

    # -- scalars ----------------------------------------------------------------------------------
    def text(self, node: yaml.Node | None, what: str) -> str | None:
        if node is None or not self.check_node(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be text, not {_kind(node)}")
            return None
        if _is_null(node):
            return None
        return str(node.value)

    def date(self, node: yaml.Node | None, what: str) -> date | None:
        value = self.text(node, what)
        if value is None or node is None:
            return None
        return self.attempt(node, lambda: parse_date(value))

    def period(self, node: yaml.Node | None, what: str) -> Period | None:
        value = self.text(node, what)
        if value is None or node is None:
            return None
        return self.attempt(node, lambda: Period.parse(value))

    def status(self, node: yaml.Node | None) -> Status | None:
        value = self.text(node, "status")
        if value is None or node is None:
            return None
        return self.attempt(node, lambda: Status.parse(value))

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            one = self.text(node, what)  # a single value is taken as a list of one
            return (one,) if one else ()
        return tuple(t for n in self.sequence(node, what) if (t := self.text(n, what)))

    def answer(self, node: yaml.Node | None) -> tuple[int, ...]:
        if node is None:
            return ()
        items = [node] if isinstance(node, yaml.ScalarNode) else self.sequence(node, "answer")
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

    # -- the schema -------------------------------------------------------------------------------
    def register(self, root: yaml.Node) -> Register:
        if not isinstance(root, yaml.MappingNode):
            self.problem(
                root,
                f"the top level must be a mapping with `version`, `sources` and `commitments`, not {_kind(root)}",
            )
            return Register({}, ())
        top = self.mapping(root, "the top level", TOP_FIELDS) or {}
        version = self.text(top.get("version"), "version")
        if version is None:
            self.problem(root, "missing `version: 1` at the top of the file")
        elif version != "1":
            self.problem(
                top["version"], f"unsupported version '{version}'; this kvtrack reads version 1"
            )
        if "commitments" not in top:
            self.problem(root, "missing `commitments:` list (it may be empty: `commitments: []`)")

        sources: dict[str, Source] = {}
        for node in self.sequence(top["sources"], "sources") if "sources" in top else []:
            source = self.source(node)
            if source is None:
                continue
            if source.id in sources:
                first = self.source_at[source.id].line
                self.problem(
                    node,
                    f"duplicate source id '{source.id}' (first at line {first}); ids must be unique",
                )
                continue
            sources[source.id] = source
            self.source_at[source.id] = self.at(node)

        commitments: list[Commitment] = []
        for node in (
            self.sequence(top["commitments"], "commitments") if "commitments" in top else []
        ):
            commitment = self.commitment(node, sources)
            if commitment is None:
                continue
            if commitment.id in self.commitment_at:
                first = self.commitment_at[commitment.id].line
                self.problem(
                    node,
                    f"duplicate commitment id '{commitment.id}' (first at line {first}); ids must be unique",
                )
                continue
            self.commitment_at[commitment.id] = self.at(node)
            commitments.append(commitment)
        return Register(sources, tuple(commitments))

    def ident(self, node: yaml.Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and node is not None and not _ID.match(value):
            self.problem(
                node,
                f"{what} '{value}' must be a slug: letters, digits, '-', '_' or '.', no spaces",
            )
            return None
        return value

    def source(self, node: yaml.Node) -> Source | None:
        f = self.mapping(node, "a source", SOURCE_FIELDS, required=("id",))
        if f is None:
            return None
        source_id = self.ident(f.get("id"), "source id")
        kind = self.text(f.get("kind"), "kind") or "kamervragen"
        if kind not in SOURCE_KINDS:
            self.problem(
                f["kind"], f"unknown source kind '{kind}'; use one of {', '.join(SOURCE_KINDS)}"
            )
        identifiers: dict[str, str | None] = {}
        if "identifiers" in f and not _is_null(f["identifiers"]):
            ids = self.mapping(f["identifiers"], "identifiers", IDENTIFIER_FIELDS) or {}
            identifiers = {k: self.text(v, k) for k, v in ids.items()}
        submitted = self.date(f.get("submitted"), "submitted")
        answered = self.date(f.get("answered"), "answered")
        if submitted and answered and answered < submitted:
            self.problem(f["answered"], f"answered ({answered}) is before submitted ({submitted})")
        if source_id is None:
            return None
        return Source(
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

    def commitment(self, node: yaml.Node, sources: dict[str, Source]) -> Commitment | None:
        f = self.mapping(
            node, "a commitment", COMMITMENT_FIELDS, required=("id", "title", "source", "quote")
        )
        if f is None:
            return None
        cid = self.ident(f.get("id"), "commitment id")
        source = self.text(f.get("source"), "source")
        if source is not None and source not in sources:
            close = get_close_matches(source, list(sources), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "add it under `sources:` first"
            self.problem(f["source"], f"commitment cites unknown source '{source}'; {hint}")
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
        if cid is None or title is None or source is None or quote is None:
            return None
        return Commitment(
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

    def history(self, node: yaml.Node | None) -> tuple[HistoryEntry, ...]:
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


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value '{node.value}'" if node.value != "" else "an empty value"


def load(path: Path) -> Loaded:
    """The register at `path` (a commitments file)."""
    return load_file(path)
