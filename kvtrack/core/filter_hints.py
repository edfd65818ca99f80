"""What to tell someone whose filter names a value the register does not have.

`list --owner "Binnenlandse Zaken"` matching nothing is most often a wrong name, not an empty
register: say which owners exist, and which one is close.
"""

from __future__ import annotations

from kvtrack.core.model import Register
from kvtrack.core.query import Filter
from kvtrack.core.suggest import did_you_mean

#: How many existing values a hint lists before it says '…'.
SHOWN = 12


def unknown_values(where: Filter, register: Register) -> list[str]:
    """A hint for each owner, place, tag or source in `where` that no commitment has."""
    cs = register.commitments
    kinds = (
        ("owner", "owners", where.owners, {c.owner for c in cs if c.owner}),
        ("place", "places", where.places, {p for c in cs for p in c.places}),
        ("tag", "tags", where.tags, {t for c in cs for t in c.tags}),
        ("source", "sources", where.sources, {c.source for c in cs}),
    )
    hints = []
    for kind, plural, wanted, have in kinds:
        folded = {h.casefold() for h in have}
        for value in wanted:
            if value.casefold() not in folded:
                hints.append(_hint(kind, plural, value, sorted(have, key=str.casefold)))
    return hints


def _hint(kind: str, plural: str, value: str, have: list[str]) -> str:
    if not have:
        return f"no {kind} '{value}'; no commitment has one"
    listed = ", ".join(have[:SHOWN]) + (", …" if len(have) > SHOWN else "")
    return f"no {kind} '{value}'; {plural} are {listed}{did_you_mean(value, have)}"
