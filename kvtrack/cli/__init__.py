"""The command line: a thin Typer layer over the library.

Each module in this package holds a group of commands and registers them on `app`. Every error
from the library (`KvtrackError`) reaches the user through one function, `app.report`, which prints
it as `path:line:col: message` and picks the exit code.
"""

from __future__ import annotations

from kvtrack.cli.app import app, main

# Importing the command modules registers their commands on `app`.
from kvtrack.cli import read  # noqa: F401  isort: skip
from kvtrack.cli import check  # noqa: F401  isort: skip
from kvtrack.cli import stats  # noqa: F401  isort: skip
from kvtrack.cli import edit  # noqa: F401  isort: skip
from kvtrack.cli import extract  # noqa: F401  isort: skip
from kvtrack.cli import log  # noqa: F401  isort: skip
from kvtrack.cli import search  # noqa: F401  isort: skip
from kvtrack.cli import site  # noqa: F401  isort: skip
from kvtrack.cli import official  # noqa: F401  isort: skip

__all__ = ["app", "main"]
