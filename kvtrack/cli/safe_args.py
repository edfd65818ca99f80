"""Refuse command-line text that would store terminal control characters in the register.

Used as the `callback` of the editing commands' text options (`--title`, `--quote`, `--note`, …):
`add --quote $'\\e[2J…'` is refused before anything is read or written, naming the option and the
character (see `core.safe_text`).
"""

from __future__ import annotations

from typing import TypeVar

import typer

T = TypeVar("T", str, list[str], None)


def safe_text(value: T) -> T:
    """`value` unchanged, or a usage error (exit 2) when it holds an unsafe character."""
    from kvtrack.core.safe_text import unsafe_problem

    texts: list[str] = [value] if isinstance(value, str) else list(value or [])
    for text in texts:
        problem = unsafe_problem(text, "this value")
        if problem:
            raise typer.BadParameter(problem)
    return value
