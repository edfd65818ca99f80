"""`kvtrack extract` through the CLI: YAML that loads as a commitments file, JSON, errors, --append."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED, SHIPPED
from typer.testing import CliRunner

from kvtrack.cli import app
from kvtrack.store.register import load

DATA = Path(__file__).resolve().parent / "data" / "extract"
GGZ = DATA / "02_markdown_ggz.md"
POLITIE = DATA / "08_pdf_headers_politie.txt"


def test_yaml_is_a_valid_commitments_file(run: Callable[..., Any], tmp_path: Path) -> None:
    result = run("extract", str(SEED))
    assert result.exit_code == 0, result.output
    out = tmp_path / "proposed.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    register = load(out).register
    (source,) = register.sources.values()
    assert source.asked_by == "Chakor (GroenLinks-PvdA)"
    assert str(source.answered) == "2024-12-05" and source.file == str(SEED)
    by_quote = {c.quote: c for c in register.commitments}
    cascadeplein = next(c for q, c in by_quote.items() if "Cascadeplein" in q)
    assert (cascadeplein.answer, str(cascadeplein.due), cascadeplein.status.value) == (
        (8,),
        "2025",
        "open",
    )
    assert cascadeplein.cue and cascadeplein.source == source.id
    assert sorted(str(c.due) for c in register.commitments if c.due) == ["2025", "2031"]
    assert "    vergaderjaar: 2024-2025\n" in result.stdout
    data = yaml.safe_load(result.stdout)
    assert list(data) == ["version", "sources", "commitments"] and len(data["sources"]) == 1


def test_json_for_one_document(run: Callable[..., Any]) -> None:
    result = run("extract", str(SEED), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"source", "commitments"}
    assert data["source"]["submitted"] == "2024-10-30"
    assert data["source"]["identifiers"] == {
        "publication": None,
        "zaak": None,
        "document": None,
        "vergaderjaar": "2024-2025",
    }
    kempkensberg = next(c for c in data["commitments"] if "Kempkensberg" in c["quote"])
    assert kempkensberg["due"] == 2031 and kempkensberg["answer"] == 8
    assert kempkensberg["due_text"] == "in 2031" and kempkensberg["status"] == "open"
    assert kempkensberg["cue"].startswith("zoals voorzien")


def test_several_documents(run: Callable[..., Any], tmp_path: Path) -> None:
    result = run("extract", str(SEED), str(GGZ), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert data[1]["source"]["asked_by"] == "Dijk (SP), Paulusma (D66)"
    merged = next(c for c in data[1]["commitments"] if "zorgverzekeraars" in c["quote"])
    assert merged["answer"] == [4, 5]
    ids = [c["id"] for d in data for c in d["commitments"]]
    assert len(ids) == len(set(ids))
    as_yaml = run("extract", str(SEED), str(GGZ))
    out = tmp_path / "two.yaml"
    out.write_text(as_yaml.stdout, encoding="utf-8")
    assert len(load(out).register.sources) == 2


def test_same_subject_twice_gets_two_source_ids(run: Callable[..., Any], tmp_path: Path) -> None:
    copy = tmp_path / "kopie.txt"
    shutil.copy(SEED, copy)
    result = run("extract", str(SEED), str(copy))
    out = tmp_path / "both.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    sources = load(out).register.sources
    assert list(sources) == [
        "rijksbanen-verdwijnen-regio-2024",
        "rijksbanen-verdwijnen-regio-2024-2",
    ]


def test_stdin(run: Callable[..., Any]) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=SEED.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"]["file"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"%PDF-1.7\n...", "is not a readable PDF"),
        (b"PK\x03\x04docx", "is not a readable .docx"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"Geachte voorzitter,\n\nHierbij de brief.\n", "no Vraag/Antwoord structure"),
    ],
)
def test_bad_documents(
    run: Callable[..., Any], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "antwoord.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("extract", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_a_directory_and_a_missing_file_are_both_named(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    result = run("extract", str(tmp_path), str(tmp_path / "weg.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory" in result.stderr
    assert f"{tmp_path / 'weg.txt'}: no such file" in result.stderr


def test_windows_encoding_is_read(run: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(SEED.read_text("utf-8").replace("’", "'").encode("cp1252"))
    result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert any("Cascadeplein" in c["quote"] for c in json.loads(result.stdout)["commitments"])


def test_unknown_format_is_a_usage_error(run: Callable[..., Any]) -> None:
    result = CliRunner().invoke(app, ["extract", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    target = tmp_path / "commitments.yaml"
    shutil.copy(SHIPPED, target)
    return target


def test_append_skips_what_is_there_and_keeps_the_file_valid(
    run: Callable[..., Any], register_file: Path
) -> None:
    before = register_file.read_text("utf-8")
    first = run("extract", str(SEED), "--append", "--file", str(register_file))
    assert first.exit_code == 0, first.output
    # the seed's source is already in the file (same dates and member): its id is reused
    assert "(rijksbanen-regio-2024)" in first.stdout and "already there" in first.stdout
    after = load(register_file).register
    added = [c for c in after.commitments if c.id not in before]
    assert added and all(c.source == "rijksbanen-regio-2024" for c in added)
    assert len(after.sources) == 1
    assert "# kvtrack register" in register_file.read_text("utf-8")  # comments kept
    second = run("extract", str(SEED), "--append", "--file", str(register_file))
    assert second.exit_code == 0 and ": 0 added" in second.stdout
    assert len(load(register_file).register.commitments) == len(after.commitments)


def test_append_adds_a_new_source_with_unique_ids(
    run: Callable[..., Any], register_file: Path
) -> None:
    result = run("extract", str(GGZ), str(POLITIE), "--append", "--file", str(register_file))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("new source") == 2
    register = load(register_file).register
    assert {"lange-wachttijden-geestelijke-2025", "meldkamers-politie-kampen-2025"} <= set(
        register.sources
    )
    ids = [c.id for c in register.commitments]
    assert len(ids) == len(set(ids))
    pilot = next(c for c in register.commitments if "wachtlijstapp" in c.quote)
    assert str(pilot.due) == "2025-07-10" and pilot.owner == "VWS"


def test_append_to_a_missing_file_names_it(run: Callable[..., Any], tmp_path: Path) -> None:
    missing = tmp_path / "nergens.yaml"
    result = run("extract", str(SEED), "--append", "--file", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


def test_append_refuses_an_invalid_file_and_leaves_it_alone(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    broken = tmp_path / "c.yaml"
    broken.write_text("version: 1\ncommitments:\n  - id: a\n", encoding="utf-8")
    result = run("extract", str(SEED), "--append", "--file", str(broken))
    assert result.exit_code == 2
    assert broken.read_text("utf-8") == "version: 1\ncommitments:\n  - id: a\n"


# ------------------------------------------------------------------------------------------------
# Many documents at once (issue 10): directories, PDFs, one broken file among good ones

CORPUS = DATA / "corpus"


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "antwoorden"
    folder.mkdir()
    for name in ("ah-tk-20232024-2168.txt", "ah-tk-20232024-1481.pdf", "ah-tk-20242025-608.txt"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\nbroken")
    (folder / "notities.txt").write_text("Geen vragen hier.\n", encoding="utf-8")
    return folder


def test_a_directory_with_broken_files_among_good_ones(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    folder = _batch(tmp_path)
    result = run("extract", str(folder))
    assert result.exit_code == 2
    out = tmp_path / "voorstel.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    register = load(out).register  # one valid commitments file for the three good documents
    assert {Path(s.file or "").name for s in register.sources.values()} == {
        "ah-tk-20232024-2168.txt",
        "ah-tk-20232024-1481.pdf",
        "ah-tk-20242025-608.txt",
    }
    assert f"{folder / 'kapot.pdf'}: is not a readable PDF" in result.stderr
    assert f"{folder / 'notities.txt'}: no Vraag/Antwoord structure" in result.stderr
    assert "2 of 5 documents could not be extracted" in result.stderr


def test_json_for_a_directory_is_a_list_of_source_and_commitments(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    folder = tmp_path / "een"
    folder.mkdir()
    shutil.copy(CORPUS / "ah-tk-20232024-2168.txt", folder)
    result = run("extract", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)
    assert set(document) == {"source", "commitments"}
    assert sorted(c["due"] for c in document["commitments"] if c["due"]) == ["2024-Q4"] * 4


def test_out_dir_writes_one_file_per_document(run: Callable[..., Any], tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    result = run("extract", str(folder), "--out-dir", str(tmp_path / "voorstellen"))
    assert result.exit_code == 2  # the two broken files
    written = sorted(p.name for p in (tmp_path / "voorstellen").iterdir())
    assert written == [
        "ah-tk-20232024-1481.yaml",
        "ah-tk-20232024-2168.yaml",
        "ah-tk-20242025-608.yaml",
    ]
    pdf = load(tmp_path / "voorstellen" / "ah-tk-20232024-1481.yaml").register
    assert sorted(str(c.due) for c in pdf.commitments if c.due) == ["2024-04", "2024-H1"]
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--out", "--out-dir"])
def test_an_output_never_overwrites_a_document_read_or_the_register(
    run: Callable[..., Any], tmp_path: Path, option: str
) -> None:
    document = tmp_path / "antwoord.yaml"  # a document that happens to end in .yaml
    shutil.copy(SEED, document)
    register = tmp_path / "commitments.yaml"
    shutil.copy(SHIPPED, register)
    before = register.read_bytes(), document.read_bytes()
    target = str(document) if option == "--out" else str(tmp_path)
    result = run("extract", str(document), option, target, "--file", str(register))
    assert result.exit_code == 2
    assert "would overwrite" in result.stderr and "choose another output" in result.stderr
    result = run("extract", str(SEED), "--out", str(register), "--file", str(register))
    assert result.exit_code == 2 and "would overwrite" in result.stderr
    assert (register.read_bytes(), document.read_bytes()) == before


def test_append_adds_a_directory_once(run: Callable[..., Any], tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    register = tmp_path / "commitments.yaml"
    shutil.copy(SHIPPED, register)
    first = run("extract", str(folder), "--append", "--file", str(register))
    assert first.exit_code == 2  # the broken files are reported, the good ones added
    assert first.stdout.count("added to") == 3
    again = run("extract", str(folder), "--append", "--file", str(register))
    assert "0 added" in again.stdout and again.stdout.count("already there") == 3
    assert "0 already there" not in again.stdout
    assert load(register).register.sources


def _on_a_terminal(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run kvtrack with stderr on a pseudo-terminal; (exit code, stdout, what the terminal got)."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kvtrack", *args], stdout=subprocess.PIPE, stderr=slave, env=env
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = process.communicate()
    os.close(master)
    return process.returncode, stdout, seen


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="no pseudo-terminals")
def test_progress_bar_only_on_a_terminal(run: Callable[..., Any], tmp_path: Path) -> None:
    folder = tmp_path / "twee"
    folder.mkdir()
    for name in ("ah-tk-20232024-2168.txt", "ah-tk-20242025-608.txt"):
        shutil.copy(CORPUS / name, folder)
    code, stdout, terminal = _on_a_terminal(["extract", str(folder)])
    assert code == 0
    assert b"2/2" in terminal and b"candidates" in terminal
    assert b"candidates" not in stdout.split(b"\n", 1)[1]  # the YAML itself is unchanged
    piped = run("extract", str(folder))
    assert piped.stderr == "" and piped.stdout.startswith("# Proposed by `kvtrack extract`")
