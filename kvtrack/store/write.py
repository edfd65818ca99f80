"""The one safe way to change a commitments file. Every writer (the edit commands, `extract --append`)
goes through `edit()`.

    with the lock held:                  (concurrent kvtrack writers queue up here)
        read the text, validate it       (an invalid file is never edited)
        load it round-trip, apply the change, dump it
        validate the new text            (refuse an edit that would break the file)
        if the file changed on disk meanwhile: start again from the new text, never overwrite it
        replace the file atomically      (temp file, fsync, rename, fsync the directory)

A refused edit raises KvtrackError and leaves the file byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kvtrack.core.model import Commitment, HistoryEntry, Register, Source
from kvtrack.core.schema import COMMITMENT, TOP
from kvtrack.core.serialize import commitment_to_dict, history_to_dict, source_to_dict
from kvtrack.errors import KvtrackError, Location, Problem, ValidationError
from kvtrack.store import roundtrip
from kvtrack.store.atomic import replace_text, stale_temp_files
from kvtrack.store.file_text import read_text
from kvtrack.store.loaded import Loaded
from kvtrack.store.lock import locked
from kvtrack.store.register import parse_text

T = TypeVar("T")

# A person saving the file in an editor between our read and our rename: start again this many
# times, then give up rather than loop.
MAX_ATTEMPTS = 5


class ConcurrentChangeError(KvtrackError):
    """The file kept changing on disk while kvtrack was editing it."""


@dataclass
class Document:
    """A commitments file opened for one edit: the validated register and the round-trip tree.

    Change functions read `register` to decide and validate, then change the tree through the
    methods below, which keep the file's style; `expect` states what the register must contain
    afterwards, and `edit()` checks it against the re-parsed new text.
    """

    path: Path
    text: str
    loaded: Loaded
    data: CommentedMap
    yaml: YAML
    expected: list[Commitment] = field(default_factory=list)
    # A file of a directory store: the sources its sibling files define (it may cite them).
    sources_elsewhere: frozenset[str] | None = None

    @property
    def register(self) -> Register:
        return self.loaded.register

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def commitment_node(self, commitment_id: str) -> CommentedMap:
        """The tree node of the commitment `commitment_id` (a KvtrackError with a hint if none)."""
        self.register.get(commitment_id)  # raises with "did you mean"
        # The loader keeps every commitment of a valid file, in file order, so positions match.
        for position, commitment in enumerate(self.register.commitments):
            if commitment.id == commitment_id:
                node = self.data["commitments"][position]
                if isinstance(node, CommentedMap):
                    return node
        raise AssertionError(f"commitment {commitment_id} is in the register but not in the tree")

    def append_commitment(self, commitment: Commitment) -> None:
        """Append `commitment` at the end of `commitments:`, styled like the one before it."""
        items = self._top_list("commitments")
        node = roundtrip.to_node(commitment_to_dict(commitment))
        if len(items):
            roundtrip.quote_like(node, items[-1])
        roundtrip.append_item(self.data, "commitments", node, self.lines)
        self.expect(commitment)

    def add_source(self, source: Source) -> None:
        """Append `source` at the end of `sources:` (creating the list if the file has none)."""
        items = self._top_list("sources")
        node = roundtrip.to_node(source_to_dict(source))
        if len(items):
            roundtrip.quote_like(node, items[-1])
        roundtrip.append_item(self.data, "sources", node, self.lines)

    def update_commitment(self, before: Commitment, after: Commitment) -> None:
        """Write what differs between `before` and `after` into the node of `before`, touching
        nothing else: changed fields are set in place, new history entries appended."""
        node = self.commitment_node(before.id)
        old, new = commitment_to_dict(before), commitment_to_dict(after)
        if after.history[: len(before.history)] != before.history:
            raise ValueError("history entries are only ever appended, never changed")
        for key, value in new.items():
            if key != "history" and old.get(key, None) != value:
                roundtrip.set_key(node, key, roundtrip.to_node(value, key), COMMITMENT.names)
        for key in old.keys() - new.keys():
            del node[key]
        for entry in after.history[len(before.history) :]:
            self._append_history(node, entry)
        self.expect(after)

    def _append_history(self, node: CommentedMap, entry: HistoryEntry) -> None:
        if not isinstance(node.get("history"), CommentedSeq):  # absent, or `history:` (null)
            roundtrip.set_key(node, "history", CommentedSeq(), COMMITMENT.names)
        history = node["history"]
        item = roundtrip.to_node(history_to_dict(entry))
        example = history[-1] if len(history) else self._any_history_entry()
        if isinstance(example, CommentedMap) and example.fa.flow_style():
            item.fa.set_flow_style()  # the file writes entries as `- {date: ..., ...}`
        roundtrip.quote_like(item, example)
        roundtrip.append_item(node, "history", item, self.lines)

    def expect(self, commitment: Commitment) -> None:
        """After the edit, the file must hold exactly `commitment` (checked on the re-parsed text)."""
        self.expected.append(commitment)

    def _top_list(self, key: str) -> CommentedSeq:
        value = self.data.get(key)
        if not isinstance(value, CommentedSeq):  # absent or `key:` with nothing (null)
            value = CommentedSeq()
            roundtrip.set_key(self.data, key, value, TOP.names)
        return value

    def _any_history_entry(self) -> Any:
        """The last history entry written anywhere in the file, as a style example."""
        for node in reversed(self.data.get("commitments") or []):
            history = node.get("history") if isinstance(node, CommentedMap) else None
            if isinstance(history, CommentedSeq) and len(history):
                return history[-1]
        return None


def edit(
    path: Path,
    change: Callable[[Document], T],
    *,
    timeout: float | None = None,
    sources_elsewhere: frozenset[str] | None = None,
) -> T:
    """Apply `change` to the file at `path` safely (see the module docstring) and return its result.

    `change` may run more than once (when the file changes on disk under it), each time on a fresh
    Document, so it must decide from `doc.register` and not from state kept between calls.
    """
    if not path.is_file():
        read_text(path)  # a missing file or a directory: its message, before a lock file is made
    if path.is_symlink():  # write the file the link points to; replacing the link would orphan it
        path = Path(os.path.realpath(path))
    if _read_only(path):  # a rename would replace it anyway; respect the user's chmod
        raise KvtrackError(
            "the file is read-only, so kvtrack will not change it (chmod u+w to allow edits)",
            where=Location(str(path)),
        )
    with locked(path, timeout):
        for stale in stale_temp_files(path):  # left by a writer that was killed mid-write
            with contextlib.suppress(OSError):
                stale.unlink()
        for _ in range(MAX_ATTEMPTS):
            text = read_text(path)
            doc = _open(path, text, sources_elsewhere)
            result = _apply(change, doc)
            new_text = _render(doc)
            _check(doc, new_text)
            if read_text(path) != text:  # saved by an editor (which takes no lock) meanwhile
                continue
            if new_text != text:
                replace_text(path, new_text)
            return result
    raise ConcurrentChangeError(
        f"the file changed on disk {MAX_ATTEMPTS} times while kvtrack was editing it; "
        "nothing was written. Try again when it is no longer being saved",
        where=Location(str(path)),
    )


def _read_only(path: Path) -> bool:
    """Not writable by us, or by nobody at all (root may write anything, but `chmod a-w` is a wish)."""
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not os.access(path, os.W_OK) or not path.stat().st_mode & writable_bits


def _apply(change: Callable[[Document], T], doc: Document) -> T:
    try:
        return change(doc)
    except KvtrackError as e:  # a refusal: say which file it was about
        raise e.located(Location(str(doc.path))) from None


def not_editable(what: str, path: Path, error: ValidationError) -> ValidationError:
    """An edit refused because the file (or directory) is already invalid, with its problems."""
    return ValidationError(
        f"the {what} is not valid, so kvtrack will not edit it; fix these problems first "
        "(`kvtrack validate` lists them):",
        where=Location(str(path)),
        problems=error.problems,
    )


def _open(path: Path, text: str, sources_elsewhere: frozenset[str] | None = None) -> Document:
    try:
        loaded = parse_text(text, str(path), sources_elsewhere=sources_elsewhere)
    except ValidationError as e:
        raise not_editable("file", path, e) from None
    yaml = roundtrip.make_yaml(text)
    data = roundtrip.load(yaml, text)
    return Document(path, text, loaded, data, yaml, sources_elsewhere=sources_elsewhere)


def _render(doc: Document) -> str:
    new_text = roundtrip.dump(doc.yaml, doc.data)
    if "\r\n" in doc.text:  # keep Windows line endings; ruamel writes "\n"
        new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
    return new_text


def _check(doc: Document, new_text: str) -> None:
    """Refuse the edit unless the new text is valid and says what the change meant it to say."""
    where = Location(str(doc.path))
    try:
        elsewhere = doc.sources_elsewhere
        after = parse_text(new_text, str(doc.path), sources_elsewhere=elsewhere).register
    except ValidationError as e:
        raise ValidationError(
            "refused: this edit would make the file invalid, so nothing was written:",
            where=where,
            problems=[Problem(p.message, where) for p in e.problems],
        ) from None
    for wanted in doc.expected:
        try:
            written = after.get(wanted.id)
        except KvtrackError:
            written = None
        if written != wanted:  # e.g. a YAML quoting surprise; never write what we did not mean
            raise KvtrackError(
                f"refused: the edit of '{wanted.id}' did not come out as intended when written "
                "as YAML, so nothing was written; please report this",
                where=where,
            )
