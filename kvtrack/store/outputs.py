"""Output files never overwrite an input: the one check every `--out`, `--state`, ... goes through.

In `store` (not `cli`) so every writer can use it: the CLI before it writes `--out`, `--state` or
`--out-dir`, and the store's own writers (a published site) for each file they put down.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from kvtrack.errors import KvtrackError, Location


class Inputs:
    """The files a command reads, known by device and inode: the same file whatever path, symbolic
    link or hard link names it. `register` is the commitments file or directory store being read;
    `documents` are other files read (extract's documents, a site's register files)."""

    def __init__(self, register: Path | None = None, documents: Sequence[Path] = ()) -> None:
        self._held: dict[tuple[int, int], tuple[Path, str]] = {}
        self.stores: tuple[Path, ...] = ()
        for document in documents:
            self._add(document, "the document being read")
        if register is None:
            return
        if register.is_dir():
            from kvtrack.store.register import yaml_files

            self.stores = (register,)
            for file in yaml_files(register):
                self._add(file, "the register's file")
        else:
            self._add(register, "the commitments file")

    def _add(self, path: Path, what: str) -> None:
        with contextlib.suppress(OSError):  # an input that does not exist cannot be overwritten
            st = path.stat()
            self._held.setdefault((st.st_dev, st.st_ino), (path, what))

    def holding(self, out: Path) -> tuple[Path, str] | None:
        """The input `out` is (its path and what it is), or None."""
        try:
            st = out.stat()
        except OSError:  # does not exist (yet): not an input
            return None
        return self._held.get((st.st_dev, st.st_ino))

    def refuse(self, out: Path, option: str) -> None:
        """Refuse, before anything is written, an output `out` that is one of the inputs. Into a
        directory store, a new `*.yaml` file is refused as well: kvtrack would read it next time."""
        held = self.holding(out)
        if held is not None:
            given, what = held
            which = what if out.absolute() == given.absolute() else f"{what} {given}"
            raise KvtrackError(
                f"{option} would overwrite {which}; nothing was written. Name another file",
                where=Location(str(out)),
            )
        for store in self.stores:
            _refuse_into_store(out, option, store)


def refuse_overwrite(
    out: Path, option: str, *, register: Path | None = None, documents: Sequence[Path] = ()
) -> None:
    """`Inputs(register, documents).refuse(out, option)`: the check for one output file."""
    Inputs(register, documents).refuse(out, option)


def _refuse_into_store(out: Path, option: str, store: Path) -> None:
    from kvtrack.store.register import SUFFIXES

    try:
        inside = Path(os.path.realpath(out)).relative_to(os.path.realpath(store))
    except ValueError:
        return
    if out.name.endswith(SUFFIXES) and not any(p.startswith(".") for p in inside.parts):
        raise KvtrackError(
            f"{option} would put a *.yaml file into the register directory {store}, which kvtrack "
            "would then read as part of it; nothing was written. Write the output elsewhere",
            where=Location(str(out)),
        )
