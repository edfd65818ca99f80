"""OData JSON pages → Toezegging records.

`/OData/v4/2.0/Toezegging` writes PascalCase names (`Id`, `Nummer`, `DatumNakoming`, ...) and links
pages with `@odata.nextLink`. Its successor `/OData/v5` renames attributes; the new names were not
published where we could read them, so rows are read in PascalCase or in the XSD's camelCase
(`id`, `nummer`, `datumNakoming`, ...), and a row in neither is refused with the names it has.
"""

from __future__ import annotations

import json
from typing import Any

from kvtrack.errors import KvtrackError, Location
from kvtrack.official.records import Page, Toezegging, parse_changed

# Toezegging field → the names it has in a row: (PascalCase, camelCase).
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("Id", "id"),
    "changed": ("GewijzigdOp", "gewijzigdOp", "bijgewerkt"),
    "deleted": ("Verwijderd", "verwijderd"),
    "nummer": ("Nummer", "nummer"),
    "tekst": ("Tekst", "tekst"),
    "ministerie": ("Ministerie", "ministerie"),
    "status": ("Status", "status"),
    "datum_nakoming": ("DatumNakoming", "datumNakoming"),
    "kamerbrief_nakoming": ("KamerbriefNakoming", "kamerbriefNakoming"),
    "aanmaakdatum": ("Aanmaakdatum", "AanmaakDatum", "aanmaakdatum"),
    "activiteit": ("Activiteit", "activiteit", "Activiteit_Id", "activiteitId"),
    "activiteit_nummer": ("ActiviteitNummer", "activiteitNummer"),
    "naam": ("Naam", "naam"),
    "functie": ("Functie", "functie"),
}
_NEXT_LINKS = ("@odata.nextLink", "odata.nextLink")
_ID_NAMES = _FIELDS["id"]


def parse_page(data: bytes, where: str) -> Page:
    """One JSON page: `{"value": [rows...], "@odata.nextLink": ...}`."""
    try:
        page = json.loads(data)
    except (ValueError, RecursionError) as e:
        raise KvtrackError(f"not valid JSON: {e}", where=Location(where)) from None
    if not isinstance(page, dict) or not isinstance(page.get("value"), list):
        raise KvtrackError(
            'not an OData page: expected an object with a "value" list of Toezegging rows',
            where=Location(where),
        )
    records = [_row(row, f"{where}: row {n}") for n, row in enumerate(page["value"], start=1)]
    next_url = next((page[k] for k in _NEXT_LINKS if isinstance(page.get(k), str)), None)
    return Page(tuple(records), next_url)


def _row(row: object, where: str) -> Toezegging:
    if not isinstance(row, dict):
        raise KvtrackError("the row is not an object", where=Location(where))
    entity_id = _first(row, _ID_NAMES)
    if not isinstance(entity_id, str) or not entity_id:
        found = ", ".join(sorted(row)[:12]) or "none"
        raise KvtrackError(
            f"unknown row shape: no Id (fields found: {found}); kvtrack reads OData v4/2.0 "
            "Toezegging rows (PascalCase) and the XSD's camelCase names",
            where=Location(where),
        )
    values: dict[str, Any] = {
        name: _first(row, names) for name, names in _FIELDS.items() if name != "id"
    }
    activiteit = values.pop("activiteit")
    onderwerp = None
    if isinstance(activiteit, dict):  # $expand=Activiteit
        values["activiteit_nummer"] = values["activiteit_nummer"] or _first(
            activiteit, ("Nummer", "nummer")
        )
        onderwerp = _first(activiteit, ("Onderwerp", "onderwerp"))
        activiteit = _first(activiteit, _ID_NAMES)
    try:
        changed = parse_changed(_text(values.pop("changed")))
    except ValueError:
        raise KvtrackError("GewijzigdOp is not an ISO date-time", where=Location(where)) from None
    return Toezegging(
        id=entity_id,
        where=where,
        changed=changed,
        deleted=values.pop("deleted") is True,
        kamerbrief_nakoming=_kamerbrief(values.pop("kamerbrief_nakoming")),
        activiteit=_text(activiteit),
        activiteit_onderwerp=_text(onderwerp),
        **{k: _text(v) for k, v in values.items()},
    )


def _first(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in row:
            return row[name]
    return None


def _kamerbrief(value: object) -> str | None:
    """A document number, or the expanded document(s) it names (`$expand=KamerbriefNakoming`)."""
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        numbers = [
            _text(_first(d, ("DocumentNummer", "documentNummer", "Nummer")))
            for d in value
            if isinstance(d, dict)
        ]
        return ", ".join(n for n in numbers if n) or None
    return _text(value)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None
