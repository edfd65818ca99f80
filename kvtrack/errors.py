"""The one domain error type, and the exit codes the CLI maps it to.

The library raises `KvtrackError` (or a subclass); the CLI catches it once at its edge and prints
`path:line:col: message`. Nothing below the CLI prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ATTENTION = 1  # `check`: something needs attention
    ERROR = 2  # bad input, bad arguments, invalid file


@dataclass(frozen=True, slots=True)
class Location:
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


@dataclass(frozen=True, slots=True)
class Problem:
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

    exit_code: int = ExitCode.ERROR

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
    """The commitments file breaks the schema; `problems` lists every violation found."""


class NotFoundError(KvtrackError):
    """An id, source or file that does not exist."""


class LockTimeoutError(KvtrackError):
    """Another kvtrack process kept the file locked for too long."""
