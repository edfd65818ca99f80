"""The `list` filters, declared once and shared by every command that narrows the register.

A command declares one parameter `flt: Filter` and is decorated with `@filtered`; its command
line then has the eight options (where `flt` stands in its signature), and it receives them as
one `kvtrack.core.query.Filter`:

    @app.command()
    @filtered
    def cmd(file: FileOption = DEFAULT_FILE, flt: Filter = FROM_OPTIONS, as_of: ...): ...

Their names, help texts, completion and parsing live here only. `warn_unknown` then names the
values that no commitment has, with the ones that exist.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Optional

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


# The default a decorated command gives `flt` in its own signature; `@filtered` always passes the
# Filter built from the options instead.
FROM_OPTIONS: Any = None

_OPTIONS: dict[str, Any] = {
    "status": StatusFilter,
    "state": StateFilter,
    "owner": OwnerFilter,
    "place": PlaceFilter,
    "tag": TagFilter,
    "source": SourceFilter,
    "due_before": DueBeforeFilter,
    "due_after": DueAfterFilter,
}


def filtered(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with its `flt` parameter replaced by the eight filter options (Typer reads the
    new signature); each call turns the options into the Filter it is passed."""
    signature = inspect.signature(command)
    before, after = _split_at_flt(list(signature.parameters.values()))
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in _OPTIONS.items()
    ]
    parameters = [
        *(_evaluated(p, command.__globals__) for p in before),
        *options,
        *(_evaluated(p, command.__globals__) for p in after),
    ]

    @functools.wraps(command)
    def with_filter(**values: Any) -> None:
        flt = where(*(values.pop(name) for name in _OPTIONS))
        command(flt=flt, **values)

    with_filter.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=None
    )
    with_filter.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_filter


def _split_at_flt(
    parameters: list[inspect.Parameter],
) -> tuple[list[inspect.Parameter], list[inspect.Parameter]]:
    at = [p.name for p in parameters].index("flt")
    return parameters[:at], parameters[at + 1 :]


def _evaluated(parameter: inspect.Parameter, module: dict[str, Any]) -> inspect.Parameter:
    """The parameter with its annotation as an object, evaluated in the command's module as
    Typer would (Typer reads a given signature as it is)."""
    annotation = parameter.annotation
    if isinstance(annotation, str):
        annotation = eval(annotation, module)
    return parameter.replace(annotation=annotation, kind=inspect.Parameter.KEYWORD_ONLY)


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
