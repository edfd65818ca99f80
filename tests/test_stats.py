"""kvtrack stats on a register whose answers were worked out by hand (see the comments)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kvtrack.core.query import Window, select
from kvtrack.core.stats import GroupBy, scorecard
from kvtrack.store.register import parse_text

AS_OF = "2026-11-27"  # window 90d: due soon up to 2027-02-25

# id  owner  places            status   due      history                      state on AS_OF
# a   BZK    Groningen, Assen  open     2025     -                            overdue
# b   BZK    Groningen         open     2026-12  -                            due-soon (ends 12-31)
# c   EZK    -                 partial  2030     -                            upcoming
# d   EZK    -                 open     null     -                            undated
# e   BZK    -                 done     2025-Q2  done 2025-06-30              on time (last day)
# f   BZK    -                 done     2025-Q2  done 2025-07-01              late by a day
# g   IenW   -                 done     2025     → 2026-Q1, done 2026-02-01   late: judged vs 2025; slip 90
# h   IenW   -                 dropped  2024-H2  → 2025-H2, dropped           slip 365
# i   -      -                 open     2025-06  → 2025-Q2 (same end)         overdue; slip 0
# j   -      -                 done     2024     none (no closing date)       unjudged
# m   BZK    -                 open     2025     → 2027                       upcoming; slip 730
REGISTER = """\
version: 1
sources:
  - {id: s, kind: kamervragen, title: T, answered: 2024-02-01}
commitments:
  - {id: a, title: A, source: s, answer: 1, quote: q, due: 2025, owner: BZK,
     places: [Groningen, Assen]}
  - {id: b, title: B, source: s, answer: 1, quote: q, due: 2026-12, owner: BZK, places: [Groningen]}
  - {id: c, title: C, source: s, answer: 1, quote: q, due: 2030, owner: EZK, status: partial}
  - {id: d, title: D, source: s, answer: 1, quote: q, due: null, owner: EZK}
  - {id: e, title: E, source: s, answer: 1, quote: q, due: 2025-Q2, owner: BZK, status: done,
     history: [{date: 2025-06-30, status: done}]}
  - {id: f, title: F, source: s, answer: 1, quote: q, due: 2025-Q2, owner: BZK, status: done,
     history: [{date: 2025-07-01, status: done}]}
  - {id: g, title: G, source: s, answer: 1, quote: q, due: 2025, owner: IenW, status: done,
     history: [{date: 2025-03-01, due: 2026-Q1}, {date: 2026-02-01, status: done}]}
  - {id: h, title: H, source: s, answer: 1, quote: q, due: 2024-H2, owner: IenW, status: dropped,
     history: [{date: 2024-10-01, due: 2025-H2}, {date: 2025-09-01, status: dropped}]}
  - {id: i, title: I, source: s, answer: 1, quote: q, due: 2025-06,
     history: [{date: 2025-02-01, due: 2025-Q2}]}
  - {id: j, title: J, source: s, answer: 1, quote: q, due: 2024, status: done}
  - {id: m, title: M, source: s, answer: 1, quote: q, due: 2025, owner: BZK,
     history: [{date: 2025-06-01, due: 2027}]}
"""

ZERO = dict.fromkeys(
    ("open", "partial", "done", "dropped", "overdue", "due_soon", "upcoming", "undated"), 0
)


def counts(**nonzero: int) -> dict[str, int]:
    return ZERO | nonzero


@pytest.fixture(scope="module")
def assessed():
    register = parse_text(REGISTER).register
    return select(register.commitments, date.fromisoformat(AS_OF), Window.parse("90d"))


def test_total(assessed):
    t = scorecard(assessed).total
    assert t.group == "total" and t.total == 11
    assert t.counts == counts(
        open=5, partial=1, done=4, dropped=1, overdue=2, due_soon=1, upcoming=2, undated=1
    )
    # statuses add up to the total; states split the open and partial ones
    assert sum(t.counts[k] for k in ("open", "partial", "done", "dropped")) == t.total
    assert sum(t.counts[k] for k in ("overdue", "due_soon", "upcoming", "undated")) == 6
    assert (t.on_time, t.late, t.unjudged) == (1, 2, 1)
    # slips of the rescheduled: i 0, g 90, h 365, m 730 -> median (90 + 365) / 2
    assert t.slip.rescheduled == 4 and t.slip.measured == 4
    assert t.slip.median_days == 227.5
    assert (t.slip.worst_days, t.slip.worst_id) == (730, "m")


def test_by_owner(assessed):
    card = scorecard(assessed, GroupBy.owner)
    groups = {g.group: g for g in card.groups}
    assert list(groups) == ["BZK", "EZK", "IenW", "(none)"]
    bzk = groups["BZK"]  # a b e f m
    assert bzk.total == 5
    assert bzk.counts == counts(open=3, done=2, overdue=1, due_soon=1, upcoming=1)
    assert (bzk.on_time, bzk.late, bzk.unjudged) == (1, 1, 0)
    assert (bzk.slip.rescheduled, bzk.slip.median_days, bzk.slip.worst_days) == (1, 730.0, 730)
    ezk = groups["EZK"]  # c d
    assert ezk.counts == counts(open=1, partial=1, upcoming=1, undated=1)
    assert ezk.slip.median_days is None and ezk.slip.worst_days is None
    ienw = groups["IenW"]  # g h
    assert ienw.counts == counts(done=1, dropped=1)
    assert (ienw.on_time, ienw.late) == (0, 1)
    assert (ienw.slip.median_days, ienw.slip.worst_days, ienw.slip.worst_id) == (227.5, 365, "h")
    none = groups["(none)"]  # i j
    assert none.counts == counts(open=1, done=1, overdue=1)
    assert none.unjudged == 1
    assert (none.slip.rescheduled, none.slip.median_days, none.slip.worst_days) == (1, 0.0, 0)
    assert card.total.total == 11


def test_by_place_counts_a_commitment_in_each_of_its_places(assessed):
    groups = {g.group: g.total for g in scorecard(assessed, GroupBy.place).groups}
    assert groups == {"Assen": 1, "Groningen": 2, "(none)": 9}
    assert sum(groups.values()) == 12  # a is in two places; the total stays 11


def test_by_status_in_the_statuses_order(assessed):
    groups = scorecard(assessed, GroupBy.status).groups
    assert [(g.group, g.total) for g in groups] == [
        ("open", 5),
        ("partial", 1),
        ("done", 4),
        ("dropped", 1),
    ]


def test_by_source(assessed):
    groups = scorecard(assessed, GroupBy.source).groups
    assert [(g.group, g.total) for g in groups] == [("s", 11)]


def test_as_of_changes_the_states_not_the_statuses():
    register = parse_text(REGISTER).register
    early = select(register.commitments, date(2024, 6, 1), Window.parse("90d"))
    t = scorecard(early).total
    # on 2024-06-01: a, i (now 2025-Q2) and m (now 2027) are upcoming; b, c too; nothing overdue
    assert t.counts == counts(open=5, partial=1, done=4, dropped=1, upcoming=5, undated=1)


def test_cli_json(run, write_yaml):
    path = write_yaml(REGISTER)
    result = run(
        "stats", "--file", str(path), "--as-of", AS_OF, "--by", "owner", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["as_of"], data["within"], data["by"]) == (AS_OF, "90d", "owner")
    assert [g["group"] for g in data["groups"]] == ["BZK", "EZK", "IenW", "(none)"]
    total = data["total"]
    assert total["total"] == 11
    assert total["counts"]["overdue"] == 2 and total["counts"]["due_soon"] == 1
    assert total["kept"] == {"on_time": 1, "late": 2, "unjudged": 1}
    assert total["slip"] == {
        "rescheduled": 4,
        "measured": 4,
        "median_days": 227.5,
        "worst_days": 730,
        "worst_id": "m",
    }


def test_cli_within_widens_due_soon(run, write_yaml):
    path = write_yaml(REGISTER)
    result = run(
        "stats", "--file", str(path), "--as-of", AS_OF, "--within", "2y", "--format", "json"
    )
    counts_ = json.loads(result.stdout)["total"]["counts"]
    assert (counts_["due_soon"], counts_["upcoming"]) == (2, 1)  # m (2027) is now due soon


def test_cli_table(run, write_yaml):
    path = write_yaml(REGISTER)
    result = run("stats", "--file", str(path), "--as-of", AS_OF, "--by", "owner")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Scorecard as of 2026-11-27" in lines[0]
    total = next(line for line in lines if line.startswith("| total"))
    cells = [c.strip() for c in total.strip("|").split("|")]
    assert cells == [
        "total",
        "11",
        "5",
        "1",
        "4",
        "1",
        "2",
        "1",
        "2",
        "1",
        "1",
        "2",
        "4",
        "227.5 d",
        "730 d",
    ]


def test_cli_rejects_an_unknown_grouping(run, write_yaml):
    result = run("stats", "--file", str(write_yaml(REGISTER)), "--by", "ministry")
    assert result.exit_code == 2


def test_shipped_file(run, shipped):
    result = run("stats", "--file", str(shipped), "--as-of", AS_OF, "--format", "json")
    total = json.loads(result.stdout)["total"]
    assert total["counts"]["overdue"] == 1  # Cascadeplein
    assert total["kept"]["on_time"] == 1  # Assen, opened by the end of 2023


def test_the_cli_choices_mirror_the_groupings():
    from kvtrack.cli.options import StatsGroup

    assert [g.value for g in StatsGroup] == [g.value for g in GroupBy]
