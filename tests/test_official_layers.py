"""kvtrack/official's pure side (pages → records → commitments → a plan) imports only core and
errors; only the HTTP client, the page reader and the importer reach further; heavy libraries are
imported inside functions, so `import kvtrack.official.*` stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

OFFICIAL = Path(__file__).resolve().parent.parent / "kvtrack" / "official"
PURE = ("records", "syncfeed", "odata", "mapping", "reconcile")


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_parsing_and_mapping_import_only_core() -> None:
    for name in PURE:
        kvtrack_imports = {
            m for m in _imports(OFFICIAL / f"{name}.py", False) if m.startswith("kvtrack")
        }
        allowed = ("kvtrack.core", "kvtrack.errors", *(f"kvtrack.official.{p}" for p in PURE))
        assert all(m.startswith(allowed) for m in kvtrack_imports), (name, kvtrack_imports)


def test_heavy_libraries_are_imported_lazily() -> None:
    code = (
        "import sys, kvtrack.cli.official, kvtrack.official.pages, kvtrack.official.importer;"
        "print(sorted(m for m in ('urllib3', 'defusedxml', 'ruamel', 'rich.progress') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
