"""Bounds on what kvtrack reads, in one place, so every reader and renderer agrees on them.

A register or document larger, deeper or further in time than these is refused with a message,
never read into memory without end or handed to a renderer that cannot draw it.
"""

from __future__ import annotations

#: Largest input file or standard input read by any command (`--max-bytes` changes it).
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Deepest YAML nesting accepted in a register (the schema needs five levels).
MAX_NESTING = 32

#: Earliest and latest year a date or period may name, in files and in options: every renderer
#: can add a window (at most `MAX_WITHIN_YEARS`) to a date in this range without overflow.
MIN_YEAR = 1000
MAX_YEAR = 9998

#: Longest `--within` window.
MAX_WITHIN_YEARS = 100

#: Most entries (files and folders) looked at under a directory store: `--file /` must end soon.
MAX_STORE_ENTRIES = 20_000

_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(text: str) -> int:
    """`--max-bytes`: a number of bytes, or with K, M or G (KiB, MiB, GiB): 64M, 1G, 500000."""
    import re

    from kvtrack.errors import KvtrackError

    m = re.fullmatch(r"\s*([0-9]{1,12})\s*([KMG]?)(?:i?B)?\s*", text, re.IGNORECASE)
    if m is None or int(m[1]) == 0:
        raise KvtrackError(
            f"'{text}' is not a size; write it as a number of bytes, or with K, M or G: 64M, 1G"
        )
    return int(m[1]) * _SIZE_UNITS[m[2].upper()]


def too_large(size: int | None, limit: int, what: str = "file") -> str:
    """The one message for an input over the byte limit (its `size` when known): the register's
    files and extract's documents and standard input alike."""
    shown = "more than" if size is None else f"{size_text(size)}, more than"
    return (
        f"the {what} is {shown} the {size_text(limit)} kvtrack reads; pass --max-bytes "
        "(or set KVTRACK_MAX_BYTES) to read a bigger one"
    )


def size_text(n: int) -> str:
    """64 MiB, 1.5 GiB, 300 bytes: a size for a message."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"
