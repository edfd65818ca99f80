"""`kvtrack search` as text: each hit with the fields that matched, matches highlighted.

On a terminal the matched characters are shown bold and reversed; off one (pipes, files, cron) and
under NO_COLOR the text is the same, without any marks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO

from kvtrack.core.query import Assessed
from kvtrack.core.safe_text import visible
from kvtrack.core.search import FieldMatch, Hit
from kvtrack.render.words import days_phrase, due_phrase, one_line

CONTEXT = 70  # characters shown around the first match of a long field
LABELS = {"due_text": "due text"}

Mark = Callable[[str], str]


def snippet(fm: FieldMatch, mark: Mark | None = None, context: int = CONTEXT) -> str:
    """The field on one line, cut to about `context` characters around its first match."""
    text, spans = fm.text, list(fm.spans)
    lo, hi = 0, len(text)
    if spans and len(text) > 3 * context:
        lo = max(0, spans[0][0] - context)
        hi = min(len(text), spans[0][1] + context)
        spans = [(s, e) for s, e in spans if s >= lo and e <= hi]
    out: list[str] = ["…" if lo > 0 else ""]
    at = lo
    for start, end in spans:  # file text made safe piece by piece, so the marks stay marks
        out.append(visible(text[at:start]))
        piece = visible(text[start:end])
        out.append(mark(piece) if mark else piece)
        at = end
    out.append(visible(text[at:hi]))
    out.append("…" if hi < len(text) else "")
    return " ".join("".join(out).split())  # one line; the marks hold no whitespace of their own


def write(
    hits: Sequence[Hit], items: Sequence[Assessed], out: IO[str], highlight: bool = False
) -> None:
    """`items` (the hits' commitments, assessed, in the order to print) with their matches."""
    by_id = {h.commitment.id: h for h in hits}
    mark: Mark | None = None
    if highlight:
        from rich.style import Style

        style = Style.parse("bold reverse")

        def mark(text: str) -> str:
            return style.render(text)

    if not items:
        out.write("No commitments match.\n")
        return
    width = max(len(LABELS.get(f, f)) for f in ("title", "quote", "due_text", "note"))
    for a in items:
        c = a.commitment
        days = days_phrase(a)
        due = f"due {due_phrase(c)}" if c.current_due else ""
        facts = ", ".join(x for x in (a.state.value, due, days, one_line(c.owner or "")) if x)
        out.write(f"{c.id} ({facts})\n")
        for fm in by_id[c.id].fields:
            out.write(f"  {LABELS.get(fm.field, fm.field):<{width}}  {snippet(fm, mark)}\n")
    n = len(items)
    out.write(f"{n} commitment{'s' * (n != 1)} found\n")
