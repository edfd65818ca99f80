"""Option values (days, periods, windows) and dates in files: one parser, one wording, exit 2."""

from __future__ import annotations

import pytest
from conftest import AS_OF, MINIMAL, SHIPPED

from kvtrack.cli.options import named
from kvtrack.core.period import Period, parse_date
from kvtrack.core.query import Window
from kvtrack.errors import KvtrackError

READERS = [
    ("list",),
    ("due",),
    ("check",),
    ("timeline",),
    ("stats",),
    ("show", "groningen-cascadeplein"),
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9000y", "--within: '9000y' is too long a window; at most 100 years"),
        ("101y", "--within: '101y' is too long a window; at most 100 years"),
        ("36526d", "--within: '36526d' is too long a window"),
        ("3", "--within: '3' has no unit; write it as a number and a unit: 30d, 6w, 3m or 1y"),
        ("٣٠d", "--within: '٣٠d' is not a window; write it as a number and a unit"),
        ("9" * 5000 + "d", "is too long a window"),
    ],
    ids=["9000y", "101y", "36526d", "no-unit", "arabic-indic", "5000-digits"],
)
def test_a_bad_window_is_one_line_and_exit_2_in_every_command(run, command, value, message):
    result = run(*command, "--file", str(SHIPPED), "--as-of", AS_OF, "--within", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}" if len(value) < 100 else "error: --within")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_the_longest_window_works_even_at_the_end_of_the_calendar(run, command):
    for as_of in (AS_OF, "9998-12-31"):
        result = run(*command, "--file", str(SHIPPED), "--as-of", as_of, "--within", "100y")
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output


def test_check_within_swallowing_nagios_is_unknown_not_critical(run):
    result = run("check", "--file", str(SHIPPED), "--within", "--nagios")
    assert result.exit_code == 3
    assert result.stdout.startswith("KVTRACK UNKNOWN - --within: '--nagios' is not a window")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--as-of", "1-12-2026"), "--as-of: '1-12-2026' is not a date; write it as 2026-12-01"),
        (("due", "--as-of", "01-12-2026"), "--as-of: '01-12-2026' is not a date; write it as 2026-12-01"),
        (("list", "--as-of", "2026"), "--as-of: '2026' is a year, not a day; write it as YYYY-MM-DD"),
        (("list", "--as-of", "٢٠٢٦-١١-٢٧"), "--as-of: '٢٠٢٦-١١-٢٧' is not a date; write it as YYYY-MM-DD"),
        (("list", "--as-of", "9999-01-01"), "--as-of: '9999-01-01' is not a date: year 9999 is out of range; use a year from 1000 to 9998"),
        (("list", "--due-before", "1-12-2026"), "--due-before: '1-12-2026' is not a period; write it as 2026-12-01"),
        (("timeline", "--from", "٢٠٢٦"), "--from: '٢٠٢٦' is not a period; write it as YYYY, YYYY-H1/H2"),
        (("timeline", "--to", "10000"), "--to: '10000' is not a period"),
    ],
)  # fmt: skip
def test_days_and_periods_in_options(run, args, message):
    result = run(*args, "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert result.stderr == f"error: {result.stderr.removeprefix('error: ')}"
    assert message in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "groningen-cascadeplein", "--on", "2026"), "--on: '2026' is a year, not a day"),
        (("done", "groningen-cascadeplein", "--on", "1-12-2026"), "--on: '1-12-2026' is not a date; write it as 2026-12-01"),
        (("reschedule", "groningen-cascadeplein", "٢٠٢٧"), "PERIOD: '٢٠٢٧' is not a period"),
        (("reschedule", "groningen-cascadeplein", "9999"), "PERIOD: '9999' is not a period: year 9999 is out of range"),
    ],
)  # fmt: skip
def test_the_edit_commands_use_the_same_parser(run, shipped, args, message):
    before = shipped.read_bytes()
    result = run(*args, "--file", str(shipped))
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert shipped.read_bytes() == before


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("9999-12-31", "'9999-12-31' is not a period: year 9999 is out of range; use a year from 1000 to 9998"),
        ("9999", "'9999' is not a period: year 9999 is out of range"),
        ("0999", "'0999' is not a period: year 999 is out of range"),
        ("٢٠٢٥", "'٢٠٢٥' is not a period; write it as YYYY"),
        ("1-12-2026", "'1-12-2026' is not a period; write it as 2026-12-01"),
    ],
)  # fmt: skip
def test_dates_in_files_are_checked_the_same_way(run, write_yaml, due, message):
    path = write_yaml(MINIMAL.replace("due: 2025", f"due: '{due}'"))
    for command in (("validate",), ("list", "--format", "ics"), ("timeline", "--format", "svg")):
        result = run(*command, "--file", str(path))
        assert result.exit_code == 2
        assert result.stderr == f"{path}:16:10: {message}" + result.stderr.split(message, 1)[1]
        assert "Traceback" not in result.output


def test_a_history_date_past_the_calendar_is_a_problem(run, write_yaml):
    text = MINIMAL + "    history:\n      - date: 9999-12-31\n        note: x\n"
    result = run("validate", "--file", str(write_yaml(text)))
    assert result.exit_code == 2
    assert ":18:15: '9999-12-31' is not a date: year 9999 is out of range" in result.stderr


def test_one_function_names_the_option():
    with pytest.raises(KvtrackError, match=r"^--x: '3' has no unit"):
        named("--x", Window.parse, "3")
    assert named("--x", parse_date, "2026-12-01").isoformat() == "2026-12-01"


@pytest.mark.parametrize("text", ["２０２６", "٢٠٢٦-١٢-٠١", "2026-１２"])
def test_only_ascii_digits_make_a_period(text):
    with pytest.raises(KvtrackError, match="is not a period"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [("30d", 30, "d"), ("6W", 6, "w"), (" 3 m ", 3, "m"), ("100y", 100, "y")],
)
def test_windows_that_are_fine(text, amount, unit):
    assert Window.parse(text) == Window(amount, unit)
