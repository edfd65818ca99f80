"""The commitment filters, declared once for every command that selects commitments (list, timeline).

A command takes the options as parameters typed with these aliases and turns them into a
`core.query.Filter` with `make_filter`; `warn_unknown` then names the values no commitment has.
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
        metavar="STATUS", help="open, partial, done, dropped (Dutch words too). Repeatable."
    ),
]
StateFilter = Annotated[
    Many,
    typer.Option(
        metavar="STATE", help="overdue, due-soon, upcoming, undated, done, dropped. Repeatable."
    ),
]
OwnerFilter = Annotated[
    Many,
    typer.Option(
        metavar="OWNER",
        autocompletion=completion.owners,
        help="Responsible ministry or body, e.g. BZK. Repeatable.",
    ),
]
PlaceFilter = Annotated[
    Many,
    typer.Option(
        metavar="PLACE",
        autocompletion=completion.places,
        help="Place named by the commitment. Repeatable.",
    ),
]
TagFilter = Annotated[
    Many, typer.Option(metavar="TAG", autocompletion=completion.tags, help="Tag. Repeatable.")
]
SourceFilter = Annotated[
    Many,
    typer.Option(
        metavar="SOURCE", autocompletion=completion.source_ids, help="Source id. Repeatable."
    ),
]
DueBeforeFilter = Annotated[
    Optional[str],
    typer.Option(
        help="Current due ends before this period starts (2026, 2026-Q2, 2026-05-01).",
        metavar="PERIOD",
    ),
]
DueAfterFilter = Annotated[
    Optional[str],
    typer.Option(help="Current due ends after this period ends.", metavar="PERIOD"),
]


def make_filter(
    status: Many,
    state: Many,
    owner: Many,
    place: Many,
    tag: Many,
    source: Many,
    due_before: str | None,
    due_after: str | None,
) -> Filter:
    """The filter the options ask for (an empty one matches everything)."""
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


def warn_unknown(where: Filter, register: Register) -> None:
    """On stderr, a note for each filter value that no commitment has, with the values that exist."""
    if not (where.owners or where.places or where.tags or where.sources):
        return
    from kvtrack.core.filter_hints import unknown_values

    for hint in unknown_values(where, register):
        typer.echo(f"note: {hint}", err=True)
