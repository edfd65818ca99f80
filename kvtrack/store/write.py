"""The one safe way to change a commitments file. Every writer (the edit commands, `extract --append`)
goes through `edit()`.

    with the lock held:                  (concurrent kvtrack writers queue up here)
        read the file once it is stable  (never a file another program is still writing)
        its register: from the parse cache, or parsed and validated (an invalid file is never edited)
        apply the change: splice the new text of the changed items into the old text
        check: each changed item, read on its own, is exactly what was meant; nothing else changed
        if the file changed on disk meanwhile: start again from the new text, never overwrite it
        replace the file atomically      (temp file, fsync, rename, fsync the directory)
        store the new register in the parse cache, so the next read is warm

A refused edit raises KvtrackError and leaves the file byte for byte as it was.

Why splices and not a YAML round trip: a round trip re-renders the whole file (slow, and it changes
values it does not understand, like `+1`, `~` or `[1,000]`); a splice changes the edited item's
lines and nothing else, whatever the rest of the file holds. Why checking the changed items is
checking the whole register: see `store.splice` — an item of a block list reads the same on its own
as in the file, and every other byte is the same as in the file that was validated.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kvtrack.core.model import Commitment, Register, Source, unknown_commitment
from kvtrack.errors import KvtrackError, Location, ValidationError
from kvtrack.store.atomic import stale_temp_files, write_atomic
from kvtrack.store.file_text import decode, read_bytes
from kvtrack.store.gc_pause import no_gc
from kvtrack.store.loaded import Loaded, Part, PartChange
from kvtrack.store.lock import FileId, Held, check_interrupt, locked

if TYPE_CHECKING:
    from kvtrack.store.cache import Entry

T = TypeVar("T")

# A person saving the file in an editor between our read and our rename: start again this many
# times, then give up rather than loop.
MAX_ATTEMPTS = 5
# git's "racy" rule: a file modified this recently may still be being written by another program
# (one that truncates it and writes it in pieces), so wait until it has been still this long.
RACY_ENV = "KVTRACK_RACY_SECONDS"
RACY_SECONDS = 1.0
STABLE_WAIT = 10.0  # seconds to wait for a file that keeps changing, then give up
BOM = b"\xef\xbb\xbf"


@dataclass
class Document:
    """A commitments file opened for one edit: its text and its validated register.

    Change functions read `register` to decide, then state the change through the methods below;
    `edit()` renders it into the text in the file's style and checks the result.

    When the change said it reads only one commitment (or none: an append), and the parse cache
    knows the file, `part` and `register` hold all the sources but only that commitment, and
    `entry` is the cache entry they came from; `commitment_ids` always names every commitment.
    """

    path: Path
    seen: FileId  # the file as it was when its register was read
    part: Part
    loaded: Loaded
    raw: bytes | None = None  # the file's bytes, once read
    # A file of a directory store: the sources its sibling files define (it may cite them).
    sources_elsewhere: frozenset[str] | None = None
    updates: dict[str, tuple[Commitment, Commitment]] = field(default_factory=dict)
    new_commitments: list[Commitment] = field(default_factory=list)
    new_sources: list[Source] = field(default_factory=list)
    entry: Entry | None = None

    @property
    def register(self) -> Register:
        return self.loaded.register

    @property
    def commitment_ids(self) -> Collection[str]:
        """Every commitment id of the file (whether or not `register` holds them all)."""
        return self.part.commitment_at

    def all_commitments(self) -> tuple[Commitment, ...]:
        """Every commitment of the file, in its order."""
        if self.entry is None:
            return self.part.commitments
        whole = self.entry.part()
        if whole is None:  # pragma: no cover - an authenticated entry that does not decode
            raise KvtrackError("the parse cache could not be read; try again")
        return whole.commitments

    @property
    def changed(self) -> bool:
        return bool(self.updates or self.new_commitments or self.new_sources)

    @property
    def data(self) -> bytes:
        """The file's bytes without a byte-order mark (read by `load_bytes`)."""
        assert self.raw is not None, "load_bytes() first"
        return self.raw.removeprefix(BOM)

    @property
    def text(self) -> str:
        """The file's text (decoded on demand: a big file is worked on as bytes)."""
        return self.data.decode("utf-8")

    def load_bytes(self) -> bytes | None:
        """The file's bytes, if they are still the ones the register was read from (else None)."""
        if self.raw is None:
            raw = read_bytes(self.path)
            if FileId.of(_stat(self.path)) != self.seen or len(raw) != self.seen.size:
                return None
            self.raw = raw
        return self.raw

    def update_commitment(self, before: Commitment, after: Commitment) -> None:
        """Change `before` into `after`: changed fields set in place, a new history entry inserted
        where its date puts it."""
        self.register.get(before.id)  # raises with "did you mean"
        self.updates[before.id] = (before, after)

    def append_commitment(self, commitment: Commitment) -> None:
        """Append `commitment` at the end of `commitments:`, styled like the one before it."""
        self.new_commitments.append(commitment)

    def add_source(self, source: Source) -> None:
        """Append `source` at the end of `sources:` (creating the list if the file has none).

        Its identifiers are written with the schema's three keys (null when unknown), so that is
        the source the file will hold."""
        known = {k: source.identifiers.get(k) for k in ("publication", "zaak", "document")}
        self.new_sources.append(replace(source, identifiers={**known, **source.identifiers}))


def edit(
    path: Path,
    change: Callable[[Document], T],
    *,
    timeout: float | None = None,
    sources_elsewhere: frozenset[str] | None = None,
    dry_run: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
    commitment_id: str | None = None,
    appends: bool = False,
) -> T:
    """Apply `change` to the file at `path` safely (see the module docstring) and return its result.

    `change` may run more than once (when the file changes on disk under it), each time on a fresh
    Document, so it must decide from `doc.register` and not from state kept between calls.
    `dry_run`: write nothing, give it the unified diff instead. `warn`: told what the user should
    know about a successful edit (other hard links keep the old content).

    `commitment_id`: the one commitment `change` reads (an update); `appends`: `change` reads no
    commitment, only `doc.commitment_ids` and the sources (an append). Then, when the parse cache
    knows the file, only what the change reads is built (see Document), and an unknown
    `commitment_id` is refused as `Register.get` refuses it, from the cache's index of ids.
    """
    if not path.is_file():
        read_bytes(path)  # a missing file or a directory: its message, before a lock file is made
    if path.is_symlink():  # write the file the link points to; replacing the link would orphan it
        path = Path(os.path.realpath(path))
    if _read_only(path) and dry_run is None:  # a rename would replace it anyway; respect chmod
        raise KvtrackError(
            "the file is read-only, so kvtrack will not change it (chmod u+w to allow edits)",
            where=Location(str(path)),
        )
    with locked(path, timeout) as held:
        for stale in stale_temp_files(path):  # left by a writer that was killed mid-write
            with contextlib.suppress(OSError):
                stale.unlink()
        for _ in range(MAX_ATTEMPTS):
            done, result = _attempt(
                path, held, change, sources_elsewhere, dry_run, warn, (commitment_id, appends)
            )
            if done:
                return result
    raise KvtrackError(
        f"the file changed on disk {MAX_ATTEMPTS} times while kvtrack was editing it; "
        "nothing was written. Try again when it is no longer being saved",
        where=Location(str(path)),
    )


def _attempt(
    path: Path,
    held: Held,
    change: Callable[[Document], T],
    sources_elsewhere: frozenset[str] | None,
    dry_run: Callable[[str], None] | None,
    warn: Callable[[str], None] | None,
    reads: tuple[str | None, bool] = (None, False),
) -> tuple[bool, T]:
    """One read–change–write: (True, result), or (False, result) when the file changed meanwhile."""
    doc = _open(path, held, sources_elsewhere, reads)
    try:  # a refusal needs neither the bytes nor, when the cache has them, the parser
        result = _apply(change, doc)
    except KvtrackError:
        if doc.raw is not None:  # parsed just now: the next command need not parse again
            _remember(path, doc.raw, doc.part, sources_elsewhere is None)
        raise
    if not doc.changed:
        return True, result
    raw = doc.load_bytes()
    if raw is None:  # changed on disk since the register was read
        return False, result
    from kvtrack.store.rewrite import render_document

    with no_gc():  # the new Part and its pickle are big and hold no cycles
        new_data, rendered = render_document(doc)
    if dry_run is not None:
        dry_run(unified_diff(doc.text, new_data.decode("utf-8"), str(path), str(path)))
        return True, result
    check_interrupt()  # Ctrl-C so far: not applied
    now = path.stat()
    if FileId.of(now) != doc.seen:  # saved by an editor (which takes no lock) meanwhile
        return False, result
    if new_data != doc.data:
        written = (BOM if raw.startswith(BOM) else b"") + new_data
        write_atomic(path, written)
        held.wrote(FileId.of(path.stat()))
        with no_gc():
            _remember_change(path, written, doc, rendered, sources_elsewhere is None)
        _warn_links(path, now.st_nlink, warn)
    return True, result


def not_editable(what: str, path: Path, error: ValidationError) -> ValidationError:
    """An edit refused because the file (or directory) is already invalid, with its problems."""
    return ValidationError(
        f"the {what} is not valid, so kvtrack will not edit it; fix these problems first "
        "(`kvtrack validate` lists them):",
        where=Location(str(path)),
        problems=error.problems,
    )


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """The unified diff of two texts, worked out only around where they differ (fast on big files)."""
    if old == new:
        return ""
    import difflib

    head = _common(lambda m: old[:m] == new[:m], min(len(old), len(new)))
    room = min(len(old), len(new)) - head
    tail = _common(lambda m: old[len(old) - m :] == new[len(new) - m :], room)
    cut = len(old) - tail
    if cut > 0 and old[cut - 1] != "\n":  # the common end starts mid-line: take whole lines
        after = old.find("\n", cut)
        tail = 0 if after < 0 else len(old) - (after + 1)
    start = old.rfind("\n", 0, head) + 1
    first_line = old.count("\n", 0, start)
    a = old[start : len(old) - tail].splitlines(keepends=True)
    b = new[start : len(new) - tail].splitlines(keepends=True)
    rest_a = old[len(old) - tail :].splitlines(keepends=True)
    rest_b = new[len(new) - tail :].splitlines(keepends=True)
    # Context: three lines on each side, taken from the text around the change.
    before = old[:start].splitlines(keepends=True)[-3:]
    a = before + a + rest_a[:3]
    b = before + b + rest_b[:3]
    offset = first_line - len(before)
    out = []
    for line in difflib.unified_diff(a, b, old_name, new_name, n=3):
        m = re.match(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line)
        if m:
            line = f"@@ -{int(m[1]) + offset}{m[2] or ''} +{int(m[3]) + offset}{m[4] or ''} @@\n"
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def _common(same: Callable[[int], bool], most: int) -> int:
    """The largest m <= most with same(m), for a `same` that holds up to some m and not after
    (a binary search of slice comparisons: fast on big texts, unlike a character loop)."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


# -- reading ---------------------------------------------------------------------------------------
def racy_seconds() -> float:
    raw = os.environ.get(RACY_ENV, "").strip()
    try:
        return max(0.0, float(raw)) if raw else RACY_SECONDS
    except ValueError:
        return RACY_SECONDS


def wait_until_still(path: Path, held: Held | None = None) -> FileId:
    """The file's identity once no other program is writing it (git's racy rule).

    A file modified within the last second (and not by kvtrack, which the lock records) may be
    in the middle of being written by a program that truncates it and writes it in pieces: wait
    until it has been still that long. The bytes are then read and used only if the file's size
    and modification time are the same after the read as before (`Document.load_bytes`, and the
    cache hashes the file between the two stats), so a half-written file is never edited.
    """
    window = racy_seconds()
    deadline = time.monotonic() + STABLE_WAIT
    ours = held.last_written() if held is not None else None
    while True:
        st = _stat(path)
        age = time.time() - st.st_mtime_ns / 1e9
        if FileId.of(st) == ours or not 0 <= age < window:
            return FileId.of(st)
        _pause(path, deadline, window - age)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError:
        read_bytes(path)  # its message
        raise


def _pause(path: Path, deadline: float, seconds: float) -> None:
    if time.monotonic() + seconds > deadline:
        raise KvtrackError(
            f"the file kept changing for {STABLE_WAIT:g} s (another program is writing it); "
            "nothing was written. Try again when it is done",
            where=Location(str(path)),
        )
    check_interrupt()
    time.sleep(min(seconds + 0.01, 0.25))


def _cached(
    path: Path, sources_elsewhere: frozenset[str] | None, reads: tuple[str | None, bool]
) -> tuple[Part | None, Entry | None]:
    """The parse cache's Part for the file's present bytes (hashed in blocks), else None; with
    the entry when the Part is a window of the register (see Document).

    Refused at once when the entry's index of ids says the file has no such commitment."""
    from kvtrack.store import cache

    try:
        with path.open("rb") as f:
            sha256 = cache.file_digest(f)
    except OSError:  # gone or unreadable: the read that follows says why
        return None, None
    entry = cache.find(path, sha256, sources_elsewhere is None)
    if entry is None:
        return None, None
    commitment_id, appends = reads
    if commitment_id is not None:
        ids = entry.commitment_at
        if commitment_id not in ids:
            raise unknown_commitment(commitment_id, ids).located(Location(str(path)))
    with no_gc():  # as every read's load: no collections while the register is built
        if (commitment_id is not None or appends) and entry.path == str(path):
            window = entry.window(commitment_id)
            elsewhere = sources_elsewhere or frozenset()
            if window is not None and all(s in elsewhere for s, _ in window.foreign):
                return window, entry  # nothing to merge: its register is itself
        return entry.part(keep_pieces=True), None


def _open(
    path: Path,
    held: Held | None,
    sources_elsewhere: frozenset[str] | None,
    reads: tuple[str | None, bool] = (None, False),
) -> Document:
    """The file's register once the file is still: from the parse cache, else parsed."""
    from kvtrack.store.register import merge

    standalone = sources_elsewhere is None
    for _ in range(MAX_ATTEMPTS):
        seen = wait_until_still(path, held)
        raw: bytes | None = None
        part, entry = _cached(path, sources_elsewhere, reads)
        try:
            if part is None:
                from kvtrack.store.reader import parse_part

                raw = read_bytes(path)
                decode(raw, str(path))  # not UTF-8: say where, as validate does
                part = parse_part(raw, str(path), standalone=standalone)
            elif part.path != str(path):
                from kvtrack.store.register import relocate

                part = relocate(part, str(path))
            if entry is not None:
                register = Register(part.sources, part.commitments)
                loaded = Loaded(register, [path], part.commitment_at, part.source_at)
            else:
                loaded = merge([part], sources_elsewhere=sources_elsewhere or frozenset())
        except ValidationError as e:
            raise not_editable("file", path, e) from None
        if FileId.of(_stat(path)) == seen and (raw is None or len(raw) == seen.size):
            return Document(path, seen, part, loaded, raw, sources_elsewhere, entry=entry)
    raise KvtrackError(
        "the file kept changing while kvtrack read it; nothing was written. Try again",
        where=Location(str(path)),
    )


def _apply(change: Callable[[Document], T], doc: Document) -> T:
    try:
        return change(doc)
    except KvtrackError as e:  # a refusal: say which file it was about
        raise e.located(Location(str(doc.path))) from None


def _read_only(path: Path) -> bool:
    """Not writable by us, or by nobody at all (root may write anything, but `chmod a-w` is a wish)."""
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not os.access(path, os.W_OK) or not path.stat().st_mode & writable_bits


def _remember(path: Path, data: bytes, part: Part, standalone: bool) -> None:
    """Leave the parse cache right for the new bytes, so the next read is warm."""
    from kvtrack.store import cache

    cache.store(path, cache.digest(data), standalone, part)


def _remember_change(
    path: Path, data: bytes, doc: Document, rendered: Part | PartChange, standalone: bool
) -> None:
    """Leave the parse cache right for the edited bytes: from the old entry's pieces when the
    edit built only a window of the register, else from the new Part."""
    from kvtrack.store import cache

    if isinstance(rendered, Part):
        cache.store(path, cache.digest(data), standalone, rendered)
    elif doc.entry is not None:
        cache.store_change(path, cache.digest(data), standalone, doc.entry, rendered)
    else:
        cache.store(path, cache.digest(data), standalone, rendered.applied(doc.part))


def _warn_links(path: Path, links: int, warn: Callable[[str], None] | None) -> None:
    """A rename gives the file a new inode: its other hard links keep the old content."""
    if warn is not None and links > 1:
        others = links - 1
        warn(
            f"{path}: warning: this file had {others} other hard link{'s' * (others != 1)}; "
            "kvtrack replaces the file, so the other name(s) keep the old content"
        )


# -- rendering and checking ------------------------------------------------------------------------
