"""`kvtrack search`: find commitments by the words in them, ignoring case and accents.

A query is words and "quoted phrases" (straight or curly quotes). A commitment matches when every
term occurs, as part of a word or more, somewhere in its searchable text: title, quote, due text,
the notes and evidence of its history, and its source's title. `coordinerende` finds
"Coördinerende", `regios` finds "regio's" only if typed with the apostrophe (punctuation counts).

Folding: Unicode NFKD, combining marks dropped, then `casefold` (so ß matches ss, ﬁ matches fi).
Matching runs on folded text; the spans of a match are mapped back to the original characters so a
renderer can highlight exactly what the reader typed against.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kvtrack.core.model import Commitment, Register
from kvtrack.errors import KvtrackError

_TERMS = re.compile(r'"([^"]*)"|“([^”]*)”|„([^”“]*)[”“]|(\S+)')


def fold(text: str) -> str:
    """Text without case or accents, for comparing."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, the index of the original it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[str, ...]  # folded, whitespace collapsed

    @classmethod
    def parse(cls, text: str) -> Query:
        terms: list[str] = []
        for m in _TERMS.finditer(text):
            raw = next(g for g in m.groups() if g is not None)
            term = " ".join(fold(raw).split())
            if term:
                terms.append(term)
        if not terms:
            raise KvtrackError('nothing to search for; give one or more words, or a "phrase"')
        return cls(tuple(dict.fromkeys(terms)))


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """One field of a commitment with the character spans [start, end) that matched."""

    field: str  # title, quote, due_text, note, evidence, source
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Hit:
    commitment: Commitment
    fields: tuple[FieldMatch, ...]


def searchable(c: Commitment, register: Register) -> list[tuple[str, str]]:
    """The (field, text) pairs a query looks in."""
    fields = [("title", c.title), ("quote", c.quote)]
    if c.due_text:
        fields.append(("due_text", c.due_text))
    for entry in c.history:
        if entry.note:
            fields.append(("note", entry.note))
        if entry.evidence:
            fields.append(("evidence", entry.evidence))
    source = register.sources.get(c.source)
    if source is not None and source.title:
        fields.append(("source", source.title))
    return fields


def match(c: Commitment, register: Register, query: Query) -> Hit | None:
    """The commitment's matching fields when every term occurs in one of them, else None."""
    fields = searchable(c, register)
    # whitespace collapsed so a phrase matches across a line break in a quote
    folded = [" ".join(fold(text).split()) for _, text in fields]
    for term in query.terms:
        if not any(term in f for f in folded):
            return None
    matched = []
    for (name, text), f in zip(fields, folded, strict=True):
        if any(term in f for term in query.terms):
            matched.append(FieldMatch(name, text, spans(text, query.terms)))
    return Hit(c, tuple(matched))


def search(register: Register, commitments: Iterable[Commitment], query: Query) -> list[Hit]:
    """The hits among `commitments`, in the order given."""
    return [h for c in commitments if (h := match(c, register, query)) is not None]


def spans(text: str, terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where the terms occur in `text` (original indices), merged and in order."""
    folded, where = folded_with_map(text)
    # whitespace runs in the text match the single spaces of a term
    found: list[tuple[int, int]] = []
    for term in terms:
        pattern = r"\s+".join(re.escape(word) for word in term.split(" "))
        found.extend(
            (where[m.start()], where[m.end() - 1] + 1)
            for m in re.finditer(pattern, folded)
            if m.end() > m.start()
        )
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
