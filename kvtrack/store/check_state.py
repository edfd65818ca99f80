"""The `check --state` file: what the last check reported, so the next one reports only news.

A small JSON document, written atomically (a temporary file in the same directory, flushed and
fsynced, then renamed over the old one), so a crash or a full disk never leaves half a file:

    {
      "format": "kvtrack-check-state",
      "version": 1,
      "as_of": "2026-11-27",
      "reported": {"groningen-cascadeplein": {"state": "overdue", "due": "2025"}}
    }

Reading never fails: a missing file means "first run"; an unreadable, corrupt or other-version
file is reported as a warning and treated like a first run (it is then overwritten).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kvtrack.core.check import Reported, Snapshot
from kvtrack.core.query import State
from kvtrack.errors import KvtrackError, Location

FORMAT = "kvtrack-check-state"
VERSION = 1
_REPORTABLE = {State.OVERDUE.value: State.OVERDUE, State.DUE_SOON.value: State.DUE_SOON}


@dataclass(frozen=True, slots=True)
class StateRead:
    """The previous snapshot (None on a first run or when unusable) and why it was unusable."""

    snapshot: Snapshot | None
    warning: str | None = None


class _Unusable(Exception):
    pass


def read_state(path: Path) -> StateRead:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return StateRead(None)  # first run: nothing to compare with, nothing to warn about
    except OSError as e:
        return StateRead(None, _warning(f"cannot read the state file ({e.strerror})"))
    try:
        return StateRead(_parse(raw))
    except _Unusable as e:
        return StateRead(None, _warning(str(e)))


def _warning(problem: str) -> str:
    return f"{problem}; ignoring it: full report this time, and a new state file is written"


def _parse(raw: bytes) -> Snapshot:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unusable("the state file is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise _Unusable(
            f"the state file is not valid JSON (line {e.lineno} column {e.colno}: {e.msg})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Unusable("this is not a kvtrack check state file")
    if data.get("version") != VERSION:
        raise _Unusable(
            f"the state file has version {data.get('version')!r}; this kvtrack reads version "
            f"{VERSION}"
        )
    try:
        as_of = date.fromisoformat(data["as_of"])
        reported = {
            str(cid): Reported(_REPORTABLE[entry["state"]], str(entry["due"]))
            for cid, entry in _mapping(data["reported"]).items()
        }
    except (KeyError, TypeError, ValueError) as e:
        raise _Unusable(f"the state file is malformed ({type(e).__name__}: {e})") from None
    return Snapshot(as_of, reported)


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("'reported' is not an object")
    return value


def dumps_state(snapshot: Snapshot) -> str:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "as_of": snapshot.as_of.isoformat(),
        "reported": {
            cid: {"state": r.state.value, "due": r.due}
            for cid, r in sorted(snapshot.reported.items())
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_state(path: Path, snapshot: Snapshot) -> None:
    """Replace the state file atomically; a KvtrackError naming the path if that cannot be done."""
    write_atomic(path, dumps_state(snapshot).encode("utf-8"), what="state file")


def write_atomic(path: Path, data: bytes, *, what: str = "file") -> None:
    """Write `data` to `path` so that readers see the old content or the new, never a mix."""
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise KvtrackError(
            f"cannot write the {what}: {e.strerror} (in directory {directory})",
            where=Location(str(path)),
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise KvtrackError(
            f"cannot write the {what}: {e.strerror}", where=Location(str(path))
        ) from None
    _sync_directory(directory)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets 0666 minus the umask, like open()."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
