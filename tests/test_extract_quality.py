"""Precision and recall of dated candidates on the hand-labelled documents in tests/data/extract/.

Documents 01-07 were written first and the extractor tuned on them; 08-16, 17-24 and 25-27 were
written and labelled afterwards as held-out sets (before looking at the extractor's output), then
tuned on. bench/extract_quality.py prints the details.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from kvtrack.extract import extract_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "extract"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_quality", ROOT / "bench" / "extract_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
DOCUMENTS = BENCH.documents(DATA)


def test_there_are_enough_documents() -> None:
    assert len(DOCUMENTS) >= 5


def test_every_dated_commitment_found_and_at_most_one_false_in_four() -> None:
    scores = [BENCH.score_document(p) for p in DOCUMENTS]
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    candidates = sum(s.candidates for s in scores)
    false = sum(len(s.false) for s in scores)
    assert found == expected, [m for s in scores for m in s.missed]
    assert false * 4 <= candidates, [f for s in scores for f in s.false]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_source_fields(path: Path) -> None:
    assert BENCH.score_document(path).source_errors == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_past_ranges_and_others_plans_are_never_a_due(path: Path) -> None:
    labels = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text("utf-8"))
    extraction = extract_document(path.read_text("utf-8"), path.name)
    dated_texts = {c.due_text for c in extraction.commitments if c.due is not None}
    known = set(labels.get("known_false") or [])
    for phrase in labels.get("not_dated") or []:
        assert phrase in known or phrase not in dated_texts
