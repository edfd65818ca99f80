"""The README's layout tree names every module of the package, and nothing that is not there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kvtrack"


def tree_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- layout -->\n```text\n(.*?)\n```", text, re.DOTALL)
    assert block, "README.md has no <!-- layout --> tree"
    return block[1].splitlines()


def named_paths(lines: list[str]) -> list[Path]:
    """Every path the tree names: `dir/` lines open a directory for the lines indented under them."""
    stack: list[tuple[int, Path]] = [(-1, ROOT)]
    found: list[Path] = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        names = re.split(r"\s{2,}", line.strip())
        paths = [n for n in names if n.endswith((".py", "/")) and " " not in n]
        while stack[-1][0] >= indent:
            stack.pop()
        here = stack[-1][1]
        found.extend(here / p for p in paths)
        if len(paths) == 1 and paths[0].endswith("/"):
            stack.append((indent, here / paths[0]))
    return found


def test_every_path_in_the_tree_exists():
    missing = [p.relative_to(ROOT) for p in named_paths(tree_lines()) if not p.exists()]
    assert not missing, f"the README's layout names what is not there: {missing}"


def test_every_module_is_in_the_tree():
    named = set(named_paths(tree_lines()))
    leaf_dirs = {p for p in named if p.is_dir() and not any(q.parent == p for q in named)}
    unnamed = [
        path.relative_to(ROOT)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in named
        and not (path.name == "__init__.py" and path.parent in named)
        and not any(d in path.parents for d in leaf_dirs)
    ]
    assert not unnamed, f"add these modules to the README's layout tree (Development): {unnamed}"


def test_the_tree_reads_the_way_it_is_meant():
    named = named_paths(["kvtrack/", "  core/", "    a.py  b.py   what", "  x.py  y/   z"])
    assert named == [
        ROOT / "kvtrack",
        ROOT / "kvtrack/core",
        ROOT / "kvtrack/core/a.py",
        ROOT / "kvtrack/core/b.py",
        ROOT / "kvtrack/x.py",
        ROOT / "kvtrack/y",
    ]


def test_the_cache_stamp_lists_every_module_the_reader_runs():
    """A parse-cache entry is trusted only while the code that judged the file is unchanged, so
    the stamp (store/cache.stamped_files) must cover the reader and everything it imports."""
    from test_layers import GRAPH

    from kvtrack.store import cache

    files = cache.stamped_files()
    listed = {
        "kvtrack." + str(p.relative_to(PACKAGE)).removesuffix(".py").replace("/", ".")
        for p in files
    }
    missing_files = [p for p in files if not p.is_file()]
    assert not missing_files, f"the cache stamp lists files that are gone: {missing_files}"
    seen: set[str] = set()
    todo = ["kvtrack.store.reader"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(GRAPH.get(module, ()))
    needed = seen - {"kvtrack", "kvtrack.core", "kvtrack.store"}
    assert needed <= listed, f"the cache stamp misses: {sorted(needed - listed)}"
