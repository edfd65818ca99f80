"""Cleaning what PDF copies and converters leave behind."""

from __future__ import annotations

import pytest

from kvtrack.extract.clean import clean, join_hyphenated


def body(text: str) -> str:
    return " ".join(line for line in clean(text).lines if line.strip())


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["de rijkswerkgelegen-", "heid over Nederland"], "de rijkswerkgelegenheid over Nederland"),
        (["het rijkskantoor Kempkens-", "berg, zoals"], "het rijkskantoor Kempkensberg, zoals"),
        (["wonen in Noord-", "Nederland."], "wonen in Noord-Nederland."),
        (["tot een Natura2000-", "gebied"], "tot een Natura2000-gebied"),
        (["direct naast het NS-", "station"], "direct naast het NS-station"),
        (["de zee-", "egel"], "de zee-egel"),
        (["uw Kamer ge-", "informeerd"], "uw Kamer geïnformeerd"),
        (["de co-", "ordinatie"], "de coördinatie"),
        (["de financi-", "ele positie"], "de financiële positie"),
        (["een onderzoe-", "", "", "ken naar"], "een onderzoeken naar"),
    ],
)
def test_line_break_hyphenation(lines: list[str], joined: str) -> None:
    assert " ".join(line for line in join_hyphenated(lines) if line) == joined


def test_hyphen_before_en_stays_with_its_space() -> None:
    assert join_hyphenated(["de rijks-", "en gemeentediensten"]) == [
        "de rijks-",
        "en gemeentediensten",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de emissiefacto-ren per stal", "de emissiefactoren per stal"),
        ("voor stalsyste-men en vergunnin-gen", "voor stalsystemen en vergunningen"),
        ("afstand tot een Natura2000-gebied", "afstand tot een Natura2000-gebied"),
        ("het btw-tarief en de cao-afspraken", "het btw-tarief en de cao-afspraken"),
        ("de rijks- en gemeentediensten", "de rijks- en gemeentediensten"),
        ("de zee-egel", "de zee-egel"),
    ],
)
def test_mid_line_hyphens(text: str, expected: str) -> None:
    assert body(text) == expected


def test_footer_alone_and_glued_to_the_next_heading() -> None:
    text = (
        "tot een langdurig proces.\n\nTweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2\n\n\n"
        "Vraag 4\nKunt u\n"
        "ah-tk-20222023-3649\nISSN 0921 - 7398’s-Gravenhage 2023Tweede Kamer, vergaderjaar "
        "2022–2023, Aanhangsel 1Antwoord 3\nBinnen het kader"
    )
    cleaned = clean(text)
    assert [line for line in cleaned.lines if line] == [
        "tot een langdurig proces.",
        "Vraag 4",
        "Kunt u",
        "Antwoord 3",
        "Binnen het kader",
    ]
    joined = " ".join(cleaned.furniture)
    assert "Aanhangsel 2" in joined and "ah-tk-20222023-3649" in joined and "ISSN" in joined


def test_aanhangsel_title_block_spanning_lines() -> None:
    text = (
        "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2023–2024 Aanhangsel van de Handelingen\n"
        "Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n"
        "1433\nVragen van het lid X (PvdD) aan de Minister"
    )
    cleaned = clean(text)
    assert [line for line in cleaned.lines if line] == [
        "Vragen van het lid X (PvdD) aan de Minister"
    ]
    assert any(f.endswith("antwoorden 1433") for f in cleaned.furniture)


def test_footnote_body_in_the_middle_of_an_answer() -> None:
    text = (
        "Randstad gewenst is?1\n\nAntwoord 1\nop een voorziene afname van het aantal\n\n"
        "1 Dagblad van het Noorden, 29 oktober 2024 (https://www.dvhn.nl/groningen/Rijksbanen-\n"
        "verdwijnen-uit-de-regio-29260983.html).\n medewerkers bij de NCG en\nanderen.2\n\n"
        "2 Zie de Kamerbrief over\nde diepteanalyse d.d. 10 september 2024, Kamerstuk 33 529, nr. 1246.\n"
    )
    cleaned = clean(text)
    assert body(text) == (
        "Randstad gewenst is? Antwoord 1 op een voorziene afname van het aantal "
        "medewerkers bij de NCG en anderen."
    )
    assert len(cleaned.footnotes) == 2
    assert cleaned.footnotes[0].startswith("1 Dagblad")
    assert cleaned.footnotes[1].endswith("nr. 1246.")


def test_glued_footnote_lines_and_markers_on_their_own_line() -> None:
    text = (
        "In de Kamerbrief van 30 juni 2023\n2 \nis aangegeven dat het klopt. In de brief van 30 juni"
        " 2023\n3 ingegaan op het proces.\n2Kamerstuk 29 383, nr. 406.\n3Kamerstuk 29 383, nr. 384.\n"
    )
    assert body(text) == (
        "In de Kamerbrief van 30 juni 2023 is aangegeven dat het klopt. "
        "In de brief van 30 juni 2023 ingegaan op het proces."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bent u bekend met het bericht «Unicef»1?, 2", "Bent u bekend met het bericht «Unicef»?"),
        ("het antwoord [3 ] op vraag 3", "het antwoord op vraag 3"),
        ("het rapport[^2] van de NZa", "het rapport van de NZa"),
        ("de cijfers<sup>4</sup> van het CBS", "de cijfers van het CBS"),
        ("een daling van 5,5 procent", "een daling van 5,5 procent"),
        ("Kamerstuk 29 383, nr. 406.", "Kamerstuk 29 383, nr. 406."),
    ],
)
def test_footnote_markers(text: str, expected: str) -> None:
    assert body(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## Vraag 1", "Vraag 1"),
        ("**Antwoord 2**", "Antwoord 2"),
        ("### **Antwoord 4 en 5**", "Antwoord 4 en 5"),
        ("__Vraag 3__", "Vraag 3"),
        ("- een *opsomming* met [een link](https://example.org)", "• een opsomming met een link"),
        ("> Ik informeer uw Kamer\\.", "Ik informeer uw Kamer."),
    ],
)
def test_markdown(line: str, expected: str) -> None:
    assert body(line) == expected


def test_page_numbers_and_ids_are_furniture() -> None:
    cleaned = clean("tekst\n- 2 -\n2024Z17263\nPagina 3 van 5\nmeer tekst")
    assert [line for line in cleaned.lines if line] == ["tekst", "meer tekst"]
    assert "2024Z17263" in cleaned.furniture


def test_odd_characters() -> None:
    assert body("de ﬁnanciering\u00a0en\u200b het\u00ad\nbeleid") == "de financiering en hetbeleid"
    assert body("\x00\x07\ufeffVraag 1") == "Vraag 1"


def test_a_paragraph_after_a_stray_footnote_marker_is_kept() -> None:
    # PyPDF2 layout (corpus ah-tk-20242025-546, answer 5): a marker, then a whole paragraph
    paragraph = (
        "4 In deze brief is benoemd dat met de herschrijving van de modelhuisregels een algeheel "
        "verbod zal worden opgenomen op kleding en schoenen die genoemd worden op de lijst. " * 4
    )
    text = clean("Zie de brief.4\n" + paragraph + "\n")
    assert any("algeheel verbod zal worden opgenomen" in line for line in text.lines)


def test_glued_words_are_split_only_in_a_glued_text() -> None:
    from kvtrack.extract.glue import split_glued

    glued = ["Daarom zal hetkabinet ditrapport vanvermeende doelstellingvan nu tehouden." * 3] * 20
    assert "het kabinet dit rapport van vermeende doelstelling van" in split_glued(glued)[0]
    clean_text = ["De netcapaciteit en de lunchmaaltijden in de zorgsectoren blijven gelijk."] * 20
    assert split_glued(clean_text) == clean_text
