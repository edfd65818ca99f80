"""Parliamentary moments (voor de zomer, Prinsjesdag, het kerstreces, de Voorjaarsnota) and parts of
a year (eind, begin, medio, seasons, quarters, halves)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kvtrack.core import calendar_nl as cal
from kvtrack.core.period import Period
from kvtrack.core.timex.base import (
    BEFORE,
    Context,
    Handler,
    Resolved,
    TimeKind,
    before,
    kind_for_prep,
    last_year_where,
    main_prep,
    names_year,
    next_year_where,
    words,
    year_of,
)

# ---------------------------------------------------------------------------------------------
# Parliamentary moments


def _before_recess(recess_start: Callable[[int], date]) -> Handler:
    """ "voor de zomer(reces)", "voor het kerstreces": the last day before the recess starts, in
    the year named or else the next such day after the answer."""

    def last_day(y: int) -> date:
        return recess_start(y) - timedelta(days=1)

    def handler(m: re.Match[str], ctx: Context) -> Resolved | None:
        anchor = ctx.anchor
        year = year_of(m, anchor) if names_year(m) else next_year_where(anchor, last_day)
        if year is None:
            return None, TimeKind.DEADLINE
        return Period.day(last_day(year)), TimeKind.DEADLINE

    return handler


summer_before = _before_recess(cal.summer_recess_start)


def summer_after(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if names_year(m):
        year = year_of(m, anchor)
    else:
        year = next_year_where(anchor, lambda y: date(y, 8, 31))
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.half(year, 2), TimeKind.DEADLINE


def prinsjesdag(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    prep = main_prep(m["pre"])
    before = prep in BEFORE
    year = year_of(m, anchor) if names_year(m) else next_year_where(anchor, cal.prinsjesdag)
    kind = TimeKind.RANGE if prep == "na" else TimeKind.DEADLINE  # "na Prinsjesdag": from then on
    if year is None:
        return None, kind
    day = cal.prinsjesdag(year) - timedelta(days=1 if before else 0)
    return Period.day(day), kind


def budget_moment(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Voorjaarsnota (sent before 1 June), Najaarsnota (before 1 December), Miljoenennota and
    begroting (Prinsjesdag of the year before the budget year)."""
    anchor = ctx.anchor
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
        year = next_year_where(anchor, when)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.day(when(year)), TimeKind.DEADLINE


christmas = _before_recess(cal.christmas_recess_start)


def after_christmas(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    year = year_of(m, anchor) if names_year(m) else (anchor.year if anchor else None)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.quarter(year + 1, 1), TimeKind.DEADLINE


_OTHER_RECESS_MONTH = {"herfst": 10, "voorjaars": 2, "krokus": 2, "mei": 4}


def other_recess(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    month = _OTHER_RECESS_MONTH[(m["which"] or m["holiday"]).lower()]
    if names_year(m):
        year = year_of(m, anchor)
    else:
        year = next_year_where(anchor, lambda y: Period.month(y, month).end)
    if year is None:
        return None, TimeKind.DEADLINE
    return Period.month(year, month), TimeKind.DEADLINE


def year_turn(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if anchor is None:
        return None, TimeKind.DEADLINE
    if words(m["pre"]) == "rond":
        # around the next turn of the year: December or January, so the later month (as "medio")
        return Period.month(anchor.year + 1, 1), TimeKind.DEADLINE
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
    return words(m["part"]).split()[-1]


def part_of_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    part = _part_key(m)
    prep = main_prep(m["pre"])
    qualifier = words(m["q"])
    named = names_year(m)
    needs_year = part not in _SEASONS and part not in ("kwartaal", "helft", "winter")
    if not named and (needs_year or m["qn"] or m["hn"]):
        return None  # "in het begin", "aan het eind", H2 (hydrogen): not a time frame
    if part == "winter":
        return None, TimeKind.VAGUE
    year = year_of(m, anchor) if named else _year_from_qualifier(m, part, qualifier, anchor)
    if year is None:
        return None, kind_for_prep(prep)
    period = _part_period(part, m, year)
    if period is None:
        return None
    if before(prep, m, ctx) and part in _SEASONS:
        period = Period.month(year, _SEASONS[part][0][0] - 1)
    elif before(prep, m, ctx) and part in ("kwartaal", "helft"):
        period = Period.day(period.start - timedelta(days=1))
    kind = TimeKind.PAST if qualifier in ("vorig", "vorige", "afgelopen") else kind_for_prep(prep)
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
            return last_year_where(anchor, lambda y: date(y, em, ed))
        return next_year_where(anchor, lambda y: date(y, em, ed))
    period = _part_period(part, m, anchor.year)
    if period is None:
        return None
    if qualifier.startswith(("komend", "aankomend", "volgend")):
        return anchor.year if period.start > anchor else anchor.year + 1
    if qualifier in ("dit", "deze"):
        return anchor.year
    return anchor.year if period.end >= anchor else anchor.year + 1
