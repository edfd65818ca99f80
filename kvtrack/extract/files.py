"""Answer documents in a batch: files, directories and standard input read (each bounded), their
text extracted, and one result per document, so one bad file is reported without stopping the
others. Source and commitment ids are unique across the batch.

`extract_documents(paths)` is the library entry point (`kvtrack extract` and `kvtrack fetch` both
call it); `extract_bytes(data, name)` reads one document held in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from kvtrack.core.extraction import DocumentResult, Extraction
from kvtrack.core.limits import MAX_INPUT_BYTES
from kvtrack.errors import KvtrackError, Location
from kvtrack.extract.extractor import AnswerProgress, extract_document, with_source_id
from kvtrack.extract.readers import (
    SUFFIXES,
    decode_text,
    document_text,
    metadata_clues,
    read_bounded,
    read_file,
)

STDIN = "-"


def extract_bytes(
    data: bytes,
    name: str | None = None,
    on_answer: AnswerProgress | None = None,
    *,
    today: date | None = None,
) -> Extraction:
    """One document held in memory (a download, an upload): its format told by its bytes and
    `name`. KvtrackError, located at `name`, when it cannot be read or has no answers.
    `on_answer(done, total)` is called before each answer block (progress inside a big file).
    Without an answer date in the text, its metadata and then `name` are asked (answer_date.py;
    `today`: the latest date taken, default today in Amsterdam)."""
    where = Location(name or "<stdin>")
    try:
        return extract_document(
            document_text(data, name or ""),
            name,
            on_answer,
            metadata=lambda: metadata_clues(data, name or ""),
            today=today,
        )
    except KvtrackError as error:
        raise error.located(where) from None


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Paths with each directory replaced by the documents in it (recursively, in name order)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) != STDIN and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith(".")
            )
            out.extend(found or [path])  # an empty directory is reported as such
        else:
            out.append(path)
    return out


def extract_documents(
    paths: Sequence[Path | str],
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    stdin: BinaryIO | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    on_answer: AnswerProgress | None = None,
    today: date | None = None,
) -> list[DocumentResult]:
    """Each document of `paths` (files, directories, "-" for standard input), read and extracted:
    one result per document, in order, with its extraction or its problems. Ids are unique across
    the batch. `on_result` is called after each document and `on_answer` inside each (see
    `extract_bytes`): a progress bar."""
    results: list[DocumentResult] = []
    for path in expand(paths):
        name = str(path)
        try:
            if name == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                try:
                    data = read_bounded(stream, max_bytes)
                except KvtrackError as error:
                    raise error.located(Location("<stdin>")) from None
                extraction = extract_bytes(data, None, on_answer, today=today)
            else:
                data = read_file(path, max_bytes)
                extraction = extract_bytes(data, name, on_answer, today=today)
            result = DocumentResult(name, extraction)
        except KvtrackError as error:
            result = DocumentResult(name, None, tuple(error.problems))
        results.append(result)
        if on_result is not None:
            on_result(result)
    return unique_ids(results)


def unique_ids(results: list[DocumentResult]) -> list[DocumentResult]:
    """Two documents on the same subject in the same year would share a source id: number them."""
    sources: set[str] = set()
    commitments: set[str] = set()
    out: list[DocumentResult] = []
    for result in results:
        extraction = result.extraction
        if extraction is None:
            out.append(result)
            continue
        source_id = extraction.source.id
        n = 2
        while source_id in sources:
            source_id = f"{extraction.source.id}-{n}"
            n += 1
        sources.add(source_id)
        renamed = with_source_id(extraction, source_id, commitments)
        out.append(DocumentResult(result.name, renamed, result.problems))
    return out


def decode_answer(data: bytes, where: Location | None = None) -> str:
    """Bytes of a plain-text answer as text (the bench and tests read the corpus this way)."""
    try:
        return decode_text(data)
    except KvtrackError as error:
        raise error.located(where or Location()) from None
