"""What the time-phrase rules share: the kinds, the context a phrase is read in, the pattern
building blocks and the arithmetic of picking a year."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.period import Period


class TimeKind(StrEnum):
    DEADLINE = "deadline"
    VAGUE = "vague"
    RANGE = "range"
    PAST = "past"


@dataclass(frozen=True, slots=True)
class Context:
    anchor: date | None
    text: str
    future: bool  # the sentence speaks of the future: a bare "in maart" is the next March


# After these words "voor" means "for", not "before": "gepland voor het eerste kwartaal".
PLANNED_BEFORE = re.compile(
    r"\b(?:gepland|voorzien|verwacht|beoogd|ingepland|aangekondigd|vastgesteld|begroot)\s*$",
    re.IGNORECASE,
)


Resolved = tuple[Period | None, TimeKind]
Handler = Callable[[re.Match[str], Context], Resolved | None]

# ---------------------------------------------------------------------------------------------
# Building blocks of the patterns. `<NAME>` in a template is replaced by the block of that name.

BLOCKS: dict[str, str] = {
    # A year, not part of a number, a range, an amount or an id like 2024Z17263.
    "Y": r"(?<![\d.,/])(?:19|20)\d{2}(?![\d]|[.,]\d|[-–/]\d|\s*(?:miljoen|miljard|mln|mld|euro|procent|%))",
    "REL": r"(?:dit|het\s+huidige|het\s+lopende|volgend|komend|aankomend|het\s+komende|het\s+volgende"
    r"|komende|volgende|vorig|verleden|afgelopen|het\s+vorige|het\s+afgelopen|het)\s+(?:kalender)?jaar",
    "MON": r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|(?:jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\.)",
    "MONDAY": r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december|(?:jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\.?)",
    "INTENS": r"(?:(?:nog|ruim|ruimschoots|ergens|al|zeker|bij\s+voorkeur|liefst|pas|naar\s+verwachting"
    r"|in\s+ieder\s+geval|uiterlijk|kort|vlak|ten\s+laatste|niet\s+later\s+dan)\s+)*",
    "PREP": r"(?:in\s+de\s+loop\s+van|in\s+het\s+jaar|in|gedurende|tijdens|per|vóór|voor|na|vanaf|sinds"
    r"|tot\s+en\s+met|tot|t/m|richting|rond|omstreeks|circa|ca\.|tegen|uiterlijk|ten\s+laatste"
    r"|niet\s+later\s+dan|met\s+ingang\s+van|m\.i\.v\.|op)",
    "NUM": r"(?:\d{1,3}|een\s+(?:halve|half)|anderhalf|één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien"
    r"|elf|twaalf|half)",
    "JL": r"(?P<jl>\s+(?:jl\.|j\.l\.|jongstleden|aanstaande|a\.s\.|aanst\.))?",
}
BLOCKS["YREF"] = (
    r"(?:(?:van\s+)?(?:het\s+(?:kalender)?jaar\s+)?(?P<y><Y>)|(?:van\s+)?(?P<rel><REL>))"
)


def compile(template: str) -> LazyPattern:
    """The rule's pattern, compiled at its first search: find_times searches it only in a
    sentence that holds its trigger (table.py), so most rules are never compiled for a document."""
    for _ in range(3):
        for name, block in BLOCKS.items():
            template = template.replace(f"<{name}>", block)
    return LazyPattern(template, re.IGNORECASE)


REL_OFFSETS: dict[str, int] = {
    "dit": 0, "huidige": 0, "lopende": 0, "het": 0, "volgend": 1, "komend": 1, "aankomend": 1,
    "komende": 1, "volgende": 1, "vorig": -1, "verleden": -1, "afgelopen": -1, "vorige": -1,
}  # fmt: skip

RANGE_PREPS = frozenset({"na", "vanaf", "sinds", "tot", "tot en met", "t/m", "richting"})
ROUGH_PREPS = frozenset({"rond", "omstreeks", "circa", "ca."})
BEFORE = frozenset({"voor", "vóór"})
DEADLINE_PREPS = frozenset(
    {"uiterlijk", "ten laatste", "niet later dan", "per", "tegen", "met ingang van", "m.i.v.",
     "in de loop van"} | BEFORE
)  # fmt: skip


def words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def before(prep: str, m: re.Match[str], ctx: Context) -> bool:
    """ "voor" in the strict sense (before), not as in "gepland voor het eerste kwartaal"."""
    return prep in BEFORE and not PLANNED_BEFORE.search(ctx.text[: m.start()])


def main_prep(pre: str | None) -> str:
    """The last preposition of a prefix like "nog ruim voor" → "voor"."""
    text = words(pre)
    for prep in sorted(PREP_WORDS, key=len, reverse=True):
        if text == prep or text.endswith(" " + prep):
            return prep
    return ""


PREP_WORDS = (
    RANGE_PREPS | ROUGH_PREPS | DEADLINE_PREPS
    | {"in", "in het jaar", "gedurende", "tijdens", "op"}
)  # fmt: skip


def names_year(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    return bool(groups.get("y") or groups.get("rel"))


def year_of(m: re.Match[str], anchor: date | None) -> int | None:
    """The year a match names (a number or "dit/volgend/vorig jaar"); None when it is relative and
    there is no anchor to resolve it against."""
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    rel = words(groups.get("rel")).split()
    if not rel or anchor is None:
        return None
    key = rel[1] if rel[0] == "het" and len(rel) > 2 else rel[0]
    return anchor.year + REL_OFFSETS.get(key, 0)


def next_year_where(anchor: date | None, ends: Callable[[int], date]) -> int | None:
    """The first year (from the anchor's) in which the moment `ends(year)` is not yet past."""
    if anchor is None:
        return None
    return anchor.year if ends(anchor.year) >= anchor else anchor.year + 1


def nearest_year(anchor: date | None, when: Callable[[int], date]) -> int | None:
    """The year that puts `when(year)` closest to the anchor (a bare "op 1 maart")."""
    if anchor is None:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(years, key=lambda y: abs((when(y) - anchor).days))


def last_year_where(anchor: date | None, starts: Callable[[int], date]) -> int | None:
    if anchor is None:
        return None
    return anchor.year if starts(anchor.year) <= anchor else anchor.year - 1


def kind_for_prep(prep: str) -> TimeKind:
    if prep in RANGE_PREPS or prep in ROUGH_PREPS:
        return TimeKind.RANGE
    return TimeKind.DEADLINE
