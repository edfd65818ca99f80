"""The one domain error type, its problems (`path:line:col: message`), and the exit-code table.

The library raises `KvtrackError`; the CLI hands it to its one reporter (`kvtrack.cli.app.report`),
which prints it and picks the exit code. Nothing below the CLI prints or exits. A subclass exists
only where the CLI reports it differently.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Every exit status kvtrack ends with; cron reads 1 as "mail this", so errors are never 1.

    Under `check --nagios` the same numbers are the monitoring plugin's OK, WARNING (only due
    soon), CRITICAL (something overdue) and UNKNOWN (the check could not run: any error).
    """

    OK = 0
    ATTENTION = 1  # `check`: something needs attention (Nagios WARNING)
    ERROR = 2  # bad input, bad arguments, an invalid file or a refused edit (Nagios CRITICAL)
    UNKNOWN = 3  # `check --nagios`: the check itself could not run
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT) stopped an edit before it changed anything


class Location(NamedTuple):
    """Where a problem is: a path and, when known, a 1-based line and column."""

    path: str | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.col if self.col is not None else 1))
        return ":".join(parts)


class Problem(NamedTuple):
    """One thing wrong with the input, with its location."""

    message: str
    where: Location = Location()

    def __str__(self) -> str:
        if self.where.path is None and self.where.line is None:
            return self.message
        return f"{self.where}: {self.message}"


class KvtrackError(Exception):
    """Anything the user can fix: bad data, bad arguments, a refused edit.

    Carries one or more problems; `str()` gives one `path:line:col: message` line per problem.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        where: Location | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.problems: list[Problem] = list(problems or [])
        if message is not None:
            self.problems.insert(0, Problem(message, where or Location()))
        super().__init__(str(self))

    @property
    def message(self) -> str:
        return self.problems[0].message if self.problems else ""

    def located(self, where: Location) -> KvtrackError:
        """The same error with its location filled in where it had none."""
        fixed = [
            p if p.where.path or p.where.line else Problem(p.message, where) for p in self.problems
        ]
        return type(self)(problems=fixed)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class KvtrackWarning(UserWarning):
    """Something the user should know that does not change the result (an unusable parse cache).

    Raised through `warnings.warn`; the CLI prints each distinct one once, as one line on stderr.
    """


class ValidationError(KvtrackError):
    """The commitments file breaks the schema; `problems` lists every violation found.

    The reporter ends a list of several with how many there are.
    """


class UsageError(KvtrackError):
    """Bad arguments for `command`, reported with where to find its help."""

    def __init__(self, message: str, *, command: str) -> None:
        super().__init__(message)
        self.command = command

    def located(self, where: Location) -> KvtrackError:
        return self
