from datetime import date

import pytest

from kvtrack.core.period import Period, parse_date
from kvtrack.errors import KvtrackError


@pytest.mark.parametrize(
    ("text", "start", "end", "canonical"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30), "2025-H1"),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), "2025-H2"),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), "2025-Q1"),
        ("2025-Q2", date(2025, 4, 1), date(2025, 6, 30), "2025-Q2"),
        ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30), "2025-Q3"),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31), "2025-Q4"),
        ("2025-06", date(2025, 6, 1), date(2025, 6, 30), "2025-06"),
        ("2025-04", date(2025, 4, 1), date(2025, 4, 30), "2025-04"),
        ("2025-01", date(2025, 1, 1), date(2025, 1, 31), "2025-01"),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28), "2025-02"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),  # leap year
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29), "2000-02"),  # divisible by 400
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28), "1900-02"),  # divisible by 100 only
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "2024-Q1"),
        ("2025-06-30", date(2025, 6, 30), date(2025, 6, 30), "2025-06-30"),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "2024-02-29"),
        ("2025-q3", date(2025, 7, 1), date(2025, 9, 30), "2025-Q3"),  # lower case accepted
        (" 2031 ", date(2031, 1, 1), date(2031, 12, 31), "2031"),
    ],
)
def test_period_bounds_and_round_trip(text, start, end, canonical):
    p = Period.parse(text)
    assert (p.start, p.end, str(p)) == (start, end, canonical)
    assert Period.parse(str(p)) == p


def test_int_and_date_values_are_periods():
    assert Period.parse(2025) == Period.year(2025)
    assert Period.parse(date(2025, 3, 1)) == Period.day(date(2025, 3, 1))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2025-Q5", "quarter must be Q1 to Q4"),
        ("2025-Q0", "quarter must be Q1 to Q4"),
        ("2025-H3", "H1 or H2"),
        ("2025-13", "month must be 01 to 12"),
        ("2025-02-30", "February 2025 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("eind 2025", "is not a period"),
        ("free text", "is not a period"),
        ("25", "is not a period"),
        ("2025/06", "is not a period"),
        ("", "is not a period"),
    ],
)
def test_malformed_periods_say_what_is_wrong(text, fragment):
    with pytest.raises(KvtrackError) as info:
        Period.parse(text)
    assert fragment in str(info.value)


def test_bool_is_not_a_period():
    with pytest.raises(KvtrackError):
        Period.parse(True)


def test_parse_date_requires_a_day():
    assert parse_date("2024-12-05") == date(2024, 12, 5)
    with pytest.raises(KvtrackError, match="not a day"):
        parse_date("2024-12")


def test_ordering_puts_earlier_ends_first():
    periods = [Period.parse(t) for t in ("2026", "2025-Q3", "2025-H1", "2025-06-30")]
    assert [str(p) for p in sorted(periods, key=lambda p: p.end)] == [
        "2025-H1",
        "2025-06-30",
        "2025-Q3",
        "2026",
    ]
