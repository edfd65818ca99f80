"""The check state under concurrency and odd files: news reported once, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_check import REGISTER

AS_OF = "2026-11-27"


def check(data: Path, state: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kvtrack", "check", "--file", str(data), "--as-of", AS_OF,
         "--state", str(state), "--format", "json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KVTRACK_LOCK_TIMEOUT": "60"},
    )  # fmt: skip


@pytest.mark.slow
def test_32_concurrent_runs_report_the_news_once(write_yaml, tmp_path):
    data = write_yaml(REGISTER, "commitments.yaml")
    state = tmp_path / "check.json"
    runs = [check(data, state) for _ in range(32)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
    assert all(err == "" for _code, _out, err in results), [r[2] for r in results if r[2]]
    reporting = [out for code, out, _err in results if code == 1]
    assert len(reporting) == 1, [code for code, _o, _e in results]  # the first run; then no news
    assert all(code == 0 and out == "" for code, out, _e in results if out not in reporting)
    report = json.loads(reporting[0])
    assert [i["id"] for i in report["overdue"]] == ["laat"]
    assert json.loads(state.read_text(encoding="utf-8"))["as_of"] == AS_OF


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_state_is_a_warning_not_a_hang(write_yaml, tmp_path):
    data = write_yaml(REGISTER, "commitments.yaml")
    state = tmp_path / "check.json"
    os.mkfifo(state)
    started = time.monotonic()
    run = check(data, state)
    code, (out, err) = run.wait(timeout=60), run.communicate()
    assert time.monotonic() - started < 20
    assert err.startswith(f"{state}: warning: cannot read the state file: is a named pipe (FIFO)")
    assert "full report" in err
    assert code == 1 and '"overdue"' in out
    assert state.is_file()  # replaced by a real state file


def test_the_state_is_locked_while_it_is_read_and_written(run, write_yaml, tmp_path, monkeypatch):
    """While another run holds the lock, a run waits for it (here: gives up after the timeout)."""
    import fcntl

    data = write_yaml(REGISTER, "commitments.yaml")
    state = tmp_path / "check.json"
    lock = tmp_path / ".check.json.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        monkeypatch.setenv("KVTRACK_LOCK_TIMEOUT", "0.2")
        result = run("check", "--file", str(data), "--as-of", AS_OF, "--state", str(state))
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert "is locked" in result.stderr
    assert not state.exists()  # nothing read or written without the lock
    again = run("check", "--file", str(data), "--as-of", AS_OF, "--state", str(state))
    assert again.exit_code == 1 and state.exists()
