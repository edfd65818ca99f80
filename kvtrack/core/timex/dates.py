"""Months, dates, years, ranges of years, relative years and durations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kvtrack.core import calendar_nl as cal
from kvtrack.core.period import Period
from kvtrack.core.timex.base import (
    BEFORE,
    DEADLINE_PREPS,
    PLANNED_BEFORE,
    RANGE_PREPS,
    ROUGH_PREPS,
    Context,
    Handler,
    Resolved,
    TimeKind,
    before,
    kind_for_prep,
    last_year_where,
    main_prep,
    names_year,
    nearest_year,
    next_year_where,
    words,
    year_of,
)

# ---------------------------------------------------------------------------------------------
# Months and dates


def month(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if not (m["pre"] or m["mod"] or m["y"] or m["rel"] or m["jl"]):
        return None  # a bare month name is too weak a signal
    month = cal.month_number(m["mon"])
    if month is None:
        return None
    prep = main_prep(m["pre"])
    jl = words(m["jl"])
    if names_year(m):
        year = year_of(m, anchor)
    else:
        year = year_for_yearless(ctx, prep, jl, lambda y: Period.month(y, month).end)
    if year is None:
        return None, kind_for_prep(prep)
    period = Period.month(year, month)
    if before(prep, m, ctx) and not m["mod"]:
        previous = period.start - timedelta(days=1)
        period = Period.month(previous.year, previous.month)
    return period, kind_for_prep(prep)


def year_for_yearless(
    ctx: Context, prep: str, jl: str, moment: Callable[[int], date]
) -> int | None:
    anchor = ctx.anchor
    if jl.startswith(("jl", "j.l", "jongst")):
        return last_year_where(anchor, moment)
    if jl or ctx.future or prep in DEADLINE_PREPS:
        return next_year_where(anchor, moment)
    return nearest_year(anchor, moment)


def day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = cal.month_number(m["mon"]) if m["mon"] else int(m["m"])
    day_number = int(m["d"])
    if month is None or not 1 <= month <= 12 or not 1 <= day_number <= 31:
        return None
    prep = main_prep(m["pre"])

    def when(y: int) -> date:
        try:
            return date(y, month, day_number)
        except ValueError:
            return date(y, month, 28)

    if m["y"]:
        year: int | None = int(m["y"])
    else:
        year = year_for_yearless(ctx, prep, words(m.groupdict().get("jl")), when)
    if year is None:
        return None, kind_for_prep(prep)
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    if before(prep, m, ctx):
        day -= timedelta(days=1)
    return Period.day(day), kind_for_prep(prep)


# ---------------------------------------------------------------------------------------------
# Years

_DONE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:gereed|klaar|afgerond|af\b|voltooid|gerealiseerd|gehaald|bereikt"
    r"|afronden|realiseren|opleveren|opgeleverd|afgeschaft|ingevoerd|invoeren|in\s+werking)",
    re.IGNORECASE,
)


def year(m: re.Match[str], ctx: Context) -> Resolved | None:
    text = ctx.text
    year = int(m["y"])
    pre = words(m["pre"])
    prep = main_prep(pre)
    if prep == "per" or prep in ("met ingang van", "m.i.v."):
        return Period.day(date(year, 1, 1)), TimeKind.DEADLINE
    if prep in BEFORE:
        return _before_year(m, year, pre, text)
    if prep in RANGE_PREPS or prep in ROUGH_PREPS:
        return Period.year(year), TimeKind.RANGE
    if prep in ("op", "aan"):
        return None
    return Period.year(year), TimeKind.DEADLINE


def _before_year(m: re.Match[str], year: int, pre: str, text: str) -> Resolved:
    """ "voor 2030": a deadline (2029) when the wording makes it one, else "for 2030" (a range)."""
    if PLANNED_BEFORE.search(text[: m.start()]):
        return Period.year(year), TimeKind.DEADLINE
    accented = "vóór" in pre
    intensified = pre not in ("voor", "vóór")
    if accented or intensified or _DONE_AFTER.match(text[m.end() :]):
        return Period.year(year - 1), TimeKind.DEADLINE
    return Period.year(year), TimeKind.RANGE


def two_years(m: re.Match[str], ctx: Context) -> Resolved | None:
    first, last = int(m["y1"]), int(m["y2"])
    if not 0 < last - first <= 50:
        return None
    pre = words(m["pre"])
    conj = words(m["conj"])
    if pre in ("in", "uiterlijk in", "uiterlijk") and conj in ("en", "of"):
        return Period.year(last), TimeKind.DEADLINE
    return Period.year(last), TimeKind.RANGE


def short_quarter_any(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["code"]:
        return _short_quarter_from(int(m["y"]), m["code"])
    return _short_quarter_from(int(m["y2"]), m["code2"])


def _short_quarter_from(year: int, code: str) -> Resolved | None:
    n = int(code[1])
    if code[0].upper() == "Q":
        return (Period.quarter(year, n), TimeKind.DEADLINE) if 1 <= n <= 4 else None
    return (Period.half(year, n), TimeKind.DEADLINE) if n in (1, 2) else None


_MONTH_OFFSETS = {"deze": 0, "dit": 0, "volgende": 1, "komende": 1, "vorige": -1, "afgelopen": -1}


def relative_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "deze maand", "eind volgende maand", "voor volgende maand" against the answer date."""
    anchor = ctx.anchor
    offset = _MONTH_OFFSETS[m["rel"].lower()]
    if anchor is None:
        return None, TimeKind.DEADLINE
    first = cal.add_months(anchor.replace(day=1), offset)
    period = Period.month(first.year, first.month)
    prep = main_prep(m["pre"])
    if offset < 0:
        return period, TimeKind.PAST
    if prep in BEFORE:
        previous = period.start - timedelta(days=1)
        period = Period.month(previous.year, previous.month)
    return period, (TimeKind.RANGE if prep == "na" else TimeKind.DEADLINE)


def relative_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    year = year_of(m, anchor)
    pre = words(m["pre"])
    prep = main_prep(pre)
    if pre.startswith("eerder"):
        return (None if year is None else Period.year(year)), TimeKind.PAST
    if prep in BEFORE:
        return None, TimeKind.RANGE
    if year is None:
        return None, kind_for_prep(prep)
    return Period.year(year), kind_for_prep(prep)


# ---------------------------------------------------------------------------------------------
# Durations and vague phrases

_UNIT_MONTHS = {"jaar": 12, "jaren": 12, "halfjaar": 6, "kwartaal": 3, "kwartalen": 3}


def _number(text: str) -> float | None:
    key = words(text)
    if key.isdigit():
        return float(key)
    return cal.NUMBER_WORDS.get(key)


def duration(m: re.Match[str], ctx: Context) -> Resolved | None:
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


def constant(kind: TimeKind) -> Handler:
    def handler(_m: re.Match[str], _ctx: Context) -> Resolved:
        return None, kind

    return handler
