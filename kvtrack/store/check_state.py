"""The `check --state` file: what the last check reported, so the next one reports only news.

A small JSON document, written atomically (a temporary file in the same directory, flushed and
fsynced, then renamed over the old one), so a crash or a full disk never leaves half a file:

    {
      "format": "kvtrack-check-state",
      "version": 1,
      "as_of": "2026-11-27",
      "reported": {"groningen-cascadeplein": {"state": "overdue", "due": "2025"}}
    }

Reading never fails: a missing file means "first run"; an unreadable, corrupt, too deeply nested
or other-version file (or one that is not a regular file: never a wait on a named pipe) is
reported as a warning and treated like a first run (it is then overwritten).

A run holds the state's lock (`kept`) from reading it to writing the new one, so concurrent runs
(cron and a person, or 32 monitors) each see the one before: the news is reported once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kvtrack.core.check import Reported, Snapshot
from kvtrack.core.query import State
from kvtrack.errors import KvtrackError, Location

FORMAT = "kvtrack-check-state"
VERSION = 1
_MAX_STATE_BYTES = 16 * 1024 * 1024  # a state of 100,000 reported items is about 10 MB
_REPORTABLE = {State.OVERDUE.value: State.OVERDUE, State.DUE_SOON.value: State.DUE_SOON}


@dataclass(frozen=True, slots=True)
class StateRead:
    """The previous snapshot (None on a first run or when unusable) and why it was unusable."""

    snapshot: Snapshot | None
    warning: str | None = None


class _Unusable(Exception):
    pass


class Session:
    """The state file of one run, locked: read it, then write the new snapshot."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> StateRead:
        return read_state(self.path)

    def write(self, snapshot: Snapshot) -> None:
        write_state(self.path, snapshot)


@contextmanager
def kept(path: Path) -> Iterator[Session]:
    """The state file locked for one run (the lock file `.NAME.lock` sits beside it)."""
    from kvtrack.store.lock import locked

    with ExitStack() as stack:
        try:
            stack.enter_context(locked(path))
        except KvtrackError as e:  # no directory for the lock (nor the state), or held too long
            raise KvtrackError(
                f"cannot write the state file: {e.message}", where=Location(str(path))
            ) from None
        yield Session(path)


def read_state(path: Path) -> StateRead:
    from kvtrack.store.file_text import read_bytes

    if not os.path.lexists(path):
        return StateRead(None)  # first run: nothing to compare with, nothing to warn about
    try:
        raw = read_bytes(path, _MAX_STATE_BYTES)
    except KvtrackError as e:
        return StateRead(None, _warning(f"cannot read the state file: {e.message}"))
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
    except RecursionError:  # `[[[[...` a hundred thousand deep
        raise _Unusable("the state file is nested too deeply to be a kvtrack state") from None
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
    from kvtrack.store.atomic import write_atomic

    try:
        write_atomic(path, dumps_state(snapshot).encode("utf-8"))
    except KvtrackError as e:
        why = e.message.removeprefix("cannot write: ")
        raise KvtrackError(
            f"cannot write the state file: {why}", where=Location(str(path))
        ) from None
