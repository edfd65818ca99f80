"""Shell completion of values from the register: commitment ids, source ids, owners, places, tags.

Typer completes commands and options itself (`kvtrack --install-completion`). These functions
complete the values: `kvtrack show gron<TAB>`. They run only while the shell asks, read the file
named by --file (or KVTRACK_FILE, or ./commitments.yaml) through the parse cache, and never fail:
a file that cannot be read completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kvtrack.core.model import Commitment, Register


def _register(ctx: Any) -> Register | None:
    from kvtrack.cli.options import DEFAULT_FILE
    from kvtrack.errors import KvtrackError
    from kvtrack.store.register import load

    params = getattr(ctx, "params", None) or {}
    path = params.get("file") or DEFAULT_FILE
    try:
        return load(Path(path)).register
    except (KvtrackError, OSError):
        return None


def _matching(values: Iterable[str], incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    return sorted({v for v in values if v.casefold().startswith(folded)}, key=str.casefold)


def _values_of(pick: Callable[[Register], Iterable[str]]) -> Callable[[Any, str], list[str]]:
    def complete(ctx: Any, incomplete: str) -> list[str]:
        register = _register(ctx)
        return [] if register is None else _matching(pick(register), incomplete)

    return complete


def _each(register: Register, field: Callable[[Commitment], Iterable[str]]) -> Iterable[str]:
    return (v for c in register.commitments for v in field(c))


commitment_ids = _values_of(lambda r: (c.id for c in r.commitments))
source_ids = _values_of(lambda r: r.sources)
owners = _values_of(lambda r: (c.owner for c in r.commitments if c.owner))
places = _values_of(lambda r: _each(r, lambda c: c.places))
tags = _values_of(lambda r: _each(r, lambda c: c.tags))
