"""Answer documents from disk: read as text (with a clear error for what is not text), extracted in
a batch whose source and commitment ids are unique across the batch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kvtrack.errors import KvtrackError, Location, Problem
from kvtrack.extract.extractor import Extraction, extract_document, with_source_id


def read_answer_text(path: Path) -> str:
    """The document's text; KvtrackError naming the path when it cannot be read as text."""
    where = Location(str(path))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KvtrackError("no such file", where=where) from None
    except IsADirectoryError:
        raise KvtrackError("is a directory, not an answer document", where=where) from None
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=where) from None
    return decode_answer(data, where)


def decode_answer(data: bytes, where: Location) -> str:
    if data.startswith(b"%PDF"):
        raise KvtrackError(
            "is a PDF; extract reads plain text, so convert it first "
            "(e.g. `pdftotext -enc UTF-8 FILE.pdf FILE.txt`)",
            where=where,
        )
    if data.startswith(b"PK\x03\x04"):
        raise KvtrackError(
            "is a zip or .docx file; save it as plain text (or Markdown) first", where=where
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise KvtrackError("is not a text file (it contains NUL bytes)", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Converters on Windows write cp1252; every byte decodes, so the text is never lost.
        return data.decode("cp1252", errors="replace")


def extract_texts(documents: Sequence[tuple[str | None, str]]) -> list[Extraction]:
    """Extract (name, text) pairs; every document's problem is reported, each naming its file."""
    extractions: list[Extraction] = []
    problems: list[Problem] = []
    for name, text in documents:
        try:
            extractions.append(extract_document(text, name))
        except KvtrackError as error:
            problems.extend(error.located(Location(name or "<stdin>")).problems)
    if problems:
        raise KvtrackError(problems=problems)
    return unique_ids(extractions)


def extract_files(paths: Sequence[Path]) -> list[Extraction]:
    texts: list[tuple[str | None, str]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            texts.append((str(path), read_answer_text(path)))
        except KvtrackError as error:
            problems.extend(error.problems)
    try:
        extractions = extract_texts(texts)
    except KvtrackError as error:
        problems.extend(error.problems)
    if problems:
        raise KvtrackError(problems=problems)
    return extractions


def unique_ids(extractions: list[Extraction]) -> list[Extraction]:
    """Two documents on the same subject in the same year would share a source id: number them."""
    sources: set[str] = set()
    commitments: set[str] = set()
    out: list[Extraction] = []
    for extraction in extractions:
        source_id = extraction.source.id
        n = 2
        while source_id in sources:
            source_id = f"{extraction.source.id}-{n}"
            n += 1
        sources.add(source_id)
        out.append(with_source_id(extraction, source_id, commitments))
    return out
