"""`kvtrack fetch ID...` against a local server: a corpus PDF, a missing id, a page that is not a
PDF, bad ids, and files already downloaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kvtrack.extract.files
from tests.official_server import Reply, serving

PDF = Path(__file__).parent / "data" / "official" / "ah-tk-20232024-1481.pdf"
ID = "ah-tk-20232024-1481"
Run = Callable[..., Any]

reads_pdfs = pytest.mark.skipif(
    not hasattr(kvtrack.extract.files, "extract_documents"),
    reason="extract reads PDFs directly once the extract helper's readers are merged",
)


@reads_pdfs
def test_fetch_keeps_the_pdf_and_proposes_as_extract_does(run: Run, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    with serving() as server:
        server.route(f"/{ID}.pdf", Reply(body=PDF.read_bytes(), content_type="application/pdf"))
        result = run(
            "fetch", ID, "--base-url", server.base, "--dir", str(seeds), "--format", "json"
        )
        assert result.exit_code == 0, result.stderr
        kept = seeds / f"{ID}.pdf"
        assert kept.read_bytes() == PDF.read_bytes()
        assert result.stdout == run("extract", str(kept), "--format", "json").stdout
        assert '"kind": "kamervragen"' in result.stdout
        again = run("fetch", ID, "--base-url", server.base, "--dir", str(seeds))
        assert again.exit_code == 0
        assert server.hits(f"/{ID}.pdf") == 1  # already downloaded: not fetched again
        target = tmp_path / "c.yaml"
        target.write_text("version: 1\nsources: []\ncommitments: []\n")
        appended = run(
            "fetch",
            ID,
            "--base-url",
            server.base,
            "--dir",
            str(seeds),
            "--append",
            "--file",
            str(target),
        )
        assert appended.exit_code == 0, appended.stderr
        assert appended.stdout.startswith(f"{kept}: ")
        assert "ah-tk-20232024-1481" in target.read_text()


def test_a_missing_publication_is_one_line(run: Run, tmp_path: Path) -> None:
    with serving() as server:
        result = run(
            "fetch", "ah-tk-20232024-9999", "--base-url", server.base, "--dir", str(tmp_path)
        )
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: ah-tk-20232024-9999: no such publication at {server.base} (HTTP 404); check the id\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_answer_that_is_not_a_pdf_is_not_kept(run: Run, tmp_path: Path) -> None:
    with serving() as server:
        server.route(f"/{ID}.pdf", Reply(body=b"<html>Onderhoud</html>", content_type="text/html"))
        result = run("fetch", ID, "--base-url", server.base, "--dir", str(tmp_path / "seeds"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {ID}: {server.base}/{ID}.pdf did not answer with a PDF (text/html); "
        "nothing was kept\n"
    )
    assert not (tmp_path / "seeds").exists()


def test_bad_ids_are_all_named_before_anything_is_fetched(run: Run, tmp_path: Path) -> None:
    with serving() as server:
        result = run(
            "fetch", "ah-tk-2023-12", ID, "ah-tk-20232025-3", "--base-url", server.base,
            "--dir", str(tmp_path),
        )  # fmt: skip
        assert server.requests == []
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: 'ah-tk-2023-12' is not a publication id; write it as ah-tk-{vergaderjaar "
        "without the dash}-{number}, e.g. ah-tk-20232024-2210",
        "error: 'ah-tk-20232025-3' is not a publication id; write it as ah-tk-{vergaderjaar "
        "without the dash}-{number}, e.g. ah-tk-20232024-2210",
    ]


def test_a_server_error_on_fetch_is_retried(run: Run, tmp_path: Path) -> None:
    with serving() as server:
        server.route(f"/{ID}.pdf", Reply(502), Reply(body=PDF.read_bytes()))
        run("fetch", ID, "--base-url", server.base, "--dir", str(tmp_path), "--retries", "1")
        assert server.hits(f"/{ID}.pdf") == 2
    assert (tmp_path / f"{ID}.pdf").read_bytes() == PDF.read_bytes()


def test_a_file_already_downloaded_is_not_fetched_again(tmp_path: Path) -> None:
    from kvtrack.official.http import Client
    from kvtrack.official.publications import download

    with serving() as server:
        server.route(f"/{ID}.pdf", Reply(body=PDF.read_bytes()))
        first = download([ID, ID], server.base, tmp_path, Client())
        second = download([ID], server.base, tmp_path, Client())
        assert server.hits(f"/{ID}.pdf") == 1
    assert [(d.publication, d.fetched) for d in first + second] == [(ID, True), (ID, False)]
    assert second[0].path.read_bytes() == PDF.read_bytes()


def test_retry_after_is_honoured_only_within_reason() -> None:
    import time

    from kvtrack.official.http import Client, HttpSettings

    with serving() as server:
        server.route("/slow", Reply(429, headers={"Retry-After": "3600"}), Reply(body=b"ok"))
        started = time.monotonic()
        response = Client(HttpSettings(max_retry_after=0.2)).get(server.base + "/slow")
        assert time.monotonic() - started < 2
        assert (response.status, response.body) == (200, b"ok")
        assert server.hits("/slow") == 2
