"""Files that are valid YAML but hostile: deep nesting, links with newlines, the calendar's edges."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import MINIMAL
from icalendar import Calendar

from kvtrack.core.limits import MAX_NESTING
from kvtrack.core.model import Register, Source
from kvtrack.core.query import Window, select
from kvtrack.render import ics
from kvtrack.store.register import parse_text


def deep(open_: str, close: str, depth: int) -> str:
    return MINIMAL + f"    tags: {open_ * depth}x{close * depth}\n"


@pytest.mark.parametrize("command", ["validate", "list", "check", "timeline", "stats"])
@pytest.mark.parametrize(("open_", "close"), [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_nesting_a_thousand_deep_is_a_problem_with_its_line(run, write_yaml, command, open_, close):
    path = write_yaml(deep(open_, close, 990))  # libyaml itself stops at 1,000
    result = run(command, "--file", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    lines = result.stderr.splitlines()
    nested = [line for line in lines if "levels deep" in line]
    assert len(nested) == 1
    assert nested[0].startswith(f"{path}:17:")
    assert nested[0].endswith(
        f"nested more than {MAX_NESTING} levels deep (a commitments file needs 5); "
        "flatten it or quote it as text"
    )


def test_nesting_within_the_limit_is_judged_by_the_schema(run, write_yaml):
    result = run("validate", "--file", str(write_yaml(deep("[", "]", 3))))
    assert result.exit_code == 2
    assert "levels deep" not in result.stderr
    assert "tags must be text, not a list" in result.stderr


def test_a_file_with_nesting_under_the_limit_still_loads(run, write_yaml):
    assert run("validate", "--file", str(write_yaml(MINIMAL))).exit_code == 0


@pytest.mark.parametrize(
    ("url", "what"),
    [
        (r'"https://x.nl/a\nBEGIN:VEVENT"', r"the control character '\n'"),
        (r'"https://x.nl/a\r"', r"the control character '\r'"),
        (r'"https://x.nl/\u0007"', r"the control character '\x07'"),
        ("https://x.nl/a b", "a space"),
    ],
)
def test_a_url_with_a_newline_or_space_is_a_validation_problem(run, write_yaml, url, what):
    path = write_yaml(
        MINIMAL.replace("    answered: 2024-02-01\n", f"    answered: 2024-02-01\n    url: {url}\n")
    )
    result = run("validate", "--file", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:10:10: url contains {what}; a URL is one line without spaces (write a space as %20)\n"
    )
    ics_result = run("list", "--format", "ics", "--file", str(path))
    assert ics_result.exit_code == 2 and ics_result.stdout == ""


def test_ics_escapes_a_url_it_is_given_with_a_newline_anyway():
    """A register built in code (not read from a file) can still hold one: the export survives."""
    loaded = parse_text(MINIMAL)
    source = loaded.register.sources["src"]
    bad = Source(
        **{
            **{f: getattr(source, f) for f in source.__slots__},
            "url": "https://x.nl/a\nBEGIN:VEVENT\r b",
        }
    )
    register = Register({"src": bad}, loaded.register.commitments)
    items = select(register.commitments, date(2026, 11, 27), Window(90, "d"))
    data = ics.render(items, register, date(2026, 11, 27), datetime(2026, 11, 27, tzinfo=UTC))
    assert b"\r\nBEGIN:VEVENT" not in data  # no line of its own: it stays inside the URL
    todo = next(c for c in Calendar.from_ical(data).walk() if c.name == "VTODO")
    assert str(todo["url"]) == "https://x.nl/a%0ABEGIN:VEVENT%0D%20b"


@pytest.mark.parametrize("due", ["9998-12-31", "9998", "1000-01-01", "1000"])
@pytest.mark.parametrize(
    "command",
    [
        ("list", "--format", "ics"),
        ("list", "--format", "ics", "--ics-events"),
        ("timeline", "--format", "svg"),
        ("timeline", "--format", "html"),
        ("timeline",),
        ("due", "--all"),
        ("stats",),
        ("check",),
    ],
    ids=lambda c: " ".join(c),
)
def test_every_renderer_draws_the_first_and_last_years(run, write_yaml, due, command):
    path = write_yaml(MINIMAL.replace("due: 2025", f"due: {due}"))
    for as_of in ("1000-01-01", "2026-11-27", "9998-12-31"):
        result = run(*command, "--file", str(path), "--as-of", as_of, "--within", "100y")
        assert result.exit_code in (0, 1), result.output
        assert result.stdout or (result.exit_code == 0 and command == ("check",))  # quiet: all well
