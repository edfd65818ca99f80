"""Write a generated tree of files (the site) into a directory: only what changed, never an input.

Each file is compared with what is on disk first and left alone when the bytes are the same, so a
re-run on an unchanged register touches nothing (web servers keep their caches, rsync and git see
no change). Changed files are replaced atomically (readers see old or new). A manifest
(`.kvtrack-site`) lists what was written, so pages of commitments that left the register (or the
filter) are removed on the next run; files kvtrack did not write are never deleted.

Refused before anything is written: an output directory that is one of the register's inputs or
inside a directory store, and any output file that is the same file as an input.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kvtrack.errors import KvtrackError, Location
from kvtrack.store.atomic import TEMP_SUFFIX, write_atomic
from kvtrack.store.outputs import Inputs

MANIFEST = ".kvtrack-site"


@dataclass(frozen=True, slots=True)
class Published:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def publish(root: Path, files: Mapping[str, bytes], inputs: Sequence[Path]) -> Published:
    """Write `files` (relative path → bytes) under `root`, which is created when missing."""
    _refuse_inputs(root, files, inputs)
    if root.is_symlink() or root.exists():
        if not root.is_dir():
            raise KvtrackError("exists and is not a directory", where=Location(str(root)))
    elif _publish_fresh(root, files):
        return Published(tuple(files), 0, ())
    try:
        root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise KvtrackError("exists and is not a directory", where=Location(str(root))) from None
    except OSError as e:
        raise KvtrackError(f"cannot create: {e.strerror}", where=Location(str(root))) from None
    made_dirs: set[Path] = set()
    written: list[str] = []
    for rel, data in files.items():
        target = root / rel
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        if _same_bytes(target, data):
            continue
        write_atomic(target, data, durable=False)
        written.append(rel)
    removed = _remove_stale(root, files, inputs)
    manifest = _manifest(files)
    if not _same_bytes(root / MANIFEST, manifest):
        write_atomic(root / MANIFEST, manifest, durable=False)
    return Published(tuple(written), len(files) - len(written), removed)


def _publish_fresh(root: Path, files: Mapping[str, bytes]) -> bool:
    """A first build: every file into a new directory beside `root`, which is then renamed to it.

    Readers see no site or the whole site, and each file costs one create instead of a create
    and a rename (half the directory updates; the first build of 12,500 pages is mostly those).
    False when `root`'s parent does not exist or `root` appeared meanwhile: the caller goes on
    file by file.
    """
    import shutil
    import tempfile

    parent = root.absolute().parent
    if not parent.is_dir():
        return False
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.", suffix=TEMP_SUFFIX, dir=parent))
    except OSError:
        return False
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site is for reading
        made: set[Path] = {staging}
        for rel, data in [*files.items(), (MANIFEST, _manifest(files))]:
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with target.open("xb") as out:
                out.write(data)
        # fails if root appeared meanwhile with something in it (an empty one is replaced)
        staging.rename(root)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        if root.exists():
            return False
        raise KvtrackError(f"cannot write: {e.strerror}", where=Location(str(root))) from None
    return True


def _manifest(files: Mapping[str, bytes]) -> bytes:
    return "".join(f"{rel}\n" for rel in sorted(files)).encode()


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


# What a site holds; the manifest can only ever delete files like these.
SITE_SUFFIXES = (".html", ".xml", ".json", ".css")


def _remove_stale(
    root: Path, files: Mapping[str, bytes], inputs: Sequence[Path]
) -> tuple[str, ...]:
    """Delete the files the last run wrote that this run did not: never an input, never outside."""
    try:
        before = (root / MANIFEST).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ()
    held = Inputs(documents=inputs)
    top = root.resolve()
    gone = []
    for rel in before:
        # only plain relative paths to site files; a tampered manifest cannot reach out
        if not rel or rel in files or not rel.endswith(SITE_SUFFIXES) or Path(rel).is_absolute():
            continue
        target = root / rel
        if ".." in Path(rel).parts or top not in target.resolve().parents:
            continue
        if held.holding(target) is not None:
            continue
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
            gone.append(rel)
    return tuple(gone)


def _refuse_inputs(root: Path, files: Mapping[str, bytes], inputs: Sequence[Path]) -> None:
    where = Location(str(root))
    out = root.resolve()
    for source in inputs:
        src = source.resolve()
        if src.is_dir() and (out == src or src in out.parents):
            raise KvtrackError(
                f"is inside the register directory {source}; choose an output directory outside it",
                where=where,
            )
        if out == src:
            raise KvtrackError("is the register itself; choose an output directory", where=where)
    if not out.is_dir():
        return
    held = Inputs(documents=inputs)
    for rel in [*files, MANIFEST]:
        target = root / rel
        input_file = held.holding(target)
        if input_file is not None:
            raise KvtrackError(
                f"would overwrite the input {input_file[0]}; choose another output directory",
                where=Location(str(target)),
            )
