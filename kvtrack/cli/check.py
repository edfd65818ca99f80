"""`kvtrack check`: a status check for cron and monitoring systems, silent when all is well."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand
from typer.exceptions import TyperException

from kvtrack.cli.app import NAGIOS, app, write_stdout
from kvtrack.cli.options import (
    DEFAULT_FILE,
    DEFAULT_WITHIN,
    AsOfOption,
    FileOption,
    MaxBytesOption,
    WithinOption,
)
from kvtrack.errors import ExitCode, KvtrackError, UsageError

if TYPE_CHECKING:
    from datetime import date

    from kvtrack.core.check import CheckResult, Level
    from kvtrack.core.query import Window


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class _CheckCommand(TyperCommand):
    """Usage errors go to the reporter like any other error: one plain line on stderr (exit 2),
    or `KVTRACK UNKNOWN` (exit 3) with --nagios. A monitoring system must see UNKNOWN, and cron
    mail has no use for a drawn box."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        nagios = "--nagios" in args[: args.index("--")] if "--" in args else "--nagios" in args
        if parent is not None:
            parent.meta[NAGIOS] = nagios  # the reporter's cue, in the meta every context shares
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except TyperException as e:  # click's UsageError and its kin, vendored by Typer
            raise UsageError(e.format_message(), command="check") from None


def check(
    file: FileOption = DEFAULT_FILE,
    max_bytes: MaxBytesOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = DEFAULT_WITHIN,
    format: Annotated[
        TextOrJson, typer.Option("--format", help="Report format (--nagios has its own).")
    ] = TextOrJson.text,
    nagios: Annotated[
        bool,
        typer.Option(
            "--nagios",
            help="Monitoring-plugin output (Nagios, Icinga, Naemon): one status line, "
            "perfdata, details; always prints; exit 0-3.",
        ),
    ] = False,
    state: Annotated[
        Optional[Path],
        typer.Option(
            "--state",
            help="Remember what was reported in this JSON file and report only what changed.",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Report what needs attention, for cron and monitoring; print nothing when all is well.

    Lists overdue commitments, then those due within the window, each with its id, title,
    current due and days late or left. Plain text: no colour, no box drawing.

    With --state PATH it remembers what it reported and later reports only the news: newly
    overdue, newly due soon, and items that left the report (done, dropped, rescheduled out of
    the window, removed from the file). Items that left are news too, so they alone give exit 1.
    Nothing new: no output, exit 0. A missing state file means a first run (full report, no
    warning); an unreadable, corrupt or other-version one gives a warning on stderr and a full
    report. The state file is replaced atomically on every run.

    Exit codes:

    0 = nothing overdue or due soon (with --state: nothing new); no output at all.

    1 = something needs attention; the report is on stdout.

    2 = the file is missing or invalid, or the arguments are wrong; path:line:col: message
    on stderr.

    With --nagios it always prints: 0 OK (nothing due), 1 WARNING (only due soon),
    2 CRITICAL (something overdue), 3 UNKNOWN (file or argument errors, printed on stdout as
    KVTRACK UNKNOWN - why).

    Examples:

      kvtrack check --file commitments.yaml --state /var/lib/kvtrack/check.json

      kvtrack check --nagios --within 30d
    """
    # Errors, and crashes, are reported by the CLI's edge (app.py): UNKNOWN and 3 under --nagios.
    from kvtrack.cli.options import as_of_date, byte_limit, window

    if nagios and format is TextOrJson.json:
        raise KvtrackError("--nagios and --format json cannot be combined")
    day, win, limit = as_of_date(as_of), window(within), byte_limit(max_bytes)
    if state is not None:
        from kvtrack.store.outputs import refuse_overwrite

        refuse_overwrite(state, "--state", register=file)
    code = _run(file, limit, day, win, format, state, nagios=nagios)
    if code:
        raise typer.Exit(code)


app.command(cls=_CheckCommand)(check)


def _run(
    file: Path,
    limit: int,
    day: date,
    win: Window,
    fmt: TextOrJson,
    state: Path | None,
    *,
    nagios: bool = False,
) -> int:
    """Do the check, keep the state, print what there is to print; return the exit code."""
    from kvtrack.core.check import check as build
    from kvtrack.store.gc_pause import no_gc
    from kvtrack.store.register import load

    # Without --state only open commitments are reported; with it, a closed one says why it left.
    register = load(file, max_bytes=limit, open_only=state is None).register
    if state is None:
        with no_gc():  # as in `due`: thousands of assessed items, no cycles
            result = build(register, day, win, None)
    else:
        from kvtrack.store.check_state import kept

        # Locked from reading the state to writing it: concurrent runs report news once.
        with kept(state) as session:
            read = session.read()
            if read.warning:
                typer.echo(f"{state}: warning: {read.warning}", err=True)
            result = build(register, day, win, read.snapshot)
            session.write(result.snapshot())  # before printing: a state not kept is an error
    text, code = _render(result, fmt, nagios=nagios, with_changes=state is not None)
    if text:
        write_stdout(text)
    return code


def _nagios_exit() -> dict[Level, ExitCode]:
    """Each monitoring-plugin level's exit code, from the one table."""
    from kvtrack.core.check import Level

    return {
        Level.OK: ExitCode.OK,
        Level.WARNING: ExitCode.ATTENTION,
        Level.CRITICAL: ExitCode.ERROR,
        Level.UNKNOWN: ExitCode.UNKNOWN,
    }


def _render(
    result: CheckResult, fmt: TextOrJson, *, nagios: bool, with_changes: bool
) -> tuple[str, int]:
    if nagios:
        from kvtrack.render.terminal.check_nagios import render_nagios

        return render_nagios(result), _nagios_exit()[result.level]
    if not result.needs_attention:
        return "", 0
    if fmt is TextOrJson.json:
        from kvtrack.render.check_json import render_json

        return render_json(result, with_changes=with_changes), ExitCode.ATTENTION
    from kvtrack.render.terminal.check_text import render_text

    return render_text(result), ExitCode.ATTENTION
