"""The words a regular expression cannot match without: a cheap test that skips most cue patterns.

`required_literals(pattern)` reads the compiled pattern's own syntax tree and returns a set of
lower-case strings of which every match contains at least one, or None when it finds no such set.
`literal_finder(pattern)` joins them into one plain alternation: searching the lower-cased
sentence for it is far cheaper than running a long alternation of verb forms with word boundaries
and lookaheads over every sentence. Derived from the patterns themselves, so the rules
in cue_table.py stay the one place where a cue is written down.
"""

from __future__ import annotations

import re

# Python 3.11 moved the parser to re._parser; sre_parse is its deprecated alias.
from re import _parser as _sre  # type: ignore[attr-defined]
from typing import Any

_OPS: Any = _sre
_LITERAL = _OPS.LITERAL
_SUBPATTERN = _OPS.SUBPATTERN
_BRANCH = _OPS.BRANCH
_REPEATS = (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT, _OPS.POSSESSIVE_REPEAT)
_ATOMIC = _OPS.ATOMIC_GROUP
_ASSERT = _OPS.ASSERT

# Characters that a case-insensitive pattern matches with an ASCII letter although their lower
# case does not contain that letter (dotted and dotless i, long s): a text holding one is not
# prefiltered, so the test never skips a pattern that would match.
CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")

_MIN_LENGTH = 2  # a single letter is in nearly every sentence: no use as a filter

Literals = frozenset[str]


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Lower-case strings of which every match of `pattern` contains one; None: no such set."""
    return _sequence(_sre.parse(pattern.pattern, pattern.flags))


def literal_finder(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search that fails on a lower-cased text only when `pattern` cannot match the text."""
    literals = required_literals(pattern)
    if literals is None:
        return None
    return re.compile("|".join(map(re.escape, sorted(literals))))


def _sequence(items: Any) -> Literals | None:
    """The most selective requirement of a concatenation: a run of literals or one of its parts."""
    options: list[Literals] = []
    run: list[str] = []
    for op, arg in items:
        if op is _LITERAL and arg < 0x80:
            run.append(chr(arg).lower())
            continue
        _close(run, options)
        run = []
        part = _item(op, arg)
        if part is not None:
            options.append(part)
    _close(run, options)
    return max(options, key=lambda words: min(map(len, words)), default=None)


def _close(run: list[str], options: list[Literals]) -> None:
    if len(run) >= _MIN_LENGTH:
        options.append(frozenset({"".join(run)}))


def _item(op: Any, arg: Any) -> Literals | None:
    if op is _SUBPATTERN:
        return _sequence(arg[-1])
    if op is _ATOMIC:
        return _sequence(arg)
    if op is _ASSERT and arg[0] == 1:  # a lookahead must match as well; a lookbehind is skipped
        return _sequence(arg[1])
    if op in _REPEATS and arg[0] >= 1:
        return _sequence(arg[2])
    if op is _BRANCH:
        return _branch(arg[1])
    return None


def _branch(alternatives: Any) -> Literals | None:
    words: set[str] = set()
    for alternative in alternatives:
        part = _sequence(alternative)
        if part is None:
            return None
        words |= part
    return frozenset(words)
