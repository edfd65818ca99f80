"""Clauses of a Dutch sentence, well enough to ask: who is the subject of this verb, is it negated,
and is this someone else's plan being reported?

No parser: Dutch puts the finite verb second in a main clause ("In 2025 zal ik", "Het kabinet zal")
and last in a subordinate one ("dat ik uw Kamer ... zal informeren"), which together with a list of
words that open a clause without being its subject is enough for the cues the extractor uses.
"""

from __future__ import annotations

import re

CABINET = (
    r"(?:ik|wij|we|het\s+kabinet|de\s+regering|de\s+rijksoverheid|het\s+rijk|rijkswaterstaat"
    r"|het\s+rijksvastgoedbedrijf|defensie|(?:de|mijn|het|ons)\s+(?:\w+\s+)?(?:minister|ministers"
    r"|staatssecretaris|staatssecretarissen|ministerie|departement|collega|collega's|ambtgenoot"
    r"|ambtsgenoot|bewindspersoon|bewindspersonen|kabinet)(?:\s+(?:van|voor)\s+[A-Z][\w-]*"
    r"(?:(?:\s*,\s*|\s+en\s+|\s+)[A-Z][\w-]*){0,6})?(?:\s+en\s+ik)?)"
)
CABINET_AT_START = re.compile(rf"^(?:ook\s+|zelf\s+)?{CABINET}\b", re.IGNORECASE)
_CABINET_WHOLE = re.compile(
    rf"^(?:ook\s+|daarom\s+|dan\s+)?{CABINET}(?:\s+(?:zelf|ook|daarom|dan|vervolgens))?$",
    re.IGNORECASE,
)
_SUBJECT_PRONOUN = re.compile(r"^(?:ik|wij|we)\b", re.IGNORECASE)

SUBORDINATORS = (
    "dat", "die", "omdat", "zodat", "wanneer", "indien", "nadat", "voordat", "waarna", "waarbij",
    "waarmee", "waarin", "waardoor", "waarvan", "waarover", "waarop", "waaraan", "waarvoor",
    "terwijl", "hoewel", "zodra", "welke", "zoals", "alvorens", "mits", "tenzij", "totdat",
)  # fmt: skip
CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:" + "|".join(SUBORDINATORS) + r")\b", re.IGNORECASE)
_SEGMENT_BREAK = re.compile(
    r"[,;:()–—]|\b(?:" + "|".join(SUBORDINATORS) + r"|en|maar|of)\b", re.IGNORECASE
)

# Words that open a main clause without being its subject: after them come the finite verb and
# then the subject ("Daarom zal het kabinet", "Aansluitend zal ik").
_OPENERS = frozenset(
    {
        "in", "op", "na", "voor", "vóór", "bij", "met", "over", "tot", "vanaf", "per", "tegen",
        "tijdens", "binnen", "uiterlijk", "naar", "onder", "om", "aan", "uit", "sinds", "zonder",
        "namens", "via", "vanuit", "rond", "wegens", "ondanks", "dankzij", "conform", "gezien",
        "middels", "daarna", "daarom", "daarnaast", "daarbij", "daarmee", "daarvoor", "daarover",
        "daarop", "daartoe", "hierover", "hiervoor", "hierbij", "hiermee", "hierna", "hierop",
        "hiertoe", "ook", "tevens", "verder", "vervolgens", "aansluitend", "voorts", "dan", "dus",
        "echter", "wel", "nog", "eerst", "allereerst", "binnenkort", "komend", "komende", "dit",
        "deze", "volgend", "volgende", "eind", "begin", "medio", "half", "graag", "zo", "als",
        "zodra", "samen", "gezamenlijk", "uiteraard", "vanzelfsprekend", "mede", "alvast",
        "tenslotte", "ten", "bovendien", "nu", "inmiddels", "momenteel", "thans", "spoedig",
        "zeker", "concreet", "en", "maar", "of", "uiteindelijk", "zodoende", "derhalve", "evenwel",
        "tegelijkertijd", "vandaar", "intussen", "ondertussen", "later", "eerder", "straks",
    }
)  # fmt: skip
NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|noch|allerminst)\b", re.IGNORECASE)
_NOT_NEGATING = re.compile(
    r"\bniet\s+(?:alleen|enkel|uitsluitend|later\s+dan|te\s+lang|langer\s+dan\s+nodig"
    r"|uit\s+te\s+sluiten|onmogelijk)\b|\bgeen\s+(?:enkele\s+)?(?:twijfel|bezwaar)\b",
    re.IGNORECASE,
)


_PARENTHESIS = re.compile(r"\([^()]{0,200}\)")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The clause around text[start:end]: (begin, end, whether a subordinator opened it)."""
    return _bounds(CLAUSE_BREAK, text, start, end)


def segment_bounds(text: str, at: int) -> tuple[int, int]:
    """The smallest stretch around position `at` between clause breaks and "en"/"maar"/"of"."""
    begin, stop, _ = _bounds(_SEGMENT_BREAK, text, at, at + 1)
    return begin, stop


def _bounds(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int, bool]:
    # A parenthesis ("de regeling (Lbv)") is an aside, not a clause break: blank it out.
    text = _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), text)
    begin, subordinate = 0, False
    for m in pattern.finditer(text, 0, start):
        begin = m.end()
        subordinate = m.group(0)[:1].isalpha() and m.group(0).lower() not in ("en", "maar", "of")
    following = pattern.search(text, end)
    return begin, following.start() if following else len(text), subordinate


def negated(text: str, start: int, end: int) -> bool:
    """Is there a negation in the clause of text[start:end] ("niet in 2028 afgerond zal zijn")?"""
    begin, stop, _ = clause_bounds(text, start, end)
    clause = _NOT_NEGATING.sub(" ", text[begin:stop])
    return NEGATION.search(clause) is not None


def cabinet_subject(text: str, start: int, end: int) -> bool:
    """Is the cabinet the subject of the finite verb at text[start:end]?"""
    begin, stop, subordinate = clause_bounds(text, start, end)
    before = " ".join(text[begin:start].split())
    after = " ".join(text[end:stop].split())
    if _SUBJECT_PRONOUN.match(after) and not subordinate:
        return True  # "X zal ik": a subject pronoun after the verb is the subject
    if not before:
        return bool(CABINET_AT_START.match(after))  # ", zal het kabinet" / "Dat zal ik doen"
    if subordinate:
        return bool(CABINET_AT_START.match(before))  # "dat ik uw Kamer ... zal informeren"
    if _CABINET_WHOLE.match(before):
        return True
    first = before.split()[0].lower().strip("«“\"'(")
    if first in _OPENERS or first[:1].isdigit():
        return bool(CABINET_AT_START.match(after))  # inversion: "In 2025 zal het kabinet"
    return False


_REPORTING = re.compile(
    r"\b(?:gaf|gaven|geeft|geven)(?=\s+(?:\w+\s+){0,3}?aan\s+dat\b)|\bheeft\s+(?:mij\s+|ons\s+)?"
    r"(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd|bericht|verklaard)\b"
    r"|\bhebben\s+(?:mij\s+|ons\s+)?(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd)\b"
    r"|\b(?:laat|liet|lieten|laten)\s+(?:mij\s+|ons\s+)?weten\b|\b(?:meldt|meldde|stelde|schrijft"
    r"|schreef|kondigde|verwacht|verwachten|verwachtte|schat|schatten|raamt)\b"
    r"(?=\s+(?:\w+\s+){0,3}?dat\b)|\bvolgens\b",
    re.IGNORECASE,
)
_OWN_REFERENCE = re.compile(
    r"(?:de\s+)?(?:huidige\s+)?(?:planning|verwachting|afspraken?|wet|regeling)\b"
    r"(?!\s+van\s+(?!mij|het\s+kabinet))",
    re.IGNORECASE,
)


def third_party_frame(text: str) -> bool:
    """ "De HV gaf aan dat ...", "Volgens ProRail ...", "Kences schat dat ...": someone else's
    plan or estimate, reported."""
    for m in _REPORTING.finditer(text):
        if m.group(0).lower() == "volgens":
            rest = text[m.end() :].lstrip()
            if _OWN_REFERENCE.match(rest) or CABINET_AT_START.match(rest):
                continue
            return True
        if not cabinet_subject(text, m.start(), m.end()):
            return True
    return False
