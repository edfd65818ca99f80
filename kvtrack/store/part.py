"""What one commitments file gives once read and checked, and the register built from such parts.

Kept apart from the YAML reader (`load`) so that a register found in the parse cache is loaded
without importing the parser at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.errors import KvtrackError, Location, NotFoundError, Problem, ValidationError


@dataclass(slots=True)
class Loaded:
    """A register together with where each of its commitments and sources was found."""

    register: Register
    paths: list[Path]
    commitment_at: dict[str, Location] = field(default_factory=dict)
    source_at: dict[str, Location] = field(default_factory=dict)


@dataclass(slots=True)
class Part:
    """One file's sources and commitments, valid on their own.

    `foreign` lists the citations of sources the file does not define, `(source id, where)`:
    whether they exist is for the merge to say, since another file of a directory may define them.
    """

    path: str
    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]
    source_at: dict[str, Location]
    commitment_at: dict[str, Location]
    foreign: list[tuple[str, Location]]


class PartError(ValidationError):
    """A file with problems, and what of it was valid (for the checks that span files)."""

    def __init__(self, problems: list[Problem], part: Part) -> None:
        super().__init__(problems=problems)
        self.part = part


# -- files ----------------------------------------------------------------------------------------
def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a KvtrackError that names the path and says what to do."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(
            "no such file; pass --file PATH, set KVTRACK_FILE, or run kvtrack where commitments.yaml is",
            where=Location(str(path)),
        ) from None
    except IsADirectoryError:
        raise KvtrackError(
            "is a directory, not a commitments file", where=Location(str(path))
        ) from None
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=Location(str(path))) from None


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
    """Keep the cyclic garbage collector out of a big load.

    Loading allocates hundreds of thousands of objects and no cycles; each allocation burst sets off
    collections that walk everything allocated so far (10,000 commitments: 3.4 s to read with the
    collector on, 0.5 s with it off).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
