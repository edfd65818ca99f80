"""What a person sees on a terminal: every width from 60 to 200 columns, with and without colour.

The renderers are run in-process for a `Screen` of each width (the shipped file and a generated
300-commitment register), and the command itself through a real pseudo-terminal of each width.
Assertions are on the lines as shown: none wider than the terminal, every title's words there in
order, the same lines with and without NO_COLOR.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT, SHIPPED

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed, Window, attention, select
from kvtrack.core.stats import GroupBy, scorecard
from kvtrack.core.timeline import timeline
from kvtrack.render.terminal.detail import show_lines
from kvtrack.render.terminal.layout import cells, hang, wrap
from kvtrack.render.terminal.screen import Screen
from kvtrack.render.terminal.stats import stats_lines
from kvtrack.render.terminal.table import table_lines
from kvtrack.render.terminal.timeline import timeline_lines
from kvtrack.render.words import one_line
from kvtrack.store.register import load

WIDTHS = (60, 80, 100, 120, 200)
DAY = date.fromisoformat(AS_OF)
WINDOW = Window(90, "d")
SGR = re.compile(r"\x1b\[[0-9;]*m")

_spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
sys.modules["generate"] = generate
_spec.loader.exec_module(generate)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "c300.yaml"
    generate.write_file(300, path)
    return path


@pytest.fixture(scope="module", params=["shipped", "generated"])
def register(request: pytest.FixtureRequest, generated: Path) -> Register:
    return load(SHIPPED if request.param == "shipped" else generated).register


def _items(register: Register) -> list[Assessed]:
    return select(register.commitments, DAY, WINDOW)


def _renderings(register: Register, screen: Screen) -> Iterator[tuple[str, list[str], list[str]]]:
    """(what, lines, titles shown in order) for each text renderer."""
    items = _items(register)
    yield "list", list(table_lines(items, screen)), [a.commitment.title for a in items]
    urgent = attention(register.commitments, DAY, WINDOW)
    yield "due", list(table_lines(urgent, screen, "Due")), [a.commitment.title for a in urgent]
    for a in items[:3]:
        yield f"show {a.id}", list(show_lines(a, register, screen)), [a.commitment.title]
    events, undated = timeline(register, items, DAY)
    titles = [e.item.commitment.title for e in events if e.item] + [
        a.commitment.title for a in undated
    ]
    yield "timeline", list(timeline_lines(events, undated, screen)), titles
    for by in (None, GroupBy.owner, GroupBy.place):
        card = scorecard(items, by)
        yield f"stats {by}", list(stats_lines(card, screen, DAY, "90d")), []


def _words_in_order(lines: Iterable[str], titles: Iterable[str]) -> None:
    tokens = " ".join(lines).split()
    at = 0
    for title in titles:
        for word in one_line(title).split():
            try:
                at = tokens.index(word, at) + 1
            except ValueError:
                raise AssertionError(f"'{word}' of '{title}' is missing or out of order") from None


@pytest.mark.parametrize("width", WIDTHS)
def test_every_line_fits_and_every_title_reads_in_order(register: Register, width: int):
    for what, lines, titles in _renderings(register, Screen(width)):
        wide = [line for line in lines if cells(line) > width]
        assert not wide, f"{what} at {width}: {wide[0]!r} is {cells(wide[0])} columns"
        _words_in_order(lines, titles)


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_changes_nothing_but_colour(register: Register, width: int):
    plain = {what: lines for what, lines, _ in _renderings(register, Screen(width))}
    coloured = {what: lines for what, lines, _ in _renderings(register, Screen(width, True))}
    assert any(SGR.search(line) for lines in coloured.values() for line in lines)
    for what, lines in coloured.items():
        assert [SGR.sub("", line) for line in lines] == plain[what], what


def test_a_wide_terminal_shows_one_row_a_commitment_under_a_header():
    items = _items(load(SHIPPED).register)
    lines = list(table_lines(items, Screen(200)))
    assert lines[0].split() == ["id", "title", "due", "state", "days", "owner"]
    assert len(lines) == 2 + len(items)  # header, rule, one line each: nothing wraps at 200
    row = next(line for line in lines if line.lstrip().startswith("groningen-cascadeplein"))
    assert row.split()[-5:] == ["overdue", "331", "days", "late", "BZK"]


def test_a_narrow_terminal_shows_a_block_with_the_title_under_the_id():
    items = _items(load(SHIPPED).register)
    lines = list(table_lines(items, Screen(80)))
    at = lines.index("groningen-cascadeplein  overdue  331 days late  due 2025  BZK")
    assert lines[at + 1] == "    Rijksontmoetingsvoorziening Cascadeplein Groningen in gebruik"
    at = next(i for i, line in enumerate(list(table_lines(items, Screen(60)))) if "cascade" in line)
    narrow = list(table_lines(items, Screen(60)))
    assert narrow[at].startswith("groningen-cascadeplein  overdue  331 days late")
    assert all(line.startswith("    ") for line in narrow[at + 1 : at + 3])  # hanging indent


def test_on_a_middle_width_the_title_gets_the_room_and_the_id_is_cut_first():
    items = _items(load(SHIPPED).register)
    lines = list(table_lines(items, Screen(120)))
    row = next(line for line in lines if "Rijksontmoetingsvoorziening" in line)
    title_at = row.index("Rijksontmoetingsvoorziening")
    assert row[title_at:].startswith("Rijksontmoetingsvoorziening Cascadeplein")
    assert "groningen-kempkensberg-…" in "\n".join(lines)  # a long id, shortened


def test_stats_never_drops_a_column_and_never_cuts_a_heading():
    headings = [
        "total", "open", "partial", "done", "dropped", "overdue", "due soon", "upcoming",
        "undated", "on time", "late", "moved", "median slip", "worst slip",
    ]  # fmt: skip
    card = scorecard(_items(load(SHIPPED).register), GroupBy.owner)
    for width in (40, *WIDTHS):
        text = "\n".join(stats_lines(card, Screen(width), DAY, "90d"))
        assert "…" not in text
        for heading in headings:
            assert re.search(rf"(?<![a-z]){heading}(?![a-z])", text), (width, heading)
        tables = text.count("\n  owner")
        assert (tables > 1) == (width < 150), width  # one table when all columns fit


def test_show_and_timeline_wrap_under_their_labels():
    reg = load(SHIPPED).register
    a = next(x for x in _items(reg) if x.id == "groningen-cascadeplein")
    lines = list(show_lines(a, reg, Screen(60)))
    answered = lines.index("  answered   Minister Uitermark (BZK), mede namens de")
    assert lines[answered + 1] == "             Staatssecretaris van BZK, answered 2024-12-05"
    events, undated = timeline(reg, _items(reg), DAY)
    lines = list(timeline_lines(events, undated, Screen(100)))
    at = next(i for i, line in enumerate(lines) if "groningen-kempkensberg" in line)
    assert lines[at].startswith("  2031-12-31  upcoming  groningen-kempkensberg-ontmoetingsplein:")
    assert lines[at + 1].startswith(" " * 24) and lines[at + 1][24] != " "


def test_wrap_keeps_every_character_and_the_width():
    text = "Rijksontmoetingsvoorziening Cascadeplein Groningen in gebruik " * 3 + "x" * 70
    for width in (5, 12, 30, 61):
        lines = wrap(text, width, first=width // 2)
        assert cells(lines[0]) <= width // 2 or lines[0] == ""
        assert all(cells(line) <= width for line in lines)
        assert "".join("".join(lines).split()) == "".join(text.split())
    assert hang("  due        ", "2031 (ends 2031-12-31)", None, 13) == [
        "  due        2031 (ends 2031-12-31)"
    ]


def test_wide_characters_count_two_columns():
    assert cells("日本") == 4 and cells("e\u0301") == 1 and cells("abc") == 3
    assert all(cells(line) <= 10 for line in wrap("日本語のテキストです 日本語", 10))


# -- through a real terminal -------------------------------------------------------------------


def in_terminal(args: list[str], width: int, *, colour: bool, stdin: bytes | None = None) -> str:
    """`kvtrack ARGS` run on a pseudo-terminal `width` columns wide: what it wrote there."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    if not colour:
        env["NO_COLOR"] = "1"
    command = [sys.executable, "-m", "kvtrack", *args]
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    if stdin is not None:
        os.write(master, stdin)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


TERMINAL_COMMANDS = [
    ["list"],
    ["due", "--all"],
    ["show", "groningen-kempkensberg-ontmoetingsplein"],
    ["timeline"],
    ["stats", "--by", "owner"],
]


@pytest.mark.parametrize("width", WIDTHS)
def test_in_a_real_terminal_lines_fit_and_no_color_only_drops_colour(width: int):
    shipped = load(SHIPPED).register
    titles = [c.title for c in shipped.commitments]
    for args in TERMINAL_COMMANDS if width in (60, 120) else TERMINAL_COMMANDS[:2]:
        full = [*args, "--as-of", AS_OF, "--file", str(SHIPPED)]
        coloured = in_terminal(full, width, colour=True)
        plain = in_terminal(full, width, colour=False)
        assert "\x1b[" in coloured and "\x1b" not in plain, args
        assert SGR.sub("", coloured) == plain, args
        lines = plain.splitlines()
        assert all(cells(line) <= width for line in lines), (args, width)
        if args[0] == "list":
            assert set(" ".join(lines).split()) >= {w for t in titles for w in t.split()}


def test_in_a_real_terminal_a_300_commitment_list_fits_every_width(generated: Path):
    for width in (80, 120):
        out = in_terminal(["list", "--as-of", AS_OF, "--file", str(generated)], width, colour=True)
        lines = SGR.sub("", out).splitlines()
        assert len(lines) >= 300
        assert all(cells(line) <= width for line in lines), width


def test_extract_from_a_terminal_says_it_reads_standard_input():
    out = in_terminal(["extract", "-"], 100, colour=False, stdin=b"\x04")
    assert "reading the document from standard input" in out
    assert "Ctrl-D" in out


def test_off_a_terminal_output_is_one_line_a_row_whatever_the_width(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    result = run("list", "--file", str(SHIPPED), "--as-of", AS_OF)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("+---") and len(lines) == 4 + 10  # rules, header, 10 rows
    assert max(len(line) for line in lines) > 150  # not wrapped to COLUMNS
