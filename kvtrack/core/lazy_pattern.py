"""A regular expression compiled on its first use, not when its module is imported.

Compiling is what made `kvtrack extract` slow to start: the cue rules, time-phrase rules and
cleaning patterns are a few hundred long alternations, and Python's `re` parses and compiles each
in pure Python (about 0.1 s for all of them). Most of them are never run on a given document:
a cue rule only when a sentence has its required words (extract/literals.py), a time-phrase rule
only when its trigger is in the sentence (core/timex/table.py). A `LazyPattern` defers that cost
to the first search, so a rule that never runs is never compiled. It compiles exactly
`re.compile(pattern, flags)`, so what it matches is unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, done at the first search; the methods of `re.Pattern` that
    kvtrack uses, with the same arguments and results. They reach the compiled pattern without
    going through the `compiled` property: a million searches of a big document would pay for
    that extra call."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # the source, as re.Pattern.pattern: readable without compiling
        self.flags = flags  # the flags as given (re.Pattern.flags would add re.UNICODE)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        return self._compiled or self._compile()

    def _compile(self) -> re.Pattern[str]:
        self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        """Whether it has been compiled yet (for the tests that prove the laziness)."""
        return self._compiled is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self._compiled or self._compile()).search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self._compiled or self._compile()).match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return (self._compiled or self._compile()).fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return (self._compiled or self._compile()).finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return (self._compiled or self._compile()).findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return (self._compiled or self._compile()).split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return (self._compiled or self._compile()).sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return (self._compiled or self._compile()).subn(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
