"""Parse cache: each valid file's validated Part, kept in the user's cache directory.

An entry is found by the file's absolute path (one entry per file, overwritten when it changes)
and used only when its key matches: a hash of the file's bytes together with kvtrack's version,
this format's number, Python's version and how the file was read (alone or in a directory). So an
edit, a touch, or new content of the same size never meets a stale entry; hashing costs a few
percent of parsing (docs/benchmarks.md). Only files without problems are cached, so an invalid file
reports its problems on every run.

The cache is an optimisation and never an error: an entry that is corrupt, unreadable or from
another version is ignored (and rewritten); a directory that cannot be written is skipped silently.
Entries are written atomically (a temporary file renamed into place), readable by the user only,
and carry a CRC-32 of their contents, so damage on disk is a miss rather than a wrong register;
reading builds kvtrack's own model classes and nothing else.

Where: $KVTRACK_CACHE_DIR, else the platform's user cache directory ($XDG_CACHE_HOME or ~/.cache
on Linux) + /kvtrack. KVTRACK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import operator
import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kvtrack import __version__
from kvtrack.core.model import Commitment, HistoryEntry, Source
from kvtrack.core.period import Period
from kvtrack.errors import Location
from kvtrack.store.loaded import Part

FORMAT = 8  # bump when Part or the model changes shape
_ALLOWED = {
    ("kvtrack.store.loaded", "Part"),
    ("kvtrack.store.loaded", "Locations"),
    ("kvtrack.core.model", "Source"),
    ("kvtrack.core.model", "Commitment"),
    ("kvtrack.core.model", "HistoryEntry"),
    ("kvtrack.core.model", "Status"),
    ("kvtrack.core.period", "Period"),
    ("kvtrack.errors", "Location"),
    ("datetime", "date"),
}


def directory() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("KVTRACK_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("KVTRACK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "kvtrack" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "kvtrack"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "kvtrack"


def key(digest: str, standalone: bool) -> bytes:
    """What an entry must carry to stand for a file with this SHA-256, read this way, by this kvtrack."""
    how = "file" if standalone else "dir"
    py = "{}.{}".format(*sys.version_info[:2])
    return f"kvtrack-parse-cache {FORMAT} {__version__} {_code()} py{py} {how} {digest}\n".encode()


# The modules whose code decides what a file means and whether it is valid.
_VALIDATOR = (
    "store/reader.py",
    "store/yaml_values.py",
    "store/yaml_events.py",
    "store/loaded.py",
    "store/file_text.py",
    "store/gc_pause.py",
    "core/schema.py",
    "core/model.py",
    "core/period.py",
    "core/suggest.py",
)


def _code() -> str:
    """A stamp of the validator's source files: a checkout edited without a version bump (an
    editable install) must not be answered with what older code thought of a file."""
    package = Path(__file__).resolve().parent.parent
    stamp = hashlib.blake2b(digest_size=8)
    for name in _VALIDATOR:
        try:
            st = os.stat(package / name)
        except OSError:  # not laid out as files (a zip): the version alone decides
            continue
        stamp.update(f"{name} {st.st_size} {st.st_mtime_ns};".encode())
    return stamp.hexdigest()


def entry_path(cache_dir: Path, file: Path) -> Path:
    name = hashlib.blake2b(os.fsencode(os.path.abspath(file)), digest_size=16).hexdigest()
    return cache_dir / f"{name}.pickle"


def lookup(file: Path, standalone: bool) -> Part | None:
    """The cached Part of `file` when one was stored for exactly its present bytes, else None.

    The file is hashed as it is read, in blocks, so a hit never holds the file's bytes in memory.
    """
    cache_dir = directory()
    if cache_dir is None:
        return None
    try:
        with file.open("rb") as f:
            wanted = key(hashlib.file_digest(f, "sha256").hexdigest(), standalone)
        with entry_path(cache_dir, file).open("rb") as f:
            if f.read(len(wanted)) != wanted:
                return None
            size, crc = f.readline().split()
            payload = f.read()
        if len(payload) != int(size) or zlib.crc32(payload) != int(crc, 16):
            return None  # damaged on disk: a flipped bit must not become a wrong register
        part = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # corrupt, truncated, unreadable, from other code: a miss, never an error
        return None
    return part if isinstance(part, Part) else None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(file: Path, sha256: str, standalone: bool, part: Part) -> None:
    """Store `part`, parsed from bytes with this SHA-256, for `file`, atomically; nothing when that
    cannot be done."""
    cache_dir = directory()
    if cache_dir is None:
        return
    import tempfile

    tmp: str | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=cache_dir)  # created 0600
        with os.fdopen(fd, "wb") as f:
            f.write(key(sha256, standalone))
            sizes_at = f.tell()
            f.write(_sizes(0, 0))  # placeholder, the same length as the real line
            out = _Counted(f)
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _reducers()
            pickler.dump(part)
            f.seek(sizes_at)
            f.write(_sizes(out.size, out.crc))
        os.replace(tmp, entry_path(cache_dir, file))
        tmp = None
    except (OSError, pickle.PicklingError, RecursionError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _sizes(size: int, crc: int) -> bytes:
    return f"{size:012d} {crc:08x}\n".encode()


class _Counted:
    """A file the pickle is written through, keeping its size and CRC-32 as it goes."""

    def __init__(self, f: Any) -> None:
        self._f = f
        self.size = 0
        self.crc = 0

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        self.crc = zlib.crc32(chunk, self.crc)
        written: int = self._f.write(chunk)
        return written


def _reducers() -> dict[type, Callable[[Any], tuple[type, tuple[Any, ...]]]]:
    """Pickle the frozen model classes as calls to their constructors.

    Their default pickling restores each object through dataclasses' `__setstate__`, a Python
    loop per object; a constructor call is about twice as fast to load (50,000 commitments:
    0.3 s instead of 0.6 s).
    """

    def by_fields(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
        names = [f.name for f in dataclasses.fields(cls)]
        get = operator.attrgetter(*names)
        return lambda obj: (cls, get(obj))

    return {cls: by_fields(cls) for cls in (Commitment, HistoryEntry, Source, Period, Location)}


class _Unpickler(pickle.Unpickler):
    """Builds kvtrack's model classes and nothing else, whatever the entry says."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a kvtrack cache")
        found: type = super().find_class(module, name)
        return found
