"""Time the terminal output against another checkout: `list`, `due`, `timeline`, `stats` in a
pseudo-terminal of a given width, and off a terminal (a pipe).

    python bench/terminal.py --baseline /tmp/base               # 300 and 10,000 rows
    python bench/terminal.py --baseline /tmp/base --sizes 300 --repeat 3

`--baseline DIR` is a checkout (e.g. `git archive <commit> | tar -x -C DIR`) run with
PYTHONPATH=DIR; this checkout is the candidate. Every figure is the median CPU time (user +
system) of a whole process (start-up included, parse cache warm), the two versions run in turn
(A B A B ...) so a machine busy for a while slows both: the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = "2026-11-27"
COMMANDS = (["list"], ["due", "--all"], ["timeline"], ["stats", "--by", "place"])


def run_once(code: Path, args: list[str], width: int | None, cache: Path) -> float:
    """CPU seconds (user + system) of `kvtrack ARGS` run from the checkout `code`, on a
    terminal `width` columns wide (None: into a pipe)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env.update(PYTHONPATH=str(code), KVTRACK_CACHE_DIR=str(cache), TERM="xterm-256color")
    command = [sys.executable, "-m", "kvtrack", *args]
    # cwd: `python -m` puts the working directory first on sys.path, before PYTHONPATH
    if width is None:
        proc = subprocess.Popen(command, env=env, cwd=code, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        while proc.stdout.read(1 << 16):
            pass
        return _cpu(proc.pid)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=code)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 1 << 16):
                break
        except OSError:
            break
    os.close(master)
    return _cpu(proc.pid)


def _cpu(pid: int) -> float:
    """The child's own CPU time: on a shared machine wall time mostly measures the others."""
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 10_000])
    parser.add_argument("--widths", type=int, nargs="+", default=[80, 120, 200])
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()

    spec = importlib.util.spec_from_file_location("generate", HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = generate
    spec.loader.exec_module(generate)

    print("| rows | command | where | baseline | this | ratio |")
    print("| ---: | --- | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in opts.sizes:
            path = Path(tmp) / f"c{size}.yaml"
            generate.write_file(size, path)
            for args in COMMANDS:
                full = [*args, "--file", str(path), "--as-of", AS_OF]
                for width in (*opts.widths, None):
                    times: dict[str, list[float]] = {"base": [], "this": []}
                    for name, code in (("base", opts.baseline), ("this", ROOT)):
                        run_once(code, full, width, Path(tmp) / name)  # warm the cache
                    for _ in range(opts.repeat):
                        for name, code in (("base", opts.baseline), ("this", ROOT)):
                            times[name].append(run_once(code, full, width, Path(tmp) / name))
                    base, this = (statistics.median(times[k]) * 1000 for k in ("base", "this"))
                    where = f"{width} columns" if width else "pipe"
                    print(
                        f"| {size:,} | {' '.join(args)} | {where} | {base:.0f} ms | "
                        f"{this:.0f} ms | {this / base:.2f} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
