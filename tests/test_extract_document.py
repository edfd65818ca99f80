"""Reading the header and the Vraag/Antwoord blocks of an answer document."""

from __future__ import annotations

from datetime import date

import pytest

from kvtrack.errors import KvtrackError
from kvtrack.extract.clean import clean
from kvtrack.extract.document import (
    NO_STRUCTURE,
    identifiers,
    members,
    parse_dutch_date,
    parse_heading,
    parse_numbers,
    read_document,
    subject_title,
)

HEADER = (
    "Vragen van het lid Chakor (GroenLinks-PvdA) aan de Minister van\n"
    "Binnenlandse Zaken en koninkrijkrelaties over het artikel «Rijksbanen\n"
    "verdwijnen uit de regio» (ingezonden 30 oktober 2024).\n\n"
    "Antwoord van Minister Uitermark (Binnenlandse Zaken en\n"
    "Koninkrijksrelaties), mede namens de Staatssecretaris van Binnenlandse Zaken\n"
    "en Koninkrijksrelaties (ontvangen 5 december 2024).\n\n"
)


def read(text: str):  # type: ignore[no-untyped-def]
    return read_document(clean(text))


def test_header_of_the_seed_layout() -> None:
    doc = read(HEADER + "Vraag 1\nWaarom?\n\nAntwoord 1\nDaarom.\n")
    header = doc.header
    assert header.subject == "Rijksbanen verdwijnen uit de regio"
    assert header.asked_by == "Chakor (GroenLinks-PvdA)"
    assert header.answered_by == (
        "Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties), mede namens de "
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"
    )
    assert header.submitted == date(2024, 10, 30)
    assert header.answered == date(2024, 12, 5)
    assert header.identifiers == {}
    assert [a.numbers for a in doc.answers] == [(1,)]
    assert [q.numbers for q in doc.questions] == [(1,)]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("Chakor (GroenLinks-PvdA)", "Chakor (GroenLinks-PvdA)"),
        (
            "Omtzigt (CDA), Gesthuizen (SP) en Schouw (D66)",
            "Omtzigt (CDA), Gesthuizen (SP), Schouw (D66)",
        ),
        (
            "Bouchallikh, Bromet en Kröger (allen GroenLinks)",
            "Bouchallikh (GroenLinks), Bromet (GroenLinks), Kröger (GroenLinks)",
        ),
        ("Kisteman en Van der Burg (beiden VVD)", "Kisteman (VVD), Van der Burg (VVD)"),
        ("Van der Plas (BBB)", "Van der Plas (BBB)"),
        ("Dijk", "Dijk"),
    ],
)
def test_members(who: str, expected: str) -> None:
    assert members(who) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("het artikel «Rijksbanen verdwijnen uit de regio»", "Rijksbanen verdwijnen uit de regio"),
        ("het bericht “Stations niet toegankelijk”", "Stations niet toegankelijk"),
        ("de bouw van studentenwoningen", "De bouw van studentenwoningen"),
        ("het lerarentekort.", "Het lerarentekort"),
    ],
)
def test_subject_title(subject: str, expected: str) -> None:
    assert subject_title(subject) == expected


@pytest.mark.parametrize(
    ("line", "kind", "numbers", "rest"),
    [
        ("Vraag 1", "vraag", (1,), ""),
        ("Antwoord 4 en 5", "antwoord", (4, 5), ""),
        ("Antwoord 2, 3 en 4", "antwoord", (2, 3, 4), ""),
        ("Antwoord 6 t/m 8", "antwoord", (6, 7, 8), ""),
        ("Antwoord op vraag 3:", "antwoord", (3,), ""),
        ("Antwoord op vragen 2 en 3:", "antwoord", (2, 3), ""),
        ("Vragen 2 en 3", "vraag", (2, 3), ""),
        ("Vraag 1, 2 en 3", "vraag", (1, 2, 3), ""),
        ("Vraag 1.", "vraag", (1,), ""),
        ("VRAAG 7", "vraag", (7,), ""),
        ("Antwoord 3a", "antwoord", (3,), ""),
        ("Antwoord 3a en 3b", "antwoord", (3,), ""),
        # the corpus's Word letters and merged headings that lost their commas
        ("Antwoord vraag 8:", "antwoord", (8,), ""),
        ("Antwoord op vragen 4, 5, 6 en 7", "antwoord", (4, 5, 6, 7), ""),
        ("Antwoord 5 6", "antwoord", (5, 6), ""),
        ("Antwoord 8 9 10 en 11", "antwoord", (8, 9, 10, 11), ""),
        ("\fAntwoord 3", "antwoord", (3,), ""),
        ("Vraag 1: Hoe verklaart u dit?", "vraag", (1,), "Hoe verklaart u dit?"),
        (
            "Antwoord 2 Zie het antwoord op vraag 1.",
            "antwoord",
            (2,),
            "Zie het antwoord op vraag 1.",
        ),
    ],
)
def test_headings(line: str, kind: str, numbers: tuple[int, ...], rest: str) -> None:
    heading = parse_heading(line)
    assert heading is not None
    assert (heading.kind, heading.numbers, heading.rest) == (kind, numbers, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Vraag 2 en 3 zijn al beantwoord",
        "Antwoord 2 3 procent",
        "antwoord 3 is eerder gegeven",
        "Antwoord op vragen van het lid Erkens over overbodige functies",
        "Antwoord van Minister Uitermark (ontvangen 4 februari 2025).",
        "In de antwoorden op de vragen 4 en 8 over rijksontmoetingspleinen,",
    ],
)
def test_not_headings(line: str) -> None:
    assert parse_heading(line) is None


def test_numbers() -> None:
    assert parse_numbers("4 en 5") == (4, 5)
    assert parse_numbers("2 tot en met 4") == (2, 3, 4)
    assert parse_numbers("3, 3 en 4") == (3, 4)


def test_dates() -> None:
    assert parse_dutch_date("30 oktober 2024") == date(2024, 10, 30)
    assert parse_dutch_date("ontvangen\n4 februari 2025") == date(2025, 2, 4)
    assert parse_dutch_date("31 februari 2025") is None
    assert parse_dutch_date("5-12-2024") == date(2024, 12, 5)


def test_identifiers_are_never_invented() -> None:
    assert identifiers("Vragen van het lid X", ()) == {}
    found = identifiers(
        "Antwoord van Minister Y (ontvangen 5 april 2024). Zie ook Aanhangsel Handelingen, "
        "vergaderjaar 2023–2024, nr. 1283.",
        ("ah-tk-20232024-1433", "2024Z03456", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1"),
    )
    assert found == {
        "publication": "ah-tk-20232024-1433",
        "vergaderjaar": "2023-2024",
        "aanhangsel": "1433",
        "zaak": "2024Z03456",
    }


def test_page_footer_number_is_not_the_aanhangsel_number() -> None:
    found = identifiers("", ("Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2",))
    assert found == {"vergaderjaar": "2024-2025"}


def test_aanhangsel_number_from_the_title_block() -> None:
    text = (
        "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2022–2023 Aanhangsel van de Handelingen\n"
        "Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n"
        "3649\n" + HEADER + "Vraag 1\nWaarom?\nAntwoord 1\nDaarom.\n"
    )
    assert read(text).header.identifiers == {
        "vergaderjaar": "2022-2023",
        "aanhangsel": "3649",
        "publication": "ah-tk-20222023-3649",
    }


def test_merged_answers_and_markdown_headings() -> None:
    text = HEADER + (
        "## Vraag 4\n\nA?\n\n## Vraag 5\n\nB?\n\n**Antwoord 4 en 5**\n\nSamen beantwoord.\n\n"
        "### Antwoord op vraag 6:\nZes.\n"
    )
    doc = read(text)
    assert [(a.numbers, [line for line in a.lines if line]) for a in doc.answers] == [
        ((4, 5), ["Samen beantwoord."]),
        ((6,), ["Zes."]),
    ]


def test_question_split_over_pages_stays_one_question() -> None:
    text = HEADER + (
        "Vraag 2\nWelke maatregelen neemt u, in tegenstelling tot de kabinetsdoelstel-\n\n"
        "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2\n\n"
        "lingen, om dit te voorkomen?\nAntwoord 2\nDeze.\n"
    )
    doc = read(text)
    question = " ".join(line for line in doc.questions[0].lines if line)
    assert question == (
        "Welke maatregelen neemt u, in tegenstelling tot de kabinetsdoelstellingen, om dit te voorkomen?"
    )


def test_unnumbered_answers_after_numbered_questions() -> None:
    doc = read(HEADER + "Vraag 1\nWaarom?\nAntwoord\nDaarom.\nVraag 2\nEn dit?\nAntwoord:\nDit.\n")
    assert [(a.numbers, [line for line in a.lines if line]) for a in doc.answers] == [
        ((1,), ["Daarom."]),
        ((2,), ["Dit."]),
    ]


def test_questions_without_answer_labels() -> None:
    doc = read(HEADER + "Vraag 1\nWaarom is dat zo?\nOmdat het zo is.\nVraag 2\nEn dit?\nOok.\n")
    assert [(a.numbers, [line for line in a.lines if line]) for a in doc.answers] == [
        ((1,), ["Omdat het zo is."]),
        ((2,), ["Ook."]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Geachte voorzitter,\n\nHierbij stuur ik u de brief.\n\nHoogachtend,",
        HEADER,
        "Vraag 1\nWaarom?\n",
    ],
)
def test_no_structure_is_a_clear_error(text: str) -> None:
    with pytest.raises(KvtrackError) as caught:
        read(text)
    assert caught.value.message == NO_STRUCTURE
    assert "Vraag/Antwoord" in NO_STRUCTURE
