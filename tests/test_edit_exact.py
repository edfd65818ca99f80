"""Edits change the edited commitment's lines and nothing else, whatever the file holds.

Every edit command on every commitment of a gallery of styles (comments, odd plain scalars, quoting
and flow styles, CRLF, CR, a BOM, tabs in quoted text, no final newline, other indentations), and
random edits of random files (hypothesis): the bytes outside the edited commitment are the old
bytes, the whole re-parsed register is the old one plus exactly the change, and the parse cache
holds exactly what a fresh parse of the new bytes gives.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvtrack.core import edits
from kvtrack.core.model import Commitment, Register, Status
from kvtrack.core.period import Period
from kvtrack.store import cache
from kvtrack.store.edits import add_commitment, record
from kvtrack.store.reader import parse_part
from kvtrack.store.register import parse_text

DAY = date(2026, 11, 27)
BOM = b"\xef\xbb\xbf"

BASE = """\
# a register with every style kvtrack reads
version: 1   # the schema version

sources:
  - id: src   # the one source
    kind: kamervragen
    answered: 2024-12-05
    identifiers: {publication: null, zaak: '2024Z1', document: ~}

commitments:
  # --- block style, plain ---
  - id: plain
    title: Iets in 2025
    source: src
    answer: 1
    quote: Wij doen iets.
    due: 2025
    owner: +1
    places: [1,000]
    tags: [a,b]
    status: open
    history: []

  - id: quoted
    title: 'Single: quoted'
    source: "src"
    answer: [4, 8]
    quote: "Double \\"quoted\\" with\ta tab"
    due: '2026-Q2'
    due_text: -0
    owner: ~
    places:
      - Groningen
      - 'Den Haag'
    tags: 2025-02-30
    history:
      - date: 2025-01-10
        note: "eerste"   # a comment on an entry
      # a comment between entries
      - date: 2025-06-01
        due: 2026-Q2
        note: 'uitgesteld'
    # a comment after history

  - id: flowhist
    title: Met flow-geschiedenis
    source: src
    quote: |
      Een blok
        met inspringing
    due: 2027-H1
    status: partial
    history:
      - {date: 2025-02-01, note: x}
      - {date: 2025-03-01, status: partial}

  - id: nohistory
    title: >
      Gevouwen
      titel
    source: src
    quote: Q
    due: 2026-05-31

  - id: nullhistory
    title: Lege geschiedenis
    source: src
    quote: Q
    due: 2028
    status: open
    history:
  # trailing comment of the list
"""

FLOW_LIST = BASE.replace(
    "  - id: flowhist\n",
    "  - id: flowlist\n    title: Flow list\n    source: src\n    quote: Q\n    due: 2026\n"
    "    history: [{date: 2025-01-01, note: a}, {date: 2025-09-01, note: 'b, c'}]\n\n"
    "  - id: flowhist\n",
)

TAB_IN_PLAIN = BASE.replace("title: Iets in 2025", "title: Iets\tin 2025")


def _reindent(text: str, dash: int, key: int) -> str:
    """The same register with list items' `-` at another column (and keys after it)."""
    out = []
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if indent >= 2 and stripped.strip():
            extra = key - 4
            if indent == 2 and stripped.startswith("- "):
                line = " " * dash + "-" + " " * (key - dash - 1) + stripped[2:]
            elif indent == 2 and stripped.startswith("# "):
                line = " " * dash + stripped
            else:
                line = " " * (indent + extra) + stripped
        out.append(line)
    return "".join(out)


GALLERY = {
    "base": BASE.encode(),
    "crlf": BASE.replace("\n", "\r\n").encode(),
    "cr": BASE.replace("\n", "\r").encode(),
    "bom": BOM + BASE.encode(),
    "no-final-newline": BASE.rstrip("\n").encode(),
    "flow-history-list": FLOW_LIST.encode(),
    "tab-in-plain-title": TAB_IN_PLAIN.encode(),
    "dash-flush": _reindent(BASE, 0, 2).encode(),
    "wide": _reindent(BASE, 4, 8).encode(),
}

Decide = Callable[[Register], edits.Change]


def commands(cid: str) -> dict[str, Decide]:
    return {
        "note": lambda r: edits.add_note(r, cid, 'nieuw: "notitie" #1', DAY),
        "backfill": lambda r: edits.add_note(r, cid, "ingevoegd", date(2025, 3, 15)),
        "done": lambda r: edits.set_status(r, cid, Status.DONE, DAY, "klaar", "https://x.nl/a?b=1"),
        "update": lambda r: edits.set_status(r, cid, Status.DROPPED, DAY),
        "reschedule": lambda r: edits.reschedule(r, cid, Period.parse("2031-Q3"), DAY, "later"),
    }


def parse(data: bytes, path: Path) -> Register:
    return parse_text(data.decode("utf-8-sig"), str(path)).register


def assert_only_within(old: bytes, new: bytes, first: int, last: int | None) -> None:
    """Every difference between old and new lies in old's lines [first, last) (0-based)."""
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    end = len(a) if last is None else last
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            assert first <= i1 and i2 <= end, (tag, i1, i2, first, end)
    # and byte for byte: the text before and after the region is the old text
    head = b"".join(a[:first])
    tail = b"".join(a[end:])
    assert new.startswith(head) and new.endswith(tail)


def item_lines(data: bytes, path: Path, cid: str) -> tuple[int, int | None]:
    """0-based first line of the commitment and the first line of the next one (None: last)."""
    part = parse_part(data, str(path))
    starts = sorted((part.commitment_at[c.id].line or 0) for c in part.commitments)
    line = part.commitment_at[cid].line or 0
    later = [s for s in starts if s > line]
    return line - 1, (later[0] - 1 if later else None)


def assert_cache_is_a_fresh_parse(path: Path) -> None:
    cached = cache.lookup(path, cache.digest(path.read_bytes()), True)
    fresh = parse_part(path.read_bytes(), str(path))
    assert cached is not None, "the edit did not leave the cache warm"
    assert cached.commitments == fresh.commitments
    assert cached.sources == fresh.sources
    assert dict(cached.commitment_at.items()) == dict(fresh.commitment_at.items())
    assert dict(cached.source_at.items()) == dict(fresh.source_at.items())
    assert cached.foreign == fresh.foreign


def check_update(path: Path, decide: Decide, commitment_id: str | None = None) -> bytes:
    """Edit and check everything; with `commitment_id`, the way the commands edit: from a warm
    parse cache, building only that commitment (the edit's register is a window of the file's)."""
    old = path.read_bytes()
    before = parse(old, path)
    if commitment_id is not None:
        cache.store(path, cache.digest(old), True, parse_part(old, str(path)))
    change = record(path, decide, commitment_id=commitment_id)
    new = path.read_bytes()
    assert new.startswith(BOM) == old.startswith(BOM)
    # the whole register is the old one with exactly this commitment changed
    expected = tuple(change.after if c.id == change.before.id else c for c in before.commitments)
    assert parse(new, path) == Register(before.sources, expected)
    first, last = item_lines(old, path, change.before.id)
    assert_only_within(old, new, first, last)
    _assert_line_endings(old, new)
    assert_cache_is_a_fresh_parse(path)
    return new


def _assert_line_endings(old: bytes, new: bytes) -> None:
    """New lines use the file's own line ending."""
    if b"\r\n" in old:
        assert new.count(b"\n") == new.count(b"\r\n")
    elif b"\r" in old:
        assert b"\n" not in new
    else:
        assert b"\r" not in new


CASES = [
    (style, cid, name)
    for style in GALLERY
    for cid in ("plain", "quoted", "flowhist", "nohistory", "nullhistory")
    for name in commands(cid)
]


@pytest.mark.parametrize(("style", "cid", "name"), CASES, ids=["-".join(c) for c in CASES])
def test_every_edit_of_every_style_changes_only_its_commitment(tmp_path, style, cid, name):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY[style])
    windowed = name in ("note", "done", "reschedule")  # as the commands do; the rest in full
    check_update(path, commands(cid)[name], cid if windowed else None)


@pytest.mark.parametrize("style", list(GALLERY))
def test_add_appends_after_the_last_commitment_and_changes_nothing_else(tmp_path, style):
    path = tmp_path / "c.yaml"
    old = GALLERY[style]
    path.write_bytes(old)
    before = parse(old, path)
    new_one = Commitment(
        id="nieuw",
        title="Nieuw: met dubbele punt",
        source="src",
        quote="Wij zullen 'iets' doen.",
        answer=(3, 4),
        due=Period.parse("2027-Q1"),
        due_text="in het eerste kwartaal",
        owner="+1",
        places=("Den Haag", "a, b"),
        tags=("x",),
    )
    add_commitment(path, new_one)
    new = path.read_bytes()
    assert parse(new, path) == Register(before.sources, (*before.commitments, new_one))
    # everything before the new item is the old file up to the end of the last commitment
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    inserts = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(tag == "insert" for tag, *_ in inserts) or style == "no-final-newline", inserts
    assert new.startswith(b"".join(a[: inserts[0][1]])) and new.endswith(
        b"".join(a[inserts[-1][2] :])
    )
    _assert_line_endings(old, new)
    assert_cache_is_a_fresh_parse(path)


def test_an_edit_keeps_odd_plain_values_elsewhere_exactly(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY["base"])
    record(path, lambda r: edits.add_note(r, "nullhistory", "x", DAY))
    text = path.read_text()
    for kept in ("owner: +1", "places: [1,000]", "due_text: -0", "owner: ~", "tags: 2025-02-30"):
        assert kept in text


def test_new_history_entries_copy_the_commitments_own_style(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY["base"])
    record(path, lambda r: edits.add_note(r, "flowhist", "y", DAY))
    record(path, lambda r: edits.add_note(r, "quoted", "z", DAY))
    record(path, lambda r: edits.add_note(r, "plain", "w", DAY))
    text = path.read_text()
    assert "      - {date: 2026-11-27, note: y}\n" in text  # flow entries stay flow
    assert "      - date: 2026-11-27\n        note: 'z'\n" in text  # quoted like its neighbour
    assert "    history:\n      - date: 2026-11-27\n        note: " in text  # [] became a block


def test_a_backfilled_entry_is_inserted_in_date_order_in_the_text(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY["base"])
    record(path, lambda r: edits.add_note(r, "quoted", "tussendoor", date(2025, 3, 1)))
    text = path.read_text()
    assert text.index("eerste") < text.index("tussendoor") < text.index("uitgesteld")
    history = parse(path.read_bytes(), path).get("quoted").history
    assert [h.date for h in history] == sorted(h.date for h in history)


# -- random files, random edits --------------------------------------------------------------------
TEXTS = (
    st.text(
        # what YAML lets a file hold: no surrogates, controls or the noncharacters U+FFFE/FFFF
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
        )
        | st.sampled_from("\t:#'\"-[],{}"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
SCALAR_STYLES = st.sampled_from(["plain", "single", "double"])


def _scalar(value: str, style: str) -> str:
    import json

    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)  # double-quoted (plain is only for safe words)


@st.composite
def registers(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    n = draw(st.integers(1, 4))
    lines = ["version: 1", "sources:", "  - id: src", "    answered: 2024-01-01", "commitments:"]
    ids = []
    for i in range(n):
        cid = f"c{i}"
        ids.append(cid)
        if draw(st.booleans()):
            lines.append(f"  # {draw(TEXTS).replace(chr(13), ' ')}")
        title = _scalar(draw(TEXTS), draw(SCALAR_STYLES))
        lines += [f"  - id: {cid}", f"    title: {title}", "    source: src", "    quote: Q"]
        odd = draw(
            st.sampled_from(["owner: +1", "due_text: -0", "owner: ~", "places: [1,000]", ""])
        )
        if odd:
            lines.append(f"    {odd}")
        style = draw(st.sampled_from(["none", "empty", "block", "flow"]))
        if style == "empty":
            lines.append("    history: []")
        elif style == "block":
            lines += [
                "    history:",
                "      - date: 2025-01-01",
                f"        note: {_scalar(draw(TEXTS), 'double')}",
            ]
        elif style == "flow":
            lines += ["    history:", "      - {date: 2025-01-01, note: x}"]
        if draw(st.booleans()):
            lines.append("")
    text = eol.join(lines) + (eol if draw(st.booleans()) else "")
    return text.encode(), ids


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    registers(),
    st.integers(0, 3),
    st.sampled_from(["note", "backfill", "done", "update", "reschedule"]),
    TEXTS,
)
def test_random_edits_keep_every_byte_outside_the_commitment(tmp_path, reg, which, name, note):
    data, ids = reg
    path = tmp_path / "random.yaml"
    path.write_bytes(data)
    cid = ids[which % len(ids)]
    decide = commands(cid)[name]
    if name == "note":

        def decide(r: Register) -> edits.Change:
            return edits.add_note(r, cid, note, DAY)

    check_update(path, decide)


def test_a_refused_edit_leaves_every_byte(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY["crlf"])
    with pytest.raises(Exception, match="no commitment"):
        record(path, lambda r: edits.add_note(r, "nope", "x", DAY))
    assert path.read_bytes() == GALLERY["crlf"]


def test_a_status_change_where_the_status_key_is_missing_adds_it_in_schema_order(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GALLERY["base"])
    check_update(path, lambda r: edits.set_status(r, "nohistory", Status.DONE, DAY))
    text = path.read_text()
    assert "    due: 2026-05-31\n    status: done\n    history:\n      - date: 2026-11-27\n" in text
