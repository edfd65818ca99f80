"""In-process figures for one file, printed as a Markdown table row (called by bench/run.py).

What a warm run pays to learn the file is unchanged (SHA-256 of its bytes, read in blocks as the
cache does), against a parse with the garbage collector kept off (as kvtrack does) and left on.
Best of three each.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import kvtrack.store.reader as reader


def best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    path = Path(sys.argv[1])

    def digest() -> str:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()

    def parse() -> int:
        return len(reader.parse_part(path.read_bytes(), str(path)).commitments)

    n = parse()
    hashing = best(digest)
    off = best(parse)
    real = reader.no_gc
    reader.no_gc = contextlib.nullcontext  # type: ignore[assignment]
    try:
        on = best(parse, runs=1 if n > 20000 else 3)
    finally:
        reader.no_gc = real
    print(f"| {n:,} | {hashing:.3f} | {off:.3f} | {on:.3f} |")


if __name__ == "__main__":
    main()
