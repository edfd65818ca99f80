"""The one layout the terminal renderers share: text measured in cells, wrapped, cut, aligned.

Widths are terminal cells, not characters: a wide (East Asian) character takes two, a combining
mark none. Lines never end in spaces, so a line is exactly as wide as what it shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache


@lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Characters that do not take one column: East Asian wide and fullwidth ranges, emoji, combining
# marks, zero-width formatting. Text without any (nearly all Dutch text) is measured by len().
_NOT_ONE_PATTERN = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0e31-\u0e4e"
    "\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u20d0-\u20ff\u231a-\u231b\u2329-\u232a\u23e9-\u23fa\u25fd-\u25fe\u2600-\u27bf"
    "\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe10-\ufe19"
    "\ufe20-\ufe6f\ufeff\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


@cache
def _not_one() -> re.Pattern[str]:
    """Compiled on first use (a few milliseconds): only a terminal layout measures text."""
    return re.compile(_NOT_ONE_PATTERN)


def cells(text: str) -> int:
    """How many terminal columns `text` takes."""
    if text.isascii() or not _not_one().search(text):
        return len(text)
    return sum(_char_cells(ch) for ch in text)


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in '…' when something was cut."""
    if cells(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    if text.isascii() or not _not_one().search(text):  # a column a character
        return text[: width - 1].rstrip() + "…"
    out, used = [], 0
    for ch in text:
        w = _char_cells(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (on the left when `right`)."""
    gap = " " * max(0, width - cells(text))
    return gap + text if right else text + gap


def _split_long(word: str, width: int, first: int) -> Iterator[str]:
    """A word wider than `width`, in pieces that fit (the first in `first` cells)."""
    piece: list[str] = []
    used, limit = 0, first
    for ch in word:
        w = _char_cells(ch)
        if used + w > limit and piece:
            yield "".join(piece)
            piece, used, limit = [], 0, width
        piece.append(ch)
        used += w
    if piece:
        yield "".join(piece)


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """`text` (one line) in lines of at most `width` cells (the first line `first`), broken
    between words where it can and inside a word only when the word alone is too wide."""
    limit = max(1, width if first is None else first)
    if cells(text) <= limit:
        return [text]
    width = max(1, width)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        w = cells(word)
        if line and used + 1 + w <= limit:
            line, used = f"{line} {word}", used + 1 + w
            continue
        if line:
            lines.append(line)
            limit = width
        if w > limit and not lines and w <= width:  # the first line is short: start below it
            lines.append("")
            limit = width
        if w <= limit:
            line, used = word, w
            continue
        *full, line = _split_long(word, width, limit)
        lines.extend(full)
        limit = width if full else limit
        used = cells(line)
    if line:
        lines.append(line)
    return lines or [""]


def hang(head: str, text: str, width: int | None, indent: int) -> list[str]:
    """`head` then `text`, wrapped to `width` with every further line indented by `indent`.

    `head` is printed as it is (a label, a date); its width in cells is where the text starts on
    the first line. Off a terminal (`width` None) it is one line.
    """
    if width is None:
        return [(head + text).rstrip()]
    if cells(head) + cells(text) <= width:
        return [(head + text).rstrip()]
    lines = wrap(text, width - indent, first=width - cells(head))
    margin = " " * indent
    return [(head + lines[0]).rstrip(), *((margin + line).rstrip() for line in lines[1:])]
