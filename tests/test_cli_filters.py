"""The list filters: the same on `timeline` in every format, hints for a value no commitment has,
and shell completion of commands, options and the register's values."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest
from conftest import AS_OF, ROOT, SHIPPED

FILTERS = [
    ["--owner", "BZK", "--state", "overdue"],
    ["--place", "Assen"],
    ["--status", "open", "--due-before", "2030"],
    ["--tag", "rijkskantoren"],
    ["--source", "rijksbanen-regio-2024", "--state", "undated"],
    ["--due-after", "2026"],
]


def _listed(run, *filters: str) -> list[str]:
    result = run("list", "--file", str(SHIPPED), "--as-of", AS_OF, "--format", "json", *filters)
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


@pytest.mark.parametrize("filters", FILTERS, ids=[" ".join(f) for f in FILTERS])
def test_timeline_takes_every_list_filter_in_every_format(run, filters):
    expected = _listed(run, *filters)
    assert expected  # each filter keeps something, so an empty timeline cannot pass by accident
    base = ["timeline", "--file", str(SHIPPED), "--as-of", AS_OF, *filters]
    data = json.loads(run(*base, "--format", "json").stdout)
    shown = [e["commitment"]["id"] for e in data["events"] if "commitment" in e]
    shown += [r["id"] for r in data["undated"]]
    assert sorted(shown) == sorted(expected)
    text = run(*base).stdout
    everyone = _listed(run)
    for cid in everyone:
        assert (f"{cid}:" in text) == (cid in expected), cid
    for fmt in ("svg", "html"):
        drawn = run(*base, "--format", fmt).stdout
        dated = [c for c in everyone if c in expected]
        assert all(c in drawn for c in dated), fmt
        assert not [c for c in everyone if c not in expected and f">{c}<" in drawn], fmt


def test_a_filtered_timeline_shows_only_the_answers_it_cites(run, write_yaml):
    text = (SHIPPED.read_text(encoding="utf-8")).replace(
        "sources:\n",
        "sources:\n  - id: other\n    kind: kamervragen\n    title: Andere vragen\n"
        "    answered: 2024-06-01\n",
        1,
    )
    path = write_yaml(text, "two.yaml")
    everything = run("timeline", "--file", str(path), "--as-of", AS_OF).stdout
    assert "Andere vragen" in everything
    filtered = run("timeline", "--file", str(path), "--as-of", AS_OF, "--owner", "BZK").stdout
    assert "Andere vragen" not in filtered and "Rijksbanen verdwijnen" in filtered


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (
            ["--owner", "Binnenlandse Zaken"],
            "no owner 'Binnenlandse Zaken'; owners are BZK; did you mean 'BZK'?",
        ),
        (
            ["--place", "groningn"],
            "no place 'groningn'; places are Assen, Groningen, Nederland; did you mean 'Groningen'?",
        ),
        (["--tag", "zzz"], "no tag 'zzz'; tags are "),
        (
            ["--source", "rijksbanen"],
            "no source 'rijksbanen'; sources are rijksbanen-regio-2024; "
            "did you mean 'rijksbanen-regio-2024'?",
        ),
    ],
)
def test_a_value_no_commitment_has_gets_a_hint_with_the_values_that_exist(run, args, hint):
    for command in ("list", "timeline"):
        result = run(command, "--file", str(SHIPPED), "--as-of", AS_OF, *args)
        assert result.exit_code == 0
        assert f"note: {hint}" in result.stderr, result.stderr
    result = run("list", "--file", str(SHIPPED), "--as-of", AS_OF, "--format", "csv", *args)
    assert result.stdout.count("\n") == 1  # the header only: the hint never goes to stdout


def test_a_value_that_exists_gets_no_hint(run):
    result = run("list", "--file", str(SHIPPED), "--as-of", AS_OF, "--owner", "bzk")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "overdu"], "did you mean 'overdue'?"),
        (["--status", "opne"], "did you mean 'open'?"),
        (["--status", "vervalen"], "did you mean 'vervallen'?"),
    ],
)
def test_an_unknown_state_or_status_is_refused_with_a_suggestion(run, args, message):
    for command in ("list", "timeline"):
        result = run(command, "--file", str(SHIPPED), *args)
        assert result.exit_code == 2
        assert message in result.stderr


def _complete(words: str) -> list[str]:
    env = {**os.environ, "_KVTRACK_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    command = [sys.executable, "-m", "kvtrack"]
    out = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_completion_offers_commands_options_ids_and_sources():
    assert _complete("kvtrack ti") == ["timeline"]
    assert "--owner" in _complete("kvtrack timeline --ow")
    assert _complete("kvtrack show groningen-c") == ["groningen-cascadeplein"]
    assert _complete("kvtrack note gron") == [
        "groningen-cascadeplein",
        "groningen-kempkensberg-ontmoetingsplein",
        "groningen-ontmoetingsvoorzieningen-fasegewijs",
    ]
    assert _complete("kvtrack list --source ") == ["rijksbanen-regio-2024"]
    assert _complete(f"kvtrack list --file {SHIPPED} --place As") == ["Assen"]


def test_completion_of_an_unreadable_file_offers_nothing(tmp_path):
    assert _complete(f"kvtrack show --file {tmp_path / 'none.yaml'} gron") == []


def test_completion_can_be_shown_for_a_shell():
    # A real process under a real bash, as a user runs it: typer finds the shell among the
    # process's ancestors (`; exit` keeps bash from replacing itself with kvtrack). In-process,
    # typer's completion option depends on state other tests leave behind; and without bash as
    # an ancestor (a test worker under some other program) there is no shell to find.
    command = f"{shlex.quote(sys.executable)} -m kvtrack --show-completion; exit $?"
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env={**os.environ, "SHELL": "/bin/bash"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "_KVTRACK_COMPLETE" in result.stdout
    assert "complete -o default -F _kvtrack_completion kvtrack" in result.stdout


def test_help_marks_required_options_and_every_command_has_an_example(run):
    options = run("add", "--help").stdout.split("Options:", 1)[1]
    lines = options.splitlines()
    for option in ("--id", "--title", "--source", "--quote"):
        at = next(i for i, x in enumerate(lines) if x.strip().startswith(option + " "))
        assert "[required]" in " ".join(lines[at : at + 2]), option
    assert "[required]" not in " ".join(x for x in lines if x.strip().startswith("--due "))
    listing = run("--help").stdout.split("Commands:", 1)[1].splitlines()
    names = [line.split()[0] for line in listing if line.startswith("  ") and line[2] != " "]
    assert {"validate", "list", "show", "due", "timeline", "stats", "add", "extract"} <= set(names)
    for name in names:
        assert "kvtrack " + name in run(name, "--help").stdout.split("Example", 1)[1], name
