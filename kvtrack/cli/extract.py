"""`kvtrack extract`: propose a source and candidate commitments from answer documents."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kvtrack.cli.app import app
from kvtrack.cli.options import DEFAULT_FILE, EditFileOption


class YamlOrJson(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command()
def extract(
    documents: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Answer documents as plain text (copied from a PDF or a converter); - reads stdin.",
        ),
    ],
    format: Annotated[
        YamlOrJson, typer.Option("--format", help="Output format.")
    ] = YamlOrJson.yaml,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the candidates to the commitments file (--file) instead of printing them; "
            "those already in it are skipped.",
        ),
    ] = False,
    file: EditFileOption = DEFAULT_FILE,
) -> None:
    """Propose the commitments in answers to Kamervragen, for a person to review.

    Prints, per document, a source (who asked, who answered, when) and the sentences in which the
    cabinet promises to do something, with their answer number, exact quote, due period and the
    cue that made kvtrack propose them. The YAML output is a valid commitments file: paste its
    items into yours, or use --append. A document without Vraag/Antwoord headings is an error.

    Examples:

    \b
      kvtrack extract antwoord.txt
      kvtrack extract antwoord.txt --format json
      pdftotext -enc UTF-8 antwoord.pdf - | kvtrack extract -
      kvtrack extract antwoord.txt --append --file commitments.yaml
    """
    from kvtrack.extract.files import extract_files, extract_texts, unique_ids

    if any(str(p) == "-" for p in documents):
        if sys.stdin.isatty():  # not piped: say what it waits for, or it looks hung
            typer.echo(
                "kvtrack extract: reading the document from standard input; paste it, then "
                "press Ctrl-D on a line of its own (Ctrl-Z, Enter on Windows)",
                err=True,
            )
        stdin_text = sys.stdin.read()
        files = [p for p in documents if str(p) != "-"]
        extractions = unique_ids(extract_texts([(None, stdin_text)]) + extract_files(files))
    else:
        extractions = extract_files(documents)
    if append:
        from kvtrack.store.append import append_extractions

        for result in append_extractions(file, extractions):
            source = f"new source {result.source_id}" if result.source_added else result.source_id
            typer.echo(
                f"{result.document}: {len(result.added)} added to {file} ({source}), "
                f"{result.skipped} already there"
            )
        return
    from kvtrack.render.extraction import json_text, yaml_text

    if format is YamlOrJson.json:
        typer.echo(json_text(extractions, several=len(documents) > 1), nl=False)
    else:
        typer.echo(yaml_text(extractions), nl=False)
