"""`kvtrack extract`: propose a source and candidate commitments from answer documents."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli.app import app, report
from kvtrack.cli.options import DEFAULT_FILE, EditFileOption, MaxBytesOption, byte_limit
from kvtrack.errors import ExitCode, KvtrackError, Location

if TYPE_CHECKING:
    from kvtrack.core.extraction import DocumentResult, Extraction


class YamlOrJson(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command()
def extract(
    documents: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE... | DIR | -",
            help="Answer documents (.txt, .md, .pdf, .docx, .html, .xml) or directories of them; "
            "- reads standard input.",
        ),
    ],
    format: Annotated[
        YamlOrJson, typer.Option("--format", help="Output format.")
    ] = YamlOrJson.yaml,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="Write the output to this file.", metavar="PATH"),
    ] = None,
    out_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--out-dir",
            help="Write one file per document into this directory (NAME.yaml or NAME.json).",
            metavar="DIR",
        ),
    ] = None,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the candidates to the commitments file (--file) instead of printing them; "
            "those already in it are skipped.",
        ),
    ] = False,
    max_bytes: MaxBytesOption = None,
    file: EditFileOption = DEFAULT_FILE,
) -> None:
    """Propose the commitments in answers to Kamervragen, for a person to review.

    Prints, per document, a source (who asked, who answered, when) and the sentences in which the
    cabinet promises to do something, with their answer number, exact quote, due period and the
    cue that made kvtrack propose them. The YAML output is one valid commitments file for all
    documents: paste its items into yours, or use --append. A document that cannot be read (or
    has no Vraag/Antwoord headings) is reported at the end and the others are still extracted;
    the exit status is then 2.

    Examples:

    \b
      kvtrack extract antwoord.pdf
      kvtrack extract antwoorden/ --format json
      kvtrack extract antwoorden/ --out-dir voorstellen/
      pdftotext -enc UTF-8 antwoord.pdf - | kvtrack extract -
      kvtrack extract antwoord.docx --append --file commitments.yaml
    """
    from kvtrack.extract.files import expand

    limit = byte_limit(max_bytes)
    paths = expand(documents)
    _refuse_outputs(paths, out, out_dir, file, append=append)
    if any(str(p) == "-" for p in paths) and sys.stdin.isatty():
        # not piped: say what it waits for, or it looks hung
        typer.echo(
            "kvtrack extract: reading the document from standard input; paste it, then "
            "press Ctrl-D on a line of its own (Ctrl-Z, Enter on Windows)",
            err=True,
        )
    results = _run(paths, limit)
    good = [r.extraction for r in results if r.extraction is not None]
    _say_where_answer_dates_came_from(results)
    if not good:
        pass  # nothing to show: the problems below say why
    elif append:
        _append(file, good)
    elif out_dir is not None:
        _write_each(out_dir, [r for r in results if r.extraction is not None], format)
    else:
        several = len(paths) > 1 or any(p.is_dir() for p in documents if str(p) != "-")
        text = _render(good, format, several=several)
        if out is not None:
            _write(out, text)
        else:
            typer.echo(text, nl=False)
    failed = [p for r in results for p in r.problems]
    if failed:
        report(KvtrackError(problems=failed))
        n = sum(1 for r in results if not r.ok)
        if len(results) > 1:
            typer.echo(f"{n} of {len(results)} documents could not be extracted", err=True)
        raise typer.Exit(ExitCode.ERROR)


def _say_where_answer_dates_came_from(results: list[DocumentResult]) -> None:
    """A note on stderr for each answer date the text did not state (silent otherwise)."""
    from kvtrack.render.extraction import answered_note

    for result in results:
        note = answered_note(result.extraction) if result.extraction is not None else None
        if note is not None:
            typer.echo(f"{result.name}: {note}", err=True)


def _run(paths: list[Path], max_bytes: int) -> list[DocumentResult]:
    from kvtrack.store.gc_pause import no_gc

    # extraction builds no cycles: the collector would only walk a big document's lines again
    # and again (1 MB: 10-15 % of the time)
    with no_gc():
        return _extract(paths, max_bytes)


def _extract(paths: list[Path], max_bytes: int) -> list[DocumentResult]:
    from kvtrack.cli.options import today
    from kvtrack.extract.files import extract_documents

    if not _progress_wanted():
        return extract_documents(paths, max_bytes=max_bytes, today=today())
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    found = [0]
    done = [0]
    with Progress(
        TextColumn("extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[found]} candidates"),
        TextColumn("{task.fields[inside]}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=len(paths), found=0, inside="")

        def inside(answers_done: int, answers: int) -> None:
            # a big document moves the bar by its share of answers read, not only at its end
            progress.update(
                task,
                completed=done[0] + answers_done / answers,
                inside=f"answer {answers_done + 1}/{answers}",
            )
            if answers_done == 0:
                progress.refresh()  # its first answer is shown even when the rest is quick

        def advance(result: DocumentResult) -> None:
            if result.extraction is not None:
                found[0] += len(result.extraction.commitments)
            done[0] += 1
            progress.update(task, completed=done[0], found=found[0], inside="")

        return extract_documents(
            paths, max_bytes=max_bytes, on_result=advance, on_answer=inside, today=today()
        )


def _progress_wanted() -> bool:
    """A bar only for a person watching: stderr a terminal, and not turned off by TERM=dumb."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _render(extractions: list[Extraction], format: YamlOrJson, *, several: bool) -> str:
    from kvtrack.render.extraction import json_text, yaml_text

    if format is YamlOrJson.json:
        return json_text(extractions, several=several)
    return yaml_text(extractions)


def _append(file: Path, extractions: list[Extraction]) -> None:
    from kvtrack.cli.extract_append import append_extractions

    for result in append_extractions(file, extractions):
        source = f"new source {result.source_id}" if result.source_added else result.source_id
        typer.echo(
            f"{result.document}: {len(result.added)} added to {file} ({source}), "
            f"{result.skipped} already there"
        )


def _write_each(out_dir: Path, results: list[DocumentResult], format: YamlOrJson) -> None:
    """One file per document, named after it (NAME.yaml); names made unique within the run."""
    suffix = ".json" if format is YamlOrJson.json else ".yaml"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise KvtrackError(f"cannot create: {e.strerror}", where=Location(str(out_dir))) from None
    taken: set[str] = set()
    for result in results:
        assert result.extraction is not None
        stem = Path(result.name).stem if result.name != "-" else "stdin"
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        taken.add(name)
        _write(out_dir / (name + suffix), _render([result.extraction], format, several=False))


def _write(path: Path, text: str) -> None:
    from kvtrack.store.atomic import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as e:
        raise KvtrackError(f"cannot write: {e.strerror}", where=Location(str(path))) from None


def _refuse_outputs(
    inputs: list[Path], out: Path | None, out_dir: Path | None, register: Path, *, append: bool
) -> None:
    """An output file is never one of the documents read nor the register (--file): refused
    before anything is read or written."""
    if out is not None and out_dir is not None:
        raise KvtrackError("give --out or --out-dir, not both")
    if append and (out is not None or out_dir is not None):
        raise KvtrackError("--append writes to the commitments file (--file); drop --out/--out-dir")
    targets: list[Path] = [out] if out is not None else []
    if out_dir is not None:
        targets.extend(out_dir / (p.stem + s) for p in inputs for s in (".yaml", ".json"))
    for target in targets:
        for other in [p for p in inputs if str(p) != "-"] + [register]:
            if _same(target, other) or (other.is_dir() and _inside(target, other)):
                raise KvtrackError(
                    f"would overwrite {other}, which kvtrack reads; choose another output",
                    where=Location(str(target)),
                )


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        return False
    return a.resolve() == b.resolve()
