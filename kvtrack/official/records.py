"""A Toezegging as the register publishes it, before kvtrack gives it any meaning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Toezegging:
    """One entity of the register, its values as written (None when absent, nil or empty)."""

    id: str  # the Gegevensmagazijn's id (a GUID); a deleted entity has nothing else
    where: str  # page and position, for messages ("feed.xml: entry 3")
    changed: datetime | None = None  # `bijgewerkt` / `GewijzigdOp`
    deleted: bool = False
    nummer: str | None = None  # TZ202504-057
    tekst: str | None = None
    ministerie: str | None = None
    status: str | None = None
    datum_nakoming: str | None = None  # an ISO date-time with its offset
    kamerbrief_nakoming: str | None = None  # 2025D12345
    aanmaakdatum: str | None = None
    activiteit: str | None = None  # the debate's id
    activiteit_nummer: str | None = None  # 2025A00793
    activiteit_onderwerp: str | None = None  # only when OData expands the debate
    naam: str | None = None
    functie: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a feed: its records, in order, and the link to the next page (if any)."""

    records: tuple[Toezegging, ...]
    next_url: str | None


def parse_changed(text: str | None) -> datetime | None:
    """An ISO 8601 date-time (`Z` or an offset); None when blank. ValueError when malformed."""
    if text is None or not text.strip():
        return None
    return datetime.fromisoformat(text.strip())
