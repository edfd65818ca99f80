"""Text from a register made safe to print: characters that steer a terminal become visible escapes.

A title, quote, note or owner comes from a file anyone can send in a pull request. Printed raw, an
ESC (`\\x1b[2J` clears the screen, `\\x1b]0;…\\x07` retitles the window, `\\x1b]8;;…` makes a fake
link), a C1 control (`\\x9b` is a one-byte CSI) or a bidi override (`\\u202e` shows text backwards)
lets the file take over the reader's terminal. Every text renderer (terminal, plain text, Nagios,
Markdown) passes file text through `visible`; the reader and the editing commands use
`unsafe_characters` to refuse such text before it is stored.
"""

from __future__ import annotations

import re

# C0 controls except the line feed, DEL, C1 controls, and the characters that reorder or isolate
# text (Arabic letter mark, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI) or break lines outside
# the line feed (LINE and PARAGRAPH SEPARATOR).
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    return escape_character(match[0])


def escape_character(ch: str) -> str:
    """`\\x1b` for a character below U+0100, `\\u202e` above."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every unsafe character written as its escape; line feeds kept."""
    # All unsafe characters are unprintable (Cc, Cf, Zl, Zp), so most text takes the fast path.
    if text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text)


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """Each unsafe character in `text` with its index: `[(5, '\\x1b')]`; empty when the text is safe."""
    if text.isprintable():
        return []
    return [(m.start(), m[0]) for m in _UNSAFE.finditer(text)]


def may_give_unsafe(yaml_source: str) -> bool:
    """Whether any value of the YAML `yaml_source` can hold an unsafe character: only when the
    source holds one itself (line feeds aside) or a backslash, which in a double-quoted scalar
    writes one (`\\e`, `\\t`, `\\u202e`). One scan in C, so that a clean file need not be parsed
    again to find nothing."""
    return "\\" in yaml_source or _UNSAFE.search(yaml_source) is not None


def unsafe_problem(text: str, what: str) -> str | None:
    """A message naming the first unsafe character in `text`, or None when there is none."""
    found = unsafe_characters(text)
    if not found:
        return None
    index, ch = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    kind = "a control character" if ord(ch) < 0x100 else "a bidi or line control"
    return (
        f"{what} holds {escape_character(ch)} ({kind}) at character {index + 1}{more}, "
        "which could take over a reader's terminal; remove it"
    )
