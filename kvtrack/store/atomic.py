"""Write a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kvtrack.errors import KvtrackError, Location


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file next to `path`, flush it to disk, then rename it over.

    A rename within one directory is atomic on POSIX and on Windows (os.replace). The new file
    keeps the mode of the one it replaces, or gets the umask's default, not mkstemp's 0600.
    """
    target = path.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise KvtrackError("is a directory; give a file name", where=Location(str(path)))
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise KvtrackError(
            "cannot write: the directory does not exist", where=Location(str(path))
        ) from None
    except OSError as e:
        raise KvtrackError(f"cannot write: {e.strerror}", where=Location(str(path))) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise KvtrackError(f"cannot write: {e.strerror}", where=Location(str(path))) from None


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
