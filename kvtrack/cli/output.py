"""Hands command results to the renderer of the chosen format."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kvtrack.core.model import Register
    from kvtrack.core.query import Assessed, Window
    from kvtrack.core.timeline import Event


def emit_list(items: Sequence[Assessed], fmt: str) -> None:
    if fmt == "json":
        from kvtrack.render.json_out import dumps
        from kvtrack.render.records import record

        typer.echo(dumps([record(a) for a in items]))
        return
    from kvtrack.render.table import print_table

    print_table(items)


def emit_due(items: Sequence[Assessed], as_of: date, win: Window, fmt: str) -> None:
    if fmt == "json":
        emit_list(items, fmt)
        return
    from kvtrack.render.table import print_table

    print_table(
        items,
        title=f"Due as of {as_of} (window {win})",
        empty=f"Nothing overdue or due within {win} of {as_of}.",
    )


def emit_show(item: Assessed, register: Register, as_of: date, fmt: str) -> None:
    if fmt == "json":
        from kvtrack.render.json_out import dumps
        from kvtrack.render.records import detailed_record

        typer.echo(dumps(detailed_record(item, register, as_of)))
        return
    from kvtrack.render.console import stdout_console
    from kvtrack.render.detail import show

    show(item, register, stdout_console())


def emit_timeline(events: Sequence[Event], undated: Sequence[Assessed], fmt: str) -> None:
    if fmt == "json":
        from kvtrack.render.json_out import dumps
        from kvtrack.render.records import record

        typer.echo(
            dumps(
                {
                    "events": [
                        {
                            "date": e.day.isoformat(),
                            "kind": e.kind.value,
                            "label": e.label,
                            **({"commitment": record(e.item)} if e.item else {}),
                        }
                        for e in events
                    ],
                    "undated": [record(a) for a in undated],
                }
            )
        )
        return
    from kvtrack.render.console import stdout_console
    from kvtrack.render.timeline_text import timeline

    timeline(events, undated, stdout_console())
