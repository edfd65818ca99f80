"""How well `kvtrack extract` finds the commitments a careful reader marks, and how fast.

Usage:
    python bench/extract_quality.py            # the real corpus at ../shared/corpus (when present)
    python bench/extract_quality.py CORPUS     # another corpus laid out the same way
    python bench/extract_quality.py --held-aside   # also score the held-aside documents
    python bench/extract_quality.py --labels tests/data/extract   # the older written examples

The corpus (`answers/`, `negatives/`, `pdf/`, `gold.yaml`, `SOURCES.md`; see its README) is scored by
its own rules: a dated label is found by a dated candidate of the same answer number whose due ends
within 31 days of the label's due; a dated candidate that matches no dated or optional label (or ends
inside a trap period) is a false one; an undated label is found by an undated candidate of that
answer. Candidates proposed from the negatives must be 0.

Held aside: of the 28 answers, 8 are kept out of development and scored only at the end
(`--held-aside`). The rule, fixed before any label was read: within each layout (SOURCES.md), sort
the files by the SHA-256 of their name and hold aside the first HELD_ASIDE_PER_LAYOUT[layout] of them
(8 in all, spread over the five layouts in proportion to their size).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
DEFAULT_DIR = ROOT / "tests" / "data" / "extract"

HELD_ASIDE_PER_LAYOUT = {
    "pdf-text (PyPDF2)": 2,
    "pdf-text (pypdf)": 1,
    "pdf-text (pdftotext)": 2,
    "markdown": 1,
    "word": 2,
}
WITHIN_DAYS = 31


# ------------------------------------------------------------------------------------------------
# The corpus


def layouts(corpus: Path) -> dict[str, str]:
    """File name → layout, from the answers table of SOURCES.md."""
    found: dict[str, str] = {}
    for line in (corpus / "SOURCES.md").read_text("utf-8").splitlines():
        if line.startswith("## negatives"):
            break
        m = re.match(r"\|\s*(\S+\.txt)\s*\|.*\|\s*([^|]+?)\s*\|\s*$", line)
        if m:
            found[m[1]] = m[2]
    return found


def held_aside(layout_of: dict[str, str]) -> set[str]:
    by_layout: dict[str, list[str]] = defaultdict(list)
    for name, layout in layout_of.items():
        by_layout[layout].append(name)
    aside: set[str] = set()
    for layout, names in by_layout.items():
        names.sort(key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        aside.update(names[: HELD_ASIDE_PER_LAYOUT.get(layout, 0)])
    return aside


@dataclass
class DocScore:
    name: str
    layout: str
    dated: int = 0
    dated_found: int = 0
    candidates: int = 0  # dated candidates that count (not matching an optional label)
    false: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    undated: int = 0
    undated_found: int = 0
    undated_missed: list[str] = field(default_factory=list)
    answered_ok: bool = False
    answered_got: date | None = None
    answers_labelled: int = 0  # labelled answer numbers
    answers_read: int = 0  # of those, found as an Antwoord block
    error: str | None = None


def _end(period: Any) -> date:
    from kvtrack.core.period import Period

    return Period.parse(str(period)).end


def _close(a: date, b: date) -> bool:
    return abs((a - b).days) <= WITHIN_DAYS


def score_corpus_document(path: Path, labels: dict[str, Any], layout: str) -> DocScore:
    from kvtrack.errors import KvtrackError
    from kvtrack.extract import extract_document
    from kvtrack.extract.files import decode_answer

    score = DocScore(path.name, layout)
    text = decode_answer(path.read_bytes(), None)
    try:
        extraction = extract_document(text, path.name)
    except KvtrackError as error:
        score.error = str(error)
        extraction = None
    commitments = list(extraction.commitments) if extraction else []
    dated = [c for c in commitments if c.due is not None]
    unmatched = list(dated)
    for label in labels.get("dated") or []:
        score.dated += 1
        want = _end(label["due"])
        hit = next(
            (c for c in unmatched if label["answer"] in c.answer and _close(c.due.end, want)), None
        )
        if hit is None:
            score.missed.append(f"antwoord {label['answer']}, {label['due']}: {label['what']}")
        else:
            score.dated_found += 1
            unmatched.remove(hit)
    optional = [o for o in labels.get("optional") or [] if o.get("due")]
    counted = [
        c
        for c in unmatched
        if not any(o["answer"] in c.answer and _close(c.due.end, _end(o["due"])) for o in optional)
    ]
    score.candidates = score.dated_found + len(counted)
    score.false = [f"antwoord {list(c.answer)}, {c.due} ({c.due_text}): {c.quote}" for c in counted]
    open_undated = [c for c in commitments if c.due is None]
    for label in labels.get("undated") or []:
        score.undated += 1
        hit = next((c for c in open_undated if label["answer"] in c.answer), None)
        if hit is None:
            score.undated_missed.append(f"antwoord {label['answer']}: {label['what']}")
        else:
            score.undated_found += 1
            open_undated.remove(hit)
    if extraction is not None:
        score.answered_got = extraction.source.answered
        score.answered_ok = score.answered_got == labels.get("answered")
        numbers = {
            int(item["answer"])
            for key in ("dated", "undated", "optional")
            for item in labels.get(key) or []
        }
        read = {n for block in answer_blocks(text) for n in block}
        score.answers_labelled = len(numbers)
        score.answers_read = len(numbers & read)
    return score


def answer_blocks(text: str) -> list[tuple[int, ...]]:
    from kvtrack.extract.clean import clean
    from kvtrack.extract.document import read_document

    return [block.numbers for block in read_document(clean(text)).answers]


def negative_candidates(corpus: Path) -> dict[str, int]:
    from kvtrack.errors import KvtrackError
    from kvtrack.extract import extract_document
    from kvtrack.extract.files import decode_answer

    counts: dict[str, int] = {}
    for path in sorted((corpus / "negatives").glob("*.txt")):
        try:
            extraction = extract_document(decode_answer(path.read_bytes(), None), path.name)
        except KvtrackError:
            counts[path.name] = 0
            continue
        counts[path.name] = len(extraction.commitments)
    return counts


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "– (0/0)"


def _summary(title: str, scores: list[DocScore]) -> list[str]:
    lines = [f"{title}: {len(scores)} documents"]
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        groups[s.layout].append(s)
    rows = [*sorted(groups.items()), ("all", scores)]
    for layout, group in rows:
        found = sum(s.dated_found for s in group)
        candidates = sum(s.candidates for s in group)
        lines.append(
            f"  {layout:22} dated P {_ratio(found, candidates):14} R "
            f"{_ratio(found, sum(s.dated for s in group)):14} undated R "
            f"{_ratio(sum(s.undated_found for s in group), sum(s.undated for s in group)):14} "
            f"answer dates {sum(s.answered_ok for s in group)}/{len(group)}  headings "
            f"{sum(s.answers_read for s in group)}/{sum(s.answers_labelled for s in group)}"
        )
    return lines


def _details(scores: Iterable[DocScore]) -> list[str]:
    lines: list[str] = []
    for s in scores:
        lines.append(
            f"{s.name} [{s.layout}]: dated {s.dated_found}/{s.dated}, false {len(s.false)}, "
            f"undated {s.undated_found}/{s.undated}"
            + ("" if s.answered_ok else f", answer date {s.answered_got}")
            + (f", ERROR {s.error}" if s.error else "")
        )
        lines += [f"  missed  {m}" for m in s.missed]
        lines += [f"  false   {m}" for m in s.false]
        lines += [f"  undated {m}" for m in s.undated_missed]
    return lines


def throughput(corpus: Path, rounds: int = 3) -> list[str]:
    """Documents per second, text answers and PDFs, read and extracted in one process (median of
    `rounds` passes, after one warm-up pass that loads the word list). Wall-clock time and the
    process's CPU time both: on a shared machine the first says how loaded it is."""
    from kvtrack.extract import extract_documents

    lines = []
    for label, paths in (
        ("text", sorted((corpus / "answers").glob("*.txt"))),
        ("PDF", sorted((corpus / "pdf").glob("*.pdf"))),
    ):
        if not paths:
            continue
        extract_documents(paths)
        wall, cpu = [], []
        for _ in range(rounds):
            start, start_cpu = time.perf_counter(), time.process_time()
            extract_documents(paths)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        lines.append(
            f"{len(paths) / statistics.median(wall):.1f} docs/s from {label} "
            f"({len(paths) / statistics.median(cpu):.1f} per CPU second, {len(paths)} documents)"
        )
    return lines


def joined_answers(corpus: Path, size: int) -> str:
    """`size` characters of the corpus's answers joined into one document (each answer after the
    other, again and again): the big document the speed figures are measured on."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "answers").glob("*.txt"))]
    text = "\n\n".join(parts)
    return "\n\n".join([text] * (size // len(text) + 1))[:size]


def text_speed(corpus: Path, sizes_mb: Iterable[int] = (1, 2, 4, 8)) -> list[str]:
    """CPU seconds of extract_document on one big document of the joined answers, per size (the
    median of three passes for 1 MB), and each size's time against the one before: about 2 for
    each doubling when time is linear. The start-up (imports, the word list) is left out by a
    warm-up on a small document first."""
    from kvtrack.extract import extract_document

    extract_document(joined_answers(corpus, 30_000), "warm-up.txt")
    lines, previous = [], None
    for mb in sizes_mb:
        text = joined_answers(corpus, mb * 1_000_000)
        passes = []
        for _ in range(3 if mb == 1 else 1):
            start = time.process_time()
            extract_document(text, f"{mb}mb.txt")
            passes.append(time.process_time() - start)
        cpu = statistics.median(passes)
        growth = f", {cpu / previous:.2f}x the size before" if previous else ""
        lines.append(f"{mb} MB in one document: {cpu:.2f} s CPU ({mb / cpu:.2f} MB/s{growth})")
        previous = cpu
    return lines


def score_corpus(corpus: Path, *, show_held_aside: bool, verbose: bool) -> int:
    gold = yaml.safe_load((corpus / "gold.yaml").read_text("utf-8"))["documents"]
    layout_of = layouts(corpus)
    aside = held_aside(layout_of)
    scores = {
        name: score_corpus_document(corpus / "answers" / name, gold[name], layout_of[name])
        for name in sorted(gold)
    }
    dev = [s for n, s in scores.items() if n not in aside]
    held = [s for n, s in scores.items() if n in aside]
    out: list[str] = []
    if verbose:
        out += _details(dev)
        if show_held_aside:
            out += _details(held)
        out.append("")
    out += _summary("Development part", dev)
    if show_held_aside:
        out += _summary("Held-aside part", held)
        out += _summary("All answers", dev + held)
    else:
        out.append(f"Held-aside part: {len(held)} documents, not scored (--held-aside)")
    negatives = negative_candidates(corpus)
    out.append(
        f"Negatives: {sum(negatives.values())} candidates from {len(negatives)} documents"
        + "".join(f"\n  {n}: {c}" for n, c in negatives.items() if c)
    )
    out += [f"Throughput: {line}" for line in throughput(corpus)]
    out += [f"Speed: {line}" for line in text_speed(corpus)]
    print("\n".join(out))
    return 0


# ------------------------------------------------------------------------------------------------
# The written examples in tests/data/extract (NAME.txt + NAME.expected.yaml)


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


def score_examples(directory: Path) -> int:
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
    false = sum(len(s.false) for s in scores)
    undated = sum(s.undated_expected for s in scores)
    print(
        f"\nDated candidates over {len(scores)} documents: precision "
        f"{_ratio(candidates - false, candidates)}, recall {_ratio(found, expected)}"
    )
    print(f"Undated commitments found: {sum(s.undated_found for s in scores)}/{undated}")
    print(f"Source fields wrong: {sum(len(s.source_errors) for s in scores)}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="corpus directory (default: shared)")
    parser.add_argument("--labels", type=Path, help="score NAME.expected.yaml examples instead")
    parser.add_argument("--held-aside", action="store_true", help="also score the held-aside part")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false ones")
    args = parser.parse_args(argv[1:])
    if args.labels is not None:
        return score_examples(args.labels)
    corpus = args.corpus or CORPUS
    if not (corpus / "gold.yaml").is_file():
        print(f"no corpus at {corpus}; scoring {DEFAULT_DIR} instead", file=sys.stderr)
        return score_examples(DEFAULT_DIR)
    return score_corpus(corpus, show_held_aside=args.held_aside, verbose=args.verbose)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv))
