"""Period: the one type for a promise's time frame.

A promise is dated to a period, not a day: `2025`, `2025-H1`, `2025-Q3`, `2025-06`, `2025-06-30`
(the ISO 8601-2 / EDTF spellings). A promise "in 2025" is kept when done by the END of 2025, so every
comparison in kvtrack uses `Period.end`, the period's last day (Taskwarrior's start-of-period reading
makes things overdue a year early).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kvtrack.core.limits import MAX_YEAR, MIN_YEAR
from kvtrack.errors import KvtrackError

Granularity = Literal["year", "half", "quarter", "month", "day"]

_FORMS = "YYYY, YYYY-H1/H2, YYYY-Q1..Q4, YYYY-MM or YYYY-MM-DD"
# ASCII digits only (re.ASCII): `\d` alone would take Arabic-Indic or full-width digits too.
_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<half>[Hh]\d)|(?P<quarter>[Qq]\d)|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$",
    re.ASCII,
)
# The Dutch way of writing a day, 1-12-2026 or 01.12.2026: told how to write it the ISO way.
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar period. Ordered by (start, end): a year sorts before its own second half."""

    start: date
    end: date
    granularity: Granularity

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        _refuse(_bad_half(half))
        first = 1 if half == 1 else 7
        return cls(date(year, first, 1), _month_end(year, first + 5), "half")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _refuse(_bad_quarter(quarter))
        first = 3 * quarter - 2
        return cls(date(year, first, 1), _month_end(year, first + 2), "quarter")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _refuse(_bad_month(month))
        return cls(date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day, "day")

    @classmethod
    def parse(cls, text: object, *, what: str = "a period", forms: str = _FORMS) -> Period:
        """Parse `2025`, `2025-H1`, `2025-Q3`, `2025-06` or `2025-06-30` (also an int year or a date).

        `what` and `forms` name what was expected in the message when the text has no such shape.
        """
        if isinstance(text, date):
            return cls.day(text)
        if isinstance(text, int) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            raise KvtrackError(f"expected {what} ({forms}), got {type(text).__name__}")
        raw = text.strip()
        m = _PATTERN.match(raw)
        if m is None:
            raise KvtrackError(f"'{text}' is not {what}; write it as {_day_first(raw) or forms}")
        wrong = _out_of_range(m)
        if wrong is not None:
            raise KvtrackError(f"'{raw}' is not {what}: {wrong}")
        return cls._from_match(m, raw)

    @classmethod
    def _from_match(cls, m: re.Match[str], raw: str) -> Period:
        """The period a match names, its parts already in range (`_out_of_range`)."""
        year = int(m["year"])
        if m["half"]:
            return cls.half(year, int(m["half"][1:]))
        if m["quarter"]:
            return cls.quarter(year, int(m["quarter"][1:]))
        if m["month"]:
            month = int(m["month"])
            if m["day"] is None:
                return cls.month(year, month)
            try:
                return cls.day(date(year, month, int(m["day"])))
            except ValueError:
                last = calendar.monthrange(year, month)[1]
                raise KvtrackError(
                    f"'{raw}' is not a real date: {calendar.month_name[month]} {year} has {last} days"
                ) from None
        return cls.year(year)

    def __str__(self) -> str:
        y = self.start.year
        match self.granularity:
            case "year":
                return f"{y}"
            case "half":
                return f"{y}-H{1 if self.start.month == 1 else 2}"
            case "quarter":
                return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
            case "month":
                return f"{y}-{self.start.month:02d}"
            case _:
                return self.start.isoformat()


def _out_of_range(m: re.Match[str]) -> str | None:
    """What is wrong with a matched period's year, half, quarter or month, if anything."""
    year = int(m["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return out_of_range(year)
    if m["half"]:
        return _bad_half(int(m["half"][1:]))
    if m["quarter"]:
        return _bad_quarter(int(m["quarter"][1:]))
    if m["month"]:
        return _bad_month(int(m["month"]))
    return None


def _bad_half(half: int) -> str | None:
    return None if half in (1, 2) else f"half-year must be H1 or H2, not H{half}"


def _bad_quarter(quarter: int) -> str | None:
    return None if 1 <= quarter <= 4 else f"quarter must be Q1 to Q4, not Q{quarter}"


def _bad_month(month: int) -> str | None:
    return None if 1 <= month <= 12 else f"month must be 01 to 12, not {month:02d}"


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise KvtrackError(problem)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def out_of_range(year: int) -> str:
    """Why a year is refused: every renderer must be able to add a window to its dates."""
    return f"year {year} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"


def _day_first(raw: str) -> str | None:
    """The ISO spelling of a day written day first (the Dutch 1-12-2026), else None."""
    m = _DAY_FIRST.match(raw)
    if m is None:
        return None
    try:
        day = date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return (
        f"{day.isoformat()} (YYYY-MM-DD, year first)" if MIN_YEAR <= day.year <= MAX_YEAR else None
    )


def parse_date(text: object) -> date:
    """A strict ISO calendar date (YYYY-MM-DD), with a message that says what is wrong."""
    if isinstance(text, date):
        return text
    period = Period.parse(text, what="a date", forms="YYYY-MM-DD")
    if period.granularity != "day":
        kind = {"half": "half-year"}.get(period.granularity, period.granularity)
        raise KvtrackError(f"'{text}' is a {kind}, not a day; write it as YYYY-MM-DD")
    return period.start
