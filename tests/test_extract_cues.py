"""Which sentences are proposed as the cabinet's commitments, and with which due."""

from __future__ import annotations

from datetime import date

import pytest

from kvtrack.core.model import Status
from kvtrack.extract.cues import judge

ANCHOR = date(2024, 12, 5)

# sentence → expected due (a period string), "undated" for an undated proposal
PROPOSED: list[tuple[str, str]] = [
    ("In 2025 wordt op de locatie Cascadeplein, waar momenteel meerdere rijksdiensten zijn "
     "gehuisvest, een dergelijke voorziening in gebruik genomen.", "2025"),
    ("Daarnaast wordt een rijksontmoetingsplein gerealiseerd als onderdeel van de uitbreiding van "
     "het rijkskantoor Kempkensberg, zoals nu voorzien in 2031.", "2031"),
    ("In de Kamerbrief kondig ik aan te zullen onderzoeken hoe de betrouwbaarheid van de prognoses "
     "kan worden verbeterd.", "undated"),
    ("Het kabinet gaat in kaart brengen wat regio’s willen, wat zij kunnen bieden en wat zij – nu en "
     "in de toekomst – nodig hebben.", "undated"),
    ("Ik zal uw Kamer voor de zomer informeren over de uitkomsten.", "2025-07-03"),
    ("Voor de zomer informeer ik uw Kamer over de uitkomsten.", "2025-07-03"),
    ("Het kabinet zal uiterlijk 1 juli 2025 een besluit nemen.", "2025-07-01"),
    ("Over de uitkomsten van dit onderzoek zal ik uw kamer op korte termijn informeren, in ieder "
     "geval ruim voor het sluiten van de openstellingsperiode (1 december 2025).", "2025-12-01"),
    ("Aansluitend zal ik uw Kamer voor de zomer informeren.", "2025-07-03"),
    ("Dat zal ik voor het kerstreces doen.", "2024-12-19"),
    ("Als het advies binnen is, zal ik uw Kamer informeren.", "undated"),
    ("Uw Kamer ontvangt de evaluatie in het najaar van 2025.", "2025-H2"),
    ("De evaluatie ontvangt uw Kamer eind 2025.", "2025-Q4"),
    ("Ik stuur uw Kamer binnen drie maanden een plan van aanpak.", "2025-03-05"),
    ("Begin volgend jaar publiceer ik een nieuwe prognose.", "2025-Q1"),
    ("Ik streef ernaar het wetsvoorstel in het eerste kwartaal van 2026 in te dienen.", "2026-Q1"),
    ("Het wetsvoorstel wordt naar verwachting in het najaar van 2025 bij uw Kamer ingediend.",
     "2025-H2"),
    ("De nieuwe regeling treedt op 1 januari 2026 in werking.", "2026-01-01"),
    ("Naar verwachting is de nieuwe systematiek in 2027 operationeel.", "2027"),
    ("Ik verwacht dat dit na de zomer zal zijn.", "2025-H2"),
    ("De evaluatie is gepland voor het eerste kwartaal van 2026.", "2026-Q1"),
    ("Een besluit over de financiering volgt begin 2026.", "2026-Q1"),
    ("Het kabinet heeft besloten de steun in 2025 voort te zetten.", "2025"),
    ("In de loop van 2026 start een pilot in vijf gemeenten.", "2026"),
    ("Het kabinet houdt vast aan de afspraak dat alle stations uiterlijk in 2030 toegankelijk zijn.",
     "2030"),
    ("We werken de opties uit en presenteren die bij de Voorjaarsnota.", "2025-05-31"),
    ("In de komende jaren worden fasegewijs rijksontmoetingsvoorzieningen gerealiseerd in Groningen.",
     "undated"),
    ("Naar verwachting kan ik uw Kamer na de zomer informeren over de uitkomsten.", "2025-H2"),
    ("Ik hoop uw Kamer voor de zomer te informeren.", "2025-07-03"),
    ("In 2026 gaat de nieuwe regeling in.", "2026"),
    ("Ik zal u hierover in het najaar informeren.", "2025-H2"),
    ("Naar verwachting zal het onderzoek eind 2025 worden afgerond.", "2025-Q4"),
    ("Het streven is om de regeling per 1 januari 2026 in te voeren.", "2026-01-01"),
    ("Begin 2026 volgt een evaluatie van de regeling.", "2026-Q1"),
    ("De Minister van Financiën zal in het voorjaar van 2025 een wetsvoorstel indienen.", "2025-H1"),
    # fifth round: a spaced dash only breaks a clause, the Kamer told what to expect, inversions
    ("Naar verwachting wordt de ombouw van het baanvak Roosendaal–Vlissingen eind 2031 afgerond.",
     "2031-Q4"),
    ("Ik zeg toe dat ik met NS in gesprek ga over de compensatie, en ik zal uw Kamer uiterlijk "
     "1 juli 2026 over de uitkomst berichten.", "2026-07-01"),
    ("U kunt de evaluatie in het voorjaar van 2025 tegemoet zien.", "2025-H1"),
    ("Uw Kamer kan de brief voor de zomer verwachten.", "2025-07-03"),
    ("Begin 2026 start de Inspectie van het Onderwijs een extra begeleidingstraject.", "2026-Q1"),
    ("De eerste leveringen uit het steunpakket vinden in januari plaats.", "2025-01"),
    ("De aanbesteding start in het tweede kwartaal van 2025.", "2025-Q2"),
    ("De nieuwe subsidieronde opent in maart 2025.", "2025-03"),
    ("De Staatssecretaris van Financiën stuurt uw Kamer in het voorjaar een brief.", "2025-H1"),
    ("Ik beoog de wijziging per 1 juli 2025 in werking te laten treden.", "2025-07-01"),
    ("De evaluatie zal eind 2025 beschikbaar zijn.", "2025-Q4"),
    ("Ik ga hierover nog in gesprek met de VNG en het IPO.", "undated"),
    # sixth round
    ("Het wetsvoorstel ligt naar verwachting in het derde kwartaal van 2025 bij uw Kamer.",
     "2025-Q3"),
    ("Daarom zet ik mij ervoor in dat uiterlijk eind 2027 alle rijkswebsites toegankelijk zijn.",
     "2027-Q4"),
    ("Het wetsvoorstel wordt per 1 januari 2027 van kracht.", "2027-01-01"),
    ("In het najaar van 2025 verschijnt de volgende Telecommonitor.", "2025-H2"),
    ("Over de voortgang rapporteer ik jaarlijks in de Staat van de Digitale Overheid.", "undated"),
]  # fmt: skip

NOT_PROPOSED: list[str] = [
    # third parties' plans
    "De HV gaf aan dat hij de lidstaten voor eind juli om bijdragen zal vragen.",
    "De EDEO zal in juli een nieuwe dreigingsanalyse opstellen.",
    "De gemeente zal in 2026 starten met de bouw.",
    "ProRail verwacht dat de overige stations tot 2030 worden aangepast.",
    "Volgens ProRail wordt de tunnel in 2026 opengesteld.",
    "NS zal daarnaast de komende maanden extra medewerkers inzetten.",
    "De provincie heeft aangegeven dat zij in 2026 alle haltes toegankelijk wil hebben.",
    "Het CPB heeft laten weten dat het de resultaten in december publiceert.",
    # forecasts and ranges
    "De rijkswerkgelegenheid in de provincie Groningen daalt na 2025.",
    "De afname van de rijkswerkgelegenheid tot 2028 is terug te voeren op de NCG.",
    "Het aantal wachtenden neemt tot medio 2026 naar verwachting af.",
    "Er wordt nu vanuit gegaan dat in 2026 nog geen reductie plaatsvindt.",
    # negations
    "Ook is duidelijk dat de versterking niet in 2028 afgerond zal zijn.",
    "Ik zal daarom niet in 2025 om een nieuwe derogatie vragen.",
    "Het onderzoek is niet voor 2027 gereed.",
    # the past and facts
    "De cijfers in de Kamerbrief van 25 oktober 2024 laten de ontwikkelingen in 2023 zien.",
    "Juist daarom is eerder dit jaar een nieuwe aanpak vormgegeven, die op 16 mei jl. is besproken.",
    "In 2024 zijn ruim 6.100 studentenwoningen opgeleverd.",
    "In de brief van 12 maart 2025 heb ik uw Kamer al geïnformeerd.",
    # attitudes, necessities, modal passives, questions, the answer about itself
    "Ik zal daarbij invulling geven aan mijn coördinerende en adviserende rol.",
    "Daarnaast heb ik een verantwoordelijkheid, en zal ik in mijn rol ook hiermee rekening houden.",
    "We zullen moeten omdenken om rijkswerkgelegenheid terug naar de regio te brengen.",
    "Op basis daarvan kan te zijner tijd een goede match worden gemaakt.",
    "Bij locatiekeuzes zal het belang van een rijksdienst voor de regio een grotere rol spelen.",
    "Tegelijkertijd zal het niet zo zijn dat de spreiding er snel anders uitziet.",
    "Kunt u deze vragen voor de zomer beantwoorden?",
    "Hieronder ga ik in op de vragen over 2025.",
    "De cijfers worden elke zes maanden geactualiseerd en bijgesteld.",
    "De derogatie wordt stapsgewijs afgebouwd en vervalt per 1 januari 2026 volledig.",
    "In 2025 is € 10 miljoen beschikbaar voor de regio.",
    "Het commissiedebat is gepland op 12 maart 2025.",
    "Ik kan uw Kamer nog niet informeren over 2026.",
    "Naar verwachting zal de Raad van State in het voorjaar advies uitbrengen.",
    "De Europese Commissie komt in het najaar met een voorstel.",
    "De wedstrijd wordt in 2028 georganiseerd door de gemeente Utrecht.",
    "Het kabinet heeft in 2023 besloten om de regeling af te schaffen.",
    "In de brief van 5 juli heb ik toegezegd dat ik uw Kamer voor de zomer zou informeren.",
    "Ik wil u erop wijzen dat de gemeente de bewoners in 2026 zal informeren.",
    "De gemeente Utrecht zal in 2026 starten met de aanleg.",
    # meetings and votes take place; they are not delivered
    "De NAVO-top vindt in juni 2025 plaats in Den Haag.",
    "De verkiezingen vinden op 29 oktober plaats.",
    "Er zal in 2025 € 50 miljoen beschikbaar zijn voor de regeling.",
    "De vraag gaat over de regeling die in 2025 wordt herzien.",
    "Het wetsvoorstel ligt sinds maart 2024 bij uw Kamer.",
    "De gemeente zet zich ervoor in dat de school in 2026 open gaat.",
]


@pytest.mark.parametrize(("sentence", "due"), PROPOSED, ids=[s[:50] for s, _ in PROPOSED])
def test_proposed(sentence: str, due: str) -> None:
    proposal = judge(sentence, ANCHOR)
    assert proposal is not None, "not proposed"
    assert proposal.status is Status.OPEN
    if due == "undated":
        assert proposal.time is None or proposal.time.period is None
    else:
        assert proposal.time is not None and str(proposal.time.period) == due
        assert proposal.time.text in sentence
    assert proposal.cue


@pytest.mark.parametrize("sentence", NOT_PROPOSED, ids=[s[:50] for s in NOT_PROPOSED])
def test_not_proposed(sentence: str) -> None:
    proposal = judge(sentence, ANCHOR)
    assert proposal is None or proposal.status is Status.DONE


def test_vague_phrase_is_kept_as_due_text() -> None:
    proposal = judge(
        "In de komende jaren worden fasegewijs rijksontmoetingsvoorzieningen gerealiseerd.", ANCHOR
    )
    assert proposal is not None and proposal.time is not None
    assert proposal.time.text == "In de komende jaren" and proposal.time.period is None


def test_completion_in_the_past_is_proposed_as_done() -> None:
    proposal = judge(
        "Het Rijksontmoetingsplein Assen (voorheen spraken we over de rijkshub) is eind vorig jaar "
        "geopend en beschikt over meer dan 110 werkplekken.",
        ANCHOR,
    )
    assert proposal is not None and proposal.status is Status.DONE
    assert proposal.time is not None and proposal.time.text == "eind vorig jaar"


def test_without_an_anchor_relative_phrases_stay_undated() -> None:
    proposal = judge("Ik zal uw Kamer volgend jaar informeren.", None)
    assert proposal is not None and proposal.time is not None and proposal.time.period is None
    dated = judge("Ik zal uw Kamer in 2026 informeren.", None)
    assert dated is not None and dated.time is not None and str(dated.time.period) == "2026"
