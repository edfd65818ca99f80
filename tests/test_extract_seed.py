"""The quality bar on the seed document (issue 5)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SEED

from kvtrack.core.model import Commitment, Status
from kvtrack.extract import Extraction, extract_document


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract_document(SEED.read_text(encoding="utf-8"), "seeds/000_ec54215808ac09e0.txt")


def only(extraction: Extraction, fragment: str) -> Commitment:
    found = [c for c in extraction.commitments if fragment in c.quote]
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def test_source(seed: Extraction) -> None:
    source = seed.source
    assert source.title == "Rijksbanen verdwijnen uit de regio"
    assert source.asked_by == "Chakor (GroenLinks-PvdA)"
    assert source.answered_by is not None and source.answered_by.startswith("Minister Uitermark")
    assert (source.submitted, source.answered) == (date(2024, 10, 30), date(2024, 12, 5))
    assert source.identifiers == {
        "publication": None,
        "zaak": None,
        "document": None,
        "vergaderjaar": "2024-2025",
    }
    assert source.file == "seeds/000_ec54215808ac09e0.txt"
    assert seed.source.identifiers["vergaderjaar"] == "2024-2025"
    assert "aanhangsel" not in seed.source.identifiers  # the footer number is a page number


def test_both_dated_commitments(seed: Extraction) -> None:
    cascadeplein = only(seed, "Cascadeplein")
    assert cascadeplein.quote == (
        "In 2025 wordt op de locatie Cascadeplein, waar momenteel meerdere rijksdiensten zijn "
        "gehuisvest, een dergelijke voorziening in gebruik genomen."
    )
    assert (cascadeplein.answer, str(cascadeplein.due), cascadeplein.due_text) == (
        (8,),
        "2025",
        "In 2025",
    )
    kempkensberg = only(seed, "Kempkensberg, zoals nu voorzien")
    assert kempkensberg.quote.endswith("rijkskantoor Kempkensberg, zoals nu voorzien in 2031.")
    assert (kempkensberg.answer, str(kempkensberg.due)) == ((8,), "2031")
    for commitment in (cascadeplein, kempkensberg):
        assert commitment.status is Status.OPEN and commitment.owner == "BZK" and commitment.cue


def test_undated_commitments_of_answers_1_and_5(seed: Extraction) -> None:
    study = only(seed, "kondig ik aan te zullen onderzoeken")
    assert study.quote == (
        "In de Kamerbrief kondig ik aan te zullen onderzoeken hoe de betrouwbaarheid van de "
        "prognoses kan worden verbeterd."
    )
    assert (study.answer, study.due, study.status) == ((1,), None, Status.OPEN)
    regions = only(seed, "Het kabinet gaat in kaart brengen")
    assert (regions.answer, regions.due, regions.status) == ((5,), None, Status.OPEN)


def test_nothing_dated_from_the_past_or_from_forecasts(seed: Extraction) -> None:
    dated = [c for c in seed.commitments if c.due is not None]
    assert sorted(str(c.due) for c in dated) == ["2025", "2031"]
    for c in seed.commitments:
        assert c.due_text not in ("na 2025", "tot 2028", "vanaf 2026", "in 2026", "in 2028")
        assert "niet in 2028" not in c.quote and "daalt" not in c.quote


def test_vague_and_done(seed: Extraction) -> None:
    phased = [c for c in seed.commitments if "fasegewijs" in c.quote]
    assert {c.answer for c in phased} == {(4,), (8,)}
    assert all(c.due is None and c.due_text == "In de komende jaren" for c in phased)
    assen = only(seed, "Rijksontmoetingsplein Assen (voorheen")
    assert assen.status is Status.DONE and assen.due is None and assen.due_text == "eind vorig jaar"
    assert [h.date for h in assen.history] == [date(2024, 12, 5)]


def test_ids_are_unique_slugs(seed: Extraction) -> None:
    ids = [c.id for c in seed.commitments]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(seed.source.id + "-") for i in ids)
    assert all(i == i.lower() and " " not in i for i in ids)


def test_exactly_these_candidates(seed: Extraction) -> None:
    """The seed's proposals are fixed: a rule for other documents may not add or drop one here
    ("Het kabinet streeft naar een betere spreiding" is an aim without a deliverable)."""
    assert [(c.answer, None if c.due is None else str(c.due)) for c in seed.commitments] == [
        ((1,), None),
        ((4,), None),
        ((4,), None),
        ((5,), None),
        ((8,), None),
        ((8,), "2025"),
        ((8,), "2031"),
    ]
