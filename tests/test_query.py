from datetime import date

import pytest

from kvtrack.core.model import Commitment, HistoryEntry, Status
from kvtrack.core.period import Period
from kvtrack.core.query import Filter, State, Window, assess, attention, select
from kvtrack.errors import KvtrackError

AS_OF = date(2026, 11, 27)
W90 = Window.parse("90d")


def make(cid="c", due=None, status=Status.OPEN, history=(), **kw):
    return Commitment(
        id=cid,
        title=cid,
        source="s",
        quote="q",
        due=Period.parse(due) if due else None,
        status=status,
        history=tuple(history),
        **kw,
    )


@pytest.mark.parametrize(
    ("due", "status", "state", "days"),
    [
        ("2025", Status.OPEN, State.OVERDUE, -331),
        ("2025", Status.PARTIAL, State.OVERDUE, -331),
        ("2026-11-26", Status.OPEN, State.OVERDUE, -1),
        ("2026-11-27", Status.OPEN, State.DUE_SOON, 0),  # due today is not yet late
        ("2026-11", Status.OPEN, State.DUE_SOON, 3),  # the month runs to the 30th
        ("2026", Status.OPEN, State.DUE_SOON, 34),
        ("2027-02-25", Status.OPEN, State.DUE_SOON, 90),  # the window's last day
        ("2027-02-26", Status.OPEN, State.UPCOMING, 91),
        ("2031", Status.OPEN, State.UPCOMING, 1860),
        (None, Status.OPEN, State.UNDATED, None),
        ("2025", Status.DONE, State.DONE, -331),
        ("2025", Status.DROPPED, State.DROPPED, -331),
    ],
)
def test_state_as_of_a_day(due, status, state, days):
    a = assess(make(due=due, status=status), AS_OF, W90)
    assert (a.state, a.days_left) == (state, days)


def test_a_year_is_not_overdue_until_it_has_ended():
    # Taskwarrior reads 'due 2025' as 2025-01-01; kvtrack keeps the whole year.
    c = make(due="2025")
    assert assess(c, date(2025, 12, 31), W90).state is State.DUE_SOON
    assert assess(c, date(2026, 1, 1), W90).state is State.OVERDUE


def test_reschedule_moves_current_due_and_keeps_original():
    c = make(
        due="2025",
        history=[
            HistoryEntry(date(2025, 5, 1), due=Period.parse("2026-Q2"), note="uitgesteld"),
            HistoryEntry(date(2025, 6, 1), note="nog steeds"),
        ],
    )
    assert str(c.due) == "2025"
    assert str(c.current_due) == "2026-Q2"
    assert c.rescheduled
    assert c.slip_days == (date(2026, 6, 30) - date(2025, 12, 31)).days
    assert assess(c, date(2026, 1, 15), W90).state is State.UPCOMING


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("30d", date(2026, 12, 27)),
        ("6w", date(2027, 1, 8)),
        ("3m", date(2027, 2, 27)),
        ("1y", date(2027, 11, 27)),
    ],
)
def test_windows(text, end):
    assert Window.parse(text).end(AS_OF) == end


def test_month_window_clamps_to_month_end():
    assert Window.parse("1m").end(date(2025, 1, 31)) == date(2025, 2, 28)
    assert Window.parse("1m").end(date(2024, 1, 31)) == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["soon", "3x", "-3d", "", "d"])
def test_bad_windows(bad):
    with pytest.raises(KvtrackError, match="not a window"):
        Window.parse(bad)


def test_attention_orders_most_urgent_first():
    items = [
        make("later", "2027-01"),
        make("soon", "2026-12-01"),
        make("very-late", "2024"),
        make("late", "2025"),
        make("far", "2031"),
        make("none"),
        make("closed", "2024", status=Status.DONE),
    ]
    assert [a.id for a in attention(items, AS_OF, W90)] == ["very-late", "late", "soon", "later"]
    assert [a.id for a in attention(items, AS_OF, W90, include_all=True)] == [
        "very-late",
        "late",
        "soon",
        "later",
        "far",
        "none",
    ]


def test_filters_combine_and_ignore_case():
    items = [
        make("a", "2025", owner="BZK", places=("Groningen",), tags=("x",)),
        make("b", "2027", owner="EZK", places=("Assen",)),
        make("c", None, owner="bzk"),
    ]
    pick = lambda f: [a.id for a in select(items, AS_OF, W90, f)]  # noqa: E731
    assert pick(Filter(owners=("bzk",))) == ["a", "c"]
    assert pick(Filter(places=("groningen",))) == ["a"]
    assert pick(Filter(tags=("x",))) == ["a"]
    assert pick(Filter(states=frozenset({State.UNDATED}))) == ["c"]
    assert pick(Filter(due_before=date(2026, 1, 1))) == ["a"]
    assert pick(Filter(due_after=date(2026, 12, 31))) == ["b"]
    assert pick(Filter(owners=("BZK",), due_after=date(2026, 1, 1))) == []


def test_dutch_status_words():
    assert Status.parse("openstaand") is Status.OPEN
    assert Status.parse("Deels voldaan") is Status.PARTIAL
    assert Status.parse("voldaan") is Status.DONE
    assert Status.parse("vervallen") is Status.DROPPED
    with pytest.raises(KvtrackError, match="unknown status 'klaar'"):
        Status.parse("klaar")
