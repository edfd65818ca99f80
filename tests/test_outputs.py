"""Output files (`--out`, `--state`) never overwrite an input, however the input is named."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, SHIPPED

from kvtrack.errors import KvtrackError
from kvtrack.store.outputs import refuse_overwrite

WRITERS = [
    ("timeline", "--out"),
    ("timeline", "--format", "json", "--out"),
    ("timeline", "--format", "svg", "--out"),
    ("timeline", "--format", "html", "--out"),
    ("check", "--state"),
    ("check", "--nagios", "--state"),
]


def same_name(data: Path) -> Path:
    return data


def relative(data: Path) -> Path:
    return Path(os.path.relpath(data))


def symlink(data: Path) -> Path:
    link = data.with_name("picture.svg")
    link.symlink_to(data.name)
    return link


def hard_link(data: Path) -> Path:
    link = data.with_name("hard.svg")
    os.link(data, link)
    return link


NAMINGS = [same_name, relative, symlink, hard_link]


@pytest.mark.parametrize("writer", WRITERS, ids=" ".join)
@pytest.mark.parametrize("naming", NAMINGS, ids=lambda f: f.__name__)
def test_the_register_file_is_never_an_output(run, shipped, writer, naming):
    before = shipped.read_bytes()
    out = naming(shipped)
    result = run(*writer, str(out), "--file", str(shipped), "--as-of", AS_OF)
    assert shipped.read_bytes() == before
    assert not shipped.is_symlink()
    message = f"{writer[-1]} would overwrite the commitments file"
    if "--nagios" in writer:
        assert result.exit_code == 3
        assert result.stdout.startswith(f"KVTRACK UNKNOWN - {out}: {message}")
    else:
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"{out}: {message}")
        assert result.stderr.endswith("; nothing was written. Name another file\n")
        assert len(result.stderr.splitlines()) == 1


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "register"
    (root / "2025").mkdir(parents=True)
    shutil.copy(SHIPPED, root / "2025" / "answers.yaml")
    return root


@pytest.mark.parametrize("writer", WRITERS, ids=" ".join)
@pytest.mark.parametrize(
    ("name", "message"),
    [
        (lambda s: s / "2025" / "answers.yaml", "would overwrite the register's file"),
        (lambda s: s / "new.yaml", "would put a *.yaml file into the register directory"),
        (lambda s: s / "2025" / "sub" / ".." / "new.yml", "would put a *.yaml file into"),
        (lambda s: _hard(s), "would overwrite the register's file"),
    ],
    ids=["its-file", "new-yaml", "new-yml-dotted", "hard-link-elsewhere"],
)
def test_no_file_of_a_directory_store_is_an_output(run, store, writer, name, message):
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}
    out: Path = name(store)
    result = run(*writer, str(out), "--file", str(store), "--as-of", AS_OF)
    assert result.exit_code == (3 if "--nagios" in writer else 2)
    assert message in result.output
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before


def _hard(store: Path) -> Path:
    link = store.parent / "elsewhere.svg"
    os.link(store / "2025" / "answers.yaml", link)
    return link


def test_other_files_in_a_store_and_beside_it_are_fine(run, store):
    for out in (store / "timeline.svg", store / ".hidden" / "x.yaml", store.parent / "t.svg"):
        out.parent.mkdir(exist_ok=True)
        result = run("timeline", "--format", "svg", "--out", str(out), "--file", str(store))
        assert result.exit_code == 0, result.output
        assert "<svg" in out.read_text(encoding="utf-8")


def test_documents_are_inputs_too(tmp_path):
    document = tmp_path / "antwoord.txt"
    document.write_text("Vraag 1\n", encoding="utf-8")
    link = tmp_path / "out.yaml"
    link.symlink_to(document)
    with pytest.raises(KvtrackError, match=r"--out would overwrite the document being read"):
        refuse_overwrite(link, "--out", documents=[document])
    refuse_overwrite(tmp_path / "other.yaml", "--out", documents=[document])  # a new file: fine


def test_a_new_output_beside_the_register_is_written(run, shipped):
    out = shipped.with_name("timeline.html")
    result = run("timeline", "--format", "html", "--out", str(out), "--file", str(shipped))
    assert result.exit_code == 0 and result.stdout == ""
    assert "<html" in out.read_text(encoding="utf-8")
