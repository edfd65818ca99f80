"""Records against a register: what an import adds, updates, leaves alone or skips.

Pure: the same records against the same register always give the same plan, and a register that
already holds what the records say gives a plan that changes nothing (re-imports are idempotent).
A commitment is matched to its record by the Gegevensmagazijn id kept in its `identifiers`
(`toezegging_id`), else by its register number (`toezegging`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from kvtrack.core.model import Commitment, HistoryEntry, Register, Source, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError, Problem
from kvtrack.official.mapping import STATUS_WORDS, Mapped, changed_day, map_record, short_title
from kvtrack.official.records import Toezegging

# What earlier imports wrote in the history notes; said_status/said_due read them back.
STATUS_NOTE = "status in het register"
DUE_NOTE = "datum nakoming in het register"
DELETED_NOTE = "verwijderd uit het register"


@dataclass(frozen=True, slots=True)
class Update:
    """A commitment the register changed: before, after, and what changed."""

    before: Commitment
    after: Commitment
    what: tuple[str, ...]  # "status", "due", "text", "owner", "deleted"


@dataclass(frozen=True, slots=True)
class Plan:
    sources: tuple[Source, ...]  # sources to add, in the order first cited
    added: tuple[Commitment, ...]
    updated: tuple[Update, ...]
    unchanged: int
    skipped: int  # deleted entities never imported, and records older than --since
    warnings: tuple[str, ...]

    @property
    def changes_nothing(self) -> bool:
        return not (self.sources or self.added or self.updated)


def plan_import(
    register: Register,
    records: Iterable[Toezegging],
    *,
    today: date,
    since: date | None = None,
) -> Plan:
    """The plan for importing `records` into `register`; KvtrackError listing every bad record."""
    builder = _Builder(register, today)
    problems: list[Problem] = []
    for record in _latest(records):
        day = changed_day(record)
        if since is not None and day is not None and day < since:
            builder.skipped += 1
            continue
        try:
            builder.take(record)
        except KvtrackError as e:
            problems.extend(e.problems)
    if problems:
        raise KvtrackError(problems=problems)
    return builder.plan()


def _latest(records: Iterable[Toezegging]) -> list[Toezegging]:
    """Each entity once, as its last appearance says (a feed lists an entity again when it changes)."""
    latest: dict[str, Toezegging] = {}
    for record in records:
        latest.pop(record.id, None)
        latest[record.id] = record
    return list(latest.values())


class _Builder:
    def __init__(self, register: Register, today: date) -> None:
        self.today = today
        self.known_sources = set(register.sources)
        self.taken = {c.id for c in register.commitments}
        self.by_key: dict[str, Commitment] = {}
        for c in register.commitments:
            for key in (c.identifiers.get("toezegging_id"), c.identifiers.get("toezegging")):
                if key:
                    self.by_key.setdefault(key, c)
        self.sources: list[Source] = []
        self.added: list[Commitment] = []
        self.updated: list[Update] = []
        self.unchanged = 0
        self.skipped = 0
        self.warnings: list[str] = []

    def take(self, record: Toezegging) -> None:
        existing = self.by_key.get(record.id) or (
            self.by_key.get(record.nummer) if record.nummer else None
        )
        if record.deleted:
            self._deleted(record, existing)
            return
        mapped = map_record(record, self.today)
        if existing is None:
            self.warnings.extend(mapped.warnings)
            self._add(mapped)
            return
        update = updated(existing, mapped, record, self.today)
        if update is None:  # said before, when it was added: a nightly run stays quiet
            self.unchanged += 1
        else:
            self.warnings.extend(mapped.warnings)
            self._update(update)

    def _add(self, mapped: Mapped) -> None:
        commitment = mapped.commitment
        if commitment.id in self.taken:  # a hand-made commitment with the same slug
            commitment = replace(commitment, id=_free(commitment.id, self.taken))
        self.taken.add(commitment.id)
        if mapped.source.id not in self.known_sources:
            self.known_sources.add(mapped.source.id)
            self.sources.append(mapped.source)
        self.added.append(commitment)
        for key in commitment.identifiers.values():
            self.by_key[key] = commitment

    def _update(self, update: Update) -> None:
        if any(c is update.before for c in self.added):  # twice in one import: fold into the add
            self.added = [update.after if c is update.before else c for c in self.added]
        else:
            earlier = next((u for u in self.updated if u.after is update.before), None)
            if earlier is not None:  # twice in one import: one update from the file's version
                self.updated.remove(earlier)
                update = Update(earlier.before, update.after, (*earlier.what, *update.what))
            self.updated.append(update)
        for key in update.after.identifiers.values():
            self.by_key[key] = update.after

    def _deleted(self, record: Toezegging, existing: Commitment | None) -> None:
        if existing is None:
            self.skipped += 1
            return
        if _said_deleted(existing):
            self.unchanged += 1
            return
        entry = HistoryEntry(
            date=_entry_day(existing, changed_day(record) or self.today),
            status=Status.DROPPED,
            note=DELETED_NOTE,
        )
        after = replace(existing, status=Status.DROPPED, history=(*existing.history, entry))
        self._update(Update(existing, after, ("deleted",)))

    def plan(self) -> Plan:
        return Plan(
            tuple(self.sources),
            tuple(self.added),
            tuple(self.updated),
            self.unchanged,
            self.skipped,
            tuple(self.warnings),
        )


def updated(before: Commitment, mapped: Mapped, record: Toezegging, today: date) -> Update | None:
    """What the register changed since it was last read into `before` (status, date, text,
    ministry), as one dated history entry; None when it says what it said before.

    Status and date are compared with what the register said last (the notes of earlier imports),
    not with the commitment as it is: a status or a reschedule a person recorded stays until the
    register itself changes.
    """
    fresh = mapped.commitment
    what: list[str] = []
    notes: list[str] = []
    after = before
    status = None
    if fresh.status is not said_status(before):
        status = fresh.status
        after = replace(after, status=status)
        what.append("status")
        notes.append(f"{STATUS_NOTE}: {record.status or 'leeg'}")
    due_changed = fresh.due != said_due(before)
    if due_changed:
        what.append("due")
        notes.append(f"{DUE_NOTE}: {fresh.due or 'geen'}")
    if fresh.quote != before.quote:
        after = replace(after, quote=fresh.quote)
        if before.title == short_title(before.quote):  # a title the import made, not a person
            after = replace(after, title=fresh.title)
        what.append("text")
        notes.append("tekst in het register gewijzigd")
    if fresh.owner != before.owner and fresh.owner is not None:
        after = replace(after, owner=fresh.owner)
        what.append("owner")
        notes.append(f"ministerie in het register: {fresh.owner}")
    if not what:
        return None
    entry = HistoryEntry(
        date=_entry_day(before, changed_day(record) or today),
        status=status,
        due=fresh.due if due_changed else None,  # a date removed is only noted: due stays
        note="; ".join(notes),
        evidence=record.kamerbrief_nakoming if status is not None else None,
    )
    return Update(before, replace(after, history=(*before.history, entry)), tuple(what))


def said_status(c: Commitment) -> Status:
    """The status the register gave when last imported: from the latest note that says it, else
    open (an import gives a commitment that is not open a note saying so)."""
    for part in _notes_newest_first(c):
        if part == DELETED_NOTE:
            return Status.DROPPED
        if part.startswith(f"{STATUS_NOTE}: "):
            word = part.removeprefix(f"{STATUS_NOTE}: ")
            return STATUS_WORDS.get(" ".join(word.split()).casefold(), Status.OPEN)
    return Status.OPEN


def said_due(c: Commitment) -> Period | None:
    """The date the register gave when last imported: from the latest note, else the original due."""
    for part in _notes_newest_first(c):
        if part.startswith(f"{DUE_NOTE}: "):
            text = part.removeprefix(f"{DUE_NOTE}: ")
            try:
                return None if text == "geen" else Period.parse(text)
            except KvtrackError:
                return c.due
    return c.due


def _said_deleted(c: Commitment) -> bool:
    """Whether the register's last word on `c` was that it deleted the record."""
    for part in _notes_newest_first(c):
        if part == DELETED_NOTE:
            return True
        if part.startswith(f"{STATUS_NOTE}: "):
            return False
    return False


def _notes_newest_first(c: Commitment) -> Iterator[str]:
    for entry in reversed(c.history):
        yield from reversed((entry.note or "").split("; "))


def _entry_day(c: Commitment, wanted: date) -> date:
    """History stays oldest first: never before the commitment's last entry."""
    last = max((e.date for e in c.history), default=wanted)
    return max(wanted, last)


def _free(wanted: str, taken: set[str]) -> str:
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"
