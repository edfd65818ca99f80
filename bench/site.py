"""How long `kvtrack site` takes, what a re-run rewrites, and how big the pages are.

    python bench/site.py                  # 300 and 10,000 commitments, 3 runs each
    python bench/site.py --sizes 300 --repeat 1

For each size, on a register from bench/generate.py (one file, parse cache warm):
- build: `kvtrack site --out EMPTY_DIR` (every file written), median of the runs;
- re-run: the same command again on the same directory (nothing should be rewritten);
- next day: `--as-of` one day later (only pages whose days-left text changed are rewritten);
- baseline: `kvtrack list --format json` on the same register in the same run, so the figures
  can be compared across machines and busy moments (the ratio moves less than the seconds);
  and the build's CPU time, which a busy machine inflates less than the wall-clock time.
Then the sizes of the main files and of the commitment pages.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KVTRACK = [sys.executable, "-m", "kvtrack"]
AS_OF, NEXT_DAY = "2026-11-27", "2026-11-28"


CPU: list[float] = []  # CPU seconds (user + system) of the last command timed


def timed(args: list[str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime]
    return wall, done.stdout


def written(output: str) -> int:
    m = re.search(r": (\d+) written", output)
    return int(m[1]) if m else -1


def kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MiB"


def measure(n: int, repeat: int, work: Path) -> dict[str, str]:
    register = work / f"c{n}.yaml"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), "-o", str(register)], check=True)
    site = [*KVTRACK, "site", "--file", str(register), "-v"]
    subprocess.run([*KVTRACK, "validate", "--file", str(register)], check=True, capture_output=True)
    builds, reruns, baselines, cpu = [], [], [], []
    rewritten = next_day = -1
    out = work / f"site{n}"
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        seconds, _ = timed([*site, "--out", str(out), "--as-of", AS_OF])
        builds.append(seconds)
        cpu.append(CPU[0])
        seconds, text = timed([*site, "--out", str(out), "--as-of", AS_OF])
        reruns.append(seconds)
        rewritten = written(text)
        baselines.append(timed([*KVTRACK, "list", "--file", str(register), "--format", "json"])[0])
    _, text = timed([*site, "--out", str(out), "--as-of", NEXT_DAY])
    next_day = written(text)
    pages = sorted(p.stat().st_size for p in (out / "commitment").iterdir())
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    files = sum(1 for p in out.rglob("*") if p.is_file())
    build, base = statistics.median(builds), statistics.median(baselines)
    return {
        "commitments": f"{n:,}",
        "files": f"{files:,}",
        "build": f"{build:.2f} s",
        "build, CPU (user + system)": f"{statistics.median(cpu):.2f} s",
        "build / list json": f"{build / base:.1f}x",
        "re-run": f"{statistics.median(reruns):.2f} s",
        "rewritten on re-run": str(rewritten),
        "rewritten next day": f"{next_day:,}",
        "index.html": kib((out / "index.html").stat().st_size),
        "data.json": kib((out / "data.json").stat().st_size),
        "feed.xml": kib((out / "feed.xml").stat().st_size),
        "timeline.html": kib((out / "timeline.html").stat().st_size),
        "commitment page (median)": kib(statistics.median(pages)),
        "whole site": kib(total),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 10_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kvtrack-site-bench-") as tmp:
        rows = [measure(n, args.repeat, Path(tmp)) for n in args.sizes]
    keys = list(rows[0])
    print("| " + " | ".join(["", *(r["commitments"] for r in rows)]) + " |")
    print("|" + "---|" * (len(rows) + 1))
    for key in keys[1:]:
        print("| " + " | ".join([key, *(r[key] for r in rows)]) + " |")


if __name__ == "__main__":
    main()
