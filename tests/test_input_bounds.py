"""--file reads regular files (or a directory of them) only, up to --max-bytes, and never hangs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL, SHIPPED

import kvtrack.store.register as register_module
from kvtrack.core.limits import MAX_INPUT_BYTES, parse_size
from kvtrack.errors import KvtrackError

COMMANDS = [("validate",), ("list",), ("due",), ("check",), ("timeline",), ("stats",)]


def kvtrack(*args: str, timeout: float = 30) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kvtrack", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return result, time.monotonic() - started


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_dev_zero_is_refused_at_once(run, command):
    result = run(*command, "--file", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == (
        "/dev/zero: is a character device, not a file; kvtrack reads regular files "
        "(or a directory of them) only\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [("list",), ("check", "--nagios")], ids=" ".join)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, command):
    fifo = tmp_path / "commitments.yaml"
    os.mkfifo(fifo)
    result, took = kvtrack(*command, "--file", str(fifo))
    assert took < 15
    message = f"{fifo}: is a named pipe (FIFO), not a file"
    if "--nagios" in command:
        assert (result.returncode, result.stdout.startswith(f"KVTRACK UNKNOWN - {message}")) == (
            3,
            True,
        )
    else:
        assert result.returncode == 2
        assert result.stderr.startswith(message)


@pytest.mark.parametrize(
    "command",
    [("list",), ("due",), ("timeline",), ("stats",), ("check",), ("log",), ("search", "x"),
     ("site", "--out", "SITE")],
)  # fmt: skip
def test_every_reading_command_takes_max_bytes(run, write_yaml, tmp_path, command):
    path = write_yaml(MINIMAL + "# " + "x" * 2000 + "\n")
    args = [a.replace("SITE", str(tmp_path / "site")) for a in command]
    refused = run(*args, "--file", str(path), "--max-bytes", "1K", "--as-of", "2026-11-27")
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{path}: the file is 2.27 KiB, more than the 1 KiB")
    assert not (tmp_path / "site").exists()
    read = run(*args, "--file", str(path), "--max-bytes", "4K", "--as-of", "2026-11-27")
    assert read.exit_code in (0, 1), read.output


def test_extract_takes_max_bytes_as_the_readers_do(run, tmp_path):
    document = tmp_path / "antwoord.txt"
    document.write_text("Vraag 1\nIs dat zo?\nAntwoord 1\n" + "Ik zal dat doen. " * 150, "utf-8")
    refused = run("extract", str(document), "--max-bytes", "1K")
    assert refused.exit_code == 2
    assert f"{document}: the file is 2.52 KiB, more than the 1 KiB kvtrack reads" in refused.stderr
    assert run("extract", str(document), "--max-bytes", "4K").exit_code == 0
    wrong = run("extract", str(document), "--max-bytes", "1Q")
    assert wrong.exit_code == 2 and wrong.stderr.startswith(
        "error: --max-bytes: '1Q' is not a size"
    )


def test_an_empty_file_option_is_refused(run):
    result = run("list", "--file", "")
    assert result.exit_code == 2
    assert "the path is empty; name a commitments file or a directory of them" in result.stderr
    nagios = run("check", "--nagios", "--file", "")
    assert nagios.exit_code == 3 and nagios.stdout.startswith("KVTRACK UNKNOWN - ")


def test_a_file_larger_than_max_bytes_is_refused_by_its_size(run, write_yaml):
    path = write_yaml(MINIMAL + "# " + "x" * 2000 + "\n")
    result = run("validate", "--file", str(path), "--max-bytes", "1K")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: the file is 2.27 KiB, more than the 1 KiB kvtrack reads; pass --max-bytes "
        "(or set KVTRACK_MAX_BYTES) to read a bigger one\n"
    )
    assert run("validate", "--file", str(path), "--max-bytes", "4K").exit_code == 0
    assert run("validate", "--file", str(path), env={"KVTRACK_MAX_BYTES": "1K"}).exit_code == 2


def test_max_bytes_applies_to_each_file_of_a_directory(run, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (store / "b.yaml").write_text(
        "version: 1\nsources: []\n# " + "x" * 3000 + "\n", encoding="utf-8"
    )
    result = run("list", "--file", str(store), "--max-bytes", "2K")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{store / 'b.yaml'}: the file is 2.96 KiB, more than the 2 KiB"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [("lots", "'lots' is not a size"), ("0", "'0' is not a size"), ("٦٤M", "is not a size")],
)
def test_a_bad_max_bytes_is_one_line(run, text, message):
    result = run("list", "--file", str(SHIPPED), "--max-bytes", text)
    assert result.exit_code == 2
    assert result.stderr == f"error: --max-bytes: {result.stderr.split(': ', 2)[2]}"
    assert message in result.stderr


def test_sizes():
    assert parse_size("64M") == MAX_INPUT_BYTES
    assert parse_size("1G") == 1024**3
    assert parse_size("500000") == 500_000
    assert parse_size("2KiB") == 2048
    with pytest.raises(KvtrackError):
        parse_size("1T")


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path):
    from kvtrack.store.file_text import open_regular, read_all

    path = tmp_path / "c.yaml"
    path.write_bytes(b"x" * 100)
    with open_regular(path, 150) as f:
        path.write_bytes(b"x" * 300)  # same inode, bigger now
        with pytest.raises(KvtrackError, match="more than the 150 bytes kvtrack reads"):
            read_all(f, path, 150)


def test_a_directory_walk_is_bounded(run, tmp_path, monkeypatch):
    store = tmp_path / "store"
    (store / "deep").mkdir(parents=True)
    for i in range(30):
        (store / "deep" / f"{i}.txt").write_text("")
    (store / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr(register_module, "MAX_STORE_ENTRIES", 20)
    result = run("list", "--file", str(store))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{store}: more than 20 files and folders in this directory; is it the register's? "
        "Pass --file the folder that holds the *.yaml files\n"
    )


def test_the_root_directory_is_refused_within_seconds():
    result, took = kvtrack("validate", "--file", "/", timeout=60)
    assert result.returncode == 2
    assert took < 30
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 5


def test_symlinked_folders_are_not_followed(run, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (store / "loop").symlink_to(store)  # followed, this would be an endless walk
    result = run("validate", "--file", str(store))
    assert result.exit_code == 0, result.output
    assert "1 commitment from 1 source in 1 file" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_nul_byte_is_one_line_with_its_place(run, write_yaml, command):
    path = write_yaml(MINIMAL.replace("Vragen over iets", "Vragen\x00 over iets"))
    result = run(*command, "--file", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:5:18: the control character 0x00 (NUL) is not allowed in a YAML file; "
        "is it a binary file, or was it damaged? Remove the character\n"
    )


def test_a_control_character_after_non_ascii_text_has_the_right_column(run, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(MINIMAL.replace("Vragen over iets", "Vragén\x07").encode())
    result = run("validate", "--file", str(path))
    assert result.stderr.startswith(f"{path}:5:18: the control character 0x07 is not allowed")


def test_a_regular_file_is_still_read_through_a_symlink(run, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(SHIPPED)
    assert run("validate", "--file", str(link)).exit_code == 0


def test_the_limit_is_documented():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "--max-bytes" in readme and "64 MiB" in readme
