"""The edit commands' library calls: decide on the register (core.edits), write through `edit()`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kvtrack.core.edits import Change, new_commitment
from kvtrack.core.model import Commitment, Register
from kvtrack.store.write import Document, edit


def record(
    path: Path, decide: Callable[[Register], Change], *, timeout: float | None = None
) -> Change:
    """Apply the change `decide` makes to one commitment (a status, a due, a note) to the file.

    `decide` runs on the register as it is on disk under the lock, so it sees every earlier edit.
    """

    def change(doc: Document) -> Change:
        result = decide(doc.register)
        doc.update_commitment(result.before, result.after)
        return result

    return edit(path, change, timeout=timeout)


def add_commitment(
    path: Path, commitment: Commitment, *, timeout: float | None = None
) -> Commitment:
    """Append a new commitment after checking its id and source."""

    def change(doc: Document) -> Commitment:
        doc.append_commitment(new_commitment(doc.register, commitment))
        return commitment

    return edit(path, change, timeout=timeout)
