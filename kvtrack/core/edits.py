"""What the edit commands may do to a commitment, decided on the model alone (no files, no printing).

Each function takes the current register and a request, checks the request, and returns the
commitment before and after; the store writes the difference. A request that does not hold is
refused with a KvtrackError that says what is wrong and what to do instead (the file is left
as it was).

History stays in date order, oldest first (the loader requires it): an entry dated before the
commitment's last one is inserted where its date puts it (after the entries of the same day). A
status change or a new due backfilled before a later status change or due is refused, because it
would not become the current status or due, which would surprise whoever ran the command.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from kvtrack.core.model import Commitment, HistoryEntry, Register, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError


@dataclass(frozen=True, slots=True)
class Change:
    """One commitment before and after an edit (with one history entry added, in date order)."""

    before: Commitment
    after: Commitment


def set_status(
    register: Register,
    commitment_id: str,
    status: Status,
    on: date,
    note: str | None = None,
    evidence: str | None = None,
) -> Change:
    """A status change (done, dropped, partial, reopened) with its dated history entry."""
    current = register.get(commitment_id)
    if current.status == status:
        raise KvtrackError(
            f"'{commitment_id}' is already {status.value}; to add to its history without changing "
            f"the status, use `kvtrack note {commitment_id} TEXT`"
        )
    entry = HistoryEntry(on, status=status, note=_text(note), evidence=_text(evidence))
    return _append(register, current, entry, status=status)


def reschedule(
    register: Register,
    commitment_id: str,
    due: Period,
    on: date,
    note: str | None = None,
    evidence: str | None = None,
) -> Change:
    """A new due for an open or partial commitment; its original `due` stays as promised."""
    current = register.get(commitment_id)
    if current.status.closed:
        raise KvtrackError(
            f"'{commitment_id}' is {current.status.value}, so it has no due to move; reopen it first "
            f"with `kvtrack update {commitment_id} --status open`"
        )
    if current.current_due == due:
        raise KvtrackError(f"'{commitment_id}' is already due {due}; nothing to reschedule")
    source = register.sources.get(current.source)
    if source is not None and source.answered is not None and due.end < source.answered:
        raise KvtrackError(
            f"the new due {due} ends on {due.end}, before the source '{source.id}' was answered "
            f"({source.answered}); a commitment cannot fall due before it was made"
        )
    entry = HistoryEntry(on, due=due, note=_text(note), evidence=_text(evidence))
    return _append(register, current, entry)


def add_note(
    register: Register, commitment_id: str, text: str, on: date, evidence: str | None = None
) -> Change:
    """A dated note, without a status change."""
    current = register.get(commitment_id)
    note = _text(text)
    if note is None:
        raise KvtrackError('the note is empty; write what happened, e.g. `kvtrack note ID "..."`')
    return _append(register, current, HistoryEntry(on, note=note, evidence=_text(evidence)))


def new_commitment(
    register: Register, commitment: Commitment, *, taken: Collection[str] | None = None
) -> Commitment:
    """Check a commitment to add: a new id, a known source, a title and a quote.

    `taken`: the ids in use, when known without the register's commitments (the store may give
    a register of the sources alone to a change that only appends)."""
    if not commitment.id.strip():
        raise KvtrackError(
            "--id is empty; give the commitment a short slug like groningen-cascadeplein"
        )
    ids = taken if taken is not None else {c.id for c in register.commitments}
    if commitment.id in ids:
        raise KvtrackError(
            f"a commitment with id '{commitment.id}' already exists; choose another id, or "
            f"record news about it with `kvtrack note {commitment.id} TEXT`"
        )
    if commitment.source not in register.sources:
        from difflib import get_close_matches

        close = get_close_matches(commitment.source, list(register.sources), n=1)
        known = ", ".join(register.sources) or "none yet"
        hint = f"did you mean '{close[0]}'?" if close else f"known sources: {known}"
        raise KvtrackError(
            f"unknown source '{commitment.source}'; {hint} (a source must be listed under "
            "`sources:` before commitments can cite it)"
        )
    if _text(commitment.title) is None:
        raise KvtrackError("--title is empty; give a short description in Dutch")
    if _text(commitment.quote) is None:
        raise KvtrackError(
            "--quote is required: every commitment quotes the sentence(s) of its source exactly "
            "(see docs/schema.md)"
        )
    return commitment


def _append(
    register: Register, current: Commitment, entry: HistoryEntry, status: Status | None = None
) -> Change:
    source = register.sources.get(current.source)
    if source is not None and source.answered is not None and entry.date < source.answered:
        raise KvtrackError(
            f"--on {entry.date} is before the source '{source.id}' was answered "
            f"({source.answered}); nothing can happen to '{current.id}' before it was promised"
        )
    history = current.history
    position = bisect_right([h.date for h in history], entry.date)
    later = history[position:]
    for what, clashes in (("status", entry.status), ("due", entry.due)):
        newer = [h for h in later if getattr(h, what) is not None]
        if clashes is not None and newer:
            raise KvtrackError(
                f"--on {entry.date} is before the entry of {newer[-1].date} that sets the {what} "
                f"of '{current.id}', so this {what} would not become the current one; use --on "
                f"{newer[-1].date} or later"
            )
    entries = (*history[:position], entry, *later)
    after = replace(current, history=entries, status=status or current.status)
    return Change(current, after)


def _text(value: str | None) -> str | None:
    """Optional free text: None when absent or blank, otherwise as given (surrounding space trimmed)."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
