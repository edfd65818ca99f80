"""Text from a register never controls the reader's terminal.

A register from a pull request holds a screen clear (ESC[2J), a window title (ESC]0;…BEL), an OSC 8
link, a one-byte CSI (U+009B) and bidi overrides (U+202E, U+2066). Every text output shows them as
visible escapes and never raw; `validate` reports them at their line and column; the editing
commands refuse them in their arguments.
"""

from __future__ import annotations

import re

import pytest
from conftest import AS_OF, MINIMAL
from test_terminal import in_terminal

from kvtrack.core.safe_text import unsafe_characters, visible

HOSTILE = r"""
version: 1
sources:
  - id: src
    kind: kamervragen
    title: "Vragen \e]0;pwned\a over iets"
    asked_by: "Lid \u202eeitraP"
    answered_by: Minister X (BZK)
    submitted: 2024-01-10
    answered: 2024-02-01
commitments:
  - id: a
    title: "Iets \e[2J in 2025 \e]8;;http://evil.example/\e\\klik\e]8;;\e\\ hier"
    source: src
    answer: 1
    quote: "In 2025 doen we \u009b31m iets."
    due: 2025
    due_text: "in 2025 \u202eevil"
    owner: "BZK\e[31m"
    places: ["Gron\u2066ingen"]
    tags: ["t\x07ag"]
    history:
      - date: 2025-01-01
        note: "Opmerking \e[2J hier"
        evidence: "https://x.example/\e]8;;"
  - id: b
    title: "Onbepaald \u202e later"
    source: src
    answer: 2
    quote: "Ooit."
    owner: BZK
"""

# what each hostile text looks like once made visible
SHOWN = {
    "list": ["Iets \\x1b[2J in 2025 \\x1b]8;;http://evil.example/\\x1b\\klik", "BZK\\x1b[31m"],
    "show": [
        "\\x9b31m",
        "\\u202eevil",
        "Gron\\u2066ingen",
        "t\\x07ag",
        "Opmerking \\x1b[2J",
        "\\x1b]0;pwned\\x07",
        "Lid \\u202eeitraP",
    ],
    "timeline": ["\\x1b]0;pwned\\x07", "Onbepaald \\u202e later", "Iets \\x1b[2J"],
    "stats": ["BZK\\x1b[31m"],
    "check": ["Iets \\x1b[2J"],
}
COMMANDS = [
    (["list"], SHOWN["list"]),
    (["list", "--format", "markdown"], ["Iets \\\\x1b\\[2J in 2025"]),  # renders as \x1b[2J
    (["due", "--all"], SHOWN["list"]),
    (["show", "a"], SHOWN["show"]),
    (["timeline"], SHOWN["timeline"]),
    (["stats", "--by", "owner"], SHOWN["stats"]),
    (["stats", "--by", "place"], ["Gron\\u2066ingen"]),
    (["check"], SHOWN["check"]),
    (["check", "--nagios"], SHOWN["check"]),
    (["log", "--since", "2000-01-01", "--until", "2026-12-01"], ["Opmerking \\x1b[2J hier"]),
    (["search", "Iets"], ["Iets \\x1b[2J in 2025", "BZK\\x1b[31m", "\\x1b]0;pwned\\x07"]),
]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OUR_COLOURS = re.compile(r"\x1b\[(?:[0-9]+;)*[0-9]+m")


@pytest.fixture
def hostile(write_yaml):
    return write_yaml(HOSTILE, "hostile.yaml")


def test_visible_escapes_what_steers_a_terminal_and_nothing_else():
    assert (
        visible("a\x1b[2Jb\x9b\u202e\u2066\x07\tc\nd")
        == "a\\x1b[2Jb\\x9b\\u202e\\u2066\\x07\\x09c\nd"
    )
    assert visible("Coördinerende «Elke regio» — 日本") == "Coördinerende «Elke regio» — 日本"
    assert unsafe_characters("ok\u200fx") == [(2, "\u200f")]


@pytest.mark.parametrize(("args", "shown"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_off_a_terminal_every_text_output_shows_escapes(run, hostile, args, shown):
    result = run(*args, "--file", str(hostile), "--as-of", AS_OF)
    assert result.exit_code in (0, 1, 2), result.stderr  # check exits 1/2 when something is late
    out = result.stdout
    assert not RAW.search(out), RAW.findall(out)
    for text in shown:
        assert text in out, (text, out)


@pytest.mark.parametrize(
    ("args", "shown"), COMMANDS[:6], ids=[" ".join(a) for a, _ in COMMANDS[:6]]
)
def test_in_a_terminal_every_text_output_shows_escapes(hostile, args, shown):
    full = [*args, "--file", str(hostile), "--as-of", AS_OF]
    out = in_terminal(full, 200, colour=True)  # wide enough that no hostile text wraps
    for text in shown:  # the file's own sequences, escaped, so a raw one cannot hide among ours
        assert text in " ".join(OUR_COLOURS.sub("", out).split()), text
    assert not RAW.search(OUR_COLOURS.sub("", out)), RAW.findall(OUR_COLOURS.sub("", out))
    narrow = in_terminal(full, 60, colour=False)
    assert not RAW.search(narrow), RAW.findall(narrow)


def test_validate_reports_each_value_with_a_control_character_at_its_line(run, hostile):
    result = run("validate", "--file", str(hostile))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    expected = {
        5: "title holds \\x1b",
        6: "asked_by holds \\u202e",
        12: "title holds \\x1b",
        15: "quote holds \\x9b",
        17: "due_text holds \\u202e",
        18: "owner holds \\x1b",
        19: "places holds \\u2066",
        20: "tags holds \\x07",
        23: "note holds \\x1b",
        24: "evidence holds \\x1b",
        26: "title holds \\u202e",
    }
    for line, message in expected.items():
        assert any(f"hostile.yaml:{line}:" in x and message in x for x in lines), (line, lines)
    assert lines[-1] == f"{len(expected)} problems found"
    assert not RAW.search(result.stderr)


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"a\\eb"', "\\x1b"), ('"a\\tb"', "\\x09"), ('"a\\u202eb"', "\\u202e"),
     ("a\u202eb", "\\u202e"), ("'a\u2028b'", "\\u2028")],
)  # fmt: skip
def test_validate_finds_an_unsafe_character_written_as_an_escape_or_raw(
    run, write_yaml, value, shown
):
    path = write_yaml(MINIMAL.replace("title: Iets in 2025", f"title: {value}"))
    result = run("validate", "--file", str(path))
    assert result.exit_code == 2
    assert f"c.yaml:12:12: title holds {shown}" in result.stderr


def test_validate_skips_the_second_reading_of_a_file_that_cannot_hold_one(
    run, shipped, monkeypatch
):
    import yaml

    parsed = []
    real = yaml.parse
    monkeypatch.setattr(yaml, "parse", lambda *a, **kw: parsed.append(1) or real(*a, **kw))
    result = run("validate", "--file", str(shipped))
    assert result.exit_code == 0 and "valid" in result.stdout
    assert parsed == []
    crlf = shipped.with_name("crlf.yaml")  # line ends are no values' characters
    crlf.write_bytes(shipped.read_bytes().replace(b"\n", b"\r\n"))
    assert run("validate", "--file", str(crlf)).exit_code == 0
    assert parsed == []
    escaped = shipped.with_name("escaped.yaml")  # a backslash may write one: read to be sure
    escaped.write_text(shipped.read_text("utf-8") + '# "\\e"\n', "utf-8")
    assert run("validate", "--file", str(escaped)).exit_code == 0
    assert parsed == [1]


def test_validate_passes_the_shipped_file(run, shipped):
    result = run("validate", "--file", str(shipped))
    assert result.exit_code == 0 and "valid" in result.stdout


EDITS = [
    ["add", "--id", "x", "--source", "rijksbanen-regio-2024", "--title", "T\x1b[2J", "--quote", "Q"],
    ["add", "--id", "x", "--source", "rijksbanen-regio-2024", "--title", "T", "--quote", "\u202eQ"],
    ["add", "--id", "x", "--source", "rijksbanen-regio-2024", "--title", "T", "--quote", "Q",
     "--owner", "B\x9b"],
    ["add", "--id", "x", "--source", "rijksbanen-regio-2024", "--title", "T", "--quote", "Q",
     "--place", "ok", "--place", "G\u2066"],
    ["add", "--id", "x", "--source", "rijksbanen-regio-2024", "--title", "T", "--quote", "Q",
     "--due-text", "ooit\x07"],
    ["note", "groningen-cascadeplein", "Gestart \x1b]0;x\x07"],
    ["done", "groningen-cascadeplein", "--note", "\x1b[2J"],
    ["update", "groningen-cascadeplein", "--status", "partial", "--evidence", "\x1b]8;;x"],
    ["reschedule", "groningen-cascadeplein", "2027", "--note", "la\u202eter"],
]  # fmt: skip


@pytest.mark.parametrize("args", EDITS, ids=[a[0] + str(i) for i, a in enumerate(EDITS)])
def test_editing_commands_refuse_control_characters_in_arguments(run, shipped, args):
    before = shipped.read_bytes()
    result = run(*args, "--file", str(shipped))
    assert result.exit_code == 2
    assert "which could take over a reader's terminal" in result.stderr
    assert not RAW.search(result.stderr)
    assert shipped.read_bytes() == before


def test_an_error_quoting_the_file_shows_its_escapes_in_a_terminal(write_yaml):
    path = write_yaml(HOSTILE.replace("answer: 1", 'answer: "\\e[2J"'), "bad.yaml")
    out = in_terminal(["validate", "--file", str(path)], 100, colour=True)
    assert "not '\\x1b[2J'" in out
    assert not RAW.search(out), RAW.findall(out)
