"""The one exit-code table and the one reporter every error reaches the user through."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from kvtrack.cli.app import report
from kvtrack.errors import ExitCode, KvtrackError, Location, Problem, UsageError, ValidationError

PACKAGE = Path(__file__).resolve().parent.parent / "kvtrack"


def test_the_exit_code_table():
    assert {c.name: int(c) for c in ExitCode} == {
        "OK": 0,
        "ATTENTION": 1,
        "ERROR": 2,
        "UNKNOWN": 3,
        "INTERRUPTED": 130,
    }


def _exits_with_a_number(path: Path) -> list[str]:
    """Calls like `typer.Exit(3)` or `sys.exit(2)`: exit codes spelt as numbers."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = ast.unparse(node.func)
        if name.endswith(("Exit", "exit")) and isinstance(node.args[0], ast.Constant):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)}")
    return found


_STATUS_WORDS = ("OK", "ATTENTION", "WARNING", "ERROR", "CRITICAL", "UNKNOWN", "EXIT")


def _status_numbers(path: Path) -> list[str]:
    """Assignments like `UNKNOWN = 3`: an exit-code table of its own."""
    return [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and type(node.value.value) is int
        and 0 <= node.value.value <= 3
        and any(
            isinstance(t, ast.Name) and any(w in t.id.upper() for w in _STATUS_WORDS)
            for t in node.targets
        )
    ]


def test_exit_codes_are_named_from_the_table():
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if p != PACKAGE / "errors.py"]
    assert [hit for path in files for hit in _exits_with_a_number(path)] == []
    assert [hit for path in files for hit in _status_numbers(path)] == []


def test_report_prints_each_problem_on_stderr_and_returns_error(capsys):
    error = ValidationError(
        problems=[
            Problem("first", Location("a.yaml", 3, 5)),
            Problem("second", Location("a.yaml", 7)),
        ]
    )
    assert report(error) is ExitCode.ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "a.yaml:3:5: first\na.yaml:7:1: second\n2 problems found\n"


def test_report_marks_an_error_without_a_place(capsys):
    assert report(KvtrackError("--within must be a window")) is ExitCode.ERROR
    assert capsys.readouterr().err == "error: --within must be a window\n"


def test_report_says_where_a_commands_help_is(capsys):
    assert report(UsageError("No such option: --bogus", command="check")) is ExitCode.ERROR
    assert capsys.readouterr().err == (
        "kvtrack check: error: No such option: --bogus\nTry 'kvtrack check --help' for help.\n"
    )


@pytest.mark.parametrize(
    "error",
    [
        KvtrackError("no such file", where=Location("x.yaml")),
        UsageError("No such option: --bogus", command="check"),
    ],
)
def test_report_under_nagios_is_one_unknown_line_on_stdout(capsys, error):
    assert report(error, nagios=True) is ExitCode.UNKNOWN
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("KVTRACK UNKNOWN - ")
    assert str(error.problems[0]) in out.splitlines()[0]


class _Stream:
    """A stdout stand-in with an encoding, recording what is written and how it is reconfigured."""

    def __init__(self, encoding: str, *, can_reconfigure: bool = True) -> None:
        self.encoding = encoding
        self.written: list[str] = []
        self.reconfigured: dict[str, str] = {}
        if not can_reconfigure:
            self.reconfigure = None

    def reconfigure(self, **kwargs: str) -> None:  # type: ignore[no-redef]
        self.reconfigured.update(kwargs)

    def write(self, text: str) -> None:
        self.written.append(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    ("encoding", "reconfigurable", "reconfigured", "written"),
    [
        ("utf-8", True, {}, "Coördinatie — «Assen»"),
        ("ascii", True, {"encoding": "utf-8", "errors": "replace"}, "Coördinatie — «Assen»"),
        ("latin-1", True, {"errors": "replace"}, "Coördinatie — «Assen»"),
        ("ascii", False, {}, "Co?rdinatie ? ?Assen?"),
        ("no-such-codec", True, {}, "Coördinatie — «Assen»"),
    ],
)
def test_stdout_never_fails_on_its_encoding(
    monkeypatch, encoding, reconfigurable, reconfigured, written
):
    app_module = importlib.import_module("kvtrack.cli.app")  # the module, not the Typer app

    stream = _Stream(encoding, can_reconfigure=reconfigurable)
    monkeypatch.setattr("sys.stdout", stream)
    app_module.write_stdout("Coördinatie — «Assen»")
    assert (stream.reconfigured, "".join(stream.written)) == (reconfigured, written)


def test_a_crash_outside_nagios_is_one_line_not_a_traceback(run, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("kvtrack.store.register.load", boom)
    result = run("validate")
    assert result.exit_code == 2  # never 1, which cron reads as "attention"
    assert result.stderr == (
        "error: internal error: RuntimeError: boom; please report it with the command you ran\n"
    )


def test_main_builds_only_the_command_it_runs(monkeypatch, capsys):
    app_module = importlib.import_module("kvtrack.cli.app")  # the module, not the Typer app

    shipped = str(Path(__file__).resolve().parent.parent / "commitments.yaml")
    monkeypatch.setattr(
        app_module.app, "registered_commands", list(app_module.app.registered_commands)
    )
    monkeypatch.setattr("sys.argv", ["kvtrack", "validate", "--file", shipped])
    with pytest.raises(SystemExit) as done:
        app_module.main()
    assert done.value.code == 0
    assert [app_module._name(c) for c in app_module.app.registered_commands] == ["validate"]
    assert capsys.readouterr().out == f"{shipped}: valid, 10 commitments from 1 source\n"


def test_a_usage_error_keeps_its_place_and_command():
    error = UsageError("No such option: --x", command="check")
    assert error.located(Location("a.yaml")) is error
