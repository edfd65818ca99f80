"""The cues of a commitment: the rules cues.py works from (cue_filters.py holds what only looks like one).

A rule is *strong* when the words alone make a promise ("zal ik", "kondig ik aan te zullen"), so it
is proposed with or without a date; a weak rule needs a time phrase that points forward. `subject`:
the cabinet must be the subject of the rule's finite verb. `actor`: the cabinet itself acts ("stuur
ik"), so talk of prognoses in the sentence does not make it a forecast. `segment`: the time phrase must
sit in the cue's own stretch of the sentence, not in a clause joined by "en" or a comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kvtrack.core.lazy_pattern import LazyPattern


@dataclass(frozen=True, slots=True)
class CueRule:
    label: str
    pattern: LazyPattern  # compiled when a sentence first has its required words (cues.py)
    strong: bool
    subject: bool = False
    actor: bool = False
    segment: bool = False
    # a cheap search that must succeed before `pattern` is tried (speed: the long alternations of
    # verb forms would otherwise be tried at every word of every sentence)
    needs: LazyPattern | None = None


# The ministries' own executive services: when they act, the cabinet acts.
# Independent bodies (RIVM, CPB, ACM, the Raad van State) and other governments are not listed.
SERVICES = (
    r"(?:rijkswaterstaat|het\s+rijksvastgoedbedrijf|defensie|logius|rvo|de\s+rijksdienst\s+voor"
    r"\s+ondernemend\s+nederland|duo|de\s+ind|de\s+belastingdienst|de\s+douane|dienst\s+toeslagen"
    r"|de\s+dienst\s+toeslagen|dji|de\s+dienst\s+justitiële\s+inrichtingen|het\s+cjib"
    # the inspectorates and agencies inside a ministry
    r"|de\s+inspectie\s+(?:van\s+het\s+onderwijs|gezondheidszorg\s+en\s+jeugd|leefomgeving\s+en"
    r"\s+transport|justitie\s+en\s+veiligheid|sociale\s+zaken\s+en\s+werkgelegenheid|szw)"
    r"|de\s+onderwijsinspectie|de\s+igj|de\s+ilt|de\s+nvwa|het\s+knmi|de\s+rijksdienst\s+voor\s+het"
    r"\s+cultureel\s+erfgoed|het\s+nationaal\s+archief|de\s+immigratie-\s+en\s+naturalisatiedienst"
    r"|het\s+agentschap\s+telecom|de\s+rijksinspectie\s+digitale\s+infrastructuur|de\s+rdi)"
)


def _rx(pattern: str) -> LazyPattern:
    return LazyPattern(pattern, re.IGNORECASE)


PARTICIPLE = (
    r"(?:in\s+gebruik\s+genomen|in\s+werking\s+(?:gesteld|getreden)|gedaan|gegaan|gestaan|gezien"
    r"|ge\w{3,}(?:d|t|en)|\w{2,}ge\w{3,}(?:d|t|en)|(?:be|ver|ont|her|er)\w{3,}(?:d|t)"
    r"|opgeleverd|ingevoerd|aangeboden|toegezonden|verzonden|aangepast|afgerond|uitgevoerd"
    r"|opgesteld|ingediend|vervangen|ontvangen|ondernomen|onderzocht|ontworpen|verworven|verkregen"
    r"|ondertekend|onderbouwd|verboden|vergeleken|ontbonden"
    # separable verbs: "uitbetaald", "aanbesteed", "toebedeeld"
    r"|(?:uit|aan|af|op|in|door|over|toe|vast|mee|terug)(?:be|ver|ont|her)\w{3,}(?:d|t))"
)

# First-person forms of what a minister does: singular (after "ik"), plural (after "wij"/"we").
_SINGULAR = (
    "informeer stuur zend verstuur bericht rapporteer bied breng laat start organiseer publiceer "
    "werk onderzoek verken evalueer neem stel lever rond zet wil kom regel deel dien leg "
    "pas maak geef zorg voer richt presenteer ontwikkel actualiseer herzie wijzig verleng verhoog "
    "open lanceer bespreek agendeer vraag betrek schrijf investeer implementeer bouw realiseer ga "
    "besluit beslis kies doe beoog plan ontvang herijk"
)
_PLURAL = (
    "informeren sturen zenden versturen berichten rapporteren bieden brengen laten starten "
    "organiseren publiceren werken onderzoeken verkennen evalueren nemen stellen leveren ronden "
    "zetten willen komen regelen delen dienen leggen passen maken geven zorgen voeren "
    "richten presenteren ontwikkelen actualiseren herzien wijzigen verlengen verhogen openen "
    "lanceren bespreken agenderen vragen betrekken schrijven investeren implementeren bouwen "
    "realiseren gaan besluiten beslissen kiezen doen beogen plannen ontvangen herijken"
)
# "stuur" → "sturen": the infinitive of each first-person singular form (the lists run in parallel).
INFINITIVES: dict[str, str] = dict(zip(_SINGULAR.split(), _PLURAL.split(), strict=True))
_SG = "|".join(_SINGULAR.split())
_PL = "|".join(_PLURAL.split())
_ADVERB = (
    r"(?:(?:ook|nu|daarom|dan|zelf|nog|graag|eerst|vervolgens|daarnaast|tevens|wel|binnenkort)\s+)?"
)
_GOVERNMENT = (
    r"(?:het\s+kabinet|de\s+regering|de\s+minister|de\s+staatssecretaris|mijn\s+ministerie"
    rf"|het\s+ministerie|{SERVICES})"
)
_THIRD_PERSON = (
    r"(?:stuurt|brengt|start|neemt|komt|informeert|publiceert|werkt|onderzoekt|laat|zet|wil"
    r"|verwacht|levert|rondt|stelt|regelt|deelt|dient|presenteert|verlengt|verhoogt|verlaagt"
    r"|besluit|beslist|kiest|maakt|geeft|organiseert|evalueert|investeert|bouwt|opent|vervangt"
    r"|renoveert|realiseert|verbetert|versterkt|legt|voert|past|breidt|zorgt|trekt)"
)
# A word that does not open a new clause (the verb must belong to the same subject).
_SAME_CLAUSE = r"(?!(?:dat|die|omdat|zodat|wanneer|als|indien|nadat|waarna|welke)\b)[^\s,;:]+"
_DOCUMENTS = (
    r"(?:brief|voortgangsbrief|rapportage|voortgangsrapportage|rapport|evaluatie|reactie"
    r"|kabinetsreactie|beleidsreactie|wetsvoorstel|plan|nota|monitor|uitwerking|besluit|regeling"
    r"|visie|strategie|agenda|actieplan|verkenning|resultaten|uitkomsten|handreiking|routekaart)"
)

# What the cabinet starts or opens ("start een pilot", "de aanbesteding start", "de ronde opent").
_UNDERTAKINGS = (
    r"(?:pilot|proef|experiment|project|programma|campagne|onderzoek|evaluatie|consultatie"
    r"|verkenning|regeling|aanpak|traject|werkgroep|taskforce|aanbesteding|aanleg|bouw|uitrol"
    r"|werving|subsidieronde|openstelling|loket|aanvraagperiode|inschrijving|renovatie"
    r"|implementatie|invoering|herziening|tender|ronde)"
)

# What one's own will is about (not "ik wil benadrukken/opmerken": the answer talking).
_OWN_WORK = (
    r"(?!(?:benadrukken|opmerken|aangeven|zeggen|wijzen|vermelden|onderstrepen|herhalen|verwijzen"
    r"|toevoegen|melden|voorop|graag|niet|geen)\b)\w+en\b"
)

STRONG: tuple[CueRule, ...] = (
    CueRule(
        "aankondiging",
        _rx(
            r"\b(?:kondig|kondigen|heb|hebben)\b(?:\s+\w+){0,6}?\s+aan(?:gekondigd)?\s+"
            r"(?:\w+\s+){0,6}?te\s+(?:zullen|gaan)\b"
        ),
        strong=True,
    ),
    CueRule("toekomende tijd", _rx(r"\b(?:zal|zullen)\b"), strong=True, subject=True),
    CueRule(
        "gaan",
        _rx(
            r"\b(?:ga|gaan)\s+(?:ik|wij|we)\b|\b(?:ik|wij|we)\s+(?:ga|gaan)\b"
            r"|\b(?:ga|gaat|gaan)\b(?=(?:\s+[\w'’-]+){0,10}?\s+\w+en\b)"
        ),
        strong=True,
        subject=True,
    ),
    CueRule(
        "besluit",
        _rx(
            r"\b(?:heb|heeft|hebben)\b(?=\s+(?:\w+\s+){0,4}?besloten\b(?:\s+\S+){1,14}?\s+te\s+\w+)"
        ),
        strong=True,
        subject=True,
    ),
    CueRule(
        "van plan",
        _rx(
            r"\b(?:ben|zijn|is)\b(?=\s+(?:ik\s+|wij\s+|we\s+|het\s+kabinet\s+)?"
            r"(?:(?:daarnaast|ook|tevens|dan|daarom|wel|nu|verder)\s+)?(?:voornemens|van\s+plan)\b)"
        ),
        strong=True,
        subject=True,
    ),
    CueRule(
        "voornemen",
        _rx(
            r"\b(?:mijn|ons|het)\s+(?:voornemen|streven|inzet)\s+is\b"
            r"|\bis\s+het\s+(?:voornemen|streven|de\s+bedoeling)\b"
            r"|\bhet\s+is\s+(?:mijn|ons|het)\s+(?:voornemen|streven)\b|\bhet\s+is\s+de\s+bedoeling\b"
        ),
        strong=True,
    ),
    CueRule(
        "streven",
        _rx(r"\b(?:streef|streven|streeft)\b(?:\s+\w+){0,3}?\s+ernaar\b"),
        strong=True,
    ),
    CueRule(
        "toezegging",
        _rx(
            r"\b(?:zeg|zeggen)\s+(?:ik|wij|we)\s+(?:u\s+|uw\s+Kamer\s+)?(?:\w+\s+){0,8}?toe\b"
            r"|\b(?:ik|wij|we)\s+(?:zeg|zeggen)\s+(?:\w+\s+){0,8}?toe\b"
            # "Wel kan ik een onderzoek toezeggen om ..."
            r"|\b(?:kan|wil|zal|kunnen|willen|zullen)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,8}?toezeggen\b"
            r"|\b(?:ik|wij|we)\s+(?:kan|wil|zal|kunnen|willen|zullen)\s+(?:\w+\s+){0,8}?toezeggen\b"
        ),
        strong=True,
        needs=_rx(r"toe"),
    ),
    CueRule(
        # volition about one's own work: "Met het akkoord wil ik ... afspraken maken"
        # (not "ik wil benadrukken": the answer talking)
        "willen",
        _rx(
            rf"\b(?:wil|willen)\s+(?:ik|wij|we)\b(?=(?:\s+{_SAME_CLAUSE}){{1,12}}?\s+{_OWN_WORK})"
            rf"|\b(?:ik|wij|we)\s+(?:wil|willen)\b(?=(?:\s+{_SAME_CLAUSE}){{1,12}}?\s+{_OWN_WORK})"
        ),
        strong=True,
    ),
    CueRule(
        # present tense for what is under way: "Op basis hiervan bekijk ik samen met UWV of ...",
        # "zoekt mijn ministerie samen met UWV uit wat ...", "ik volg dit advies op"
        "eigen onderzoek",
        _rx(
            r"\b(?:bekijk|bezie|onderzoek|verken|zoek|ga)\s+(?:ik|wij|we)\b(?=(?:\s+\S+){0,14}?"
            r"\s+(?:uit|na|of|hoe|welke|wat|waar|wanneer)\b)"
            r"|\b(?:ik|wij|we)\s+(?:bekijk|bezie|onderzoek|verken|bekijken|bezien|onderzoeken"
            r"|verkennen)\s+(?:\S+\s+){0,8}?(?:of|hoe|welke|wat|waar|wanneer|(?:de\s+)?mogelijkhe\w+"
            r"|(?:de\s+)?opties)\b"
            rf"|\b(?:zoekt|bekijkt|onderzoekt|verkent|bezien)\s+{_GOVERNMENT}\b"
            rf"|\b{_GOVERNMENT}\s+(?:zoekt|bekijkt|onderzoekt|verkent)\b(?=(?:\s+\S+){{0,14}}?"
            r"\s+(?:uit|na|of|hoe|welke|wat|waar|wanneer)\b)"
            r"|\b(?:volg|volgen)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,4}?(?:advies|adviezen|aanbeveling"
            r"|aanbevelingen)\s+op\b|\b(?:ik|wij|we)\s+(?:volg|volgen)\s+(?:\w+\s+){0,4}?"
            r"(?:advies|adviezen|aanbeveling|aanbevelingen)\s+op\b"
            r"|\b(?:neem|nemen)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,4}?(?:advies|adviezen|aanbeveling"
            r"|aanbevelingen)\s+over\b"
        ),
        strong=True,
        needs=_rx(
            r"\b(?:bekijk|bezie|onderzoek|verken|zoek|ga|bekijken|bezien|onderzoeken|verkennen|zoekt|bekijkt|onderzoekt|verkent|volg|volgen|neem|nemen)\b"
        ),
    ),
    CueRule(
        # a document still to come: "Een kabinetsreactie op het rapport volgt nog", "Tot slot komt
        # er ... een concreet plan van aanpak", "Het wetsvoorstel dat nog naar de Kamer komt"
        "stuk volgt nog",
        _rx(
            rf"\b{_DOCUMENTS}\w*\b(?:\s+\S+){{0,12}}?\s+(?:volgt|volgen|verschijnt|verschijnen)"
            r"\s+(?:nog|binnenkort|spoedig|later)\b"
            rf"|\b(?:komt|komen)\s+er\b,?(?:\s+\S+){{0,14}}?\s+(?:een|de|het)\s+(?:[\w-]+\s+){{0,4}}?"
            rf"\w*{_DOCUMENTS}"
            r"|\bnog\s+(?:naar|aan|bij)\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+(?:komt|komen|gaat|gaan"
            r"|gestuurd|verzonden|toegezonden)\b"
        ),
        strong=True,
        needs=_rx(r"\b(?:volgt|volgen|verschijnt|verschijnen|komt|komen)\b"),
    ),
    CueRule(
        "Kamer informeren",
        _rx(
            r"\b(?:informeer|informeren|stuur|sturen|zend|zenden|verstuur|versturen|bericht"
            r"|berichten|rapporteer|rapporteren|bied|bieden)\s+(?:ik|wij|we)\b"
            r"(?=(?:\s+\w+){0,6}?\s+(?:uw|de)\s+Kamer\b|.*\b(?:Kamer|brief|rapportage|voortgang)\b)"
            r"|\b(?:ik|wij|we)\s+(?:informeer|informeren|stuur|sturen|zend|zenden|bericht|berichten"
            r"|bied|bieden)\s+(?:\w+\s+){0,6}?(?:uw|de)\s+Kamer\b"
            r"|\b(?:ontvangt|ontvangen)\s+(?:uw|de)\s+Kamer\b|\b(?:uw|de)\s+Kamer\s+ontvangt\b"
            # a first-person form with its pronoun dropped: "Over ... informeer de Kamer na de zomer"
            r"|\b(?:informeer|stuur|bericht|rapporteer)\s+(?:uw|de)\s+Kamer\b"
            r"|\bontvangt\s+u\b|\bu\s+ontvangt\b"
            # "U kunt de evaluatie voor de zomer tegemoet zien": the Kamer is told what to expect
            r"|\b(?:kunt|kan)\s+(?:u|uw\s+Kamer|de\s+Kamer)\s+(?:\S+\s+){0,14}?"
            r"(?:tegemoet\s*zien|verwachten)\b"
            r"|\b(?:u|uw\s+Kamer|de\s+Kamer)\s+(?:kunt|kan)\s+(?:\S+\s+){0,14}?"
            r"(?:tegemoet\s*zien|verwachten)\b"
            r"|\b(?:uw|de)\s+Kamer\s+(?:\w+\s+){0,6}?(?:wordt|zal)\s+(?:\w+\s+){0,6}?"
            r"(?:geïnformeerd|ontvangen)\b"
            r"|\bwordt\s+(?:uw|de)\s+Kamer\s+(?:\S+\s+){0,10}?geïnformeerd\b"
            rf"|\b(?:ik|wij|we)\b(?:\s+{_SAME_CLAUSE}){{0,12}}?\s+(?:uw\s+Kamer|de\s+Kamer|u)\s+"
            rf"(?:{_SAME_CLAUSE}\s+){{0,10}}?"
            r"(?:te\s+)?(?:informeren|berichten|toesturen|toezenden|sturen|zenden|doen\s+toekomen"
            r"|rapporteren)\b"
            rf"|\b(?:ik|wij|we)\s+(?:{_SAME_CLAUSE}\s+){{0,8}}?(?:aan\s+)?(?:uw|de)\s+Kamer\s+"
            r"(?:stuur|sturen|zend"
            r"|zenden|toestuur|toesturen|aanbied|aanbieden|doe\s+toekomen|doen\s+toekomen)\b"
        ),
        strong=True,
        needs=_rx(r"\b(?:kamer|u|brief|rapportage|voortgang)\b"),
    ),
    CueRule(
        # reporting is to the Kamer even when it is not named ("Over de voortgang rapporteer ik")
        "rapporteren",
        _rx(
            r"\b(?:rapporteer|rapporteren)\s+(?:ik|wij|we)\b|\b(?:ik|wij|we)\s+(?:rapporteer|rapporteren)\b"
        ),
        strong=True,
    ),
    CueRule(
        "terugkomen",
        _rx(
            r"\b(?:kom|komen)\s+(?:ik|wij|we)\b(?:\s+\w+){0,8}?\s+terug\b"
            r"|\b(?:ik|wij|we)\s+(?:kom|komen)\s+(?:\w+\s+){0,8}?terug\b"
        ),
        strong=True,
    ),
    CueRule(
        "zoals voorzien",
        _rx(
            r"\bzoals\s+(?:nu\s+|thans\s+|eerder\s+|reeds\s+|momenteel\s+)?(?:voorzien|gepland"
            r"|afgesproken|aangekondigd|toegezegd|beoogd)\b"
            r"|\b(?:volgens|conform)\s+(?:de\s+)?(?:huidige\s+)?planning\b"
            r"|\bde\s+(?:huidige\s+)?planning\s+is\b"
        ),
        strong=True,
    ),
)

# The cabinet's own legislation and what it sends out: its milestones are the cabinet's work.
_OWN_BILLS = (
    r"(?:wetsvoorstel\w*|conceptwetsvoorstel\w*|voorstel\s+van\s+wet|wetswijziging\w*|wijzigingswet"
    r"|amvb|algemene\s+maatregel\s+van\s+bestuur|ontwerpbesluit|wijzigingsbesluit|ontwerp-amvb)"
)
_BILL_STEPS = (
    r"(?:aangeboden|ingediend|voorgelegd|verzonden|gepubliceerd|in\s+(?:internet)?consultatie"
    r"|naar\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer|aan\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer"
    r"|(?:aan|naar)\s+de\s+(?:Afdeling\s+[Aa]dvisering\s+van\s+de\s+)?Raad\s+van\s+State"
    r"|in\s+werking\s+(?:treden|treedt|getreden)|van\s+kracht|ingaan|indienen|aanbieden)"
)
# What the government hands out: "De instellingen ontvangen met Prinsjesdag de beschikkingen".
_HANDED_OUT = (
    r"(?:beschikking|besluit|subsidie|bijdrage|uitkering|voorschot|tranche|betaling|compensatie"
    r"|vergoeding|toekenning|uitnodiging|brief|middelen)"
)

_NOT_JUST_PRONOUN = (
    r"(?!\s+(?:dit|deze|die|het|ze|hem)\s+(?:begin|eind|einde|medio|in|voor|vóór|na|rond|uiterlijk"
    r"|op|binnen|komend|volgend|deze|dit|half|halverwege|ergens|pas|eerder|later|\d+)\b"
    r"(?!(?:\s+[^\s.]+){0,10}?\s+te\s+\w+))"
)

WEAK: tuple[CueRule, ...] = (
    CueRule(
        # "Ik streef naar inwerkingtreding per 1 januari 2026"; without a date ("het kabinet
        # streeft naar een betere spreiding") an aim is an attitude, not a deliverable
        "streven naar",
        _rx(
            r"\b(?:ik|wij|we|het\s+kabinet)\s+(?:streef|streven|streeft)\s+(?:\w+\s+){0,3}?naar\b"
            r"|\b(?:streef|streven|streeft)\s+(?:ik|wij|we|het\s+kabinet)\s+(?:\w+\s+){0,3}?naar\b"
        ),
        strong=False,
    ),
    CueRule(
        # "De verwachting is dat het wetsvoorstel in Q4 2024 aan de Raad van State kan worden
        # aangeboden": a modal is allowed, the bill is the cabinet's own
        "eigen wetgeving",
        _rx(rf"\b{_OWN_BILLS}\b(?=(?:\s+\S+){{0,16}}?\s+{_BILL_STEPS}\b)"),
        strong=False,
        actor=True,
    ),
    CueRule(
        # "De doelstelling is om voor 1 juli 2025 alle scholen aan te sluiten"
        "doelstelling",
        _rx(
            r"\b(?:de|mijn|onze|ons|het)\s+(?:doel|doelstelling|ambitie|streven)\s+(?:van\s+(?:mij"
            r"|het\s+kabinet|de\s+regering)\s+)?(?:is|blijft)\s+(?:\w+\s+)?(?:om|dat)\b"
        ),
        strong=False,
    ),
    CueRule(
        "ontvangst",
        _rx(
            rf"\b(?:ontvangt|ontvangen|krijgt|krijgen)\b(?=(?:\s+\S+){{0,8}}?\s+(?:de|het|een|hun"
            rf"|zijn|haar)\s+(?:\w+\s+)?\w*{_HANDED_OUT})"
        ),
        strong=False,
        actor=True,
        segment=True,
    ),
    CueRule(
        "eigen verwachting",
        # not "Ik verwacht dit begin juli": a pronoun and a time only, pointing back to what another
        # body delivers (unlike "ik verwacht dit in mei af te ronden")
        _rx(
            rf"\b(?:ik|wij|we)\s+(?:verwacht(?:en)?|hoop|hopen)\b{_NOT_JUST_PRONOUN}"
            rf"|\b(?:verwacht(?:en)?|hoop|hopen)\s+(?:ik|wij|we)\b{_NOT_JUST_PRONOUN}"
        ),
        strong=False,
    ),
    CueRule(
        "eigen actie",
        _rx(
            rf"\b(?:ik)\s+{_ADVERB}(?:{_SG})\b|\b(?:wij|we)\s+{_ADVERB}(?:{_PL})\b"
            rf"|\b(?:{_SG})\s+ik\b|\b(?:{_PL})\s+(?:wij|we)\b"
        ),
        strong=False,
        actor=True,
        segment=True,
        needs=_rx(r"\b(?:ik|wij|we)\b"),
    ),
    CueRule(
        "kabinet handelt",
        _rx(
            # "De Staatssecretaris van Financiën stuurt": a portfolio may follow the office
            rf"\b{_GOVERNMENT}\s+(?:(?:van|voor)\s+(?:[\w-]+,?\s+){{1,6}}?|\w+\s+)?{_THIRD_PERSON}\b"
            rf"|\b{_THIRD_PERSON}\s+{_GOVERNMENT}\b"
        ),
        strong=False,
        actor=True,
        segment=True,
        needs=_rx(
            r"\b(?:kabinet|regering|minister|staatssecretaris|ministerie|rijkswaterstaat|rijksvastgoedbedrijf|defensie|logius|rvo|rijksdienst|duo|ind|belastingdienst|douane|toeslagen|dji|dienst|cjib|inspectie|onderwijsinspectie|igj|ilt|nvwa|knmi|nationaal|immigratie-|agentschap|rijksinspectie|rdi)\b"
        ),
    ),
    CueRule(
        "passief",
        _rx(rf"\b(?:wordt|worden)\b(?=(?:\s+[^\s.;]+){{0,20}}?\s+{PARTICIPLE}\b)"),
        strong=False,
        segment=True,
    ),
    CueRule(
        "gepland",
        _rx(r"\b(?:staat|staan|is|zijn)\s+(?:\w+\s+){0,6}?(?:gepland|voorzien|ingepland)\b"),
        strong=False,
        segment=True,
    ),
    CueRule(
        "beoogd",
        _rx(
            r"\b(?:beoogde|geplande|voorziene)\s+(?:\w+\s+)?(?:inwerkingtreding|ingangsdatum|datum"
            r"|oplevering|start|afronding|invoering|publicatie|opening|besluitvorming)\b"
            r"|\b(?:is|wordt)\s+(?:\w+\s+){0,3}?beoogd\b"
        ),
        strong=False,
    ),
    CueRule(
        "gereed",
        _rx(
            r"\b(?:is|zijn)\s+(?:\S+\s+){0,16}?(?:gereed|klaar|beschikbaar|afgerond|operationeel"
            r"|opgeleverd|in\s+werking)\b"
            # "Deze komt naar verwachting in de loop van 2024 beschikbaar"
            r"|\b(?:komt|komen)\s+(?:\S+\s+){0,12}?(?:beschikbaar|gereed|klaar)\b"
        ),
        strong=False,
        segment=True,
    ),
    CueRule(
        "ingaan",
        # "gaat per 1 januari in": the particle ends the clause ("gaat ... in 2024 uitbreiden"
        # holds the "in" of a time phrase, not the particle)
        _rx(
            r"\b(?:gaat|gaan)\b(?=(?:\s+\S+){1,8}?\s+in(?:[.,;:]|\s*$"
            r"|\s+(?:en|of|maar|dat|als|wanneer|zodra|nadat)\b))"
        ),
        strong=False,
        segment=True,
    ),
    CueRule(
        "inwerkingtreding",
        _rx(
            r"\b(?:treedt|treden)\b(?:\s+\w+){0,8}?\s+in\s+werking\b"
            r"|\b(?:wordt|worden)\b(?:\s+\S+){0,8}?\s+van\s+kracht\b"
        ),
        strong=False,
        segment=True,
    ),
    CueRule(
        "doel",
        _rx(
            r"\b(?:houdt|houden|houd)\b(?=\s+(?:\w+\s+){0,3}?vast\s+aan\b)"
            r"|\b(?:doel|doelstelling|ambitie|streefdatum)\s+(?:\w+\s+){0,4}?(?:is|blijft)\b"
        ),
        strong=False,
        subject=True,
    ),
    CueRule(
        "iets start",
        _rx(
            rf"\b(?:start|starten|begint|beginnen)\s+(?:er\s+)?(?:een|de|het)\s+(?:\w+\s+)?\w*"
            rf"{_UNDERTAKINGS}\b"
            # "De aanbesteding start in 2026", "De subsidieronde opent in maart"
            rf"|\b(?:de|het|een)\s+(?:\w+\s+)?\w*{_UNDERTAKINGS}\s+(?:start|starten|begint|beginnen"
            r"|opent|openen|gaat\s+open|gaan\s+open)\b"
        ),
        strong=False,
        segment=True,
        needs=_rx(r"\b(?:start|starten|begint|beginnen|opent|openen|open)\b"),
    ),
    CueRule(
        # "De eerste leveringen vinden in januari plaats"; meetings are excluded (MEETING)
        "vindt plaats",
        _rx(r"\b(?:vindt|vinden)\b(?=(?:\s+\S+){1,10}?\s+plaats\b)"),
        strong=False,
        segment=True,
    ),
    CueRule(
        # "Het wetsvoorstel ligt naar verwachting in het derde kwartaal van 2026 bij uw Kamer"
        "bij de Kamer",
        _rx(r"\b(?:ligt|liggen)\b(?:\s+\S+){0,10}?\s+bij\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\b"),
        strong=False,
        segment=True,
    ),
    CueRule(
        # a goal the cabinet commits to: "ik zet mij ervoor in dat uiterlijk eind 2027 alle ..."
        # (the date sits in the dat-clause, so no segment)
        "inzet voor doel",
        _rx(
            r"\b(?:zet|zetten)\s+(?:(?:ik|wij|we)\s+)?(?:mij|me|ons|(?:het\s+kabinet|de\s+regering)\s+zich)\s+"
            r"(?:er\s*voor\s+|erop\s+)in\s+(?:dat|om)\b"
            r"|\b(?:ik|wij|we)\s+(?:zet|zetten)\s+(?:mij|me|ons)\s+(?:er\s*voor\s+|erop\s+)in\s+(?:dat|om)\b"
        ),
        strong=False,
        actor=True,
    ),
    CueRule(
        "stuk verschijnt",
        _rx(
            rf"\b{_DOCUMENTS}\w*\b(?:\s+\S+){{0,10}}?\s+(?:verschijnt|verschijnen|volgt|volgen)\b"
            rf"|\b(?:verschijnt|verschijnen|volgt|volgen)\b(?:\s+\S+){{0,4}}?\s+(?:de|het|een)\s+"
            rf"(?:\w+\s+)?\w*{_DOCUMENTS}"  # compounds too: "de volgende Telecommonitor"
        ),
        strong=False,
        segment=True,
        needs=_rx(r"\b(?:verschijnt|verschijnen|volgt|volgen)\b"),
    ),
)
