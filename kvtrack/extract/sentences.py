"""An answer's lines → its sentences, exactly as written (the quote of a commitment is one of them)."""

from __future__ import annotations

import re

# Never a sentence end: titles before a name, and abbreviations that sit mid-sentence.
_NO_BREAK_AFTER = frozenset(
    {
     "o.a", "bijv", "bv", "m.b.t", "t.a.v", "i.c.m", "i.v.m", "n.a.v", "c.q", "d.d", "nr", "nrs",
     "art", "blz", "p", "pag", "vs", "zgn", "z.g.n", "incl", "excl", "ca", "resp", "m.n",
     "i.p.v", "e.a", "vgl", "jo", "dhr", "mw", "mevr", "mr", "dr", "drs", "ir", "ing", "prof",
     "st", "sr", "jr", "min", "staatssecr", "a.s", "t.z.t", "z.s.m", "mln", "mld", "mrd", "e.d",
     "etc",
    }
)  # fmt: skip
_END = re.compile(r"[.?!…]+[»”’\"')]*(?=\s+|$)")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_INITIAL = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")
_PARAGRAPH_END = re.compile(r"[.?!:;…»”’\"')]$")


def paragraphs(lines: tuple[str, ...] | list[str]) -> list[str]:
    """Lines joined into paragraphs. A blank line inside a sentence (a page break, a removed
    footnote) does not end it; a line without final punctuation before a capital (a subheading) does."""
    out: list[str] = []
    current: list[str] = []
    pending_break = False
    for raw in lines:
        line = raw.strip()
        if not line:
            pending_break = bool(current)
            continue
        starts_item = line.startswith("•")
        if current:
            previous = current[-1]
            sentence_open = not _PARAGRAPH_END.search(previous)
            continues = sentence_open and (line[:1].islower() or line[:1] in "(–-,")
            if (
                starts_item
                or (pending_break and not continues)
                or (
                    sentence_open
                    and not continues
                    and len(previous) < 60
                    and line[:1].isupper()
                    and len(current) == 1
                )
            ):
                out.append(" ".join(current))
                current = []
        current.append(line.lstrip("• ").strip() if starts_item else line)
        pending_break = False
    if current:
        out.append(" ".join(current))
    return [" ".join(p.split()) for p in out if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for m in _END.finditer(paragraph):
        end = m.end()
        # the first character after the spaces (not a copy of the rest: a long paragraph has
        # many full stops)
        after = _NEXT_CHARACTER.match(paragraph, end)
        if after is not None and not _starts_sentence(after[1]):
            continue
        if m.group(0).startswith(".") and not _real_full_stop(paragraph[start : m.start()]):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "«“\"'(‘•"


def _real_full_stop(before: str) -> bool:
    # the last word: a search for r"(\S+)$" would try every position of a long paragraph
    if not before or before[-1].isspace():
        return True
    word = before.rsplit(maxsplit=1)[-1].lower().lstrip("(«“\"'")
    if word in _NO_BREAK_AFTER:
        return False
    if _INITIAL.fullmatch(word):
        return False  # an initial ("J. Jansen") or an abbreviation like "o.a"
    return not re.fullmatch(r"\d{1,2}", word) or len(before.strip()) > 3


def sentences(lines: tuple[str, ...] | list[str]) -> list[str]:
    return [s for p in paragraphs(lines) for s in split_sentences(p)]
