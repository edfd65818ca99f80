"""The Typer application, the one reporter every error reaches the user through, and the entry point."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from kvtrack.errors import ExitCode, KvtrackError, KvtrackWarning, UsageError, ValidationError

# `ctx.meta` key a command sets when its errors must be reported as a monitoring plugin's.
NAGIOS = "kvtrack.nagios"
DEBUG_ENV = "KVTRACK_DEBUG"  # =1: an internal error shows its traceback too


def report(error: KvtrackError, *, nagios: bool = False) -> ExitCode:
    """Show `error` to the user and return the exit code to end with: the one place that does.

    Each problem is one `path:line:col: message` line on stderr (no colour, no traceback), and
    the code is ERROR. A monitoring plugin (`check --nagios`) prints `KVTRACK UNKNOWN - why` on
    stdout instead and exits UNKNOWN, since a monitor reads exit 2 as CRITICAL.
    """
    if nagios:
        from kvtrack.render.terminal.check_nagios import render_unknown

        write_stdout(render_unknown([str(p) for p in error.problems]))
        return ExitCode.UNKNOWN
    from kvtrack.core.safe_text import visible  # a message may quote the file or an argument

    if isinstance(error, UsageError):
        typer.echo(f"kvtrack {error.command}: error: {visible(error.message)}", err=True)
        typer.echo(f"Try 'kvtrack {error.command} --help' for help.", err=True)
        return ExitCode.ERROR
    for problem in error.problems:
        text = str(problem)
        if problem.where.path is None and problem.where.line is None:
            text = f"error: {text}"
        typer.echo(visible(text), err=True)
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        typer.echo(f"{len(error.problems)} problems found", err=True)
    return ExitCode.ERROR


def unexpected(error: BaseException) -> KvtrackError:
    """A crash as one line for the reporter: exit 2 (never 1, which cron reads as "attention")."""
    said = " ".join(str(error).split())[:300]  # one line, however the exception words it
    what = f"{type(error).__name__}: {said}" if said else type(error).__name__
    return KvtrackError(f"internal error: {what}; please report it with the command you ran")


def write_stdout(text: str) -> None:
    """Print to stdout without ever failing on encoding: under cron's C locale, as UTF-8."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            import codecs

            if codecs.lookup(encoding).name == "ascii":
                reconfigure(encoding="utf-8", errors="replace")
            else:  # a real 8-bit locale: keep it, replace what it cannot show
                reconfigure(errors="replace")
        else:
            text = text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    stream.write(text)
    stream.flush()


class _Group(TyperGroup):
    """The CLI's edge: every failure of any command (its options included) reaches `report`.

    A KvtrackError as its `path:line:col: message` lines; anything unexpected as one "internal
    error" line (the last resort; KVTRACK_DEBUG=1 adds the traceback); output that cannot be
    written (a full disk) as one line, a closed pipe quietly. Under `check --nagios` each is one
    `KVTRACK UNKNOWN` line and exit 3, printed once.
    """

    def invoke(self, ctx: Any) -> Any:
        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        with _warnings_as_lines():
            try:
                _refuse_undecodable(args)
                try:
                    return super().invoke(ctx)
                finally:
                    sys.stdout.flush()  # here, not at exit: a full disk must be seen and said once
            except (typer.Exit, typer.Abort, typer.TyperException):
                raise  # Typer's own ways out: an exit code, Ctrl-C, usage errors it prints itself
            except KvtrackError as error:
                _end(error, _nagios(ctx, args))
            except OSError as error:
                _output_failed(error, _nagios(ctx, args))
            except Exception as error:  # the last resort
                _internal_error(error, _nagios(ctx, args))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in registration order, not alphabetical


def _nagios(ctx: Any, args: Sequence[str]) -> bool:
    """Whether the command is `check --nagios` (told by the command, or seen in its arguments
    when the failure came before the command could say)."""
    if NAGIOS in ctx.meta:
        return bool(ctx.meta[NAGIOS])
    options = args[: args.index("--")] if "--" in args else args
    return bool(options) and options[0] == "check" and "--nagios" in options


def _end(error: KvtrackError, nagios: bool) -> NoReturn:
    try:
        code = report(error, nagios=nagios)
    except OSError as failed:  # stdout (UNKNOWN's place) is what is broken: say it once
        _silence_stdout()
        typer.echo(f"error: cannot write to standard output: {_why(failed)}", err=True)
        code = ExitCode.UNKNOWN
    raise typer.Exit(code)


def _output_failed(error: OSError, nagios: bool) -> NoReturn:
    """An OSError that reached the edge: the output could not be written, or a bug."""
    if not _stdout_broken(error):
        _internal_error(error, nagios)
    _silence_stdout()
    if isinstance(error, BrokenPipeError) and not nagios:
        raise typer.Exit(ExitCode.OK)  # `kvtrack list | head`: the reader has all it wants
    typer.echo(f"error: cannot write to standard output: {_why(error)}", err=True)
    raise typer.Exit(ExitCode.UNKNOWN if nagios else ExitCode.ERROR)


_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EPIPE", "ECONNRESET", "EBADF")
    if hasattr(errno, name)
)


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
    _end(unexpected(error), nagios)


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
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and errors: paragraphs rewrapped, no boxes in pipes or cron mail
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version  # only here: it costs start-up time

        typer.echo(f"kvtrack {version('kvtrack')}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print kvtrack's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
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
