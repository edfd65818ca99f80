"""The words a regular expression cannot match without: a cheap test that skips most cue patterns.

`requirements(pattern)` reads the compiled pattern's own syntax tree and returns the conditions
every match meets: each is a set of whole words (the pattern's `\\bwordt\\b` or `\\s+ik\\b`: a
word of the lower-cased text as `\\w+` splits it) or of fragments (a run of letters inside a
word, such as "ge" of `ge\\w+d`), of which the text must hold one. `Prefilter` tests them on a
sentence: a few set look-ups against the sentence's words, far cheaper than running a long
alternation of verb forms with word boundaries and lookaheads over every sentence. Derived from
the patterns themselves, so the rules in cue_table.py stay the one place where a cue is written.

Whole words are what make this selective: "ga" as a fragment is in "organisatie" and "gaat", as a
word only in "ik ga".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Python 3.11 moved the parser to re._parser; sre_parse is its deprecated alias.
from re import _parser as _sre  # type: ignore[attr-defined]
from typing import Any

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.lowercase import aligned_lower

_OPS: Any = _sre
_LITERAL = _OPS.LITERAL
_IN = _OPS.IN
_AT = _OPS.AT
_SUBPATTERN = _OPS.SUBPATTERN
_BRANCH = _OPS.BRANCH
_REPEATS = (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT, _OPS.POSSESSIVE_REPEAT)
_ATOMIC = _OPS.ATOMIC_GROUP
_ASSERT = _OPS.ASSERT
_CATEGORY = _OPS.CATEGORY
_BOUNDARY = _OPS.AT_BOUNDARY
_SPACE = _OPS.CATEGORY_SPACE

WORD = re.compile(r"\w+")

_MIN_LENGTH = 2  # a single letter is in nearly every sentence: no use as a filter
_MAX_STRINGS = 4000  # a run of alternatives spelled out as strings, up to this many


@dataclass(frozen=True, slots=True)
class Requirement:
    """The text holds one of `words` as a whole word, or one of `fragments` anywhere."""

    words: frozenset[str] = frozenset()
    fragments: frozenset[str] = frozenset()

    def __or__(self, other: Requirement) -> Requirement:
        return Requirement(self.words | other.words, self.fragments | other.fragments)

    def rank(self) -> tuple[int, int]:
        """How selective it is, higher is better: whole words only, then the shortest string."""
        shortest = min(map(len, self.words | self.fragments), default=0)
        return (0 if self.fragments else 1, shortest)


# A compiled pattern, or one not compiled yet: only its source and flags are read here.
SourcePattern = re.Pattern[str] | LazyPattern


def requirements(pattern: SourcePattern) -> tuple[Requirement, ...]:
    """Conditions every match of `pattern` meets (all of them); () when none was found."""
    found = _sequence(list(_sre.parse(pattern.pattern, pattern.flags)), False, False)
    return tuple(sorted(set(found), key=Requirement.rank, reverse=True))


@dataclass(frozen=True, slots=True)
class Prefilter:
    """`passes(lowered, words)` is False only when `pattern` cannot match the sentence whose
    lower case is `lowered` and whose `\\w+` words (of `lowered`) are `words`."""

    conditions: tuple[tuple[frozenset[str], LazyPattern | None], ...]

    def passes(self, lowered: str, words: set[str] | frozenset[str]) -> bool:
        for wanted, fragments in self.conditions:
            if wanted.isdisjoint(words) and (fragments is None or not fragments.search(lowered)):
                return False
        return True


def sentence_words(text: str) -> tuple[str, set[str]] | None:
    """The lower-cased sentence and its words, as `Prefilter.passes` takes them; None when the
    sentence cannot be prefiltered (see core/lowercase.py): try every pattern on it."""
    lowered = aligned_lower(text)
    return None if lowered is None else (lowered, set(WORD.findall(lowered)))


def prefilter(pattern: SourcePattern) -> Prefilter:
    conditions = tuple(
        (
            r.words,
            LazyPattern("|".join(map(re.escape, sorted(r.fragments)))) if r.fragments else None,
        )
        for r in requirements(pattern)
    )
    return Prefilter(conditions)


# ------------------------------------------------------------------------------------------------
# The syntax tree. `left` / `right`: a word boundary is certain just before / after the part.


def _sequence(items: list[Any], left: bool, right: bool) -> list[Requirement]:
    """The requirements of a concatenation: one per run of spelled-out strings, plus those of
    its groups."""
    items = _unfactor(items)
    found: list[Requirement] = []
    start = 0
    while start < len(items):
        end = start
        strings: set[str] = {""}
        while end < len(items):
            spelled = _strings(items[end])
            if spelled is None:
                break
            joined = _product(strings, spelled)
            if joined is None:
                break
            strings, end = joined, end + 1
        if end > start:
            bounded = (_boundary_before(items, start, left), _boundary_after(items, end, right))
            found += _run(strings, *bounded)
            start = end
            continue
        op, arg = items[start]
        before = _boundary_before(items, start, left)
        after = _boundary_after(items, start + 1, right)
        found += _item(op, arg, before, after)
        start += 1
    return found


def _unfactor(items: list[Any]) -> list[Any]:
    """The parser writes "voornemens|van plan" as "v" and a branch "oornemens|an plan": the
    letters before a branch go back into each alternative, so whole words are seen again."""
    out: list[Any] = []
    for op, arg in items:
        if op is _BRANCH and out and out[-1][0] is _LITERAL and _strings((op, arg)) is None:
            start = len(out)
            while start > 0 and out[start - 1][0] is _LITERAL:
                start -= 1
            prefix, out = out[start:], out[:start]
            out.append((op, (arg[0], [prefix + list(a) for a in arg[1]])))
            continue
        out.append((op, arg))
    return out


def _run(strings: set[str], left: bool, right: bool) -> list[Requirement]:
    if not strings or min(map(len, strings)) < _MIN_LENGTH:
        return []
    if left and right and all(WORD.fullmatch(s) for s in strings):
        return [Requirement(words=frozenset(strings))]
    return [Requirement(fragments=frozenset(strings))]


def _item(op: Any, arg: Any, left: bool, right: bool) -> list[Requirement]:
    if op is _SUBPATTERN:
        return _sequence(list(arg[-1]), left, right)
    if op is _ATOMIC:
        return _sequence(list(arg), left, right)
    if op is _ASSERT and arg[0] == 1:  # a lookahead must match as well; a lookbehind is skipped
        return _sequence(list(arg[1]), left, False)
    if op in _REPEATS and arg[0] >= 1:
        once = arg[1] == 1
        return _sequence(list(arg[2]), left and once, right and once)
    if op is _BRANCH:
        return _branch(arg[1], left, right)
    return []


def _branch(alternatives: Any, left: bool, right: bool) -> list[Requirement]:
    """Conditions that hold for every alternative: each the union of one requirement from every
    alternative (any such union holds), chosen to be alike: starting from one of the first
    alternative's, each other alternative adds its requirement sharing most strings with the
    union so far ("ik stuur" | "wij sturen" gives {ik, wij} and {stuur, sturen}, not mixtures)."""
    options = [sorted(set(_sequence(list(a), left, right)), key=_rank) for a in alternatives]
    if not options or not all(options):
        return []
    found: list[Requirement] = []
    used: list[set[Requirement]] = [set() for _ in options]
    for seed in options[0]:
        union = seed
        for k, other in enumerate(options[1:], start=1):
            # each of an alternative's requirements once, while it has unused ones
            fresh = [r for r in other if r not in used[k]] or other
            chosen = min(fresh, key=lambda r: _likeness(union, r, len(_all(seed))))
            used[k].add(chosen)
            union = union | chosen
        if union not in found:
            found.append(union)
    return found


def _all(requirement: Requirement) -> frozenset[str]:
    return requirement.words | requirement.fragments


def _likeness(union: Requirement, candidate: Requirement, seed_size: int) -> tuple[int, int]:
    """Most strings shared, then nearest in size to the seed: a pronoun pairs with a pronoun."""
    shared = len(_all(union) & _all(candidate))
    return (-shared, abs(len(_all(candidate)) - seed_size))


def _rank(requirement: Requirement) -> tuple[int, int]:
    """Most selective first (whole words, then long ones)."""
    words, shortest = requirement.rank()
    return (-words, -shortest)


def _strings(item: tuple[Any, Any]) -> set[str] | None:
    """Every string `item` can match, when that is a short list of lower-case ASCII strings."""
    op, arg = item
    if op is _LITERAL:
        return {chr(arg).lower()} if arg < 0x80 else None
    if op is _IN:
        if all(o is _LITERAL and a < 0x80 for o, a in arg):
            return {chr(a).lower() for _, a in arg}
        return None
    if op is _SUBPATTERN:
        return _all_strings(list(arg[-1]))
    if op is _BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            strings = _all_strings(list(alternative))
            if strings is None:
                return None
            union |= strings
        return union if len(union) <= _MAX_STRINGS else None
    if op in _REPEATS and arg[0] == 0 and arg[1] == 1:
        strings = _all_strings(list(arg[2]))
        return None if strings is None else strings | {""}
    return None


def _all_strings(items: list[Any]) -> set[str] | None:
    """Every string the concatenation `items` can match. The parser spells a word letter by
    letter: a run of letters is added to the strings once, not one product per letter."""
    strings: set[str] | None = {""}
    letters = ""
    for op, arg in items:
        if op is _LITERAL and arg < 0x80:
            letters += chr(arg).lower()
            continue
        spelled = _strings((op, arg))
        if spelled is None or strings is None:
            return None
        strings = _product({s + letters for s in strings}, spelled)
        letters = ""
    return None if strings is None else {s + letters for s in strings}


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(b) == 1:  # one letter or word: no pairs to form (and no more strings than before)
        (y,) = b
        return {x + y for x in a}
    if len(a) * len(b) > _MAX_STRINGS:
        return None
    return {x + y for x, y in itertools.product(a, b)}


def _boundary_before(items: list[Any], index: int, left: bool) -> bool:
    """Is a word boundary certain before items[index]? Also past an optional part that ends in
    one when present ("ik (ook )?stuur")."""
    while index > 0:
        previous = items[index - 1]
        if _makes_boundary(previous):
            return True
        content = _optional_content(previous)
        if not content or not _makes_boundary(content[-1]):
            return False
        index -= 1
    return left


def _boundary_after(items: list[Any], index: int, right: bool) -> bool:
    while index < len(items):
        following = items[index]
        if _makes_boundary(following):
            return True
        content = _optional_content(following)
        if not content or not _makes_boundary(content[0]):
            return False
        index += 1
    return right


def _optional_content(item: tuple[Any, Any]) -> list[Any] | None:
    op, arg = item
    if op in _REPEATS and arg[0] == 0:
        return list(arg[2])
    return None


def _makes_boundary(item: tuple[Any, Any]) -> bool:
    """`\\b`, or a part that always matches at least one character that is not a word character
    (a space, a comma): a word next to it ends there."""
    op, arg = item
    if op is _AT:
        return bool(arg is _BOUNDARY)
    if op is _LITERAL:
        return not WORD.fullmatch(chr(arg))
    if op is _IN:
        return all(
            (o is _CATEGORY and a is _SPACE) or (o is _LITERAL and not WORD.fullmatch(chr(a)))
            for o, a in arg
        )
    if op in _REPEATS and arg[0] >= 1 and len(arg[2]) == 1:
        return _makes_boundary(next(iter(arg[2])))
    return False


class PrefilterIndex:
    """Prefilters of many patterns, looked up by the words of a sentence: a sentence is tested
    only against the patterns one of whose required words it has (and those that require no
    whole word), so a sentence costs a look-up per word, not a test per pattern."""

    def __init__(
        self, patterns: Sequence[SourcePattern], common: frozenset[str] = frozenset()
    ) -> None:
        """`common`: words in nearly every sentence ("de", "is", "ik"); a pattern is looked up
        by the condition of whole words with the fewest of them (speed only: any would do)."""
        self._filters = [prefilter(p) for p in patterns]
        self._by_word: dict[str, set[int]] = {}
        self._always: set[int] = set()
        for index, test in enumerate(self._filters):
            keys = [words for words, fragments in test.conditions if words and fragments is None]
            if not keys:
                self._always.add(index)
                continue
            key = min(keys, key=lambda words: (len(words & common), len(words)))
            for word in key:
                self._by_word.setdefault(word, set()).add(index)

    def possible(self, lowered: str, words: set[str]) -> list[int]:
        """The indices, in order, of the patterns that may match the sentence."""
        candidates = set(self._always)
        for word in words:
            found = self._by_word.get(word)
            if found is not None:
                candidates |= found
        return [i for i in sorted(candidates) if self._filters[i].passes(lowered, words)]
