"""Rich consoles for stdout and stderr: colour only on a terminal and never when NO_COLOR is set."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def colour_allowed(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stdout_console() -> Console:
    from rich.console import Console

    tty = colour_allowed(sys.stdout)
    # Not a terminal: plain text, no colour, no wrapping to an imagined width.
    return Console(
        file=sys.stdout,
        no_color=not tty,
        color_system="auto" if tty else None,
        highlight=False,
        soft_wrap=not tty,
        width=None if tty else 200,
    )


def stderr_console() -> Console:
    from rich.console import Console

    tty = colour_allowed(sys.stderr)
    return Console(
        file=sys.stderr,
        no_color=not tty,
        color_system="auto" if tty else None,
        highlight=False,
        soft_wrap=True,
    )
