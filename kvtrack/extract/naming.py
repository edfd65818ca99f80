"""Names for what the extractor proposes: slug ids, owners and places."""

from __future__ import annotations

import re
import unicodedata

_STOPWORDS = frozenset(
    {
     "de", "het", "een", "en", "of", "in", "op", "aan", "van", "voor", "met", "bij", "naar",
     "over", "om", "uit", "tot", "door", "als", "dat", "die", "dit", "deze", "er", "is", "zijn",
     "wordt", "worden", "werd", "zal", "zullen", "ik", "wij", "we", "u", "uw", "zij", "ze",
     "hij", "kan", "kunnen", "moet", "moeten", "niet", "geen", "ook", "nog", "al", "dan",
     "wel", "zo", "zoals", "waar", "wat", "wie", "hoe", "nu", "daarbij", "daarnaast", "daarom",
     "hierover", "hiervan", "hiermee", "daarmee", "tevens", "verder", "vervolgens", "eerst",
     "binnen", "na", "tijdens", "tussen", "onder", "sinds", "vanaf", "heeft", "hebben", "had",
     "hadden", "mijn", "ons", "onze", "haar", "hun", "zich", "te", "gaat", "gaan", "ga",
     "informeer", "stuur", "kamer", "minister", "ministers", "kabinet", "staatssecretaris",
     "regering", "artikel", "bericht", "vragen", "vraag", "antwoord", "antwoorden", "lid",
     "leden", "mede", "namens", "momenteel", "dergelijke", "meerdere", "andere", "nieuwe",
     "nieuw", "komende", "jaren", "jaar", "jaarlijks", "eind", "begin", "medio", "voorjaar",
     "najaar", "zomer", "kwartaal", "helft", "uiterlijk", "januari", "februari", "maart",
     "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
     "zoveel", "mogelijk", "graag", "verwacht", "verwachting", "kamerbrief", "brief",
     "kaart", "brengen", "willen", "maken", "nemen", "geven", "komen", "laten", "zien", "houden",
     "stellen", "zetten", "krijgen", "informeren", "sturen", "realiseren", "gerealiseerd",
     "genomen", "gebruik", "bieden", "onderzoeken", "locatie", "dergelijk", "onderdeel", "waarbij", "plaats", "vinden", "vindt",
    }
)  # fmt: skip


def slug(text: str, max_words: int = 4) -> str:
    """Lower-case ASCII words joined by hyphens: "Rijksbanen verdwijnen uit de regio" →
    "rijksbanen-verdwijnen-regio"."""
    words = [w for w in _ascii_words(text) if w not in _STOPWORDS]
    return "-".join(words[:max_words])


def _ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def key_words(quote: str, skip: str = "", count: int = 2) -> list[str]:
    """The words that tell one commitment from another: names first (capitalised words that do
    not open the sentence), then the longest content words; words of `skip` (the time phrase)
    are left out."""
    skipped = set(_ascii_words(skip))
    tokens = re.findall(r"[\wÀ-ÿ'’-]+", quote)
    names: list[str] = []
    others: list[str] = []
    for index, token in enumerate(tokens):
        for word in _ascii_words(token):
            if word in _STOPWORDS or word in skipped or word.isdigit() or len(word) < 3:
                continue
            target = names if index > 0 and token[:1].isupper() else others
            if word not in names and word not in others:
                target.append(word)
    others.sort(key=len, reverse=True)
    return (names + others)[:count]


def unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    n = 2
    while f"{candidate}-{n}" in taken:
        n += 1
    return f"{candidate}-{n}"


# --------------------------------------------------------------------------------------------
# Owners and places

_MINISTRIES: list[tuple[str, str]] = [
    (r"binnenlandse\s+zaken", "BZK"),
    (r"buitenlandse\s+handel", "BHO"),
    (r"buitenlandse\s+zaken", "BZ"),
    (r"economische\s+zaken\s+en\s+klimaat", "EZK"),
    (r"economische\s+zaken", "EZ"),
    (r"klimaat\s+en\s+groene\s+groei", "KGG"),
    (r"klimaat\s+en\s+energie", "EZK"),
    (r"natuur\s+en\s+stikstof", "LNV"),
    (r"financi[eë]n|fiscaliteit|toeslagen", "Financiën"),
    (r"infrastructuur\s+en\s+waterstaat|openbaar\s+vervoer", "IenW"),
    (r"justitie\s+en\s+veiligheid|rechtsbescherming|migratie", "JenV"),
    (r"veiligheid\s+en\s+justitie", "VenJ"),
    (r"asiel\s+en\s+migratie", "AenM"),
    (r"landbouw,?\s+visserij", "LVVN"),
    (r"landbouw,?\s+natuur", "LNV"),
    (r"onderwijs|cultuur\s+en\s+wetenschap|primair\s+en\s+voortgezet", "OCW"),
    (r"sociale\s+zaken|armoedebeleid|participatie", "SZW"),
    (r"volksgezondheid|medische\s+zorg|jeugd,?\s+preventie|langdurige", "VWS"),
    (r"volkshuisvesting", "VRO"),
    (r"defensie", "Defensie"),
    (r"algemene\s+zaken|minister-president", "AZ"),
    (r"digitalisering|koninkrijksrelaties", "BZK"),
]


def owner_from(answered_by: str | None) -> str | None:
    """The ministry of whoever answered first ("Minister Uitermark (Binnenlandse Zaken ...)" → BZK)."""
    if not answered_by:
        return None
    best: tuple[int, str] | None = None
    for pattern, abbreviation in _MINISTRIES:
        m = re.search(pattern, answered_by, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), abbreviation)
    return best[1] if best else None


# Provinces, the larger municipalities and the regions answers name most often.
_PLACES = (
    "Groningen", "Friesland", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    "Amsterdam", "Rotterdam", "Den Haag", "Eindhoven", "Tilburg", "Almere", "Breda", "Nijmegen",
    "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "Zwolle", "Leiden",
    "Maastricht", "Dordrecht", "Ede", "Zoetermeer", "Leeuwarden", "Emmen", "Assen", "Delft",
    "Heerlen", "Venlo", "Deventer", "Helmond", "Lelystad", "Den Bosch", "'s-Hertogenbosch",
    "Alkmaar", "Hilversum", "Hengelo", "Schiphol", "Rijnmond", "Noord-Nederland", "Randstad",
    "Caribisch Nederland", "Bonaire", "Sint Eustatius", "Saba", "Aruba", "Curaçao", "Sint Maarten",
    "Waddenzee", "Noordzee", "Veluwe", "Twente", "Achterhoek", "Brainport",
)  # fmt: skip
_PLACE_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(p) for p in sorted(_PLACES, key=len, reverse=True))
    + r")(?![\w-])"
)


def places_in(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(1) for m in _PLACE_PATTERN.finditer(text)))
