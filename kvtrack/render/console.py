"""Rich consoles for stdout and stderr: colour only on a terminal and never when NO_COLOR is set."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from io import StringIO

    from rich.console import Console


def colour_allowed(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stdout_console() -> Console:
    from rich.console import Console

    class _Stdout(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 ("attention" to cron); the CLI's edge ends a closed pipe quietly
            raise BrokenPipeError

    tty = colour_allowed(sys.stdout)
    # Not a terminal: plain text, no colour, no wrapping to an imagined width.
    return _Stdout(
        file=sys.stdout,
        no_color=not tty,
        color_system="auto" if tty else None,
        highlight=False,
        soft_wrap=not tty,
        width=None if tty else 200,
    )


def text_console() -> tuple[Console, StringIO]:
    """A console that renders plain text into a buffer, for writing a text report to a file."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(
        file=buffer, no_color=True, color_system=None, highlight=False, soft_wrap=True, width=200
    )
    return console, buffer
