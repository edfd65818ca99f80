"""Clauses of a Dutch sentence, well enough to ask: who is the subject of this verb, is it negated,
and is this someone else's plan being reported?

No parser: Dutch puts the finite verb second in a main clause ("In 2025 zal ik", "Het kabinet zal")
and last in a subordinate one ("dat ik uw Kamer ... zal informeren"), which together with a list of
words that open a clause without being its subject is enough for the cues the extractor uses.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.lowercase import aligned_lower
from kvtrack.extract.cue_table import INFINITIVES, SERVICES

CABINET = (
    rf"(?:ik|wij|we|het\s+kabinet|de\s+regering|de\s+rijksoverheid|het\s+rijk|{SERVICES}"
    r"|(?:de|mijn|het|ons)\s+(?:\w+\s+)?(?:minister|ministers"
    r"|staatssecretaris|staatssecretarissen|ministerie|departement|collega|collega's|ambtgenoot"
    r"|ambtsgenoot|bewindspersoon|bewindspersonen|kabinet)(?:\s+(?:van|voor)\s+[A-Z][\w-]*"
    r"(?:(?:\s*,\s*|\s+en\s+|\s+)[A-Z][\w-]*){0,6})?(?:\s+en\s+ik)?)"
)
CABINET_AT_START = LazyPattern(rf"^(?:ook\s+|zelf\s+)?{CABINET}\b", re.IGNORECASE)
_CABINET_WHOLE = LazyPattern(
    rf"^(?:ook\s+|daarom\s+|dan\s+)?{CABINET}(?:\s+(?:zelf|ook|daarom|dan|vervolgens))?$",
    re.IGNORECASE,
)
_SUBJECT_PRONOUN = LazyPattern(r"^(?:ik|wij|we)\b", re.IGNORECASE)

SUBORDINATORS = (
    "dat", "die", "omdat", "zodat", "wanneer", "indien", "nadat", "voordat", "waarna", "waarbij",
    "waarmee", "waarin", "waardoor", "waarvan", "waarover", "waarop", "waaraan", "waarvoor",
    "terwijl", "hoewel", "zodra", "welke", "zoals", "alvorens", "mits", "tenzij", "totdat",
    "hoe", "waarom", "wanneer", "waar",
)  # fmt: skip
# A dash breaks a clause only when spaced ("– zo verwacht ik –"); "Roosendaal–Vlissingen" and
# "2025–2028" are one phrase.
_PUNCTUATION = r"[,;:()]|\s[–—]|[–—]\s"
CLAUSE_BREAK = LazyPattern(
    _PUNCTUATION + r"|\b(?:" + "|".join(SUBORDINATORS) + r")\b", re.IGNORECASE
)
# An "en" starts a new clause when a subject or a finite verb other than the cabinet's own actions
# follows ("wordt afgebouwd en vervalt per 1 januari"), not when it joins two nouns ("Gezondheidszorg
# en Jeugd") or two of the cabinet's actions ("We werken ... uit en presenteren die").
_VERB_FORMS = frozenset({*INFINITIVES, *INFINITIVES.values()})
_VERBS = "|".join(sorted(_VERB_FORMS, key=len, reverse=True))
_SEGMENT_BREAK = LazyPattern(
    _PUNCTUATION + r"|\b(?:" + "|".join(SUBORDINATORS) + r"|maar)\b"
    rf"|\ben\b(?=\s+(?:ik|wij|we|zij|ze|hij|er|daarna|vervolgens|dan|daarnaast|(?!het\b)[a-z]+t)\b)"
    rf"(?!\s+(?:{_VERBS})\b)",
    re.IGNORECASE,
)
# The two break patterns without IGNORECASE (written in lower case), for the lower-cased text.
_ON_LOWERED = {p: LazyPattern(p.pattern) for p in (CLAUSE_BREAK, _SEGMENT_BREAK)}
_ASIDE_WORDS = LazyPattern(
    r"\b(?:naar\s+verwachting|waarschijnlijk|vermoedelijk|dus|namelijk|en|of|uiterlijk|dat\s+wil"
    r"\s+zeggen)\b",
    re.IGNORECASE,
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
        "daarin", "hierin", "daaraan", "hieraan", "daaruit", "hieruit", "daarvan", "hiervan",
        "daarnaar", "hiernaar", "wellicht", "mogelijk",
    }
)  # fmt: skip
NEGATION = LazyPattern(r"\b(?:niet|geen|nooit|niets|noch|allerminst)\b", re.IGNORECASE)
_NOT_NEGATING = LazyPattern(
    r"\bniet\s+(?:alleen|enkel|uitsluitend|later\s+dan|te\s+lang|langer\s+dan\s+nodig"
    r"|uit\s+te\s+sluiten|onmogelijk)\b|\bgeen\s+(?:enkele\s+)?(?:twijfel|bezwaar)\b",
    re.IGNORECASE,
)


_PARENTHESIS = LazyPattern(r"\([^()]{0,200}\)")


@functools.lru_cache(maxsize=16)  # one sentence is asked about several times in a row
def _without_parentheses(text: str) -> str:
    """A parenthesis ("de regeling (Lbv)") is an aside, not a clause break: blanked out."""
    if "(" not in text:
        return text
    return _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), text)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The clause around text[start:end]: (begin, end, whether a subordinator opened it)."""
    return _bounds(CLAUSE_BREAK, text, start, end)


def segment_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The stretch of text[start:end] between clause breaks and an "en"/"maar"/"of" that starts a
    new clause."""
    begin, _, _ = _bounds(_SEGMENT_BREAK, text, start, start + 1)
    _, stop, _ = _bounds(_SEGMENT_BREAK, text, start, max(start + 1, end or start + 1))
    return begin, stop


def is_aside(text: str, start: int, end: int) -> bool:
    """Is text[start:end] set off on its own (", naar verwachting eind dit jaar,")?"""
    begin, stop = segment_bounds(text, start, end)
    rest = text[begin:start] + " " + text[end:stop]
    return not _ASIDE_WORDS.sub(" ", rest).strip(" ,;:–—.!?")


def _bounds(pattern: LazyPattern, text: str, start: int, end: int) -> tuple[int, int, bool]:
    text = _without_parentheses(text)
    breaks = _breaks(pattern, text)
    begin, subordinate = 0, False
    for m in _breaks_before(pattern, text, breaks, start):
        if _pronoun_not_subordinator(text, m):
            continue
        begin = m[1]
        subordinate = m[2][:1].isalpha() and m[2].lower() not in ("en", "maar", "of")
    stop = len(text)
    for m in _breaks_from(pattern, text, breaks, end):
        if not _pronoun_not_subordinator(text, m):
            stop = m[0]
            break
    return begin, stop, subordinate


_Break = tuple[int, int, str]  # start, end, text of a clause break


def _start_of(b: _Break) -> int:
    return b[0]


def _end_of(b: _Break) -> int:
    return b[1]


def _scan(pattern: LazyPattern, text: str, pos: int = 0, endpos: int | None = None) -> list[_Break]:
    """`pattern.finditer(text, pos, endpos)` as breaks. The lower-case patterns run on the
    lower-cased text (core/lowercase.py) where it can stand in: the same matches, found faster
    than by a case-insensitive search."""
    stop = len(text) if endpos is None else endpos
    lowered = _lowered(text)
    if lowered is None:
        return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text, pos, stop)]
    found = _ON_LOWERED[pattern].finditer(lowered, pos, stop)
    return [(m.start(), m.end(), text[m.start() : m.end()]) for m in found]


@functools.lru_cache(maxsize=16)
def _lowered(text: str) -> str | None:
    return aligned_lower(text)


@functools.lru_cache(maxsize=16)  # one sentence is asked about several times in a row
def _breaks(pattern: LazyPattern, text: str) -> tuple[_Break, ...]:
    """Every break in the text, found once; the questions about it take their part."""
    return tuple(_scan(pattern, text))


def _breaks_before(
    pattern: LazyPattern, text: str, breaks: tuple[_Break, ...], start: int
) -> Sequence[_Break]:
    """The breaks `pattern.finditer(text, 0, start)` finds, for a text cut off at `start`.

    For CLAUSE_BREAK, which looks no further than the character after a match: those of the
    whole text that end before `start`, then the short stretch up to `start` searched as if the
    text ended there. A pattern with lookaheads (the "en" of _SEGMENT_BREAK) may see a break
    before `start` differently once the text is cut there: it is searched afresh."""
    if pattern is not CLAUSE_BREAK:
        return _breaks_in_cut_text(pattern, text, start)
    kept = list(breaks[: bisect.bisect_left(breaks, start, key=_end_of)])  # ends are sorted
    resume = kept[-1][1] if kept else 0
    return kept + _scan(pattern, text, resume, start)


@functools.lru_cache(maxsize=16)  # segment_bounds asks twice for the same cut
def _breaks_in_cut_text(pattern: LazyPattern, text: str, start: int) -> tuple[_Break, ...]:
    return tuple(_scan(pattern, text, 0, start))


def _breaks_from(
    pattern: LazyPattern, text: str, breaks: tuple[_Break, ...], end: int
) -> list[_Break]:
    """The breaks `pattern.finditer(text, end)` finds: those of the whole text from `end` on,
    unless one of them straddles `end` (then the text is searched from there)."""
    first = bisect.bisect_left(breaks, end, key=_start_of)
    if first > 0 and breaks[first - 1][1] > end:  # only the break before can straddle `end`
        return _scan(pattern, text, end)
    return list(breaks[first:])


def _pronoun_not_subordinator(text: str, m: _Break) -> bool:
    """ "presenteren die bij de Voorjaarsnota": after a verb, "die"/"dat" is an object pronoun."""
    if m[2].lower() not in ("die", "dat"):
        return False
    before = text[: m[0]].rstrip()
    first = len(before)
    while first > 0 and (before[first - 1].isalnum() or before[first - 1] == "_"):
        first -= 1  # the word before: the \w+ run that ends there
    return first < len(before) and before[first:].lower() in _VERB_FORMS


def negated(text: str, start: int, end: int) -> bool:
    """Is there a negation in the clause of text[start:end] ("niet in 2028 afgerond zal zijn")?"""
    begin, stop, _ = clause_bounds(text, start, end)
    clause = _NOT_NEGATING.sub(" ", text[begin:stop])
    return NEGATION.search(clause) is not None


# A subordinate clause closes with its finite verb; a main clause's verb may follow at once.
_ENDS_IN_FINITE = LazyPattern(
    r"\b(?:is|zijn|was|waren|heeft|hebben|wordt|worden|kan|kunnen|moet|moeten|blijkt|komt)$",
    re.IGNORECASE,
)


def cabinet_subject(text: str, start: int, end: int) -> bool:
    """Is the cabinet the subject of the finite verb at text[start:end]?"""
    begin, stop, subordinate = clause_bounds(text, start, end)
    before = " ".join(text[begin:start].split())
    after = " ".join(text[end:stop].split())
    if _SUBJECT_PRONOUN.match(after) and not subordinate:
        return True  # "X zal ik": a subject pronoun after the verb is the subject
    if _SUBJECT_PRONOUN.match(after) and _ENDS_IN_FINITE.search(before):
        return True  # "Op het moment dat dit beeld beschikbaar is zal ik": the comma left out
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


_REPORTING = LazyPattern(
    r"\b(?:gaf|gaven|geeft|geven)(?=\s+(?:\w+\s+){0,3}?aan\s+dat\b)|\bheeft\s+(?:mij\s+|ons\s+)?"
    r"(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd|bericht|verklaard)\b"
    r"|\bhebben\s+(?:mij\s+|ons\s+)?(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd)\b"
    r"|\b(?:laat|liet|lieten|laten)\s+(?:mij\s+|ons\s+)?weten\b|\b(?:meldt|meldde|stelde|schrijft"
    r"|schreef|kondigde|verwacht|verwachten|verwachtte|schat|schatten|raamt)\b"
    r"(?=\s+(?:\w+\s+){0,3}?dat\b)|\bvolgens\b",
    re.IGNORECASE,
)
_OWN_REFERENCE = LazyPattern(
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
