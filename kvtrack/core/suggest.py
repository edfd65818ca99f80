"""'Did you mean …?' for a value that is not one of the known ones."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """`; did you mean 'BZK'?` when one of `known` is close to `given` (ignoring case), else ''.

    Close means spelled alike, or `given` is the full name of an abbreviation ('Binnenlandse
    Zaken' for BZK, 'Infrastructuur en Waterstaat' for IenW).
    """
    by_folded = {k.casefold(): k for k in known}
    close = get_close_matches(given.casefold(), list(by_folded), n=1, cutoff=0.6)
    if not close:
        initials = "".join(w[0] for w in given.split() if w[:1].isupper()).casefold()
        close = [k for k in by_folded if len(initials) > 1 and _abbreviates(initials, k)][:1]
    return f"; did you mean '{by_folded[close[0]]}'?" if close else ""


def _abbreviates(initials: str, short: str) -> bool:
    """Whether `short` starts with the first initial and holds the others in order."""
    if not short.startswith(initials[0]):
        return False
    rest = iter(short[1:])
    return all(ch in rest for ch in initials[1:])
