"""The `list` filters, declared once and shared by every command that narrows the register.

A command takes the eight options with these annotations and turns them into one
`kvtrack.core.query.Filter` with `where(...)`:

    def cmd(status: StatusFilter = None, state: StateFilter = None, ...):
        flt = where(status, state, owner, place, tag, source, due_before, due_after)

Typer has no option groups, so the parameters are repeated in each signature, but their names,
help texts, completion and parsing live here only. `warn_unknown` then names the values that no
commitment has, with the ones that exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kvtrack.cli import completion
from kvtrack.cli.options import boundary, split_values

if TYPE_CHECKING:
    from kvtrack.core.model import Register
    from kvtrack.core.query import Filter

Many = Optional[list[str]]

StatusFilter = Annotated[
    Many,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="open, partial, done, dropped (Dutch words too). Repeatable.",
    ),
]
StateFilter = Annotated[
    Many,
    typer.Option(
        "--state",
        metavar="STATE",
        help="overdue, due-soon, upcoming, undated, done, dropped. Repeatable.",
    ),
]
OwnerFilter = Annotated[
    Many,
    typer.Option(
        "--owner",
        autocompletion=completion.owners,
        metavar="OWNER",
        help="Responsible ministry or body, e.g. BZK. Repeatable.",
    ),
]
PlaceFilter = Annotated[
    Many,
    typer.Option(
        "--place",
        autocompletion=completion.places,
        metavar="PLACE",
        help="Place named by the commitment. Repeatable.",
    ),
]
TagFilter = Annotated[
    Many,
    typer.Option("--tag", metavar="TAG", help="Tag. Repeatable.", autocompletion=completion.tags),
]
SourceFilter = Annotated[
    Many,
    typer.Option(
        "--source",
        autocompletion=completion.source_ids,
        metavar="SOURCE",
        help="Source id. Repeatable.",
    ),
]
DueBeforeFilter = Annotated[
    Optional[str],
    typer.Option(
        "--due-before",
        help="Current due ends before this period starts (2026, 2026-Q2, 2026-05-01).",
        metavar="PERIOD",
    ),
]
DueAfterFilter = Annotated[
    Optional[str],
    typer.Option(
        "--due-after",
        help="Current due ends after this period ends.",
        metavar="PERIOD",
    ),
]


def where(
    status: list[str] | None,
    state: list[str] | None,
    owner: list[str] | None,
    place: list[str] | None,
    tag: list[str] | None,
    source: list[str] | None,
    due_before: str | None,
    due_after: str | None,
) -> Filter:
    """The filter the eight options describe (an empty one matches everything)."""
    from kvtrack.core.model import Status
    from kvtrack.core.query import Filter, State

    return Filter(
        statuses=frozenset(Status.parse(s) for s in split_values(status)),
        states=frozenset(State.parse(s) for s in split_values(state)),
        owners=split_values(owner),
        places=split_values(place),
        tags=split_values(tag),
        sources=split_values(source),
        due_before=boundary("--due-before", due_before, end=False),
        due_after=boundary("--due-after", due_after, end=True),
    )


def warn_unknown(flt: Filter, register: Register) -> None:
    """On stderr, a note for each filter value no commitment has, with the values that exist."""
    if not (flt.owners or flt.places or flt.tags or flt.sources):
        return
    from kvtrack.core.filter_hints import unknown_values

    for hint in unknown_values(flt, register):
        typer.echo(f"note: {hint}", err=True)
