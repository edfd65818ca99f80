"""The new bytes of a commitments file after an edit, and the proof that they say what was meant.

Each changed item is rendered in the file's style and spliced into the old bytes (`store.splice`);
the old item's text must read back, on its own, as the commitment the register holds, and the new
text as exactly the new one. An item of a block list reads the same on its own as in the file
(see `store.splice`), and every other byte is the byte of the validated file, so the new file
holds the old register plus exactly the intended change. Where that argument does not hold (a list
is created), the whole new file is read again and compared instead. The new Part (register and
positions) comes out too, for the parse cache.

Imported only when an edit changes something: a refused edit never loads the YAML parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.core.schema import COMMITMENT, SOURCE
from kvtrack.errors import Location, Problem, ValidationError
from kvtrack.store import splice
from kvtrack.store.loaded import Locations, Part, PartChange
from kvtrack.store.splice import CannotEdit, Patch, Span


class Document(Protocol):
    """What rendering needs of an edit (`store.write.Document`).

    `part` may hold only the commitments the change read (`part.commitment_at` always names
    every one, in the file's order); `all_commitments()` gives every one."""

    path: Path
    part: Part
    sources_elsewhere: frozenset[str] | None
    updates: dict[str, tuple[Commitment, Commitment]]
    new_commitments: list[Commitment]
    new_sources: list[Source]

    @property
    def data(self) -> bytes: ...

    @property
    def register(self) -> Register: ...

    def all_commitments(self) -> tuple[Commitment, ...]: ...


@dataclass
class _Shift:
    """Lines added at `line` (1-based; ids starting there or later move down by `lines`)."""

    line: int
    lines: int


def render_document(doc: Document) -> tuple[bytes, Part | PartChange]:
    """The new bytes of the file and what they hold, after checking that they say what was meant:
    the change to the Part (or, when a list was created and the file was read again, its Part)."""
    lines = splice.Lines(doc.data)
    patches: list[Patch] = []
    shifts: list[_Shift] = []
    replaced: dict[int, Commitment] = {}
    if doc.updates:
        where = {cid: i for i, cid in enumerate(doc.part.commitment_at)}
        for before, after in doc.updates.values():
            index = where[before.id]
            p, moved, written = _update(doc, lines, index, before, after)
            patches.append(p)
            shifts.extend(moved)
            replaced[index] = written
    new_sources: dict[str, tuple[int, int]] = {}
    new_commitments: dict[str, tuple[int, int]] = {}
    full_check = False
    if doc.new_sources:
        p, shift, new_sources, full = _append_items(doc, lines, "sources", doc.new_sources)
        patches.append(p)
        shifts.append(shift)
        full_check |= full
    if doc.new_commitments:
        p, shift, new_commitments, full = _append_items(
            doc, lines, "commitments", doc.new_commitments
        )
        patches.append(p)
        shifts.append(shift)
        full_check |= full
    new_data = splice.patch(doc.data, patches)
    if full_check:  # a list was created: the cheap argument does not hold, read it all again
        return new_data, _reparsed(doc, new_data)
    sources = {**doc.part.sources, **{s.id: s for s in doc.new_sources}}
    change = PartChange(
        replaced,
        tuple(doc.new_commitments),
        sources,
        _moved(doc.part.source_at, shifts, new_sources),
        _moved(doc.part.commitment_at, shifts, new_commitments),
        _moved_foreign(doc, shifts, new_commitments),
    )
    return new_data, change


def _update(
    doc: Document, lines: splice.Lines, index: int, before: Commitment, after: Commitment
) -> tuple[Patch, list[_Shift], Commitment]:
    """Splice `after` into the item of `before`; check both read back as meant."""
    span = _span(doc, lines, "commitments", index)
    eol = lines.eol
    head = splice.prefix("commitments", eol)
    old_span = doc.data[span.start : span.end].decode("utf-8")
    old_snippet = head + old_span
    where = Location(str(doc.path), span.line, span.dash + 1)
    _read_back(doc, old_snippet, "commitments", span, [before], where, new=False)
    item = _the_item(old_snippet, "commitments", where, f"commitment '{before.id}'")
    keys = splice.column(old_snippet, item.start)

    # No entry to copy: the file's list indentation (that of its commitments under their key).
    def defaults() -> splice.HistoryStyle:  # only when the commitment has no entry to copy
        return splice.history_style(doc.data, span.start, span.dash, keys - span.dash)

    try:
        edits = splice.commitment_splices(
            old_snippet, item, before, after, COMMITMENT.names, defaults, eol
        )
    except CannotEdit as e:
        raise CannotEdit(e.message, where=where) from None
    new_snippet = splice.apply(old_snippet, edits)
    (written,) = _read_back(doc, new_snippet, "commitments", span, [after], where)
    assert isinstance(written, Commitment)
    new_span = new_snippet[len(head) :]
    patch = Patch(span.start, span.end, new_span.encode("utf-8"))
    return patch, _splice_shifts(old_snippet, edits, span.line - 2), written


def _splice_shifts(snippet: str, edits: Sequence[splice.Splice], first: int) -> list[_Shift]:
    """Where each splice adds or removes lines, in the file's lines (the snippet's line 1 is the
    file's line `first`): what starts at or after the end of the text it replaced moves, so the
    positions of citations inside the edited item stay right as well as those of later items."""
    shifts = []
    for e in edits:
        lines = splice.count_breaks(e.new) - splice.count_breaks(snippet, e.start, e.end)
        if not lines:
            continue
        line = first + splice.count_breaks(snippet, 0, e.end)  # the line where e ends
        at_line_start = e.end == 0 or snippet[e.end - 1] in "\r\n\x85\u2028\u2029"
        shifts.append(_Shift(line if at_line_start else line + 1, lines))
    return shifts


def _span(doc: Document, lines: splice.Lines, key: str, index: int) -> Span:
    at = doc.part.commitment_at if key == "commitments" else doc.part.source_at
    ids = list(at)  # in the file's order
    here = at[ids[index]]
    following = at[ids[index + 1]].line if index + 1 < len(ids) else None
    where = Location(str(doc.path), here.line, here.col)
    return splice.item_span(lines, here.line or 1, here.col or 1, following, where)


def _the_item(snippet: str, key: str, where: Location, what: str) -> splice.Node:
    try:
        return splice.the_item(snippet, key, what)
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
    from kvtrack.store.register import parse_text

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
) -> tuple[Patch, _Shift, dict[str, tuple[int, int]], bool]:
    """Splice new items at the end of the top-level list `key`: (patch, shift, their positions,
    whether the whole file must be read again, which it must when the list is created)."""
    data, eol = doc.data, lines.eol
    count = len(doc.part.commitment_at) if key == "commitments" else len(doc.part.sources)
    required = COMMITMENT.required if key == "commitments" else SOURCE.required
    if not count:
        dash = _dash_of(doc, lines, "sources" if key == "commitments" else "commitments")
        style = splice.ItemStyle(dash, dash + 2, {}, {}, {})
        rendered = "".join(
            splice.render_mapping_item(_data(x), style, eol, required) for x in items
        )
        return _open_list(data, key, eol, rendered), _Shift(0, 0), {}, True
    span = _span(doc, lines, key, count - 1)
    old_span = data[span.start : span.end].decode("utf-8")
    snippet = splice.prefix(key, eol) + old_span
    where = Location(str(doc.path), span.line, span.dash + 1)
    kind = "commitment" if key == "commitments" else "source"
    last_id = list(doc.part.commitment_at if key == "commitments" else doc.part.sources)[-1]
    last = _the_item(snippet, key, where, f"the last {kind} ('{last_id}')")
    in_span = splice.after_content(snippet, last.end) - len(splice.prefix(key, eol))
    at = span.start + len(old_span[:in_span].encode("utf-8"))
    style = splice.ItemStyle.of(snippet, last, span.dash, splice.column(snippet, last.start))
    blank = _blank_line_above(data, lines, span)
    texts = [splice.render_mapping_item(_data(x), style, eol, required) for x in items]
    sep = eol if blank else ""
    before_first = eol if at > 0 and not _ends_line(data, at) else ""  # no final line break
    body = before_first + "".join(sep + r for r in texts)
    first_line = span.line + splice.count_breaks(old_span, 0, in_span)
    line = first_line + splice.count_breaks(before_first)
    item_span = Span(at, at, line + (1 if blank else 0), style.dash)
    _read_back(doc, splice.prefix(key, eol) + "".join(texts), key, item_span, items, where)
    positions: dict[str, tuple[int, int]] = {}
    for x, r in zip(items, texts, strict=True):
        line += 1 if blank else 0
        positions[x.id] = (line, style.key + 1)
        line += splice.count_breaks(r)
    shift = _Shift(first_line, splice.count_breaks(body))
    return Patch(at, at, body.encode("utf-8")), shift, positions, False


def _data(x: Commitment | Source) -> dict[str, object]:
    return splice.commitment_data(x) if isinstance(x, Commitment) else splice.source_data(x)


def _ends_line(data: bytes, at: int) -> bool:
    return (
        data[at - 1 : at] in (b"\r", b"\n")
        or data[at - 2 : at] == b"\xc2\x85"
        or (data[at - 3 : at] in (b"\xe2\x80\xa8", b"\xe2\x80\xa9"))
    )


def _blank_line_above(data: bytes, lines: splice.Lines, span: Span) -> bool:
    """Whether a blank line (above any comment lines) precedes the item at `span`."""
    line = span.line - 1
    while line >= 1:
        start = lines.start(line)
        content = data[start : splice.byte_line_end(data, start)].strip()
        if not content:
            return True
        if not content.startswith(b"#"):
            return False
        line -= 1
    return False


def _open_list(data: bytes, key: str, eol: str, items: str) -> Patch:
    """The first items of an empty (`key: []`, `key: null`, `key:`) or missing top-level list."""
    m = re.search(
        rb"(?:\A|(?<=[\r\n]))"
        + key.encode()
        + rb"[ \t]*:[ \t]*(?:\[\]|~|null|Null|NULL)?([ \t]*#[^\r\n]*)?(\r\n|\r|\n|$)",
        data,
    )
    if m:
        comment = (m[1] or b"").decode("utf-8")
        line_break = (m[2] or b"").decode() or eol
        return Patch(m.start(), m.end(), f"{key}:{comment}{line_break}{items}".encode())
    if key == "sources":
        c = re.search(rb"(?:\A|(?<=[\r\n]))commitments[ \t]*:", data)
        if c:
            return Patch(c.start(), c.start(), f"sources:{eol}{items}".encode())
    lead = eol if data and not _ends_line(data, len(data)) else ""
    return Patch(len(data), len(data), f"{lead}{key}:{eol}{items}".encode())


def _dash_of(doc: Document, lines: splice.Lines, key: str) -> int:
    """The `-` column of the other list's items (2 when it has none)."""
    at = doc.part.source_at if key == "sources" else doc.part.commitment_at
    ids = list(at)
    if not ids:
        return 2
    first = at[ids[0]]
    start = lines.start(first.line or 1)
    line = doc.data[start : splice.byte_line_end(doc.data, start)].decode("utf-8", "replace")
    return max(0, line[: (first.col or 1) - 1].find("-"))


def _reparsed(doc: Document, new_data: bytes) -> Part:
    """Read the whole new file (after a list was created) and check it is the old + the change."""
    from kvtrack.store.reader import parse_part

    standalone = doc.sources_elsewhere is None
    try:
        part = parse_part(new_data, str(doc.path), standalone=standalone)
    except ValidationError as e:
        raise ValidationError(
            "refused: this edit would make the file invalid, so nothing was written:",
            where=Location(str(doc.path)),
            problems=[Problem(p.message, p.where) for p in e.problems],
        ) from None
    expected = [doc.updates.get(c.id, (c, c))[1] for c in doc.all_commitments()]
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
    return at.shifted([(s.line, s.lines) for s in shifts if s.lines], new)


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
