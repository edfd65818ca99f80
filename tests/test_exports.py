"""list --format csv|markdown|yaml|ics: each read back with an independent parser and compared
with `list --format json` on the same filters."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fixtures_exports import AS_OF, DATED, REGISTER
from icalendar import Calendar

from kvtrack.core.schema import RECORD_KEYS

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def reg(write_yaml):
    return write_yaml(REGISTER)


@pytest.fixture
def export(run, reg):
    """export(fmt, *filters) -> stdout as bytes; json -> parsed list."""

    def go(fmt: str, *args: str) -> object:
        result = run("list", "--file", str(reg), "--as-of", AS_OF, "--format", fmt, *args)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        if fmt == "json":
            return json.loads(result.stdout)
        return result.stdout_bytes

    return go


# --- CSV ------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def as_csv_cell(value: object) -> str:
    """What a JSON value should look like in the CSV (the documented flattening)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def test_csv_starts_with_a_bom_and_has_the_record_columns(export):
    data = export("csv")
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    header = data.decode("utf-8-sig").split("\r\n")[0]
    assert header.split(",") == list(RECORD_KEYS)


def test_csv_rows_match_json_with_dutch_characters_intact(export):
    records = export("json")
    rows = read_csv(export("csv"))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for row, rec in zip(rows, records, strict=True):
        for key in RECORD_KEYS:
            if key == "history":
                continue
            assert row[key] == as_csv_cell(rec[key]), (rec["id"], key)
    by_id = {r["id"]: r for r in rows}
    assert "één voorziening" in by_id["year-open"]["quote"]
    assert "café" in by_id["year-open"]["quote"]
    assert by_id["year-open"]["title"].startswith(
        'Iets in 2025, met «aanhalingstekens», een "quote"'
    )
    assert by_id["year-open"]["places"] == "Groningen; Assen"
    assert by_id["quarter-upcoming"]["answer"] == "2; 3"
    history = by_id["day-done-late"]["history"]
    assert history == "2025-08-10 status=done: klaar, eindelijk (https://example.org/brief)"


def test_csv_rows_end_in_crlf_even_with_commas_and_quotes_inside(export):
    data = export("csv").decode("utf-8-sig")
    assert data.endswith("\r\n")
    assert data.count("\r\n") == 1 + 7  # header + one line per commitment: nothing spilled


def test_csv_with_no_match_still_has_its_header(export):
    rows = export("csv", "--due-before", "2000").decode("utf-8-sig")
    assert rows == ",".join(RECORD_KEYS) + "\r\n"


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_is_marked_as_text(run, write_yaml):
    text = REGISTER.replace("title: Vaag", "title: '=HYPERLINK(\"http://x\")'")
    path = write_yaml(text, "f.yaml")
    result = run("list", "--file", str(path), "--as-of", AS_OF, "--format", "csv")
    rows = read_csv(result.stdout_bytes)
    vague = next(r for r in rows if r["id"] == "vague")
    assert vague["title"] == "'" + '=HYPERLINK("http://x")'
    late = next(r for r in rows if r["id"] == "year-open")
    assert late["days_left"] == "-331"  # numbers stay numbers


# --- Markdown -------------------------------------------------------------------------------


def markdown_rows(text: str) -> list[list[str]]:
    """Cells of each table row, split on unescaped pipes, with Markdown escapes removed."""
    rows = []
    for line in text.strip().splitlines():
        assert line.startswith("| ") and line.endswith(" |"), line
        cells = re.split(r"(?<!\\)\|", line[1:-1])
        rows.append([re.sub(r"\\(.)", r"\1", c.strip()) for c in cells])
    return rows


def test_markdown_is_one_table_row_per_commitment_with_pipes_escaped(export):
    records = export("json")
    text = export("markdown").decode()
    rows = markdown_rows(text)
    assert rows[0][:4] == ["id", "title", "due", "state"]
    assert set(rows[1]) == {"---"}
    body = rows[2:]
    assert all(len(r) == 7 for r in body)
    assert [r[0].strip("`") for r in body] == [r["id"] for r in records]
    assert [r[1] for r in body] == [r["title"] for r in records]
    assert [r[3] for r in body] == [r["state"] for r in records]
    assert r"Kwartaal «Q1» \| pipe & \<tag\>" in text


def test_markdown_shows_the_reschedule_and_days(export):
    rows = {r[0].strip("`"): r for r in markdown_rows(export("markdown").decode())[2:]}
    assert rows["moved"][2] == "2026-Q2 (was 2025)"
    assert rows["year-open"][4] == "331 days late"


# --- YAML -----------------------------------------------------------------------------------


def test_yaml_is_a_valid_file_that_lists_the_same_commitments(run, export, tmp_path):
    out = tmp_path / "export.yaml"
    out.write_bytes(export("yaml", "--owner", "IenW", "--owner", "EZK"))
    valid = run("validate", "--file", str(out))
    assert valid.exit_code == 0, valid.stderr
    again = run("list", "--file", str(out), "--as-of", AS_OF, "--format", "json")
    assert json.loads(again.stdout) == export("json", "--owner", "IenW", "--owner", "EZK")


def test_yaml_keeps_only_the_cited_sources(export):
    import yaml

    doc = yaml.safe_load(export("yaml", "--source", "src-b"))
    assert doc["version"] == 1
    assert [s["id"] for s in doc["sources"]] == ["src-b"]
    assert {c["source"] for c in doc["commitments"]} == {"src-b"}


def test_yaml_of_everything_round_trips_the_whole_register(run, export, reg, tmp_path):
    from kvtrack.core.serialize import commitment_to_dict
    from kvtrack.store.register import load

    out = tmp_path / "all.yaml"
    out.write_bytes(export("yaml"))
    original = {c.id: commitment_to_dict(c) for c in load(reg).register.commitments}
    exported = {c.id: commitment_to_dict(c) for c in load(out).register.commitments}
    assert exported == original
    assert "«rijksbanen»" in out.read_text(encoding="utf-8")  # text, not \xab escapes


# --- iCalendar ------------------------------------------------------------------------------


def todos(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(t["uid"]).removesuffix("@kvtrack"): t for t in cal.walk("VTODO")}


def test_ics_has_one_todo_per_dated_commitment_and_skips_undated(export):
    records = export("json")
    entries = todos(export("ics"))
    dated = [r["id"] for r in records if r["current_due"] is not None]
    assert dated == DATED
    assert list(entries) == dated  # same order as the list
    assert "vague" not in entries


@pytest.mark.parametrize(
    ("cid", "last_day"),
    [
        ("year-open", date(2025, 12, 31)),  # due 2025
        ("quarter-upcoming", date(2027, 3, 31)),  # due 2027-Q1
        ("day-done-late", date(2025, 6, 30)),  # due 2025-06-30
        ("moved", date(2026, 6, 30)),  # rescheduled: the CURRENT due
    ],
)
def test_ics_due_is_the_last_second_of_the_period_in_amsterdam(export, cid, last_day):
    due = todos(export("ics"))[cid].decoded("due")
    assert due == datetime(last_day.year, last_day.month, last_day.day, 23, 59, 59, tzinfo=AMS)
    assert due.tzinfo is not None and str(due.tzinfo) == "Europe/Amsterdam"
    # one second later it is midnight in Amsterdam: when kvtrack starts calling it overdue
    next_midnight = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), AMS)
    assert (due + timedelta(seconds=1)).astimezone(UTC) == next_midnight.astimezone(UTC)


def test_ics_carries_a_vtimezone_for_amsterdam(export):
    cal = Calendar.from_ical(export("ics"))
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(cal["version"]) == "2.0"
    assert "kvtrack" in str(cal["prodid"])


def test_ics_summary_description_status_and_stamp(export):
    records = {r["id"]: r for r in export("json")}
    entries = todos(export("ics"))
    for cid, todo in entries.items():
        rec = records[cid]
        assert str(todo["summary"]) == rec["title"]
        text = str(todo["description"])
        assert rec["quote"] in text
        assert f"State on {AS_OF}: {rec['state']}" in text
        assert f"kvtrack id: {cid}" in text
        stamp = todo.decoded("dtstamp")
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    assert str(entries["year-open"]["status"]) == "NEEDS-ACTION"
    assert str(entries["partial-soon"]["status"]) == "NEEDS-ACTION"
    assert str(entries["day-done-late"]["status"]) == "COMPLETED"
    assert str(entries["dropped-moved"]["status"]) == "CANCELLED"
    citation = str(entries["year-open"]["description"])
    assert "Vragen over «rijksbanen» & regio’s | coördinatie (src-a)" in citation
    assert "Antwoord 1" in citation and "Lid Één (Partij)" in citation
    assert str(entries["year-open"]["url"]) == "https://example.org/ah-tk-20232024-1"
    moved = str(entries["moved"]["description"])
    assert "Now due: 2026-Q2 (ends 2026-06-30), slipped 181 days" in moved


def test_ics_uid_is_stable_and_source_date_epoch_makes_it_reproducible(run, reg):
    args = ("list", "--file", str(reg), "--as-of", AS_OF, "--format", "ics")
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    first, second = run(*args, env=env), run(*args, env=env)
    assert first.stdout_bytes == second.stdout_bytes
    assert b"DTSTAMP:20260101T000000Z" in first.stdout_bytes
    assert b"UID:year-open@kvtrack\r\n" in first.stdout_bytes


def test_ics_lines_are_crlf_and_folded(export):
    data = export("ics")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_ics_events_are_all_day_on_the_last_day_of_the_period(export):
    cal = Calendar.from_ical(export("ics", "--ics-events"))
    assert cal.walk("VTODO") == []
    events = {str(e["uid"]).removesuffix("@kvtrack"): e for e in cal.walk("VEVENT")}
    assert list(events) == DATED
    year = events["year-open"]
    assert year.decoded("dtstart") == date(2025, 12, 31)
    assert not isinstance(year.decoded("dtstart"), datetime)  # a DATE: all day
    assert year.decoded("dtend") == date(2026, 1, 1)  # exclusive end
    assert events["quarter-upcoming"].decoded("dtstart") == date(2027, 3, 31)
    assert events["day-done-late"].decoded("dtstart") == date(2025, 6, 30)
    assert str(year["transp"]) == "TRANSPARENT"
    assert str(events["dropped-moved"]["status"]) == "CANCELLED"
    assert str(year["summary"]) == "Due: " + str(year["summary"]).removeprefix("Due: ")


def test_ics_events_needs_format_ics(run, reg):
    result = run("list", "--file", str(reg), "--ics-events")
    assert result.exit_code == 2
    assert "--ics-events only applies to --format ics" in result.stderr
    assert result.stdout == ""


def test_ics_with_nothing_dated_is_an_empty_calendar(export):
    cal = Calendar.from_ical(export("ics", "--state", "undated"))
    assert cal.walk("VTODO") == [] and cal.walk("VTIMEZONE") == []


# --- every filter in every format -------------------------------------------------------------


def ids_in(fmt: str, data: bytes) -> list[str]:
    if fmt == "csv":
        return [r["id"] for r in read_csv(data)]
    if fmt == "markdown":
        return [r[0].strip("`") for r in markdown_rows(data.decode())[2:]]
    if fmt == "yaml":
        import yaml

        return [c["id"] for c in yaml.safe_load(data)["commitments"]]
    if fmt == "ics":
        return list(todos(data))
    raise AssertionError(fmt)


FILTERS = [
    ("--owner", "BZK"),
    ("--owner", "bzk", "--state", "overdue"),
    ("--status", "open", "--status", "partial"),
    ("--state", "done,dropped"),
    ("--place", "Groningen"),
    ("--tag", "rijksontmoetingsplein"),
    ("--source", "src-b"),
    ("--due-before", "2026"),
    ("--due-after", "2026-Q1"),
    ("--status", "vervallen"),
    ("--state", "due-soon", "--within", "6m"),
]


@pytest.mark.parametrize("fmt", ["csv", "markdown", "yaml", "ics"])
@pytest.mark.parametrize("filters", FILTERS, ids=" ".join)
def test_every_filter_applies_to_every_format(export, fmt, filters):
    expected = [r["id"] for r in export("json", *filters)]
    if fmt == "ics":  # the calendar leaves out the undated
        dated = {r["id"] for r in export("json") if r["current_due"]}
        expected = [i for i in expected if i in dated]
    assert ids_in(fmt, export(fmt, *filters)) == expected
    assert expected  # each filter keeps something, so an empty export cannot pass by accident


def test_renderers_load_only_when_their_format_is_asked_for():
    import subprocess
    import sys

    code = (
        "import sys, kvtrack.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'statistics') "
        "or m.startswith(('kvtrack.render.', 'kvtrack.core.stats'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
