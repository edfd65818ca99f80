"""`list --format markdown`: a GitHub-flavoured Markdown table to paste into a report or issue."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kvtrack.core.query import Assessed
from kvtrack.render.words import days_phrase, due_phrase, one_line

# Backslash first, so the escapes added for the others are not escaped again. `|` would end the
# cell; the rest would start emphasis, code, links or HTML inside a title or quote.
_SPECIAL = re.compile(r"([\\|*_`\[\]<>])")


def escape(text: str) -> str:
    """Cell text: control characters shown as escapes, Markdown specials backslash-escaped, line
    breaks folded into spaces."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def render(items: Sequence[Assessed], as_of: date) -> str:
    header = ("id", "title", "due", "state", f"days (as of {as_of})", "owner", "places")
    lines = [_row(header), _row(("---",) * len(header))]
    for a in items:
        c = a.commitment
        lines.append(
            _row(
                (
                    f"`{c.id}`",  # ids are slugs ([A-Za-z0-9._-]): nothing to escape in a code span
                    escape(c.title),
                    escape(due_phrase(c)),
                    a.state.value,
                    escape(days_phrase(a)),
                    escape(c.owner or ""),
                    escape(", ".join(c.places)),
                )
            )
        )
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
