"""Options shared by the commands, and their conversion into library values."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.errors import KvtrackError

if TYPE_CHECKING:
    from kvtrack.core.query import Window

TIMEZONE = "Europe/Amsterdam"

FileOption = Annotated[
    Path,
    typer.Option(
        "--file",
        "-f",
        envvar="KVTRACK_FILE",
        show_envvar=True,
        help="Commitments file to read.",
        metavar="PATH",
    ),
]
EditFileOption = Annotated[
    Path,
    typer.Option(
        "--file",
        "-f",
        envvar="KVTRACK_FILE",
        show_envvar=True,
        help="Commitments file to edit.",
        metavar="PATH",
    ),
]
AsOfOption = Annotated[
    Optional[str],
    typer.Option(
        "--as-of", help="Judge as of this day (YYYY-MM-DD) instead of today.", metavar="DATE"
    ),
]
WithinOption = Annotated[
    str,
    typer.Option(
        "--within", help="How far ahead counts as due soon: 30d, 6w, 3m, 1y.", metavar="WINDOW"
    ),
]
DEFAULT_FILE = Path("commitments.yaml")


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"
    ics = "ics"


class StatsGroup(StrEnum):
    """`stats --by`; mirrors kvtrack.core.stats.GroupBy, so that module loads only for `stats`."""

    owner = "owner"
    place = "place"
    source = "source"
    status = "status"


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    svg = "svg"
    html = "html"


def today() -> date:
    """Today in Europe/Amsterdam, whatever the machine's time zone."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def as_of_date(text: str | None) -> date:
    if text is None:
        return today()
    from kvtrack.core.period import parse_date

    try:
        return parse_date(text)
    except KvtrackError as e:
        raise KvtrackError(f"--as-of: {e.message}") from None


def window(text: str) -> Window:
    from kvtrack.core.query import Window

    try:
        return Window.parse(text)
    except KvtrackError as e:
        raise KvtrackError(f"--within: {e.message}") from None


def boundary(option: str, text: str | None, *, end: bool) -> date | None:
    """A `--from`/`--to`-style bound given as a period: its first day, or its last when `end`."""
    if text is None:
        return None
    from kvtrack.core.period import Period

    try:
        period = Period.parse(text)
    except KvtrackError as e:
        raise KvtrackError(f"{option}: {e.message}") from None
    return period.end if end else period.start


def split_values(values: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated values both work: --tag a --tag b, --tag a,b."""
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())
