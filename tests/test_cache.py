"""The parse cache: never stale, and never an error whatever state its entries are in."""

from __future__ import annotations

import os
import pickle
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import MINIMAL

import kvtrack.store.reader as reader_module
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

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert title(register_file) == "Iets in 2025"
    assert not entry(register_file).exists()


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
    files = list(private_cache.iterdir())
    assert [f.suffix for f in files] == [".pickle"]
    assert files[0].stat().st_mode & 0o077 == 0


def test_an_entry_that_would_run_code_is_refused(register_file, tmp_path):
    title(register_file)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    e = entry(register_file)
    key = e.read_bytes().split(b"\n", 1)[0] + b"\n"
    payload = pickle.dumps(Evil())
    e.write_bytes(key + f"{len(payload)} {zlib.crc32(payload):08x}\n".encode() + payload)
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
