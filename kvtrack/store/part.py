"""What one commitments file gives once read and checked, and the register built from such parts.

Kept apart from the YAML reader (`load`) so that a register found in the parse cache is loaded
without importing the parser at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kvtrack.core.limits import MAX_INPUT_BYTES
from kvtrack.core.model import Commitment, Register, Source
from kvtrack.errors import Location, Problem, ValidationError


class Locations(Mapping[str, Location]):
    """Where each id of one file is: kept as line and column numbers, a Location when asked.

    A big register has tens of thousands of ids and most commands never ask where one is; two
    small ints cost a fifth of a Location to store, cache and load.
    """

    __slots__ = ("_at", "path")

    def __init__(self, path: str, at: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = path
        self._at = {} if at is None else at

    def add(self, key: str, line: int, col: int) -> None:
        self._at[key] = (line, col)

    def moved(self, path: str) -> Locations:
        """The same places in the same file named another way."""
        return Locations(path, self._at)

    def __getitem__(self, key: str) -> Location:
        line, col = self._at[key]
        return Location(self.path, line, col)

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __reduce__(self) -> tuple[type[Locations], tuple[str, dict[str, tuple[int, int]]]]:
        return (Locations, (self.path, self._at))


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


@dataclass(slots=True)
class Loaded:
    """A register together with where each of its commitments and sources was found."""

    register: Register
    paths: list[Path]
    commitment_at: Mapping[str, Location] = field(default_factory=dict)
    source_at: Mapping[str, Location] = field(default_factory=dict)


@dataclass(slots=True)
class Part:
    """One file's sources and commitments, valid on their own.

    `foreign` lists the citations of sources the file does not define, `(source id, where)`:
    whether they exist is for the merge to say, since another file of a directory may define them.
    """

    path: str
    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]
    source_at: Locations
    commitment_at: Locations
    foreign: list[tuple[str, Location]]


class PartError(ValidationError):
    """A file with problems, and what of it was valid (for the checks that span files)."""

    def __init__(self, problems: list[Problem], part: Part) -> None:
        super().__init__(problems=problems)
        self.part = part


# -- files ----------------------------------------------------------------------------------------
def read_bytes(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, or a KvtrackError that names the path and says what to do.

    A regular file only, of at most `max_bytes` (see `bounded`): never a device, pipe or hang.
    """
    from kvtrack.store.bounded import read_bounded

    return read_bounded(path, max_bytes)


def decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ValidationError(
            f"not UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8",
            where=Location(path, line, col),
        ) from None


@contextmanager
def no_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector out of a big load, and away from what it built.

    Loading allocates hundreds of thousands of objects and no cycles; each allocation burst sets off
    collections that walk everything allocated so far (a whole-document compose of 10,000
    commitments: 3.4 s with the collector on, 0.5 s off). What was built is then frozen: the
    register lives as long as the command, and the first collection after the load would otherwise
    walk all of it, as would later ones set off by assessing and rendering (50,000 from the cache:
    90 ms; assessing 10,000: 30-50 ms instead of 16 ms).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
