"""`kvtrack import toezeggingen` against a local server: SyncFeed and OData pages, files, saved
directories, re-imports, changed and deleted records, server errors, timeouts and bad pages."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kvtrack.core.model import Register, Status
from kvtrack.core.period import Period
from kvtrack.store.register import load
from tests.official_server import Reply, Server, serving

DATA = Path(__file__).parent / "data" / "official"
FEED = "/SyncFeed/2.0/Feed?category=Toezegging"
FEED_2 = "/SyncFeed/2.0/Feed?category=Toezegging&skiptoken=1001"
ODATA = "/OData/v4/2.0/Toezegging?$expand=Activiteit,KamerbriefNakoming"
ODATA_2 = ODATA + "&$skip=250"
XML = "application/atom+xml; charset=utf-8"


def page(name: str, base: str = "") -> bytes:
    return (DATA / name).read_bytes().replace(b"{base}", base.encode())


@pytest.fixture
def server() -> Iterator[Server]:
    with serving() as s:
        s.route(FEED, Reply(body=page("syncfeed-1.xml"), content_type=XML))
        s.route(FEED_2, Reply(body=page("syncfeed-2.xml"), content_type=XML))
        s.route(ODATA, Reply(body=page("odata-1.json", s.base), content_type="application/json"))
        s.route(ODATA_2, Reply(body=page("odata-2.json", s.base), content_type="application/json"))
        yield s


Run = Callable[..., Any]


def register_at(path: Path) -> Register:
    return load(path).register


def test_syncfeed_url_follows_next_and_maps_every_field(
    run: Run, server: Server, tmp_path: Path
) -> None:
    target = tmp_path / "c.yaml"
    result = run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{target}: 6 added, 0 updated, 0 unchanged, 2 skipped; 4 new sources\n"
    assert "entry 3: the register gives no status; imported as open" in result.stderr
    assert [p for p, _ in server.requests] == [FEED, FEED_2]
    assert server.requests[0][1]["User-Agent"].startswith("kvtrack/")

    register = register_at(target)
    by_id = {c.id: c for c in register.commitments}
    assert sorted(by_id) == [
        "tz202501-201", "tz202502-101", "tz202502-102", "tz202503-011", "tz202504-057", "tz202504-058",
    ]  # fmt: skip
    first = by_id["tz202504-057"]
    assert first.quote.startswith("De minister zegt toe de Kamer voor de zomer te informeren")
    assert first.due == Period.day(date(2025, 7, 1))  # +02:00 day, not UTC's 30 June
    assert (first.owner, first.status, first.source) == ("IenW", Status.OPEN, "debat-2025a00793")
    assert first.identifiers == {
        "toezegging": "TZ202504-057",
        "toezegging_id": "a1000000-0000-4000-8000-000000000001",
    }
    done = by_id["tz202504-058"]
    assert (done.due, done.status, done.owner) == (None, Status.DONE, "BZK")  # the sentinel date
    assert [(str(h.date), h.status, h.note, h.evidence) for h in done.history] == [
        ("2025-06-02", Status.DONE, "status in het register: Afgedaan", "2025D12345")
    ]
    assert by_id["tz202503-011"].status is Status.DONE  # its later version on page 2
    assert (by_id["tz202502-101"].status, by_id["tz202502-101"].owner) == (Status.PARTIAL, "KGG")
    dropped = by_id["tz202502-102"]
    assert (dropped.status, dropped.owner) == (
        Status.DROPPED,
        "Nationaal Coördinator Terrorismebestrijding en Veiligheid",
    )
    assert (by_id["tz202501-201"].status, by_id["tz202501-201"].source) == (
        Status.OPEN,
        "tk-toezeggingen",
    )
    debate = register.sources["debat-2025a00793"]
    assert (debate.kind, debate.identifiers["activiteit"]) == ("debat", "2025A00793")
    assert "tz202503-012" not in by_id  # deleted on page 2 before it was ever imported


def test_reimport_changes_no_byte(run: Run, server: Server, tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    before = target.read_bytes()
    again = run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    assert again.exit_code == 0
    assert again.stdout == f"{target}: 0 added, 0 updated, 6 unchanged, 2 skipped\n"
    assert again.stderr == ""  # warned when added; a nightly run stays quiet
    assert target.read_bytes() == before


def test_file_import_then_feed_updates_changed_and_drops_deleted(
    run: Run, server: Server, tmp_path: Path
) -> None:
    target = tmp_path / "c.yaml"
    first = run("import", "toezeggingen", str(DATA / "syncfeed-1.xml"), "--file", str(target))
    assert first.stdout == f"{target}: 4 added, 0 updated, 0 unchanged, 0 skipped; 2 new sources\n"
    result = run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{target}: 3 added, 2 updated, 2 unchanged, 1 skipped; 2 new sources",
        "  updated tz202503-012: deleted",
        "  updated tz202503-011: status, due",
    ]
    register = register_at(target)
    assert len(register.commitments) == 7  # updated in place, never duplicated
    changed = register.get("tz202503-011")
    assert changed.due == Period.parse("2025-12-31")  # the original promise stays
    assert changed.current_due == Period.parse("2026-03-01")
    last = changed.history[-1]
    assert (str(last.date), last.status, str(last.due), last.evidence) == (
        "2026-03-10",
        Status.DONE,
        "2026-03-01",
        "2026D01234",
    )
    assert (
        last.note == "status in het register: Voldaan; datum nakoming in het register: 2026-03-01"
    )
    deleted = register.get("tz202503-012")
    assert deleted.status is Status.DROPPED
    assert (str(deleted.history[-1].date), deleted.history[-1].note) == (
        "2026-03-01",
        "verwijderd uit het register",
    )
    text = target.read_text()
    again = run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    assert "0 added, 0 updated, 7 unchanged, 1 skipped" in again.stdout  # dropped stays dropped
    assert target.read_text() == text


def test_odata_pages_with_expanded_debates_and_letters(
    run: Run, server: Server, tmp_path: Path
) -> None:
    target = tmp_path / "c.yaml"
    first = run("import", "toezeggingen", str(DATA / "odata-1.json"), "--file", str(target))
    assert first.exit_code == 0, first.stderr
    letter = register_at(target).get("tz202410-022")
    assert (letter.status, letter.due, letter.history[-1].evidence) == (
        Status.DONE,
        None,
        "2024D41234",
    )
    result = run("import", "toezeggingen", server.base + ODATA, "--file", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{target}: 3 added, 2 updated, 2 unchanged, 0 skipped; 1 new sources"
    )
    assert [p for p, _ in server.requests] == [ODATA, ODATA_2]
    register = register_at(target)
    statuses = {c.id: c.status.value for c in register.commitments}
    assert statuses == {
        "tz202410-021": "open", "tz202410-022": "dropped", "tz202411-003": "partial",
        "tz202411-004": "done", "tz202412-116": "partial", "tz202412-117": "dropped",
        "tz202412-118": "open",
    }  # fmt: skip
    assert register.get("tz202410-021").current_due == Period.parse("2025-06-30")
    assert register.get("tz202411-003").due == Period.parse("2025-06-30")  # 23:59+02:00
    assert register.get("tz202411-003").owner == "Defensie"
    assert register.get("tz202411-004").owner == "LVVN"
    assert register.sources["debat-2024a05512"].title == "Commissiedebat Kinderopvang"
    assert "row 3: the register gives no status" in result.stderr


def test_camel_case_rows_are_read_and_unknown_shapes_refused(run: Run, tmp_path: Path) -> None:
    camel = tmp_path / "v5.json"
    camel.write_text(
        json.dumps(
            {
                "value": [
                    {
                        "id": "b3000000-0000-4000-8000-000000000001",
                        "nummer": "TZ202601-001",
                        "tekst": "De minister stuurt de Kamer in maart een brief over de A12.",
                        "ministerie": "Infrastructuur en Waterstaat",
                        "status": "Openstaand",
                        "datumNakoming": "2026-03-31T00:00:00+02:00",
                        "activiteitNummer": "2026A00001",
                        "gewijzigdOp": "2026-01-10T08:00:00Z",
                        "verwijderd": False,
                    }
                ]
            }
        )
    )
    target = tmp_path / "c.yaml"
    ok = run("import", "toezeggingen", str(camel), "--file", str(target))
    assert ok.exit_code == 0, ok.stderr
    assert register_at(target).get("tz202601-001").owner == "IenW"
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"value": [{"ToezeggingId": "x", "Omschrijving": "y"}]}))
    bad = run("import", "toezeggingen", str(unknown), "--file", str(target))
    assert bad.exit_code == 2
    assert bad.stderr == (
        f"{unknown}: row 1: unknown row shape: no Id (fields found: Omschrijving, ToezeggingId); "
        "kvtrack reads OData v4/2.0 Toezegging rows (PascalCase) and the XSD's camelCase names\n"
    )


def test_unknown_status_word_is_named_and_nothing_written(run: Run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        page("syncfeed-1.xml").replace(
            b"<status>Openstaand</status>", b"<status>Uitgesteld</status>"
        )
    )
    target = tmp_path / "c.yaml"
    result = run("import", "toezeggingen", str(feed), "--file", str(target))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2  # both records with the word, at once
    assert lines[0].startswith(f"{feed}: entry 1: unknown status 'Uitgesteld' in the register")
    assert not target.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body>Onderhoud</body></html>", "not a SyncFeed page: the root element is <html>"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaa">]><feed>&a;</feed>',
            "the page declares a DTD or entities",
        ),
        (b'{"error": "busy"}', 'not an OData page: expected an object with a "value" list'),
        (b"not json", "not valid JSON"),
    ],
)
def test_a_bad_page_is_one_line_and_nothing_is_written(
    run: Run, server: Server, tmp_path: Path, body: bytes, message: str
) -> None:
    target = tmp_path / "c.yaml"
    target.write_text("version: 1\nsources: []\ncommitments: []\n")
    before = target.read_bytes()
    server.route(FEED_2, Reply(body=body))
    result = run("import", "toezeggingen", server.base + FEED, "--file", str(target))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{server.base}{FEED_2}")
    assert message in result.stderr
    assert target.read_bytes() == before


def test_a_server_error_is_retried(run: Run, server: Server, tmp_path: Path) -> None:
    good = Reply(body=page("syncfeed-2.xml"), content_type=XML)
    server.route(FEED_2, Reply(500), Reply(503, headers={"Retry-After": "0"}), good)
    target = tmp_path / "c.yaml"
    result = run(
        "import", "toezeggingen", server.base + FEED, "--file", str(target), "--retries", "2"
    )
    assert result.exit_code == 0, result.stderr
    assert server.hits(FEED_2) == 3
    assert "6 added" in result.stdout


def test_too_many_requests_waits_as_asked(run: Run, server: Server, tmp_path: Path) -> None:
    good = Reply(body=page("syncfeed-1.xml"), content_type=XML)
    server.route(FEED, Reply(429, headers={"Retry-After": "1"}), good)
    started = time.monotonic()
    result = run("import", "toezeggingen", server.base + FEED, "--file", str(tmp_path / "c.yaml"))
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started >= 0.9
    assert server.hits(FEED) == 2


def test_a_persistent_server_error_exits_2_and_writes_nothing(
    run: Run, server: Server, tmp_path: Path
) -> None:
    server.route(FEED_2, Reply(500))
    target = tmp_path / "c.yaml"
    saved = tmp_path / "pages"
    result = run(
        "import", "toezeggingen", server.base + FEED, "--file", str(target),
        "--retries", "1", "--save", str(saved),
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {server.base}{FEED_2}: the server answered HTTP 500 after 2 attempts\n"
    )
    assert server.hits(FEED_2) == 2
    assert not target.exists() and not saved.exists()


def test_a_timeout_is_one_line(run: Run, server: Server, tmp_path: Path) -> None:
    server.route(FEED, Reply(body=page("syncfeed-1.xml"), delay=3))
    started = time.monotonic()
    result = run(
        "import", "toezeggingen", server.base + FEED, "--file", str(tmp_path / "c.yaml"),
        "--timeout", "0.3", "--retries", "1",
    )  # fmt: skip
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {server.base}{FEED}: could not fetch it: "
        "no answer within the timeout (--timeout sets it)\n"
    )
    assert not (tmp_path / "c.yaml").exists()


def test_no_connection_is_one_line(run: Run, tmp_path: Path) -> None:
    with serving() as s:
        base = s.base  # a port that is closed once the server is gone
    target = tmp_path / "c.yaml"
    result = run("import", "toezeggingen", base + FEED, "--file", str(target), "--retries", "0")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {base}{FEED}: could not fetch it: cannot connect")
    assert len(result.stderr.splitlines()) == 1


def test_saved_pages_import_offline_the_same(run: Run, server: Server, tmp_path: Path) -> None:
    online, offline, saved = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "pages"
    run("import", "toezeggingen", server.base + FEED, "--file", str(online), "--save", str(saved))
    assert sorted(p.name for p in saved.iterdir()) == ["page-0001.xml", "page-0002.xml"]
    assert (saved / "page-0002.xml").read_bytes() == page("syncfeed-2.xml")
    result = run("import", "toezeggingen", str(saved), "--file", str(offline))
    assert result.exit_code == 0, result.stderr
    assert offline.read_bytes() == online.read_bytes()
    refused = run(
        "import", "toezeggingen", str(saved), "--file", str(offline), "--save", str(saved)
    )
    assert refused.exit_code == 2
    assert "--save names the place the pages are read from" in refused.stderr


def test_since_skips_older_entries_of_an_oldest_first_feed(
    run: Run, server: Server, tmp_path: Path
) -> None:
    target = tmp_path / "c.yaml"
    result = run(
        "import", "toezeggingen", server.base + FEED, "--file", str(target), "--since", "2026-01-01"
    )
    assert result.stdout == f"{target}: 4 added, 0 updated, 0 unchanged, 4 skipped; 3 new sources\n"
    assert server.hits(FEED_2) == 1
    assert "tz202504-057" not in {c.id for c in register_at(target).commitments}


def test_since_stops_a_newest_first_feed(run: Run, tmp_path: Path) -> None:
    def row(n: int, changed: str) -> dict[str, object]:
        return {
            "Id": f"b4000000-0000-4000-8000-00000000000{n}",
            "Nummer": f"TZ202601-00{n}",
            "Tekst": f"De minister stuurt de Kamer brief {n}.",
            "Status": "Openstaand",
            "GewijzigdOp": changed,
        }

    with serving() as s:
        first = {"value": [row(1, "2026-05-01T08:00:00Z"), row(2, "2025-12-01T08:00:00Z")]}
        first["@odata.nextLink"] = s.base + "/next"
        s.route("/first", Reply(body=json.dumps(first).encode()))
        s.route(
            "/next", Reply(body=json.dumps({"value": [row(3, "2025-01-01T08:00:00Z")]}).encode())
        )
        target = tmp_path / "c.yaml"
        result = run(
            "import",
            "toezeggingen",
            s.base + "/first",
            "--file",
            str(target),
            "--since",
            "2026-01-01",
        )
        assert (
            result.stdout
            == f"{target}: 1 added, 0 updated, 0 unchanged, 1 skipped; 1 new sources\n"
        )
        assert s.hits("/next") == 0


def test_bad_since_and_missing_file(run: Run, tmp_path: Path) -> None:
    bad = run("import", "toezeggingen", str(DATA / "syncfeed-1.xml"), "--since", "2026-13-01")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --since:")
    missing = run("import", "toezeggingen", str(tmp_path / "nope.xml"))
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"{tmp_path / 'nope.xml'}: no such file or directory; "
        "give a feed URL, a saved page or a --save directory\n"
    )


def test_json_summary(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    result = run(
        "import",
        "toezeggingen",
        str(DATA / "syncfeed-2.xml"),
        "--file",
        str(target),
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert (data["added"], data["updated"], data["unchanged"], data["skipped"]) == (4, 0, 0, 2)
    assert data["added_ids"] == ["tz202502-101", "tz202502-102", "tz202501-201", "tz202503-011"]
    assert data["files_written"] == [str(target)]
    assert len(data["warnings"]) == 2


def months_in(store: Path) -> list[str]:
    return sorted(p.name for p in (store / "toezeggingen").glob("*.yaml"))


def test_directory_store_gets_one_file_per_month(run: Run, server: Server, tmp_path: Path) -> None:
    store = tmp_path / "register"
    store.mkdir()
    (store / "eigen.yaml").write_text(
        (Path(__file__).parent.parent / "commitments.yaml").read_text()
    )
    first = run("import", "toezeggingen", str(DATA / "syncfeed-1.xml"), "--file", str(store))
    assert first.exit_code == 0, first.stderr
    assert months_in(store) == ["2025-03.yaml", "2025-04.yaml"]
    result = run("import", "toezeggingen", server.base + FEED, "--file", str(store))
    assert result.exit_code == 0, result.stderr
    assert months_in(store) == ["2025-01.yaml", "2025-02.yaml", "2025-03.yaml", "2025-04.yaml"]
    march = (store / "toezeggingen" / "2025-03.yaml").read_text()
    assert "verwijderd uit het register" in march and "debat-2025a00412" in march
    assert run("validate", "--file", str(store)).exit_code == 0
    snapshot = {p: p.read_bytes() for p in store.rglob("*.yaml")}
    again = run("import", "toezeggingen", server.base + FEED, "--file", str(store))
    assert "0 added, 0 updated, 7 unchanged, 1 skipped" in again.stdout
    assert {p: p.read_bytes() for p in store.rglob("*.yaml")} == snapshot


def test_an_invalid_register_is_not_imported_into(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text("version: 1\ncommitments:\n  - id: x\n")
    before = target.read_bytes()
    result = run("import", "toezeggingen", str(DATA / "syncfeed-1.xml"), "--file", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{target}: the file is not valid, so kvtrack will not edit it")
    assert target.read_bytes() == before


def test_quiet_prints_nothing_but_warnings(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    result = run(
        "import", "toezeggingen", str(DATA / "syncfeed-2.xml"), "--file", str(target), "--quiet"
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.count("warning: ") == 2
    assert len(register_at(target).commitments) == 4


def test_the_docs_sample_pages_are_the_fixtures() -> None:
    examples = Path(__file__).parent.parent / "docs" / "examples" / "toezeggingen"
    assert (examples / "page-0001.xml").read_bytes() == page("syncfeed-1.xml")
    assert (examples / "page-0002.xml").read_bytes() == page("syncfeed-2.xml")
