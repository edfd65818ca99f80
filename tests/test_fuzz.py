"""Random mutations of a valid register through every reading command and one edit.

Each run must exit 0, 1 or 2 (never a crash: the CLI's last resort would say "internal error"),
print no traceback and finish in seconds; validate and list must agree on what is valid; a file
validate accepts is editable or refused with a message, and an edit keeps it valid.

Bounded for CI (20 registers, about 20 s); KVTRACK_FUZZ_EXAMPLES=2000 KVTRACK_FUZZ_SEED=
random explores further on a quiet one.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pytest
from fixtures_exports import REGISTER
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("KVTRACK_FUZZ_EXAMPLES", "20"))
RANDOM = os.environ.get("KVTRACK_FUZZ_SEED", "") == "random"
AS_OF = "2026-11-27"
SLOW = 5.0  # seconds: any one command taking longer than this on a 3 KB file is a bug

READERS = [
    ("validate",),
    *(("list", "--format", f) for f in ("table", "json", "csv", "markdown", "yaml", "ics")),
    ("list", "--format", "ics", "--ics-events"),
    ("show", "year-open"),
    ("show", "year-open", "--format", "json"),
    ("due", "--all"),
    ("check",),
    ("check", "--nagios"),
    *(("timeline", "--format", f) for f in ("table", "json", "svg", "html")),
    ("stats", "--by", "owner"),
]

# What a person (or a bad merge) puts into YAML: its syntax, dates, digits of other scripts,
# Dutch text, control characters and very long or deep runs.
PIECES = st.sampled_from(
    [
        ":", "- ", "  ", "\n", "\t", "#", "[", "]", "{", "}", "&a", "*a", "!!python/object", "|",
        ">", "'", '"', "%", "@", "`", ",", "?", "~", "null", "yes", "no", "2025", "9999-12-31",
        "1-12-2026", "2025-Q5", "2025-H3", "٢٠٢٥", "0999", "due: ", "status: done", "id: x",
        "history:", "- date: 2025-01-01", "é", "’", "\u202e", "\x00", "\x07", "\r", "\ufeff",
        "[" * 60, "{a: " * 40, "x" * 300, "https://x.nl/\n",
    ]
)  # fmt: skip
TEXT = st.one_of(PIECES, st.text(max_size=8))


@st.composite
def mutant(draw: st.DrawFn) -> str:
    """REGISTER after one to four edits: insert, delete, replace, duplicate or indent a line."""
    lines = REGISTER.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["insert", "delete", "replace", "duplicate", "indent", "cut"])
        )
        if action == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(TEXT) + lines[i][col:]
        elif action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "replace":
            lines[i] = draw(TEXT) + "\n"
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[i].lstrip(" ")
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "".join(lines)


def timed(run, *args: str) -> object:
    started = time.monotonic()
    result = run(*args)
    took = time.monotonic() - started
    assert took < SLOW, f"{' '.join(args)} took {took:.1f} s"
    nagios = "--nagios" in args
    assert result.exit_code in ((0, 1, 2, 3) if nagios else (0, 1, 2)), (args, result.output)
    if nagios:  # one status line first, whatever happened
        assert result.stdout.startswith("KVTRACK "), (args, result.output)
    assert "Traceback" not in result.output, (args, result.output)
    assert "internal error" not in result.output, (args, result.output)
    if result.exit_code == 2 and not nagios:  # an error says what
        assert result.stderr.strip(), args
    return result


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is shown as it was found
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutant())
def test_mutated_registers_never_crash(run, tmp_path: Path, text: str) -> None:
    path = tmp_path / f"m{next(_names)}.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    validate = timed(run, "validate", "--file", str(path))
    for command in READERS[1:]:
        result = timed(run, *command, "--file", str(path), "--as-of", AS_OF)
        if command[0] == "list":  # validate and list agree on what is valid
            assert (result.exit_code == 0) == (validate.exit_code == 0), (command, result.output)
    edit = timed(run, "note", "year-open", "fuzzed", "--on", AS_OF, "--file", str(path))
    if validate.exit_code == 0:
        assert edit.exit_code in (0, 2)
        if edit.exit_code == 0:
            assert timed(run, "validate", "--file", str(path)).exit_code == 0
        else:
            assert edit.stderr.strip()
    else:
        assert edit.exit_code == 2
        assert path.read_bytes() == text.encode("utf-8")  # refused: not a byte changed


_names = itertools.count()
