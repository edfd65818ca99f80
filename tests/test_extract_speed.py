"""Speed without changing a result: the cue prefilter never skips a pattern that would match,
a big document is read in one pass, and a terminal sees progress inside it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.lowercase import CASE_ODD
from kvtrack.extract import clauses, cue_table, extract_document
from kvtrack.extract.literals import WORD, prefilter, requirements

DATA = Path(__file__).parent / "data" / "extract"
RULES = [(rule, prefilter(rule.pattern)) for rule in cue_table.STRONG + cue_table.WEAK]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bkabinet\b", [({"kabinet"}, set())]),
        (r"\b(?:stuur|zend)\s+ik\b", [({"stuur", "zend"}, set()), ({"ik"}, set())]),
        (r"\bwordt\b(?=\s+\w+\s+gerealiseerd)", [({"wordt"}, set()), (set(), {"gerealiseerd"})]),
        (r"(?:zal\s+)?ik", [(set(), {"ik"})]),  # an optional part is not required; "ik" may be
        # inside a word ("kijk")
        (r"(?<=voor)\s+\w+", []),  # a lookbehind is not required to hold in the match
        (r"\b(?:ga|\w+)\b", []),  # one alternative needs no word: nothing is required
        (r"\bge\w+d\b", [(set(), {"ge"})]),  # a word's beginning is a fragment
        (r"\b(?:voornemens|van\s+plan)\b", [({"voornemens", "plan"}, set())]),  # unfactored
        (r"\b(?:zal|zullen)\b", [({"zal", "zullen"}, set())]),
    ],
)
def test_requirements(pattern: str, expected: list[tuple[set[str], set[str]]]) -> None:
    got = requirements(re.compile(pattern, re.IGNORECASE))
    assert [(set(r.words), set(r.fragments)) for r in got] == expected


def test_a_whole_word_requirement_is_not_met_inside_a_word() -> None:
    test = prefilter(re.compile(r"\b(?:ga|gaan)\s+ik\b", re.IGNORECASE))
    assert not test.passes("de organisatie gaat", {"de", "organisatie", "gaat"})
    assert test.passes("morgen ga ik", {"morgen", "ga", "ik"})


def _sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("**/*.txt")))
    return [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_every_cue_match_passes_its_prefilter() -> None:
    sentences = _sentences()
    matched = 0
    for rule, finder in RULES:
        for sentence in sentences:
            if rule.pattern.search(sentence):
                matched += 1
                lowered = sentence.lower()
                assert finder.passes(lowered, set(WORD.findall(lowered))), (rule.label, sentence)
    assert matched > 100  # the corpus really exercises the rules


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Ik",
                "zal",
                "ZULLEN",
                "stuur",
                "uw",
                "Kamer",
                "wordt",
                "in",
                "2025",
                "gerealiseerd",
                "het",
                "kabinet",
                "ſ",
                "İ",
                ",",
                "gaat",
            ]
        ),
        max_size=14,
    )
)
def test_prefilter_agrees_with_the_patterns(words: list[str]) -> None:
    sentence = " ".join(words)
    for rule, finder in RULES:
        if rule.pattern.search(sentence) and not CASE_ODD.search(sentence):
            lowered = sentence.lower()
            assert finder.passes(lowered, set(WORD.findall(lowered))), (rule.label, sentence)


def test_case_odd_lists_every_letter_without_its_lower_case() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = [
        chr(c)
        for c in range(0x80, 0x110000)
        if letters.fullmatch(chr(c)) and not re.fullmatch("[a-z]", chr(c).lower())
    ]
    assert odd and all(CASE_ODD.fullmatch(ch) for ch in odd)


def test_a_megabyte_of_varied_text_completes() -> None:
    parts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    first = extract_document(parts[0], "a.txt")
    text = "\n\n".join(parts)
    big = "\n\n".join([text] * (1_000_000 // len(text) + 1))[:1_000_000]
    extraction = extract_document(big, "groot.txt")
    quotes = {c.quote for c in extraction.commitments}
    assert {c.quote for c in first.commitments} <= quotes
    assert len(extraction.commitments) > len(first.commitments)


def _reference_bounds(pattern: LazyPattern, text: str, start: int, end: int) -> object:
    """clauses._bounds as it was written first: a fresh search for every question."""
    text = re.sub(r"\([^()]{0,200}\)", lambda m: " " * len(m.group(0)), text)

    def pronoun(m: re.Match[str]) -> bool:
        if m.group(0).lower() not in ("die", "dat"):
            return False
        previous = re.search(r"(\w+)\s*$", text[: m.start()])
        return previous is not None and previous.group(1).lower() in clauses._VERB_FORMS

    begin, subordinate = 0, False
    for m in pattern.finditer(text, 0, start):
        if pronoun(m):
            continue
        begin = m.end()
        subordinate = m.group(0)[:1].isalpha() and m.group(0).lower() not in ("en", "maar", "of")
    stop = len(text)
    for m in pattern.finditer(text, end):
        if not pronoun(m):
            stop = m.start()
            break
    return begin, stop, subordinate


def test_clause_bounds_from_one_search_agree_with_a_search_per_question() -> None:
    sentences = _sentences()[::7]
    checked = 0
    for sentence in sentences:
        for pattern in (clauses.CLAUSE_BREAK, clauses._SEGMENT_BREAK):
            for start in range(0, len(sentence), 3):
                for end in (start + 1, start + 9):
                    got = clauses._bounds(pattern, sentence, start, end)
                    assert got == _reference_bounds(pattern, sentence, start, end), sentence
                    checked += 1
    assert checked > 10_000


def test_a_long_paragraph_is_split_into_sentences_in_linear_time() -> None:
    # a document copied without line breaks is one paragraph: each full stop used to copy the rest
    from kvtrack.extract.sentences import split_sentences

    def cpu(n: int) -> float:
        paragraph = "Dit is een zin over de zaak. " * n
        start = time.process_time()
        assert len(split_sentences(paragraph)) == n
        return time.process_time() - start

    small, large = cpu(10_000), cpu(80_000)  # 290 KB and 2.3 MB
    assert large < 20 * max(small, 0.02)  # eight times the text: not 64 times the time


def test_a_long_footnote_is_gathered_in_linear_time() -> None:
    # lines that continue a footnote (no final full stop) used to be added by copying it whole:
    # 16,000 of them took longer than the same lines in the body
    from kvtrack.extract.clean import clean

    head = "Antwoord 1\nIk zal dat doen.\n\n1 Zie Kamerstuk 123\n"

    def cpu(text: str) -> float:
        start = time.process_time()
        clean(text)
        return time.process_time() - start

    continuing = head + ("woord " * 20 + "\n") * 16_000  # 1.9 MB of one footnote
    (footnote,) = clean(continuing).footnotes
    assert footnote.count("woord") == 20 * 16_000
    ending = head + ("woord " * 20 + "eind.\n\nNieuw ") * 16_000  # as long, in the body
    assert cpu(continuing) < cpu(ending)  # (was 1.7 times it)


@pytest.mark.parametrize(
    "header",
    [
        "Vragen van het lid Jansen aan de minister over iets\n" * 8000,  # never "(ingezonden"
        "(ingezonden 1 maart 2024)\n"
        + "Vragen van het lid Jansen aan de minister over iets\n" * 8000,
        "Antwoord van minister Jansen over iets\n" * 8000,  # never "(ontvangen"
    ],
)
def test_a_hostile_header_is_read_in_seconds(header: str) -> None:
    # each "Vragen van ... aan de ... over" used to be stretched every way towards an
    # "(ingezonden ...)" that never came: 50 KB of them did not finish in two minutes
    start = time.process_time()
    extraction = extract_document(header + "Vraag 1\nWat?\n\nAntwoord 1\nIk zal dat doen.\n")
    assert time.process_time() - start < 5
    assert extraction.source.submitted is None and extraction.source.answered is None


@pytest.mark.parametrize("unit", ["**a ", "__a ", "[1 "])
def test_a_line_of_unclosed_markdown_is_read_in_seconds(unit: str) -> None:
    # each "**" or "[" was searched to the line's end for its closing half: 80 KB took 53 s
    start = time.process_time()
    extract_document("Vraag 1\nWat?\n\nAntwoord 1\nIk zal " + unit * 20_000 + "\n")
    assert time.process_time() - start < 5
