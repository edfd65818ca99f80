"""`check` as plain text for cron mail: no colour, no box drawing, one line per item.

Without an earlier check to compare with: a header, then overdue and due-soon items. With one: a
header, then only the news (newly overdue, newly due soon, left the report), then the totals.
File text is made safe in the phrases (`words.one_line`), and the report as a whole once more.
"""

from __future__ import annotations

from kvtrack.core.check import Change, CheckResult
from kvtrack.core.query import Assessed
from kvtrack.core.safe_text import visible
from kvtrack.render.words import change_line, count_phrase, item_line, news_phrase


def render_text(result: CheckResult) -> str:
    return visible(_full(result) if result.changes is None else _news(result))


def _full(result: CheckResult) -> str:
    lines = [f"kvtrack check as of {result.as_of}: {count_phrase(result)}."]
    lines += _items("Overdue", result.overdue)
    lines += _items("Due soon", result.due_soon)
    return "\n".join(lines) + "\n"


def _news(result: CheckResult) -> str:
    changes = result.changes
    assert changes is not None
    lines = [f"kvtrack check as of {result.as_of}: {news_phrase(result)} since {changes.since}."]
    lines += _changes("Newly overdue", changes.newly_overdue, result)
    lines += _changes("Newly due soon", changes.newly_due_soon, result)
    lines += _changes("Left the report", changes.left, result)
    lines += ["", f"Now {count_phrase(result)}."]
    return "\n".join(lines) + "\n"


def _items(heading: str, items: tuple[Assessed, ...]) -> list[str]:
    if not items:
        return []
    return ["", f"{heading}:", *(f"  - {item_line(a)}" for a in items)]


def _changes(heading: str, changes: tuple[Change, ...], result: CheckResult) -> list[str]:
    if not changes:
        return []
    return ["", f"{heading}:", *(f"  - {change_line(c, result.window)}" for c in changes)]
