"""What to tell someone whose filter names a value the register does not have.

`list --owner "Binnenlandse Zaken"` matching nothing is most often a wrong name, not an empty
register: say which owners exist, and which one is close.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kvtrack.core.model import Commitment, Register
from kvtrack.core.query import Filter
from kvtrack.core.suggest import did_you_mean

#: How many existing values a hint lists before it says '…'.
SHOWN = 12


def unknown_values(where: Filter, register: Register) -> list[str]:
    """A hint for each owner, place, tag or source in `where` that no commitment has."""

    def values(pick: Callable[[Commitment], Iterable[str]]) -> set[str]:
        return {v for c in register.commitments for v in pick(c) if v}

    kinds = (
        ("owner", "owners", where.owners, lambda c: (c.owner or "",)),
        ("place", "places", where.places, lambda c: c.places),
        ("tag", "tags", where.tags, lambda c: c.tags),
        ("source", "sources", where.sources, lambda c: (c.source,)),
    )
    hints = []
    for kind, plural, wanted, pick in kinds:
        if not wanted:
            continue  # the register is only walked for the filters given
        have = values(pick)
        folded = {h.casefold() for h in have}
        listed = sorted(have, key=str.casefold)
        hints += [_hint(kind, plural, v, listed) for v in wanted if v.casefold() not in folded]
    return hints


def _hint(kind: str, plural: str, value: str, have: list[str]) -> str:
    if not have:
        return f"no {kind} '{value}'; no commitment has one"
    listed = ", ".join(have[:SHOWN]) + (", …" if len(have) > SHOWN else "")
    return f"no {kind} '{value}'; {plural} are {listed}{did_you_mean(value, have)}"
