"""The edit commands' library calls: decide on the register (core.edits), write through `edit()`.

`path` is a commitments file or a directory store. In a directory an edit goes to the file that
holds the commitment, and a new commitment to the file that defines its source; that file is then
validated as part of the directory (it may cite sources its sibling files define). A new commitment
is checked against the whole directory (its id must be new in every file), so `add` holds a
directory-wide lock from that check until the write: of two `add`s of one id into different files,
one succeeds and the other is refused.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from kvtrack.core.edits import Change, new_commitment
from kvtrack.core.model import Commitment, Register
from kvtrack.errors import Location, ValidationError
from kvtrack.store.loaded import Loaded
from kvtrack.store.lock import locked
from kvtrack.store.write import Document, edit

Say = Callable[[str], None]


def record(
    path: Path,
    decide: Callable[[Register], Change],
    *,
    timeout: float | None = None,
    dry_run: Say | None = None,
    warn: Say | None = None,
    commitment_id: str | None = None,
) -> Change:
    """Apply the change `decide` makes to one commitment (a status, a due, a note) to the file.

    `decide` runs on the register as it is on disk under the lock, so it sees every earlier edit.
    `dry_run` gets the diff instead of the file being written; `warn` what the user should know.
    `commitment_id`, the id `decide` looks up: an unknown one is refused without building the
    register when the parse cache knows the file.
    """
    target, elsewhere = path, None
    if path.is_dir():
        loaded = _directory(path)
        changed = decide(loaded.register).before.id  # the usual refusals, with "did you mean"
        target, elsewhere = _file_of(loaded, loaded.commitment_at[changed])

    def change(doc: Document) -> Change:
        result = decide(doc.register)
        doc.update_commitment(result.before, result.after)
        return result

    return edit(
        target,
        change,
        timeout=timeout,
        sources_elsewhere=elsewhere,
        dry_run=dry_run,
        warn=warn,
        commitment_id=commitment_id,
    )


def add_commitment(
    path: Path,
    commitment: Commitment,
    *,
    timeout: float | None = None,
    dry_run: Say | None = None,
    warn: Say | None = None,
) -> Commitment:
    """Append a new commitment after checking its id and source."""
    target, elsewhere = path, None
    whole = locked(path, timeout) if path.is_dir() else contextlib.nullcontext()
    with whole:
        if path.is_dir():
            loaded = _directory(path)
            new_commitment(loaded.register, commitment)  # id unused, source known: directory-wide
            target, elsewhere = _file_of(loaded, loaded.source_at[commitment.source])

        def change(doc: Document) -> Commitment:
            checked = new_commitment(doc.register, commitment, taken=doc.commitment_ids)
            doc.append_commitment(checked)
            return commitment

        return edit(
            target,
            change,
            timeout=timeout,
            sources_elsewhere=elsewhere,
            dry_run=dry_run,
            warn=warn,
            appends=True,
        )


def _directory(path: Path) -> Loaded:
    from kvtrack.store.register import load

    try:
        return load(path)
    except ValidationError as e:
        from kvtrack.store.write import not_editable

        raise not_editable("directory", path, e) from None


def _file_of(loaded: Loaded, where: Location) -> tuple[Path, frozenset[str]]:
    """The file at `where`, and the sources the directory's other files define."""
    file = str(where.path)
    return Path(file), frozenset(s for s, at in loaded.source_at.items() if at.path != file)
