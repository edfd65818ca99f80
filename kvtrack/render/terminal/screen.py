"""Where output goes: its width in columns (None off a terminal) and whether it may be coloured."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TextIO

from kvtrack.core.query import State

#: The narrowest layout drawn; a smaller terminal gets lines of this width.
MIN_WIDTH = 40

_RESET = "\x1b[0m"
_SGR = {
    "bold": "1",
    "dim": "2",
    "reverse": "7",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}

STATE_STYLE = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "yellow",
    State.UPCOMING: "cyan",
    State.UNDATED: "dim",
    State.DONE: "green",
    State.DROPPED: "dim",
}


@dataclass(frozen=True, slots=True)
class Screen:
    """A terminal `width` columns wide (None: a pipe or file, lines as long as they need)."""

    width: int | None = None
    colour: bool = False

    def paint(self, style: str, text: str) -> str:
        """`text` in `style` ('bold red', 'dim', …) when colour is on; else unchanged."""
        if not self.colour or not style or not text:
            return text
        return f"{_start(style)}{text}{_RESET}"

    def state(self, state: State, text: str) -> str:
        return self.paint(STATE_STYLE[state], text)


@cache
def _start(style: str) -> str:
    """The escape sequence that starts `style`: 'bold red' → ESC[1;31m."""
    return f"\x1b[{';'.join(_SGR[word] for word in style.split())}m"


def colour_allowed(stream: object) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def screen_for(stream: TextIO) -> Screen:
    """The screen behind `stream`: its terminal's width (COLUMNS wins), or none off a terminal.

    NO_COLOR turns colour off and changes nothing else: the width comes from the terminal alone.
    """
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return Screen()
    return Screen(max(MIN_WIDTH, _columns(stream)), colour_allowed(stream))


def _columns(stream: TextIO) -> int:
    """COLUMNS when set (as shutil.get_terminal_size does, without importing shutil), else the
    terminal's own width, else 80."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80
