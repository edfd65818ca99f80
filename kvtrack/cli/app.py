"""The Typer application, the one reporter every error reaches the user through, and the entry point."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from kvtrack.errors import ExitCode, KvtrackError, UsageError, ValidationError

# `ctx.meta` key a command sets when its errors must be reported as a monitoring plugin's.
NAGIOS = "kvtrack.nagios"


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


def unexpected(error: Exception) -> KvtrackError:
    """A crash as one line for the reporter (only under --nagios, so far; #14 widens this)."""
    return KvtrackError(f"internal error: {type(error).__name__}: {error}")


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
    """Hands a KvtrackError from any command (its options included) to `report`."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KvtrackError as error:
            raise typer.Exit(report(error, nagios=ctx.meta.get(NAGIOS, False))) from None
        except BrokenPipeError:  # `kvtrack list | head`
            sys.stderr.close()
            raise typer.Exit(ExitCode.OK) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # Typer's own ways out: an exit code, Ctrl-C, usage errors it prints itself
        except Exception as error:
            if not ctx.meta.get(NAGIOS, False):
                raise
            # a crash is UNKNOWN to a monitor, not WARNING (exit 1)
            raise typer.Exit(report(unexpected(error), nagios=True)) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in registration order, not alphabetical


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
