"""The Dutch time-phrase normaliser, driven by a table: phrase, answer date → period and kind."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvtrack.core.calendar_nl import christmas_recess_start, prinsjesdag, summer_recess_start
from kvtrack.core.timex import TimeKind, find_times, normalise

D = TimeKind.DEADLINE
V = TimeKind.VAGUE
R = TimeKind.RANGE
P = TimeKind.PAST

SEED = date(2024, 12, 5)  # the seed answer's date (ontvangen 5 december 2024)
SPRING = date(2025, 3, 12)
AUTUMN = date(2025, 10, 20)

# (text, anchor, expected matched text, expected period or None, kind)
CASES: list[tuple[str, date, str, str | None, TimeKind]] = [
    # the corpus's phrases and their variants (answers of 2024)
    ("voor de meivakantie", SPRING, "voor de meivakantie", "2025-04", D),
    ("voor de Voorjaarsnota", SPRING, "voor de Voorjaarsnota", "2025-05-31", D),
    ("na Prinsjesdag", SPRING, "na Prinsjesdag", "2025-09-16", R),
    ("eind deze maand", SPRING, "eind deze maand", "2025-03", D),
    ("volgende maand", AUTUMN, "volgende maand", "2025-11", D),
    ("voor volgende maand", AUTUMN, "voor volgende maand", "2025-10", D),
    ("vorige maand", AUTUMN, "vorige maand", "2025-09", P),
    ("voor het einde van het jaar", SPRING, "voor het einde van het jaar", "2025-Q4", D),
    ("met Prinsjesdag", SPRING, "met Prinsjesdag", "2025-09-16", D),
    ("in de loop van mei", SPRING, "in de loop van mei", "2025-05", D),
    ("eind februari 2025", SEED, "eind februari 2025", "2025-02", D),
    ("in Q4 2024", date(2024, 11, 19), "in Q4 2024", "2024-Q4", D),
    # years
    ("In 2025 wordt op de locatie Cascadeplein", SEED, "In 2025", "2025", D),
    ("zoals nu voorzien in 2031.", SEED, "in 2031", "2031", D),
    ("uiterlijk 2027 gereed", SEED, "uiterlijk 2027", "2027", D),
    ("uiterlijk in 2027", SEED, "uiterlijk in 2027", "2027", D),
    ("in de loop van 2026", SEED, "in de loop van 2026", "2026", D),
    ("in het jaar 2028", SEED, "in het jaar 2028", "2028", D),
    ("pas in 2027", SEED, "pas in 2027", "2027", D),
    ("per 2026 verhoogd", SEED, "per 2026", "2026-01-01", D),
    ("in 2025 of 2026 afgerond", SEED, "in 2025 of 2026", "2026", D),
    ("ruim voor 2030", SEED, "ruim voor 2030", "2029", D),
    ("vóór 2030", SEED, "vóór 2030", "2029", D),
    ("voor 2030 afgerond", SEED, "voor 2030", "2029", D),
    ("gepland voor 2026", SEED, "voor 2026", "2026", D),
    ("de doelen voor 2030", SEED, "voor 2030", "2030", R),
    # the past
    ("de ontwikkelingen in 2023", SEED, "in 2023", "2023", P),
    ("1 december 2023", SEED, "1 december 2023", "2023-12-01", P),
    ("de Kamerbrief van 25 oktober 2024", SEED, "25 oktober 2024", "2024-10-25", P),
    ("op 16 mei jl. besproken", SEED, "op 16 mei jl.", "2024-05-16", P),
    ("de op 8 mei jl. vastgestelde aanpak", SEED, "op 8 mei jl.", "2024-05-08", P),
    ("eind vorig jaar geopend", SEED, "eind vorig jaar", "2023-Q4", P),
    ("vorig jaar", SEED, "vorig jaar", "2023", P),
    ("eerder dit jaar", SEED, "eerder dit jaar", "2024", P),
    ("in het voorjaar van dit jaar", SEED, "in het voorjaar van dit jaar", "2024-H1", P),
    ("afgelopen zomer", SEED, "afgelopen zomer", "2024-Q3", P),
    ("de afgelopen jaren", SEED, "de afgelopen jaren", None, P),
    ("in september jl.", SEED, "in september jl.", "2024-09", P),
    # ranges and forecasts: never deadlines
    ("daalt na 2025", SEED, "na 2025", "2025", R),
    ("tot 2028", SEED, "tot 2028", "2028", R),
    ("tot en met 2028", SEED, "tot en met 2028", "2028", R),
    ("vanaf 2026", SEED, "vanaf 2026", "2026", R),
    ("sinds 2020", SEED, "sinds 2020", "2020", R),
    ("rond 2030", SEED, "rond 2030", "2030", R),
    ("richting 2040", SEED, "richting 2040", "2040", R),
    ("in de periode 2025–2028", SEED, "in de periode 2025–2028", "2028", R),
    ("tussen 2025 en 2030", SEED, "tussen 2025 en 2030", "2030", R),
    ("vergaderjaar 2024–2025", SEED, "2024–2025", "2025", R),
    ("tot eind 2025", SEED, "tot eind 2025", "2025-Q4", R),
    ("vanaf 1 januari 2026", SEED, "vanaf 1 januari 2026", "2026-01-01", R),
    # parts of years
    ("eind 2025", SEED, "eind 2025", "2025-Q4", D),
    ("voor eind 2025", SEED, "voor eind 2025", "2025-Q4", D),
    ("aan het eind van 2025", SEED, "aan het eind van 2025", "2025-Q4", D),
    ("voor het einde van het jaar", SEED, "voor het einde van het jaar", "2024-Q4", D),
    ("eind dit jaar", SPRING, "eind dit jaar", "2025-Q4", D),
    ("begin 2026", SEED, "begin 2026", "2026-Q1", D),
    ("begin volgend jaar", SEED, "begin volgend jaar", "2025-Q1", D),
    ("medio 2026", SEED, "medio 2026", "2026-07", D),
    ("halverwege 2026", SEED, "halverwege 2026", "2026-07", D),
    ("in het voorjaar van 2025", SEED, "in het voorjaar van 2025", "2025-H1", D),
    ("voorjaar 2026", SEED, "voorjaar 2026", "2026-H1", D),
    ("in het najaar van 2025", SEED, "in het najaar van 2025", "2025-H2", D),
    ("najaar 2025", SEED, "najaar 2025", "2025-H2", D),
    ("in de zomer van 2025", SEED, "in de zomer van 2025", "2025-Q3", D),
    ("in het najaar", SPRING, "in het najaar", "2025-H2", D),
    ("in het najaar", SEED, "in het najaar", "2025-H2", D),
    ("komend najaar", SEED, "komend najaar", "2025-H2", D),
    ("komend voorjaar", SEED, "komend voorjaar", "2025-H1", D),
    ("dit najaar", AUTUMN, "dit najaar", "2025-H2", D),
    ("in het eerste kwartaal van 2026", SEED, "in het eerste kwartaal van 2026", "2026-Q1", D),
    ("eerste kwartaal 2026", SEED, "eerste kwartaal 2026", "2026-Q1", D),
    ("derde kwartaal van 2025", SEED, "derde kwartaal van 2025", "2025-Q3", D),
    ("het vierde kwartaal van dit jaar", SPRING, "het vierde kwartaal van dit jaar", "2025-Q4", D),
    ("in het 2e kwartaal", SEED, "in het 2e kwartaal", "2025-Q2", D),
    ("Q1 2026", SEED, "Q1 2026", "2026-Q1", D),
    ("2025-Q3", SEED, "2025-Q3", "2025-Q3", D),
    ("H2 2025", SEED, "H2 2025", "2025-H2", D),
    ("eerste helft van 2026", SEED, "eerste helft van 2026", "2026-H1", D),
    ("in de tweede helft van 2025", SEED, "in de tweede helft van 2025", "2025-H2", D),
    (
        "de eerste jaarhelft van volgend jaar",
        SEED,
        "de eerste jaarhelft van volgend jaar",
        "2025-H1",
        D,
    ),
    # parliamentary moments
    ("voor de zomer", SEED, "voor de zomer", "2025-07-03", D),
    ("voor het zomerreces", SPRING, "voor het zomerreces", "2025-07-03", D),
    ("voor de zomer van 2026", SEED, "voor de zomer van 2026", "2026-07-02", D),
    ("nog voor de zomer", SPRING, "nog voor de zomer", "2025-07-03", D),
    ("voor de zomer", AUTUMN, "voor de zomer", "2026-07-02", D),
    ("na de zomer", SPRING, "na de zomer", "2025-H2", D),
    ("na het zomerreces", AUTUMN, "na het zomerreces", "2026-H2", D),
    ("voor Prinsjesdag", SEED, "voor Prinsjesdag", "2025-09-15", D),
    ("op Prinsjesdag 2026", SEED, "op Prinsjesdag 2026", "2026-09-15", D),
    ("voor het kerstreces", SEED, "voor het kerstreces", "2024-12-19", D),
    ("voor het kerstreces", AUTUMN, "voor het kerstreces", "2025-12-18", D),
    ("voor de kerst", SPRING, "voor de kerst", "2025-12-18", D),
    ("na het kerstreces", AUTUMN, "na het kerstreces", "2026-Q1", D),
    ("voor het herfstreces", SPRING, "voor het herfstreces", "2025-10", D),
    ("bij de Voorjaarsnota", SEED, "bij de Voorjaarsnota", "2025-05-31", D),
    ("bij de begroting 2026", SEED, "bij de begroting 2026", "2025-09-16", D),
    ("met de Miljoenennota", SPRING, "met de Miljoenennota", "2025-09-16", D),
    ("voor de jaarwisseling", AUTUMN, "voor de jaarwisseling", "2025-Q4", D),
    # around the turn of the year: December or January, so the later month
    ("rond de jaarwisseling", AUTUMN, "rond de jaarwisseling", "2026-01", D),
    ("Rond de jaarwisseling neem ik", SPRING, "Rond de jaarwisseling", "2026-01", D),
    ("Begin volgend jaar start een pilot", AUTUMN, "Begin volgend jaar", "2026-Q1", D),
    ("Dit jaar nog stuur ik", SPRING, "Dit jaar", "2025", D),
    ("Met de begroting voor 2027 maak ik", SPRING, "Met de begroting voor 2027", "2026-09-15", D),
    ("in de eerste helft van 2026", SPRING, "in de eerste helft van 2026", "2026-H1", D),
    # dates and months
    ("uiterlijk 1 juli 2025", SEED, "uiterlijk 1 juli 2025", "2025-07-01", D),
    ("voor 1 januari 2026", SEED, "voor 1 januari 2026", "2025-12-31", D),
    ("per 1 januari 2026", SEED, "per 1 januari 2026", "2026-01-01", D),
    ("op dinsdag 3 juni 2025", SEED, "op dinsdag 3 juni 2025", "2025-06-03", D),
    ("met ingang van 1 april 2025", SEED, "met ingang van 1 april 2025", "2025-04-01", D),
    ("uiterlijk 1 maart", SEED, "uiterlijk 1 maart", "2025-03-01", D),
    ("op 15-03-2025", SEED, "op 15-03-2025", "2025-03-15", D),
    ("2025-06-30", SEED, "2025-06-30", "2025-06-30", D),
    ("1 jan. 2026", SEED, "1 jan. 2026", "2026-01-01", D),
    ("september 2026", SEED, "september 2026", "2026-09", D),
    ("in september 2025", SEED, "in september 2025", "2025-09", D),
    ("eind september 2025", SEED, "eind september 2025", "2025-09", D),
    ("medio juni", SPRING, "medio juni", "2025-06", D),
    ("voor september", SPRING, "voor september", "2025-08", D),
    ("in maart", SEED, "in maart", "2025-03", D),
    # relative to the answer date
    ("dit jaar", SEED, "dit jaar", "2024", D),
    ("nog dit jaar", SPRING, "nog dit jaar", "2025", D),
    ("later dit jaar", SPRING, "later dit jaar", "2025", D),
    ("volgend jaar", SEED, "volgend jaar", "2025", D),
    ("komend jaar", SEED, "komend jaar", "2025", D),
    ("in de loop van volgend jaar", SEED, "in de loop van volgend jaar", "2025", D),
    ("eind volgend jaar", SEED, "eind volgend jaar", "2025-Q4", D),
    ("binnen drie maanden", SEED, "binnen drie maanden", "2025-03-05", D),
    ("binnen zes weken", SEED, "binnen zes weken", "2025-01-16", D),
    ("binnen een half jaar", SEED, "binnen een half jaar", "2025-06-05", D),
    ("binnen een jaar", SEED, "binnen een jaar", "2025-12-05", D),
    ("binnen 10 werkdagen", SEED, "binnen 10 werkdagen", "2024-12-19", D),
    ("in de komende twee jaar", SEED, "in de komende twee jaar", "2026-12-05", D),
    # vague: no period, the phrase is kept
    ("de komende jaren", SEED, "de komende jaren", None, V),
    ("In de komende jaren worden", SEED, "In de komende jaren", None, V),
    ("op korte termijn", SEED, "op korte termijn", None, V),
    ("op zo kort mogelijke termijn", SEED, "op zo kort mogelijke termijn", None, V),
    ("op termijn", SEED, "op termijn", None, V),
    ("binnenkort", SEED, "binnenkort", None, V),
    ("te zijner tijd", SEED, "te zijner tijd", None, V),
    ("zo snel mogelijk", SEED, "zo snel mogelijk", None, V),
    ("de komende maanden", SEED, "de komende maanden", None, V),
    ("binnen enkele weken", SEED, "binnen enkele weken", None, V),
    ("in deze kabinetsperiode", SEED, "in deze kabinetsperiode", None, V),
    ("deze winter", SEED, "deze winter", None, V),
    # routines: no single deadline
    ("dat ieder jaar op Prinsjesdag verschijnt", SEED, "ieder jaar op Prinsjesdag", None, V),
    ("jaarlijks in het voorjaar", SEED, "jaarlijks in het voorjaar", None, V),
    ("elk jaar voor de zomer", SEED, "elk jaar voor de zomer", None, V),
]


@pytest.mark.parametrize(
    ("text", "anchor", "matched", "period", "kind"), CASES, ids=[c[0] for c in CASES]
)
def test_table(text: str, anchor: date, matched: str, period: str | None, kind: TimeKind) -> None:
    ref = normalise(text, anchor)
    assert ref is not None, f"no time phrase found in {text!r}"
    assert ref.text == matched
    assert (str(ref.period) if ref.period else None) == period
    assert ref.kind is kind
    assert text[ref.start : ref.end] == ref.text


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(
    "text",
    [
        "5,5 procent",
        "meer dan 110 werkplekken",
        "Kamerstuk 29 383, nr. 406",
        "zaak 2024Z17263 en document 2025D04328",
        "€ 2025 miljoen",
        "in het begin",
        "aan het eind",
        "de productie van H2 groeit",
        "Jan Jansen en Piet",
        "elke zes maanden",
        "nu en in de toekomst",
        "mei",
        "",
    ],
)
def test_not_a_time_phrase(text: str) -> None:
    assert normalise(text, SEED) is None


def test_several_phrases_in_order_without_overlap() -> None:
    text = "De cijfers van 2023 laten zien dat het na 2025 daalt; in 2026 wordt het plan voor de zomer besproken."
    refs = find_times(text, SEED)
    assert [r.text for r in refs] == ["na 2025", "in 2026", "voor de zomer"]
    assert [r.kind for r in refs] == [R, D, D]
    assert all(a.end <= b.start for a, b in pairwise(refs))


def test_without_anchor_relative_phrases_have_no_period() -> None:
    ref = normalise("volgend jaar", None)
    assert ref is not None and ref.period is None and ref.kind is D
    absolute = normalise("eind 2025", None)
    assert absolute is not None and str(absolute.period) == "2025-Q4"


def test_future_sentence_takes_the_next_month() -> None:
    nearest = normalise("in september", SEED)
    future = normalise("in september", SEED, future=True)
    assert nearest is not None and str(nearest.period) == "2024-09" and nearest.kind is P
    assert future is not None and str(future.period) == "2025-09" and future.kind is D


@pytest.mark.parametrize("year", range(2020, 2031))
def test_parliamentary_calendar(year: int) -> None:
    assert prinsjesdag(year).weekday() == 1 and 15 <= prinsjesdag(year).day <= 21
    assert summer_recess_start(year).weekday() == 4 and 2 <= summer_recess_start(year).day <= 8
    assert christmas_recess_start(year).weekday() == 4


def test_known_prinsjesdagen() -> None:
    assert [prinsjesdag(y) for y in (2023, 2024, 2025)] == [
        date(2023, 9, 19),
        date(2024, 9, 17),
        date(2025, 9, 16),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_any_text_any_anchor(text: str, anchor: date) -> None:
    for ref in find_times(text, anchor):
        assert text[ref.start : ref.end] == ref.text
        assert ref.kind in TimeKind


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([c[0] for c in CASES] + ["en", "niet", ",", "2025", "voor", "van", "het"]),
        max_size=12,
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
)
def test_phrases_glued_together(words: list[str], anchor: date) -> None:
    text = " ".join(words)
    refs = find_times(text, anchor)
    assert all(a.end <= b.start for a, b in pairwise(refs))
