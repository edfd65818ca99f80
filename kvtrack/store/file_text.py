"""The first stage of reading: a commitments file's bytes, and its text decoded as UTF-8.

Failures become a KvtrackError that names the path and says what to do.
"""

from __future__ import annotations

from pathlib import Path

from kvtrack.errors import KvtrackError, Location, ValidationError


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a KvtrackError that names the path and says what to do."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KvtrackError(
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


def read_text(path: Path) -> str:
    """The file's text, or a KvtrackError that names the path and says what to do."""
    return decode(read_bytes(path), str(path))
