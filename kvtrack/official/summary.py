"""What an import did, as lines for a person and as a record for `--format json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kvtrack.official.importer import Imported


def counts(imported: Imported) -> dict[str, int]:
    plan = imported.plan
    return {
        "added": len(plan.added),
        "updated": len(plan.updated),
        "unchanged": plan.unchanged,
        "skipped": plan.skipped,
        "sources_added": len(plan.sources),
    }


def text_lines(imported: Imported, target: Path) -> list[str]:
    n = counts(imported)
    sources = f"; {n['sources_added']} new sources" if n["sources_added"] else ""
    lines = [
        f"{target}: {n['added']} added, {n['updated']} updated, {n['unchanged']} unchanged, "
        f"{n['skipped']} skipped{sources}"
    ]
    lines += [f"  updated {u.after.id}: {', '.join(u.what)}" for u in imported.plan.updated]
    return lines


def record(imported: Imported, target: Path) -> dict[str, Any]:
    plan = imported.plan
    return {
        "target": str(target),
        **counts(imported),
        "added_ids": [c.id for c in plan.added],
        "updated_ids": {u.after.id: list(u.what) for u in plan.updated},
        "sources_added_ids": [s.id for s in plan.sources],
        "files_written": [str(f) for f in imported.files],
        "warnings": list(plan.warnings),
    }
