"""Benchmark kvtrack at 1,000, 10,000 and 50,000 commitments, against Taskwarrior and the import floor.

    python bench/run.py                 # full run (a few minutes), writes docs/benchmarks.md
    python bench/run.py --quick         # 1,000 and 10,000 only, fewer repetitions, prints only
    python bench/run.py --output -      # print the report instead of writing it

Every figure is the median of several runs of a whole process (start-up included), timed from
outside with time.perf_counter around the child, and its peak memory is the command's own maximum
resident set, from GNU time (see run_once). Every target is a ratio against a baseline measured in
the same run, with the two commands run in turn (A B A B ...) so that a machine that is busy for a
while slows both: on a shared two-core machine absolute seconds drift, ratios much less.

- edits: each edit command next to `task N annotate` on the same items and `kvtrack due` on the
  same file, a different commitment every run; refused edits next to `kvtrack due`.

- cold: the first run after the file changed (the parse cache is emptied before each run, so the
  file is parsed and the cache written); warm: the cache holds the file.
- Taskwarrior (when `task` is installed): the same items imported as tasks into a throw-away
  TASKDATA, `task overdue` timed next to `kvtrack due`.
- the start-up floor: `python -c "import typer, rich.table, yaml, dateutil.parser"` next to
  `kvtrack due` on the shipped commitments.yaml.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

FLOOR = "import typer, rich.table, yaml, dateutil.parser"
SECTIONS = ("startup", "scale", "taskwarrior", "editing", "cache")
TARGETS = {
    "edit_vs_annotate_10k": 3.0,  # any edit command / `task N annotate` at 10,000
    "edit_vs_due_1k": 2.0,  # any edit command / `kvtrack due` (warm) at 1,000
    "edit_50k_s": 1.5,  # seconds, any edit command at 50,000
    "edit_peak_10k_mb": 120.0,  # MB, any edit command at 10,000
    "refused_vs_due": 1.1,  # a refused edit / `kvtrack due` (warm), same file
    "json_vs_task": 0.9,  # `kvtrack due --format json` / `task overdue` at 10,000
    "startup": 1.3,  # shipped `due` / import floor
    "due_vs_task": 1.0,  # `kvtrack due` / `task overdue` at 10,000, warm
    "cold_10k_s": 1.5,  # seconds, `due` cold at 10,000
    "check_50k_s": 1.0,  # seconds, `check` warm at 50,000
    "peak_50k_mb": 250.0,  # MB, any command at 50,000
}


@dataclass
class Timing:
    wall: list[float]
    peak_mb: list[float]
    exit_codes: set[int]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)


TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
# Without GNU time: a small Python forks the command and reports its child's own peak (wait4).
PEAK = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_once(
    cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one run of `cmd`, output thrown away.

    The peak is the command's own: a process started straight from this one starts with this
    one's high-water mark (Linux carries the memory's peak over fork and exec, so the command's
    ru_maxrss would say how big the benchmark is, 184 MB and more), and RUSAGE_CHILDREN is the
    largest of all children so far. So a small process starts it and reads that one child's
    ru_maxrss from wait4: GNU time (%M) when installed, else the few lines of PEAK in a bare
    Python (-S -I), which adds about 10 ms to the wall time.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        if TIME:
            wrapped = [TIME, "-f", "%M", "-o", rss.name, *cmd]
        else:
            wrapped = [sys.executable, "-S", "-I", "-c", PEAK, rss.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, _ = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # GNU time passes on the command's exit status and notes a non-zero one on a line before.
        lines = rss.read().split()
        kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0  # KiB on Linux
    return wall, kib / 1024, proc.returncode


def timed(
    cmd: Sequence[str],
    env: dict[str, str],
    runs: int,
    before: Callable[[], None] = lambda: None,
    cwd: Path | None = None,
) -> Timing:
    t = Timing([], [], set())
    for _ in range(runs):
        before()
        wall, peak, code = run_once(cmd, env, cwd)
        t.wall.append(wall)
        t.peak_mb.append(peak)
        t.exit_codes.add(code)
    return t


Command = Sequence[str] | Callable[[int], Sequence[str]]  # a command, or one per run (0, 1, ...)


def paired(
    a: Command,
    b: Command,
    env_a: dict[str, str],
    env_b: dict[str, str],
    runs: int,
    before_a: Callable[[], None] = lambda: None,
) -> tuple[Timing, Timing, float]:
    """Run A and B in turn; their timings and the median of the per-pair ratios A/B.

    A command given as a function gets the run's number (-1 for the warm-up), so that an edit
    can change a different commitment each time."""

    def nth(cmd: Command, i: int) -> Sequence[str]:
        return cmd(i) if callable(cmd) else cmd

    ta, tb = Timing([], [], set()), Timing([], [], set())
    run_once(nth(a, -1), env_a)  # warm-up: page cache, bytecode, parse cache
    run_once(nth(b, -1), env_b)
    for i in range(runs):
        before_a()
        for t, cmd, env in ((ta, nth(a, i), env_a), (tb, nth(b, i), env_b)):
            wall, peak, code = run_once(cmd, env)
            t.wall.append(wall)
            t.peak_mb.append(peak)
            t.exit_codes.add(code)
    ratio = statistics.median(x / y for x, y in zip(ta.wall, tb.wall, strict=True))
    return ta, tb, ratio


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    task = shutil.which("task")
    tw = (
        subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()
        if task
        else "not installed"
    )
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"Taskwarrior {tw}"
    )


# -- Taskwarrior ---------------------------------------------------------------------------------
def task_json(
    items: list[generate.Item], sources: dict[str, generate.SourceDoc]
) -> list[dict[str, object]]:
    """The commitments as Taskwarrior tasks: due at the END of the current due period."""
    out: list[dict[str, object]] = []
    for c in items:
        src = sources[c.source]
        entry = datetime.combine(src.answered, datetime.min.time(), UTC)
        task: dict[str, object] = {
            "description": c.title,
            "entry": entry.strftime("%Y%m%dT%H%M%SZ"),
            "project": c.owner,
            "tags": [t.replace("-", "_") for t in c.tags],
            "status": {
                "open": "pending",
                "partial": "pending",
                "done": "completed",
                "dropped": "deleted",
            }[_status(c)],
        }
        current = c.current_due
        if current is not None:
            end = generate.period_end(current) + timedelta(days=1)  # end of the last day
            task["due"] = datetime.combine(end, datetime.min.time(), UTC).strftime("%Y%m%dT%H%M%SZ")
        if task["status"] != "pending":
            task["end"] = task["entry"]
        out.append(task)
    return out


def _status(c: generate.Item) -> str:
    words = {
        "openstaand": "open",
        "deels voldaan": "partial",
        "voldaan": "done",
        "vervallen": "dropped",
    }
    return words.get(c.status, c.status)


def taskwarrior_env(directory: Path, base_env: dict[str, str]) -> dict[str, str]:
    data = directory / "data"
    data.mkdir(parents=True, exist_ok=True)
    rc = directory / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\ngc=off\ncolor=off\n"
        "defaultwidth=200\nnews.version=2.6.2\n"
    )
    return {**base_env, "TASKRC": str(rc), "TASKDATA": str(data)}


# -- the run -------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1,000 and 10,000 only, fewer runs")
    ap.add_argument("--sizes", type=int, nargs="*", help="numbers of commitments")
    ap.add_argument("--runs", type=int, help="timed runs per figure (default 5, quick 3)")
    ap.add_argument(
        "--kvtrack", default=None, help="the kvtrack command to time (default: this venv's)"
    )
    ap.add_argument(
        "--output", default=None, help="report file ('-' prints; default docs/benchmarks.md)"
    )
    ap.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"which sections to run, comma-separated (default all: {','.join(SECTIONS)})",
    )
    args = ap.parse_args()
    sections = set(args.sections.split(","))
    if not sections <= set(SECTIONS):
        ap.error(f"--sections: unknown {sorted(sections - set(SECTIONS))}; use {SECTIONS}")
    sizes = args.sizes or ([1000, 10000] if args.quick else [1000, 10000, 50000])
    runs = args.runs or (3 if args.quick else 5)
    output = args.output or ("-" if args.quick else str(ROOT / "docs" / "benchmarks.md"))
    kvtrack = (args.kvtrack or str(Path(sys.executable).with_name("kvtrack"))).split()
    python = sys.executable
    started = time.perf_counter()

    # Bytecode as an installed package has it (pip compiles on install), whatever the environment says.
    compileall.compile_dir(ROOT / "kvtrack", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="kvtrack-bench-"))
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KVTRACK_", "TASK"))}
    env.update(NO_COLOR="1", KVTRACK_CACHE_DIR=str(cache), PYTHONDONTWRITEBYTECODE="1")

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    has_check = run_once([*kvtrack, "check", "--help"], env)[2] == 0
    has_task = shutil.which("task") is not None
    results: dict[str, float] = {}
    task_envs: dict[int, dict[str, str]] = {}

    if "startup" in sections:
        say("## Start-up: `kvtrack due` on the shipped commitments.yaml")
        say()
        say(f'Baseline: `python -c "{FLOOR}"` (the import floor of the dependencies).')
        say()
        say("| what | median s | peak MB | ratio to the floor |")
        say("| --- | ---: | ---: | ---: |")
        shipped = ROOT / "commitments.yaml"
        floor_cmd = [python, "-c", FLOOR]
        due_cmd = [*kvtrack, "due", "--file", str(shipped)]
        ta, tb, warm_ratio = paired(due_cmd, floor_cmd, env, env, runs * 4)
        tc, _, cold_ratio = paired(due_cmd, floor_cmd, env, env, runs * 2, before_a=drop_cache)
        say(f"| import floor | {tb.median:.3f} | {tb.peak:.0f} | 1.00 |")
        say(f"| `kvtrack due`, warm | {ta.median:.3f} | {ta.peak:.0f} | {warm_ratio:.2f} |")
        say(
            f"| `kvtrack due`, cold (file just changed) | {tc.median:.3f} | {tc.peak:.0f} | {cold_ratio:.2f} |"
        )
        say()
        results["startup"] = warm_ratio
        results["startup_cold"] = cold_ratio

    files: dict[int, tuple[Path, list[generate.Item], list[generate.SourceDoc]]] = {}
    for n in sizes:
        path = work / f"c{n}.yaml"
        sources, items = generate.write_file(n, path)
        files[n] = (path, items, sources)
    peaks: dict[int, float] = {}
    if "scale" in sections:
        scale_section(say, kvtrack, env, files, runs, has_check, drop_cache, peaks, results)
    if has_task and sections & {"taskwarrior", "editing"}:
        for n, (_, items, sources) in files.items():
            twdir = work / f"task{n}"
            tenv = taskwarrior_env(twdir, env)
            tasks = twdir / "tasks.json"
            tasks.write_text(json.dumps(task_json(items, {s.id: s for s in sources})))
            subprocess.run(
                ["task", "import", str(tasks)], env=tenv, capture_output=True, check=True
            )
            task_envs[n] = tenv
    if has_task and "taskwarrior" in sections:
        say("## Side by side with Taskwarrior")
        say()
        say(
            "The same items imported as tasks (open and partial → pending, done → completed, "
            "dropped → deleted; due at the end of the current due period) into a throw-away "
            "TASKDATA with `rc.gc=off`, `rc.verbose=nothing`, `rc.confirmation=off`. "
            "`kvtrack due` shows overdue and due-soon commitments, `task overdue` overdue tasks."
        )
        say()
        say(
            "| N | `task overdue` s | `kvtrack due` warm s | ratio kvtrack / task | "
            "`due --format json` / task | rows kvtrack / task |"
        )
        say("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sizes:
            path, tenv = files[n][0], task_envs[n]
            due_cmd = [*kvtrack, "due", "--file", str(path)]
            task_cmd = ["task", "overdue"]
            reps = max(2, runs // 2) if n >= 50000 else runs
            ta, tb, ratio = paired(due_cmd, task_cmd, env, tenv, reps)
            _, _, json_ratio = paired([*due_cmd, "--format", "json"], task_cmd, env, tenv, reps)
            rows_k = _rows([*due_cmd, "--format", "json"], env, json_list=True)
            rows_t = _rows(task_cmd, tenv, json_list=False)
            say(
                f"| {n:,} | {tb.median:.3f} | {ta.median:.3f} | {ratio:.2f} | {json_ratio:.2f} | "
                f"{rows_k:,} / {rows_t:,} |"
            )
            results[f"due_vs_task_{n}"] = ratio
            results[f"json_vs_task_{n}"] = json_ratio
        say()

    if "editing" in sections:
        edit_section(say, kvtrack, env, files, task_envs, runs, results)

    if "cache" in sections:
        say("## Parse cache: hashing against parsing")
        say()
        say(
            "In-process, best of 3: what a warm run pays to know the file is unchanged, against a parse."
        )
        say()
        say("| N | SHA-256 of the file s | parse, collector off s | parse, collector on s |")
        say("| ---: | ---: | ---: | ---: |")
        for n in sizes:
            path = files[n][0]
            out = subprocess.run(
                [python, str(HERE / "inprocess.py"), str(path)],
                capture_output=True,
                text=True,
                env=env,
            )
            say(
                out.stdout.strip()
                if out.returncode == 0
                else f"| {n:,} | failed: {out.stderr.strip()[-200:]} | | |"
            )
        say()

    say("## Targets")
    say()
    say("| target | measured | limit | met |")
    say("| --- | ---: | ---: | :---: |")

    def row(name: str, value: float | None, limit: float, unit: str = "") -> None:
        if value is None:
            say(f"| {name} | not measured | {limit:g}{unit} | – |")
            return
        shown = f"{value:.0f}" if unit == " MB" else f"{value:.2f}"
        met = "yes" if value <= limit else "NO"
        say(f"| {name} | {shown}{unit} | {limit:g}{unit} | {met} |")

    row(
        "`kvtrack due` on the shipped file ÷ import floor (warm)",
        results.get("startup"),
        TARGETS["startup"],
        "x",
    )
    row(
        "`kvtrack due` ÷ `task overdue` at 10,000 (warm)",
        results.get("due_vs_task_10000"),
        TARGETS["due_vs_task"],
        "x",
    )
    row("`kvtrack due` cold at 10,000", results.get("due_10000_cold"), TARGETS["cold_10k_s"], " s")
    row(
        "`kvtrack check` warm at 50,000",
        results.get("check_50000_warm"),
        TARGETS["check_50k_s"],
        " s",
    )
    row(
        "peak memory at 50,000 (any command, cold or warm)",
        peaks.get(50000),
        TARGETS["peak_50k_mb"],
        " MB",
    )
    row(
        "slowest edit ÷ `task N annotate` at 10,000",
        results.get("edit_vs_annotate_10000"),
        TARGETS["edit_vs_annotate_10k"],
        "x",
    )
    row(
        "slowest edit ÷ `kvtrack due` at 1,000",
        results.get("edit_vs_due_1000"),
        TARGETS["edit_vs_due_1k"],
        "x",
    )
    row("slowest edit at 50,000", results.get("edit_50000_s"), TARGETS["edit_50k_s"], " s")
    row(
        "peak memory of an edit at 10,000",
        results.get("edit_peak_10000"),
        TARGETS["edit_peak_10k_mb"],
        " MB",
    )
    row(
        "slowest refused edit ÷ `kvtrack due` (10,000)",
        results.get("refused_vs_due_10000"),
        TARGETS["refused_vs_due"],
        "x",
    )
    row(
        "`kvtrack due --format json` ÷ `task overdue` at 10,000",
        results.get("json_vs_task_10000"),
        TARGETS["json_vs_task"],
        "x",
    )
    say()
    shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    header = [
        "# Benchmarks",
        "",
        f"Run {date.today().isoformat()} with `python bench/run.py{' --quick' if args.quick else ''}` "
        f"({took / 60:.1f} minutes), {runs} timed runs a figure (start-up: {runs * 4}).",
        "",
        f"Machine: {machine()}. Shared and noisy: read the ratios, which compare commands run in "
        "turn in the same minute, rather than the absolute seconds.",
        "",
        "How: see bench/run.py's docstring; `bench/generate.py N` makes the registers. Every figure "
        "is the median of whole-process runs, start-up included; peak memory is each command's "
        "own maximum resident set (GNU time's %M).",
        "",
    ]
    report = "\n".join(header + lines) + "\n"
    if output == "-":
        return
    Path(output).write_text(report + _notes())
    print(f"wrote {output}")


def scale_section(
    say: Callable[[str], None],
    kvtrack: Sequence[str],
    env: dict[str, str],
    files: dict[int, tuple[Path, list[generate.Item], list[generate.SourceDoc]]],
    runs: int,
    has_check: bool,
    drop_cache: Callable[[], None],
    peaks: dict[int, float],
    results: dict[str, float],
) -> None:
    say("## Commands at scale")
    say()
    say(
        "Synthetic registers from `bench/generate.py` (about 4 commitments a source, every kind of "
        "period, histories, all statuses). Output goes to /dev/null; as of the real today."
    )
    say()
    say("| N | file MB | command | cold s | warm s | peak MB (cold / warm) |")
    say("| ---: | ---: | --- | ---: | ---: | ---: |")
    commands = {"list": ["list"], "due": ["due"], "validate": ["validate"]}
    if has_check:
        commands["check"] = ["check"]
    for n, (path, _, _) in files.items():
        mb = path.stat().st_size / 1e6
        for name, sub in commands.items():
            cmd = [*kvtrack, *sub, "--file", str(path)]
            reps = max(1, runs // 2) if n >= 50000 else runs
            cold = timed(cmd, env, reps, before=drop_cache)
            run_once(cmd, env)  # fills the cache
            warm = timed(cmd, env, reps)
            bad = (cold.exit_codes | warm.exit_codes) - {0, 1}
            note = f" (exit {sorted(bad)})" if bad else ""
            say(
                f"| {n:,} | {mb:.1f} | `{name}`{note} | {cold.median:.3f} | {warm.median:.3f} | "
                f"{cold.peak:.0f} / {warm.peak:.0f} |"
            )
            peaks[n] = max(peaks.get(n, 0.0), cold.peak, warm.peak)
            results[f"{name}_{n}_cold"] = cold.median
            results[f"{name}_{n}_warm"] = warm.median
    say()


# -- edits -----------------------------------------------------------------------------------------
def edit_commands(
    kvtrack: Sequence[str],
    path: Path,
    items: list[generate.Item],
    sources: list[generate.SourceDoc],
) -> dict[str, Callable[[int], list[str]]]:
    """Each edit command, as a command line per run: a different open commitment every run (a
    commitment done once cannot be done again), dated today."""
    fresh = [c for c in items if _status(c) == "open" and not c.history and c.due]
    fresh = fresh[len(fresh) // 3 :]  # from the middle of the file on, not its first items
    middle = items[len(items) // 2].id
    f = ["--file", str(path)]

    def pick(offset: int) -> Callable[[int], str]:
        return lambda i: fresh[(offset + 50 * (i + 1)) % len(fresh)].id

    done_id, update_id, reschedule_id = pick(0), pick(17), pick(33)
    source = sources[len(sources) // 2].id
    return {
        "note": lambda i: [*kvtrack, "note", middle, f"bench nota {i}", *f],
        "done": lambda i: [*kvtrack, "done", done_id(i), "--note", "afgerond", *f],
        "update": lambda i: [*kvtrack, "update", update_id(i), "--status", "partial", *f],
        "reschedule": lambda i: [*kvtrack, "reschedule", reschedule_id(i), "2040-Q2", *f],
        "add": lambda i: [
            *kvtrack, "add", "--id", f"bench-add-{i + 2}", "--title", "Nieuwe toezegging",
            "--source", source, "--quote", "Ik zal de Kamer informeren.", "--due", "2027-H1", *f,
        ],
    }  # fmt: skip


def edit_section(
    say: Callable[[str], None],
    kvtrack: Sequence[str],
    env: dict[str, str],
    files: dict[int, tuple[Path, list[generate.Item], list[generate.SourceDoc]]],
    task_envs: dict[int, dict[str, str]],
    runs: int,
    results: dict[str, float],
) -> None:
    say("## Editing")
    say()
    say(
        "Each edit command on one file, a different commitment every run, paired with "
        "`task N annotate` on the same items (Taskwarrior's cheapest change) and with "
        "`kvtrack due` on the same file. An edit leaves the parse cache right for the new file, "
        "so the `due` after it is warm; the first edit after the file was generated pays one "
        "parse (the warm-up run). Refused: an unknown id, and a period that does not exist."
    )
    say()
    say(
        "| N | command | edit s | peak MB | ÷ `task N annotate` | `task N annotate` s | "
        "÷ `kvtrack due` |"
    )
    say("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n, (path, items, sources) in files.items():
        reps = max(2, runs // 2) if n >= 50000 else runs
        due_cmd = [*kvtrack, "due", "--file", str(path)]
        tenv = task_envs.get(n)
        pending = sum(1 for c in items if _status(c) in ("open", "partial"))
        annotate = ["task", str(max(1, pending // 2)), "annotate", "bench"]
        worst_task = worst_due = worst_s = worst_peak = 0.0
        for name, cmd in edit_commands(kvtrack, path, items, sources).items():
            te, tt, vs_task = paired(cmd, annotate, env, tenv, reps) if tenv else (None, None, 0.0)
            te2, _, vs_due = paired(cmd, due_cmd, env, env, reps)
            timing = te or te2
            bad = timing.exit_codes - {0}
            note = f" (exit {sorted(bad)})" if bad else ""
            task_s = f"{tt.median:.3f}" if tt else "–"
            say(
                f"| {n:,} | `{name}`{note} | {timing.median:.3f} | {timing.peak:.0f} | "
                f"{vs_task:.2f} | {task_s} | {vs_due:.2f} |"
            )
            worst_task, worst_due = max(worst_task, vs_task), max(worst_due, vs_due)
            worst_s, worst_peak = max(worst_s, timing.median), max(worst_peak, timing.peak)
        refused = {
            "note, unknown id": [*kvtrack, "note", "no-such-commitment", "x", "--file", str(path)],
            "reschedule, bad period": [
                *kvtrack, "reschedule", items[0].id, "2025-Q5", "--file", str(path),
            ],
        }  # fmt: skip
        worst_refused = 0.0
        for name, cmd in refused.items():
            tr, _, vs_due = paired(cmd, due_cmd, env, env, reps)
            say(f"| {n:,} | refused: {name} | {tr.median:.3f} | {tr.peak:.0f} | | | {vs_due:.2f} |")
            worst_refused = max(worst_refused, vs_due)
        results[f"edit_vs_annotate_{n}"] = worst_task
        results[f"edit_vs_due_{n}"] = worst_due
        results[f"edit_{n}_s"] = worst_s
        results[f"edit_peak_{n}"] = worst_peak
        results[f"refused_vs_due_{n}"] = worst_refused
    say()


def _rows(cmd: Sequence[str], env: dict[str, str], json_list: bool) -> int:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True).stdout
    if json_list:
        return len(json.loads(out or "[]"))
    return sum(1 for line in out.splitlines() if line.strip() and line.split()[0].isdigit())


def _notes() -> str:
    notes = HERE / "notes.md"
    return "\n" + notes.read_text() if notes.exists() else ""


if __name__ == "__main__":
    main()
