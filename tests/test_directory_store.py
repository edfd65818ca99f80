"""A directory of YAML files as one register: merged reading, problems by file, edits in place."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import AS_OF, SHIPPED

import kvtrack.store.reader as reader_module
from kvtrack.store.register import load

SOURCES = """\
version: 1
sources:
  - id: src-a
    kind: kamervragen
    title: Vragen over iets
    submitted: 2024-01-10
    answered: 2024-02-01
  - id: src-b
    kind: kamerbrief
    title: Brief over iets anders
    answered: 2024-03-01
commitments:
  - id: a1
    title: Eerste belofte
    source: src-a
    quote: "In 2025 doen we iets."
    due: 2025
"""

OTHER = """\
version: 1
# Only commitments here; their sources are defined in 2024.yaml.
commitments:
  - id: b1
    title: Tweede belofte
    source: src-b
    quote: "Voor de zomer van 2026 sturen we een brief."
    due: 2026-H1

  - id: b2
    title: Derde belofte
    source: src-a
    quote: "In het derde kwartaal komt het plan."
    due: 2026-Q3
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    directory = tmp_path / "register"
    write(directory, "2024.yaml", SOURCES)
    write(directory, "2025/b.yml", OTHER)
    return directory


def errors(result) -> list[str]:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if not line.endswith("problems found")]


def test_the_files_are_one_register(run, store):
    result = run("validate", "--file", str(store))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{store}: valid, 3 commitments from 2 sources in 2 files"
    listed = json.loads(run("list", "--file", str(store), "--format", "json").stdout)
    assert [c["id"] for c in listed] == ["a1", "b1", "b2"]


def test_a_commitment_may_cite_a_source_of_another_file(run, store):
    shown = json.loads(run("show", "b2", "--file", str(store), "--format", "json").stdout)
    assert shown["source_detail"]["id"] == "src-a"


def test_where_each_commitment_is_kept(store):
    loaded = load(store)
    assert loaded.commitment_at["a1"].path == str(store / "2024.yaml")
    assert loaded.commitment_at["b2"].path == str(store / "2025" / "b.yml")
    assert loaded.commitment_at["b2"].line == 10
    assert [p.name for p in loaded.paths] == ["2024.yaml", "b.yml"]


def test_other_files_and_hidden_ones_are_left_alone(run, store):
    (store / "README.md").write_text("# not YAML")
    write(store, ".git/config.yaml", "not: [valid")
    write(store, ".draft.yaml", "version: 1\ncommitments: [oops")
    result = run("validate", "--file", str(store))
    assert result.exit_code == 0, result.stderr


def test_a_duplicate_id_across_files_names_both(run, store):
    write(
        store,
        "zz.yaml",
        "version: 1\ncommitments:\n  - id: b1\n    title: t\n    source: src-a\n    quote: q\n",
    )
    (line,) = errors(run("validate", "--file", str(store)))
    first = store / "2025" / "b.yml"
    assert line == (
        f"{store / 'zz.yaml'}:3:5: duplicate commitment id 'b1' (first at {first}:4); "
        "ids must be unique"
    )


def test_a_duplicate_source_across_files_names_both(run, store):
    write(store, "zz.yaml", "version: 1\nsources:\n  - id: src-b\n    title: nog een\n")
    (line,) = errors(run("validate", "--file", str(store)))
    assert line == (
        f"{store / 'zz.yaml'}:3:5: duplicate source id 'src-b' (first at {store / '2024.yaml'}:8); "
        "ids must be unique"
    )


def test_an_unknown_source_is_named_with_its_file(run, store):
    write(
        store,
        "zz.yaml",
        "version: 1\ncommitments:\n  - id: z\n    title: t\n    source: src-c\n    quote: q\n",
    )
    (line,) = errors(run("validate", "--file", str(store)))
    assert line.startswith(f"{store / 'zz.yaml'}:5:13: commitment cites unknown source 'src-c'")


def test_problems_in_several_files_are_all_reported_by_file(run, store):
    write(store, "2025/b.yml", OTHER.replace("due: 2026-Q3", "due: 2026-Q5"))
    write(
        store, "zz.yaml", "version: 1\ncommitments:\n  - id: z\n    title: t\n    sourse: src-a\n"
    )
    lines = errors(run("validate", "--file", str(store)))
    assert [ln.split(": ")[0] for ln in lines] == [
        f"{store / '2025' / 'b.yml'}:14:10",
        f"{store / 'zz.yaml'}:3:5",
        f"{store / 'zz.yaml'}:3:5",
        f"{store / 'zz.yaml'}:5:5",
    ]
    assert "missing required field 'source'" in lines[1]
    assert "did you mean 'source'?" in lines[3]


def test_a_syntax_error_in_one_file_still_checks_ids(run, store):
    write(
        store,
        "aa.yaml",
        "version: 1\ncommitments:\n  - id: a1\n    title: t\n    source: src-a\n    quote: q\n",
    )
    write(store, "zz.yaml", "version: 1\ncommitments: [oops\n")
    lines = errors(run("validate", "--file", str(store)))
    assert any("YAML syntax error" in ln and "zz.yaml" in ln for ln in lines)
    assert any("duplicate commitment id 'a1'" in ln for ln in lines)


def test_an_empty_directory_says_so(run, tmp_path):
    (line,) = errors(run("due", "--file", str(tmp_path)))
    assert line == f"{tmp_path}: no *.yaml or *.yml files in this directory"


def test_a_file_with_neither_list_is_an_error(run, store):
    write(store, "zz.yaml", "version: 1\n")
    (line,) = errors(run("validate", "--file", str(store)))
    assert "missing `sources:` and `commitments:`" in line


def test_the_cache_reparses_only_the_file_that_changed(store, monkeypatch):
    seen: list[str] = []
    real = reader_module.parse_part

    def counting(text, path, **kw):
        seen.append(Path(path).name)
        return real(text, path, **kw)

    monkeypatch.setattr(reader_module, "parse_part", counting)
    load(store)
    assert sorted(seen) == ["2024.yaml", "b.yml"]
    write(store, "2025/b.yml", OTHER.replace("Derde belofte", "Derde belofte, herzien"))
    assert load(store).register.get("b2").title == "Derde belofte, herzien"
    assert sorted(seen) == ["2024.yaml", "b.yml", "b.yml"]


def test_the_shipped_file_works_as_a_directory_of_one(run, tmp_path):
    (tmp_path / "commitments.yaml").write_bytes(SHIPPED.read_bytes())
    result = run("due", "--file", str(tmp_path), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "groningen-cascadeplein" in result.stdout


# -- edits ---------------------------------------------------------------------------------------


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.y*ml"))
    }


def ok(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_done_lands_in_the_file_that_holds_the_commitment(run, store):
    before = snapshot(store)
    ok(run, "done", "b2", "--on", "2026-05-01", "--note", "Gedaan", "--file", str(store))
    after = snapshot(store)
    assert after["2024.yaml"] == before["2024.yaml"]
    changed = after["2025/b.yml"].decode()
    assert "status: done" in changed
    assert "# Only commitments here" in changed  # comments kept
    assert load(store).register.get("b2").status.value == "done"


def test_reschedule_and_note_of_a_commitment_citing_another_files_source(run, store):
    ok(run, "reschedule", "b1", "2026-Q4", "--on", "2026-04-01", "--file", str(store))
    ok(run, "note", "b1", "Brief is onderweg", "--on", "2026-04-02", "--file", str(store))
    b1 = load(store).register.get("b1")
    assert str(b1.current_due) == "2026-Q4"
    assert [h.note for h in b1.history] == [None, "Brief is onderweg"]
    assert b1.source == "src-b"


def test_an_edit_of_the_first_file_leaves_the_others_alone(run, store):
    before = snapshot(store)
    ok(run, "update", "a1", "--status", "partial", "--on", "2026-01-01", "--file", str(store))
    after = snapshot(store)
    assert after["2025/b.yml"] == before["2025/b.yml"]
    assert after["2024.yaml"] != before["2024.yaml"]


def test_add_goes_to_the_file_that_defines_its_source(run, store):
    write(store, "2026.yaml", "version: 1\nsources:\n  - id: src-c\n    title: Nieuw\n")
    before = snapshot(store)
    args = ["--title", "Nieuw plan", "--quote", "In 2027 komt er een plan.", "--due", "2027"]
    ok(run, "add", "--id", "c1", "--source", "src-c", *args, "--file", str(store))
    after = snapshot(store)
    assert [k for k in after if after[k] != before[k]] == ["2026.yaml"]
    loaded = load(store)
    assert loaded.commitment_at["c1"].path == str(store / "2026.yaml")


def test_add_refuses_an_id_used_in_another_file(run, store):
    before = snapshot(store)
    result = run(
        "add", "--id", "b1", "--source", "src-a", "--title", "t", "--quote", "q",
        "--file", str(store),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "b1" in result.stderr
    assert snapshot(store) == before


def test_an_unknown_id_is_refused_with_a_suggestion(run, store):
    before = snapshot(store)
    result = run("done", "b2x", "--file", str(store))
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert snapshot(store) == before


def test_an_invalid_directory_is_not_edited(run, store):
    write(
        store,
        "zz.yaml",
        "version: 1\ncommitments:\n  - id: z\n    title: t\n    source: nope\n    quote: q\n",
    )
    before = snapshot(store)
    result = run("done", "a1", "--file", str(store))
    assert result.exit_code == 2
    assert "the directory is not valid" in result.stderr
    assert "zz.yaml:5:13" in result.stderr
    assert snapshot(store) == before


def test_check_reads_a_directory(run, store):
    result = run("check", "--file", str(store), "--as-of", "2026-11-27", "--format", "json")
    assert result.exit_code == 1, result.stderr  # a1 (2025) is overdue
    assert "a1" in result.stdout
