"""Dutch calendar words and the Tweede Kamer's yearly moments, as dates.

The recess dates are the usual pattern, not the official schedule of any one year (the Kamer fixes those
a year ahead and they are not in reach of a pure function); they are close enough to judge a promise.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

# Abbreviations count only with their dot or next to a day number (`jan` alone is a first name).
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

NUMBER_WORDS: dict[str, float] = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "anderhalf": 1.5,
    "een half": 0.5, "half": 0.5, "een halve": 0.5,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3,
    "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": -1,
}  # fmt: skip


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def _weekday_between(year: int, month: int, first: int, last: int, weekday: int) -> date:
    day = date(year, month, first)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    assert day.day <= last
    return day


def prinsjesdag(year: int) -> date:
    """The third Tuesday of September (Wet op de Prinsjesdag)."""
    return _weekday_between(year, 9, 15, 21, calendar.TUESDAY)


def summer_recess_start(year: int) -> date:
    """The Friday between 2 and 8 July on which the Kamer's summer recess has begun since 2022."""
    return _weekday_between(year, 7, 2, 8, calendar.FRIDAY)


def christmas_recess_start(year: int) -> date:
    """The Friday between 17 and 23 December on which the Christmas recess usually begins."""
    return _weekday_between(year, 12, 17, 23, calendar.FRIDAY)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < calendar.SATURDAY:
            count -= 1
    return day
