"""The answer date's fallback chain (extract/answer_date.py): the text's own date, then the
document's metadata, then a date in the file name; each fallback said on stderr and in the YAML,
silence when the text states the date."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kvtrack.cli import app
from kvtrack.extract import extract_bytes, extract_document
from kvtrack.extract.answer_date import DateClue, choose, file_name_clues, parse_metadata_day
from kvtrack.extract.readers import metadata_clues

TODAY = date(2026, 12, 1)
CORPUS = Path(__file__).resolve().parent / "data" / "extract" / "corpus"

# An answer whose text states no answer date (like a Word letter whose date sat in its header).
UNDATED = """Antwoorden van de minister van Financien op Kamervragen van het lid Jansen (VVD) over de
belasting op werk.

Vraag 1
Wanneer ontvangt de Kamer de brief over de belasting?

Antwoord 1
Ik zal uw Kamer voor de zomer informeren over de uitkomsten van het onderzoek.
"""
REPLY = "In antwoord op uw brief van 5 juli 2024, nr. 2024Z11859, deel ik u mede dat.\n\n"
RECEIVED = UNDATED.replace(
    "Vraag 1", "Antwoord van minister Jansen (ontvangen 3 juni 2024)\n\nVraag 1", 1
)


def _extract(text: str, name: str) -> tuple[date | None, str | None]:
    extraction = extract_document(text, name, today=TODAY)
    return extraction.source.answered, extraction.answered_from


# ------------------------------------------------------------------------------------------------
# Step 1: the text's own date wins; nothing is said


def test_the_texts_own_date_wins_over_the_file_name() -> None:
    assert _extract(RECEIVED, "antwoord-20240725.txt") == (date(2024, 6, 3), None)


def test_a_corpus_pdf_is_dated_by_its_text_not_its_metadata() -> None:
    path = CORPUS / "ah-tk-20232024-1481.pdf"
    extraction = extract_bytes(path.read_bytes(), path.name, today=TODAY)
    assert extraction.source.answered is not None and extraction.answered_from is None


# ------------------------------------------------------------------------------------------------
# Step 2: the document's metadata


def _page(meta: dict[str, str]) -> bytes:
    tags = "".join(f'<meta name="{k}" content="{v}">' for k, v in meta.items())
    body = "".join(f"<p>{line}</p>" for line in UNDATED.split("\n") if line.strip())
    return f"<!DOCTYPE html><html><head>{tags}</head><body>{body}</body></html>".encode()


def test_an_official_page_is_dated_by_the_day_the_answer_was_received() -> None:
    page = _page(
        {
            "DCTERMS.available": "2024-08-06",
            "OVERHEIDop.datumOntvangst": "25-07-2024",
            "DC.date": "2024-07-20",
        }
    )
    extraction = extract_bytes(page, "antwoord.html", today=TODAY)
    assert extraction.source.answered == date(2024, 7, 25)
    assert extraction.answered_from == "the page's overheidop.datumontvangst (its metadata)"


def test_a_page_with_only_a_publication_date_takes_that() -> None:
    extraction = extract_bytes(_page({"DCTERMS.available": "2024-08-06"}), "a.html", today=TODAY)
    assert extraction.source.answered == date(2024, 8, 6)
    assert "dcterms.available" in (extraction.answered_from or "")


def _pdf(lines: list[str], info: str) -> bytes:
    """A one-page PDF with these lines of text and this Info dictionary."""
    text = " T* ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj"
        for line in lines
    )
    stream = f"BT /F1 9 Tf 14 TL 40 800 Td {text} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info.encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_a_pdf_without_a_date_in_its_text_is_dated_by_its_creation_date() -> None:
    pdf = _pdf(UNDATED.split("\n"), "<< /CreationDate (D:20240725101500+02'00') >>")
    extraction = extract_bytes(pdf, "brief.pdf", today=TODAY)
    assert extraction.source.answered == date(2024, 7, 25)
    assert extraction.answered_from == "the PDF's CreationDate (its metadata)"
    assert extraction.commitments  # the text itself was read


def test_a_pdf_without_metadata_falls_through_to_its_file_name() -> None:
    pdf = _pdf(UNDATED.split("\n"), "<< /Producer (x) >>")
    extraction = extract_bytes(pdf, "brief-2024-07-26.pdf", today=TODAY)
    assert (extraction.source.answered, extraction.answered_from) == (
        date(2024, 7, 26),
        "the file name",
    )


def _docx(lines: list[str], core: str | None) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>"
        )
        if core is not None:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/">'
                f"{core}</cp:coreProperties>",
            )
    return buffer.getvalue()


def test_a_word_file_is_dated_by_its_last_change_when_its_text_has_no_date() -> None:
    core = (
        "<dcterms:created>2024-03-01T09:00:00Z</dcterms:created>"
        "<dcterms:modified>2024-07-24T16:00:00Z</dcterms:modified>"
    )
    extraction = extract_bytes(_docx(UNDATED.split("\n"), core), "brief.docx", today=TODAY)
    assert extraction.source.answered == date(2024, 7, 24)
    assert (extraction.answered_from or "").startswith("the Word file's modified date")


def test_a_word_letters_header_date_wins_over_its_docprops() -> None:
    core = "<dcterms:modified>2024-07-24T16:00:00Z</dcterms:modified>"
    lines = ["Datum 25 juli 2024", *UNDATED.split("\n")]
    extraction = extract_bytes(_docx(lines, core), "brief.docx", today=TODAY)
    assert (extraction.source.answered, extraction.answered_from) == (date(2024, 7, 25), None)


def test_unreadable_metadata_is_no_metadata() -> None:
    assert metadata_clues(b"%PDF-1.4 broken", "a.pdf") == []
    assert metadata_clues(b"PK\x03\x04broken", "a.docx") == []
    assert metadata_clues(UNDATED.encode(), "a.txt") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-25", date(2024, 7, 25)),
        ("2024-07-25T10:00:00Z", date(2024, 7, 25)),
        ("25-07-2024", date(2024, 7, 25)),
        ("D:20240725101500+02'00'", date(2024, 7, 25)),
        ("2024-02-30", None),
        ("juli 2024", None),
    ],
)
def test_metadata_dates(value: str, expected: date | None) -> None:
    assert parse_metadata_day(value) == expected


# ------------------------------------------------------------------------------------------------
# Step 3: the file name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("jenv-mutluer-politiebureau-wolvega-20240725.txt", date(2024, 7, 25)),
        ("antwoorden/2024-07-25 brief.docx", date(2024, 7, 25)),
        ("20240725_antwoord.pdf", date(2024, 7, 25)),
        ("brief-20240231.txt", None),  # no 31 February: not a date
        ("brief-2024-13-01.txt", None),
        ("v202407251.txt", None),  # part of a longer number, not a date token
        ("kenmerk2024072.txt", None),
        ("rapport-2024-0725.txt", None),  # mixed separators
        ("brief.20240725", None),  # the suffix is not the name
    ],
)
def test_dates_in_file_names(name: str, expected: date | None) -> None:
    found = file_name_clues(name)
    assert (found[0].day if found else None) == expected


def test_the_file_name_dates_an_answer_without_a_date() -> None:
    assert _extract(UNDATED, "antwoord-20240725.txt") == (date(2024, 7, 25), "the file name")


def test_a_future_date_in_the_file_name_is_not_taken() -> None:
    assert _extract(UNDATED, "antwoord-20270101.txt") == (None, None)


def test_an_impossible_date_in_the_file_name_is_not_taken() -> None:
    assert _extract(UNDATED, "antwoord-20240230.txt") == (None, None)


def test_a_file_name_date_before_the_questions_letter_is_not_taken() -> None:
    # the questions' letter is of 5 July 2024: an answer cannot be older
    assert _extract(REPLY + UNDATED, "antwoord-20240701.txt") == (None, None)
    assert _extract(REPLY + UNDATED, "antwoord-20240725.txt") == (
        date(2024, 7, 25),
        "the file name",
    )


def test_the_first_acceptable_clue_is_taken() -> None:
    clues = [
        DateClue(date(2030, 1, 1), "metadata in the future"),
        DateClue(date(2024, 1, 1), "metadata before the questions"),
        DateClue(date(2024, 7, 25), "the file name"),
    ]
    assert choose(clues, date(2024, 7, 5), TODAY) == clues[2]
    assert choose(clues[:2], date(2024, 7, 5), TODAY) is None


def test_the_date_taken_dates_the_time_phrases() -> None:
    # "voor de zomer" after 25 July 2024 is the summer of 2025; undated, it has no anchor
    dated = extract_document(UNDATED, "antwoord-20240725.txt", today=TODAY)
    assert [str(c.due) for c in dated.commitments] == ["2025-07-03"]


# ------------------------------------------------------------------------------------------------
# What the user sees


def test_the_cli_says_where_a_fallback_date_came_from(tmp_path: Path) -> None:
    path = tmp_path / "antwoord-20240725.txt"
    path.write_text(UNDATED, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: answer date 2024-07-25 taken from the file name; check it" in result.stderr
    assert "answered: 2024-07-25  # taken from the file name; check it" in result.stdout
    assert yaml.safe_load(result.stdout)["sources"][0]["answered"] == date(2024, 7, 25)
    as_json = CliRunner().invoke(app, ["extract", "--format", "json", str(path)])
    document = json.loads(as_json.stdout)
    assert document["answered_from"] == "the file name"
    assert document["source"]["answered"] == "2024-07-25"


def test_the_cli_is_silent_when_the_text_states_the_date(tmp_path: Path) -> None:
    path = tmp_path / "antwoord-20240725.txt"
    path.write_text(RECEIVED, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "check it" not in result.stdout and "answered: 2024-06-03\n" in result.stdout
    as_json = json.loads(CliRunner().invoke(app, ["extract", "--format", "json", str(path)]).stdout)
    assert "answered_from" not in as_json
