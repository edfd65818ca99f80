"""The Typer application, the one place errors are caught, and the entry point."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException
from typer.models import CommandInfo

from kvtrack.errors import ExitCode, KvtrackError, KvtrackWarning, ValidationError

UNKNOWN = 3  # the monitoring-plugin exit code for "the check itself failed"
DEBUG_ENV = "KVTRACK_DEBUG"  # =1: an internal error shows its traceback


def report(error: KvtrackError) -> None:
    """Print every problem as `path:line:col: message` on stderr (no colour, no traceback)."""
    for line in problem_lines(error):
        typer.echo(line, err=True)
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        typer.echo(f"{len(error.problems)} problems found", err=True)


def problem_lines(error: KvtrackError) -> list[str]:
    lines = []
    for problem in error.problems:
        text = str(problem)
        if problem.where.path is None and problem.where.line is None:
            text = f"error: {text}"
        lines.append(text)
    return lines


class _Group(TyperGroup):
    """The CLI's edge: every failure of any command becomes one clear line and its exit code.

    A KvtrackError is printed as `path:line:col: message` (exit 2); output that cannot be written
    (a full disk, a closed pipe) ends quietly or with one line; anything unexpected is an
    "internal error" line (exit 2, never 1, which cron reads as "attention"). Under
    `check --nagios` each of these is a `KVTRACK UNKNOWN` line and exit 3.
    """

    def invoke(self, ctx: Any) -> Any:
        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        nagios = _nagios(args)
        with _warnings_as_lines():
            try:
                _refuse_undecodable(args)
                try:
                    return super().invoke(ctx)
                finally:
                    sys.stdout.flush()  # here, not at exit: a full disk must be seen while we can say so
            except (Exit, Abort, TyperException):
                raise
            except KvtrackError as error:
                _fail(error, nagios)
            except OSError as error:
                _output_failed(error, nagios)
            except Exception as error:  # the last resort
                _internal_error(error, nagios)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in registration order, not alphabetical


def _nagios(args: Sequence[str]) -> bool:
    """`check ... --nagios`: failures are `KVTRACK UNKNOWN` on stdout and exit 3."""
    options = args[: args.index("--")] if "--" in args else args
    return bool(options) and options[0] == "check" and "--nagios" in options


def _fail(error: KvtrackError, nagios: bool) -> NoReturn:
    if nagios:
        from kvtrack.render.check_nagios import render_unknown

        _print_unknown(render_unknown([str(p) for p in error.problems]))
        raise Exit(UNKNOWN)
    report(error)
    raise Exit(error.exit_code)


def _print_unknown(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:  # stdout is what failed: say it once, on stderr
        _silence_stdout()
        typer.echo(f"error: cannot write to standard output: {_why(error)}", err=True)


def _output_failed(error: OSError, nagios: bool) -> NoReturn:
    """An OSError that reached the edge: the output could not be written, or a bug."""
    if not _stdout_broken(error):
        _internal_error(error, nagios)
    _silence_stdout()
    if isinstance(error, BrokenPipeError) and not nagios:
        raise Exit(ExitCode.OK)  # `kvtrack list | head`: the reader has all it wants
    typer.echo(f"error: cannot write to standard output: {_why(error)}", err=True)
    raise Exit(UNKNOWN if nagios else ExitCode.ERROR)


def _stdout_broken(error: OSError) -> bool:
    """Whether `error` came from writing stdout: the library turns its own file errors into
    KvtrackErrors that name the file, so an unnamed write error here is the output's."""
    if isinstance(error, BrokenPipeError):
        return True
    if error.filename is None and error.errno in _OUTPUT_ERRNOS:
        return True
    try:
        sys.stdout.flush()  # what could not be written is still in the buffer: it fails again
    except OSError:
        return True
    return False


_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EPIPE", "ECONNRESET", "EBADF")
    if hasattr(errno, name)
)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush at exit fails no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except Exception:  # not a real file (a test's buffer: io.UnsupportedOperation): leave it
        pass


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _internal_error(error: BaseException, nagios: bool) -> NoReturn:
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    line = f"internal error: {what}; please report it with the command you ran"
    if nagios:
        from kvtrack.render.check_nagios import render_unknown

        _print_unknown(render_unknown([line]))
        raise Exit(UNKNOWN)
    typer.echo(f"kvtrack: {line}", err=True)
    raise Exit(ExitCode.ERROR)


def _refuse_undecodable(args: Sequence[str]) -> None:
    """An argument that is not UTF-8 (its bytes arrive as surrogates) is refused before use:
    written into the file, it would only surface later as a baffling YAML error."""
    for arg in args:
        bad = next((c for c in arg if "\udc80" <= c <= "\udcff"), None)
        if bad is not None:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise KvtrackError(
                f"the argument '{shown}' is not UTF-8 text (byte 0x{ord(bad) - 0xDC00:02x}); "
                "set a UTF-8 locale or convert it with iconv"
            )


@contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Each distinct KvtrackWarning once, as one `warning: ...` line on stderr."""
    import warnings

    def show(message: Warning | str, category: type[Warning], *rest: Any, **kw: Any) -> None:
        if issubclass(category, KvtrackWarning):
            typer.echo(f"warning: {message}", err=True)
        else:
            shown(message, category, *rest, **kw)

    with warnings.catch_warnings():
        shown = warnings.showwarning
        warnings.simplefilter("once", KvtrackWarning)
        warnings.showwarning = show
        yield


app = typer.Typer(
    cls=_Group,
    name="kvtrack",
    help=(
        "Track the Dutch cabinet's commitments from answers to parliamentary questions.\n\n"
        "Reads commitments.yaml (or --file / KVTRACK_FILE). Dates are ISO 8601, 'today' is "
        "Europe/Amsterdam, and a promise dated to a period is due at the END of that period."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and errors: paragraphs rewrapped, no boxes in pipes or cron mail
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    # A callback keeps `app` a group of commands even when `main` registers only one of them.
    pass


def main() -> None:
    # Typer works out every command's options before it runs one (about 1 ms a command, more
    # than a tenth of `kvtrack due` on a small file). When the first argument names a command,
    # only that command is built: its help, usage and errors are the same.
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    only = [c for c in app.registered_commands if _name(c) == wanted]
    if only:
        app.registered_commands = only
    app(prog_name="kvtrack")


def _name(info: CommandInfo) -> str:
    if info.name:
        return info.name
    callback = info.callback
    return callback.__name__.lower().replace("_", "-") if callback else ""
