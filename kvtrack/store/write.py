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
import difflib
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.errors import KvtrackError, Location, Problem, ValidationError
from kvtrack.store import splice
from kvtrack.store.atomic import stale_temp_files, write_atomic
from kvtrack.store.lock import FileId, Held, check_interrupt, locked
from kvtrack.store.part import Loaded, Locations, Part, PartError, decode, read_bytes
from kvtrack.store.splice import CannotEdit, Span, Splice

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
_COMMITMENT_ORDER = (
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


class ConcurrentChangeError(KvtrackError):
    """The file kept changing on disk while kvtrack was editing it."""


@dataclass
class Document:
    """A commitments file opened for one edit: its text and its validated register.

    Change functions read `register` to decide, then state the change through the methods below;
    `edit()` renders it into the text in the file's style and checks the result.
    """

    path: Path
    text: str
    part: Part
    loaded: Loaded
    # A file of a directory store: the sources its sibling files define (it may cite them).
    sources_elsewhere: frozenset[str] | None = None
    updates: dict[str, tuple[Commitment, Commitment]] = field(default_factory=dict)
    new_commitments: list[Commitment] = field(default_factory=list)
    new_sources: list[Source] = field(default_factory=list)

    @property
    def register(self) -> Register:
        return self.loaded.register

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


@dataclass(frozen=True, slots=True)
class Preview:
    """What an edit would write: the old and new text and their unified diff."""

    old: str
    new: str

    @property
    def diff(self) -> str:
        return unified_diff(self.old, self.new, "a/file", "b/file")


def edit(
    path: Path,
    change: Callable[[Document], T],
    *,
    timeout: float | None = None,
    sources_elsewhere: frozenset[str] | None = None,
    dry_run: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> T:
    """Apply `change` to the file at `path` safely (see the module docstring) and return its result.

    `change` may run more than once (when the file changes on disk under it), each time on a fresh
    Document, so it must decide from `doc.register` and not from state kept between calls.
    `dry_run`: write nothing, give it the unified diff instead. `warn`: told what the user should
    know about a successful edit (other hard links keep the old content).
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
            data, seen = read_stable(path, held)
            doc = _open(path, data, seen, sources_elsewhere)
            result = _apply(change, doc)
            new_text, new_part = render_document(doc)
            if dry_run is not None:
                dry_run(unified_diff(doc.text, new_text, str(path), str(path)))
                return result
            check_interrupt()  # Ctrl-C so far: not applied
            now = os.stat(path)
            if FileId.of(now) != seen:  # saved by an editor (which takes no lock) meanwhile
                continue
            if new_text != doc.text:
                new_data = (BOM if data.startswith(BOM) else b"") + new_text.encode("utf-8")
                write_atomic(path, new_data)
                held.wrote(FileId.of(os.stat(path)))
                _remember(path, new_data, new_part, sources_elsewhere is None)
                _warn_links(path, now.st_nlink, warn)
            return result
    raise ConcurrentChangeError(
        f"the file changed on disk {MAX_ATTEMPTS} times while kvtrack was editing it; "
        "nothing was written. Try again when it is no longer being saved",
        where=Location(str(path)),
    )


def render(
    path: Path, change: Callable[[Document], T], *, sources_elsewhere: frozenset[str] | None = None
) -> tuple[T, str, str]:
    """Apply `change` in memory only: (result, old text, new text). For previews and tests."""
    data = read_bytes(path)
    doc = _open(path, data, FileId.of(os.stat(path)), sources_elsewhere)
    result = _apply(change, doc)
    new_text, _part = render_document(doc)
    return result, doc.text, new_text


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
    head = _common(lambda m: old[:m] == new[:m], min(len(old), len(new)))
    room = min(len(old), len(new)) - head
    tail = _common(lambda m: old[len(old) - m :] == new[len(new) - m :], room)
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


def read_stable(path: Path, held: Held | None = None) -> tuple[bytes, FileId]:
    """The file's bytes once no other program is writing it, and the identity they were read at.

    git's racy rule: if size or modification time differ between the stat before and after the
    read, or the file was modified within the last second (and not by kvtrack, which the lock
    records), wait and read again; a writer that truncates the file and writes it in pieces is
    never read half-way.
    """
    window = racy_seconds()
    deadline = time.monotonic() + STABLE_WAIT
    ours = held.last_written() if held is not None else None
    while True:
        before = _stat(path)
        age = time.time() - before.st_mtime_ns / 1e9
        if FileId.of(before) != ours and 0 <= age < window:
            _pause(path, deadline, window - age)
            continue
        data = read_bytes(path)
        after = _stat(path)
        if FileId.of(before) == FileId.of(after) and len(data) == after.st_size:
            return data, FileId.of(after)
        _pause(path, deadline, 0.05)


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError:
        read_bytes(path)  # its message
        raise


def _pause(path: Path, deadline: float, seconds: float) -> None:
    if time.monotonic() + seconds > deadline:
        raise ConcurrentChangeError(
            f"the file kept changing for {STABLE_WAIT:g} s (another program is writing it); "
            "nothing was written. Try again when it is done",
            where=Location(str(path)),
        )
    check_interrupt()
    time.sleep(min(seconds + 0.01, 0.25))


def _open(
    path: Path, data: bytes, seen: FileId, sources_elsewhere: frozenset[str] | None
) -> Document:
    from kvtrack.store import cache
    from kvtrack.store.register import merge

    standalone = sources_elsewhere is None
    text = decode(data, str(path))
    part = cache.lookup(path, standalone)
    if part is not None and FileId.of(os.stat(path)) != seen:
        part = None  # the cache hashed a newer file than the bytes we hold
    try:
        if part is None:
            from kvtrack.store.load import parse_part

            part = parse_part(data, str(path), standalone=standalone)
        elif part.path != str(path):
            from kvtrack.store.register import relocate

            part = relocate(part, str(path))
        loaded = merge([part], sources_elsewhere=sources_elsewhere or frozenset())
    except PartError as e:
        raise not_editable("file", path, e) from None
    except ValidationError as e:
        raise not_editable("file", path, e) from None
    return Document(path, text, part, loaded, sources_elsewhere)


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


def _warn_links(path: Path, links: int, warn: Callable[[str], None] | None) -> None:
    """A rename gives the file a new inode: its other hard links keep the old content."""
    if warn is not None and links > 1:
        others = links - 1
        warn(
            f"{path}: warning: this file had {others} other hard link{'s' * (others != 1)}; "
            "kvtrack replaces the file, so the other name(s) keep the old content"
        )


# -- rendering and checking ------------------------------------------------------------------------
@dataclass
class _Shift:
    """Lines added at `line` (1-based; ids starting there or later move down by `lines`)."""

    line: int
    lines: int


def render_document(doc: Document) -> tuple[str, Part]:
    """The new text of the file and its Part, after checking that it says what was meant."""
    if not (doc.updates or doc.new_commitments or doc.new_sources):
        return doc.text, doc.part
    lines = splice.Lines(doc.text)
    splices: list[Splice] = []
    shifts: list[_Shift] = []
    commitments = list(doc.part.commitments)
    where = {c.id: i for i, c in enumerate(commitments)} if doc.updates else {}
    for before, after in doc.updates.values():
        index = where[before.id]
        s, shift, written = _update(doc, lines, index, before, after)
        splices.append(s)
        shifts.append(shift)
        commitments[index] = written
    new_sources: dict[str, tuple[int, int]] = {}
    new_commitments: dict[str, tuple[int, int]] = {}
    full_check = False
    if doc.new_sources:
        s, shift, new_sources, full = _append_items(doc, lines, "sources", doc.new_sources)
        splices.append(s)
        shifts.append(shift)
        full_check |= full
    if doc.new_commitments:
        s, shift, new_commitments, full = _append_items(
            doc, lines, "commitments", doc.new_commitments
        )
        splices.append(s)
        shifts.append(shift)
        full_check |= full
        commitments.extend(doc.new_commitments)
    new_text = splice.apply(doc.text, splices)
    if full_check:  # a list was created: the cheap argument does not hold, read it all again
        return new_text, _reparsed(doc, new_text)
    sources = {**doc.part.sources, **{s.id: s for s in doc.new_sources}}
    part = Part(
        doc.part.path,
        sources,
        tuple(commitments),
        _moved(doc.part.source_at, shifts, new_sources),
        _moved(doc.part.commitment_at, shifts, new_commitments),
        _moved_foreign(doc, shifts, new_commitments),
    )
    return new_text, part


def _update(
    doc: Document, lines: splice.Lines, index: int, before: Commitment, after: Commitment
) -> tuple[Splice, _Shift, Commitment]:
    """Splice `after` into the item of `before`; check both read back as meant."""
    span = _span(doc, lines, "commitments", index)
    eol = lines.eol
    head = splice.prefix("commitments", eol)
    old_snippet = head + doc.text[span.start : span.end]
    where = Location(str(doc.path), span.line, span.dash + 1)
    _read_back(doc, old_snippet, "commitments", span, [before], where, new=False)
    item = _the_item(old_snippet, "commitments", where)
    keys = splice.column(old_snippet, item.start)
    # No entry to copy: the file's list indentation (that of its commitments under their key).
    defaults = splice.history_style(doc.text, span.start, span.dash, keys - span.dash)
    try:
        edits = splice.commitment_splices(
            old_snippet, item, before, after, _COMMITMENT_ORDER, defaults, eol
        )
    except CannotEdit as e:
        raise CannotEdit(e.message, where=where) from None
    new_snippet = splice.apply(old_snippet, edits)
    (written,) = _read_back(doc, new_snippet, "commitments", span, [after], where)
    assert isinstance(written, Commitment)
    new_span = new_snippet[len(head) :]
    added = splice.count_breaks(new_span) - splice.count_breaks(doc.text, span.start, span.end)
    return Splice(span.start, span.end, new_span), _Shift(span.line + 1, added), written


def _span(doc: Document, lines: splice.Lines, key: str, index: int) -> Span:
    at = doc.part.commitment_at if key == "commitments" else doc.part.source_at
    ids = [c.id for c in doc.part.commitments] if key == "commitments" else list(doc.part.sources)
    here = at[ids[index]]
    following = at[ids[index + 1]].line if index + 1 < len(ids) else None
    where = Location(str(doc.path), here.line, here.col)
    return splice.item_span(lines, here.line or 1, here.col or 1, following, where)


def _the_item(snippet: str, key: str, where: Location) -> splice.Node:
    try:
        return splice.the_item(snippet, key)
    except CannotEdit as e:
        raise CannotEdit(e.message, where=where) from None


def _read_back(
    doc: Document,
    snippet: str,
    key: str,
    span: Span,
    wanted: Sequence[Commitment | Source],
    where: Location,
    *,
    new: bool = True,
) -> list[Commitment | Source]:
    """Read `snippet` (the head and some items of `key`) as kvtrack reads a file; refuse unless it
    holds exactly `wanted`. `new`: the text the edit wrote (else the file's own item)."""
    from kvtrack.store.load import parse_text

    known = frozenset(doc.register.sources) | {s.id for s in doc.new_sources}
    known |= doc.sources_elsewhere or frozenset()
    try:
        loaded = parse_text(snippet, str(doc.path), sources_elsewhere=known)
    except ValidationError as e:
        if new:
            raise ValidationError(
                "refused: this edit would make the file invalid, so nothing was written:",
                where=where,
                problems=[Problem(p.message, _in_file(p.where, span)) for p in e.problems],
            ) from None
        shown = [Problem(f"cannot edit: {p.message}", _in_file(p.where, span)) for p in e.problems]
        raise ValidationError(problems=shown) from None
    got: list[Commitment | Source]
    if key == "commitments":
        got = list(loaded.register.commitments)
    else:
        got = list(loaded.register.sources.values())
    if got != list(wanted):
        names = ", ".join(f"'{w.id}'" for w in wanted)
        raise CannotEdit(
            f"cannot edit: {names} would not read back as intended when written into this "
            "file, so nothing was written; please report this",
            where=where,
        )
    return got


def _in_file(where: Location, span: Span) -> Location:
    """A position in a snippet (two head lines, then the span) → the position in the file."""
    if where.line is None:
        return Location(where.path, span.line, span.dash + 1)
    return Location(where.path, where.line - 3 + span.line, where.col)


def _append_items(
    doc: Document, lines: splice.Lines, key: str, items: Sequence[Commitment | Source]
) -> tuple[Splice, _Shift, dict[str, tuple[int, int]], bool]:
    """Splice new items at the end of the top-level list `key`: (splice, shift, their positions,
    whether the whole text must be read again, which it must when the list is created)."""
    text, eol = doc.text, lines.eol
    count = len(doc.part.commitments) if key == "commitments" else len(doc.part.sources)
    required = ("id", "title", "source", "quote") if key == "commitments" else ("id",)
    if not count:
        dash = _dash_of(doc, lines, "sources" if key == "commitments" else "commitments")
        style = splice.ItemStyle(dash, dash + 2, {}, {}, {})
        rendered = "".join(
            splice.render_mapping_item(_data(x), style, eol, required) for x in items
        )
        return _open_list(text, key, eol, rendered), _Shift(0, 0), {}, True
    span = _span(doc, lines, key, count - 1)
    snippet = splice.prefix(key, eol) + text[span.start : span.end]
    where = Location(str(doc.path), span.line, span.dash + 1)
    last = _the_item(snippet, key, where)
    at = span.start + splice.after_content(snippet, last.end) - len(splice.prefix(key, eol))
    style = splice.ItemStyle.of(snippet, last, span.dash, splice.column(snippet, last.start))
    blank = _blank_line_above(text, lines, span)
    texts = [splice.render_mapping_item(_data(x), style, eol, required) for x in items]
    sep = eol if blank else ""
    before_first = eol if at > 0 and not _ends_line(text, at) else ""  # no final line break
    body = before_first + "".join(sep + r for r in texts)
    first_line = span.line + splice.count_breaks(text, span.start, at)
    line = first_line + splice.count_breaks(before_first)
    item_span = Span(at, at, line + (1 if blank else 0), style.dash)
    _read_back(doc, splice.prefix(key, eol) + "".join(texts), key, item_span, items, where)
    positions: dict[str, tuple[int, int]] = {}
    for x, r in zip(items, texts, strict=True):
        line += 1 if blank else 0
        positions[x.id] = (line, style.key + 1)
        line += splice.count_breaks(r)
    return Splice(at, at, body), _Shift(first_line, splice.count_breaks(body)), positions, False


def _data(x: Commitment | Source) -> dict[str, object]:
    return splice.commitment_data(x) if isinstance(x, Commitment) else splice.source_data(x)


def _ends_line(text: str, at: int) -> bool:
    return text[at - 1] in "\r\n\x85\u2028\u2029"


def _blank_line_above(text: str, lines: splice.Lines, span: Span) -> bool:
    """Whether a blank line (above any comment lines) precedes the item at `span`."""
    line = span.line - 1
    while line >= 1:
        start = lines.start(line)
        content = text[start : splice.line_end(text, start)].strip()
        if not content:
            return True
        if not content.startswith("#"):
            return False
        line -= 1
    return False


def _open_list(text: str, key: str, eol: str, items: str) -> Splice:
    """The first items of an empty (`key: []`, `key: null`, `key:`) or missing top-level list."""
    m = re.search(
        rf"(?:\A|(?<=[\r\n])){key}[ \t]*:[ \t]*(?:\[\]|~|null|Null|NULL)?([ \t]*#[^\r\n]*)?(\r\n|\r|\n|$)",
        text,
        re.MULTILINE,
    )
    if m:
        return Splice(m.start(), m.end(), f"{key}:{m[1] or ''}{m[2] or eol}{items}")
    if key == "sources":
        c = re.search(r"(?:\A|(?<=[\r\n]))commitments[ \t]*:", text)
        if c:
            return Splice(c.start(), c.start(), f"sources:{eol}{items}")
    lead = eol if text and not _ends_line(text, len(text)) else ""
    return Splice(len(text), len(text), f"{lead}{key}:{eol}{items}")


def _dash_of(doc: Document, lines: splice.Lines, key: str) -> int:
    """The `-` column of the other list's items (2 when it has none)."""
    ids = list(doc.part.sources) if key == "sources" else [c.id for c in doc.part.commitments]
    at = doc.part.source_at if key == "sources" else doc.part.commitment_at
    if not ids:
        return 2
    first = at[ids[0]]
    start = lines.start(first.line or 1)
    head = doc.text[start : start + (first.col or 1) - 1]
    return max(0, head.find("-"))


def _reparsed(doc: Document, new_text: str) -> Part:
    """Read the whole new text (after a list was created) and check it is the old + the change."""
    from kvtrack.store.load import parse_part

    standalone = doc.sources_elsewhere is None
    try:
        part = parse_part(new_text, str(doc.path), standalone=standalone)
    except ValidationError as e:
        raise ValidationError(
            "refused: this edit would make the file invalid, so nothing was written:",
            where=Location(str(doc.path)),
            problems=[Problem(p.message, p.where) for p in e.problems],
        ) from None
    expected = [doc.updates.get(c.id, (c, c))[1] for c in doc.part.commitments]
    expected += doc.new_commitments
    sources = {**doc.part.sources, **{s.id: s for s in doc.new_sources}}
    if list(part.commitments) != expected or part.sources != sources:
        raise CannotEdit(
            "cannot edit: the file would not read back as the old register plus this change, "
            "so nothing was written; please report this",
            where=Location(str(doc.path)),
        )
    return part


def _moved(at: Locations, shifts: Iterable[_Shift], new: dict[str, tuple[int, int]]) -> Locations:
    moved: dict[str, tuple[int, int]] = {}
    shifts = [s for s in shifts if s.lines]
    for ident, where in at.items():
        line = where.line or 0
        line += sum(s.lines for s in shifts if line >= s.line)
        moved[ident] = (line, where.col or 0)
    moved.update(new)
    return Locations(at.path, moved)


def _moved_foreign(
    doc: Document, shifts: Iterable[_Shift], new: dict[str, tuple[int, int]]
) -> list[tuple[str, Location]]:
    shifts = [s for s in shifts if s.lines]
    own = set(doc.part.sources) | {s.id for s in doc.new_sources}
    out = []
    for sid, where in doc.part.foreign:
        line = (where.line or 0) + sum(s.lines for s in shifts if (where.line or 0) >= s.line)
        out.append((sid, Location(where.path, line, where.col)))
    for c in doc.new_commitments:
        if c.source not in own:
            line, col = new[c.id]
            out.append((c.source, Location(doc.part.path, line, col)))
    return out
