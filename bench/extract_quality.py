"""Precision and recall of `kvtrack extract`'s dated candidates on hand-labelled answer documents.

Usage: python bench/extract_quality.py [DIR]   (default: tests/data/extract)

Each document `NAME.txt` or `NAME.md` has a label file `NAME.expected.yaml` listing every dated
commitment a careful reader finds (`dated`: answer, due, a fragment of the quote), the undated ones
(`undated`), and the source fields. A dated candidate is right when its answer and due match a label
and its quote contains the label's fragment; a candidate with the right quote but the wrong due counts
as a false candidate and leaves the label missed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "data" / "extract"


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0  # labelled dated commitments found with the right answer and due
    candidates: int = 0  # dated candidates proposed
    false: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    undated_expected: int = 0
    undated_found: int = 0
    source_errors: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _answers(value: Any) -> tuple[int, ...]:
    return tuple(value) if isinstance(value, list) else (int(value),)


def _dues(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def documents(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".md"))


def score_document(path: Path) -> Score:
    from kvtrack.extract import extract_document

    labels = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text("utf-8"))
    extraction = extract_document(path.read_text("utf-8"), str(path.name))
    result = Score(path.name)
    dated = [c for c in extraction.commitments if c.due is not None]
    result.candidates = len(dated)
    unmatched = list(dated)
    for label in labels.get("dated") or []:
        result.expected += 1
        hit = next(
            (
                c
                for c in unmatched
                if c.answer == _answers(label["answer"])
                and str(c.due) in _dues(label["due"])
                and _norm(label["quote"]) in _norm(c.quote)
            ),
            None,
        )
        if hit is None:
            result.missed.append(f"antwoord {label['answer']}, {label['due']}: {label['quote']}")
        else:
            result.found += 1
            unmatched.remove(hit)
    result.false = [
        f"antwoord {list(c.answer)}, {c.due} ({c.due_text}): {c.quote}" for c in unmatched
    ]
    open_undated = [c for c in extraction.commitments if c.due is None]
    for label in labels.get("undated") or []:
        result.undated_expected += 1
        if any(_norm(label["quote"]) in _norm(c.quote) for c in open_undated):
            result.undated_found += 1
    result.source_errors = _source_errors(labels.get("source") or {}, extraction.source)
    return result


def _source_errors(expected: dict[str, Any], source: Any) -> list[str]:
    errors: list[str] = []
    for key, want in expected.items():
        got = getattr(source, key)
        if key == "identifiers":
            got = {k: got.get(k) for k in ("publication", "zaak", "document")}
            want = {k: (str(v) if v is not None else None) for k, v in want.items()}
        elif hasattr(got, "isoformat"):
            got = got.isoformat()
            want = str(want)
        if got != want:
            errors.append(f"{key}: expected {want!r}, got {got!r}")
    return errors


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    scores = [score_document(p) for p in documents(directory)]
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    candidates = sum(s.candidates for s in scores)
    for s in scores:
        print(f"{s.name}: {s.found}/{s.expected} found, {len(s.false)} false of {s.candidates}")
        for line in s.missed:
            print(f"  missed  {line}")
        for line in s.false:
            print(f"  false   {line}")
        for line in s.source_errors:
            print(f"  source  {line}")
    precision = (candidates - sum(len(s.false) for s in scores)) / candidates if candidates else 1.0
    recall = found / expected if expected else 1.0
    undated = sum(s.undated_expected for s in scores)
    undated_found = sum(s.undated_found for s in scores)
    print(
        f"\nDated candidates over {len(scores)} documents: precision {precision:.2f} "
        f"({candidates - sum(len(s.false) for s in scores)}/{candidates}), "
        f"recall {recall:.2f} ({found}/{expected})"
    )
    print(f"Undated commitments found: {undated_found}/{undated}")
    print(f"Source fields wrong: {sum(len(s.source_errors) for s in scores)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv))
