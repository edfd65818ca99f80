"""`list --format csv`: one row per commitment, for spreadsheets.

Encoding: UTF-8 *with* a byte-order mark. Excel only reads a CSV file as UTF-8 when it starts with
a BOM; without one it guesses the ANSI code page and turns "Rijksontmoetingsplein «Assen»" or
"coördinatie" into mojibake. LibreOffice, Google Sheets, pandas and Python's `utf-8-sig` codec all
skip the BOM. Machines that want plain UTF-8 have `--format json`.

Rows end in CRLF (RFC 4180); the bytes go out unchanged, so Windows does not double the CR.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kvtrack.core.query import Assessed
from kvtrack.core.schema import RECORD_KEYS
from kvtrack.render.records import flat_record

ENCODING = "utf-8-sig"  # writes the BOM

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). Quotes come
# from documents and extractors, so such text cells get a leading apostrophe, which spreadsheets
# hide and treat as "this is text". Numbers (days_left, slip_days) are written as numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(items: Sequence[Assessed]) -> bytes:
    """The CSV file as bytes: BOM, a header row (also when nothing matches), a row per commitment."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(RECORD_KEYS)
    for a in items:
        row = flat_record(a)
        writer.writerow([_cell(row[k]) for k in RECORD_KEYS])
    return buffer.getvalue().encode(ENCODING)


def _cell(value: str | int | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
