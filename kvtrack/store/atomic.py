"""Write a file so that readers, and a crash at any moment, see the old content or the new, never a mix.

The data goes to a temporary file in the same directory (a rename is only atomic within one file
system), is flushed and fsynced, gets the mode and group (and, for root, the owner) of the file it
replaces, and is renamed over it with os.replace (atomic on POSIX and on Windows); then the directory
is fsynced so the rename itself survives a power cut. If anything fails before the rename, the temporary file is
removed and the target is untouched.

Used by the edit commands (through store.write.edit, under the file's lock) and by the exports.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from kvtrack.errors import KvtrackError, Location

TEMP_SUFFIX = ".kvtrack-tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary files a killed writer left next to `path` (only safe to delete under the lock)."""
    return sorted(path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"))


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace (or create) `path` with `data` atomically.

    `durable=False` skips the fsyncs (a millisecond a file here): for output that is rebuilt from
    the register anyway, such as the site's thousands of pages. Readers still see old or new.
    """
    target = path.expanduser()
    if target.is_dir():
        raise KvtrackError("is a directory; give a file name", where=Location(str(path)))
    try:
        original: os.stat_result | None = os.stat(target)
    except OSError:
        original = None
    import tempfile  # here: a refused edit never needs it

    try:
        fd, name = tempfile.mkstemp(
            prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent
        )
    except FileNotFoundError:
        raise KvtrackError(
            "cannot write: the directory does not exist", where=Location(str(path))
        ) from None
    except OSError as e:
        raise KvtrackError(f"cannot write: {e.strerror}", where=Location(str(path))) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        _copy_owner_and_mode(tmp, original)
        os.replace(tmp, target)
    except BaseException as e:  # also Ctrl-C: never leave the temporary file behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):
            kept = "; the file was left unchanged" if original is not None else ""
            raise KvtrackError(
                f"cannot write: {e.strerror or e}{kept}", where=Location(str(path))
            ) from None
        raise
    if durable:
        _fsync_directory(target.parent)


def replace_text(path: Path, text: str) -> None:
    """Replace `path` with `text`, encoded as UTF-8, atomically."""
    write_atomic(path, text.encode("utf-8"))


def _copy_owner_and_mode(tmp: Path, original: os.stat_result | None) -> None:
    # mkstemp creates 0600 files owned by us. A replaced file keeps its mode (it may be
    # group-readable) and, when root edits someone else's file, its owner; a new file gets the
    # umask's default, like any file the user creates.
    if original is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    if hasattr(os, "chown") and (original.st_uid, original.st_gid) != (os.getuid(), os.getgid()):
        try:  # only root may give a file away
            os.chown(tmp, original.st_uid, original.st_gid)
        except OSError:  # a member of the file's group keeps the group (a shared register)
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, original.st_gid)
    os.chmod(tmp, stat.S_IMODE(original.st_mode))  # after chown, which may clear set-id bits


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
