"""kvtrack log and kvtrack search: the core derivations, and the commands on the shipped file,
a generated register and a directory store."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT
from fixtures_exports import REGISTER

from kvtrack.core.log import LogKind, commitment_events, events
from kvtrack.core.model import Commitment, HistoryEntry, Register, Source, Status
from kvtrack.core.period import Period
from kvtrack.core.search import Query, fold, match, spans
from kvtrack.errors import KvtrackError


def _generate(n: int, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    module.write_file(n, path)
    return path


@pytest.fixture
def reg(write_yaml):
    return write_yaml(REGISTER)


# --- core/log.py -------------------------------------------------------------------------------

SRC = Source("s", title="Vragen", answered=date(2024, 2, 1))


def commitment(*history: HistoryEntry, due: str | None = "2025") -> Commitment:
    return Commitment(
        "c", "Titel", "s", "q", due=Period.parse(due) if due else None, history=tuple(history)
    )


def test_each_history_entry_is_one_event_with_its_biggest_change():
    c = commitment(
        HistoryEntry(date(2025, 3, 1), due=Period.parse("2026-Q2"), note="uitgesteld"),
        HistoryEntry(date(2025, 3, 1), status=Status.PARTIAL),
        HistoryEntry(date(2025, 4, 1), note="voortgang", evidence="https://x"),
        HistoryEntry(date(2025, 5, 1), status=Status.DONE, due=Period.parse("2026-Q2")),
    )
    made, moved, partial, note, done = commitment_events(c, SRC)
    assert (made.kind, made.day, made.key) == (LogKind.NEW, date(2024, 2, 1), "c")
    assert moved.kind is LogKind.RESCHEDULED and moved.slip_days == 181
    assert (str(moved.due_from), str(moved.due_to)) == ("2025", "2026-Q2")
    assert (partial.kind, partial.status_from, partial.status_to) == (
        LogKind.STATUS,
        Status.OPEN,
        Status.PARTIAL,
    )
    assert [moved.key, partial.key] == ["c/2025-03-01/1", "c/2025-03-01/2"]
    assert note.kind is LogKind.NOTE and note.evidence == "https://x"
    # the same due again is not a reschedule; the status change is what it records
    assert done.kind is LogKind.STATUS and done.status_from is Status.PARTIAL


def test_events_are_newest_first_inside_the_period():
    c = commitment(
        HistoryEntry(date(2025, 3, 1), note="een"),
        HistoryEntry(date(2025, 3, 1), note="twee"),
        HistoryEntry(date(2025, 6, 1), note="drie"),
    )
    register = Register({"s": SRC}, (c,))
    got = events(register, [c], since=date(2025, 1, 1), until=date(2025, 12, 31))
    assert [e.note for e in got] == ["drie", "twee", "een"]
    assert events(register, [c], since=date(2025, 3, 2), until=date(2025, 5, 31)) == []
    assert [e.kind for e in events(register, [c])][-1] is LogKind.NEW


def test_a_source_without_an_answer_date_gives_no_new_event():
    assert commitment_events(commitment(), Source("s")) == []
    assert commitment_events(commitment(), None) == []


# --- kvtrack log -------------------------------------------------------------------------------


def test_log_on_the_shipped_file(run, shipped):
    result = run("log", "--file", str(shipped), "--as-of", AS_OF, "--since", "2023-01-01")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 11
    assert lines[-1].startswith("2023-12-31  status       assen-rijksontmoetingsplein: ")
    assert "open → done: Geopend eind 2023" in lines[-1]
    assert all(line.startswith("2024-12-05  new  ") for line in lines[:10])
    # the default period is the last seven days: nothing happened then
    quiet = run("log", "--file", str(shipped), "--as-of", AS_OF)
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_log_json_and_filters(run, reg):
    result = run(
        "log", "--file", str(reg), "--as-of", AS_OF, "--since", "2025-01-01", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert [(d["date"], d["kind"], d["id"]) for d in data] == [
        ("2026-03-01", "status", "dropped-moved"),
        ("2025-08-10", "status", "day-done-late"),
        ("2025-05-01", "rescheduled", "dropped-moved"),
        ("2025-05-01", "rescheduled", "moved"),
        ("2025-03-15", "new", "dropped-moved"),
        ("2025-03-15", "new", "partial-soon"),
        ("2025-03-15", "new", "quarter-upcoming"),
    ]
    moved = data[3]
    assert moved["due_from"] == "2025" and moved["due_to"] == "2026-Q2"
    assert moved["slip_days"] == 181 and moved["key"] == "moved/2025-05-01/1"
    only = run(
        "log", "--file", str(reg), "--as-of", AS_OF, "--since", "2025-01-01", "--owner", "IenW"
    )
    assert {line.split()[2].rstrip(":") for line in only.stdout.splitlines()} == {
        "dropped-moved",
        "moved",
    }
    assert "rescheduled 2025 → 2026-Q2 (181 days later): uitgesteld" in only.stdout


def test_log_until_bounds_the_period(run, reg):
    result = run(
        "log",
        "--file",
        str(reg),
        "--as-of",
        AS_OF,
        "--since",
        "2025-05-01",
        "--until",
        "2025-05-01",
    )
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["rescheduled"] * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2025-13-01"], "--since"),
        (["--until", "gisteren"], "--until"),
        (["--since", "2026-01-02", "--until", "2026-01-01"], "is after --until"),
        (["--status", "klaar"], "unknown status 'klaar'"),
    ],
)
def test_log_refuses_bad_options(run, reg, args, message):
    result = run("log", "--file", str(reg), *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_log_on_a_generated_register_and_a_directory_store(run, tmp_path):
    path = _generate(300, tmp_path / "c.yaml")
    args = ["--as-of", AS_OF, "--since", "2000-01-01", "--format", "json"]
    one = json.loads(run("log", "--file", str(path), *args).stdout)
    assert {d["kind"] for d in one} == {"new", "rescheduled", "status", "note"}
    assert [d["date"] for d in one] == sorted((d["date"] for d in one), reverse=True)
    assert sum(d["kind"] == "new" for d in one) == 300
    spec_dir = tmp_path / "store"
    sys.modules["generate"].write_directory(300, spec_dir)
    split = json.loads(run("log", "--file", str(spec_dir), *args).stdout)
    assert sorted(d["key"] for d in split) == sorted(d["key"] for d in one)


# --- core/search.py ----------------------------------------------------------------------------


def test_fold_ignores_case_and_accents():
    assert fold("Coördinerende") == "coordinerende"
    assert fold("CAFÉ ﬁets Straße") == "cafe fiets strasse"


def test_a_query_is_words_and_phrases():
    assert Query.parse('rol  "In de   Komende jaren" Coördinerende').terms == (
        "rol",
        "in de komende jaren",
        "coordinerende",
    )
    assert Query.parse("“eind 2025” x").terms == ("eind 2025", "x")
    with pytest.raises(KvtrackError, match="nothing to search for"):
        Query.parse('  "" ')


def test_spans_map_back_to_the_original_characters():
    text = "De COÖRDINERENDE rol, coördinerende\nen adviserende"
    found = spans(text, ("coordinerende en",))
    assert [text[a:b] for a, b in found] == ["coördinerende\nen"]
    assert spans("ﬁets", ("fi",)) == ((0, 1),)


def test_every_term_must_match_somewhere():
    src = Source("s", title="Vragen over «Rijksbanen»")
    c = Commitment(
        "c",
        "Titel",
        "s",
        "Citaat",
        due_text="de komende jaren",
        history=(HistoryEntry(date(2025, 1, 1), note="Uitgesteld", evidence="https://x/brief"),),
    )
    register = Register({"s": src}, (c,))
    hit = match(c, register, Query.parse("rijksbanen uitgesteld brief komende"))
    assert hit is not None
    assert [f.field for f in hit.fields] == ["due_text", "note", "evidence", "source"]
    assert match(c, register, Query.parse("rijksbanen afgerond")) is None
    assert match(c, register, Query.parse('"komende uitgesteld"')) is None  # not one phrase


# --- kvtrack search ----------------------------------------------------------------------------


def test_search_finds_without_accents_and_prints_the_matches(run, shipped):
    result = run("search", "coordinerende", "--file", str(shipped), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "coordinerende-rol-spreiding (undated, no due date, BZK)",
        "  title     Coördinerende en adviserende rol BZK bij spreiding van organisaties",
        "  quote     Ik zal daarbij invulling geven aan mijn coördinerende en adviserende rol.",
        "1 commitment found",
    ]
    assert "\x1b[" not in result.stdout  # plain off a terminal


def test_search_words_phrases_filters_and_formats(run, shipped):
    def ids(*args: str) -> list[str]:
        result = run("search", *args, "--file", str(shipped), "--as-of", AS_OF, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return [r["id"] for r in json.loads(result.stdout)]

    # places are not searched: Kempkensberg's title and quote do not name Groningen
    assert ids("groningen") == [
        "groningen-cascadeplein",
        "groningen-ontmoetingsvoorzieningen-fasegewijs",
    ]
    assert ids("kempkensberg", "2031") == ["groningen-kempkensberg-ontmoetingsplein"]
    assert ids('"in gebruik genomen"') == ["groningen-cascadeplein"]
    assert ids('"genomen in gebruik"') == []
    assert ids("rijksbanen", "--state", "done") == ["assen-rijksontmoetingsplein"]  # source title
    assert ids("antwoord 4") == ["assen-rijksontmoetingsplein"]  # evidence and note
    csv = run("search", "cascadeplein", "--file", str(shipped), "--format", "csv")
    assert csv.stdout.splitlines()[1].startswith("groningen-cascadeplein,")
    none = run("search", "zeppelin", "--file", str(shipped))
    assert none.exit_code == 0 and none.stdout == "No commitments match.\n"


def test_search_highlights_on_a_terminal_only(shipped, monkeypatch, capsys):
    from kvtrack.core.query import Window, select
    from kvtrack.core.search import search
    from kvtrack.render import search_out
    from kvtrack.store.register import load

    register = load(shipped).register
    items = select(register.commitments, date(2026, 11, 27), Window(90, "d"))
    hits = search(register, (a.commitment for a in items), Query.parse("cascadeplein"))
    items = [a for a in items if a.id in {h.commitment.id for h in hits}]
    search_out.write(hits, items, sys.stdout, highlight=True)
    painted = capsys.readouterr().out
    assert "\x1b[1;7mCascadeplein\x1b[0m" in painted
    monkeypatch.setenv("NO_COLOR", "1")
    from kvtrack.render.terminal.screen import colour_allowed

    assert not colour_allowed(sys.stdout)


def test_search_on_a_generated_register(run, tmp_path):
    path = _generate(300, tmp_path / "c.yaml")
    result = run("search", "Groningen", "--file", str(path), "--as-of", AS_OF, "--format", "json")
    found = [r["id"] for r in json.loads(result.stdout)]
    listed = json.loads(
        run("list", "--file", str(path), "--as-of", AS_OF, "--format", "json").stdout
    )
    from kvtrack.store.register import load

    titles = {s.id: s.title or "" for s in load(path).register.sources.values()}

    def text(r: dict) -> str:
        notes = [h.get("note") or "" for h in r["history"]]
        notes += [h.get("evidence") or "" for h in r["history"]]
        return " ".join([r["title"], r["quote"], r["due_text"] or "", *notes, titles[r["source"]]])

    expected = [r["id"] for r in listed if "groningen" in text(r).lower()]
    assert len(expected) > 5 and found == expected  # same set, in list's order


def test_search_needs_something_to_look_for(run, shipped):
    result = run("search", '""', "--file", str(shipped))
    assert result.exit_code == 2 and "nothing to search for" in result.stderr
