"""The Typer application, the one place errors are caught, and the entry point."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from kvtrack.errors import KvtrackError, ValidationError


def report(error: KvtrackError) -> None:
    """Print every problem as `path:line:col: message` on stderr (no colour, no traceback)."""
    for problem in error.problems:
        text = str(problem)
        if problem.where.path is None and problem.where.line is None:
            text = f"error: {text}"
        typer.echo(text, err=True)
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        typer.echo(f"{len(error.problems)} problems found", err=True)


class _Group(TyperGroup):
    """Turns a KvtrackError from any command into a clean message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KvtrackError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:  # `kvtrack list | head`
            sys.stderr.close()
            raise typer.Exit(0) from None

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
