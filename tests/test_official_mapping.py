"""The pure side of the official import: the fixtures against the published XSD, the parsers,
the mapping of each field and the reconciliation with a register."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvtrack.core.ministries import ministry_abbreviation
from kvtrack.core.model import Register, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError
from kvtrack.official import odata, syncfeed
from kvtrack.official.mapping import commitment_id, due_day, register_status, short_title
from kvtrack.official.reconcile import plan_import
from kvtrack.official.records import Toezegging

DATA = Path(__file__).parent / "data" / "official"
XSD = DATA / "xsd"


def test_syncfeed_fixtures_are_valid_against_the_published_xsd() -> None:
    import xmlschema  # a test dependency (pyproject's `test` extra)

    schema = xmlschema.XMLSchema(
        [
            str((XSD / "kvtrack-referentieBijgewerktLiteral.xsd").resolve()),
            str((XSD / "tkData-v1-0-toezegging.xsd").resolve()),
        ]
    )
    checked = 0
    for name in ("syncfeed-1.xml", "syncfeed-2.xml"):
        root = ET.parse(DATA / name).getroot()
        for element in root.iter(f"{syncfeed.TK}toezegging"):
            errors = [str(e) for e in schema.iter_errors(element)]
            assert errors == [], (name, element.get("id"))
            checked += 1
    assert checked == 10
    # and the schema does catch what kvtrack must not rely on: an unknown status word
    wrong = ET.fromstring(
        (DATA / "syncfeed-1.xml").read_bytes().replace(b">Openstaand<", b">Uitgesteld<")
    )
    first = next(wrong.iter(f"{syncfeed.TK}toezegging"))
    assert not schema.is_valid(first)


def test_syncfeed_page_is_parsed() -> None:
    page = syncfeed.parse_page((DATA / "syncfeed-2.xml").read_bytes(), "p2")
    assert page.next_url is None
    assert [r.deleted for r in page.records] == [False, False, False, True, False, True]
    deleted = page.records[3]
    assert (deleted.id, deleted.nummer, deleted.changed) == (
        "a1000000-0000-4000-8000-000000000004",
        None,
        datetime(2026, 3, 1, 10, tzinfo=UTC),
    )
    empty = page.records[2]
    assert (empty.status, empty.activiteit_nummer, empty.where) == (None, None, "p2: entry 3")
    first = syncfeed.parse_page((DATA / "syncfeed-1.xml").read_bytes(), "p1")
    assert first.next_url == "Feed?category=Toezegging&skiptoken=1001"
    assert first.records[0].activiteit == "d1000000-0000-4000-8000-000000000793"
    assert first.records[0].kamerbrief_nakoming is None  # xsi:nil


def test_an_entry_of_another_category_is_refused() -> None:
    data = (DATA / "syncfeed-1.xml").read_bytes().replace(b"<toezegging ", b"<persoon ", 1)
    data = data.replace(b"</toezegging>", b"</persoon>", 1)
    with pytest.raises(KvtrackError, match=r"p: entry 1: the entry holds a <persoon>"):
        syncfeed.parse_page(data, "p")


def test_odata_expanded_letters_are_their_document_numbers() -> None:
    page = odata.parse_page((DATA / "odata-1.json").read_bytes(), "o")
    assert page.records[1].kamerbrief_nakoming == "2024D41234"
    assert page.records[0].activiteit_onderwerp == "Commissiedebat Kinderopvang"
    assert page.next_url is not None and page.next_url.endswith("&$skip=250")


def test_commitment_ids() -> None:
    assert commitment_id("TZ202504-057") == "tz202504-057"
    assert commitment_id(" TZ 2025/04 ") == "tz-2025-04"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-07-01T00:30:00+02:00", date(2025, 7, 1)),  # 30 June in UTC: the offset's day counts
        ("2025-12-31T23:30:00-05:00", date(2025, 12, 31)),
        ("2025-06-30T22:00:00Z", date(2025, 6, 30)),
        ("2025-06-30", date(2025, 6, 30)),
        ("0001-01-01T00:00:00Z", None),
        ("0001-01-01T00:00:00", None),
        (None, None),
        ("  ", None),
    ],
)
def test_due_is_the_day_in_its_own_offset(text: str | None, day: date | None) -> None:
    assert due_day(text, "x") == (Period.day(day) if day else None)


def test_a_bad_date_is_named() -> None:
    with pytest.raises(
        KvtrackError, match=r"x: datumNakoming '31-12-2025' is not an ISO date-time"
    ):
        due_day("31-12-2025", "x")


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Openstaand", Status.OPEN),
        ("Voldaan", Status.DONE),
        ("Afgedaan", Status.DONE),
        ("Deels Voldaan", Status.PARTIAL),
        ("Deels  afgedaan", Status.PARTIAL),
        ("Vervallen", Status.DROPPED),
    ],
)
def test_status_words(word: str, status: Status) -> None:
    assert register_status(word, "x") == (status, None)


def test_empty_and_unknown_status() -> None:
    assert register_status("", "x") == (
        Status.OPEN,
        "x: the register gives no status; imported as open",
    )
    with pytest.raises(KvtrackError, match=r"unknown status 'In behandeling' in the register"):
        register_status("In behandeling", "x")


@pytest.mark.parametrize(
    ("name", "abbreviation"),
    [
        ("Infrastructuur en Waterstaat", "IenW"),
        ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK"),
        ("Volkshuisvesting en Ruimtelijke Ordening", "VRO"),
        ("Financien", "Financiën"),
        ("IenW", "IenW"),
        ("Nationaal Coördinator Terrorismebestrijding en Veiligheid", "Nationaal Coördinator Terrorismebestrijding en Veiligheid"),
        ("", None),
    ],
)  # fmt: skip
def test_ministry_abbreviations(name: str, abbreviation: str | None) -> None:
    assert ministry_abbreviation(name) == abbreviation


def test_short_titles() -> None:
    assert short_title("De minister zegt de Kamer toe dat zij voor de zomer een brief stuurt.") == (
        "Voor de zomer een brief stuurt"
    )
    long = short_title("De minister stuurt " + "de Kamer een heel lange brief " * 5)
    assert len(long) <= 72 and long.endswith("…") and long.startswith("De minister stuurt")


def record(**values: object) -> Toezegging:
    base: dict[str, object] = {
        "id": "a1",
        "where": "x",
        "nummer": "TZ202601-001",
        "tekst": "De minister stuurt een brief.",
        "status": "Openstaand",
        "changed": datetime(2026, 1, 5, 23, 30, tzinfo=UTC),
    }
    base.update(values)
    return Toezegging(**base)  # type: ignore[arg-type]


def test_reconcile_is_idempotent_and_dates_history_in_amsterdam() -> None:
    today = date(2026, 11, 27)
    first = plan_import(Register({}, ()), [record()], today=today)
    register = Register({s.id: s for s in first.sources}, first.added)
    assert plan_import(register, [record()], today=today).changes_nothing
    done = plan_import(
        register, [record(status="Afgedaan", kamerbrief_nakoming="2026D1")], today=today
    )
    (update,) = done.updated
    entry = update.after.history[-1]
    # 23:30 UTC on 5 January is 6 January in Amsterdam
    assert (entry.date, entry.status, entry.evidence) == (date(2026, 1, 6), Status.DONE, "2026D1")
    text = plan_import(register, [record(tekst="De minister stuurt twee brieven.")], today=today)
    assert text.updated[0].after.title == "De minister stuurt twee brieven"
    assert text.updated[0].what == ("text",)


def test_a_hand_made_commitment_with_the_same_id_is_kept() -> None:
    today = date(2026, 11, 27)
    first = plan_import(Register({}, ()), [record()], today=today)
    mine = first.added[0].__class__(id="tz202601-001", title="mijn", source="s", quote="q")
    plan = plan_import(Register({}, (mine,)), [record()], today=today)
    assert [c.id for c in plan.added] == ["tz202601-001-2"]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_any_page_bytes_give_records_or_a_kvtrack_error(data: bytes) -> None:
    from kvtrack.official.pages import parse

    for prefix in (b"", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b'{"value": '):
        with contextlib.suppress(KvtrackError):
            parse(prefix + data, "p")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_ROW = st.dictionaries(
    st.sampled_from(["Id", "Nummer", "Tekst", "Status", "DatumNakoming", "GewijzigdOp", "Verwijderd",
                     "Activiteit", "KamerbriefNakoming", "Ministerie", "nummer", "id"]),
    _JSON | st.just("b2000000-0000-4000-8000-000000000001") | st.just("2025-06-30T00:00:00+02:00"),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(_ROW, max_size=4))
def test_any_odata_rows_map_or_give_a_kvtrack_error(rows: list[dict[str, object]]) -> None:
    """Whatever the types in a row, the import either plans or says what is wrong."""
    import json

    with contextlib.suppress(KvtrackError):
        page = odata.parse_page(json.dumps({"value": rows}).encode(), "p")
        plan_import(Register({}, ()), page.records, today=date(2026, 11, 27))


def test_a_progress_spinner_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kvtrack.cli import official

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    with official._progress("pages") as on_page:
        assert on_page is None
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with official._progress("pages") as on_page:
        assert on_page is not None
        on_page(2, 500)
    assert "2 pages, 500 records" in terminal.getvalue()


def test_what_a_person_recorded_stays_until_the_register_changes() -> None:
    from dataclasses import replace

    from kvtrack.core.model import HistoryEntry

    today = date(2026, 11, 27)
    first = plan_import(
        Register({}, ()), [record(datum_nakoming="2026-03-31T00:00:00+02:00")], today=today
    )
    (imported,) = first.added
    mine = replace(
        imported,
        status=Status.DONE,
        history=(
            HistoryEntry(date(2026, 2, 1), Status.DONE, Period.parse("2026-04"), "brief gezien"),
        ),
    )
    register = Register({s.id: s for s in first.sources}, (mine,))
    same = record(datum_nakoming="2026-03-31T00:00:00+02:00")
    assert plan_import(register, [same], today=today).changes_nothing  # the person's done stays
    moved = plan_import(register, [record(datum_nakoming="2026-06-30T00:00:00+02:00")], today=today)
    (update,) = moved.updated
    assert update.what == ("due",)
    assert (update.after.status, update.after.current_due) == (
        Status.DONE,
        Period.parse("2026-06-30"),
    )
    register = Register(register.sources, (update.after,))
    assert plan_import(
        register, [record(datum_nakoming="2026-06-30T00:00:00+02:00")], today=today
    ).changes_nothing
    gone = plan_import(register, [record(deleted=True)], today=today)
    assert gone.updated[0].after.status is Status.DROPPED
    register = Register(register.sources, (gone.updated[0].after,))
    assert plan_import(register, [record(deleted=True)], today=today).unchanged == 1
