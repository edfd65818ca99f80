"""The CLI's edge: one line and the right exit code for every failure, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, SHIPPED

import kvtrack.core.query as query


def kvtrack(
    *args: str, stdout: object = subprocess.PIPE, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The installed CLI in a real process (real stdout, real exit, real interpreter shutdown)."""
    return subprocess.run(
        [sys.executable, "-m", "kvtrack", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def boom(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(query, "select", fail)


def test_an_unexpected_error_is_one_line_and_exit_2(run, boom):
    result = run("list", "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: internal error: ZeroDivisionError: division by zero; "
        "please report it with the command you ran\n"
    )


def test_kvtrack_debug_shows_the_traceback(run, boom, monkeypatch):
    monkeypatch.setenv("KVTRACK_DEBUG", "1")
    result = run("list", "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "ZeroDivisionError: division by zero" in result.stderr
    assert result.stderr.endswith("please report it with the command you ran\n")


def test_an_unexpected_error_under_nagios_is_unknown(run, monkeypatch):
    def fail(*args: object, **kwargs: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr("kvtrack.core.check.check", fail)
    result = run("check", "--file", str(SHIPPED), "--nagios")
    assert result.exit_code == 3
    assert result.stdout.startswith("KVTRACK UNKNOWN - internal error: KeyError: 'x'")
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--format", "csv"),
        ("list", "--format", "ics"),
        ("due", "--all"),
        ("show", "groningen-cascadeplein"),
        ("timeline", "--format", "svg"),
        ("stats", "--by", "owner"),
        ("check",),
        ("validate",),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_full_disk_is_one_line(args):
    as_of = () if args[0] == "validate" else ("--as-of", AS_OF)
    with Path("/dev/full").open("w") as full:
        result = kvtrack(*args, "--file", str(SHIPPED), *as_of, stdout=full)
    assert result.returncode == 2
    assert result.stderr == "error: cannot write to standard output: No space left on device\n"


def test_a_full_disk_under_nagios_is_unknown_once():
    with Path("/dev/full").open("w") as full:
        result = kvtrack("check", "--nagios", "--file", str(SHIPPED), stdout=full)
    assert result.returncode == 3
    assert result.stderr == "error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "--format", "json"), ("show", "groningen-cascadeplein"), ("timeline",)],
    ids=lambda a: " ".join(a),
)
def test_a_closed_pipe_ends_quietly(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -c 10` that has already gone
    with os.fdopen(write_end, "w") as closed:
        result = kvtrack(*args, "--file", str(SHIPPED), "--as-of", AS_OF, stdout=closed)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_closed_pipe_under_nagios_is_unknown_on_stderr():
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed:
        result = kvtrack("check", "--nagios", "--file", str(SHIPPED), stdout=closed)
    assert result.returncode == 3  # a monitor must not read "OK" from a check nobody heard
    assert result.stderr == "error: cannot write to standard output: Broken pipe\n"


def test_an_argument_that_is_not_utf8_is_refused_before_anything(run, shipped):
    before = shipped.read_bytes()
    bad = os.fsdecode(b"bijna klaar \xff")  # what Python makes of a Latin-1 byte in argv
    result = run("note", "groningen-cascadeplein", bad, "--file", str(shipped))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the argument 'bijna klaar \ufffd' is not UTF-8 text (byte 0xff); "
        "set a UTF-8 locale or convert it with iconv\n"
    )
    assert "YAML" not in result.stderr
    assert shipped.read_bytes() == before


def test_an_argument_that_is_not_utf8_under_nagios_is_unknown(run):
    result = run("check", "--nagios", "--as-of", os.fsdecode(b"\xff"))
    assert result.exit_code == 3
    assert result.stdout.startswith("KVTRACK UNKNOWN - the argument")


def test_real_process_non_utf8_argument(tmp_path: Path):
    result = subprocess.run(
        [
            os.fsencode(sys.executable),
            b"-m",
            b"kvtrack",
            b"list",
            b"--owner",
            b"\xff",
            b"--file",
            os.fsencode(SHIPPED),
        ],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count(b"\n") == 1
    assert b"not UTF-8 text (byte 0xff)" in result.stderr


def test_an_internal_error_spread_over_lines_is_still_one_line(run, monkeypatch):
    def fail(*args: object, **kwargs: object) -> None:
        raise ValueError("first line\nsecond line\n" + "x" * 1000)

    monkeypatch.setattr(query, "select", fail)
    result = run("list", "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: internal error: ValueError: first line second line xx")
