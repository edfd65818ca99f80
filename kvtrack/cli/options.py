"""Options shared by the commands, and their conversion into library values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from kvtrack.errors import KvtrackError

if TYPE_CHECKING:
    from kvtrack.core.period import Period
    from kvtrack.core.query import Window

T = TypeVar("T")

TIMEZONE = "Europe/Amsterdam"


def input_path(text: str | Path) -> Path:
    """--file's value: an empty one would be read as the current directory, so it is refused."""
    if not str(text).strip():
        raise typer.BadParameter(
            "the path is empty; name a commitments file or a directory of them"
        )
    return Path(text)


FileOption = Annotated[
    Path,
    typer.Option(
        "--file",
        "-f",
        envvar="KVTRACK_FILE",
        show_envvar=True,
        help="Commitments file, or a directory of them, to read.",
        metavar="PATH",
        parser=input_path,
    ),
]
EditFileOption = Annotated[
    Path,
    typer.Option(
        "--file",
        "-f",
        envvar="KVTRACK_FILE",
        show_envvar=True,
        help="Commitments file, or a directory of them, to edit.",
        metavar="PATH",
        parser=input_path,
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
MaxBytesOption = Annotated[
    Optional[str],
    typer.Option(
        "--max-bytes",
        envvar="KVTRACK_MAX_BYTES",
        help="Refuse a file larger than this: 64M unless set; 200M, 1G, or a number of bytes.",
        metavar="SIZE",
    ),
]
DEFAULT_FILE = Path("commitments.yaml")
DEFAULT_WITHIN = "90d"  # how far ahead "due soon" looks unless --within says otherwise


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


def named(option: str, convert: Callable[[str], T], text: str) -> T:
    """The one way an option's value (a day, a period, a window, a size) is read.

    `convert` is the core's parser of that kind of value; it accepts ASCII digits only and years
    from core.limits.MIN_YEAR to MAX_YEAR, and says what it was given and the form it expects.
    Here the option's name goes in front, so every command words the same mistake the same way:
    `--as-of: '1-12-2026' is not a date; write it as 2026-12-01 (YYYY-MM-DD, year first)`.
    """
    try:
        return convert(text)
    except KvtrackError as e:
        raise KvtrackError(f"{option}: {e.message}") from None


def day_option(option: str, text: str | None) -> date:
    """A YYYY-MM-DD option such as --as-of or --on; today (Europe/Amsterdam) when not given."""
    if text is None:
        return today()
    from kvtrack.core.period import parse_date

    return named(option, parse_date, text)


def as_of_date(text: str | None) -> date:
    return day_option("--as-of", text)


def period_option(option: str, text: str | None) -> Period | None:
    """A period option (--due, --from, ...): None when not given or blank."""
    if text is None or not text.strip():
        return None
    from kvtrack.core.period import Period

    return named(option, Period.parse, text)


def window(text: str) -> Window:
    from kvtrack.core.query import Window

    return named("--within", Window.parse, text)


def boundary(option: str, text: str | None, *, end: bool) -> date | None:
    """A `--from`/`--to`-style bound given as a period: its first day, or its last when `end`."""
    period = period_option(option, text)
    if period is None:
        return None
    return period.end if end else period.start


def byte_limit(text: str | None) -> int:
    """--max-bytes: the largest file a command reads (core.limits.MAX_INPUT_BYTES by default)."""
    from kvtrack.core.limits import MAX_INPUT_BYTES, parse_size

    return MAX_INPUT_BYTES if text is None else named("--max-bytes", parse_size, text)


def split_values(values: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated values both work: --tag a --tag b, --tag a,b."""
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())
