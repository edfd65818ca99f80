"""One real answer per layout of the corpus, read the way a user's copy would be, and the negatives.

The documents are public government texts copied from the corpus's development part into
tests/data/extract/corpus/ (its README names each one's source). Expected values are those of the
corpus's hand labels (../shared/corpus/gold.yaml) for these documents.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kvtrack.core.extraction import Extraction
from kvtrack.extract import extract_bytes, extract_documents

CORPUS = Path(__file__).resolve().parent / "data" / "extract" / "corpus"


def extracted(name: str) -> Extraction:
    return extract_bytes((CORPUS / name).read_bytes(), name)


def dated(extraction: Extraction) -> set[tuple[int, str]]:
    return {(c.answer[0], str(c.due)) for c in extraction.commitments if c.due is not None}


def undated_answers(extraction: Extraction) -> set[int]:
    return {c.answer[0] for c in extraction.commitments if c.due is None}


@pytest.mark.parametrize(
    ("name", "answered", "due", "undated"),
    [
        # PyPDF2: "februari2025" glued to its year, "vanvermeende" to its article
        ("ah-tk-20242025-548.txt", date(2024, 11, 14), {(8, "2025-02")}, set()),
        # pypdf: mid-line hyphens; "bij de voorjaarsnota"
        ("ah-tk-20232024-1031.txt", date(2024, 2, 14), {(3, "2024-05-31")}, {6, 7, 12}),
        # pdftotext: form feeds and footers; four times "eind (dit jaar|2024)"
        (
            "ah-tk-20232024-2168.txt",
            date(2024, 7, 17),
            {(2, "2024-Q4"), (6, "2024-Q4"), (7, "2024-Q4"), (9, "2024-Q4")},
            {2},
        ),
        # markdown: "binnenkort", "te zijner tijd"
        ("ah-tk-20232024-204.txt", date(2023, 10, 10), set(), {4, 5}),
        # Word, Aanhangsel version: "Antwoord vraag 8:", own bill in Q4 2024
        ("ah-tk-20242025-608.txt", date(2024, 11, 19), {(8, "2024-Q4")}, {9}),
        # Word, ministry letter: the letterhead's "Datum 18 oktober 2023" is the answer date
        (
            "lnv-wassenberg-bijtincidenten-honden-20231018.txt",
            date(2023, 10, 18),
            set(),
            {8, 9, 12, 13},
        ),
    ],
    ids=["PyPDF2", "pypdf", "pdftotext", "markdown", "word-aanhangsel", "word-letter"],
)
def test_layout(name: str, answered: date, due: set[tuple[int, str]], undated: set[int]) -> None:
    extraction = extracted(name)
    assert extraction.source.answered == answered
    assert dated(extraction) == due
    assert undated <= undated_answers(extraction)


def test_the_word_letter_names_who_answered() -> None:
    source = extracted("lnv-wassenberg-bijtincidenten-honden-20231018.txt").source
    assert source.answered_by is not None
    assert source.answered_by.startswith("Minister van Landbouw, Natuur en Voedselkwaliteit")
    assert source.submitted == date(2023, 9, 7)  # "In antwoord op uw brief van 7 september 2023"


def test_glued_words_are_split_in_the_quote() -> None:
    (ambtsbericht,) = [c for c in extracted("ah-tk-20242025-548.txt").commitments if c.due]
    assert ambtsbericht.quote == (
        "Een nieuw Algemeen Ambtsbericht Turkije is voorzien voor eind februari 2025."
    )


def test_the_official_pdf_read_directly() -> None:
    extraction = extracted("ah-tk-20232024-1481.pdf")
    assert extraction.source.answered == date(2024, 4, 11)
    assert extraction.source.identifiers["publication"] == "ah-tk-20232024-1481"
    assert dated(extraction) == {(1, "2024-04"), (2, "2024-H1")}


@pytest.mark.parametrize(
    "name", ["negative-ah-tk-20242025-562.txt", "negative-kv-tk-2024Z18891.txt"]
)
def test_nothing_is_proposed_from_the_negatives(name: str) -> None:
    (result,) = extract_documents([CORPUS / name])
    assert result.extraction is None or result.extraction.commitments == ()
