"""Time of one edit: the library path on the shipped file and on a large file, and the CLI.

Run: .venv/bin/python bench/edit.py   (medians; figures are reported, not asserted in tests)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from kvtrack.core import edits
from kvtrack.store.edits import record

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "commitments.yaml"


def median_ms(fn, n: int, setup=lambda: None) -> float:
    times = []
    for _ in range(n):
        setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def big_file(path: Path, count: int) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    head, _, _ = text.partition("commitments:\n")
    items = [
        f"  - id: c{i}\n    title: Toezegging {i}\n    source: rijksbanen-regio-2024\n"
        f'    answer: 1\n    quote: "In {2025 + i % 6} gebeurt iets ({i})."\n    due: {2025 + i % 6}\n'
        "    status: open\n    history: []\n"
        for i in range(count)
    ]
    path.write_text(head + "commitments:\n" + "\n".join(items), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "commitments.yaml"
        day = iter(date(2026, 1, 1) + timedelta(days=i) for i in range(10_000))

        def fresh() -> None:  # every run edits the shipped file as shipped
            shutil.copy(SHIPPED, target)

        def lib_edit() -> None:
            record(target, lambda r: edits.add_note(r, "groningen-cascadeplein", "x", next(day)))

        fresh()
        lib_edit()  # imports and first-use costs out of the way
        print(f"library edit, shipped file:      {median_ms(lib_edit, 30, fresh):7.1f} ms")

        def cli(*args: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "kvtrack", *args], check=True, capture_output=True
            )

        print(
            "CLI `note`, shipped file:        "
            f"{median_ms(lambda: cli('note', 'groningen-cascadeplein', 'x', '-f', str(target)), 9, fresh):7.1f} ms"
        )
        print(
            "CLI `validate`, for comparison:  "
            f"{median_ms(lambda: cli('validate', '-f', str(target)), 9):7.1f} ms"
        )
        big = Path(tmp) / "big.yaml"
        big_file(big, 1000)
        print(
            "library edit, 1000 commitments: "
            f"{median_ms(lambda: record(big, lambda r: edits.add_note(r, 'c500', 'x', next(day))), 5):7.1f} ms"
        )


if __name__ == "__main__":
    main()
