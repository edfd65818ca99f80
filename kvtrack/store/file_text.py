"""The first stage of reading: a commitments file's bytes, and its text decoded as UTF-8.

Reading is bounded, so a mistake is one line at once and never a hang: `open_regular` opens
without waiting on a named pipe (O_NONBLOCK: a FIFO with no writer would block `open` for ever)
and refuses anything but a regular file before a byte is read, so `--file /dev/zero`, a FIFO or
`/dev/stdin` on a terminal is refused at once. A file larger than the limit
(core.limits.MAX_INPUT_BYTES, `--max-bytes`) is refused by its size, and reading stops one byte
past the limit whatever the size said (a file still being written).

Failures become a KvtrackError that names the path and says what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from kvtrack.core.limits import MAX_INPUT_BYTES, too_large
from kvtrack.errors import KvtrackError, Location, ValidationError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> BinaryIO:
    """`path` opened for reading, checked to be a regular file of at most `max_bytes`."""
    where = Location(str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise KvtrackError(
            "no such file; pass --file PATH, set KVTRACK_FILE, or run kvtrack where commitments.yaml is",
            where=where,
        ) from None
    except IsADirectoryError:
        raise KvtrackError("is a directory, not a commitments file", where=where) from None
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=where) from None
    try:
        info = os.fstat(fd)
        refuse_unless_regular(info, where)
        if info.st_size > max_bytes:
            raise too_big(info.st_size, max_bytes, where)
        return open(fd, "rb")  # noqa: PTH123 - a descriptor, which pathlib cannot open
    except BaseException:
        os.close(fd)
        raise


def refuse_unless_regular(info: os.stat_result, where: Location) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise KvtrackError("is a directory, not a commitments file", where=where)
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise KvtrackError(
            f"is {kind}, not a file; kvtrack reads regular files (or a directory of them) only",
            where=where,
        )


def too_big(size: int | None, max_bytes: int, where: Location) -> KvtrackError:
    return KvtrackError(too_large(size, max_bytes), where=where)


def read_all(f: BinaryIO, path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The rest of `f`, refused when it runs past `max_bytes` (it grew since it was opened)."""
    try:
        data = f.read(max_bytes + 1)
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=Location(str(path))) from None
    if len(data) > max_bytes:
        raise too_big(None, max_bytes, Location(str(path)))
    return data


def read_bytes(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes` of them, or a KvtrackError that
    names the path and says what to do."""
    with open_regular(path, max_bytes) as f:
        return read_all(f, path, max_bytes)


def decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ValidationError(
            f"not UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8",
            where=Location(path, line, col),
        ) from None


def read_text(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The file's text, or a KvtrackError that names the path and says what to do."""
    return decode(read_bytes(path, max_bytes), str(path))
