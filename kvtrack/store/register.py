"""A store on disk → one register: a commitments file, or a directory of them.

A directory holds `*.yaml` and `*.yml` files, in subfolders too (hidden ones skipped), read in
sorted order and merged: ids are unique across the directory, a commitment may cite a source
defined in another file, and every problem names the file and line. Each file is validated on its
own and parsed once per change (the parse cache); what spans files is checked here, on every load.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from difflib import get_close_matches
from functools import partial
from pathlib import Path

from kvtrack.core.limits import MAX_INPUT_BYTES, MAX_STORE_ENTRIES
from kvtrack.core.model import Commitment, Register, Source
from kvtrack.errors import KvtrackError, Location, Problem, ValidationError
from kvtrack.store.file_text import open_regular, read_all
from kvtrack.store.gc_pause import no_gc
from kvtrack.store.loaded import Loaded, Locations, Part, PartError, Spread

SUFFIXES = (".yaml", ".yml")


def load(path: Path, *, max_bytes: int = MAX_INPUT_BYTES, open_only: bool = False) -> Loaded:
    """The register at `path`, a file or a directory; ValidationError lists every problem.

    Each file is read only if it is a regular file of at most `max_bytes`. `open_only` is for a
    read that shows open (and partial) commitments and nothing else: the register may then leave
    out the closed ones and the sources (a file found in the parse cache does), and is checked
    all the same (every id, every citation).
    """
    if path.is_dir():
        files = yaml_files(path)
        if not files:
            raise KvtrackError(
                "no *.yaml or *.yml files in this directory", where=Location(str(path))
            )
        standalone = False
    else:
        files, standalone = [path], True
    return merge_results(
        [
            partial(load_part, f, standalone=standalone, max_bytes=max_bytes, open_only=open_only)
            for f in files
        ],
        [str(f) for f in files],
    )


def parse_text(
    text: str, path: str = "<input>", *, sources_elsewhere: frozenset[str] | None = None
) -> Loaded:
    """Validate YAML text against the schema; raise ValidationError listing every problem.

    `sources_elsewhere`: the text is one file of a directory whose other files define these
    sources (so it may cite them, and need not have a `commitments:` list).
    """
    standalone = sources_elsewhere is None
    return merge_results(
        [lambda: _parse_part(text, path, standalone=standalone)],
        [path],
        sources_elsewhere=sources_elsewhere or frozenset(),
    )


def merge_results(
    readers: list[Callable[[], Part]],
    paths: list[str],
    *,
    sources_elsewhere: frozenset[str] = frozenset(),
) -> Loaded:
    """Read every file (each reader gives one Part) and merge them; raise every problem at once.

    `sources_elsewhere` are sources defined outside these files that they may cite.
    """
    parts: list[Part] = []
    problems: list[Problem] = []
    complete = True
    for read in readers:
        try:
            parts.append(read())
        except PartError as e:  # still check what was valid in it against the other files
            problems.extend(e.problems)
            parts.append(e.part)
        except ValidationError as e:
            problems.extend(e.problems)
            complete = False  # its sources are unknown: citations cannot be judged this time
    try:
        loaded = merge(parts, check_citations=complete, sources_elsewhere=sources_elsewhere)
    except ValidationError as e:
        problems.extend(e.problems)
    if problems:
        raise ValidationError(problems=_in_order(problems, paths))
    return loaded


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files under `directory`, sorted by their path relative to it; no hidden ones.

    Symbolic links to folders are not followed, and the walk gives up after MAX_STORE_ENTRIES
    entries: `--file /` is a mistake to report at once, not a walk of the whole file system.
    """
    found: list[tuple[str, Path]] = []
    seen = 0
    for root, dirs, names in os.walk(directory):
        seen += len(dirs) + len(names)
        if seen > MAX_STORE_ENTRIES:
            raise KvtrackError(
                f"more than {MAX_STORE_ENTRIES:,} files and folders in this directory; is it "
                "the register's? Pass --file the folder that holds the *.yaml files",
                where=Location(str(directory)),
            )
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.endswith(SUFFIXES) and not name.startswith("."):
                full = Path(root, name)
                found.append((full.relative_to(directory).as_posix(), full))
    return [full for _, full in sorted(found)]


def load_part(
    path: Path,
    *,
    standalone: bool = True,
    max_bytes: int = MAX_INPUT_BYTES,
    open_only: bool = False,
) -> Part:
    """One file's Part, from the parse cache when the file's bytes are the ones cached (its open
    commitments only, and no sources, when `open_only`: see `load`).

    The file is opened once, checked (a regular file of at most `max_bytes`) and hashed in
    blocks, so a hit never holds its bytes in memory; on a miss the same open file is read.
    """
    from kvtrack.store import cache

    name = str(path)
    with open_regular(path, max_bytes) as f:
        with no_gc():
            part = cache.lookup(path, cache.file_digest(f), standalone, open_only=open_only)
        if part is not None:
            return part if part.path == name else relocate(part, name)
        f.seek(0)
        data = read_all(f, path, max_bytes)
    sha256 = cache.digest(data)
    part = _parse_part(data, name, standalone=standalone)
    del data  # a big file's bytes need not stay while the register is written to the cache
    cache.store(path, sha256, standalone, part)
    return part


def relocate(part: Part, path: str) -> Part:
    """The same part read through another path (a cached file named differently this time)."""
    return Part(
        path,
        part.sources,
        part.commitments,
        part.source_at.moved(path),
        part.commitment_at.moved(path),
        [(s, Location(path, w.line, w.col)) for s, w in part.foreign],
        pieces=part.pieces,
        complete=part.complete,
    )


def merge(
    parts: list[Part],
    *,
    check_citations: bool = True,
    sources_elsewhere: frozenset[str] = frozenset(),
) -> Loaded:
    """One register from the parts, checking what spans files: ids and cited sources."""
    paths = [Path(p.path) for p in parts]
    if len(parts) == 1 and all(s in sources_elsewhere for s, _ in parts[0].foreign):
        # one valid file: nothing to merge or check
        p = parts[0]
        return Loaded(Register(p.sources, p.commitments), paths, p.commitment_at, p.source_at)
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    commitments: list[Commitment] = []
    source_at: dict[str, Locations] = {}  # id → the Locations of the file that defines it
    commitment_at: dict[str, Locations] = {}
    for part in parts:
        # Every id of the file, also those of what a read left out (see Part.complete).
        source_ids = part.sources if part.complete else part.source_at
        for sid in source_ids:
            if sid in source_at:
                problems.append(_duplicate("source", sid, source_at[sid][sid], part.source_at[sid]))
                continue
            source_at[sid] = part.source_at
        sources.update(part.sources)
        ids = (c.id for c in part.commitments) if part.complete else part.commitment_at
        for cid in ids:
            if cid in commitment_at:
                first = commitment_at[cid][cid]
                problems.append(_duplicate("commitment", cid, first, part.commitment_at[cid]))
                continue
            commitment_at[cid] = part.commitment_at
        commitments.extend(part.commitments)
    for part in parts if check_citations else ():
        for sid, where in part.foreign:
            if sid not in source_at and sid not in sources_elsewhere:
                close = get_close_matches(sid, list(source_at), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "add it under `sources:` first"
                problems.append(Problem(f"commitment cites unknown source '{sid}'; {hint}", where))
    if problems:
        raise ValidationError(problems=problems)
    register = Register(sources, tuple(commitments))
    return Loaded(register, paths, Spread(commitment_at), Spread(source_at))


def _in_order(problems: list[Problem], paths: list[str]) -> list[Problem]:
    """Problems by file (in reading order), then line and column."""
    order = {path: i for i, path in enumerate(paths)}
    return sorted(
        problems,
        key=lambda p: (order.get(p.where.path or "", 0), p.where.line or 0, p.where.col or 0),
    )


def _duplicate(kind: str, ident: str, first: Location, again: Location) -> Problem:
    seen = f"line {first.line}" if first.path == again.path else f"{first.path}:{first.line}"
    return Problem(f"duplicate {kind} id '{ident}' (first at {seen}); ids must be unique", again)


def _parse_part(text: str | bytes, path: str, *, standalone: bool) -> Part:
    # Imported on use: a register found in the parse cache never loads the YAML parser.
    from kvtrack.store import reader

    return reader.parse_part(text, path, standalone=standalone)
