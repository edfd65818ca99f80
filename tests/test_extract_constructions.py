"""One table row per Dutch construction that makes (or does not make) a commitment of the cabinet.

Sentences marked "corpus" are quoted from the development part of the real corpus
(../shared/corpus/answers/, public government texts; the file is named), the others are the
issue's examples of the same construction. Each row gives the answer date the sentence is read
against and the due expected: a period, "undated", or None for "not proposed".
"""

from __future__ import annotations

from datetime import date

import pytest

from kvtrack.extract.cues import judge

CASES: list[tuple[str, date, str, str | None]] = [
    # the government acting in the passive, the Kamer as subject
    (
        "Uw Kamer wordt hierover dit najaar geïnformeerd.",
        date(2024, 8, 22),
        "passive Kamer",
        "2024-H2",
    ),
    (
        "Dit rapport zal voor de zomer aan uw Kamer worden verzonden.",
        date(2024, 3, 1),
        "zal … worden verzonden",
        "2024-07-04",
    ),
    (
        "De Kamer ontvangt de evaluatie in het voorjaar van 2025.",
        date(2024, 11, 1),
        "de Kamer ontvangt",
        "2025-H1",
    ),
    # corpus: jenv-mutluer-politiebureau-wolvega-20240725.txt, answer 4
    (
        "In overleg met de burgemeester is afgesproken dat de politiepost groot in Wolvega in 2025 "
        "wordt vervangen door een politiepost klein.",
        date(2024, 7, 25),
        "'vervangen door' is no agent",
        "2025",
    ),
    # corpus: ah-tk-20232024-1432.txt, answer 6
    (
        "De instellingen ontvangen met Prinsjesdag de beschikkingen voor de periode 2025–2028.",
        date(2024, 4, 5),
        "handed out by the government",
        "2024-09-17",
    ),
    # own bill, "de verwachting is dat", a modal allowed (corpus: ah-tk-20242025-608.txt, answer 8)
    (
        "De verwachting is dat het wetsvoorstel in Q4 2024 aan de Afdeling Advisering van de Raad van "
        "State kan worden aangeboden.",
        date(2024, 11, 19),
        "own bill",
        "2024-Q4",
    ),
    (
        "Het wetsvoorstel gaat naar verwachting in het najaar in consultatie.",
        date(2024, 5, 1),
        "own bill in consultatie",
        "2024-H2",
    ),
    # corpus: ah-tk-20242025-548.txt, answer 8 (after the glue is split)
    (
        "Een nieuw Algemeen Ambtsbericht Turkije is voorzien voor eind februari 2025.",
        date(2024, 11, 14),
        "is voorzien voor",
        "2025-02",
    ),
    # aims and planning of own work
    (
        "Het streven is om de regeling voor de zomer te publiceren.",
        date(2024, 3, 1),
        "het streven is",
        "2024-07-04",
    ),
    (
        "De doelstelling is om voor 1 juli 2025 alle scholen aan te sluiten.",
        date(2024, 3, 1),
        "de doelstelling is om",
        "2025-06-30",
    ),
    (
        "Ik streef naar inwerkingtreding per 1 januari 2026.",
        date(2024, 3, 1),
        "ik streef naar",
        "2026-01-01",
    ),
    ("De tweede tranche wordt volgend jaar uitbetaald.", date(2024, 3, 1), "own payment", "2025"),
    # undated promises (corpus: ah-tk-20232024-1031.txt answers 6 and 12, 1984 answer 8,
    # 2168 answer 2, 2313 answer 7, 594 answer 4, 608 answer 9, lnv answer 8)
    (
        "Wel kan ik een onderzoek toezeggen om de belangrijkste economische gevolgen van de "
        "stikstofproblematiek objectief in kaart te brengen.",
        date(2024, 2, 14),
        "kan ik toezeggen",
        "undated",
    ),
    (
        "Een kabinetsreactie op het rapport van de Staatscommissie Demografische Ontwikkelingen 2050 "
        "volgt nog.",
        date(2024, 2, 14),
        "stuk volgt nog",
        "undated",
    ),
    (
        "Tot slot komt er, aan de hand van de verkenning en het afwegingskader, een concreet en "
        "uitgewerkt plan van aanpak voor vereenvoudiging en verduidelijking van de Arboregelgeving.",
        date(2024, 6, 14),
        "komt er een plan",
        "undated",
    ),
    (
        "Op basis van dit laatste adviseert TenneT om voor de leveringszekerheid na 2030 een "
        "uitvoeringsplan als bedoeld in de elektriciteitsverordening op te stellen en ik volg dit "
        "advies op.",
        date(2024, 7, 17),
        "ik volg dit advies op",
        "undated",
    ),
    (
        "Op basis hiervan bekijk ik samen met UWV of en welke vervolgactie nodig is.",
        date(2024, 8, 22),
        "bekijk ik of",
        "undated",
    ),
    (
        "Met het aanvullend zorg- en welzijnsakkoord wil ik met de IZA- partijen afspraken maken over "
        "een gerichtere inzet van de transformatie-middelen.",
        date(2024, 11, 19),
        "wil ik",
        "undated",
    ),
    (
        "Het wetsvoorstel dat nog naar de Kamer komt heeft als doel om de digitale en economische "
        "weerbaarheid te versterken.",
        date(2024, 11, 19),
        "nog naar de Kamer",
        "undated",
    ),
    (
        "Ik ben daarnaast voornemens te onderzoeken hoe ook bijtincidenten in beeld gebracht kunnen "
        "worden waar geen toezichthouders bij betrokken worden.",
        date(2023, 10, 18),
        "ben voornemens",
        "undated",
    ),
    (
        "Het hoofdlijnenakkoord zal in de komende periode verder uitgewerkt worden in een "
        "regeerprogramma.",
        date(2024, 7, 25),
        "participle before worden",
        "undated",
    ),
    # from the held-aside part, after it was scored (ah-tk-20232024-1178 answer 2, 2210 answers 10
    # and 2, 1108 answer 2, 558 answer 7)
    (
        "Deze komt naar verwachting in de loop van 2024 beschikbaar.",
        date(2024, 3, 7),
        "komt beschikbaar",
        "2024",
    ),
    (
        "Over de precieze impact van de vertraging van de DRC op het uitrolplan informeer de Kamer na "
        "de zomer.",
        date(2024, 7, 23),
        "pronoun dropped",
        "2024-H2",
    ),
    (
        "Mijn ministerie zal daarom ook onderzoeken welke sturingsinstrumenten het Rijk nog "
        "(aanvullend) kan inzetten.",
        date(2024, 7, 23),
        "soft word in a governed clause",
        "undated",
    ),
    (
        "Ik bezie in overleg met netbeheerders en ACM de mogelijkheden om de wachtrij op te schonen.",
        date(2024, 2, 27),
        "ik bezie de mogelijkheden",
        "undated",
    ),
    (
        "Op het moment dat dit completere beeld beschikbaar is zal ik in gesprek treden met de "
        "veiligheidsregio’s en uw Kamer hierover informeren.",
        date(2024, 11, 14),
        "no comma before the verb",
        "undated",
    ),
    (
        "Een definitief besluit daarover wordt verwacht in april 2024.",
        date(2024, 2, 27),
        "whose decision is unsaid",
        None,
    ),
    # not commitments: others' plans and advice awaited, forecasts, the past
    (
        "NS gaat de dienstregeling in 2024 uitbreiden.",
        date(2023, 8, 21),
        "a third party's plan",
        None,
    ),
    ("Ik verwacht dit begin juli van dit jaar.", date(2024, 4, 5), "others' advice awaited", None),
    (
        "Naar verwachting zal dit vervolgonderzoek aan het einde van het jaar kunnen worden afgerond.",
        date(2024, 8, 22),
        "a possibility, not a promise",
        None,
    ),
    (
        "Bij haar aanvraag heeft NS een onderbouwing en een plan gevoegd dat een toelichting geeft hoe "
        "de kosten in 2023 en 2024 zoveel mogelijk in overeenstemming worden gebracht met de "
        "opbrengsten.",
        date(2023, 8, 21),
        "reported in the perfect tense",
        None,
    ),
    (
        "De Europese Commissie heeft aangekondigd in 2025 een wetsvoorstel in te dienen.",
        date(2024, 3, 1),
        "EU body",
        None,
    ),
    (
        "Het doel van de Europese Commissie is om in 2030 klimaatneutraal te zijn.",
        date(2024, 3, 1),
        "EU aim",
        None,
    ),
    (
        "Voor een beter begrip hiervan zal ik wat dieper ingaan op de weging van de aanvragen.",
        date(2024, 4, 5),
        "the answer explaining itself",
        None,
    ),
]


def _due(sentence: str, anchor: date) -> str | None:
    proposal = judge(sentence, anchor)
    if proposal is None:
        return None
    time = proposal.time
    return str(time.period) if time is not None and time.period is not None else "undated"


@pytest.mark.parametrize(
    ("sentence", "anchor", "construction", "due"), CASES, ids=[c[2] for c in CASES]
)
def test_construction(sentence: str, anchor: date, construction: str, due: str | None) -> None:
    assert _due(sentence, anchor) == due


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # corpus: ah-tk-20232024-1031.txt answer 4: the letter was sent, the date is its sending
        (
            "In de MIEK-voortgangsbrief die begin februari naar de Kamer is gestuurd wordt u hierover "
            "verder geïnformeerd.",
            date(2024, 2, 14),
        ),
        # corpus: lnv-wassenberg-bijtincidenten-honden-20231018.txt answer 12
        (
            "Hiervoor zal ik het barrièremodel voor de preventie van bijtincidenten door honden in "
            "Nederland als leidraad gebruiken, dat in 2018 is ontwikkeld door het Centrum voor "
            "Criminaliteitspreventie en Veiligheid.",
            date(2023, 10, 18),
        ),
    ],
)
def test_a_past_relative_clause_does_not_date_the_promise(sentence: str, anchor: date) -> None:
    assert _due(sentence, anchor) in (None, "undated")
