"""The parse cache: never stale, and never an error whatever state its entries are in."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
import io
import os
import pickle
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, MINIMAL, SHIPPED

import kvtrack.core.model as model_module
import kvtrack.core.period as period_module
import kvtrack.store.loaded as loaded_module
import kvtrack.store.reader as reader_module
from kvtrack.core.model import Status
from kvtrack.core.period import Period
from kvtrack.store import cache
from kvtrack.store.register import load


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the YAML parser ran on (a cache hit does not parse)."""
    seen: list[str] = []
    real = reader_module.parse_part

    def counting(text, path, **kw):
        seen.append(path)
        return real(text, path, **kw)

    monkeypatch.setattr(reader_module, "parse_part", counting)
    return seen


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def entry(path: Path) -> Path:
    cache_dir = cache.directory()
    assert cache_dir is not None
    return cache.entry_path(cache_dir, path)


def sign(cache_dir: Path, header: bytes, payload: bytes) -> bytes:
    """The MAC kvtrack itself would write (only someone holding the user's key can)."""
    return (
        hmac.new((cache_dir / "key").read_bytes(), header + payload, "sha256").hexdigest().encode()
    )


def title(path: Path) -> str:
    return load(path).register.get("a").title


def test_second_load_comes_from_the_cache(register_file, parses):
    assert title(register_file) == "Iets in 2025"
    assert entry(register_file).is_file()
    assert title(register_file) == "Iets in 2025"
    assert parses == [str(register_file)]  # parsed once


def test_an_edit_is_seen(register_file, parses):
    title(register_file)
    register_file.write_text(MINIMAL.replace("Iets in 2025", "Iets anders"), encoding="utf-8")
    assert title(register_file) == "Iets anders"
    assert len(parses) == 2


def test_touch_keeps_the_entry_because_the_content_is_the_key(register_file, parses):
    title(register_file)
    os.utime(register_file)
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 1


def test_same_size_and_time_different_content(register_file, parses):
    due = load(register_file).register.get("a").due
    before = register_file.stat()
    text = MINIMAL.replace("due: 2025", "due: 2026")
    assert len(text) == len(MINIMAL)
    register_file.write_text(text, encoding="utf-8")
    os.utime(register_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = register_file.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert str(due) == "2025"
    assert str(load(register_file).register.get("a").due) == "2026"


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.write_bytes(b"\x00garbage\xff" * 10),
        lambda e: e.write_bytes(e.read_bytes()[: len(e.read_bytes()) // 2]),  # cut short
        lambda e: e.write_bytes(b""),
        lambda e: e.write_bytes(e.read_bytes()[:-1] + b"\x00"),  # last byte wrong
    ],
    ids=["garbage", "truncated", "empty", "last-byte"],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(register_file, parses, damage):
    title(register_file)
    damage(entry(register_file))
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2  # rewritten: the third load is a hit again


def test_an_entry_from_another_version_is_ignored(register_file, parses, monkeypatch):
    title(register_file)
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2


def test_an_entry_from_another_format_is_ignored(register_file, parses, monkeypatch):
    title(register_file)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2


def test_an_unreadable_entry_is_a_miss(register_file, parses):
    title(register_file)
    e = entry(register_file)
    e.unlink()
    e.mkdir()  # opening it fails whoever we are (root ignores file modes)
    assert title(register_file) == "Iets in 2025"
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 3  # and it cannot be replaced, so every load parses


def test_a_cache_directory_that_cannot_be_made_is_skipped(register_file, parses, monkeypatch):
    blocker = register_file.parent / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("KVTRACK_CACHE_DIR", str(blocker / "cache"))
    assert title(register_file) == "Iets in 2025"
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_cache_directory_is_skipped(register_file, parses, private_cache):
    private_cache.chmod(0o500)
    try:
        assert title(register_file) == "Iets in 2025"
        assert title(register_file) == "Iets in 2025"
    finally:
        private_cache.chmod(0o700)
    assert len(parses) == 2
    assert not list(private_cache.iterdir())


def test_a_read_only_cache_directory_is_skipped_as_root_too(register_file, parses, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.os, "replace", refuse)
    assert title(register_file) == "Iets in 2025"
    assert not entry(register_file).exists()
    assert [p.name for p in entry(register_file).parent.iterdir()] == ["key"]  # no temporary


def test_an_invalid_file_is_never_cached(run, write_yaml, private_cache):
    path = write_yaml(MINIMAL.replace("due: 2025", "due: 2025-Q5"))
    for _ in range(2):
        result = run("validate", "--file", str(path))
        assert result.exit_code == 2
        assert "2025-Q5" in result.stderr
    assert not any(private_cache.glob("*.pickle"))


def test_kvtrack_no_cache_writes_nothing(register_file, parses, private_cache, monkeypatch):
    monkeypatch.setenv("KVTRACK_NO_CACHE", "1")
    title(register_file)
    title(register_file)
    assert len(parses) == 2
    assert not any(private_cache.iterdir())


def test_entries_are_private_and_no_temporary_files_are_left(register_file, private_cache):
    title(register_file)
    files = sorted(private_cache.iterdir(), key=lambda f: f.suffix)
    assert files[0].name == "key"
    assert [f.suffix for f in files] == ["", ".pickle"]
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)
    assert private_cache.stat().st_mode & 0o077 == 0


def test_an_entry_that_would_run_code_is_refused(register_file, tmp_path):
    title(register_file)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    e = entry(register_file)
    header = e.read_bytes().split(b"\n", 1)[0] + b"\n"
    payload = pickle.dumps(Evil())
    e.write_bytes(header + sign(e.parent, header, payload) + b"\n" + payload)  # even signed
    assert title(register_file) == "Iets in 2025"
    assert not marker.exists()


def test_a_flipped_bit_in_an_entry_is_not_a_wrong_register(register_file, parses):
    title(register_file)
    e = entry(register_file)
    data = e.read_bytes()
    e.write_bytes(data.replace(b"Iets in 2025", b"Iets in 2024"))  # still a valid pickle
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2


def test_the_same_file_named_another_way_keeps_its_own_name(register_file, monkeypatch):
    load(register_file.resolve())
    monkeypatch.chdir(register_file.parent)
    loaded = load(Path("c.yaml"))
    assert loaded.commitment_at["a"].path == "c.yaml"


def test_a_copy_elsewhere_is_read_on_its_own(register_file, tmp_path, parses):
    title(register_file)
    other = tmp_path / "other"
    other.mkdir()
    copy = other / "c.yaml"
    shutil.copy(register_file, copy)
    assert load(copy).commitment_at["a"].path == str(copy)


def test_an_entry_made_by_other_validator_code_is_ignored(register_file, parses, monkeypatch):
    title(register_file)
    monkeypatch.setattr(cache, "_code", lambda: "edited-checkout")
    assert title(register_file) == "Iets in 2025"
    assert len(parses) == 2


# -- nobody else can poison it ----------------------------------------------------------------
OVERDUE_AS_OF = "2026-11-27"  # MINIMAL's commitment (due 2025) is overdue then


def forged(register_file: Path, mac: bytes) -> None:
    """Replace the entry by one that says the commitment is done, with the given MAC."""
    e = entry(register_file)
    header = e.read_bytes().split(b"\n", 1)[0] + b"\n"
    part = load(register_file)
    c = part.register.commitments[0]
    done = cache.Part(
        str(register_file),
        part.register.sources,
        (dataclasses.replace(c, title="Vervalst", status=Status.DONE),),
        loaded_module.Locations(str(register_file), {"src": (3, 5)}),
        loaded_module.Locations(str(register_file), {"a": (11, 5)}),
        [],
    )
    payload = cache.payload(done)
    e.write_bytes(header + mac + b"\n" + payload)


@pytest.mark.parametrize(
    "mac",
    [b"0" * 64, hashlib.sha256(b"guess").hexdigest().encode(), b"crc"],
    ids=["zeros", "unkeyed-sha256", "crc-like"],
)
def test_a_forged_entry_is_a_miss(run, register_file, parses, mac):
    assert run("check", "--file", str(register_file), "--as-of", OVERDUE_AS_OF).exit_code == 1
    forged(register_file, mac)
    result = run("check", "--file", str(register_file), "--as-of", OVERDUE_AS_OF, "--nagios")
    assert result.exit_code == 2  # CRITICAL: still overdue, the forgery was not believed
    assert result.stdout.startswith("KVTRACK CRITICAL - 1 overdue (a)")
    shown = run("show", "a", "--file", str(register_file))
    assert "Vervalst" not in shown.stdout and "Iets in 2025" in shown.stdout


def test_only_the_key_makes_an_entry_believed(register_file, parses):
    title(register_file)
    forged(register_file, b"0" * 64)
    e = entry(register_file)
    header, _, rest = e.read_bytes().partition(b"\n")
    payload = rest.split(b"\n", 1)[1]
    e.write_bytes(header + b"\n" + sign(e.parent, header + b"\n", payload) + b"\n" + payload)
    assert title(register_file) == "Vervalst"  # so the MAC is what keeps forgeries out


def warned(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def test_a_directory_writable_by_others_is_not_used(run, register_file, private_cache, parses):
    private_cache.chmod(0o777)
    for _ in range(2):
        result = run("validate", "--file", str(register_file))
        assert result.exit_code == 0
        assert warned(result) == [
            f"warning: {private_cache}: group or others can write to it (mode 0777); "
            "not using the parse cache"
        ]
    assert len(parses) == 2
    assert not any(private_cache.iterdir())


def test_a_directory_of_another_user_is_not_used(run, register_file, private_cache, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)
    result = run("list", "--file", str(register_file))
    assert result.exit_code == 0
    assert warned(result) == [
        f"warning: {private_cache}: the cache directory belongs to another user; "
        "not using the parse cache"
    ]
    assert not any(private_cache.iterdir())


def test_a_symlinked_directory_is_not_used(
    run, register_file, private_cache, tmp_path, monkeypatch
):
    link = tmp_path / "link"
    link.symlink_to(private_cache)
    monkeypatch.setenv("KVTRACK_CACHE_DIR", str(link))
    result = run("due", "--file", str(register_file))
    assert result.exit_code == 0
    assert warned(result) == [
        f"warning: {link}: the cache directory is a symbolic link; not using the parse cache"
    ]
    assert not any(private_cache.iterdir())


def test_a_symlinked_entry_is_not_followed(run, register_file, parses, tmp_path):
    title(register_file)
    e = entry(register_file)
    elsewhere = tmp_path / "planted"
    elsewhere.write_bytes(e.read_bytes())
    e.unlink()
    e.symlink_to(elsewhere)
    result = run("list", "--file", str(register_file))
    assert result.exit_code == 0
    assert len(warned(result)) == 1 and "symbolic link" in result.stderr
    assert len(parses) == 2
    assert not e.is_symlink()  # replaced by a real entry of our own; the target untouched
    assert elsewhere.read_bytes() != b""


def test_an_entry_writable_by_others_is_not_used(run, register_file, parses):
    title(register_file)
    entry(register_file).chmod(0o666)
    result = run("list", "--file", str(register_file))
    assert "group or others can write to it (mode 0666)" in result.stderr
    assert len(parses) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_entry_never_hangs(register_file, private_cache):
    title(register_file)
    e = entry(register_file)
    e.unlink()
    os.mkfifo(e)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kvtrack", "check", "--file", str(register_file), "--nagios"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "KVTRACK_CACHE_DIR": str(private_cache)},
    )
    assert time.monotonic() - started < 10
    assert result.stdout.startswith("KVTRACK CRITICAL")
    assert "a cache entry is not a regular file; not using the parse cache" in result.stderr


def test_the_key_is_private_and_made_once(register_file, private_cache):
    title(register_file)
    key_file = private_cache / "key"
    first = key_file.read_bytes()
    assert len(first) == 32
    assert key_file.stat().st_mode & 0o777 == 0o600
    register_file.write_text(MINIMAL.replace("Iets in 2025", "Anders"), encoding="utf-8")
    title(register_file)
    assert key_file.read_bytes() == first


def test_a_key_others_can_read_is_not_used(run, register_file, private_cache, parses):
    title(register_file)
    (private_cache / "key").chmod(0o644)
    result = run("list", "--file", str(register_file))
    assert "group or others can read it (mode 0644); not using the parse cache" in result.stderr
    assert len(parses) == 2


def test_no_home_and_no_passwd_entry_runs_uncached_silently(run, register_file, monkeypatch):
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_CACHE_HOME", "KVTRACK_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert cache.directory() is None
    result = run("check", "--file", str(register_file), "--as-of", OVERDUE_AS_OF)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "a:" in result.stdout or "a " in result.stdout


@pytest.mark.skipif(
    not hasattr(os, "setuid") or os.geteuid() != 0, reason="needs root to drop to a uid"
)
def test_check_as_a_uid_without_a_passwd_entry():
    """systemd DynamicUser, containers: no HOME and no passwd entry. check runs, uncached."""
    import pwd
    import tempfile

    uid = 54321
    with pytest.raises(KeyError):
        pwd.getpwuid(uid)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HOME", "XDG_CACHE_HOME", "KVTRACK_CACHE_DIR")
    }
    with tempfile.TemporaryDirectory() as public:  # the test's own tmp_path is root's only
        Path(public).chmod(0o755)
        data = Path(public) / "commitments.yaml"
        shutil.copy(SHIPPED, data)
        data.chmod(0o644)
        command = [sys.executable, "-m", "kvtrack", "check", "--file", str(data), "--as-of", AS_OF]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=60, env=env, cwd=public, user=uid
            )
        except PermissionError:  # this Python lives in root's home: the uid cannot run it
            pytest.skip("the interpreter is not executable by other users here")
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert "overdue" in result.stdout.lower()


# -- every Python, every model type -------------------------------------------------------------
def test_every_model_type_pickles_to_allowed_names_only(register_file, shipped, monkeypatch):
    """Every class a real entry names is one the restricted unpickler allows (on this Python)."""

    class Recording(cache._Unpickler):
        def find_class(self, module, name):
            names.add((module, name))
            return super().find_class(module, name)

    monkeypatch.setattr(cache, "_Unpickler", Recording)
    for path in (register_file, shipped):
        names: set[tuple[str, str]] = set()
        assert load(path).register.commitments[0].title
        payload = entry(path).read_bytes().split(b"\n", 2)[2]
        decoded = cache.Entry(memoryview(payload)).part()
        assert isinstance(decoded, cache.Part)
        assert decoded.commitments == load(path).register.commitments
        assert ("kvtrack.core.model", "Status") in names
        assert ("builtins", "getattr") not in names


def test_each_model_type_round_trips_through_the_cache_pickler():
    model_types = {
        obj
        for module in (model_module, period_module)
        for obj in vars(module).values()
        if isinstance(obj, type)
        and obj.__module__ == module.__name__
        and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum))
    }
    samples = {
        Status: list(Status),
        Period: [Period.parse("2025-Q3")],
        model_module.Source: [model_module.Source("s", submitted=date(2024, 1, 2))],
        model_module.HistoryEntry: [model_module.HistoryEntry(date(2025, 1, 1), Status.DONE)],
        model_module.Commitment: [
            model_module.Commitment(
                "a", "t", "s", "q", status=Status.PARTIAL, due=Period.year(2025)
            )
        ],
        model_module.Register: [],  # never cached: a register is merged from parts on each load
    }
    assert model_types == set(samples), "a new model type: add it here and to cache._ALLOWED"
    for values in samples.values():
        for value in values:
            out = io.BytesIO()
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = cache._reducers()
            pickler.dump(value)
            assert cache._Unpickler(io.BytesIO(out.getvalue())).load() == value


def test_enums_pickled_the_3_11_2_way_still_hit(register_file, parses, monkeypatch):
    """Python 3.11.0-3.11.4 pickle an enum as getattr(Status, name): the cache must not care."""
    monkeypatch.setattr(Status, "__reduce_ex__", lambda self, proto: (getattr, (Status, self.name)))
    assert pickle.dumps(Status.OPEN).find(b"getattr") >= 0  # what those Pythons do
    assert title(register_file) == "Iets in 2025"
    assert title(register_file) == "Iets in 2025"
    assert parses == [str(register_file)]


# -- the code stamp --------------------------------------------------------------------------------
def test_the_stamp_covers_every_module_the_loader_uses(register_file):
    """Load a file (uncached) in a fresh interpreter; every kvtrack module it imported must be
    one whose edit changes the stamp. Fails when a module the loader uses is left out."""
    script = (
        "import sys; from pathlib import Path\n"
        "from kvtrack.store.register import load\n"
        f"load(Path({str(register_file)!r}))\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('kvtrack') and getattr(m, '__file__', None)))\n"
    )
    used = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KVTRACK_NO_CACHE": "1"},
    ).stdout.split()
    stamped = {p.resolve() for p in cache.stamped_files()}
    assert {Path(u).resolve() for u in used} <= stamped
    assert all(p.is_file() for p in cache.stamped_files())
    for module in (reader_module, period_module, model_module):  # the parser really was used
        assert Path(module.__file__).resolve() in {Path(u).resolve() for u in used}


def test_editing_any_stamped_file_changes_the_stamp(monkeypatch, tmp_path):
    before = cache._code()
    victim = next(p for p in cache.stamped_files() if p.name == "yaml_values.py")
    real_stat = os.stat

    def touched(path, *a, **kw):
        st = real_stat(path, *a, **kw)
        if Path(path) == victim:
            return os.stat_result((*st[:6], st[6] + 1, *st[7:]))  # one byte longer
        return st

    cache._code.cache_clear()
    monkeypatch.setattr(cache.os, "stat", touched)
    try:
        assert cache._code() != before
    finally:
        cache._code.cache_clear()


# -- an edit re-encodes only the pieces it changed -------------------------------------------------
def many(count: int) -> str:
    """MINIMAL's source and `count` commitments: more than one piece of the entry."""
    head = MINIMAL.split("commitments:\n")[0]
    items = "".join(
        f"  - id: c{i}\n    title: Toezegging {i}\n    source: src\n    quote: Wij doen {i}.\n"
        f"    due: {2025 + i % 3}-Q{1 + i % 4}\n    status: open\n"
        for i in range(count)
    )
    return head + "commitments:\n" + items


def pieces(path: Path) -> list[bytes]:
    """The entry's pieces as stored (sources, each chunk's open and closed pieces, positions)."""
    payload = memoryview(entry(path).read_bytes().split(b"\n", 2)[2])
    sizes, out, at = cache.Entry(payload).sizes, [], 0
    for size in sizes:
        out.append(bytes(payload[at : at + size]))
        at += size
    return out


def test_an_edit_builds_and_re_encodes_only_its_piece(tmp_path, monkeypatch):
    from kvtrack.core.edits import add_note
    from kvtrack.core.model import Commitment
    from kvtrack.store.edits import add_commitment, record
    from kvtrack.store.reader import parse_part

    path = tmp_path / "many.yaml"
    count = 2 * cache.CHUNK + 10
    path.write_text(many(count), encoding="utf-8")
    load(path)
    decoded: list[int] = []
    real_chunk = cache.Entry._chunk

    def counting(self, k):
        decoded.append(k)
        return real_chunk(self, k)

    monkeypatch.setattr(cache.Entry, "_chunk", counting)
    before = pieces(path)
    assert len(before) == 1 + 2 * 3 + 1  # three chunks, each an open and a closed piece
    target = f"c{cache.CHUNK + 5}"  # in the second chunk
    note = "Een nota\nover twee regels"
    record(path, lambda r: add_note(r, target, note, date(2026, 1, 5)), commitment_id=target)
    assert set(decoded) == {1}  # the edited commitment's piece, nothing more
    after = pieces(path)
    assert [i for i in range(7) if after[i] != before[i]] == [3]  # the second chunk's open piece
    fresh = parse_part(path.read_bytes(), str(path))
    cached = cache.lookup(path, cache.digest(path.read_bytes()), True)
    assert cached is not None and cached.commitments == fresh.commitments
    assert dict(cached.commitment_at.items()) == dict(fresh.commitment_at.items())
    assert cached.sources == fresh.sources and cached.foreign == fresh.foreign

    new = Commitment("nieuw", "Nieuw", "src", "Wij doen het.")
    decoded.clear()
    add_commitment(path, new)
    assert set(decoded) == {2}  # the last piece, to append to it
    added = pieces(path)
    assert [i for i in range(7) if added[i] != after[i]] == [5]  # the last chunk had room
    fresh = parse_part(path.read_bytes(), str(path))
    cached = cache.lookup(path, cache.digest(path.read_bytes()), True)
    assert cached is not None and cached.commitments == fresh.commitments
    assert cached.commitments[-1] == new
    assert dict(cached.commitment_at.items()) == dict(fresh.commitment_at.items())


def test_the_builders_make_the_model_classes_as_their_constructors_do():
    samples = {
        cache._new_commitment: model_module.Commitment(
            "a", "t", "s", "q", (1, 2), Period.year(2025), status=Status.DONE, tags=("x",)
        ),
        cache._new_history_entry: model_module.HistoryEntry(date(2025, 1, 1), Status.DONE),
        cache._new_source: model_module.Source("s", submitted=date(2024, 1, 2), identifiers={}),
        cache._new_period: Period.parse("2025-Q3"),
    }
    for build, made in samples.items():
        values = [getattr(made, f.name) for f in dataclasses.fields(made)]
        built = build(*values)
        assert type(built) is type(made) and built == made and repr(built) == repr(made)
        with pytest.raises(dataclasses.FrozenInstanceError):  # frozen like any other
            setattr(built, dataclasses.fields(made)[0].name, "other")
    assert cache._new_commitment is not model_module.Commitment  # the fast way is in use


@pytest.mark.parametrize("count", [cache.CHUNK - 1, cache.CHUNK], ids=["room", "full"])
def test_an_add_at_a_piece_boundary_leaves_the_entry_a_fresh_parse(tmp_path, count):
    from kvtrack.core.model import Commitment
    from kvtrack.store.edits import add_commitment
    from kvtrack.store.reader import parse_part

    path = tmp_path / "many.yaml"
    path.write_text(many(count), encoding="utf-8")
    load(path)
    for n in range(2):  # the first fills the last piece or starts one; the second follows
        add_commitment(path, Commitment(f"nieuw-{n}", "Nieuw", "src", "Wij doen het."))
        fresh = parse_part(path.read_bytes(), str(path))
        cached = cache.lookup(path, cache.digest(path.read_bytes()), True)
        assert cached is not None and cached.commitments == fresh.commitments
        assert dict(cached.commitment_at.items()) == dict(fresh.commitment_at.items())
        assert len(pieces(path)) == 1 + 2 * -(-(count + n + 1) // cache.CHUNK) + 1


def test_edits_in_a_directory_leave_each_files_entry_a_fresh_parse(tmp_path):
    """A file citing a sibling's source: its edits are built as windows too, and the entry they
    leave (positions of the citations included) is what parsing the file would give."""
    from kvtrack.core.edits import add_note
    from kvtrack.store.edits import record
    from kvtrack.store.reader import parse_part

    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    cites = "version: 1\ncommitments:\n" + many(3).split("commitments:\n")[1]
    (store / "b.yaml").write_text(cites, encoding="utf-8")
    load(store)
    for n, cid in enumerate(["c1", "c0", "c1"]):
        record(
            store,
            lambda r, c=cid, n=n: add_note(r, c, f"Nota\n{n}", date(2026, 1, 2)),
            commitment_id=cid,
        )
        path = store / "b.yaml"
        fresh = parse_part(path.read_bytes(), str(path), standalone=False)
        cached = cache.lookup(path, cache.digest(path.read_bytes()), False)
        assert cached is not None and cached.commitments == fresh.commitments
        assert cached.foreign == fresh.foreign and len(fresh.foreign) == 3
        assert dict(cached.commitment_at.items()) == dict(fresh.commitment_at.items())
    assert [h.note for h in load(store).register.get("c1").history] == ["Nota\n0", "Nota\n2"]


def mixed(count: int, prefix: str = "c") -> str:
    """MINIMAL's source and `count` commitments whose statuses take turns: open, done, partial,
    dropped (so every chunk holds both open and closed ones)."""
    head = MINIMAL.split("commitments:\n")[0]
    statuses = ("open", "done", "partial", "dropped")
    items = "".join(
        f"  - id: {prefix}{i}\n    title: Toezegging {i}\n    source: src\n    quote: Wij doen {i}.\n"
        f"    due: {2025 + i % 3}-Q{1 + i % 4}\n    status: {statuses[i % 7 % 4]}\n"
        for i in range(count)
    )
    return head + "commitments:\n" + items


def test_an_open_only_read_never_builds_closed_commitments_or_sources(tmp_path, monkeypatch):
    """`open_only` from a warm entry: the open commitments in the file's order, and not one
    closed commitment or source unpickled; the entry's positions still name every id."""
    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(cache.CHUNK + 40), encoding="utf-8")
    whole = load(path).register.commitments  # a miss: parsed and stored
    assert {c.status for c in whole} == set(Status)
    built: list[str] = []
    real = cache._new_commitment

    def counting(*values):
        built.append(values[0])
        return real(*values)

    monkeypatch.setattr(cache, "_new_commitment", counting)
    with monkeypatch.context() as patched:
        patched.setattr(cache, "_new_source", lambda *v: pytest.fail("a source was built"))
        loaded = load(path, open_only=True)
    assert loaded.register.commitments == tuple(c for c in whole if not c.status.closed)
    assert loaded.register.sources == {} and set(loaded.source_at) == {"src"}
    by_id = {c.id: c for c in whole}
    assert built and not any(by_id[cid].status.closed for cid in built)
    assert set(loaded.commitment_at) == set(by_id)  # every id, closed ones too
    assert load(path).register.commitments == whole  # and the whole register is still there


def test_a_register_without_its_closed_commitments_is_never_stored(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(20), encoding="utf-8")
    load(path)
    sha = cache.digest(path.read_bytes())
    part = cache.lookup(path, sha, True, open_only=True)
    assert part is not None and not part.complete and len(part.commitments) < 20
    before = entry(path).read_bytes()
    cache.store(path, sha, True, part)
    assert entry(path).read_bytes() == before  # refused: an entry is always a whole file's


def test_a_duplicate_id_of_a_closed_commitment_is_reported_by_due_when_warm(tmp_path, run):
    """In a directory, an open commitment in one file with the id of a closed one in another:
    `due`, which never builds closed commitments from the cache, still refuses the store."""
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(mixed(4, prefix="x"), encoding="utf-8")  # x1 is done
    other = MINIMAL.replace("  - id: a\n", "  - id: x1\n").replace("id: src", "id: src2")
    other = other.replace("source: src\n", "source: src2\n")
    (store / "b.yaml").write_text(other, encoding="utf-8")
    for _ in range(2):  # cold, then warm from the entries
        result = run("due", "--file", str(store), "--as-of", AS_OF)
        assert result.exit_code == 2
        assert "duplicate commitment id 'x1'" in result.stderr
        assert "b.yaml:" in result.stderr


def test_due_prints_the_same_warm_as_with_no_cache(tmp_path, run):
    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(cache.CHUNK + 40), encoding="utf-8")
    args = ("due", "--file", str(path), "--as-of", "2025-06-01", "--all", "--format", "json")
    uncached = run(*args, env={"KVTRACK_NO_CACHE": "1"})
    run(*args)  # stores the entry
    warm = run(*args)
    assert warm.exit_code == uncached.exit_code == 0
    assert warm.stdout == uncached.stdout
    ids = [r["id"] for r in __import__("json").loads(warm.stdout)]
    assert ids and all(int(i[1:]) % 7 % 4 in (0, 2) for i in ids)  # open and partial only


@pytest.mark.parametrize(
    ("cited", "error"),
    [
        ("src", None),
        ("scr", "b.yaml:5:13: commitment cites unknown source 'scr'; did you mean 'src'?"),
    ],
)
def test_due_checks_citations_across_files_when_warm(tmp_path, run, cited, error):
    """A file citing a sibling's source: `due`, which builds no sources from the cache, still
    knows which sources the directory defines."""
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(mixed(3, prefix="x"), encoding="utf-8")
    other = "version: 1\ncommitments:\n" + MINIMAL.split("commitments:\n")[1]
    (store / "b.yaml").write_text(other.replace("source: src", f"source: {cited}"), "utf-8")
    outputs = []
    for _ in range(2):  # cold, then warm from the entries
        result = run("due", "--file", str(store), "--as-of", "2024-12-01", "--all")
        assert result.exit_code == (0 if error is None else 2)
        if error is None:
            outputs.append(result.stdout)
            assert " a " in result.stdout or "a " in result.stdout
        else:
            assert error in result.stderr
    assert len(set(outputs)) <= 1


def test_a_duplicate_source_id_is_reported_by_due_when_warm(tmp_path, run):
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.yaml").write_text(mixed(3, prefix="x"), encoding="utf-8")
    (store / "b.yaml").write_text(MINIMAL.replace("  - id: a\n", "  - id: y\n"), "utf-8")
    for _ in range(2):
        result = run("due", "--file", str(store), "--as-of", AS_OF)
        assert result.exit_code == 2
        assert "duplicate source id 'src'" in result.stderr and "b.yaml:" in result.stderr


@pytest.mark.parametrize(("target", "status"), [("c4", Status.DONE), ("c1", Status.OPEN)])
def test_a_status_edit_moves_the_commitment_between_its_chunks_pieces(tmp_path, target, status):
    """`done` on an open commitment (and reopening a done one): the edit's new entry, built from
    the old one's pieces, gives open-only reads without it (with it) and a whole read equal to a
    fresh parse."""
    from kvtrack.core.edits import set_status
    from kvtrack.store.edits import record
    from kvtrack.store.reader import parse_part

    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(cache.CHUNK + 40), encoding="utf-8")
    load(path)
    was_open = {c.id for c in load(path, open_only=True).register.commitments}
    assert (target in was_open) == status.closed
    record(path, lambda r: set_status(r, target, status, date(2026, 1, 5)), commitment_id=target)
    fresh = parse_part(path.read_bytes(), str(path))
    sha = cache.digest(path.read_bytes())
    whole = cache.lookup(path, sha, True)
    assert whole is not None and whole.commitments == fresh.commitments
    now_open = cache.lookup(path, sha, True, open_only=True)
    assert now_open is not None
    assert now_open.commitments == tuple(c for c in fresh.commitments if not c.status.closed)
    assert ({c.id for c in now_open.commitments} ^ was_open) == {target}


def test_an_entry_that_cannot_be_rewritten_never_fails_the_edit(tmp_path, monkeypatch):
    """The edit is applied and reported; the cache is only left without an entry for it."""
    from kvtrack.core.edits import add_note
    from kvtrack.store.edits import record

    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(cache.CHUNK + 40), encoding="utf-8")
    load(path)

    def broken(*args):
        raise RuntimeError("a piece that does not decode")

    monkeypatch.setattr(cache.Entry, "write_changed", broken)  # the new entry from the old one
    record(path, lambda r: add_note(r, "c4", "Nota", date(2026, 1, 5)), commitment_id="c4")
    assert "Nota" in path.read_text(encoding="utf-8")
    assert cache.lookup(path, cache.digest(path.read_bytes()), True) is None
    assert not [p for p in entry(path).parent.iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.undo()
    assert "Nota" in str(load(path).register.get("c4").history)  # parsed again, then cached


def test_an_open_only_read_of_one_file_reads_the_positions_only_when_asked(tmp_path, monkeypatch):
    from kvtrack.store.reader import parse_part

    path = tmp_path / "mixed.yaml"
    path.write_text(mixed(cache.CHUNK + 40), encoding="utf-8")
    load(path)
    decoded: list[int] = []
    real = cache.Entry._decoded_positions

    def counting(self):
        if self._positions is None:  # not decoded yet: this call unpickles them
            decoded.append(1)
        return real(self)

    monkeypatch.setattr(cache.Entry, "_decoded_positions", counting)
    loaded = load(path, open_only=True)
    assert loaded.register.commitments and not decoded  # `due` on one file never asks
    fresh = parse_part(path.read_bytes(), str(path))
    assert loaded.commitment_at["c290"] == fresh.commitment_at["c290"]  # asked: read once
    assert dict(loaded.source_at.items()) == dict(fresh.source_at.items())
    assert len(decoded) == 1
