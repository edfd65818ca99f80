"""The ministries' usual abbreviations, from their full names as official registers write them.

The Tweede Kamer's Toezegging register names the ministry in full ("Infrastructuur en Waterstaat",
sometimes "Ministerie van Infrastructuur en Waterstaat"); kvtrack writes the abbreviation people
use (IenW). Names of earlier cabinets are kept so that old records map too.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    "Algemene Zaken": "AZ",
    "Asiel en Migratie": "AenM",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Buitenlandse Handel en Ontwikkelingssamenwerking": "BHO",
    "Buitenlandse Zaken": "BZ",
    "Defensie": "Defensie",
    "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK",
    "Economische Zaken, Landbouw en Innovatie": "EL&I",
    "Financiën": "Financiën",
    "Infrastructuur en Milieu": "IenM",
    "Infrastructuur en Waterstaat": "IenW",
    "Justitie en Veiligheid": "JenV",
    "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Onderwijs, Cultuur en Wetenschap": "OCW",
    "Sociale Zaken en Werkgelegenheid": "SZW",
    "Veiligheid en Justitie": "VenJ",
    "Volksgezondheid, Welzijn en Sport": "VWS",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer": "VROM",
}

_PREFIX = re.compile(r"^(?:het\s+)?ministerie\s+van\s+", re.IGNORECASE)


def _key(name: str) -> str:
    return " ".join(name.replace("ë", "e").replace("&", "en").split()).casefold()


_BY_KEY = {_key(name): abbreviation for name, abbreviation in ABBREVIATIONS.items()}


def ministry_abbreviation(name: str | None) -> str | None:
    """ "Ministerie van Infrastructuur en Waterstaat" → "IenW"; an unknown name comes back as
    written (without "Ministerie van"), so nothing is lost; blank → None."""
    if name is None or not name.strip():
        return None
    bare = _PREFIX.sub("", " ".join(name.split()))
    if bare.upper() in {a.upper() for a in ABBREVIATIONS.values()}:
        return next(a for a in ABBREVIATIONS.values() if a.upper() == bare.upper())
    return _BY_KEY.get(_key(bare), bare)
