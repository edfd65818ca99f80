"""A Toezegging record → a kvtrack commitment and the debate it was made in (a `debat` source).

Pure: imports only `kvtrack.core` and the record type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kvtrack.core.limits import MAX_YEAR, MIN_YEAR
from kvtrack.core.ministries import ministry_abbreviation
from kvtrack.core.model import Commitment, HistoryEntry, Source, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError, Location
from kvtrack.official.records import Toezegging

# The register's status words: the XSD's and those its live data uses (Afgedaan, Deels Afgedaan).
STATUS_WORDS: dict[str, Status] = {
    "openstaand": Status.OPEN,
    "voldaan": Status.DONE,
    "afgedaan": Status.DONE,
    "deels voldaan": Status.PARTIAL,
    "deels afgedaan": Status.PARTIAL,
    "vervallen": Status.DROPPED,
}

# DatumNakoming's "no date": the .NET minimum date-time.
_NO_DATE = "0001-01-01"
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A record without a debate cites this source.
REGISTER_SOURCE = Source(
    id="tk-toezeggingen",
    kind="other",
    title="Toezeggingenregister van de Tweede Kamer",
)
TITLE_LENGTH = 72


@dataclass(frozen=True, slots=True)
class Mapped:
    """A record as kvtrack data, and the warnings it gave (an empty status, no debate)."""

    commitment: Commitment
    source: Source
    status_word: str | None
    warnings: tuple[str, ...] = ()


def commitment_id(nummer: str) -> str:
    """`TZ202504-057` → `tz202504-057`."""
    plain = unicodedata.normalize("NFKD", nummer).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9._-]+", "-", plain.lower()).strip("-")


def register_status(word: str | None, where: str) -> tuple[Status, str | None]:
    """The status and a warning for an empty one; KvtrackError naming an unknown word."""
    if word is None or not word.strip():
        return Status.OPEN, f"{where}: the register gives no status; imported as open"
    key = " ".join(word.split()).casefold()
    if key not in STATUS_WORDS:
        known = "Openstaand, Voldaan, Afgedaan, Deels Voldaan, Deels Afgedaan, Vervallen"
        raise KvtrackError(
            f"unknown status '{word}' in the register (known: {known}); "
            "nothing was imported, please report this word",
            where=Location(where),
        )
    return STATUS_WORDS[key], None


def due_day(text: str | None, where: str) -> Period | None:
    """The DAY of `datumNakoming` as written, in its own offset (2025-06-30T23:00:00+02:00 is
    30 June, never converted to UTC); None for no date, nil or the 0001-01-01 sentinel."""
    if text is None or not text.strip() or text.strip().startswith(_NO_DATE):
        return None
    try:
        datetime.fromisoformat(text.strip())  # the whole value must be an ISO date(-time)
        day = date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise KvtrackError(
            f"datumNakoming '{text}' is not an ISO date-time", where=Location(where)
        ) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise KvtrackError(
            f"datumNakoming '{text}' is outside the years {MIN_YEAR}-{MAX_YEAR}",
            where=Location(where),
        )
    return Period.day(day)


def changed_day(record: Toezegging) -> date | None:
    """The day the register last changed the record, in Amsterdam (`bijgewerkt` is UTC)."""
    if record.changed is None:
        return None
    changed = record.changed
    if changed.tzinfo is None:
        return changed.date()
    return changed.astimezone(_AMSTERDAM).date()


_OPENERS = re.compile(
    r"^(?:de|het)\s+(?:minister(?:-president)?|staatssecretaris|kabinet|regering)"
    r"(?:\s+(?:van|voor)\s+[^,]*?)?\s+(?:zegt|zeggen)\s+(?:de\s+kamer\s+|toe\s+)?(?:toe\s+)?"
    r"(?:dat\s+(?:hij\s+|zij\s+)?|om\s+)?",
    re.IGNORECASE,
)


def short_title(tekst: str) -> str:
    """A short Dutch title from the commitment's text: the usual opener ("De minister zegt toe
    dat") left out, cut at a word before TITLE_LENGTH characters."""
    text = " ".join(tekst.split())
    rest = _OPENERS.sub("", text, count=1) or text
    rest = rest.rstrip(" .")
    if len(rest) > TITLE_LENGTH:
        cut = rest[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
        rest = f"{cut}…"
    return rest[:1].upper() + rest[1:]


def debate_source(record: Toezegging) -> Source:
    """The debate the promise was made in, as a `debat` source; the register itself when the
    record names no debate."""
    number = record.activiteit_nummer
    if not number:
        return REGISTER_SOURCE
    title = record.activiteit_onderwerp or f"Debat {number}"
    return Source(
        id=f"debat-{commitment_id(number)}",
        kind="debat",
        title=title,
        identifiers={"activiteit": number},
    )


def status_entry(status: Status, word: str | None, record: Toezegging, on: date) -> HistoryEntry:
    """ "status in het register: Afgedaan", with the letter that fulfilled it as evidence."""
    return HistoryEntry(
        date=on,
        status=status,
        note=f"status in het register: {word or 'leeg'}",  # reconcile.said_status reads it back
        evidence=record.kamerbrief_nakoming,
    )


def map_record(record: Toezegging, fallback_day: date) -> Mapped:
    """A live (not deleted) record → its commitment as first imported.

    A record that is not open gets one history entry saying so (dated when the register last
    changed it), so `closed_on` and the timeline know when it closed and by which letter.
    """
    where = record.where
    if not record.nummer:
        raise KvtrackError(
            "the record has no nummer, so it cannot be tracked", where=Location(where)
        )
    if not record.tekst:
        raise KvtrackError(
            f"{record.nummer} has no tekst, so there is nothing to quote", where=Location(where)
        )
    status, warning = register_status(record.status, where)
    source = debate_source(record)
    warnings = tuple(w for w in (warning,) if w)
    if source is REGISTER_SOURCE:
        warnings += (f"{where}: {record.nummer} names no debate; it cites {source.id}",)
    history: tuple[HistoryEntry, ...] = ()
    if status is not Status.OPEN:
        history = (
            status_entry(status, record.status, record, changed_day(record) or fallback_day),
        )
    commitment = Commitment(
        id=commitment_id(record.nummer),
        title=short_title(record.tekst),
        source=source.id,
        quote=" ".join(record.tekst.split()),
        due=due_day(record.datum_nakoming, where),
        owner=ministry_abbreviation(record.ministerie),
        status=status,
        history=history,
        identifiers={"toezegging": record.nummer, "toezegging_id": record.id},
    )
    return Mapped(commitment, source, record.status, warnings)
