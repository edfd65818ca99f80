"""The editing commands: add, done, update, reschedule, note — happy paths and every refusal."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import AS_OF, MINIMAL

from kvtrack.core.model import Status
from kvtrack.core.period import Period
from kvtrack.store.lock import locked
from kvtrack.store.register import load


def assert_valid(run, path):
    result = run("validate", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout


def ok(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout  # one short line, nothing else
    return lines[0]


# -- happy paths ---------------------------------------------------------------------------------


def test_done_records_the_status_and_a_dated_entry(run, shipped):
    line = ok(
        run,
        "done",
        "groningen-cascadeplein",
        "--on",
        "2026-11-20",
        "--note",
        "Geopend",
        "--evidence",
        "https://example.org/persbericht",
        "--file",
        str(shipped),
    )
    assert line == "groningen-cascadeplein: done on 2026-11-20"
    c = load(shipped).register.get("groningen-cascadeplein")
    assert c.status is Status.DONE
    assert c.closed_on == date(2026, 11, 20)
    assert c.history[-1].note == "Geopend"
    assert c.history[-1].evidence == "https://example.org/persbericht"
    assert_valid(run, shipped)


def test_on_defaults_to_today_in_amsterdam(run, shipped, monkeypatch):
    monkeypatch.setattr("kvtrack.cli.options.today", lambda: date(2026, 11, 27))
    line = ok(run, "note", "groningen-cascadeplein", "Nog niet open", "--file", str(shipped))
    assert line == "groningen-cascadeplein: note added on 2026-11-27"
    assert load(shipped).register.get("groningen-cascadeplein").history[-1].date == date(
        2026, 11, 27
    )


def test_the_file_comes_from_kvtrack_file(run, shipped):
    result = run(
        "note",
        "groningen-cascadeplein",
        "via de omgeving",
        "--on",
        AS_OF,
        env={"KVTRACK_FILE": str(shipped)},
    )
    assert result.exit_code == 0, result.stderr
    assert load(shipped).register.get("groningen-cascadeplein").history[-1].note == (
        "via de omgeving"
    )


@pytest.mark.parametrize(
    ("word", "status"),
    [("deels voldaan", Status.PARTIAL), ("vervallen", Status.DROPPED), ("done", Status.DONE)],
)
def test_update_accepts_english_and_dutch_status_words(run, shipped, word, status):
    line = ok(
        run,
        "update",
        "regios-wensen-in-kaart",
        "--status",
        word,
        "--on",
        AS_OF,
        "--note",
        "Zie Kamerbrief",
        "--file",
        str(shipped),
    )
    assert line == f"regios-wensen-in-kaart: {status.value} on {AS_OF} (was open)"
    c = load(shipped).register.get("regios-wensen-in-kaart")
    assert c.status is status
    assert (c.history[-1].status, c.history[-1].note) == (status, "Zie Kamerbrief")
    assert_valid(run, shipped)


def test_update_reopens_a_done_commitment(run, shipped):
    line = ok(
        run,
        "update",
        "assen-rijksontmoetingsplein",
        "--status",
        "openstaand",
        "--on",
        AS_OF,
        "--file",
        str(shipped),
    )
    assert line == f"assen-rijksontmoetingsplein: open on {AS_OF} (was done)"
    assert load(shipped).register.get("assen-rijksontmoetingsplein").status is Status.OPEN


def test_reschedule_keeps_the_original_due_and_shows_the_slip(run, shipped):
    line = ok(
        run,
        "reschedule",
        "groningen-cascadeplein",
        "2026-Q2",
        "--on",
        AS_OF,
        "--note",
        "Opening uitgesteld",
        "--file",
        str(shipped),
    )
    assert line == (
        f"groningen-cascadeplein: rescheduled from 2025 to 2026-Q2 on {AS_OF}, "
        "181 days later than promised"
    )
    c = load(shipped).register.get("groningen-cascadeplein")
    assert c.due == Period.parse("2025")  # the promise as made
    assert c.current_due == Period.parse("2026-Q2")
    assert c.history[-1].note == "Opening uitgesteld"
    shown = json.loads(
        run("show", "groningen-cascadeplein", "--format", "json", "--file", str(shipped)).stdout
    )
    assert (shown["due"], shown["current_due"]) == ("2025", "2026-Q2")
    assert_valid(run, shipped)

    again = ok(
        run, "reschedule", "groningen-cascadeplein", "2026-H2", "--on", AS_OF, "-f", str(shipped)
    )
    assert again == (
        f"groningen-cascadeplein: rescheduled from 2026-Q2 to 2026-H2 on {AS_OF}, "
        "365 days later than promised (2025)"
    )


def test_reschedule_an_undated_commitment(run, shipped):
    line = ok(
        run,
        "reschedule",
        "groningen-ontmoetingsvoorzieningen-fasegewijs",
        "2028",
        "--on",
        AS_OF,
        "--file",
        str(shipped),
    )
    assert line.endswith(f"rescheduled from undated to 2028 on {AS_OF}")
    c = load(shipped).register.get("groningen-ontmoetingsvoorzieningen-fasegewijs")
    assert (c.due, c.current_due) == (None, Period.parse("2028"))


def test_note_adds_an_entry_without_changing_the_status(run, shipped):
    line = ok(
        run,
        "note",
        "assen-rijksontmoetingsplein",
        "Bezocht; 110 werkplekken in gebruik",
        "--on",
        AS_OF,
        "--evidence",
        "https://example.org/verslag",
        "-f",
        str(shipped),
    )
    assert line == f"assen-rijksontmoetingsplein: note added on {AS_OF}"
    c = load(shipped).register.get("assen-rijksontmoetingsplein")
    assert c.status is Status.DONE
    last = c.history[-1]
    assert (last.note, last.evidence, last.status, last.due) == (
        "Bezocht; 110 werkplekken in gebruik",
        "https://example.org/verslag",
        None,
        None,
    )
    assert_valid(run, shipped)


def test_add_appends_a_commitment_with_every_field(run, shipped):
    line = ok(
        run,
        "add",
        "--id",
        "den-haag-hub",
        "--title",
        "Rijkshub in Den Haag",
        "--source",
        "rijksbanen-regio-2024",
        "--due",
        "2027-H1",
        "--due-text",
        "in het eerste halfjaar van 2027",
        "--answer",
        "4",
        "--answer",
        "5",
        "--quote",
        "In het eerste halfjaar van 2027 opent er een hub: ook in Den Haag.",
        "--owner",
        "BZK",
        "--place",
        "Den Haag",
        "--place",
        "Rijswijk,Delft",
        "--tag",
        "rijksontmoetingsplein",
        "--file",
        str(shipped),
    )
    assert line == "den-haag-hub: added (due 2027-H1, source rijksbanen-regio-2024)"
    c = load(shipped).register.get("den-haag-hub")
    assert c.title == "Rijkshub in Den Haag"
    assert c.answer == (4, 5)
    assert c.quote == "In het eerste halfjaar van 2027 opent er een hub: ook in Den Haag."
    assert c.due == Period.parse("2027-H1")
    assert c.due_text == "in het eerste halfjaar van 2027"
    assert (c.owner, c.places, c.tags) == (
        "BZK",
        ("Den Haag", "Rijswijk", "Delft"),
        ("rijksontmoetingsplein",),
    )
    assert (c.status, c.history) == (Status.OPEN, ())
    assert_valid(run, shipped)
    # and the new commitment can be edited like any other
    ok(run, "done", "den-haag-hub", "--on", AS_OF, "-f", str(shipped))
    assert_valid(run, shipped)


def test_add_with_only_the_required_fields(run, write_yaml):
    path = write_yaml(MINIMAL)
    line = ok(
        run, "add", "--id", "b", "--title", "B", "--source", "src", "--quote", "Q", "-f", str(path)
    )
    assert line == "b: added (undated, source src)"
    assert load(path).register.get("b").due is None
    assert_valid(run, path)


def test_every_edit_command_has_help_with_an_example(run):
    for command in ("add", "done", "update", "reschedule", "note"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command
        assert f"kvtrack {command} " in result.stdout, command
        assert "KVTRACK_FILE" in result.stdout


# -- refusals: exit 2, a clear message, the file byte for byte unchanged ------------------------

ADD = ("add", "--id", "x", "--title", "T", "--source", "rijksbanen-regio-2024", "--quote", "Q")

REFUSALS = [
    (
        ("done", "groningen-cascadeplien"),
        "no commitment with id 'groningen-cascadeplien'; did you mean 'groningen-cascadeplein'?",
    ),
    (("note", "nope", "tekst"), "no commitment with id 'nope'"),
    (("done", "assen-rijksontmoetingsplein"), "'assen-rijksontmoetingsplein' is already done"),
    (
        ("done", "groningen-cascadeplein", "--on", "2024-12-01"),
        "--on 2024-12-01 is before the source 'rijksbanen-regio-2024' was answered (2024-12-05)",
    ),
    (("done", "groningen-cascadeplein", "--on", "2025-02-30"), "February 2025 has 28 days"),
    (("done", "groningen-cascadeplein", "--on", "2025-06"), "'2025-06' is a month, not a day"),
    (("update", "groningen-cascadeplein", "--status", "half"), "--status: unknown status 'half'"),
    (("update", "groningen-cascadeplein", "--status", "open"), "is already open"),
    (("reschedule", "groningen-cascadeplein", "2025-Q5"), "quarter must be Q1 to Q4"),
    (("reschedule", "groningen-cascadeplein", "volgend jaar"), "'volgend jaar' is not a period"),
    (("reschedule", "groningen-cascadeplein", "2025"), "is already due 2025"),
    (("reschedule", "groningen-cascadeplein", " "), "PERIOD is empty"),
    (("reschedule", "assen-rijksontmoetingsplein", "2026"), "is done, so it has no due to move"),
    (("note", "groningen-cascadeplein", "   "), "the note is empty"),
    (
        (
            "add",
            "--id",
            "groningen-cascadeplein",
            "--title",
            "T",
            "--source",
            "rijksbanen-regio-2024",
            "--quote",
            "Q",
        ),
        "a commitment with id 'groningen-cascadeplein' already exists",
    ),
    (
        ("add", "--id", "x", "--title", "T", "--source", "rijksbanen-2024", "--quote", "Q"),
        "unknown source 'rijksbanen-2024'; did you mean 'rijksbanen-regio-2024'?",
    ),
    (
        ("add", "--id", "x", "--title", "T", "--source", "rijksbanen-regio-2024"),
        "Missing option '--quote'",
    ),
    (
        ("add", "--id", "x", "--title", "T", "--source", "rijksbanen-regio-2024", "--quote", " "),
        "--quote is required",
    ),
    (
        ("add", "--id", "x", "--title", " ", "--source", "rijksbanen-regio-2024", "--quote", "Q"),
        "--title is empty",
    ),
    (
        (*ADD, "--due", "2025-13"),
        "--due: '2025-13' is not a period: month must be 01 to 12",
    ),
    (  # caught by validating the new text: the message is the loader's
        (*ADD, "--id", "bad id"),  # the last --id wins
        "commitment id 'bad id' must be a slug",
    ),
    (
        (*ADD, "--answer", "0"),
        "would make the file invalid",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[" ".join(a[:2]) for a, _ in REFUSALS])
def test_a_refused_edit_exits_2_and_leaves_the_file_unchanged(run, shipped, args, message):
    before = shipped.read_bytes()
    result = run(*args, "--file", str(shipped))
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert shipped.read_bytes() == before


def test_a_backfilled_entry_goes_where_its_date_puts_it(run, shipped):
    ok(run, "note", "groningen-cascadeplein", "eerste", "--on", "2026-01-10", "-f", str(shipped))
    ok(run, "note", "groningen-cascadeplein", "ouder", "--on", "2025-12-01", "-f", str(shipped))
    ok(
        run,
        "note",
        "groningen-cascadeplein",
        "zelfde dag",
        "--on",
        "2026-01-10",
        "-f",
        str(shipped),
    )
    history = load(shipped).register.get("groningen-cascadeplein").history
    assert [(str(h.date), h.note) for h in history] == [
        ("2025-12-01", "ouder"),
        ("2026-01-10", "eerste"),
        ("2026-01-10", "zelfde dag"),  # the same day as an entry: after it
    ]
    text = shipped.read_text()
    assert text.index("ouder") < text.index("eerste") < text.index("zelfde dag")


def test_a_backfilled_status_before_a_later_status_change_is_refused(run, shipped):
    ok(
        run,
        "update",
        "groningen-cascadeplein",
        "--status",
        "partial",
        "--on",
        "2026-01-10",
        "-f",
        str(shipped),
    )
    before = shipped.read_bytes()
    result = run("done", "groningen-cascadeplein", "--on", "2025-12-01", "-f", str(shipped))
    assert result.exit_code == 2
    assert "before the entry of 2026-01-10 that sets the status" in result.stderr
    assert "would not become the current one" in result.stderr
    assert shipped.read_bytes() == before


def test_a_refusal_names_the_file(run, shipped):
    result = run("done", "nope", "--file", str(shipped))
    assert result.stderr.startswith(f"{shipped}: no commitment with id 'nope'")


def test_an_invalid_file_is_not_edited(run, write_yaml):
    path = write_yaml(MINIMAL.replace("due: 2025", "due: 2025-Q5"))
    before = path.read_bytes()
    result = run("note", "a", "x", "--on", AS_OF, "--file", str(path))
    assert result.exit_code == 2
    assert "not valid, so kvtrack will not edit it" in result.stderr
    assert f"{path}:" in result.stderr and "quarter must be Q1 to Q4" in result.stderr
    assert path.read_bytes() == before


def test_a_missing_file_is_named_and_not_created(run, tmp_path):
    path = tmp_path / "elders.yaml"
    result = run("note", "a", "x", "--file", str(path))
    assert result.exit_code == 2
    assert str(path) in result.stderr and "no such file" in result.stderr
    assert list(tmp_path.iterdir()) == []  # not even a lock file


def test_a_held_lock_times_out_with_a_clear_message(run, write_yaml):
    path = write_yaml(MINIMAL)
    before = path.read_bytes()
    with locked(path):
        result = run(
            "note", "a", "x", "--on", AS_OF, "-f", str(path), env={"KVTRACK_LOCK_TIMEOUT": "0.1"}
        )
    assert result.exit_code == 2
    assert "is locked for editing by process" in result.stderr
    assert "gave up after 0.1 s" in result.stderr
    assert path.read_bytes() == before


def test_a_read_only_file_is_not_replaced(run, write_yaml):
    path = write_yaml(MINIMAL)
    path.chmod(0o444)
    result = run("note", "a", "x", "--on", AS_OF, "--file", str(path))
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert path.read_text() == MINIMAL


# -- dry runs, dates, directories -----------------------------------------------------------------

DRY_RUNS = [
    (("note", "groningen-cascadeplein", "Proef"), "+        note: \"Proef\""),
    (("done", "groningen-cascadeplein"), "+    status: done"),
    (("update", "groningen-cascadeplein", "--status", "partial"), "+    status: partial"),
    (("reschedule", "groningen-cascadeplein", "2026-Q2"), "+        due: 2026-Q2"),
    (
        (
            "add", "--id", "proef", "--title", "Proef", "--source", "rijksbanen-regio-2024",
            "--quote", "Q", "--due", "2027",
        ),
        "+  - id: proef",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "shown"), DRY_RUNS, ids=[a[0] for a, _ in DRY_RUNS])
def test_dry_run_prints_the_diff_and_changes_nothing(run, shipped, args, shown):
    before = shipped.read_bytes()
    stamp = shipped.stat().st_mtime_ns
    result = (
        run(*args, "--on", AS_OF, "--dry-run", "--file", str(shipped))
        if args[0] != "add"
        else run(*args, "--dry-run", "--file", str(shipped))
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"--- {shipped}\n+++ {shipped}\n@@ -")
    assert shown in result.stdout
    assert "dry run: nothing was changed" in result.stderr
    assert shipped.read_bytes() == before and shipped.stat().st_mtime_ns == stamp
    # the diff is exactly what the real edit then does
    real = (
        run(*args, "--on", AS_OF, "--file", str(shipped))
        if args[0] != "add"
        else run(*args, "--file", str(shipped))
    )
    assert real.exit_code == 0
    import difflib

    expected = "".join(
        difflib.unified_diff(
            before.decode().splitlines(keepends=True),
            shipped.read_text().splitlines(keepends=True),
            str(shipped),
            str(shipped),
        )
    )
    assert result.stdout == expected


def test_on_in_the_future_is_refused(run, shipped, monkeypatch):
    from kvtrack.cli import edit as edit_cli

    monkeypatch.setattr(edit_cli, "today", lambda: date(2026, 11, 27))
    before = shipped.read_bytes()
    result = run("note", "groningen-cascadeplein", "x", "--on", "2026-11-28", "-f", str(shipped))
    assert result.exit_code == 2
    assert "--on 2026-11-28 is in the future (today is 2026-11-27 in Europe/Amsterdam)" in (
        result.stderr
    )
    assert shipped.read_bytes() == before
    ok(run, "note", "groningen-cascadeplein", "x", "--on", "2026-11-27", "-f", str(shipped))


def test_reschedule_to_a_due_before_the_answer_is_refused_with_the_reason(run, shipped):
    before = shipped.read_bytes()
    result = run(
        "reschedule", "groningen-cascadeplein", "2024-Q3", "--on", AS_OF, "-f", str(shipped)
    )
    assert result.exit_code == 2
    assert (
        "the new due 2024-Q3 ends on 2024-09-30, before the source 'rijksbanen-regio-2024' "
        "was answered (2024-12-05)"
    ) in result.stderr
    assert shipped.read_bytes() == before


def test_concurrent_adds_of_one_id_into_different_files_one_succeeds(tmp_path):
    """A directory-wide lock around `add`: the id is checked and written under it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    store = tmp_path / "register"
    store.mkdir()
    n = 6
    for k in range(n):
        (store / f"f{k}.yaml").write_text(
            f"version: 1\nsources:\n  - id: src-{k}\n    answered: 2024-01-01\ncommitments: []\n"
        )
    env = {**os.environ, "KVTRACK_LOCK_TIMEOUT": "60", "PYTHONPATH": str(root)}
    procs = [
        subprocess.Popen(
            [
                sys.executable, "-m", "kvtrack", "add", "--id", "dezelfde", "--title", f"T{k}",
                "--source", f"src-{k}", "--quote", "Q", "--file", str(store),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(n)
    ]  # fmt: skip
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [2] * (n - 1), results
    refused = [err for code, _, err in results if code == 2]
    assert all("a commitment with id 'dezelfde' already exists" in e for e in refused)
    register = load(store).register  # valid, or this raises
    assert [c.id for c in register.commitments] == ["dezelfde"]


def test_a_commitment_written_as_a_flow_mapping_is_refused_at_its_place(run, write_yaml):
    """What validate accepts but kvtrack cannot splice safely: refused, located, no traceback."""
    path = write_yaml(
        "version: 1\nsources:\n  - id: src\ncommitments:\n"
        "  - {id: a, title: A, source: src, quote: Q, due: 2025}\n"
    )
    assert run("validate", "-f", str(path)).exit_code == 0
    before = path.read_bytes()
    result = run("note", "a", "x", "--on", AS_OF, "-f", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{path}:5:3: cannot edit: commitment 'a' is written in flow style ({{...}})"
    )
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_tab_in_a_plain_title_and_an_unquoted_impossible_date_in_tags_can_be_edited(
    run, write_yaml
):
    path = write_yaml(
        "version: 1\nsources:\n  - id: src\ncommitments:\n"
        "  - id: a\n    title: Met\ttab\n    source: src\n    quote: Q\n    tags: 2025-02-30\n"
    )
    assert load(path).register.get("a").tags == ("2025-02-30",)  # the register loads
    ok(run, "done", "a", "--on", AS_OF, "-f", str(path))
    text = path.read_text()
    assert "    title: Met\ttab\n" in text and "    tags: 2025-02-30\n" in text
    assert load(path).register.get("a").status == Status.DONE
