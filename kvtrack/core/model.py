"""The register's data: sources, commitments and their history. Frozen dataclasses, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kvtrack.core.period import Period
from kvtrack.core.schema import SOURCE_KINDS, STATUS_ALIASES
from kvtrack.errors import KvtrackError


class Status(StrEnum):
    """What the cabinet did with a promise, as recorded by the user."""

    OPEN = "open"
    PARTIAL = "partial"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def parse(cls, text: object) -> Status:
        """English names and the Dutch register words (openstaand, deels voldaan, voldaan, vervallen)."""
        key = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return cls(STATUS_ALIASES.get(key, key))
        except ValueError:
            from kvtrack.core.suggest import did_you_mean

            words = ", ".join(s.value for s in cls)
            hint = did_you_mean(key, [*(s.value for s in cls), *STATUS_ALIASES])
            raise KvtrackError(
                f"unknown status '{text}'; use one of {words} "
                f"(or openstaand, deels voldaan, voldaan, vervallen){hint}"
            ) from None

    @property
    def closed(self) -> bool:
        return self in (Status.DONE, Status.DROPPED)


@dataclass(frozen=True, slots=True)
class Source:
    """A document in which the cabinet made commitments (usually an answer to Kamervragen)."""

    id: str
    kind: str = SOURCE_KINDS[0]
    title: str | None = None
    asked_by: str | None = None
    answered_by: str | None = None
    submitted: date | None = None
    answered: date | None = None
    identifiers: dict[str, str | None] = field(default_factory=dict)
    file: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """Something that happened to a commitment: a reschedule (`due`), a status change, or a note."""

    date: date
    status: Status | None = None
    due: Period | None = None
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """One promise with a time frame, quoted exactly from its source."""

    id: str
    title: str
    source: str
    quote: str
    answer: tuple[int, ...] = ()
    due: Period | None = None
    due_text: str | None = None
    owner: str | None = None
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: Status = Status.OPEN
    history: tuple[HistoryEntry, ...] = ()
    cue: str | None = None  # why an extractor proposed it; free text
    # Official numbers of the promise itself, e.g. the Tweede Kamer's register entry it mirrors:
    # {"toezegging": "TZ202504-057", "toezegging_id": "<its Gegevensmagazijn id>"}.
    identifiers: dict[str, str] = field(default_factory=dict)

    @property
    def current_due(self) -> Period | None:
        """The due of the last history entry that has one, else the original `due`."""
        for entry in reversed(self.history):
            if entry.due is not None:
                return entry.due
        return self.due

    @property
    def rescheduled(self) -> bool:
        return rescheduled(self.due, self.current_due)

    @property
    def slip_days(self) -> int | None:
        """Days the deadline moved (end of current due minus end of original due); None if undated."""
        return slip_days(self.due, self.current_due)

    @property
    def closed_on(self) -> date | None:
        """Date of the last history entry that set the current (closed) status, if any."""
        if not self.status.closed:
            return None
        for entry in reversed(self.history):
            if entry.status == self.status:
                return entry.date
        return None


def rescheduled(due: Period | None, current: Period | None) -> bool:
    """Whether a commitment's current due differs from its original `due` (for a caller that
    already has the current due: `Commitment.rescheduled` looks it up in the history)."""
    return current is not due and current != due


def slip_days(due: Period | None, current: Period | None) -> int | None:
    """Days from the end of `due` to the end of the current due; None if either is undated."""
    if due is None or current is None:
        return None
    return (current.end - due.end).days


@dataclass(frozen=True, slots=True)
class Register:
    """Everything in a commitments file (or directory of files)."""

    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]

    def get(self, commitment_id: str) -> Commitment:
        for c in self.commitments:
            if c.id == commitment_id:
                return c
        raise unknown_commitment(commitment_id, [c.id for c in self.commitments])


def unknown_commitment(commitment_id: str, ids: Iterable[str]) -> KvtrackError:
    """The error for an id that is not among `ids` (with the closest one, if any is close)."""
    from difflib import get_close_matches

    close = get_close_matches(commitment_id, list(ids), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; `kvtrack list` shows the ids"
    return KvtrackError(f"no commitment with id '{commitment_id}'{hint}")
