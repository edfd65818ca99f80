"""Readers of every format extract takes, and inputs meant to hurt: each is read, refused with a
reason, or cut off at the size bound — never a hang, a traceback or quadratic time."""

from __future__ import annotations

import contextlib
import io
import os
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from kvtrack.errors import KvtrackError
from kvtrack.extract import extract_bytes, extract_documents
from kvtrack.extract.readers import document_text, markup_text, read_bounded

CORPUS = Path(__file__).resolve().parent / "data" / "extract" / "corpus"
LETTER = CORPUS / "lnv-wassenberg-bijtincidenten-honden-20231018.txt"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraphs(lines: list[str]) -> str:
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{_escape(line)}</w:t></w:r></w:p>" for line in lines
    )
    return f"<?xml version='1.0' encoding='UTF-8'?><w:document {_W}><w:body>{body}</w:body></w:document>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx(body: list[str], header: list[str] | None = None) -> bytes:
    """A minimal Word file: the parts extract reads (word/document.xml, word/header1.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", _paragraphs(body))
        if header is not None:
            archive.writestr("word/header1.xml", _paragraphs(header).replace("w:document", "w:hdr"))
    return buffer.getvalue()


def test_a_word_letter_read_directly_with_its_date_in_the_page_header() -> None:
    # the corpus letter's text without its letterhead date, which Word keeps in the header part
    lines = [
        line for line in LETTER.read_text("utf-8").split("\n") if "18 oktober 2023" not in line
    ]
    extraction = extract_bytes(docx(lines, header=["Datum", "18 oktober 2023"]), "brief.docx")
    assert extraction.source.answered == date(2023, 10, 18)
    assert {c.answer[0] for c in extraction.commitments} >= {8, 9, 12, 13}
    assert extraction.source.file == "brief.docx"


def test_word_tabs_and_line_breaks_are_kept() -> None:
    part = (
        f"<w:document {_W}><w:body><w:p><w:r><w:t>Datum</w:t><w:tab/><w:t>16 mei 2024</w:t>"
        "<w:br/><w:t>Onderwerp</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", part)
    assert document_text(buffer.getvalue(), "x.docx") == "Datum\t16 mei 2024\nOnderwerp"


def test_the_publication_sites_xml_keeps_its_questions_and_answers() -> None:
    xml = (
        "<?xml version='1.0'?><kamervragen><kop><titel>Vragen van het lid Jansen (VVD) aan de "
        "Minister van Financiën over iets (ingezonden 1 maart 2024).</titel></kop>"
        "<vraag><nr>1</nr><al>Bent u bekend met het bericht?</al></vraag>"
        "<antwoord><nr>1</nr><al>Ja. Ik zal uw Kamer voor de zomer informeren.</al></antwoord>"
        "</kamervragen>"
    )
    text = markup_text(xml)
    assert "Vraag 1" in text.split("\n") and "Antwoord 1" in text.split("\n")
    (commitment,) = extract_bytes(xml.encode(), "ah-tk-20232024-1.xml").commitments
    assert commitment.answer == (1,) and str(commitment.due) == "2024-07-04"


def test_an_html_page_loses_its_markup_scripts_and_navigation() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
        "<nav>Home &gt; Kamervragen</nav><script>var a = '<p>Vraag 9</p>';</script>"
        "<p>Vraag 1</p><p>Waarom?</p><h2>Antwoord 1</h2>"
        "<p>In het najaar van 2025 stuur ik uw Kamer een brief&nbsp;hierover.</p></body></html>"
    )
    lines = markup_text(page).split("\n")
    assert "Vraag 9" not in " ".join(lines) and "Home > Kamervragen" not in lines
    assert "Antwoord 1" in lines
    (commitment,) = extract_bytes(page.encode(), "antwoord.html").commitments
    assert str(commitment.due) == "2025-H2"


def test_an_encrypted_pdf_is_named_as_such() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="geheim", owner_password="geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(KvtrackError, match="is an encrypted PDF"):
        extract_bytes(buffer.getvalue(), "geheim.pdf")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7\nnot really", "a.pdf", "is not a readable PDF"),
        (b"PK\x03\x04broken", "a.docx", "is not a readable .docx"),
        (b"\x00\x01binary", "a.txt", "is not a text file"),
        (b"Geachte voorzitter,\n", "a.txt", "no Vraag/Antwoord structure"),
    ],
)
def test_unreadable_documents_say_why(data: bytes, name: str, message: str) -> None:
    with pytest.raises(KvtrackError, match=message) as caught:
        extract_bytes(data, name)
    assert str(caught.value).startswith(f"{name}: ")


def test_a_pdf_without_text_is_a_scan() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(KvtrackError, match="without text"):
        extract_bytes(buffer.getvalue(), "scan.pdf")


# ------------------------------------------------------------------------------------------------
# Hostile input


def _seconds(text: str) -> float:
    """CPU seconds of extracting `text`: what the code costs, not how busy the machine is."""
    start = time.process_time()
    with contextlib.suppress(KvtrackError):
        extract_bytes(text.encode(), "x.txt")
    return time.process_time() - start


HEAD = "Vraag 1\nIs dat zo?\nAntwoord 1\n"


def test_lines_ending_in_a_hyphen_take_linear_time() -> None:
    small = _seconds(HEAD + "woord-\n" * 10_000)
    large = _seconds(HEAD + "woord-\n" * 40_000)  # 280 KB (was 46 s: quadratic joining)
    assert large < 8 * max(small, 0.05)  # four times the text, not sixteen times the time


def test_nested_parentheses_and_full_stops_take_linear_time() -> None:
    assert _seconds(HEAD + "Ik zal " + "(" * 50_000 + ")" * 50_000 + ".\n") < 5
    assert _seconds(HEAD + "Ik zal " + "(a." * 30_000 + ".\n") < 5
    assert _seconds(HEAD + "Ik zal " + "a. " * 30_000 + "\n") < 5


class _Endless(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


def test_an_endless_stream_is_cut_off_at_the_bound() -> None:
    with pytest.raises(KvtrackError, match="the input is more than the 1000 bytes kvtrack reads"):
        read_bounded(io.BufferedReader(_Endless()), 1000)
    (result,) = extract_documents(["-"], stdin=io.BufferedReader(_Endless()), max_bytes=4096)
    assert result.extraction is None
    assert "<stdin>: the input is more than the 4 KiB kvtrack reads" in str(result.problems[0])


def test_a_device_is_refused_without_reading_it() -> None:
    (result,) = extract_documents([Path("/dev/zero")])
    assert result.extraction is None and "not a regular file" in result.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_given_as_a_file_is_refused_and_never_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "antwoord.txt"
    os.mkfifo(fifo)
    start = time.perf_counter()
    (result,) = extract_documents([fifo])
    assert time.perf_counter() - start < 2
    assert "not a regular file" in result.problems[0].message


def test_a_file_larger_than_the_bound_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    path.write_text(HEAD + "Ik zal dat doen.\n" * 100, encoding="utf-8")
    (result,) = extract_documents([path], max_bytes=100)
    assert result.problems[0].message == (
        f"the file is {path.stat().st_size / 1024:.3g} KiB, more than the 100 bytes kvtrack reads; "
        "pass --max-bytes (or set KVTRACK_MAX_BYTES) to read a bigger one"
    )
    (fine,) = extract_documents([path])
    assert fine.extraction is not None


def test_a_word_file_with_an_entity_bomb_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bomb)
    with pytest.raises(KvtrackError, match=r"is not a readable \.docx"):
        extract_bytes(buffer.getvalue(), "bom.docx")
