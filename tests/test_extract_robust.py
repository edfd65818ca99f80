"""Never a crash: random and mangled documents give candidates or a KvtrackError, nothing else."""

from __future__ import annotations

import random

import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvtrack.errors import KvtrackError
from kvtrack.extract import extract_document

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines()


def survives(text: str) -> None:
    try:
        extraction = extract_document(text, "x.txt")
    except KvtrackError as error:  # refusing is fine, with a message; crashing is not
        assert error.message  # noqa: PT017 - either outcome is allowed here, so no pytest.raises
        return
    ids = [c.id for c in extraction.commitments]
    assert len(ids) == len(set(ids))
    for c in extraction.commitments:
        assert c.quote and c.title and c.answer


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=2000))
def test_random_unicode(text: str) -> None:
    survives(text)


@FAST
@given(st.integers(min_value=0, max_value=len(SEED_TEXT)))
def test_truncated_seed(cut: int) -> None:
    survives(SEED_TEXT[:cut])


@FAST
@given(st.randoms(use_true_random=False))
def test_shuffled_seed_lines(rng: random.Random) -> None:
    lines = list(SEED_LINES)
    rng.shuffle(lines)
    survives("\n".join(lines))


PIECES = [
    "Vraag 1", "Antwoord 1", "Antwoord 4 en 5", "Vragen 2 en 3", "**Antwoord 2**", "## Vraag 3",
    "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2", "ah-tk-20242025-1", "1Kamerstuk 1, nr. 2.",
    "zal ik uw Kamer voor de zomer informeren.", "In 2025 wordt", "rijkswerkgelegen-", "heid",
    "(ingezonden 30 oktober 2024).", "Antwoord van Minister X (ontvangen 31 februari 2024).",
    "Vragen van het lid A (B) aan de Minister over «C» (ingezonden", "?1", "[3 ]", "-", "",
    "eind vorig jaar", "na 2025", "tot 2028", "niet in 2028", "\f", "\u00ad", "Q5 2025",
    "99 dertiende 2025", "voor de zomer van 9999", "binnen 0 maanden", "per 31 februari 2026",
]  # fmt: skip


@FAST
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=30), max_size=60),
    st.sampled_from(["\n", " ", ""]),
)
def test_mangled_documents(parts: list[str], joiner: str) -> None:
    survives(joiner.join(parts))


@FAST
@given(st.lists(st.sampled_from(SEED_LINES), max_size=80), st.text(max_size=200))
def test_seed_lines_with_noise(lines: list[str], noise: str) -> None:
    survives("\n".join(lines) + noise)


@pytest.mark.parametrize("size", [10_000, 200_000])
def test_long_lines_stay_fast(size: int) -> None:
    import time

    text = "Vraag 1\nWaarom?\nAntwoord 1\n" + ("zal ik de Kamer in 2025 " * (size // 24)) + "\n"
    started = time.perf_counter()
    survives(text)
    survives("Vraag 1\nAntwoord 1\n" + "a" * size)
    survives("Vraag 1\nAntwoord 1\n" + "1 " * (size // 2))
    assert time.perf_counter() - started < 20


def test_no_structure_message() -> None:
    with pytest.raises(KvtrackError, match="no Vraag/Antwoord structure"):
        extract_document("Geachte voorzitter,\n\nHierbij de brief.\n", "brief.txt")
