"""Start-up stays light: importing the extractor compiles no rule pattern, and a document compiles
only the rules its sentences could match (the others cost nothing)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from kvtrack.core.lazy_pattern import LazyPattern

# Run in a fresh interpreter: in this one other tests have compiled the patterns already.
_REPORT = """
import json, sys
from pathlib import Path
import kvtrack.extract
from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.timex.table import RULES
from kvtrack.extract import cue_filters, cue_table, cues, glue

def compiled():
    rules = cue_table.STRONG + cue_table.WEAK
    return {
        "cue rules": [r.label for r in rules if r.pattern.is_compiled],
        "cue needs": [r.label for r in rules if r.needs is not None and r.needs.is_compiled],
        "cue filters": [
            name for name, value in vars(cue_filters).items()
            if isinstance(value, LazyPattern) and value.is_compiled
        ],
        "time rules": [name for name, pattern, _ in RULES if pattern.is_compiled],
        "prefilter index built": cues._prefilters.cache_info().currsize > 0,
        "word list loaded": glue.dutch_words.cache_info().currsize > 0,
        "wordfreq imported": "wordfreq" in sys.modules,
    }

report = {"after import": compiled()}
if len(sys.argv) > 1:
    kvtrack.extract.extract_bytes(Path(sys.argv[1]).read_bytes(), "antwoord.txt")
    report["after extraction"] = compiled()
print(json.dumps(report))
"""


def _report(*args: str) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, dict[str, object]] = json.loads(done.stdout)
    return result


def test_importing_the_extractor_compiles_no_rule_pattern() -> None:
    after_import = _report()["after import"]
    assert after_import == {
        "cue rules": [],
        "cue needs": [],
        "cue filters": [],
        "time rules": [],
        "prefilter index built": False,
        "word list loaded": False,
        "wordfreq imported": False,
    }


def test_a_document_compiles_only_the_rules_its_sentences_could_match(tmp_path: Path) -> None:
    answer = tmp_path / "antwoord.txt"
    answer.write_text(
        "Vraag 1\nWat gaat u doen?\n\nAntwoord 1\n"
        "Ik stuur uw Kamer voor de zomer van 2025 een brief.\n",
        encoding="utf-8",
    )
    after = _report(str(answer))["after extraction"]
    assert after["prefilter index built"] is True
    cue_rules = after["cue rules"]
    assert isinstance(cue_rules, list)
    assert "Kamer informeren" in cue_rules  # "stuur ... uw Kamer" : tried, and it matches
    assert "toekomende tijd" not in cue_rules  # no "zal" or "zullen" in the document
    time_rules = after["time rules"]
    assert isinstance(time_rules, list)
    assert "summer-before" in time_rules  # "voor de zomer van 2025"
    assert "christmas" not in time_rules and "prinsjesdag" not in time_rules


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source = r"\b(?:stuur|zend)\s+(?P<wie>ik|wij)\b"
    lazy, eager = LazyPattern(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    text = "Dan Stuur ik, en zend wij; stuur IK"
    assert not lazy.is_compiled
    assert lazy.pattern == eager.pattern
    assert [m.span() for m in lazy.finditer(text, 3, 30)] == [
        m.span() for m in eager.finditer(text, 3, 30)
    ]
    assert lazy.is_compiled and lazy.compiled.flags == eager.flags
    found, expected = lazy.search(text, 10), eager.search(text, 10)
    assert found is not None and expected is not None and found.span() == expected.span()
    assert lazy.findall(text) == eager.findall(text) == ["ik", "wij", "IK"]
    assert lazy.sub("-", text) == eager.sub("-", text)
    assert lazy.split(text, 1) == eager.split(text, 1)
    assert lazy.match(text) is None and eager.match(text) is None
    whole = lazy.fullmatch("zend wij")
    assert whole is not None and whole["wie"] == "wij"


def test_the_word_list_is_read_without_importing_wordfreq(tmp_path: Path) -> None:
    # a text of 50 words or more is checked for words PDF copying glued together (glue.py)
    answer = tmp_path / "antwoord.txt"
    sentence = "Het kabinet werkt samen met de provincies aan betere verbindingen over het water. "
    answer.write_text(
        f"Vraag 1\nWat gaat u doen?\n\nAntwoord 1\n{sentence * 8}\n", encoding="utf-8"
    )
    after = _report(str(answer))["after extraction"]
    assert after["word list loaded"] is True
    assert after["wordfreq imported"] is False  # its import (a tokenizer) costs about 0.2 s
