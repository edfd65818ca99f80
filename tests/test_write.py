"""The safe-write path (kvtrack.store.write.edit): round trip, locality, atomicity, locking."""

from __future__ import annotations

import difflib
import os
import re
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL, SHIPPED

from kvtrack.core import edits
from kvtrack.core.model import Commitment, Source, Status
from kvtrack.core.period import Period
from kvtrack.errors import KvtrackError, ValidationError
from kvtrack.store import write
from kvtrack.store.atomic import stale_temp_files
from kvtrack.store.edits import add_commitment, record
from kvtrack.store.lock import lock_path, locked
from kvtrack.store.register import load

DAY = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def changed_ranges(old: str, new: str) -> list[tuple[int, int]]:
    """0-based [i1, i2) ranges of the old file's lines that an edit replaced or inserted at."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def block_of(path_text: str, path: Path, commitment_id: str) -> tuple[int, int]:
    """0-based [start, end) lines of a commitment in the file, up to the next commitment."""
    from kvtrack.store.register import parse_text

    loaded = parse_text(path_text, str(path))
    starts = sorted(loc.line or 0 for loc in loaded.commitment_at.values())
    start = loaded.commitment_at[commitment_id].line or 0
    later = [s for s in starts if s > start]
    end = later[0] - 1 if later else len(path_text.splitlines())
    return start - 1, end


# -- round trip ----------------------------------------------------------------------------------


def test_an_edit_that_changes_nothing_does_not_rewrite_the_file(shipped):
    before = shipped.stat()
    write.edit(shipped, lambda doc: None)
    after = shipped.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# -- locality: comments and untouched commitments survive ----------------------------------------


@pytest.mark.parametrize(
    ("commitment_id", "decide"),
    [
        (
            "groningen-cascadeplein",
            lambda r: edits.set_status(r, "groningen-cascadeplein", Status.DONE, DAY, "Open"),
        ),
        (
            "assen-rijksontmoetingsplein",
            lambda r: edits.add_note(r, "assen-rijksontmoetingsplein", "Nog steeds open", DAY),
        ),
        (
            "groningen-kempkensberg-ontmoetingsplein",
            lambda r: edits.reschedule(
                r, "groningen-kempkensberg-ontmoetingsplein", Period.parse("2033"), DAY
            ),
        ),
        (
            "coordinerende-rol-spreiding",
            lambda r: edits.set_status(r, "coordinerende-rol-spreiding", Status.PARTIAL, DAY),
        ),
    ],
)
def test_an_edit_keeps_every_comment_and_changes_only_its_commitment(
    shipped, commitment_id, decide
):
    old = shipped.read_text(encoding="utf-8")
    record(shipped, decide)
    new = shipped.read_text(encoding="utf-8")
    assert comment_lines(new) == comment_lines(old)
    start, end = block_of(old, shipped, commitment_id)
    ranges = changed_ranges(old, new)
    assert ranges, "the edit changed nothing"
    for i1, i2 in ranges:
        assert start <= i1 and i2 <= end, (commitment_id, (i1, i2), (start, end))
    # Every other commitment is exactly as it was.
    before, after = load(SHIPPED).register, load(shipped).register
    assert [c for c in after.commitments if c.id != commitment_id] == [
        c for c in before.commitments if c.id != commitment_id
    ]


def test_history_entry_goes_before_the_comment_that_introduces_the_next_section(shipped):
    record(shipped, lambda r: edits.add_note(r, "assen-rijksontmoetingsplein", "Bijgewerkt", DAY))
    text = shipped.read_text(encoding="utf-8")
    note_at = text.index("note: ")  # the original Assen note
    new_at = text.index("Bijgewerkt")
    section_at = text.index("# --- Antwoord 1:")
    assert note_at < new_at < section_at
    assert "\n\n  # --- Antwoord 1:" in text  # the blank line before the section stays too


def test_appended_commitment_follows_the_files_style(shipped):
    old = shipped.read_text(encoding="utf-8")
    new_one = Commitment(
        id="nieuw",
        title="Nieuwe toezegging",
        source="rijksbanen-regio-2024",
        quote="In 2027 wordt iets gedaan.",
        answer=(2,),
        due=Period.parse("2027-Q2"),
        places=("Den Haag",),
    )
    add_commitment(shipped, new_one)
    new = shipped.read_text(encoding="utf-8")
    assert new.startswith(old)  # nothing before it changed
    added = new[len(old) :]
    assert added.startswith("\n  - id: nieuw\n")  # blank line between items, as in the file
    assert (
        '    quote: "In 2027 wordt iets gedaan."\n' in added
    )  # quotes double-quoted like the rest
    assert "    places: [Den Haag]\n" in added
    assert "    history: []\n" in added
    assert load(shipped).register.get("nieuw") == new_one


def test_a_file_indented_the_other_way_keeps_its_indentation(write_yaml):
    path = write_yaml(
        """
        version: 1
        sources:
        - id: src
          answered: 2024-02-01
        commitments:
        - id: a
          title: A
          source: src
          quote: Q
          status: open
          history:
          - {date: 2025-01-01, note: "eerste"}
        - id: b
          title: B
          source: src
          quote: Q
        """
    )
    old = path.read_text()
    record(path, lambda r: edits.add_note(r, "a", "tweede", DAY))
    new = path.read_text()
    inserted = [line for line in new.splitlines() if line not in old.splitlines()]
    assert inserted == ['  - {date: 2026-11-27, note: "tweede"}']  # flow entry, like its sibling


def test_comments_after_an_empty_history_stay_after_the_list(write_yaml):
    path = write_yaml(
        """
        version: 1
        sources:
          - id: src
        commitments:
          - id: a
            title: A
            source: src
            quote: Q
            history: []  # nothing yet
            # a comment after a

          # closing remark
        """
    )
    record(path, lambda r: edits.add_note(r, "a", "eerste", DAY))
    text = path.read_text()
    # The end-of-line comment stays on its line; the lines after the list stay after it.
    assert re.search(
        r"\n    history: +# nothing yet\n      - date: 2026-11-27\n        note: eerste\n", text
    )
    assert text.endswith("    # a comment after a\n\n  # closing remark\n")
    load(path)


def test_missing_status_and_history_keys_are_added_in_schema_order(write_yaml):
    path = write_yaml(MINIMAL)
    record(path, lambda r: edits.set_status(r, "a", Status.DROPPED, DAY, "vervallen"))
    text = path.read_text()
    assert text.endswith(
        "    due: 2025\n    status: dropped\n    history:\n"
        "      - date: 2026-11-27\n        status: dropped\n        note: vervallen\n"
    )


def test_windows_line_endings_are_kept(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode())
    record(path, lambda r: edits.add_note(r, "a", "eerste", DAY))
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > MINIMAL.count("\n")
    assert load(path).register.get("a").history[0].note == "eerste"


def test_add_source_creates_the_list_and_a_commitment_can_cite_it(write_yaml):
    path = write_yaml("version: 1\ncommitments: []\n")

    def change(doc: write.Document) -> None:
        doc.add_source(Source(id="brief-2025", kind="kamerbrief", answered=date(2025, 3, 1)))

    write.edit(path, change)
    add_commitment(path, Commitment(id="x", title="X", source="brief-2025", quote="Q"))
    register = load(path).register
    assert register.sources["brief-2025"].answered == date(2025, 3, 1)
    assert register.get("x").source == "brief-2025"
    assert "identifiers: {publication: null, zaak: null, document: null}" in path.read_text()


def test_a_symlinked_file_is_written_through_the_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text(MINIMAL)
    link = tmp_path / "commitments.yaml"
    link.symlink_to(real)
    record(link, lambda r: edits.add_note(r, "a", "via de link", DAY))
    assert link.is_symlink()
    assert "via de link" in real.read_text()


def test_permissions_are_kept(write_yaml):
    path = write_yaml(MINIMAL)
    path.chmod(0o640)
    record(path, lambda r: edits.add_note(r, "a", "eerste", DAY))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# -- refusals leave the file unchanged -----------------------------------------------------------


def test_an_invalid_file_is_not_edited(write_yaml):
    path = write_yaml(MINIMAL.replace("due: 2025", "due: 2025-Q5"))
    before = path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        record(path, lambda r: edits.add_note(r, "a", "x", DAY))
    assert "not valid, so kvtrack will not edit it" in str(caught.value)
    assert "2025-Q5" in str(caught.value)
    assert path.read_bytes() == before


def test_a_change_that_does_not_read_back_as_meant_is_refused(write_yaml, monkeypatch):
    """The check on the re-read text: a renderer that wrote `a: b` unquoted would make a mapping
    of a note; the edit is refused and the file left as it was."""
    from kvtrack.store import splice

    path = write_yaml(MINIMAL)
    before = path.read_bytes()
    monkeypatch.setattr(splice, "plain_ok", lambda value, flow=False: True)
    with pytest.raises(KvtrackError) as caught:
        record(path, lambda r: edits.add_note(r, "a", "let op: dit", DAY))
    assert "would make the file invalid" in str(caught.value)
    assert path.read_bytes() == before


def _fields(c: Commitment) -> dict[str, object]:
    return {name: getattr(c, name) for name in Commitment.__dataclass_fields__}


# -- atomicity ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fail", ["replace", "fsync", "write"])
def test_a_failure_before_the_rename_leaves_the_original_and_no_temp_file(
    shipped, monkeypatch, fail
):
    before = shipped.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if fail == "write":  # the disk fills up while the temp file is written
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, fd: int, *args: object) -> None:
                self.file = real_fdopen(fd, "wb")

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self.file.close()

            write = boom

        monkeypatch.setattr(os, "fdopen", FullDisk)
    else:
        monkeypatch.setattr(os, fail, boom)
    with pytest.raises(
        KvtrackError, match="cannot write: No space left on device; the file was left unchanged"
    ):
        record(shipped, lambda r: edits.add_note(r, "groningen-cascadeplein", "x", DAY))
    monkeypatch.undo()
    assert shipped.read_bytes() == before
    assert stale_temp_files(shipped) == []
    assert sorted(p.name for p in shipped.parent.iterdir()) == sorted(
        ["commitments.yaml", ".commitments.yaml.lock", "seeds"]
    )


def test_an_interrupt_before_the_rename_leaves_the_original_and_no_temp_file(shipped, monkeypatch):
    before = shipped.read_bytes()

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        record(shipped, lambda r: edits.add_note(r, "groningen-cascadeplein", "x", DAY))
    monkeypatch.undo()
    assert shipped.read_bytes() == before
    assert stale_temp_files(shipped) == []


def test_a_process_killed_between_write_and_rename_leaves_the_old_file(shipped):
    """A real crash: the writer dies (os._exit) after the temp file is written and fsynced."""
    before = shipped.read_bytes()
    script = textwrap.dedent(
        f"""
        import os
        from datetime import date
        from pathlib import Path
        from kvtrack.core import edits
        from kvtrack.store.edits import record

        os.replace = lambda *a, **k: os._exit(9)  # die where a power cut would hurt most
        record(Path({str(shipped)!r}),
               lambda r: edits.add_note(r, "groningen-cascadeplein", "half", date(2026, 11, 27)))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True)
    assert result.returncode == 9, result.stderr.decode()
    assert shipped.read_bytes() == before  # the old file, whole
    left = stale_temp_files(shipped)
    assert len(left) == 1 and "half" in left[0].read_text()  # the new text never replaced it
    # The next writer (holding the lock, so no one else is mid-write) clears the leftover.
    record(shipped, lambda r: edits.add_note(r, "groningen-cascadeplein", "heel", DAY))
    assert stale_temp_files(shipped) == []
    assert [h.note for h in load(shipped).register.get("groningen-cascadeplein").history] == [
        "heel"
    ]


# -- concurrency ---------------------------------------------------------------------------------


def test_a_change_on_disk_between_read_and_write_is_reapplied_not_overwritten(write_yaml):
    path = write_yaml(MINIMAL)
    calls = []

    def change(doc: write.Document) -> None:
        calls.append(doc.text)
        if len(calls) == 1:  # someone saves the file in an editor while we work
            path.write_text(MINIMAL.replace("title: Iets in 2025", "title: Iets anders"))
        c = edits.add_note(doc.register, "a", "van kvtrack", DAY)
        doc.update_commitment(c.before, c.after)

    write.edit(path, change)
    assert len(calls) == 2
    a = load(path).register.get("a")
    assert a.title == "Iets anders"  # the editor's change survived
    assert a.history[-1].note == "van kvtrack"  # and ours was applied on top of it


def test_a_file_that_keeps_changing_is_left_alone(write_yaml):
    path = write_yaml(MINIMAL)

    def change(doc: write.Document) -> None:
        path.write_text(path.read_text() + "# touched\n")
        c = edits.add_note(doc.register, "a", "van kvtrack", DAY)
        doc.update_commitment(c.before, c.after)

    with pytest.raises(KvtrackError, match="changed on disk 5 times"):
        write.edit(path, change)
    assert path.read_text() == MINIMAL + "# touched\n" * write.MAX_ATTEMPTS


def test_the_lock_times_out_with_a_message_naming_the_holder(write_yaml):
    path = write_yaml(MINIMAL)
    before = path.read_bytes()
    with locked(path):
        started = time.monotonic()
        with pytest.raises(KvtrackError) as caught:
            record(path, lambda r: edits.add_note(r, "a", "x", DAY), timeout=0.2)
        waited = time.monotonic() - started
    message = str(caught.value)
    assert f"locked for editing by process {os.getpid()}" in message
    assert "gave up after 0.2 s" in message and "KVTRACK_LOCK_TIMEOUT" in message
    assert 0.2 <= waited < 2
    assert path.read_bytes() == before


def test_a_bad_lock_timeout_setting_is_reported(write_yaml, monkeypatch):
    path = write_yaml(MINIMAL)
    monkeypatch.setenv("KVTRACK_LOCK_TIMEOUT", "soon")
    with pytest.raises(KvtrackError, match="KVTRACK_LOCK_TIMEOUT must be a number of seconds"):
        record(path, lambda r: edits.add_note(r, "a", "x", DAY))


def test_a_writer_waits_for_the_lock_then_builds_on_the_holders_edit(write_yaml):
    """Another process holds the lock while it edits; our edit waits and keeps its result."""
    path = write_yaml(MINIMAL)
    holder = textwrap.dedent(
        f"""
        import sys, time
        from datetime import date
        from pathlib import Path
        from kvtrack.core import edits
        from kvtrack.store.edits import record

        def slow(r):
            print("locked", flush=True)
            time.sleep(0.5)
            return edits.add_note(r, "a", "eerst", date(2026, 11, 27))

        record(Path({str(path)!r}), slow)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    record(path, lambda r: edits.add_note(r, "a", "daarna", DAY), timeout=10)
    assert proc.wait(timeout=10) == 0
    assert [h.note for h in load(path).register.get("a").history] == ["eerst", "daarna"]
    assert lock_path(path).exists()


def test_32_parallel_writer_processes_all_land_in_a_valid_file(shipped):
    """32 `kvtrack note` processes at once (like cron jobs): every edit is there, none lost."""
    started = time.monotonic()
    env = {**os.environ, "KVTRACK_LOCK_TIMEOUT": "90", "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kvtrack",
                "note",
                "groningen-cascadeplein" if i % 2 else "groningen-kempkensberg-ontmoetingsplein",
                f"schrijver {i}",
                "--on",
                "2026-11-27",
                "--file",
                str(shipped),
            ],
            cwd=shipped.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(32)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 32, outputs
    register = load(shipped).register  # valid, or this raises
    notes = {
        h.note
        for c in register.commitments
        for h in c.history
        if h.note and h.note.startswith("schrijver")
    }
    assert notes == {f"schrijver {i}" for i in range(32)}
    assert time.monotonic() - started < 100


def test_changing_other_fields_keeps_their_layout_and_the_comments_after_them(write_yaml):
    """update_commitment is general (for future editing commands), not only status and history."""
    from dataclasses import replace

    path = write_yaml(
        """
        version: 1
        sources:
          - id: src
        commitments:
          - id: a
            title: A
            source: src
            quote: Q
            places:
              - Groningen
              - Assen
            # about places
            history: []

          # the end
        """
    )

    def change(doc: write.Document) -> None:
        a = doc.register.get("a")
        doc.update_commitment(a, replace(a, title="A2", places=("Den Haag",)))

    write.edit(path, change)
    assert path.read_text().endswith(
        "    title: A2\n    source: src\n    quote: Q\n    places:\n      - Den Haag\n"
        "    # about places\n    history: []\n\n  # the end\n"
    )


# -- other programs writing the file ------------------------------------------------------------


SLOW_WRITER = """
import sys, time
path, pieces = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read() + sys.stdin.buffer.read()
step = len(data) // pieces + 1
with open(path, "r+b") as f:  # in place, the way many programs save
    f.truncate(0)
    f.flush()
    print("started", flush=True)
    for i in range(0, len(data), step):
        f.write(data[i : i + step])
        f.flush()
        time.sleep(0.12)
"""


def test_a_slow_writer_rewriting_the_file_in_pieces_loses_nothing(shipped, monkeypatch):
    """git's racy rule: a file modified within the last second may be half-written; the edit
    waits until it is still, so neither the writer's commitments nor the note are lost."""
    monkeypatch.setenv("KVTRACK_RACY_SECONDS", "1")
    extra = "".join(
        f"\n  - id: extra-{i}\n    title: Extra {i}\n    source: rijksbanen-regio-2024\n"
        f"    quote: Q{i}\n"
        for i in range(40)
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(shipped), "8"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write(extra)
    writer.stdin.close()
    assert writer.stdout.readline().strip() == "started"
    record(shipped, lambda r: edits.add_note(r, "groningen-cascadeplein", "tijdens", DAY))
    assert writer.wait(timeout=30) == 0
    register = load(shipped).register
    ids = {c.id for c in register.commitments}
    assert {f"extra-{i}" for i in range(40)} <= ids
    assert len(ids) == 50
    assert register.get("groningen-cascadeplein").history[-1].note == "tijdens"


def test_a_file_written_by_kvtrack_itself_is_not_waited_for(write_yaml, monkeypatch):
    """The lock records what kvtrack wrote, so back-to-back edits do not wait out the second."""
    monkeypatch.setenv("KVTRACK_RACY_SECONDS", "1")
    path = write_yaml(MINIMAL)
    old = time.time() - 5
    os.utime(path, (old, old))
    started = time.monotonic()
    for i in range(3):
        record(path, lambda r, i=i: edits.add_note(r, "a", f"n{i}", DAY))
    assert time.monotonic() - started < 1.0
    assert [h.note for h in load(path).register.get("a").history] == ["n0", "n1", "n2"]


# -- locks: shared registers, odd file systems ------------------------------------------------------


def test_without_flock_an_exclusive_lock_file_is_used(write_yaml, monkeypatch):
    """Some NFS/FUSE mounts have no flock (ENOLCK): no traceback, a lock file made with O_EXCL."""
    import errno
    import fcntl

    def no_flock(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    path = write_yaml(MINIMAL)
    held = lock_path(path).with_name(lock_path(path).name + ".held")
    seen = []

    def note(r):
        seen.append(held.read_text().split()[1])
        return edits.add_note(r, "a", "zonder flock", DAY)

    record(path, note)
    assert seen == [str(os.getpid())]  # held while the edit ran
    assert not held.exists()  # and released
    assert load(path).register.get("a").history[-1].note == "zonder flock"
    # a stale one from a crashed writer on this host is taken over, a live one waited for
    import socket

    held.write_text(f"{socket.gethostname()} 999999999\n")
    record(path, lambda r: edits.add_note(r, "a", "na een crash", DAY))
    held.write_text(f"{socket.gethostname()} {os.getppid()}\n")
    with pytest.raises(KvtrackError, match=f"process {os.getppid()}"):
        record(path, lambda r: edits.add_note(r, "a", "x", DAY), timeout=0.1)
    held.unlink()


def test_without_flock_and_no_lock_file_possible_the_edit_says_so(write_yaml, monkeypatch):
    import errno
    import fcntl

    def no_flock(fd: int, op: int) -> None:
        raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    real_open = os.open

    def refuse_held(name, flags, *args):
        if str(name).endswith(".held"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args)

    monkeypatch.setattr(fcntl, "flock", no_flock)
    monkeypatch.setattr(os, "open", refuse_held)
    path = write_yaml(MINIMAL)
    before = path.read_bytes()
    with pytest.raises(KvtrackError, match=r"cannot lock files \(no flock\).*Permission denied"):
        record(path, lambda r: edits.add_note(r, "a", "x", DAY))
    assert path.read_bytes() == before


def test_the_timeout_names_the_current_holder_not_a_dead_writer(write_yaml):
    path = write_yaml(MINIMAL)
    lock = lock_path(path)
    lock.write_text("999999999\n")  # a writer that died long ago
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_RDWR)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"  # holds it, writes nothing
            "print('held', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(KvtrackError) as caught:
            record(path, lambda r: edits.add_note(r, "a", "x", DAY), timeout=0.2)
        message = str(caught.value)
        assert "999999999" not in message
        if Path("/proc/locks").exists():
            assert f"process {holder.pid}" in message
        else:  # pragma: no cover - no way to ask the system
            assert "another process" in message
    finally:
        holder.kill()
        holder.wait()


GROUP, EDITOR, OTHER = 54_322, 54_321, 54_323  # ids need no passwd entry to be taken on


@pytest.fixture
def shared_dir(run):
    """A setgid directory of GROUP, outside pytest's root-only temp directory, with a
    group-writable register in it; and a way to run the CLI as a member of the group.

    The CLI runs in this process with its effective user switched (this Python lives under
    /root, which another user cannot run). Everything it imports is imported first, as root.
    """
    import shutil
    import tempfile

    if os.geteuid() != 0:
        pytest.skip("switching to another user needs root")
    base = Path(tempfile.mkdtemp(prefix="kvtrack-shared-", dir="/tmp"))
    base.chmod(0o755)
    shared = base / "shared"
    shared.mkdir()
    os.chown(shared, 0, GROUP)
    shared.chmod(0o2775)
    path = shared / "commitments.yaml"
    path.write_text(MINIMAL)
    os.chown(path, 0, GROUP)
    path.chmod(0o664)
    warm = base / "warm.yaml"
    warm.write_text(MINIMAL)
    assert run("note", "a", "x", "--on", "2026-11-27", "-f", str(warm)).exit_code == 0
    assert run("note", "nope", "x", "-f", str(warm)).exit_code == 2

    def as_user(uid: int, *args: str):
        groups = os.getgroups()
        os.setgroups([GROUP])
        os.setegid(GROUP)
        os.seteuid(uid)
        try:
            return run(*args, env={"KVTRACK_CACHE_DIR": str(base / "nocache")})
        finally:
            os.seteuid(0)
            os.setegid(0)
            os.setgroups(groups)

    yield path, as_user
    shutil.rmtree(base, ignore_errors=True)


def test_a_shared_register_keeps_its_group_and_mode_for_every_member(shared_dir):
    """Two members of a group edit a group-writable register in a setgid directory: the file
    keeps its group and mode, and the lock file is shared the same way."""
    path, as_user = shared_dir
    first = as_user(EDITOR, "note", "a", "eerste lid", "--on", "2026-11-27", "-f", str(path))
    assert first.exit_code == 0, first.stderr
    lock = lock_path(path).stat()
    assert lock.st_gid == GROUP and stat.S_IMODE(lock.st_mode) == 0o664
    second = as_user(OTHER, "note", "a", "tweede lid", "--on", "2026-11-27", "-f", str(path))
    assert second.exit_code == 0, second.stderr
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (OTHER, GROUP, 0o664)
    notes = [h.note for h in load(path).register.get("a").history]
    assert notes == ["eerste lid", "tweede lid"]


def test_an_existing_lock_file_that_cannot_be_opened_says_so(shared_dir):
    path, as_user = shared_dir
    lock = lock_path(path)
    lock.write_text("")
    lock.chmod(0o600)  # root's alone
    before = path.read_bytes()
    result = as_user(EDITOR, "note", "a", "x", "--on", "2026-11-27", "-f", str(path))
    assert result.exit_code == 2
    assert "cannot open the existing lock file .commitments.yaml.lock: Permission denied" in (
        result.stderr
    )
    assert path.read_bytes() == before


def test_an_edit_of_a_hard_linked_file_says_the_other_names_keep_the_old_content(run, write_yaml):
    path = write_yaml(MINIMAL)
    other = path.with_name("other.yaml")
    os.link(path, other)
    result = run("note", "a", "via één naam", "--on", "2026-11-27", "-f", str(path))
    assert result.exit_code == 0
    assert "1 other hard link" in result.stderr and "keep the old content" in result.stderr
    assert "via één naam" in path.read_text()
    assert other.read_text() == MINIMAL


# -- Ctrl-C ---------------------------------------------------------------------------------------


def test_ctrl_c_before_the_file_is_replaced_changes_nothing_and_exits_130(
    run, write_yaml, monkeypatch
):
    import signal

    path = write_yaml(MINIMAL)
    real = edits.add_note

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the edit is being worked out
        return real(*args, **kwargs)

    monkeypatch.setattr(edits, "add_note", interrupted)
    result = run("note", "a", "x", "--on", "2026-11-27", "-f", str(path))
    assert result.exit_code == 130
    assert "interrupted: nothing was changed" in result.stderr
    assert path.read_text() == MINIMAL


def test_ctrl_c_after_the_file_is_replaced_finishes_and_reports(run, write_yaml, monkeypatch):
    import signal

    path = write_yaml(MINIMAL)
    real = write._remember

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C just after the rename
        return real(*args, **kwargs)

    monkeypatch.setattr(write, "_remember", interrupted)
    result = run("note", "a", "toch", "--on", "2026-11-27", "-f", str(path))
    assert result.exit_code == 0
    assert "a: note added on 2026-11-27" in result.stdout
    assert "toch" in path.read_text()


# -- a refusal from the cache's index of ids -------------------------------------------------------
def test_an_unknown_id_is_refused_from_the_cache_without_building_the_register(
    run, shipped, monkeypatch
):
    from kvtrack.store import cache

    first = run("note", "groningen-cascadeplen", "x", "--file", str(shipped))  # parses, caches
    built: list[bool] = []
    real = cache.Entry.part

    def counting(self, **kw):
        built.append(True)
        return real(self, **kw)

    monkeypatch.setattr(cache.Entry, "part", counting)
    before = shipped.read_bytes()
    again = run("note", "groningen-cascadeplen", "x", "--file", str(shipped))
    assert built == []  # answered from the entry's head
    assert again.exit_code == first.exit_code == 2
    assert again.stderr == first.stderr
    assert "no commitment with id 'groningen-cascadeplen'" in again.stderr
    assert "did you mean 'groningen-cascadeplein'?" in again.stderr
    assert again.stderr.startswith(f"{shipped}: ")
    assert shipped.read_bytes() == before
    done = run(
        "note", "groningen-cascadeplein", "Gestart", "--file", str(shipped), "--on", "2026-11-27"
    )
    assert done.exit_code == 0 and built == []  # a known id: only its commitment is built
