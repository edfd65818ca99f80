"""`check --nagios`: the monitoring-plugin contract (Nagios, Icinga, Naemon, Sensu, ...).

    KVTRACK <OK|WARNING|CRITICAL|UNKNOWN> - <summary> | overdue=<n> due_soon=<n> open=<n>
    <detail lines>

The exit code is the level: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. A `|` inside text would start
performance data, so it is replaced by `/`; control characters from the file are shown as escapes
(`core.safe_text`), so a monitoring console cannot be steered by a register.
"""

from __future__ import annotations

from collections.abc import Sequence

from kvtrack.core.check import CheckResult, Level, counts, ordered
from kvtrack.core.safe_text import visible
from kvtrack.render.words import change_line, ids, item_line, news_phrase


def render_nagios(result: CheckResult) -> str:
    parts = []
    if result.overdue:
        parts.append(f"{len(result.overdue)} overdue ({ids(result.overdue)})")
    if result.due_soon:
        parts.append(
            f"{len(result.due_soon)} due soon within {result.window} ({ids(result.due_soon)})"
        )
    summary = ", ".join(parts) or f"nothing overdue or due within {result.window}"
    if result.changes:
        summary += f"; since {result.changes.since}: {news_phrase(result)}"
    perfdata = " ".join(f"{k}={v}" for k, v in counts(result).items())
    lines = [f"overdue: {item_line(a)}" for a in result.overdue]
    lines += [f"due soon: {item_line(a)}" for a in result.due_soon]
    if result.changes:
        kinds = {"newly_overdue": "newly overdue", "newly_due_soon": "newly due soon"}
        lines += [
            f"{kinds.get(c.kind.value, 'left')}: {change_line(c, result.window)}"
            for c in ordered(result.changes)
        ]
    return _text(f"KVTRACK {result.level.name} - {summary}", lines, perfdata)


def render_unknown(problems: Sequence[str]) -> str:
    """`KVTRACK UNKNOWN - <first problem>`, further problems on the detail lines."""
    first, *rest = list(problems) or ["unknown error"]
    more = f" (and {len(rest)} more)" if rest else ""
    return _text(f"KVTRACK {Level.UNKNOWN.name} - {first}{more}", rest)


def _text(head: str, details: Sequence[str], perfdata: str = "") -> str:
    """The plugin output: every line on one line, `|` only where perfdata starts."""
    first = _clean(head) + (f" | {perfdata}" if perfdata else "")
    return "\n".join([first, *(_clean(d) for d in details)]) + "\n"


def _clean(text: str) -> str:
    return " ".join(visible(text).replace("|", "/").split())
