"""`kvtrack import toezeggingen` and `kvtrack fetch`: official data in."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli.app import app
from kvtrack.cli.extract import YamlOrJson
from kvtrack.cli.options import DEFAULT_FILE, EditFileOption, named, today
from kvtrack.official import DEFAULT_BASE_URL, DEFAULT_FEED

if TYPE_CHECKING:
    from kvtrack.official.http import Client


import_app = typer.Typer(
    name="import",
    help="Import official registers into the commitments file.\n\n"
    "Example: kvtrack import toezeggingen --since 2026-01-01 (see docs/official.md).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", help="Seconds to wait for the server to connect or answer.", min=0.01
    ),
]
RetriesOption = Annotated[
    int,
    typer.Option(
        "--retries", help="Retries after a 429, a 5xx, a timeout or a lost connection.", min=0
    ),
]


@import_app.command("toezeggingen")
def toezeggingen(
    location: Annotated[
        str,
        typer.Argument(
            metavar="[URL|FILE]",
            help="A SyncFeed or OData URL (next links are followed), a saved page, or a --save "
            "directory. Default: the Tweede Kamer's SyncFeed of Toezeggingen.",
        ),
    ] = DEFAULT_FEED,
    since: Annotated[
        Optional[str],
        typer.Option(
            "--since",
            help="Only entries changed on or after this day (YYYY-MM-DD); a feed sorted newest "
            "first is read only that far.",
            metavar="DATE",
        ),
    ] = None,
    save: Annotated[
        Optional[Path],
        typer.Option(
            "--save", help="Also keep the fetched pages in this directory.", metavar="DIR"
        ),
    ] = None,
    format: Annotated[
        TextOrJson, typer.Option("--format", help="Summary format.")
    ] = TextOrJson.text,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print nothing when all went well (for cron); warnings still go to stderr.",
        ),
    ] = False,
    timeout: TimeoutOption = 30.0,
    retries: RetriesOption = 3,
    file: EditFileOption = DEFAULT_FILE,
) -> None:
    """Import the Tweede Kamer's register of commitments made in debates (Toezeggingen).

    Each record becomes a commitment: its id from the register number (TZ202504-057 becomes
    tz202504-057), the text as its quote, the ministry as owner, the day of DatumNakoming as due,
    the register's status (Openstaand, Voldaan/Afgedaan, Deels Voldaan/Deels Afgedaan,
    Vervallen), and the debate as a source of kind debat. Importing again changes only what the
    register changed, each change with a dated history entry; deleted records are dropped.
    Nothing is written when a page cannot be fetched or read. See docs/official.md.

    Examples:

    \b
      kvtrack import toezeggingen
      kvtrack import toezeggingen --since 2026-01-01 --save pages/
      kvtrack import toezeggingen pages/ --file commitments.yaml
      kvtrack import toezeggingen --quiet && kvtrack check
      kvtrack import toezeggingen 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging?$expand=Activiteit'
    """
    from kvtrack.core.period import parse_date
    from kvtrack.official.importer import import_records
    from kvtrack.official.pages import read_location
    from kvtrack.official.pages import save as save_pages
    from kvtrack.official.summary import record, text_lines

    since_day = named("--since", parse_date, since) if since is not None else None
    with _progress("pages") as on_page:
        fetched = read_location(
            location, client=_client(timeout, retries), since=since_day, on_page=on_page
        )
    if save is not None:
        save_pages(fetched, save, reading=Path(location))
    imported = import_records(file, fetched.records, today=today(), since=since_day)
    for warning in imported.plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if quiet:
        return
    if format is TextOrJson.json:
        from kvtrack.render.records import dumps

        typer.echo(dumps(record(imported, file)))
    else:
        for line in text_lines(imported, file):
            typer.echo(line)


@app.command()
def fetch(
    ids: Annotated[
        list[str],
        typer.Argument(metavar="ID...", help="Publication ids, e.g. ah-tk-20232024-2210."),
    ],
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", help="Where publications are served as {id}.pdf.", metavar="URL"
        ),
    ] = DEFAULT_BASE_URL,
    directory: Annotated[
        Path,
        typer.Option(
            "--dir", help="Where the PDFs are kept (and looked for first).", metavar="DIR"
        ),
    ] = Path("seeds"),
    format: Annotated[
        YamlOrJson, typer.Option("--format", help="Output format, as for extract.")
    ] = YamlOrJson.yaml,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the candidates to the commitments file (--file), as extract --append does.",
        ),
    ] = False,
    timeout: TimeoutOption = 30.0,
    retries: RetriesOption = 3,
    file: EditFileOption = DEFAULT_FILE,
) -> None:
    """Download answers by their publication id and propose their commitments, as extract does.

    Each PDF is fetched from {base-url}/{id}.pdf and kept as {dir}/{id}.pdf; one already there is
    not fetched again. The output (or --append) is exactly that of `kvtrack extract` on the PDFs.

    Examples:

    \b
      kvtrack fetch ah-tk-20232024-2210
      kvtrack fetch ah-tk-20232024-2210 ah-tk-20232024-1178 --append
      kvtrack fetch ah-tk-20232024-2210 --base-url http://localhost:8000 --dir pdf/
    """
    from kvtrack.cli.extract import extract
    from kvtrack.official.publications import check_ids, download

    check_ids(ids)  # every bad id at once, before anything is fetched
    downloaded = download(ids, base_url, directory, _client(timeout, retries)())
    extract([d.path for d in downloaded], format=format, append=append, file=file)


def _client(timeout: float, retries: int) -> Callable[[], Client]:
    def make() -> Client:
        from kvtrack.official.http import Client, HttpSettings

        return Client(HttpSettings(timeout=timeout, retries=retries))

    return make


@contextmanager
def _progress(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A spinner with the pages and records read so far, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(f"reading {what}")

        def on_page(pages: int, records: int) -> None:
            progress.update(task, description=f"{pages} {what}, {records} records")

        yield on_page
