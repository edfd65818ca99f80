"""The answer date when the text does not state it: a fallback chain, each step said out loud.

Every due date of a document is read relative to its answer date, so it matters. In order:

1. The text's own dates (document.py): "Antwoord van ... (ontvangen 25 juli 2024)", a letter's
   "Datum 25 juli 2024" (a Word letter's page header is read with its body), "Den Haag, <date>".
2. The document's own metadata, where the format has it: an official page's
   `OVERHEIDop.datumOntvangst` (the day the answer was received), then `DC.date`,
   `DCTERMS.created`, `DCTERMS.issued`, `DCTERMS.available`; a PDF's CreationDate, then ModDate;
   a Word file's docProps `dcterms:modified`, then `dcterms:created` (weak: a template's date).
3. A date in the file name: YYYYMMDD or YYYY-MM-DD as a whole token ("...-20240725.txt").

A date from steps 2 and 3 is taken only when it is a real date, not after today (Amsterdam), and
not before the questions' date ("In antwoord op uw brief van 5 juli 2024"); otherwise the next
one is tried. Whenever one is taken, the extraction says where it came from (`answered_from`):
the CLI prints a note on standard error and the YAML marks the date with a comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from kvtrack.core.limits import MIN_YEAR


@dataclass(frozen=True, slots=True)
class DateClue:
    """A date the document offers outside its text, and where it was found ("the file name")."""

    day: date
    where: str


def choose(clues: Iterable[DateClue], submitted: date | None, today: date) -> DateClue | None:
    """The first clue that can be the answer date: not after `today`, not before `submitted`."""
    for clue in clues:
        if clue.day > today or (submitted is not None and clue.day < submitted):
            continue
        return clue
    return None


def amsterdam_today() -> date:
    """Today in Europe/Amsterdam, whatever the machine's time zone (the CLI's `today`)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


# A date as a whole token of a file name: not part of a longer number or word ("v2024072512").
_NAME_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>\d{4})(?P<sep>-?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?![0-9A-Za-z])"
)


def file_name_clues(file: str | None) -> list[DateClue]:
    """The dates in a file's name (its last part, suffix left off), first one first."""
    if not file or file == "-":
        return []
    stem = PurePath(file).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    clues = []
    for m in _NAME_DATE.finditer(stem):
        day = iso_day(m["y"], m["m"], m["d"])
        if day is not None:
            clues.append(DateClue(day, "the file name"))
    return clues


def iso_day(year: str, month: str, day: str) -> date | None:
    """The day, or None when it does not exist (2024-02-30) or is before MIN_YEAR."""
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if found.year >= MIN_YEAR else None


_ISO_START = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$")
_PDF_DATE = re.compile(r"\s*(?:D:)?(\d{4})(\d{2})(\d{2})")


def parse_metadata_day(value: str) -> date | None:
    """A metadata date: ISO (2024-07-25, 2024-07-25T10:00:00Z), the site's 25-07-2024, or a PDF
    date string (D:20240725103000+02'00')."""
    for pattern, order in ((_ISO_START, (1, 2, 3)), (_DMY, (3, 2, 1)), (_PDF_DATE, (1, 2, 3))):
        m = pattern.match(value)
        if m:
            return iso_day(*(m[i] for i in order))
    return None
