"""`extract --append`: add extracted candidates to the commitments file through the one safe-write
path (kvtrack.store.write.edit: lock, validation before and after, comments kept, atomic replace).

A CLI service, not part of store/: it joins what extract/ proposes to what store/ writes, and the
layers below the CLI never import each other.

A document already in the file (same publication id, same file, or the same answer date and members)
keeps its source; otherwise the source is added. A candidate already present (same source, an
overlapping answer number, and its quote the same as, or part of, a commitment's quote) is skipped.
New ids are made unique against the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kvtrack.core.extraction import Extraction
from kvtrack.core.model import Commitment, Register, Source
from kvtrack.extract.extractor import with_source_id
from kvtrack.store.write import Document, edit


@dataclass(frozen=True, slots=True)
class Appended:
    """What happened to one document's candidates."""

    document: str
    source_id: str
    source_added: bool
    added: tuple[str, ...]  # ids of the commitments written
    skipped: int  # candidates already in the file


def append_extractions(
    path: Path, extractions: Sequence[Extraction], *, timeout: float | None = None
) -> list[Appended]:
    def change(doc: Document) -> list[Appended]:
        # Decided afresh from the register on disk each time edit() runs this.
        register = doc.register
        source_ids = set(register.sources)
        commitment_ids = {c.id for c in register.commitments}
        known = list(register.commitments)
        results: list[Appended] = []
        for extraction in extractions:
            existing = same_document(register, extraction.source)
            if existing is None:
                source_id = _free_id(extraction.source.id, source_ids)
                source_ids.add(source_id)
            else:
                source_id = existing.id
            renamed = with_source_id(extraction, source_id, set(commitment_ids))
            if existing is None:
                doc.add_source(renamed.source)
            added: list[str] = []
            skipped = 0
            for candidate in renamed.commitments:
                if any(already_present(candidate, c) for c in known):
                    skipped += 1
                    continue
                doc.append_commitment(candidate)
                commitment_ids.add(candidate.id)
                known.append(candidate)
                added.append(candidate.id)
            results.append(
                Appended(
                    extraction.source.file or extraction.source.id,
                    source_id,
                    existing is None,
                    tuple(added),
                    skipped,
                )
            )
        return results

    return edit(path, change, timeout=timeout)


def same_document(register: Register, source: Source) -> Source | None:
    """The source in the register that is this document, if any."""
    for existing in register.sources.values():
        publication = source.identifiers.get("publication")
        if publication and existing.identifiers.get("publication") == publication:
            return existing
        if source.file and existing.file and Path(existing.file) == Path(source.file):
            return existing
        if (
            source.answered is not None
            and (existing.answered, existing.submitted) == (source.answered, source.submitted)
            and _norm(existing.asked_by) == _norm(source.asked_by)
        ):
            return existing
    return None


def already_present(candidate: Commitment, existing: Commitment) -> bool:
    if existing.source != candidate.source:
        return False
    if existing.answer and candidate.answer and not set(existing.answer) & set(candidate.answer):
        return False
    return _norm(candidate.quote) in _norm(existing.quote)


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").split()).casefold()


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
