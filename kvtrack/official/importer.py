"""`import toezeggingen`: write an import plan through the store's one safe-write path
(kvtrack.store.write.edit: lock, validation before and after, comments kept, atomic replace).

Into a file, the plan is decided again from the file as it is under the lock, so a re-import
after someone else's edit sees that edit. Into a directory store, each debate's new commitments
go, with the debate's source, into one file per month, `toezeggingen/YYYY-MM.yaml` (the month of
the register number, TZ202504-057 → 2025-04); a commitment of a debate already in the directory
goes to the file that defines that debate, and an update to the file that holds the commitment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kvtrack.core.model import Commitment, Source
from kvtrack.errors import KvtrackError, Location, ValidationError
from kvtrack.official.reconcile import Plan, Update, plan_import
from kvtrack.official.records import Toezegging

if TYPE_CHECKING:
    from kvtrack.store.write import Document

HEADER = (
    "# Imported by `kvtrack import toezeggingen` from the Tweede Kamer's Toezegging register.\n"
    "# Schema: docs/schema.md. Later imports update these entries with dated history.\n"
)
MONTH_FOLDER = "toezeggingen"
_MONTH = re.compile(r"^tz(\d{4})(\d{2})", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Imported:
    plan: Plan
    files: tuple[Path, ...]  # the files written (none when nothing changed)


def import_records(
    path: Path,
    records: Sequence[Toezegging],
    *,
    today: date,
    since: date | None = None,
    timeout: float | None = None,
) -> Imported:
    """Import into the commitments file (created when missing) or directory store at `path`."""
    if path.is_dir():
        return _into_directory(path, records, today, since, timeout)
    from kvtrack.store.register import load

    if not path.exists():
        from kvtrack.core.model import Register

        plan = plan_import(Register({}, ()), records, today=today, since=since)
        if plan.changes_nothing:
            return Imported(plan, ())
        write_new(path, plan.sources, plan.added, timeout=timeout)
        return Imported(plan, (path,))
    try:
        register = load(path).register
    except ValidationError as e:
        from kvtrack.store.write import not_editable

        raise not_editable("file", path, e) from None
    plan = plan_import(register, records, today=today, since=since)
    if plan.changes_nothing:
        return Imported(plan, ())
    return Imported(_edit(path, records, today, since, timeout), (path,))


def _edit(
    path: Path,
    records: Sequence[Toezegging],
    today: date,
    since: date | None,
    timeout: float | None,
) -> Plan:
    from kvtrack.store.write import edit

    def change(doc: Document) -> Plan:
        plan = plan_import(doc.register, records, today=today, since=since)
        _apply(doc, plan.sources, plan.added, plan.updated)
        return plan

    return edit(path, change, timeout=timeout)


def _apply(
    doc: Document, sources: Sequence[Source], added: Sequence[Commitment], updated: Sequence[Update]
) -> None:
    for source in sources:
        doc.add_source(source)
    for commitment in added:
        doc.append_commitment(commitment)
    for update in updated:
        doc.update_commitment(update.before, update.after)


def write_new(
    path: Path,
    sources: Sequence[Source],
    added: Sequence[Commitment],
    *,
    sources_elsewhere: frozenset[str] | None = None,
    timeout: float | None = None,
) -> None:
    """A file the import creates: written whole by the project's YAML writer (a round-trip editor
    is for keeping what a person wrote, and a new file holds nothing yet), validated and read
    back before it is put in place atomically, under the lock; refused if the file appeared."""
    from kvtrack.core.schema import SCHEMA_VERSION
    from kvtrack.render.yaml_out import dump, plain_commitment, plain_source
    from kvtrack.store.atomic import replace_text
    from kvtrack.store.lock import locked
    from kvtrack.store.register import parse_text

    text = HEADER + dump(
        {
            "version": SCHEMA_VERSION,
            "sources": [plain_source(s) for s in sources],
            "commitments": [_bare_days(plain_commitment(c)) for c in added],
        }
    )
    written = parse_text(text, str(path), sources_elsewhere=sources_elsewhere).register
    if written.commitments != tuple(added):  # never write what was not meant
        raise KvtrackError(
            "refused: the import did not come out as intended when written as YAML, so nothing "
            "was written; please report this",
            where=Location(str(path)),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path, timeout):
        if path.exists():
            raise KvtrackError(
                "the file appeared while kvtrack was importing; run the import again",
                where=Location(str(path)),
            )
        replace_text(path, text)


@dataclass
class _FileWork:
    sources: list[Source]
    added: list[Commitment]
    updated: list[Update]


def _into_directory(
    directory: Path,
    records: Sequence[Toezegging],
    today: date,
    since: date | None,
    timeout: float | None,
) -> Imported:
    from kvtrack.store.register import load
    from kvtrack.store.write import edit, not_editable

    try:
        loaded = load(directory)
    except ValidationError as e:
        raise not_editable("directory", directory, e) from None
    plan = plan_import(loaded.register, records, today=today, since=since)
    work: dict[Path, _FileWork] = {}

    def at(file: Path) -> _FileWork:
        return work.setdefault(file, _FileWork([], [], []))

    source_file: dict[str, Path] = {s: Path(str(w.path)) for s, w in loaded.source_at.items()}
    new_sources = {s.id: s for s in plan.sources}
    for commitment in plan.added:
        if commitment.source not in source_file:
            file = directory / MONTH_FOLDER / f"{_month(commitment)}.yaml"
            source_file[commitment.source] = file
            at(file).sources.append(new_sources[commitment.source])
        at(source_file[commitment.source]).added.append(commitment)
    for update in plan.updated:
        at(Path(str(loaded.commitment_at[update.before.id].path))).updated.append(update)
    all_sources = set(loaded.register.sources) | set(new_sources)
    written: list[Path] = []
    for file, todo in sorted(work.items()):
        here = {s for s, f in source_file.items() if f == file}
        elsewhere = frozenset(all_sources - here)

        def change(doc: Document, todo: _FileWork = todo) -> None:
            _apply(doc, todo.sources, todo.added, todo.updated)

        if file.exists():
            edit(file, change, timeout=timeout, sources_elsewhere=elsewhere)
        else:
            write_new(file, todo.sources, todo.added, sources_elsewhere=elsewhere, timeout=timeout)
        written.append(file)
    return Imported(plan, tuple(written))


def _bare_days(item: dict[str, Any]) -> dict[str, Any]:
    """Day periods as dates, so the YAML writer leaves them unquoted as people write them."""
    for entry in (item, *item["history"]):
        if isinstance(entry.get("due"), str) and _DAY.match(entry["due"]):
            entry["due"] = date.fromisoformat(entry["due"])
    return item


def _month(commitment: Commitment) -> str:
    match = _MONTH.match(commitment.identifiers.get("toezegging", ""))
    return f"{match.group(1)}-{match.group(2)}" if match else "zonder-maand"
