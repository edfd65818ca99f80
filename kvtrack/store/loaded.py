"""What reading gives: one file's checked `Part`, and the `Loaded` register merged from parts,
each with where its ids were found.

Kept apart from the YAML reader (`reader`) so that a register found in the parse cache is loaded
without importing the parser at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.errors import Location, Problem, ValidationError


class Locations(Mapping[str, Location]):
    """Where each id of one file is: kept as line and column numbers, a Location when asked.

    A big register has tens of thousands of ids and most commands never ask where one is; two
    small ints cost a fifth of a Location to store, cache and load.
    """

    __slots__ = ("_at", "_load", "path")

    def __init__(self, path: str, at: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = path
        self._at = {} if at is None else at
        self._load: Callable[[], dict[str, tuple[int, int]]] | None = None

    @classmethod
    def on_demand(cls, path: str, load: Callable[[], dict[str, tuple[int, int]]]) -> Locations:
        """Places that `load` gives when first asked for (the parse cache's, for a read that may
        never ask: `due` on one file)."""
        found = cls(path)
        found._load = load
        return found

    def table(self) -> dict[str, tuple[int, int]]:
        """The (line, column) of each id, as kept (for the parse cache)."""
        if self._load is not None:
            self._at, self._load = self._load(), None
        return self._at

    def add(self, key: str, line: int, col: int) -> None:
        self.table()[key] = (line, col)

    def moved(self, path: str) -> Locations:
        """The same places in the same file named another way (still read when first asked)."""
        found = Locations(path, self._at)
        found._load = self._load
        return found

    def shifted(self, shifts: list[tuple[int, int]], new: dict[str, tuple[int, int]]) -> Locations:
        """The places after an edit: `(line, n)` inserted n lines (n < 0: removed) at that line,
        moving what starts there or later; `new` adds the places of new ids."""
        if len(shifts) == 1:  # the usual edit: one place, a quick pass
            (start, n), old = shifts[0], self.table()
            at = {k: (v[0] + n, v[1]) if v[0] >= start else v for k, v in old.items()}
        else:
            at = {
                k: (line + sum(n for s, n in shifts if line >= s), col)
                for k, (line, col) in self.table().items()
            }
        at.update(new)
        return Locations(self.path, at)

    def __getitem__(self, key: str) -> Location:
        line, col = self.table()[key]
        return Location(self.path, line, col)

    def __contains__(self, key: object) -> bool:
        return key in self.table()

    def __iter__(self) -> Iterator[str]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())

    def __reduce__(self) -> tuple[type[Locations], tuple[str, dict[str, tuple[int, int]]]]:
        return (Locations, (self.path, self.table()))


class Spread(Mapping[str, Location]):
    """Where each id of a directory is: found in the Locations of the file that holds it."""

    __slots__ = ("_by_id",)

    def __init__(self, by_id: dict[str, Locations]) -> None:
        self._by_id = by_id

    def __getitem__(self, key: str) -> Location:
        return self._by_id[key][key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


class Loaded(NamedTuple):
    """A register together with where each of its commitments and sources was found."""

    register: Register
    paths: list[Path]
    commitment_at: Mapping[str, Location]
    source_at: Mapping[str, Location]


class Pieces(NamedTuple):
    """The parse cache's authenticated pieces a Part was loaded from (see store.cache), with the
    objects they decode to.

    Storing a Part that carries them reuses a piece's bytes when the Part holds the very same
    objects (identity, not equality) that were decoded from it.
    """

    sources_piece: memoryview
    chunks: tuple[memoryview, ...]  # each chunk's open piece and closed piece, in order
    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]


@dataclass(slots=True)
class Part:
    """One file's sources and commitments, valid on their own.

    `foreign` lists the citations of sources the file does not define, `(source id, where)`:
    whether they exist is for the merge to say, since another file of a directory may define them.

    `complete` is False when the closed commitments and the sources were left out (a read that
    shows neither asked the parse cache for the open commitments only); `commitment_at` and
    `source_at` still name every id.
    """

    path: str
    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]
    source_at: Locations
    commitment_at: Locations
    foreign: list[tuple[str, Location]]
    # The parse cache's encoded pieces this Part was loaded from, kept by an
    # edit so that storing the new Part re-encodes only what the edit changed.
    pieces: Pieces | None = field(default=None, compare=False, repr=False)
    complete: bool = True


class PartChange(NamedTuple):
    """What an edit made of one file's Part: the commitments it replaced (by their index in the
    file's order) and appended, and the sources and positions after it."""

    replaced: dict[int, Commitment]
    appended: tuple[Commitment, ...]
    sources: dict[str, Source]
    source_at: Locations
    commitment_at: Locations
    foreign: list[tuple[str, Location]]

    def applied(self, part: Part) -> Part:
        """`part` after the change (keeping its pieces, so the cache re-encodes only the changed)."""
        commitments = list(part.commitments)
        for index, commitment in self.replaced.items():
            commitments[index] = commitment
        commitments.extend(self.appended)
        return Part(
            part.path,
            self.sources,
            tuple(commitments),
            self.source_at,
            self.commitment_at,
            self.foreign,
            pieces=part.pieces,
        )


class PartError(ValidationError):
    """A file with problems, and what of it was valid (for the checks that span files)."""

    def __init__(self, problems: list[Problem], part: Part) -> None:
        super().__init__(problems=problems)
        self.part = part
