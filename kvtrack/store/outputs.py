"""Output files never overwrite an input: the one check every `--out`, `--state`, ... goes through.

In `store` (not `cli`) so every writer can use it: the CLI before it writes `--out`, `--state` or
`--out-dir`, and the store's own writers (a published site) for each file they put down.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kvtrack.errors import KvtrackError, Location


def refuse_overwrite(
    out: Path, option: str, *, register: Path | None = None, documents: Sequence[Path] = ()
) -> None:
    """Refuse, before anything is written, an output `out` that is one of the inputs.

    `register` is the commitments file or directory store being read; `documents` are other
    files read (extract's documents). The same file is found whatever its name: by device and
    inode (`os.path.samefile`), so a symbolic link or a hard link to an input is refused too. Into
    a directory store, a new `*.yaml` file is refused as well: kvtrack would read it next time.
    """
    inputs = [*documents, *([register] if register is not None else [])]
    exists = os.path.lexists(out)
    for given in inputs:
        if given.is_dir():
            if exists:
                from kvtrack.store.register import yaml_files

                for file in yaml_files(given):
                    _refuse_same(out, option, file, "the register's file")
            _refuse_into_store(out, option, given)
        elif exists:
            what = "the commitments file" if given == register else "the document being read"
            _refuse_same(out, option, given, what)


def _refuse_same(out: Path, option: str, given: Path, what: str) -> None:
    try:
        same = out.samefile(given)
    except OSError:  # one of them does not exist (yet): not the same file
        return
    if same:
        which = what if out.absolute() == given.absolute() else f"{what} {given}"
        raise KvtrackError(
            f"{option} would overwrite {which}; nothing was written. Name another file",
            where=Location(str(out)),
        )


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
