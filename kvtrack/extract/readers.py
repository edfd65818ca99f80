"""Answer documents as bytes → their text: plain text and Markdown, PDF, Word (.docx), and the HTML
or XML pages of the official publication site.

Each format's reader imports its library only when a document of that format comes along, so
reading text never pays for the PDF library. What cannot be read is a KvtrackError saying why
(an encrypted PDF, a zip that is not a Word file, bytes that are not text).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from kvtrack.core.limits import MAX_INPUT_BYTES, too_large
from kvtrack.errors import KvtrackError, Location
from kvtrack.extract.answer_date import DateClue, parse_metadata_day

#: What `kvtrack extract DIR` picks up in a directory.
SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".xml")


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of `stream`; KvtrackError when there is more (an endless stream
    is cut off after limit + 1 bytes, never read to its end)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise KvtrackError(too_large(None, limit, "input"))
    return data


def read_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file. A FIFO, device or socket is refused before it is opened for
    reading (opening a FIFO would wait for a writer), a directory is named as one."""
    where = Location(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise KvtrackError("no such file", where=where) from None
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=where) from None
    if stat.S_ISDIR(info.st_mode):
        raise KvtrackError(
            f"is a directory with no answer documents in it ({', '.join(SUFFIXES)})", where=where
        )
    if not stat.S_ISREG(info.st_mode):
        raise KvtrackError(
            "is not a regular file (a pipe, device or socket); pass - to read standard input",
            where=where,
        )
    if info.st_size > limit:
        raise KvtrackError(too_large(info.st_size, limit), where=where)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=where) from None
    with os.fdopen(fd, "rb") as stream:
        try:
            return read_bounded(stream, limit)
        except KvtrackError as error:
            raise error.located(where) from None
        except OSError as e:
            raise KvtrackError(f"cannot read: {e.strerror}", where=where) from None


def document_text(data: bytes, name: str = "") -> str:
    """The text of a document in any supported format, told by its first bytes (then its name)."""
    kind, text = _sniff(data, name)
    if kind == "pdf":
        return pdf_text(data)
    if kind == "docx":
        return docx_text(data)
    return markup_text(text) if kind == "markup" else text


def _sniff(data: bytes, name: str) -> tuple[str, str]:
    """What a document is, "pdf", "docx", "markup" or "text", told by its first bytes (then its
    name); and for the last two, its decoded text ("" for the others)."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf", ""
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        return "docx", ""
    text = decode_text(data)
    if suffix in (".html", ".htm", ".xml") or _MARKUP_START.match(text):
        return "markup", text
    return "text", text


_MARKUP_START = re.compile(r"\s*<(?:\?xml|!doctype\s+html|html\b)", re.IGNORECASE)


def metadata_clues(data: bytes, name: str = "") -> list[DateClue]:
    """The dates a document's own metadata gives, most telling first (answer_date.py lists
    them); [] for plain text, or when the metadata cannot be read. Only asked for when the text
    states no answer date."""
    try:
        kind, text = _sniff(data, name)
        if kind == "pdf":
            return _pdf_clues(data)
        if kind == "docx":
            return _docx_clues(data)
        if kind == "markup":
            return _page_clues(text)
    except Exception:  # metadata is a hint: a file whose metadata cannot be read has none
        return []
    return []


def _clues(values: list[tuple[str, object]]) -> list[DateClue]:
    clues = []
    for where, value in values:
        day = parse_metadata_day(value) if isinstance(value, str) else None
        if day is not None:
            clues.append(DateClue(day, where))
    return clues


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise KvtrackError("is not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Converters on Windows write cp1252; every byte decodes, so the text is never lost.
        return data.decode("cp1252", errors="replace")


# ------------------------------------------------------------------------------------------------
# PDF


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page by page (pages joined by a form feed, as pdftotext does).

    pypdf, because on the corpus's ten official PDFs its text is closer to the labelled texts
    than pdfminer.six's and it is several times faster (docs/extract.md gives the figures).
    """
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs font-encoding notes ("fontTools is required ...") that say nothing to a user
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise KvtrackError("is an encrypted PDF; kvtrack cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except KvtrackError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as e:
        raise KvtrackError(f"is not a readable PDF ({_first_line(e)})") from None
    if not any(page.strip() for page in pages):
        raise KvtrackError("is a PDF without text (a scan?); kvtrack reads text, not images")
    return "\f".join(pages)


def _pdf_clues(data: bytes) -> list[DateClue]:
    from pypdf import PdfReader

    info = PdfReader(io.BytesIO(data)).metadata
    if info is None:
        return []
    return _clues(
        [
            (f"the PDF's {key[1:]} (its metadata)", info.get(key))
            for key in ("/CreationDate", "/ModDate")
        ]
    )


def _decrypts(reader: object) -> bool:
    """A PDF "encrypted" with an empty user password (print/copy restrictions) opens as it is."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # pypdf raises many kinds here, all meaning "cannot open"
        return False


def _first_line(error: BaseException) -> str:
    text = str(error).strip().split("\n")[0]
    return text[:120] or type(error).__name__


# ------------------------------------------------------------------------------------------------
# Word

# The parts of a .docx whose text is the document's: the body, then headers (where the letter date
# of a ministry's letter often sits). Bounded so a zip bomb cannot fill memory.
_DOCX_BODY = "word/document.xml"
_DOCX_HEADER = re.compile(r"^word/header\d*\.xml$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, limit: int = MAX_INPUT_BYTES) -> str:
    """The text of a Word document: one line per paragraph, tabs and line breaks kept, the page
    headers' paragraphs first (they hold the letterhead and the letter's date).

    Read from the zip's XML with the standard library: the text is all that is needed, the same
    one-line-per-paragraph reading the corpus's Word layout was made with, and python-docx
    would add a dependency (and lxml) without reading headers any better.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise KvtrackError("is not a readable .docx (a broken zip file)") from None
    if _DOCX_BODY not in names:
        raise KvtrackError("is a zip file but not a Word document (no word/document.xml)")
    parts = [*sorted(n for n in names if _DOCX_HEADER.match(n)), _DOCX_BODY]
    lines: list[str] = []
    for part in parts:
        lines.extend(_docx_paragraphs(_member(archive, part, limit)))
    return "\n".join(lines)


_DC_TERMS = "{http://purl.org/dc/terms/}"


def _docx_clues(data: bytes) -> list[DateClue]:
    from defusedxml import ElementTree as ET

    archive = zipfile.ZipFile(io.BytesIO(data))
    if "docProps/core.xml" not in archive.namelist():
        return []
    root = ET.fromstring(_member(archive, "docProps/core.xml", 1 << 20))
    values: list[tuple[str, object]] = []
    for term in ("modified", "created"):
        node = root.find(f"{_DC_TERMS}{term}")
        where = f"the Word file's {term} date (docProps; weak: a template's date)"
        values.append((where, node.text if node is not None else None))
    return _clues(values)


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with archive.open(name) as member:
            return read_bounded(member, limit)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
        raise KvtrackError(f"is not a readable .docx ({_first_line(e)})") from None


def _docx_paragraphs(xml: bytes) -> list[str]:
    # a .docx is someone else's zip: no DTDs, no entity expansion (defusedxml)
    from defusedxml import ElementTree as ET

    try:
        root = ET.fromstring(xml)
    except (ET.ParseError, ValueError) as e:
        raise KvtrackError(f"is not a readable .docx (bad XML: {e})") from None
    lines: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        pieces: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
        lines.append("".join(pieces))
    return lines


# ------------------------------------------------------------------------------------------------
# HTML and XML of the official publication site

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "footer", "title", "al", "vraag", "antwoord", "nr",
        "kop", "titel", "tussenkop", "alinea", "tekst", "dt", "dd", "blockquote", "td", "th",
        "vraagnummer", "lijst", "li-nr", "noot", "voetnoot", "intitule", "omschr",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "head", "nav", "noscript", "svg", "button", "form"})


def markup_text(markup: str) -> str:
    """The text of an HTML page or an XML publication: block elements (paragraphs, the site's
    <vraag>/<antwoord>/<al> elements) on lines of their own, scripts, styles and navigation left
    out, entities decoded."""
    parser = _MarkupText()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return "\n".join(parser.lines)


# An official page's metadata (officielebekendmakingen.nl), most telling first: the day the answer
# was received, then the document's dates; the publication date comes days after the answer.
_PAGE_DATES = (
    "overheidop.datumontvangst",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "dcterms.available",
)


def _page_clues(markup: str) -> list[DateClue]:
    parser = _MetaTags()
    parser.feed(markup)
    parser.close()
    return _clues(
        [(f"the page's {key} (its metadata)", parser.meta.get(key)) for key in _PAGE_DATES]
    )


class _MetaTags(HTMLParser):
    """`<meta name=... content=...>` of a page, by lower-cased name (the first of each)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = dict(attrs)
        key = values.get("name") or values.get("property")
        if key and values.get("content"):
            self.meta.setdefault(key.lower(), values["content"] or "")


class _MarkupText(HTMLParser):
    """Collects text lines; a block tag ends a line. The publication XML numbers a question as
    <vraag><nr>1</nr>...: written as "Vraag 1"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._skipping = 0
        self._stack: list[str] = []

    def flush(self) -> None:
        line = " ".join("".join(self._current).split())
        self._current.clear()
        if line:
            self.lines.append(line)
        elif self.lines and self.lines[-1]:
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack = [*self._stack[-2:], tag]
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._stack[-2:] in (["vraag", "nr"], ["antwoord", "nr"]) and data.strip().isdigit():
            data = f"{self._stack[-2].capitalize()} {data.strip()}"
        self._current.append(data)
