"""The benchmark's synthetic registers are valid and cover what the schema allows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import ROOT

from kvtrack.core.model import Status
from kvtrack.store.register import load

spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
assert spec is not None and spec.loader is not None
generate = importlib.util.module_from_spec(spec)
sys.modules["generate"] = generate  # its dataclasses look their module up there
spec.loader.exec_module(generate)


def test_a_generated_file_is_valid_and_varied(tmp_path: Path):
    path = tmp_path / "c.yaml"
    generate.write_file(400, path)
    register = load(path).register
    assert len(register.commitments) == 400
    assert len(register.sources) == 100
    kinds = {c.due.granularity for c in register.commitments if c.due}
    assert kinds == {"year", "half", "quarter", "month", "day"}
    assert any(c.due is None and c.due_text for c in register.commitments)
    assert {c.status for c in register.commitments} == set(Status)
    assert any(c.rescheduled for c in register.commitments)


def test_a_generated_directory_is_one_valid_register(tmp_path: Path):
    generate.write_directory(300, tmp_path / "d")
    loaded = load(tmp_path / "d")
    assert len(loaded.register.commitments) == 300
    assert len(loaded.paths) > 1
    cross = [
        c
        for c in loaded.register.commitments
        if loaded.commitment_at[c.id].path != loaded.source_at[c.source].path
    ]
    assert cross  # commitments citing a source defined in another file
