"""The docs' examples, run: every `$ kvtrack …` in README.md and docs/*.md, and the schema tables.

A ```text block whose lines start with `$ kvtrack` is a session: each command runs in order (so an
edit is seen by the next command) in a fresh directory holding a copy of the shipped
commitments.yaml, seeds/ and docs/examples/, with "today" fixed, and must print exactly the lines
under it (stdout and stderr as a terminal shows them, no colour). A line `…` or `...` on its own
stands for any number of lines. Markers, as HTML comments the rendered page does not show:

- `<!-- docs-test: skip (why) -->` on the line before a block: not run (output that depends on the
  machine, the clock or files the docs do not ship);
- `<!-- docs-test: today YYYY-MM-DD -->` anywhere in a file: the day its examples are as of
  (default 2026-11-27);
- `<!-- fields: NAME -->` … `<!-- /fields -->`: the schema's field table NAME (core/schema.SHAPES).

When output changes on purpose, regenerate and review the diff:

    python -m tests.docs_examples --update          # README.md and docs/*.md
    python -m tests.docs_examples --update README.md

Without --update it prints what differs and exits 1 (tests/test_docs.py runs the same checks).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TODAY = date(2026, 11, 27)
ANY = ("…", "...")  # an output line standing for any number of lines

_FENCE = re.compile(r"^```(\w*)\s*$")
_SKIP = re.compile(r"<!--\s*docs-test:\s*skip\b")
_TODAY = re.compile(r"<!--\s*docs-test:\s*today\s+(\d{4}-\d{2}-\d{2})\s*-->")
_FIELDS = re.compile(r"<!-- fields: (\w+) -->\n(.*?)<!-- /fields -->\n", re.DOTALL)


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass
class Example:
    """One `$ kvtrack …` command and the lines the docs say it prints."""

    line: int  # 1-based, in the doc file
    command: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Session:
    """A block of examples, run one after another in one directory."""

    path: Path
    line: int  # of the opening fence
    start: int  # index of the block's first line
    end: int  # index of the closing fence
    examples: list[Example]
    skipped: bool

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def sessions(path: Path) -> list[Session]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Session] = []
    i = 0
    while i < len(lines):
        if _FENCE.match(lines[i]) is None:
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), len(lines))
        body = lines[i + 1 : end]
        if body and body[0].startswith("$ kvtrack"):
            skipped = i > 0 and _SKIP.search(lines[i - 1]) is not None
            found.append(Session(path, i + 1, i + 1, end, _examples(body, i + 2), skipped))
        i = end + 1
    return found


def _examples(body: list[str], first_line: int) -> list[Example]:
    examples: list[Example] = []
    continued = False
    for n, text in enumerate(body):
        if continued:
            examples[-1].command += " " + text.strip().removesuffix("\\").strip()
        elif text.startswith("$ "):
            examples.append(Example(first_line + n, text[2:].removesuffix("\\").strip()))
        else:
            examples[-1].expected.append(text)
        continued = text.endswith("\\")
    return examples


def today_of(path: Path) -> date:
    m = _TODAY.search(path.read_text(encoding="utf-8"))
    return date.fromisoformat(m[1]) if m else DEFAULT_TODAY


@contextlib.contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kvtrack-docs-") as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "commitments.yaml", work / "commitments.yaml")
        shutil.copytree(ROOT / "seeds", work / "seeds")
        examples = ROOT / "docs" / "examples"
        if examples.is_dir():
            shutil.copytree(examples, work, dirs_exist_ok=True)
        with contextlib.chdir(work):
            yield work


def run(session: Session) -> list[list[str]]:
    """What each command of the session prints, line by line."""
    from typer.testing import CliRunner

    from kvtrack.cli import app

    day = today_of(session.path)
    env = {"NO_COLOR": "1", "KVTRACK_FILE": None, "COLUMNS": None, "TERM": None}
    outputs: list[list[str]] = []
    with (
        _workdir() as work,
        mock.patch("kvtrack.cli.options.today", return_value=day),
        mock.patch.dict(os.environ, {"KVTRACK_CACHE_DIR": str(work / ".cache")}),
    ):
        runner = CliRunner()
        for example in session.examples:
            args = shlex.split(example.command)[1:]
            result = runner.invoke(app, args, env=env, catch_exceptions=False)
            outputs.append(result.output.splitlines())
    return outputs


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` with each `…` line standing for any run of lines (none included)."""
    pattern = "".join(
        "(?:.*\n)*?" if line.strip() in ANY else re.escape(line.rstrip()) + "\n"
        for line in expected
    )
    text = "".join(line.rstrip() + "\n" for line in actual)
    return re.fullmatch(pattern, text) is not None


def regenerated(expected: list[str], actual: list[str]) -> list[str]:
    """The lines to write under a command: `expected` when it matches; else `actual`, cut where
    `expected` cut with `…` (its first and last runs of lines kept as long as they were)."""
    if matches(expected, actual):
        return expected
    if not any(line.strip() in ANY for line in expected):
        return [line.rstrip() for line in actual]
    first = next(i for i, line in enumerate(expected) if line.strip() in ANY)
    last = max(i for i, line in enumerate(expected) if line.strip() in ANY)
    head, mark, tail = expected[:first], expected[first], expected[last + 1 :]
    kept = [line.rstrip() for line in actual[: len(head)]] + [mark]
    if tail:
        kept += [line.rstrip() for line in actual[len(actual) - len(tail) :]]
    return kept


def field_tables(text: str) -> str:
    """The text with every `<!-- fields: NAME -->` table generated from the schema."""
    from kvtrack.core.schema import SHAPES, markdown_table

    return _FIELDS.sub(
        lambda m: f"<!-- fields: {m[1]} -->\n{markdown_table(SHAPES[m[1]])}<!-- /fields -->\n", text
    )


def check(path: Path, *, update: bool = False) -> list[str]:
    """What in `path` differs from what kvtrack prints; with `update`, rewrite it to match."""
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    problems: list[str] = []
    for session in reversed(sessions(path)):  # from the end, so earlier line numbers stay put
        if session.skipped:
            continue
        outputs = run(session)
        body: list[str] = []
        for example, actual in zip(session.examples, outputs, strict=True):
            if not matches(example.expected, actual):
                diff = difflib.unified_diff(
                    example.expected, actual, "docs", "kvtrack", lineterm=""
                )
                problems.append(f"{session.path.name}:{example.line}: $ {example.command}")
                problems.extend("    " + d for d in diff)
            body += lines[example.line - 1 : example.line - 1 + _command_lines(example, lines)]
            body += regenerated(example.expected, actual)
        lines[session.start : session.end] = body
    text = "\n".join(lines) + ("\n" if original.endswith("\n") else "")
    tables = field_tables(text)
    if tables != text:
        problems.append(f"{path.name}: the field tables differ from kvtrack/core/schema.py")
    if update and tables != original:
        path.write_text(tables, encoding="utf-8")
    return problems


def _command_lines(example: Example, lines: list[str]) -> int:
    n = 1
    while lines[example.line - 2 + n].endswith("\\"):
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the docs to match")
    parser.add_argument("files", nargs="*", type=Path, help="default: README.md and docs/*.md")
    options = parser.parse_args(argv)
    files = [f.resolve() for f in options.files] or doc_files()
    problems = [p for f in files for p in check(f, update=options.update)]
    for problem in problems:
        print(problem)
    if options.update:
        print(f"checked {len(files)} file(s) and rewrote what differed; review with `git diff`")
        return 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
