"""The package's layering, read from its source: every import, function-level ones included.

core/ is pure and imports only itself and errors; store/, extract/ and render/ import core and
errors, never each other and never cli; nothing imports cli but cli. No module imports another
that (directly or not) imports it back.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kvtrack"

# What each layer may import from kvtrack, besides itself. `kvtrack` alone is the package's
# __init__ (its version).
ALLOWED = {
    "errors": set(),
    "core": {"errors"},
    "store": {"core", "errors"},
    "extract": {"core", "errors"},
    "render": {"core", "errors"},
    # official data in (#16): its parsing and mapping import only core (tests/test_official_layers.py);
    # its importer writes through store.write and the YAML writer
    "official": {"core", "errors", "store", "render"},
    "cli": {"core", "errors", "store", "extract", "render", "official"},
}

# Known sideways imports, each owned by an open issue; remove an entry when its import goes.
PENDING: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every kvtrack module `path` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from kvtrack.store import cache` imports the module kvtrack.store.cache
            submodules = {f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")}
            found.update(submodules if len(submodules) == len(node.names) else {base, *submodules})
    return {m for m in found if m == "kvtrack" or m.startswith("kvtrack.")}


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    base = PACKAGE.parent / rel
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        graph[name] = {m for m in _imports(path, name) if m != name}
    return graph


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


GRAPH = _graph()


def test_the_graph_is_read() -> None:
    assert "kvtrack.store.reader" in GRAPH
    assert "kvtrack.store.yaml_values" in GRAPH["kvtrack.store.reader"]
    # a function-level import counts
    assert "kvtrack.store.reader" in GRAPH["kvtrack.store.register"]


def test_imports_only_look_down() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in sorted(GRAPH.items())
        if (layer := _layer(module)) in ALLOWED
        for target in sorted(targets)
        if target != "kvtrack"
        and _layer(target) != layer
        and _layer(target) not in ALLOWED[layer]
        and (module, target) not in PENDING
    ]
    assert not wrong


def test_pending_exceptions_are_still_needed() -> None:
    stale = sorted(pair for pair in PENDING if pair[1] not in GRAPH.get(pair[0], set()))
    assert not stale, f"these imports are gone; drop them from PENDING: {stale}"


def _cycle_from(start: str) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for nxt in GRAPH.get(node, ()):
            if nxt == start:
                return [*trail, start]
            # a package's __init__ importing its own submodules (cli registering commands) is
            # how a package is assembled, not a cycle between ideas
            if nxt not in seen and not start.startswith(nxt + "."):
                seen.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None


def test_no_import_cycles() -> None:
    cycles = [cycle for module in sorted(GRAPH) if (cycle := _cycle_from(module))]
    assert not cycles
