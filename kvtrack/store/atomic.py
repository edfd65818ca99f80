"""Replace a file's content atomically: readers and crashes see the old file or the new one, never a mix.

The new text goes to a temporary file in the same directory (a rename is only atomic within one file
system), is flushed and fsynced, gets the original's permissions, and is renamed over the original;
then the directory is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from kvtrack.errors import KvtrackError, Location

TEMP_SUFFIX = ".kvtrack-tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary files a killed writer left next to `path` (only safe to delete under the lock)."""
    return sorted(path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"))


def replace_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically, keeping the file's permission bits and owner."""
    data = text.encode("utf-8")
    try:
        original: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        original = None
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as e:
        raise _write_error(path, e) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if original is not None:
            _copy_owner_and_mode(tmp, original)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):
            raise _write_error(path, e) from None
        raise
    _fsync_directory(path.parent)


def _copy_owner_and_mode(tmp: Path, original: os.stat_result) -> None:
    # mkstemp creates 0600 files owned by us; the user's file may be group-readable, and when root
    # edits someone else's file it should stay theirs.
    os.chmod(tmp, stat.S_IMODE(original.st_mode))
    if hasattr(os, "chown") and (original.st_uid, original.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only root may give a file away; keep ours otherwise
            os.chown(tmp, original.st_uid, original.st_gid)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError) -> KvtrackError:
    return KvtrackError(
        f"could not write the file ({error.strerror or error}); it was left unchanged",
        where=Location(str(path)),
    )
