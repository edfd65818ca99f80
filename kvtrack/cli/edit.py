"""The editing commands: add, done, update, reschedule, note.

Each one turns its options into model values, asks the library to make the change (which validates
it, locks the file, keeps every byte outside the edited commitment and replaces it atomically), and
prints one line. `--dry-run` prints the unified diff instead and changes nothing. Ctrl-C during an
edit either stops it before the file is replaced (exit 130, nothing changed) or lets it finish and
report (exit 0).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from kvtrack.cli import completion
from kvtrack.cli.app import app
from kvtrack.cli.options import (
    DEFAULT_FILE,
    EditFileOption,
    day_option,
    period_option,
    split_values,
    today,
)
from kvtrack.cli.safe_args import safe_text
from kvtrack.errors import ExitCode, KvtrackError

if TYPE_CHECKING:
    from pathlib import Path

    from kvtrack.core.edits import Change
    from kvtrack.core.model import Register

T = TypeVar("T")

IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="The commitment's id.", autocompletion=completion.commitment_ids
    ),
]
OnOption = Annotated[
    Optional[str],
    typer.Option(
        "--on",
        help="When it happened (YYYY-MM-DD). Default: today (Europe/Amsterdam).",
        metavar="DATE",
    ),
]
NoteOption = Annotated[
    Optional[str],
    typer.Option(
        "--note", help="What happened, in a sentence.", metavar="TEXT", callback=safe_text
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Print the diff the edit would make; change nothing."),
]
EvidenceOption = Annotated[
    Optional[str],
    typer.Option(
        "--evidence",
        help="Where it says so: a URL or a document reference.",
        metavar="URL",
        callback=safe_text,
    ),
]


@app.command()
def add(
    id_: Annotated[
        str,
        typer.Option("--id", help="A new unique slug, e.g. groningen-cascadeplein.", metavar="ID"),
    ],
    title: Annotated[
        str,
        typer.Option(
            "--title", help="Short description, in Dutch.", metavar="T", callback=safe_text
        ),
    ],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="Id of the source under `sources:`.",
            metavar="SRC",
            autocompletion=completion.source_ids,
        ),
    ],
    quote: Annotated[
        str,
        typer.Option(
            "--quote",
            help="The promise, quoted exactly from the source.",
            metavar="Q",
            callback=safe_text,
        ),
    ],
    due: Annotated[
        Optional[str],
        typer.Option(
            "--due",
            help="The promised period: 2025, 2025-H2, 2025-Q3, 2025-06, 2025-06-30.",
            metavar="PERIOD",
        ),
    ] = None,
    due_text: Annotated[
        Optional[str],
        typer.Option(
            "--due-text",
            help='The time phrase as written ("voor de zomer").',
            metavar="TEXT",
            callback=safe_text,
        ),
    ] = None,
    answer: Annotated[
        Optional[list[int]],
        typer.Option("--answer", help="Answer number in the source. Repeatable.", metavar="N"),
    ] = None,
    owner: Annotated[
        Optional[str],
        typer.Option(
            "--owner", help="Responsible ministry or body.", metavar="O", callback=safe_text
        ),
    ] = None,
    place: Annotated[
        Optional[list[str]],
        typer.Option(
            "--place", help="Place concerned. Repeatable.", metavar="P", callback=safe_text
        ),
    ] = None,
    tag: Annotated[
        Optional[list[str]],
        typer.Option("--tag", help="Tag. Repeatable.", metavar="T", callback=safe_text),
    ] = None,
    file: EditFileOption = DEFAULT_FILE,
    dry_run: DryRunOption = False,
) -> None:
    """Add a commitment (status open, empty history) at the end of the file.

    Refuses an id that exists and a source that is not listed under `sources:`.

    Example:

    \b
      kvtrack add --id groningen-cascadeplein --source rijksbanen-regio-2024 \\
        --answer 8 --title "Ontmoetingsvoorziening Cascadeplein in gebruik" \\
        --quote "In 2025 wordt (...) Cascadeplein (...) in gebruik genomen." \\
        --due 2025 --due-text "in 2025" --owner BZK --place Groningen
    """
    from kvtrack.core.model import Commitment
    from kvtrack.store.edits import add_commitment

    commitment = Commitment(
        id=id_.strip(),
        title=title.strip(),
        source=source.strip(),
        quote=quote.strip(),
        answer=tuple(answer or ()),
        due=period_option("--due", due),
        due_text=_blank_to_none(due_text),
        owner=_blank_to_none(owner),
        places=split_values(place),
        tags=split_values(tag),
    )

    def added(c: Commitment) -> str:
        due_part = f"due {c.due}" if c.due else "undated"
        return f"{c.id}: added ({due_part}, source {c.source})"

    _run(lambda say, warn: add_commitment(file, commitment, dry_run=say, warn=warn), dry_run, added)


@app.command()
def done(
    commitment_id: IdArgument,
    on: OnOption = None,
    note: NoteOption = None,
    evidence: EvidenceOption = None,
    file: EditFileOption = DEFAULT_FILE,
    dry_run: DryRunOption = False,
) -> None:
    """Mark a commitment done, with a dated history entry.

    Examples:

    \b
      kvtrack done groningen-cascadeplein
      kvtrack done groningen-cascadeplein --on 2025-11-03 --note "Geopend" \\
        --evidence https://www.rijksoverheid.nl/...
    """
    from kvtrack.core.edits import set_status
    from kvtrack.core.model import Status

    day = _on_date(on)
    _record(
        file,
        commitment_id,
        lambda reg: set_status(reg, commitment_id, Status.DONE, day, note, evidence),
        dry_run,
        lambda change: f"{change.after.id}: done on {day}",
    )


@app.command()
def update(
    commitment_id: IdArgument,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help="open, partial, done or dropped (or openstaand, deels voldaan, voldaan, vervallen).",
            metavar="STATUS",
        ),
    ],
    on: OnOption = None,
    note: NoteOption = None,
    evidence: EvidenceOption = None,
    file: EditFileOption = DEFAULT_FILE,
    dry_run: DryRunOption = False,
) -> None:
    """Change a commitment's status (partial, dropped, reopened...), with a dated history entry.

    Examples:

    \b
      kvtrack update groningen-cascadeplein --status partial --note "Deels open"
      kvtrack update regios-wensen-in-kaart --status vervallen --on 2026-03-01
    """
    from kvtrack.core.edits import set_status
    from kvtrack.core.model import Status

    try:
        new_status = Status.parse(status)
    except KvtrackError as e:
        raise KvtrackError(f"--status: {e.message}") from None
    day = _on_date(on)
    _record(
        file,
        commitment_id,
        lambda reg: set_status(reg, commitment_id, new_status, day, note, evidence),
        dry_run,
        lambda c: f"{c.after.id}: {new_status.value} on {day} (was {c.before.status.value})",
    )


@app.command()
def reschedule(
    commitment_id: IdArgument,
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD", help="The new due: 2026, 2026-H1, 2026-Q2, 2026-05, 2026-05-31."
        ),
    ],
    on: OnOption = None,
    note: NoteOption = None,
    evidence: EvidenceOption = None,
    file: EditFileOption = DEFAULT_FILE,
    dry_run: DryRunOption = False,
) -> None:
    """Record a new due for a commitment. The original due stays, so the slip stays visible.

    Examples:

    \b
      kvtrack reschedule groningen-cascadeplein 2026-Q2 --note "Uitgesteld"
      kvtrack reschedule groningen-kempkensberg-ontmoetingsplein 2033 \\
        --evidence https://www.tweedekamer.nl/...
    """
    from kvtrack.core.edits import reschedule as decide

    new_due = period_option("PERIOD", period)
    if new_due is None:
        raise KvtrackError("PERIOD is empty; give the new due, e.g. 2026-Q2")
    day = _on_date(on)
    _record(
        file,
        commitment_id,
        lambda reg: decide(reg, commitment_id, new_due, day, note, evidence),
        dry_run,
        lambda change: _rescheduled(change, day),
    )


@app.command()
def note(
    commitment_id: IdArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.", callback=safe_text)],
    on: OnOption = None,
    evidence: EvidenceOption = None,
    file: EditFileOption = DEFAULT_FILE,
    dry_run: DryRunOption = False,
) -> None:
    """Add a dated note to a commitment's history, without changing its status.

    Example:

    \b
      kvtrack note groningen-cascadeplein "Aanbesteding gestart" \\
        --evidence https://www.rijksoverheid.nl/...
    """
    from kvtrack.core.edits import add_note

    day = _on_date(on)
    _record(
        file,
        commitment_id,
        lambda reg: add_note(reg, commitment_id, text, day, evidence),
        dry_run,
        lambda change: f"{change.after.id}: note added on {day}",
    )


def _on_date(text: str | None) -> date:
    day = day_option("--on", text)
    now = today()
    if day > now:
        raise KvtrackError(
            f"--on {day} is in the future (today is {now} in Europe/Amsterdam); record what "
            "has happened, on the day it happened"
        )
    return day


def _record(
    file: Path,
    commitment_id: str,
    decide: Callable[[Register], Change],
    dry_run: bool,
    done: Callable[[Change], str],
) -> None:
    from kvtrack.store.edits import record

    def call(say: Callable[[str], None] | None, warn: Callable[[str], None]) -> Change:
        return record(file, decide, dry_run=say, warn=warn, commitment_id=commitment_id)

    _run(call, dry_run, done)


def _run(
    call: Callable[[Callable[[str], None] | None, Callable[[str], None]], T],
    dry_run: bool,
    done: Callable[[T], str],
) -> None:
    """Run an edit and report it with Ctrl-C held back (so an applied edit is always reported
    with exit 0); with --dry-run, print its diff instead of writing."""

    def show(diff: str) -> None:
        typer.echo(diff, nl=False)
        typer.echo("dry run: nothing was changed", err=True)

    def warn(text: str) -> None:
        typer.echo(text, err=True)

    with _interrupts():
        result = call(show if dry_run else None, warn)
        if not dry_run:
            typer.echo(done(result))


@contextmanager
def _interrupts() -> Iterator[None]:
    from kvtrack.store.lock import interrupts_held

    try:
        with interrupts_held():
            yield
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing was changed", err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def _blank_to_none(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def _rescheduled(change: Change, day: date) -> str:
    """`ID: rescheduled from 2025 to 2026-Q2 on DAY, 181 days later than promised`."""
    before, after = change.before, change.after
    was = str(before.current_due) if before.current_due else "undated"
    line = f"{after.id}: rescheduled from {was} to {after.current_due} on {day}"
    slip = after.slip_days
    if slip is None or after.due is None:
        return line
    promised = "" if before.current_due == after.due else f" ({after.due})"
    if slip == 0:
        return f"{line}, ending on the same day as promised{promised}"
    direction = "later" if slip > 0 else "earlier"
    days = abs(slip)
    return f"{line}, {days} day{'s' * (days != 1)} {direction} than promised{promised}"
