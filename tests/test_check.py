"""`kvtrack check`: exit codes, the three output modes, the state file, and cron's environment."""

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, MINIMAL, SHIPPED

from kvtrack.core.check import Level, Reason, Reported, Snapshot, check
from kvtrack.core.query import State, Window
from kvtrack.store.check_state import read_state, write_state
from kvtrack.store.register import parse_text

# As of 2026-11-27 with the default 90-day window: `laat` is overdue (331 days late), `binnenkort`
# due soon (34 days left), `later` upcoming, `klaar` done, `vaag` undated.
DUTCH_TITLE = "Evaluatie van de ideeën voor de regio’s"
REGISTER = MINIMAL.replace("  - id: a\n", "  - id: laat\n").replace(
    "    title: Iets in 2025\n", f"    title: {DUTCH_TITLE}\n"
) + (
    "    owner: BZK\n"
    "  - id: binnenkort\n"
    "    title: Brief voor de kerst\n"
    "    source: src\n"
    "    quote: Voor het kerstreces stuur ik een brief.\n"
    "    due: 2026-12\n"
    "  - id: later\n"
    "    title: Rijkskantoor uitgebreid\n"
    "    source: src\n"
    "    quote: Zoals nu voorzien in 2031.\n"
    "    due: 2031\n"
    "  - id: klaar\n"
    "    title: Geopend\n"
    "    source: src\n"
    "    quote: Eind 2023 geopend.\n"
    "    due: 2023\n"
    "    status: done\n"
    "    history:\n"
    "      - {date: 2023-12-01, status: done}\n"
    "  - id: vaag\n"
    "    title: Vaag\n"
    "    source: src\n"
    "    quote: De komende jaren.\n"
    "    due_text: de komende jaren\n"
)
QUIET_DAY = "2024-06-01"  # `laat` (2025) is more than 90 days away, `binnenkort` even further
NAGIOS_LINE = re.compile(
    r"^KVTRACK (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+ \| overdue=\d+ due_soon=\d+ open=\d+$"
)


@pytest.fixture
def data(write_yaml):
    return write_yaml(REGISTER, "commitments.yaml")


@pytest.fixture
def state(tmp_path):
    return tmp_path / "state" / "check.json"


def go(run, data, *args, as_of=AS_OF):
    return run("check", "--file", str(data), "--as-of", as_of, *args)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- exit 0: silence ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [(), ("--format", "json"), ("--format", "text")])
def test_nothing_due_prints_nothing_at_all(run, data, mode):
    result = go(run, data, *mode, as_of=QUIET_DAY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_done_undated_and_upcoming_do_not_count(run, write_yaml):
    only_quiet = REGISTER.replace("    due: 2025\n", "    due: 2029\n").replace(
        "    due: 2026-12\n", "    due: 2027-12\n"
    )
    result = go(run, write_yaml(only_quiet))
    assert (result.exit_code, result.stdout) == (0, "")


# --- exit 1: the text report -------------------------------------------------------------------


def test_text_report_lists_overdue_then_due_soon(run, data):
    result = go(run, data)
    assert result.exit_code == 1
    out = result.stdout
    assert out.splitlines()[0] == (
        "kvtrack check as of 2026-11-27: 1 overdue, 1 due soon (within 90d), 4 open."
    )
    assert f"  - laat: {DUTCH_TITLE} (due 2025, 331 days late)" in out
    assert "  - binnenkort: Brief voor de kerst (due 2026-12, 34 days left)" in out
    assert out.index("Overdue:") < out.index("laat") < out.index("Due soon:") < out.index("binnen")
    for quiet in ("later", "klaar", "vaag"):
        assert f"- {quiet}:" not in out
    assert result.stderr == ""


def test_text_report_is_plain(run, data):
    out = go(run, data).stdout
    assert "\x1b" not in out
    assert not set(out) & set("─│╭╮╰╯┃━┏┓")  # no box drawing
    structure = out.replace(DUTCH_TITLE, "")
    assert structure.isascii()


def test_window_and_rescheduled_due(run, data):
    edit(
        data,
        "    due: 2025\n",
        "    due: 2025\n    history:\n      - {date: 2025-06-01, due: 2026-Q4}\n",
    )
    result = go(run, data, "--within", "5w")
    assert result.exit_code == 1
    assert "0 overdue, 2 due soon (within 5w)" in result.stdout
    assert f"laat: {DUTCH_TITLE} (due 2026-Q4 (was 2025), 34 days left)" in result.stdout
    assert go(run, data, "--within", "4w").exit_code == 0


def test_only_due_soon_is_still_exit_1(run, data):
    result = go(run, data, as_of="2025-11-01")
    assert result.exit_code == 1
    assert "0 overdue, 1 due soon" in result.stdout and "Overdue:" not in result.stdout


def test_kvtrack_file_environment_variable(run, data):
    result = run("check", "--as-of", AS_OF, env={"KVTRACK_FILE": str(data)})
    assert result.exit_code == 1
    assert "laat" in result.stdout


def test_shipped_file(run):
    result = run("check", "--file", str(SHIPPED), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "groningen-cascadeplein" in result.stdout and "331 days late" in result.stdout


# --- JSON --------------------------------------------------------------------------------------


def test_json_report(run, data):
    result = go(run, data, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["as_of"] == AS_OF and report["window"] == "90d"
    assert report["status"] == "CRITICAL"
    assert report["counts"] == {"overdue": 1, "due_soon": 1, "open": 4}
    assert [r["id"] for r in report["overdue"]] == ["laat"]
    assert [r["id"] for r in report["due_soon"]] == ["binnenkort"]
    assert report["overdue"][0]["title"] == DUTCH_TITLE
    assert report["overdue"][0]["days_left"] == -331
    assert "changes" not in report  # only with --state


# --- Nagios ------------------------------------------------------------------------------------


def test_nagios_critical(run, data):
    result = go(run, data, "--nagios")
    assert result.exit_code == 2
    first, *details = result.stdout.splitlines()
    assert NAGIOS_LINE.match(first)
    assert first == (
        "KVTRACK CRITICAL - 1 overdue (laat), 1 due soon within 90d (binnenkort)"
        " | overdue=1 due_soon=1 open=4"
    )
    assert details == [
        f"overdue: laat: {DUTCH_TITLE} (due 2025, 331 days late)",
        "due soon: binnenkort: Brief voor de kerst (due 2026-12, 34 days left)",
    ]


def test_nagios_warning(run, data):
    result = go(run, data, "--nagios", as_of="2025-11-01")
    assert result.exit_code == 1
    assert result.stdout.startswith("KVTRACK WARNING - 1 due soon within 90d (laat) | overdue=0")


def test_nagios_ok_still_prints_its_line(run, data):
    result = go(run, data, "--nagios", as_of=QUIET_DAY)
    assert result.exit_code == 0
    assert result.stdout == (
        "KVTRACK OK - nothing overdue or due within 90d | overdue=0 due_soon=0 open=4\n"
    )


def test_nagios_keeps_pipes_out_of_text(run, data):
    edit(data, DUTCH_TITLE, "A | B")
    lines = go(run, data, "--nagios").stdout.splitlines()
    assert lines[0].count("|") == 1
    assert "A / B" in lines[1] and "|" not in "".join(lines[1:])


# --- exit 2 / UNKNOWN: bad files and bad arguments ---------------------------------------------

BAD_STATUS = MINIMAL + "    status: bezig\n"


@pytest.mark.parametrize("mode", [(), ("--format", "json")])
def test_invalid_file_exit_2_names_path_and_line(run, write_yaml, mode):
    path = write_yaml(BAD_STATUS)
    result = run("check", "--file", str(path), "--as-of", AS_OF, *mode)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:17:13: unknown status 'bezig'" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_file_nagios_unknown(run, write_yaml):
    path = write_yaml(BAD_STATUS)
    result = run("check", "--file", str(path), "--as-of", AS_OF, "--nagios")
    assert result.exit_code == 3
    assert result.stdout.startswith(f"KVTRACK UNKNOWN - {path}:17:13: unknown status 'bezig'")
    assert len(result.stdout.splitlines()) == 1


def test_several_problems_nagios_lists_the_rest(run, write_yaml):
    path = write_yaml(BAD_STATUS.replace("due: 2025", "due: 2025-Q5"))
    lines = run("check", "--file", str(path), "--nagios").stdout.splitlines()
    assert lines[0].startswith(f"KVTRACK UNKNOWN - {path}:16:") and lines[0].endswith(
        "(and 1 more)"
    )
    assert lines[1].startswith(f"{path}:17:13: unknown status")


@pytest.mark.parametrize("mode", [(), ("--format", "json")])
def test_missing_file_exit_2(run, tmp_path, mode):
    missing = tmp_path / "nope.yaml"
    result = run("check", "--file", str(missing), *mode)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{missing}: no such file")
    assert result.stdout == ""


def test_missing_file_nagios_unknown(run, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run("check", "--file", str(missing), "--nagios")
    assert result.exit_code == 3
    assert result.stdout.startswith(f"KVTRACK UNKNOWN - {missing}: no such file")


def test_yaml_syntax_error_each_mode(run, write_yaml):
    path = write_yaml("version: 1\nsources: [\n")
    for mode, code in (((), 2), (("--format", "json"), 2), (("--nagios",), 3)):
        result = run("check", "--file", str(path), *mode)
        assert result.exit_code == code, mode
        shown = result.stdout if code == 3 else result.stderr
        assert re.search(rf"{re.escape(str(path))}:\d+:\d+: ", shown), mode


BAD_ARGS = [
    (("--within", "nonsense"), "--within: 'nonsense' is not a window"),
    (("--as-of", "2026-02-30"), "--as-of: '2026-02-30' is not a real date"),
    (("--format", "xml"), "'xml'"),
    (("--bogus",), "No such option: --bogus"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ARGS)
def test_bad_arguments_exit_2_one_plain_message(run, data, args, message):
    result = run("check", "--file", str(data), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "╭" not in result.stderr


@pytest.mark.parametrize(("args", "message"), BAD_ARGS)
def test_bad_arguments_nagios_unknown(run, data, args, message):
    result = run("check", "--file", str(data), "--nagios", *args)
    assert result.exit_code == 3
    assert result.stdout.startswith("KVTRACK UNKNOWN - ")
    assert message in result.stdout.splitlines()[0]


def test_nagios_and_json_do_not_mix(run, data):
    result = go(run, data, "--nagios", "--format", "json")
    assert result.exit_code == 3
    assert "cannot be combined" in result.stdout


def test_a_crash_is_unknown_to_a_monitor(run, data, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("kvtrack.core.check.check", boom)
    result = go(run, data, "--nagios")
    assert (result.exit_code, result.stdout) == (
        3,
        "KVTRACK UNKNOWN - internal error: RuntimeError: boom; please report it with the "
        "command you ran\n",
    )


def test_help_lists_the_exit_codes(run):
    result = run("check", "--help")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    for text in (
        "Exit codes:",
        "0 = nothing overdue or due soon",
        "1 = something needs attention",
        "2 = the file is missing or invalid",
        "0 OK (nothing due), 1 WARNING (only due soon), 2 CRITICAL (something overdue), 3 UNKNOWN",
        "kvtrack check --nagios --within 30d",
    ):
        assert text in out


# --- the state file ----------------------------------------------------------------------------


def test_state_three_runs_report_silence_news(run, data, state):
    state.parent.mkdir()
    first = go(run, data, "--state", str(state))
    assert first.exit_code == 1
    assert first.stderr == ""  # a missing state file is a first run, not a problem
    assert "laat" in first.stdout and "binnenkort" in first.stdout
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved == {
        "format": "kvtrack-check-state",
        "version": 1,
        "as_of": AS_OF,
        "reported": {
            "binnenkort": {"state": "due-soon", "due": "2026-12"},
            "laat": {"state": "overdue", "due": "2025"},
        },
    }

    second = go(run, data, "--state", str(state), as_of="2026-11-28")
    assert (second.exit_code, second.stdout, second.stderr) == (0, "", "")

    # the user records `laat` as done and adds a promise that is already late
    done = "    status: done\n    history:\n      - {date: 2026-11-28, status: done}\n"
    edit(data, "    owner: BZK\n", "    owner: BZK\n" + done)
    data.write_text(
        data.read_text(encoding="utf-8")
        + "  - id: nieuw\n    title: Nieuw\n    source: src\n    quote: Q.\n    due: 2026-Q3\n",
        encoding="utf-8",
    )
    third = go(run, data, "--state", str(state), as_of="2026-11-29")
    assert third.exit_code == 1
    assert third.stdout == (
        "kvtrack check as of 2026-11-29: 1 newly overdue, 1 left the report since 2026-11-28.\n"
        "\n"
        "Newly overdue:\n"
        "  - nieuw: Nieuw (due 2026-Q3, 60 days late)\n"
        "\n"
        "Left the report:\n"
        f"  - laat: {DUTCH_TITLE} - done on 2026-11-28\n"
        "\n"
        "Now 1 overdue, 1 due soon (within 90d), 4 open.\n"
    )
    fourth = go(run, data, "--state", str(state), as_of="2026-11-29")
    assert (fourth.exit_code, fourth.stdout) == (0, "")


def test_state_due_soon_becomes_overdue(run, data, state):
    state.parent.mkdir()
    go(run, data, "--state", str(state))
    result = go(run, data, "--state", str(state), as_of="2027-01-02")
    assert result.exit_code == 1
    assert "Newly overdue:\n  - binnenkort: Brief voor de kerst (due 2026-12, 2 days late)" in (
        result.stdout
    )
    assert "its due period ended on 2026-12-31" in result.stdout
    assert "laat" not in result.stdout  # still overdue, already reported


def test_state_left_alone_is_news_with_exit_1(run, data, state):
    state.parent.mkdir()
    go(run, data, "--state", str(state))
    moved = "    history:\n      - {date: 2026-11-20, due: 2027-H2, note: uitgesteld}\n"
    edit(data, "    due: 2026-12\n", "    due: 2026-12\n" + moved)
    result = go(run, data, "--state", str(state))
    assert result.exit_code == 1
    assert "0 newly" not in result.stdout
    assert (
        "Left the report:\n  - binnenkort: Brief voor de kerst - rescheduled from 2026-12 to 2027-H2"
        in result.stdout
    )


def test_state_json_changes(run, data, state):
    state.parent.mkdir()
    first = json.loads(go(run, data, "--state", str(state), "--format", "json").stdout)
    assert first["changes"] is None  # first run: a full report
    edit(data, "  - id: binnenkort\n", "  - id: binnenkort-2\n")
    result = go(run, data, "--state", str(state), "--format", "json")
    assert result.exit_code == 1
    changes = json.loads(result.stdout)["changes"]
    assert changes["since"] == AS_OF
    assert changes["newly_overdue"] == []
    assert [(c["id"], c["reason"]) for c in changes["newly_due_soon"]] == [("binnenkort-2", "new")]
    (left,) = changes["left"]
    assert left == {
        "id": "binnenkort",
        "reason": "removed",
        "detail": "removed from the file",
        "previous": {"state": "due-soon", "due": "2026-12"},
        "commitment": None,
    }
    assert go(run, data, "--state", str(state), "--format", "json").stdout == ""


def test_state_with_nagios_always_prints_and_adds_news(run, data, state):
    state.parent.mkdir()
    assert go(run, data, "--state", str(state), "--nagios").exit_code == 2
    same = go(run, data, "--state", str(state), "--nagios")
    assert same.exit_code == 2 and "since" not in same.stdout.splitlines()[0]
    edit(data, "    due: 2025\n", "    due: 2025\n    status: dropped\n")
    result = go(run, data, "--state", str(state), "--nagios")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"KVTRACK WARNING - 1 due soon within 90d (binnenkort); since {AS_OF}: 1 left the report"
    )
    assert f"left: laat: {DUTCH_TITLE} - dropped" in result.stdout


def _state_json(**fields):
    data = {"format": "kvtrack-check-state", "version": 1, "as_of": "2026-01-01", "reported": {}}
    return json.dumps({**data, **fields})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON (line 1 column 2"),
        ("", "not valid JSON"),
        (_state_json(version=99), "version 99; this kvtrack reads version 1"),
        (_state_json(as_of="gisteren"), "malformed"),
        (_state_json(reported={"a": {"state": "done", "due": "2025"}}), "malformed"),
        (_state_json(reported=[]), "malformed"),
        ("[1, 2]", "not a kvtrack check state file"),
        ("[" * 100_000, "nested too deeply to be a kvtrack state"),
        ('{"a": ' * 100_000, "nested too deeply to be a kvtrack state"),
    ],
)
def test_corrupt_state_warns_then_full_report(run, data, state, content, problem):
    state.parent.mkdir()
    state.write_text(content, encoding="utf-8")
    result = go(run, data, "--state", str(state))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{state}: warning: ")
    assert problem in result.stderr
    assert "full report" in result.stderr
    assert result.stdout.startswith("kvtrack check as of 2026-11-27: 1 overdue, 1 due soon")
    assert read_state(state).snapshot is not None  # rewritten, so the warning comes once
    again = go(run, data, "--state", str(state))
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_state_not_utf8(run, data, state):
    state.parent.mkdir()
    state.write_bytes(b"\xff\xfe")
    result = go(run, data, "--state", str(state))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr


def test_state_that_cannot_be_written_is_an_error(run, data, tmp_path):
    missing_dir = tmp_path / "no-such-dir" / "check.json"
    result = go(run, data, "--state", str(missing_dir))
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing reported that the next run would not know about
    assert f"{missing_dir}: cannot write the state file" in result.stderr
    nagios = go(run, data, "--state", str(missing_dir), "--nagios")
    assert nagios.exit_code == 3
    assert nagios.stdout.startswith(f"KVTRACK UNKNOWN - {missing_dir}: cannot write")


def test_state_directory_warns_and_fails_to_write(run, data, tmp_path):
    result = go(run, data, "--state", str(tmp_path))
    assert result.exit_code == 2
    assert "warning" in result.stderr and "cannot write the state file" in result.stderr


def test_state_must_not_be_the_data_file(run, data):
    before = data.read_bytes()
    result = go(run, data, "--state", str(data))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{data}: --state would overwrite the commitments file; nothing was written. "
        "Name another file\n"
    )
    assert data.read_bytes() == before


def test_state_is_replaced_atomically(data, state, monkeypatch):
    state.parent.mkdir()
    register = parse_text(REGISTER, "c.yaml").register
    old = check(register, date(2026, 11, 27), Window.parse("90d")).snapshot()
    write_state(state, old)
    state.chmod(0o640)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Exception, match="No space left on device"):
        write_state(state, Snapshot(date(2027, 1, 1), {}))
    monkeypatch.undo()
    assert read_state(state).snapshot == old  # the old file is intact
    assert sorted(p.name for p in state.parent.iterdir()) == ["check.json"]  # no temp file left
    write_state(state, Snapshot(date(2027, 1, 1), {}))
    assert state.stat().st_mode & 0o777 == 0o640  # permissions kept
    assert sorted(p.name for p in state.parent.iterdir()) == ["check.json"]


# --- the pure builder --------------------------------------------------------------------------


def _assess(text: str, as_of: str, previous: Snapshot | None):
    register = parse_text(text, "c.yaml").register
    return check(register, date.fromisoformat(as_of), Window.parse("90d"), previous)


def test_builder_levels_and_counts():
    assert _assess(REGISTER, AS_OF, None).level is Level.CRITICAL
    assert _assess(REGISTER, "2025-11-01", None).level is Level.WARNING
    quiet = _assess(REGISTER, QUIET_DAY, None)
    assert quiet.level is Level.OK and not quiet.needs_attention
    assert (quiet.open, quiet.overdue, quiet.due_soon) == (4, (), ())


@pytest.mark.parametrize(
    ("before", "reason", "kind"),
    [
        (Reported(State.OVERDUE, "2024"), Reason.RESCHEDULED, "newly_overdue"),
        (Reported(State.DUE_SOON, "2025"), Reason.DUE_PASSED, "newly_overdue"),
    ],
)
def test_builder_reasons_for_entering(before, reason, kind):
    result = _assess(REGISTER, AS_OF, Snapshot(date(2026, 1, 1), {"laat": before}))
    assert result.changes is not None
    change = next(c for c in result.changes.newly_overdue if c.id == "laat")
    assert (change.reason, change.kind.value, change.previous) == (reason, kind, before)


def test_builder_reasons_for_leaving():
    previous = Snapshot(
        date(2026, 1, 1),
        {
            "klaar": Reported(State.OVERDUE, "2023"),
            "later": Reported(State.DUE_SOON, "2031"),
            "vaag": Reported(State.DUE_SOON, "2026"),
            "weg": Reported(State.OVERDUE, "2020"),
        },
    )
    changes = _assess(REGISTER, AS_OF, previous).changes
    assert changes is not None
    assert {c.id: c.reason for c in changes.left} == {
        "klaar": Reason.DONE,
        "later": Reason.OUT_OF_WINDOW,
        "vaag": Reason.UNDATED,
        "weg": Reason.REMOVED,
    }
    assert [c.id for c in changes.newly_overdue] == ["laat"]
    assert [c.reason for c in changes.newly_due_soon] == [Reason.NEW]


def test_builder_same_report_is_no_news():
    first = _assess(REGISTER, AS_OF, None)
    again = _assess(REGISTER, "2026-11-30", first.snapshot())
    assert again.changes is not None and not again.changes and not again.needs_attention


# --- cron's environment: the installed script, env -i, LC_ALL=C ---------------------------------


def _installed_script() -> str:
    beside = Path(sys.executable).with_name("kvtrack")
    found = str(beside) if beside.exists() else shutil.which("kvtrack")
    if found is None:
        pytest.skip("the kvtrack script is not installed")
    return found


@pytest.mark.parametrize(
    "extra_env",
    [
        {},
        {"PYTHONUTF8": "0"},  # no UTF-8 mode: Python's stdout is ASCII under the C locale
        {"PYTHONIOENCODING": "ascii"},
    ],
)
def test_installed_script_under_cron_environment(tmp_path, extra_env):
    script = _installed_script()
    copy = tmp_path / "data" / "commitments.yaml"
    copy.parent.mkdir()
    copy.write_text(REGISTER, encoding="utf-8")
    state = tmp_path / "check.json"
    env = [
        "env",
        "-i",
        "PATH=/usr/bin:/bin",
        "LC_ALL=C",
        f"KVTRACK_CACHE_DIR={tmp_path / 'cache'}",  # the test's own parse cache, not the user's
        *(f"{k}={v}" for k, v in extra_env.items()),
    ]
    command = [*env, script, "check", "--file", str(copy), "--as-of", AS_OF]

    text = subprocess.run([*command, "--state", str(state)], capture_output=True, cwd=tmp_path)
    assert text.returncode == 1, text.stderr.decode("utf-8", "replace")
    assert text.stderr == b""
    out = text.stdout.decode("utf-8")  # UTF-8 on the wire, whatever the locale says
    assert f"laat: {DUTCH_TITLE}" in out
    assert "\x1b" not in out

    silent = subprocess.run([*command, "--state", str(state)], capture_output=True, cwd=tmp_path)
    assert (silent.returncode, silent.stdout, silent.stderr) == (0, b"", b"")

    nagios = subprocess.run([*command, "--nagios"], capture_output=True, cwd=tmp_path)
    assert nagios.returncode == 2
    assert DUTCH_TITLE in nagios.stdout.decode("utf-8")

    bad = subprocess.run(
        [*env, script, "check", "--file", str(tmp_path / "nope.yaml")],
        capture_output=True,
        cwd=tmp_path,
    )
    assert bad.returncode == 2
    assert b"Traceback" not in bad.stderr and b"nope.yaml: no such file" in bad.stderr
