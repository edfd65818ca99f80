"""`kvtrack site --out DIR`: publish the register as a static website."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli.app import app
from kvtrack.cli.filters import (
    FROM_OPTIONS,
    filtered,
)
from kvtrack.cli.options import (
    DEFAULT_FILE,
    DEFAULT_WITHIN,
    AsOfOption,
    FileOption,
    MaxBytesOption,
    WithinOption,
    as_of_date,
    byte_limit,
    named,
    window,
)

if TYPE_CHECKING:
    from kvtrack.core.query import Filter


@app.command()
@filtered
def site(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Directory to write the site into.", metavar="DIR"),
    ],
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the pages: nl or en.", metavar="LANG")
    ] = "nl",
    base_url: Annotated[
        Optional[str],
        typer.Option(
            "--base-url",
            help="Where the site will be served (https://…/); makes the feed's links absolute.",
            metavar="URL",
        ),
    ] = None,
    flt: Filter = FROM_OPTIONS,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say how many files were written.")
    ] = False,
) -> None:
    """Write the register as a static website: an index with a filter box, a page per
    commitment and per source, a scorecard, the timeline, an Atom feed and the data as JSON.

    The pages work from file:// and any static host and load nothing from elsewhere. Dutch by
    default. The filters are those of list and narrow what is published. Only files whose
    content changed are rewritten; pages of commitments no longer published are removed.
    Prints nothing on success (for cron) unless --verbose.

    Examples:

      kvtrack site --out public/

      kvtrack site -o public/ --owner BZK --base-url https://example.org/
    """
    from kvtrack.core.query import select
    from kvtrack.errors import KvtrackError
    from kvtrack.render.lang import Lang
    from kvtrack.render.site import build
    from kvtrack.store.publish import publish
    from kvtrack.store.register import load

    language = named("--lang", Lang.parse, lang)
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise KvtrackError(f"--base-url: '{base_url}' is not an http(s) URL")
    day, win = as_of_date(as_of), window(within)
    loaded = load(file, max_bytes=byte_limit(max_bytes))
    items = select(loaded.register.commitments, day, win, flt)
    files = build(loaded.register, items, day, language, base_url)
    inputs = [file, *(Path(p) for p in loaded.paths)]
    done = publish(out, files, inputs)
    if verbose:
        typer.echo(
            f"{out}: {len(done.written)} written, {done.unchanged} unchanged, "
            f"{len(done.removed)} removed ({len(items)} commitments)"
        )
