"""An exclusive lock on a commitments file, shared by every kvtrack process that writes it.

The lock is `flock(2)` on a sibling file `.NAME.lock`, never on the data file itself: the data file is
replaced by rename on every write, so a lock on its inode would protect the wrong file. The lock file is
never deleted (deleting it would let two processes lock two different inodes). POSIX only; kvtrack
refuses to edit on a system without `fcntl` rather than edit without a lock.

The kernel drops the lock when the holder exits, however it exits, so a crashed writer cannot leave
the file locked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kvtrack.errors import KvtrackError, Location

TIMEOUT_ENV = "KVTRACK_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = (
    10.0  # seconds; an edit takes well under one, so this is a stuck or very slow writer
)
_POLL = 0.02  # seconds between attempts while another writer holds the lock


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def lock_timeout(timeout: float | None = None) -> float:
    """The timeout to use: the argument, else $KVTRACK_LOCK_TIMEOUT, else the default."""
    if timeout is not None:
        return timeout
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also rejects nan
        raise KvtrackError(
            f"{TIMEOUT_ENV} must be a number of seconds (like 10 or 0.5), not '{raw}'"
        )
    return value


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock for `path`, waiting up to `timeout` seconds for it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        raise KvtrackError(
            "editing needs file locking (fcntl), which this system lacks; edit the file by hand"
        ) from None
    wait = lock_timeout(timeout)
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise KvtrackError(
            f"cannot create the lock file {target.name}: {e.strerror}", where=Location(str(path))
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise KvtrackError(
                        _timeout_message(fd, target, wait), where=Location(str(path))
                    ) from None
                time.sleep(_POLL)
        _write_owner(fd)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _write_owner(fd: int) -> None:
    """Record our pid in the lock file, only so a waiter's timeout message can name the holder."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError:
        pass  # informational only


def _timeout_message(fd: int, target: Path, wait: float) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    holder = f"process {pid}" if pid.isdigit() else "another process"
    return (
        f"the file is locked for editing by {holder} (lock file {target.name}); gave up after "
        f"{wait:g} s. Try again when it is done, or set {TIMEOUT_ENV} to wait longer"
    )
