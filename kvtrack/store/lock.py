"""An exclusive lock on a commitments file (or a directory store), shared by every kvtrack writer.

The lock is `flock(2)` on a sibling file `.NAME.lock`, never on the data file itself: the data file is
replaced by rename on every write, so a lock on its inode would protect the wrong file. The lock file is
never deleted (deleting it would let two processes lock two different inodes). It is created with the
data file's group and permission bits, so that the members of a group sharing a register can all
take it. The kernel drops the lock when the holder exits, however it exits, so a crashed writer
cannot leave the file locked.

Some network and FUSE file systems have no `flock` (it fails with ENOLCK or EOPNOTSUPP). There the
lock is a file created with O_CREAT|O_EXCL next to the data file, `.NAME.lock.held`, holding the
owner's host and pid and removed on release; one left by a crashed writer on this host is removed
when its process is gone. POSIX only; without `fcntl` kvtrack refuses to edit.

The holder writes its pid into the lock file, and after a write the identity of the file it wrote
(inode, size, modification time), so the next writer can tell a file kvtrack just wrote from one
another program may still be writing (see `store.write`).

Ctrl-C while an edit holds the lock is held back (`interrupts_held`): the edit stops at its next
safe point before the file is replaced, or, once it is replaced, finishes and reports, so an edit is
never applied and reported as interrupted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from kvtrack.errors import KvtrackError, Location

TIMEOUT_ENV = "KVTRACK_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = (
    10.0  # seconds; an edit takes well under one, so this is a stuck or very slow writer
)
_POLL = 0.02  # seconds between attempts while another writer holds the lock
_NO_FLOCK = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})
DIRECTORY_LOCK = ".kvtrack.lock"


def lock_path(path: Path) -> Path:
    """The lock file of a data file, or of a directory store (inside it)."""
    if path.is_dir():
        return path / DIRECTORY_LOCK
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


@dataclass(frozen=True, slots=True)
class FileId:
    """What identifies one version of a file without reading it."""

    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileId:
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


class Held:
    """The lock, while it is held: what the last kvtrack writer wrote, and a place to record it."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def last_written(self) -> FileId | None:
        """The file as the last kvtrack writer left it (None when unknown)."""
        if self._fd is None:
            return None
        try:
            lines = os.pread(self._fd, 200, 0).decode("ascii", "replace").splitlines()
            ino, size, mtime = (int(x) for x in lines[1].split())
        except (OSError, IndexError, ValueError):
            return None
        return FileId(ino, size, mtime)

    def wrote(self, written: FileId) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # informational only
            data = f"{os.getpid()}\n{written.ino} {written.size} {written.mtime_ns}\n".encode()
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, data, 0)


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[Held]:
    """Hold the exclusive write lock for `path` (a file or a directory store), waiting up to
    `timeout` seconds for it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        raise KvtrackError(
            "editing needs file locking (fcntl), which this system lacks; edit the file by hand"
        ) from None
    wait = lock_timeout(timeout)
    target = lock_path(path)
    fd = _open_lock_file(path, target)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pass
            except OSError as e:
                if e.errno not in _NO_FLOCK:
                    raise KvtrackError(
                        f"cannot lock {target.name}: {e.strerror}", where=Location(str(path))
                    ) from None
                os.close(fd)
                fd = -1
                with _exclusive_file(path, target, deadline, wait) as held:
                    yield held
                return
            if time.monotonic() >= deadline:
                raise KvtrackError(
                    _timeout_message(fd, target, wait), where=Location(str(path))
                ) from None
            check_interrupt()
            time.sleep(_POLL)
        _write_owner(fd)
        yield Held(fd)
    finally:
        if fd >= 0:
            os.close(fd)  # closing the descriptor releases the lock


def _open_lock_file(path: Path, target: Path) -> int:
    """Open (or create, with the data file's group and mode) the lock file."""
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            return os.open(target, os.O_RDWR)
        except OSError as e:
            raise KvtrackError(
                f"cannot open the existing lock file {target.name}: {e.strerror}; ask whoever "
                "owns it to make it writable for you (chmod g+w) or, when no one is editing, "
                "remove it",
                where=Location(str(path)),
            ) from None
    except OSError as e:
        raise KvtrackError(
            f"cannot create the lock file {target.name}: {e.strerror}", where=Location(str(path))
        ) from None
    _share_like(fd, path)
    return fd


def _share_like(fd: int, path: Path) -> None:
    """Give a new lock file the data file's group and its read/write bits (a shared register)."""
    try:
        st = path.stat()
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, -1, st.st_gid)
    with contextlib.suppress(OSError):
        os.fchmod(fd, (st.st_mode & 0o666) | 0o600)


def _write_owner(fd: int) -> None:
    """Record our pid in the lock file, only so a waiter's timeout message can name the holder."""
    try:
        rest = os.pread(fd, 200, 0).split(b"\n", 1)[1:]
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode() + (rest[0] if rest else b""), 0)
    except OSError:
        pass  # informational only


def holder(fd: int, target: Path) -> str | None:
    """The pid that holds the flock on `target`: from /proc/locks when the system has it (the
    holder itself), else the pid the holder wrote, if that process is alive."""
    with contextlib.suppress(OSError):
        st = os.fstat(fd)
        wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "FLOCK" in fields and len(fields) >= 6:
                i = fields.index("FLOCK")
                pid, inode = fields[i + 3], fields[i + 4]
                if inode == wanted and pid.isdigit() and int(pid) != os.getpid():
                    return pid
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").split("\n", 1)[0].strip()
    except OSError:
        return None
    return pid if pid.isdigit() and _alive(int(pid)) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _timeout_message(fd: int, target: Path, wait: float) -> str:
    pid = holder(fd, target)
    who = f"process {pid}" if pid else "another process"
    return (
        f"the file is locked for editing by {who} (lock file {target.name}); gave up after "
        f"{wait:g} s. Try again when it is done, or set {TIMEOUT_ENV} to wait longer"
    )


@contextmanager
def _exclusive_file(path: Path, target: Path, deadline: float, wait: float) -> Iterator[Held]:
    """The lock where flock is missing: a file only one process can create."""
    held = target.with_name(target.name + ".held")
    me = f"{_host()} {os.getpid()}\n"
    while True:
        try:
            fd = os.open(held, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            owner = _read_owner(held)
            if owner is not None and owner[0] == _host() and not _alive(owner[1]):
                with contextlib.suppress(OSError):  # its writer crashed on this host
                    held.unlink()
                continue
            if time.monotonic() >= deadline:
                who = f"process {owner[1]} on {owner[0]}" if owner else "another process"
                raise KvtrackError(
                    f"the file is locked for editing by {who} (lock file {held.name}; this file "
                    f"system has no flock); gave up after {wait:g} s. Try again when it is done, "
                    f"or remove {held.name} if that process is gone",
                    where=Location(str(path)),
                ) from None
            check_interrupt()
            time.sleep(_POLL)
        except OSError as e:
            raise KvtrackError(
                f"this file system cannot lock files (no flock), and kvtrack cannot create "
                f"{held.name} either: {e.strerror}; edit the file by hand",
                where=Location(str(path)),
            ) from None
    try:
        os.write(fd, me.encode())
        os.close(fd)
        yield Held(None)
    finally:
        with contextlib.suppress(OSError):
            held.unlink()


def _host() -> str:
    import socket

    return socket.gethostname()


def _read_owner(held: Path) -> tuple[str, int] | None:
    try:
        host, pid = held.read_text(encoding="ascii", errors="replace").split()
        return host, int(pid)
    except (OSError, ValueError):
        return None


# -- Ctrl-C ---------------------------------------------------------------------------------------
_interrupted = threading.Event()


def check_interrupt() -> None:
    """Stop here (raise KeyboardInterrupt) if Ctrl-C came while interrupts were held."""
    if _interrupted.is_set():
        _interrupted.clear()
        raise KeyboardInterrupt


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until `check_interrupt` (or the end of the block, where it is dropped:
    by then the edit was applied and reported)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def hold(_signum: int, _frame: FrameType | None) -> None:
        _interrupted.set()

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _interrupted.clear()
