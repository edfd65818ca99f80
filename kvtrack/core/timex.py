"""Dutch time phrases → periods, relative to the date of the answer they occur in.

`find_times(text, anchor)` finds every time phrase in a sentence; `normalise(phrase, anchor)` gives the
first one. Each phrase gets a kind:

- ``deadline``: a time frame something is due in ("in 2025", "voor de zomer", "uiterlijk 1 juli 2025");
- ``vague``: a time frame without a period ("de komende jaren", "op korte termijn"): period None;
- ``range``: a span, a starting point or a rough forecast ("na 2025", "tot 2028", "vanaf 2026",
  "rond 2030"), or a year as a topic ("de begroting voor 2026"): never a deadline;
- ``past``: a time before the answer date ("eind vorig jaar", "16 mei jl.", "in 2023").

Choices, made once here (docs/extract.md explains them to users):

- "eind 2025" → 2025-Q4, "begin 2026" → 2026-Q1, "medio 2026" → 2026-07 (mid-year is June-July; the
  later month, so a promise is not overdue while the phrase can still be true).
- voorjaar → H1, najaar / herfst → H2, zomer → Q3.
- "voor de zomer(reces)" → the last day before the summer recess (the Thursday between 1 and 7 July);
  "voor het kerstreces" likewise in December; "voor Prinsjesdag" → the day before the third Tuesday of
  September; "na de zomer" → H2.
- "voor" + a point in time is strict: "voor 1 januari 2026" → 2025-12-31, "voor september" → August.
  "voor 2030" is a deadline (2029) only when the wording makes it one ("ruim voor 2030", "vóór 2030",
  "voor 2030 afgerond"); otherwise it usually means "for 2030" and counts as a range.
- A phrase without a year takes the next such moment after the answer date ("voor de zomer",
  "in het najaar"); a bare date or month ("op 1 maart") the nearest one; "jl." the last one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from kvtrack.core import calendar_nl as cal
from kvtrack.core.period import Period


class TimeKind(StrEnum):
    DEADLINE = "deadline"
    VAGUE = "vague"
    RANGE = "range"
    PAST = "past"


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time phrase as written (`text`, at `start:end` in the searched text) and what it means."""

    text: str
    start: int
    end: int
    period: Period | None
    kind: TimeKind


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: date | None
    text: str
    future: bool  # the sentence speaks of the future: a bare "in maart" is the next March


Resolved = tuple[Period | None, TimeKind]
Handler = Callable[[re.Match[str], _Context], Resolved | None]

# ---------------------------------------------------------------------------------------------
# Building blocks of the patterns. `<NAME>` in a template is replaced by the block of that name.

_BLOCKS: dict[str, str] = {
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
_BLOCKS["YREF"] = (
    r"(?:(?:van\s+)?(?:het\s+(?:kalender)?jaar\s+)?(?P<y><Y>)|(?:van\s+)?(?P<rel><REL>))"
)


def _compile(template: str) -> re.Pattern[str]:
    for _ in range(3):
        for name, block in _BLOCKS.items():
            template = template.replace(f"<{name}>", block)
    return re.compile(template, re.IGNORECASE)


_REL_OFFSETS: dict[str, int] = {
    "dit": 0, "huidige": 0, "lopende": 0, "het": 0, "volgend": 1, "komend": 1, "aankomend": 1,
    "komende": 1, "volgende": 1, "vorig": -1, "verleden": -1, "afgelopen": -1, "vorige": -1,
}  # fmt: skip

_RANGE_PREPS = frozenset({"na", "vanaf", "sinds", "tot", "tot en met", "t/m", "richting"})
_ROUGH_PREPS = frozenset({"rond", "omstreeks", "circa", "ca."})
_BEFORE = frozenset({"voor", "vóór"})
_DEADLINE_PREPS = frozenset(
    {"uiterlijk", "ten laatste", "niet later dan", "per", "tegen", "met ingang van", "m.i.v.",
     "in de loop van"} | _BEFORE
)  # fmt: skip


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _before(prep: str, m: re.Match[str], ctx: _Context) -> bool:
    """ "voor" in the strict sense (before), not as in "gepland voor het eerste kwartaal"."""
    return prep in _BEFORE and not _PLANNED_BEFORE.search(ctx.text[: m.start()])


def _main_prep(pre: str | None) -> str:
    """The last preposition of a prefix like "nog ruim voor" → "voor"."""
    text = _words(pre)
    for prep in sorted(_PREP_WORDS, key=len, reverse=True):
        if text == prep or text.endswith(" " + prep):
            return prep
    return ""


_PREP_WORDS = (
    _RANGE_PREPS | _ROUGH_PREPS | _DEADLINE_PREPS
    | {"in", "in het jaar", "gedurende", "tijdens", "op"}
)  # fmt: skip


def _names_year(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    return bool(groups.get("y") or groups.get("rel"))


def _year_of(m: re.Match[str], anchor: date | None) -> int | None:
    """The year a match names (a number or "dit/volgend/vorig jaar"); None when it is relative and
    there is no anchor to resolve it against."""
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    rel = _words(groups.get("rel")).split()
    if not rel or anchor is None:
        return None
    key = rel[1] if rel[0] == "het" and len(rel) > 2 else rel[0]
    return anchor.year + _REL_OFFSETS.get(key, 0)


def _next_year_where(anchor: date | None, ends: Callable[[int], date]) -> int | None:
    """The first year (from the anchor's) in which the moment `ends(year)` is not yet past."""
    if anchor is None:
        return None
    return anchor.year if ends(anchor.year) >= anchor else anchor.year + 1


def _nearest_year(anchor: date | None, when: Callable[[int], date]) -> int | None:
    """The year that puts `when(year)` closest to the anchor (a bare "op 1 maart")."""
    if anchor is None:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(years, key=lambda y: abs((when(y) - anchor).days))


def _last_year_where(anchor: date | None, starts: Callable[[int], date]) -> int | None:
    if anchor is None:
        return None
    return anchor.year if starts(anchor.year) <= anchor else anchor.year - 1


def _kind_for_prep(prep: str) -> TimeKind:
    if prep in _RANGE_PREPS or prep in _ROUGH_PREPS:
        return TimeKind.RANGE
    return TimeKind.DEADLINE


# ---------------------------------------------------------------------------------------------
# Parliamentary moments


def _summer_before(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor

    def last_day(y: int) -> date:
        return cal.summer_recess_start(y) - timedelta(days=1)

    year = _year_of(m, anchor) if _names_year(m) else _next_year_where(anchor, last_day)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.day(last_day(year)), TimeKind.DEADLINE


def _summer_after(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    if _names_year(m):
        year = _year_of(m, anchor)
    else:
        year = _next_year_where(anchor, lambda y: date(y, 8, 31))
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.half(year, 2), TimeKind.DEADLINE


def _prinsjesdag(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    before = _main_prep(m["pre"]) in _BEFORE
    year = _year_of(m, anchor) if _names_year(m) else _next_year_where(anchor, cal.prinsjesdag)
    if year is None:
        return None, TimeKind.DEADLINE
    day = cal.prinsjesdag(year) - timedelta(days=1 if before else 0)
    return Period.day(day), TimeKind.DEADLINE


def _budget_moment(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    """Voorjaarsnota (sent before 1 June), Najaarsnota (before 1 December), Miljoenennota and
    begroting (Prinsjesdag of the year before the budget year)."""
    doc = m["doc"].lower()
    y = int(m["y"]) if m["y"] else None

    def when(year: int) -> date:
        if doc.startswith("voorjaar"):
            return date(year, 5, 31)
        if doc.startswith("najaar"):
            return date(year, 11, 30)
        return cal.prinsjesdag(year)

    if y is not None:
        year: int | None = y if doc.startswith(("voorjaar", "najaar")) else y - 1
    else:
        year = _next_year_where(anchor, when)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.day(when(year)), TimeKind.DEADLINE


def _christmas(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor

    def last_day(y: int) -> date:
        return cal.christmas_recess_start(y) - timedelta(days=1)

    year = _year_of(m, anchor) if _names_year(m) else _next_year_where(anchor, last_day)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.day(last_day(year)), TimeKind.DEADLINE


def _after_christmas(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    year = _year_of(m, anchor) if _names_year(m) else (anchor.year if anchor else None)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.quarter(year + 1, 1), TimeKind.DEADLINE


_OTHER_RECESS_MONTH = {"herfst": 10, "voorjaars": 2, "krokus": 2, "mei": 4}


def _other_recess(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    month = _OTHER_RECESS_MONTH[m["which"].lower()]
    if _names_year(m):
        year = _year_of(m, anchor)
    else:
        year = _next_year_where(anchor, lambda y: Period.month(y, month).end)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.month(year, month), TimeKind.DEADLINE


def _year_turn(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    if _words(m["pre"]) == "rond":
        return None, TimeKind.VAGUE
    if anchor is None:
        return None, TimeKind.DEADLINE
    return Period.quarter(anchor.year, 4), TimeKind.DEADLINE


# ---------------------------------------------------------------------------------------------
# Parts of a year: eind / begin / medio, seasons, quarters, halves

_SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    # natural start and end (month, day), used to pick the year of a phrase without one
    "voorjaar": ((3, 1), (5, 31)),
    "lente": ((3, 1), (5, 31)),
    "zomer": ((6, 1), (8, 31)),
    "najaar": ((9, 1), (11, 30)),
    "herfst": ((9, 1), (11, 30)),
}


def _part_period(part: str, m: re.Match[str], year: int) -> Period | None:
    if part in ("voorjaar", "lente"):
        return Period.half(year, 1)
    if part in ("najaar", "herfst"):
        return Period.half(year, 2)
    if part == "zomer":
        return Period.quarter(year, 3)
    if part in ("eind", "einde", "ultimo"):
        return Period.quarter(year, 4)
    if part in ("begin", "start", "primo", "aanvang"):
        return Period.quarter(year, 1)
    if part in ("medio", "midden", "half", "halverwege"):
        return Period.month(year, 7)
    if m["qo"] or m["qn"]:
        n = cal.ORDINALS[m["qo"].lower()] if m["qo"] else int(m["qn"])
        return Period.quarter(year, 4 if n == -1 else n)
    if m["ho"] or m["hn"]:
        n = cal.ORDINALS[m["ho"].lower()] if m["ho"] else int(m["hn"])
        return Period.half(year, 2 if n == -1 else n)
    return None


def _part_key(m: re.Match[str]) -> str:
    if m["qo"] or m["qn"]:
        return "kwartaal"
    if m["ho"] or m["hn"]:
        return "helft"
    return _words(m["part"]).split()[-1]


def _part_of_year(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    part = _part_key(m)
    prep = _main_prep(m["pre"])
    qualifier = _words(m["q"])
    named = _names_year(m)
    needs_year = part not in _SEASONS and part not in ("kwartaal", "helft", "winter")
    if not named and (needs_year or m["qn"] or m["hn"]):
        return None  # "in het begin", "aan het eind", H2 (hydrogen): not a time frame
    if part == "winter":
        return None, TimeKind.VAGUE
    year = _year_of(m, anchor) if named else _year_from_qualifier(m, part, qualifier, anchor)
    if year is None:
        return None, _kind_for_prep(prep)
    period = _part_period(part, m, year)
    if period is None:
        return None
    if _before(prep, m, ctx) and part in _SEASONS:
        period = Period.month(year, _SEASONS[part][0][0] - 1)
    elif _before(prep, m, ctx) and part in ("kwartaal", "helft"):
        period = Period.day(period.start - timedelta(days=1))
    kind = TimeKind.PAST if qualifier in ("vorig", "vorige", "afgelopen") else _kind_for_prep(prep)
    return period, kind


def _year_from_qualifier(
    m: re.Match[str], part: str, qualifier: str, anchor: date | None
) -> int | None:
    if anchor is None:
        return None
    if part in _SEASONS:
        (sm, sd), (em, ed) = _SEASONS[part]
        if qualifier in ("dit", "deze"):
            return anchor.year
        if qualifier.startswith(("komend", "aankomend", "volgend")):
            return anchor.year if date(anchor.year, sm, sd) > anchor else anchor.year + 1
        if qualifier in ("vorig", "vorige", "afgelopen"):
            return _last_year_where(anchor, lambda y: date(y, em, ed))
        return _next_year_where(anchor, lambda y: date(y, em, ed))
    period = _part_period(part, m, anchor.year)
    if period is None:
        return None
    if qualifier.startswith(("komend", "aankomend", "volgend")):
        return anchor.year if period.start > anchor else anchor.year + 1
    if qualifier in ("dit", "deze"):
        return anchor.year
    return anchor.year if period.end >= anchor else anchor.year + 1


# ---------------------------------------------------------------------------------------------
# Months and dates


def _month(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    if not (m["pre"] or m["mod"] or m["y"] or m["rel"] or m["jl"]):
        return None  # a bare month name is too weak a signal
    month = cal.month_number(m["mon"])
    if month is None:
        return None
    prep = _main_prep(m["pre"])
    jl = _words(m["jl"])
    if _names_year(m):
        year = _year_of(m, anchor)
    else:
        year = _year_for_yearless(ctx, prep, jl, lambda y: Period.month(y, month).end)
    if year is None:
        return None, _kind_for_prep(prep)
    period = Period.month(year, month)
    if _before(prep, m, ctx) and not m["mod"]:
        previous = period.start - timedelta(days=1)
        period = Period.month(previous.year, previous.month)
    return period, _kind_for_prep(prep)


def _year_for_yearless(
    ctx: _Context, prep: str, jl: str, moment: Callable[[int], date]
) -> int | None:
    anchor = ctx.anchor
    if jl.startswith(("jl", "j.l", "jongst")):
        return _last_year_where(anchor, moment)
    if jl or ctx.future or prep in _DEADLINE_PREPS:
        return _next_year_where(anchor, moment)
    return _nearest_year(anchor, moment)


def _day(m: re.Match[str], ctx: _Context) -> Resolved | None:
    month = cal.month_number(m["mon"]) if m["mon"] else int(m["m"])
    day_number = int(m["d"])
    if month is None or not 1 <= month <= 12 or not 1 <= day_number <= 31:
        return None
    prep = _main_prep(m["pre"])

    def when(y: int) -> date:
        try:
            return date(y, month, day_number)
        except ValueError:
            return date(y, month, 28)

    if m["y"]:
        year: int | None = int(m["y"])
    else:
        year = _year_for_yearless(ctx, prep, _words(m.groupdict().get("jl")), when)
    if year is None:
        return None, _kind_for_prep(prep)
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    if _before(prep, m, ctx):
        day -= timedelta(days=1)
    return Period.day(day), _kind_for_prep(prep)


# ---------------------------------------------------------------------------------------------
# Years

_PLANNED_BEFORE = re.compile(
    r"\b(?:gepland|voorzien|verwacht|beoogd|ingepland|aangekondigd|vastgesteld|begroot)\s*$",
    re.IGNORECASE,
)
_DONE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:gereed|klaar|afgerond|af\b|voltooid|gerealiseerd|gehaald|bereikt"
    r"|afronden|realiseren|opleveren|opgeleverd|afgeschaft|ingevoerd|invoeren|in\s+werking)",
    re.IGNORECASE,
)


def _year(m: re.Match[str], ctx: _Context) -> Resolved | None:
    text = ctx.text
    year = int(m["y"])
    pre = _words(m["pre"])
    prep = _main_prep(pre)
    if prep == "per" or prep in ("met ingang van", "m.i.v."):
        return Period.day(date(year, 1, 1)), TimeKind.DEADLINE
    if prep in _BEFORE:
        return _before_year(m, year, pre, text)
    if prep in _RANGE_PREPS or prep in _ROUGH_PREPS:
        return Period.year(year), TimeKind.RANGE
    if prep in ("op", "aan"):
        return None
    return Period.year(year), TimeKind.DEADLINE


def _before_year(m: re.Match[str], year: int, pre: str, text: str) -> Resolved:
    """ "voor 2030": a deadline (2029) when the wording makes it one, else "for 2030" (a range)."""
    if _PLANNED_BEFORE.search(text[: m.start()]):
        return Period.year(year), TimeKind.DEADLINE
    accented = "vóór" in pre
    intensified = pre not in ("voor", "vóór")
    if accented or intensified or _DONE_AFTER.match(text[m.end() :]):
        return Period.year(year - 1), TimeKind.DEADLINE
    return Period.year(year), TimeKind.RANGE


def _two_years(m: re.Match[str], ctx: _Context) -> Resolved | None:
    first, last = int(m["y1"]), int(m["y2"])
    if not 0 < last - first <= 50:
        return None
    pre = _words(m["pre"])
    conj = _words(m["conj"])
    if pre in ("in", "uiterlijk in", "uiterlijk") and conj in ("en", "of"):
        return Period.year(last), TimeKind.DEADLINE
    return Period.year(last), TimeKind.RANGE


def _short_quarter_any(m: re.Match[str], ctx: _Context) -> Resolved | None:
    if m["code"]:
        return _short_quarter_from(int(m["y"]), m["code"])
    return _short_quarter_from(int(m["y2"]), m["code2"])


def _short_quarter_from(year: int, code: str) -> Resolved | None:
    n = int(code[1])
    if code[0].upper() == "Q":
        return (Period.quarter(year, n), TimeKind.DEADLINE) if 1 <= n <= 4 else None
    return (Period.half(year, n), TimeKind.DEADLINE) if n in (1, 2) else None


def _relative_year(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    year = _year_of(m, anchor)
    pre = _words(m["pre"])
    prep = _main_prep(pre)
    if pre.startswith("eerder"):
        return (None if year is None else Period.year(year)), TimeKind.PAST
    if prep in _BEFORE:
        return None, TimeKind.RANGE
    if year is None:
        return None, _kind_for_prep(prep)
    return Period.year(year), _kind_for_prep(prep)


# ---------------------------------------------------------------------------------------------
# Durations and vague phrases

_UNIT_MONTHS = {"jaar": 12, "jaren": 12, "halfjaar": 6, "kwartaal": 3, "kwartalen": 3}


def _number(text: str) -> float | None:
    key = _words(text)
    if key.isdigit():
        return float(key)
    return cal.NUMBER_WORDS.get(key)


def _duration(m: re.Match[str], ctx: _Context) -> Resolved | None:
    anchor = ctx.anchor
    n = _number(m["n"])
    if n is None or n <= 0 or n > 100:
        return None
    if anchor is None:
        return None, TimeKind.DEADLINE
    unit = m["u"].lower()
    if unit.startswith("werkdag"):
        day = cal.add_working_days(anchor, round(n))
    elif unit.startswith("dag"):
        day = anchor + timedelta(days=round(n))
    elif unit.startswith("we"):
        day = anchor + timedelta(days=round(7 * n))
    elif unit.startswith("maand"):
        day = cal.add_months(anchor, round(n)) if n >= 1 else anchor + timedelta(days=round(30 * n))
    else:
        day = cal.add_months(anchor, round(n * _UNIT_MONTHS[unit]))
    return Period.day(day), TimeKind.DEADLINE


def _constant(kind: TimeKind) -> Handler:
    def handler(_m: re.Match[str], _ctx: _Context) -> Resolved:
        return None, kind

    return handler


# ---------------------------------------------------------------------------------------------
# The table. Where two rules match overlapping text, the earliest and then the longest match wins;
# at equal spans the rule listed first wins.

_BEFORE_WORDS = (
    r"(?:(?:nog|ruim|ruimschoots|kort|vlak|uiterlijk|in\s+ieder\s+geval|zeker)\s+)*(?:vóór|voor)"
)

_RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("summer-before", _compile(
        rf"\b{_BEFORE_WORDS}\s+(?:de\s+zomer(?:vakantie)?|het\s+zomer\s?reces|zomerreces)"
        r"(?:\s+<YREF>)?\b"), _summer_before),
    ("summer-after", _compile(
        r"\b(?:(?:direct|kort|vlak|snel)\s+)?na\s+(?:de\s+zomer(?:vakantie)?|het\s+zomer\s?reces)"
        r"(?:\s+<YREF>)?\b"), _summer_after),
    ("prinsjesdag", _compile(
        r"(?:\b(?P<pre>(?:nog\s+|ruim\s+|uiterlijk\s+)*(?:vóór|voor|op|met|rond|bij|uiterlijk))\s+)?"
        r"\bPrinsjesdag(?:\s+<YREF>)?\b"), _prinsjesdag),
    ("budget", _compile(
        r"\b(?:bij|met|in)\s+de\s+(?P<doc>voorjaarsnota|najaarsnota|miljoenennota"
        r"|(?:ontwerp)?begroting(?=\s+(?:voor\s+|van\s+)?(?:19|20)\d\d))"
        r"(?:\s+(?:voor\s+|van\s+)?(?P<y>(?:19|20)\d{2}))?\b"), _budget_moment),
    ("christmas", _compile(
        rf"\b{_BEFORE_WORDS}\s+(?:het\s+kerst\s?reces|kerstreces|de\s+kerst(?:vakantie|dagen)?|kerst(?:mis)?)"
        r"(?:\s+<YREF>)?\b"), _christmas),
    ("christmas-after", _compile(
        r"\bna\s+(?:het\s+kerst\s?reces|de\s+kerst(?:vakantie)?|de\s+jaarwisseling)"
        r"(?:\s+<YREF>)?\b"), _after_christmas),
    ("other-recess", _compile(
        rf"\b{_BEFORE_WORDS}\s+het\s+(?P<which>herfst|voorjaars|krokus|mei)\s?reces(?:\s+<YREF>)?\b"),
     _other_recess),
    ("year-turn", _compile(r"\b(?P<pre>vóór|voor|rond|uiterlijk\s+bij)\s+de\s+jaarwisseling\b"),
     _year_turn),
    ("day", _compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?(?:\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
        r"|zondag)\s+)?\b(?P<d>[0-3]?\d)(?:e|ste|de)?\s+(?P<mon><MONDAY>)(?:\s+(?P<y><Y>))?<JL>"
        r"(?![\w-])"), _day),
    ("numeric-date", _compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?\b(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.]"
        r"(?P<y>(?:19|20)\d{2})\b(?P<mon>)"), _day),
    ("iso-date", _compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"
        r"(?P<mon>)"), _day),
    ("month", _compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?(?<![\d]\s)(?<!\d)"
        r"(?:\b(?P<mod>begin|eind(?:e)?|einde|medio|half|halverwege|midden|ultimo|start)\s+(?:van\s+)?)?"
        r"\b(?P<mon><MON>)(?:\s+(?:van\s+)?<YREF>)?<JL>(?![\w-])"), _month),
    ("part-of-year", _compile(
        r"(?:\b(?P<pre><INTENS>(?:<PREP>|aan\s+het|tegen\s+het|in\s+het|op\s+het|in\s+de))\s+)?"
        r"(?:\b(?P<q>komende?|aankomende?|dit|deze|volgende?|vorige?|afgelopen)\s+)?"
        r"(?:\b(?:het|de)\s+)?"
        r"(?P<part>\beind(?:e)?\b|\beinde\b|\bultimo\b|\bbegin\b|\bstart\b|\bprimo\b|\baanvang\b|\bmedio\b"
        r"|\bmidden\b|\bhalverwege\b|\bhalf\b|\bvoorjaar\b|\blente\b|\bzomer\b|\bnajaar\b|\bherfst\b"
        r"|\bwinter\b"
        r"|\b(?P<qo>eerste|tweede|derde|vierde|1e|2e|3e|4e|1ste|2de|3de|4de|laatste)\s+kwartaal\b"
        r"|\bQ(?P<qn>[1-4])\b"
        r"|\b(?P<ho>eerste|tweede|1e|2e|1ste|2de|laatste)\s+(?:helft|jaarhelft|halfjaar|half\s+jaar)\b"
        r"|\bH(?P<hn>[12])\b)"
        r"(?:\s+<YREF>)?(?![\w-])"), _part_of_year),
    ("short-quarter", _compile(
        r"\b(?:(?P<y><Y>)[-\s]?(?P<code>[QH][1-4])|(?P<code2>[QH][1-4])-(?P<y2>(?:19|20)\d{2}))\b"),
     _short_quarter_any),
    ("two-years", _compile(
        r"(?:\b(?P<pre>in\s+de\s+(?:jaren|periode)|in|tussen|van(?:af)?|uiterlijk(?:\s+in)?)\s+)?"
        r"(?<![\d.,/])(?P<y1>(?:19|20)\d{2})\s*(?P<conj>[-–—/]|tot\s+en\s+met|tot|t/m|en|of)\s*"
        r"(?P<y2>(?:19|20)\d{2})(?!\d)"), _two_years),
    ("year", _compile(r"\b(?P<pre><INTENS><PREP>)\s+(?:(?:het\s+)?(?:kalender)?jaar\s+)?(?P<y><Y>)"),
     _year),
    ("relative-year", _compile(
        r"(?:\b(?P<pre>(?:(?:nog|eerder|later|al|pas|uiterlijk|ergens)\s+)?"
        r"(?:in\s+de\s+loop\s+van|in|gedurende|vanaf|sinds|na|tot|voor|vóór)?)\s*)"
        r"\b(?P<rel>(?:dit|volgend|komend|aankomend|komende|volgende|vorig|verleden|afgelopen"
        r"|het\s+(?:huidige|lopende|komende|volgende|vorige|afgelopen))\s+(?:kalender)?jaar)\b"),
     _relative_year),
    ("duration", _compile(
        r"\b(?:binnen(?:\s+de(?:\s+komende)?)?|uiterlijk\s+over|over|(?:in\s+|gedurende\s+)?de\s+komende)"
        r"\s+(?P<n><NUM>)\s+"
        r"(?P<u>werkdag(?:en)?|dag(?:en)?|week|weken|maand(?:en)?|jaar|jaren|halfjaar|kwartaal"
        r"|kwartalen)\b"), _duration),
    ("vague", _compile(
        r"\b(?:(?:in|binnen|gedurende|over)\s+)?(?:de\s+)?(?:komende|aankomende|enkele|een\s+aantal"
        r"|afzienbare|korte)\s+(?:jaren|maanden|weken|dagen|periode|tijd)\b(?!\s+geleden)"
        r"|\bop\s+(?:zo\s+)?(?:korte|kortst\s+mogelijke|zo\s+kort\s+mogelijke|middellange"
        r"|(?:de\s+)?lange|afzienbare)\s+termijn\b|\bop\s+termijn\b|\bbinnenkort\b|\bspoedig\b"
        r"|\bzo\s+(?:spoedig|snel)\s+mogelijk\b|\bz\.s\.m\.|\bzsm\b|\bte\s+zijner\s+tijd\b"
        r"|\bt\.z\.t\.|\bin\s+de\s+nabije\s+toekomst\b|\bop\s+een\s+later(?:e)?\s+moment\b"
        r"|\b(?:(?:nog\s+)?(?:in|voor\s+het\s+einde\s+van)\s+)?(?:deze|de\s+huidige)\s+kabinetsperiode\b"),
     _constant(TimeKind.VAGUE)),
    ("past-vague", _compile(
        r"\b(?:de\s+)?(?:afgelopen|voorbije|vorige)\s+(?:jaren|maanden|weken|periode|decennia|tijd)\b"
        r"|\bonlangs\b|\brecentelijk\b|\bdestijds\b|\bjarenlang\b|\bvorige\s+(?:week|maand)\b"),
     _constant(TimeKind.PAST)),
]  # fmt: skip


def find_times(text: str, anchor: date | None = None, *, future: bool = False) -> list[TimeRef]:
    """Every time phrase in `text`, left to right, none overlapping.

    `anchor` is the answer's date; `future` says the sentence speaks of what is still to come, so a
    date or month without a year is its next occurrence rather than the nearest one.
    """
    context = _Context(anchor, text, future)
    found: list[tuple[int, int, int, Resolved]] = []
    for order, (_name, pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(text):
            if m.end() <= m.start():
                continue
            resolved = handler(m, context)
            if resolved is not None:
                start, end = _trim(text, m.start(), m.end())
                found.append((start, end, order, resolved))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    refs: list[TimeRef] = []
    taken_until = -1
    for start, end, _order, (period, kind) in found:
        if start < taken_until:
            continue
        recurring = _RECURRING.search(text, max(0, taken_until), start)
        if recurring is not None and not text[recurring.end() : start].strip():
            # "ieder jaar op Prinsjesdag": a routine, not one deadline
            start, period, kind = recurring.start(), None, TimeKind.VAGUE
        refs.append(TimeRef(text[start:end], start, end, period, _settle(kind, period, anchor)))
        taken_until = end
    return refs


_RECURRING = re.compile(
    r"\b(?:(?:ieder|elk|elke|iedere)\s+(?:jaar|kwartaal|half\s?jaar|maand|week|voorjaar|najaar"
    r"|zomer)|jaarlijks|halfjaarlijks|tweejaarlijks|driemaandelijks|maandelijks|telkens|steeds)\s+",
    re.IGNORECASE,
)


def normalise(phrase: str, anchor: date | None = None, *, future: bool = False) -> TimeRef | None:
    """The first time phrase in `phrase`, or None when it has none."""
    refs = find_times(phrase, anchor, future=future)
    return refs[0] if refs else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _settle(kind: TimeKind, period: Period | None, anchor: date | None) -> TimeKind:
    """A deadline that ended before the answer was written is a past event."""
    late = period is not None and anchor is not None and period.end < anchor
    return TimeKind.PAST if kind is TimeKind.DEADLINE and late else kind
