"""Parse cache: each valid file's validated Part, kept in the user's cache directory.

An entry is named after the file's absolute path (one entry per file, overwritten when it
changes) and used only when its header matches the file as it is now: kvtrack's version, this
format's number, a stamp of the loader's code, Python's version, how the file was read (alone or
in a directory) and the SHA-256 of the file's bytes. So an edit, a touch, or new content of the
same size never meets a stale entry. Only files without problems are cached, so an invalid file
reports its problems on every run.

Nobody else can make kvtrack believe an entry. The payload is authenticated with HMAC-SHA256
under a per-user secret key (`key` in the cache directory, 32 random bytes, mode 0600, created
atomically), so a forged or damaged entry is a miss. The directory, the key and every entry must
be the user's own and not writable by group or others, and none may be a symbolic link;
otherwise the cache is not used (one warning on stderr) and the file is parsed. Entries are
opened with O_NOFOLLOW | O_NONBLOCK and must be regular files, so a named pipe put in place of
one cannot make kvtrack wait. Reading builds kvtrack's own model classes and nothing else.

The cache is an optimisation and never an error: an entry that is corrupt, unreadable or from
other code is a miss (and rewritten); without a usable location (no HOME and no passwd entry, a
directory that cannot be made or written) kvtrack runs uncached, silently.

Where: $KVTRACK_CACHE_DIR, else the platform's user cache directory ($XDG_CACHE_HOME or ~/.cache
on Linux) + /kvtrack. KVTRACK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import io
import itertools
import operator
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from kvtrack import __version__
from kvtrack.core.model import Commitment, HistoryEntry, Source, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackWarning, Location
from kvtrack.store.loaded import Locations, Part, PartChange, Pieces

FORMAT = 13  # bump when Part, the model or the entry layout changes shape
KEY_FILE = "key"
_KEY_BYTES = 32
_MAC_LINE = 2 * hashlib.sha256().digest_size + 1  # hex digest and a newline
_ALLOWED = {
    ("kvtrack.store.cache", "_new_commitment"),
    ("kvtrack.store.cache", "_new_history_entry"),
    ("kvtrack.store.cache", "_new_source"),
    ("kvtrack.store.cache", "_new_period"),
    ("kvtrack.core.model", "Source"),  # what a builder is when it cannot be faster
    ("kvtrack.core.model", "Commitment"),
    ("kvtrack.core.model", "HistoryEntry"),
    ("kvtrack.core.model", "Status"),
    ("kvtrack.core.period", "Period"),
    ("datetime", "date"),
}
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def directory() -> Path | None:
    """Where entries live, or None when the cache is turned off or there is nowhere to keep it."""
    if os.environ.get("KVTRACK_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("KVTRACK_CACHE_DIR")
    if override:
        return Path(override)
    try:
        return _platform_directory()
    except (
        RuntimeError,
        KeyError,
        OSError,
    ):  # no HOME and no passwd entry (DynamicUser, containers)
        return None


def _platform_directory() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "kvtrack" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "kvtrack"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "kvtrack"


def key(digest: str, standalone: bool) -> bytes:
    """The header an entry must carry to stand for a file with this SHA-256, read this way."""
    how = "file" if standalone else "dir"
    py = "{}.{}".format(*sys.version_info[:2])
    return f"kvtrack-parse-cache {FORMAT} {__version__} {_code()} py{py} {how} {digest}\n".encode()


def stamped_files() -> list[Path]:
    """The source files whose code decides what a file means: every module the loader can use.

    Found, not listed: the layering lets `store` import only `core`, `errors` and the package's
    top, so those are the files (a rename or a new module is covered without anyone remembering).
    """
    package = Path(__file__).resolve().parent.parent
    found = [package / name for name in ("__init__.py", "errors.py")]
    for sub in ("core", "store"):
        found.extend(sorted((package / sub).rglob("*.py")))
    return found


@cache
def _code() -> str:
    """A stamp of the loader's source files: a checkout edited without a version bump (an
    editable install) must not be answered with what older code thought of a file."""
    package = Path(__file__).resolve().parent.parent
    stamp = hashlib.blake2b(digest_size=8)
    for path in stamped_files():
        try:
            st = os.stat(path)
        except OSError:  # not laid out as files (a zip): the version alone decides
            continue
        stamp.update(f"{path.relative_to(package)} {st.st_size} {st.st_mtime_ns};".encode())
    return stamp.hexdigest()


def entry_name(file: Path) -> str:
    return (
        hashlib.blake2b(os.fsencode(os.path.abspath(file)), digest_size=16).hexdigest() + ".pickle"
    )


def entry_path(cache_dir: Path, file: Path) -> Path:
    return cache_dir / entry_name(file)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(f: Any) -> str:
    """The SHA-256 of an open file's bytes, read in blocks (a hit never holds them in memory)."""
    return hashlib.file_digest(f, "sha256").hexdigest()


# -- the directory and its key -----------------------------------------------------------------
class _Place(NamedTuple):
    """An open, trusted cache directory and the user's secret key."""

    path: Path
    fd: int
    secret: bytes


def _warn(message: str) -> None:
    import warnings

    warnings.warn(KvtrackWarning(f"{message}; not using the parse cache"), stacklevel=3)


def _untrusted(info: os.stat_result, what: str, path: Path, *, private: bool = False) -> bool:
    """Whether `info` is not the user's own, or writable (readable, when `private`) by others."""
    others = 0o077 if private else 0o022
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        _warn(f"{path}: the {what} belongs to another user")
        return True
    if info.st_mode & others:
        who = "group or others can read it" if private else "group or others can write to it"
        _warn(f"{path}: {who} (mode {stat.S_IMODE(info.st_mode):04o})")
        return True
    return False


@contextlib.contextmanager
def _opened(create: bool) -> Iterator[_Place | None]:
    """The cache directory, opened and checked, with its key; None when it is not to be used."""
    cache_dir = directory()
    if cache_dir is None or os.open not in os.supports_dir_fd:
        yield None
        return
    if create:
        with contextlib.suppress(OSError):
            cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(cache_dir, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC)
    except OSError:  # missing, not a directory, not ours to read: silently uncached
        if os.path.islink(cache_dir):
            _warn(f"{cache_dir}: the cache directory is a symbolic link")
        yield None
        return
    try:
        if _untrusted(os.fstat(fd), "cache directory", cache_dir):
            yield None
            return
        secret = _secret(fd, cache_dir, create)
        yield None if secret is None else _Place(cache_dir, fd, secret)
    finally:
        os.close(fd)


def _secret(dir_fd: int, cache_dir: Path, create: bool) -> bytes | None:
    """The user's key: read, or (when storing) made, written and linked into place atomically."""
    found = _read_key(dir_fd, cache_dir)
    if found is not None or not create:
        return found or None
    import secrets  # only when writing (2-3 ms to import, which a warm read need not pay)

    tmp = f".key-{secrets.token_hex(8)}"
    try:
        fd = os.open(
            tmp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC,
            0o600,
            dir_fd=dir_fd,
        )
        try:
            os.write(fd, secrets.token_bytes(_KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileExistsError):  # another kvtrack made one first: use that
            os.link(tmp, KEY_FILE, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return None  # cannot write here: uncached, silently
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
    return _read_key(dir_fd, cache_dir) or None


def _read_key(dir_fd: int, cache_dir: Path) -> bytes | None:
    """The key's bytes; None when there is none yet; b"" when there is one that must not be used."""
    path = cache_dir / KEY_FILE
    try:
        fd = os.open(KEY_FILE, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError:
        _warn(f"{path}: the key file is a symbolic link or cannot be read")
        return b""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != _KEY_BYTES:
            _warn(f"{path}: the key file is not a {_KEY_BYTES}-byte file")
            return b""
        if _untrusted(info, "key file", path, private=True):
            return b""
        return os.read(fd, _KEY_BYTES + 1)
    finally:
        os.close(fd)


# -- entries ----------------------------------------------------------------------------------
# An entry's payload, after its header and MAC, is pickled pieces and then a head that says where
# they are:
#
#     sources | open 0 | closed 0 | open 1 | closed 1 | ... | positions | head | length of the head
#
# where chunk k is the file's commitments k*CHUNK to (k+1)*CHUNK-1, stored as two pieces: its open
# (and partial) commitments, then its closed (done, dropped) ones; positions are the line and
# column of every source and commitment id; head = (path, the paths the positions are of, foreign
# citations, pieces' lengths, and for each chunk the places in it of its closed commitments, as
# bytes); the length of the head is 8 bytes. Pieces, not one pickle of the Part:
# - an edit stores the new register by re-pickling the one chunk it changed and copying the
#   others' bytes (at 10,000 commitments, 5 ms instead of 160 ms);
# - a refusal can be decided on the ids (in the head) without building the register;
# - a read that shows only open commitments (`due`, `check`) builds neither the closed ones (in a
#   register of some years, about half of it and more than half of its history) nor the sources,
#   and reads the positions only if it asks where an id is (a directory's merge does; one file's
#   `due` never does: 31 ms of 50,000 commitments).
# The HMAC covers the whole payload.
CHUNK = 256  # commitments a chunk (at most 256: a place in a chunk is one byte)
_LENGTH = 8


def lookup(
    file: Path, sha256: str, standalone: bool, *, open_only: bool = False, keep_pieces: bool = False
) -> Part | None:
    """The cached Part of `file` when one was stored for bytes with this SHA-256, else None.

    `open_only`: the Part holds the open commitments and no sources (`Part.complete` is False).
    `keep_pieces`: the Part keeps the entry's pieces (an edit does, to store its result cheaply)."""
    found = find(file, sha256, standalone)
    if found is None:
        return None
    return found.open_part() if open_only else found.part(keep_pieces=keep_pieces)


def find(file: Path, sha256: str, standalone: bool) -> Entry | None:
    """The authenticated entry of `file` for bytes with this SHA-256, else None."""
    with _opened(create=False) as place:
        if place is None:
            return None
        try:
            payload = _payload(place, file, key(sha256, standalone))
            return None if payload is None else Entry(memoryview(payload))
        except Exception:  # unreadable, from other code: a miss, never an error
            return None


_Head = tuple[
    str,
    tuple[str, str],
    list[tuple[str, str, int | None, int | None]],
    tuple[int, ...],
    tuple[bytes, ...],
]
_Table = dict[str, tuple[int, int]]


class Entry:
    """An authenticated entry: its head read, its register built only as far as asked.

    So an edit of an id the file does not have is refused on the head's positions (which name
    every id), and an edit of one commitment builds the sources and that commitment's piece, not
    10,000 commitments; `store_change` then writes the edited entry from this one's pieces."""

    __slots__ = ("_chunks", "_head", "_pieces", "_positions", "_sources")

    def __init__(self, view: memoryview) -> None:
        size = int.from_bytes(view[len(view) - _LENGTH :], "big")
        head = _loaded(view[len(view) - _LENGTH - size : len(view) - _LENGTH])
        if not (isinstance(head, tuple) and len(head) == 5):
            raise pickle.UnpicklingError("not an entry's head")
        self._head: _Head = head
        pieces, at = [], 0
        for piece_size in head[3]:
            pieces.append(view[at : at + piece_size])
            at += piece_size
        if at != len(view) - _LENGTH - size or len(pieces) != 2 + 2 * len(head[4]):
            raise pickle.UnpicklingError("the pieces do not fill the entry")
        self._pieces = pieces
        self._sources: dict[str, Source] | None = None
        self._chunks: dict[int, tuple[Commitment, ...]] = {}
        self._positions: tuple[_Table, _Table] | None = None

    @property
    def path(self) -> str:
        return self._head[0]

    @property
    def commitment_at(self) -> Locations:
        """Where each commitment is, by id, in the file's order."""
        return Locations(self._head[1][1], self._decoded_positions()[1])

    @property
    def sizes(self) -> tuple[int, ...]:
        """The pieces' lengths, in order (sources, each chunk's open and closed pieces, then the
        positions)."""
        return self._head[3]

    def part(self, *, keep_pieces: bool = False) -> Part | None:
        """The register the entry holds (None if it is not one, which the MAC makes unlikely)."""
        try:
            chunks = [self._chunk(k) for k in range(len(self._head[4]))]
            commitments = tuple(itertools.chain.from_iterable(chunks))
            part = self._part_holding(commitments)
        except Exception:  # from other code after all: a miss, never an error
            return None
        if keep_pieces:
            pieces = self._pieces
            part.pieces = Pieces(pieces[0], tuple(pieces[1:-1]), part.sources, commitments)
        return part

    def open_part(self) -> Part | None:
        """The register's open commitments in the file's order, and no sources: neither the
        closed commitments nor the sources are unpickled (at 10,000 commitments and 2,500
        sources, 12 ms for the sources alone), and the positions only when asked for. They still
        name every id, so ids and citations stay checked across files."""
        try:
            pieces = [self._piece(1 + 2 * k) for k in range(len(self._head[4]))]
            commitments = tuple(itertools.chain.from_iterable(pieces))
            part = self._part_holding(commitments, {}, on_demand=True)
        except Exception:
            return None
        part.complete = False
        return part

    def window(self, commitment_id: str | None) -> Part | None:
        """The Part with all its sources and positions but only the commitment `commitment_id`
        (none when None), for a change that reads no other; None if the entry cannot give it."""
        try:
            commitments: tuple[Commitment, ...] = ()
            if commitment_id is not None:
                index = list(self._decoded_positions()[1]).index(commitment_id)
                commitment = self._chunk(index // CHUNK)[index % CHUNK]
                if commitment.id != commitment_id:
                    return None
                commitments = (commitment,)
            return self._part_holding(commitments)
        except Exception:
            return None

    def _part_holding(
        self,
        commitments: tuple[Commitment, ...],
        sources: dict[str, Source] | None = None,
        *,
        on_demand: bool = False,
    ) -> Part:
        """A Part of these commitments with the entry's sources (or `sources`) and positions,
        the positions decoded now or, `on_demand`, when first asked for. Decoding them later
        cannot fail on an entry that passed its MAC: they are the very bytes written for them."""
        path, (sources_path, commitments_path), foreign, *_ = self._head
        if on_demand:
            source_at = Locations.on_demand(sources_path, lambda: self._decoded_positions()[0])
            commitment_at = Locations.on_demand(
                commitments_path, lambda: self._decoded_positions()[1]
            )
        else:
            sources_table, commitments_table = self._decoded_positions()
            source_at = Locations(sources_path, sources_table)
            commitment_at = Locations(commitments_path, commitments_table)
        return Part(
            path,
            self._decoded_sources() if sources is None else sources,
            commitments,
            source_at,
            commitment_at,
            [(sid, Location(where, line, col)) for sid, where, line, col in foreign],
        )

    def _decoded_positions(self) -> tuple[_Table, _Table]:
        if self._positions is None:
            positions = _loaded(self._pieces[-1])
            if not (isinstance(positions, tuple) and [type(t) for t in positions] == [dict, dict]):
                raise pickle.UnpicklingError("not positions")
            self._positions = positions
        return self._positions

    def _decoded_sources(self) -> dict[str, Source]:
        if self._sources is None:
            sources = _loaded(self._pieces[0])
            if not isinstance(sources, dict):
                raise pickle.UnpicklingError("not sources")
            self._sources = sources
        return self._sources

    def _chunk(self, k: int) -> tuple[Commitment, ...]:
        """Chunk k's commitments in the file's order: its open and closed pieces interleaved."""
        chunk = self._chunks.get(k)
        if chunk is None:
            chunk = _interleaved(self._piece(1 + 2 * k), self._piece(2 + 2 * k), self._head[4][k])
            self._chunks[k] = chunk
        return chunk

    def _piece(self, index: int) -> tuple[Commitment, ...]:
        found = _loaded(self._pieces[index])
        if not isinstance(found, tuple):
            raise pickle.UnpicklingError("not commitments")
        return found

    def write_changed(self, write: _Write, change: PartChange, path: str) -> None:
        """The payload of this entry after `change`: the pieces it did not touch copied, the
        others (the sources if they changed, the commitments' pieces it replaced or appended to)
        pickled again; the same layout as a Part stored whole."""
        reducers = _reducers()
        sizes = []
        old_sources = self._decoded_sources()
        if _same(old_sources.values(), change.sources.values()):
            sizes.append(write(self._pieces[0]))
        else:
            sizes.append(write(_dumped(change.sources, reducers)))
        count = len(self._decoded_positions()[1])  # commitments before the change
        touched = {i // CHUNK for i in change.replaced}
        if change.appended and count % CHUNK:
            touched.add(count // CHUNK)  # the last chunk has room for some
        appended = list(change.appended)
        closed_at: list[bytes] = []
        for k in range(len(self._head[4])):
            if k not in touched:
                sizes.append(write(self._pieces[1 + 2 * k]))
                sizes.append(write(self._pieces[2 + 2 * k]))
                closed_at.append(self._head[4][k])
                continue
            chunk = list(self._chunk(k))
            for i, commitment in change.replaced.items():
                if i // CHUNK == k:
                    chunk[i % CHUNK] = commitment
            if k == count // CHUNK:
                room = CHUNK - len(chunk)
                chunk.extend(appended[:room])
                del appended[:room]
            closed_at.append(_write_chunk(write, tuple(chunk), reducers, sizes))
        closed_at.extend(
            _write_chunk(write, tuple(appended[start : start + CHUNK]), reducers, sizes)
            for start in range(0, len(appended), CHUNK)
        )
        _write_head(
            write, path, change.source_at, change.commitment_at, change.foreign, sizes, closed_at
        )


def _interleaved(
    open_: tuple[Commitment, ...], closed: tuple[Commitment, ...], closed_at: bytes
) -> tuple[Commitment, ...]:
    """A chunk's commitments in the file's order, from its open and closed pieces and the places
    of the closed ones."""
    if len(closed) != len(closed_at):
        raise pickle.UnpicklingError("the closed piece does not match its places")
    if not closed:
        return open_
    places = set(closed_at)
    opened, shut = iter(open_), iter(closed)
    return tuple(
        next(shut) if i in places else next(opened) for i in range(len(open_) + len(closed))
    )


def _write_chunk(
    write: _Write,
    chunk: tuple[Commitment, ...],
    reducers: dict[type, Callable[[Any], tuple[Any, tuple[Any, ...]]]],
    sizes: list[int],
) -> bytes:
    """Pickle a chunk as its open piece and its closed piece (adding their lengths to `sizes`);
    return the places of the closed commitments in it."""
    closed_at = bytes(i for i, c in enumerate(chunk) if c.status.closed)
    places = set(closed_at)
    sizes.append(write(_dumped(tuple(c for i, c in enumerate(chunk) if i not in places), reducers)))
    sizes.append(write(_dumped(tuple(chunk[i] for i in closed_at), reducers)))
    return closed_at


def _loaded(piece: memoryview) -> Any:
    return _Unpickler(io.BytesIO(piece)).load()


def _payload(place: _Place, file: Path, header: bytes) -> bytes | None:
    """The entry's authenticated payload, or None."""
    name = entry_name(file)
    flags = os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    try:
        fd = os.open(name, flags, dir_fd=place.fd)
    except FileNotFoundError:
        return None
    except OSError:  # ELOOP: a symbolic link put in its place
        _warn(f"{place.path / name}: a cache entry is a symbolic link or cannot be opened")
        return None
    with open(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            _warn(f"{place.path / name}: a cache entry is not a regular file")
            return None
        if _untrusted(info, "cache entry", place.path / name):
            return None
        if f.read(len(header)) != header:
            return None  # another file's bytes, other code: a plain miss
        mac = f.read(_MAC_LINE).rstrip(b"\n")
        payload = f.read()
    expected = hmac.new(place.secret, header, "sha256")
    expected.update(payload)
    if not hmac.compare_digest(mac, expected.hexdigest().encode()):
        return None  # forged, or damaged on disk: never a wrong register
    return payload


def store(file: Path, sha256: str, standalone: bool, part: Part) -> None:
    """Store `part`, parsed from bytes with this SHA-256, for `file`, atomically; nothing when that
    cannot be done (or `part` leaves out its closed commitments: an entry is a whole file's)."""
    if part.complete:
        _store(file, sha256, standalone, lambda write: _write_payload(write, part))


def store_change(
    file: Path, sha256: str, standalone: bool, entry: Entry, change: PartChange
) -> None:
    """Store what `entry` holds after `change`, for the file's new bytes (with this SHA-256),
    re-encoding only the pieces the change touched; nothing when that cannot be done."""
    _store(file, sha256, standalone, lambda write: entry.write_changed(write, change, entry.path))


_Write = Callable[[bytes | memoryview], int]


def _store(
    file: Path, sha256: str, standalone: bool, write_payload: Callable[[_Write], None]
) -> None:
    with _opened(create=True) as place:
        if place is not None:
            _write_entry(place, entry_name(file), key(sha256, standalone), write_payload)


def _write_entry(
    place: _Place, name: str, header: bytes, write_payload: Callable[[_Write], None]
) -> None:
    import secrets

    tmp = f".tmp-{secrets.token_hex(8)}"
    written = False
    try:
        fd = os.open(
            tmp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC,
            0o600,
            dir_fd=place.fd,
        )
        with open(fd, "wb") as f:
            f.write(header)
            mac_at = f.tell()
            f.write(b"0" * (_MAC_LINE - 1) + b"\n")  # placeholder, the same length as the mac
            out = _Signed(f, hmac.new(place.secret, header, "sha256"))
            write_payload(out.write)
            f.seek(mac_at)
            f.write(out.mac.hexdigest().encode())
        os.replace(tmp, name, src_dir_fd=place.fd, dst_dir_fd=place.fd)
        written = True
    except Exception:  # a cache that cannot be written is no error (see the top)
        pass  # an edit already applied must still be reported as applied
    finally:
        if not written:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=place.fd)


def payload(part: Part) -> bytes:
    """The payload an entry for `part` holds: what its MAC signs."""
    out = io.BytesIO()
    _write_payload(out.write, part)
    return out.getvalue()


def _write_payload(write: _Write, part: Part) -> None:
    """The pieces, one at a time (a big register is never all in memory as a pickle), then the
    head. A piece whose objects are the ones `part.pieces` decoded to is copied, not pickled."""
    reducers = _reducers()
    old = part.pieces
    sizes = []
    if old is not None and _same(old.sources.values(), part.sources.values()):
        sizes.append(write(old.sources_piece))
    else:
        sizes.append(write(_dumped(part.sources, reducers)))
    commitments = part.commitments
    old_pieces = old.chunks if old is not None else ()
    decoded = old.commitments if old is not None else ()
    closed_at: list[bytes] = []
    for k, start in enumerate(range(0, len(commitments), CHUNK)):
        chunk = commitments[start : start + CHUNK]
        if 2 * k + 1 < len(old_pieces) and _same(decoded[start : start + CHUNK], chunk):
            sizes.append(write(old_pieces[2 * k]))
            sizes.append(write(old_pieces[2 * k + 1]))
            closed_at.append(bytes(i for i, c in enumerate(chunk) if c.status.closed))
            continue
        closed_at.append(_write_chunk(write, chunk, reducers, sizes))
    _write_head(
        write, part.path, part.source_at, part.commitment_at, part.foreign, sizes, closed_at
    )


def _write_head(
    write: _Write,
    path: str,
    source_at: Locations,
    commitment_at: Locations,
    foreign: list[tuple[str, Location]],
    sizes: list[int],
    closed_at: list[bytes],
) -> None:
    positions = (source_at.table(), commitment_at.table())
    sizes.append(write(pickle.dumps(positions, protocol=pickle.HIGHEST_PROTOCOL)))
    head = (
        path,
        (source_at.path, commitment_at.path),
        [(sid, where.path, where.line, where.col) for sid, where in foreign],
        tuple(sizes),
        tuple(closed_at),
    )
    encoded = pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL)
    write(encoded)
    write(len(encoded).to_bytes(_LENGTH, "big"))


def _same(old: Iterable[object], new: Iterable[object]) -> bool:
    """The same objects, in the same order (what a piece decoded to is what is stored)."""
    old, new = list(old), list(new)
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


def _dumped(
    value: object, reducers: dict[type, Callable[[Any], tuple[Any, tuple[Any, ...]]]]
) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = reducers
    pickler.dump(value)
    return buffer.getvalue()


class _Signed:
    """A file the pickle is written through, feeding the entry's HMAC as it goes."""

    def __init__(self, f: Any, mac: hmac.HMAC) -> None:
        self._f = f
        self.mac = mac

    def write(self, chunk: bytes | memoryview) -> int:
        self.mac.update(chunk)
        written: int = self._f.write(chunk)
        return written


def _reducers() -> dict[type, Callable[[Any], tuple[Any, tuple[Any, ...]]]]:
    """How the model is pickled: the same on every Python, and fast to load.

    The frozen model classes become calls to their builders (below), with every field's value in
    order: their default pickling restores each object through dataclasses' `__setstate__`, a
    Python loop per object, and even a constructor call sets each field through
    `object.__setattr__` (frozen), 2-4 µs a commitment.

    Enums become `Status(value)`: left to themselves they pickle as `getattr(Status, name)` on
    some Pythons (3.11.0 to 3.11.4), which the restricted unpickler rightly refuses, so the cache
    never hit there.
    """

    def by_fields(cls: type) -> Callable[[Any], tuple[Callable[..., Any], tuple[Any, ...]]]:
        get = operator.attrgetter(*_field_names(cls))
        build = _BUILDERS[cls]
        return lambda obj: (build, get(obj))

    table: dict[type, Callable[[Any], tuple[Any, tuple[Any, ...]]]] = {
        cls: by_fields(cls) for cls in _BUILDERS
    }
    table[Status] = lambda status: (Status, (status.value,))
    return table


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _builder(cls: type, name: str) -> Callable[..., Any]:
    """A function making a `cls` from all its fields' values, four times as fast as `cls(...)`.

    It fills an instance of a plain class with the same slots (each field a plain attribute
    store) and then makes it a `cls`: Python allows `__class__` to change between classes with
    the same slot layout, and the object is then an ordinary, frozen `cls`, equal to one built
    by its constructor (a test checks each model class). When `cls` is not a plain slotted
    dataclass (a `__post_init__`, other slots), the builder is `cls` itself.
    """
    names = _field_names(cls)
    if getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__"):
        return cls
    source = f"def __init__(self, {', '.join(names)}):\n" + "".join(
        f"    self.{n} = {n}\n" for n in names
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # our own field names, as dataclasses builds __init__
    twin = type(
        f"_{cls.__name__}Slots", (), {"__slots__": names, "__init__": namespace["__init__"]}
    )

    def build(*values: Any) -> Any:
        obj = twin(*values)
        obj.__class__ = cls
        return obj

    build.__name__ = build.__qualname__ = name  # pickled by reference to this module's name
    return build


_new_commitment = _builder(Commitment, "_new_commitment")
_new_history_entry = _builder(HistoryEntry, "_new_history_entry")
_new_source = _builder(Source, "_new_source")
_new_period = _builder(Period, "_new_period")
_BUILDERS: dict[type, Callable[..., Any]] = {
    Commitment: _new_commitment,
    HistoryEntry: _new_history_entry,
    Source: _new_source,
    Period: _new_period,
}


class _Unpickler(pickle.Unpickler):
    """Builds kvtrack's model classes and nothing else, whatever the entry says."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a kvtrack cache")
        found: type = super().find_class(module, name)
        return found
