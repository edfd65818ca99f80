"""Which sentences of an answer are the cabinet's own promises, and which time phrase dates them.

A sentence is proposed when it has a cue of the cabinet acting in the future. Strong cues (a
future auxiliary or "gaan" with the cabinet as subject, "informeer ik uw Kamer", "kondig ik aan te
zullen", "het streven is") are proposed with or without a date. Weak cues (a present-tense passive
"wordt ... gerealiseerd", a present-tense action "ik stuur", "is ... gereed") need a time phrase that
points forward, since without one they describe what already happens.

Not proposed: questions, negated cues ("niet in 2028 afgerond"), other parties' plans ("de gemeente
zal", "De HV gaf aan dat ..."), forecasts of trends ("daalt na 2025"), and attitudes rather than
deliverables ("zal ik rekening houden"). A completion the sentence places in the past ("is eind vorig
jaar geopend") is proposed as done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kvtrack.core.model import Status
from kvtrack.core.timex import TimeKind, TimeRef, find_times


@dataclass(frozen=True, slots=True)
class Proposal:
    """Why a sentence is a candidate (`cue`), whether it is open or done, and its time phrase."""

    status: Status
    cue: str
    time: TimeRef | None  # a deadline (with a period) or a vague phrase (without); None: undated


def judge(sentence: str, anchor: date | None) -> Proposal | None:
    """A proposal for `sentence`, or None when it is not the cabinet's promise."""
    text = " ".join(sentence.split())
    if not text or text.endswith("?") or len(text) > 2000:
        return None
    if _third_party_frame(text):
        return None
    for cue in _cues(text):
        proposal = _assess(text, cue, anchor)
        if proposal is not None:
            return proposal
    return _past_completion(text, anchor)


# --------------------------------------------------------------------------------------------
# Words and clauses

_CABINET = (
    r"(?:ik|wij|we|het\s+kabinet|de\s+regering|de\s+rijksoverheid|het\s+rijk|rijkswaterstaat"
    r"|het\s+rijksvastgoedbedrijf|defensie|(?:de|mijn|het|ons)\s+(?:\w+\s+)?(?:minister|ministers"
    r"|staatssecretaris|staatssecretarissen|ministerie|departement|collega|collega's|ambtgenoot"
    r"|ambtsgenoot|bewindspersoon|bewindspersonen|kabinet)(?:\s+(?:van|voor)\s+[A-Z][\w-]*"
    r"(?:(?:\s*,\s*|\s+en\s+|\s+)[A-Z][\w-]*)*)?(?:\s+en\s+ik)?)"
)
_CABINET_AT_START = re.compile(rf"^(?:ook\s+|zelf\s+)?{_CABINET}\b", re.IGNORECASE)
_CABINET_WHOLE = re.compile(
    rf"^(?:ook\s+|daarom\s+|dan\s+)?{_CABINET}(?:\s+(?:zelf|ook|daarom|dan|vervolgens))?$",
    re.IGNORECASE,
)
_SUBORDINATORS = (
    "dat", "die", "omdat", "zodat", "wanneer", "indien", "nadat", "voordat", "waarna", "waarbij",
    "waarmee", "waarin", "waardoor", "terwijl", "hoewel", "zodra", "welke", "zoals", "alvorens",
)  # fmt: skip
_CLAUSE_BREAK = re.compile(
    r"[,;:()–—]|\b(?:" + "|".join(_SUBORDINATORS) + r")\b", re.IGNORECASE
)
# Words that open a main clause with something other than its subject (the verb comes second,
# then the subject: "In 2025 zal ik", "Daarom gaat het kabinet").
_ADVERBIAL_OPENERS = frozenset(
    """in op na voor vóór bij met over tot vanaf per tegen tijdens binnen uiterlijk daarna daarom
    daarnaast daarbij daarmee daarvoor daarover hierover hiervoor hierbij hiermee hierna ook tevens
    verder vervolgens dan dus echter wel nog eerst binnenkort komend komende dit deze volgend
    volgende eind begin medio half rond graag zo als om zodra conform samen gezamenlijk
    naar na afloop onder uiteraard vanzelfsprekend uw de het een mede alvast tenslotte ten
    bovendien nu inmiddels momenteel thans spoedig zeker concreet en maar of""".split()
)
_NEGATION = re.compile(r"\b(?:niet|geen|nooit|niets|noch|allerminst)\b", re.IGNORECASE)
_NOT_NEGATING = re.compile(
    r"\bniet\s+(?:alleen|enkel|uitsluitend|later\s+dan|eerder\s+dan|te\s+lang|langer\s+dan\s+nodig"
    r"|uit\s+te\s+sluiten|onmogelijk)\b|\bgeen\s+(?:enkele\s+)?(?:twijfel|bezwaar)\b"
    r"|\bniet\s+\w+\s+dan\b",
    re.IGNORECASE,
)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The clause around text[start:end]: (begin, end, opened by a subordinator)."""
    begin, subordinate = 0, False
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        begin = m.end()
        subordinate = m.group(0)[:1].isalpha()
    stop = len(text)
    m2 = _CLAUSE_BREAK.search(text, end)
    if m2 is not None:
        stop = m2.start()
    return begin, stop, subordinate


def _negated(text: str, start: int, end: int) -> bool:
    begin, stop, _ = _clause_bounds(text, start, end)
    clause = _NOT_NEGATING.sub(" ", text[begin:stop])
    return _NEGATION.search(clause) is not None


def _cabinet_subject(text: str, start: int, end: int) -> bool:
    """Is the cabinet the subject of the finite verb at text[start:end]?"""
    begin, stop, subordinate = _clause_bounds(text, start, end)
    before = " ".join(text[begin:start].split())
    after = " ".join(text[end:stop].split())
    if not before:
        return bool(_CABINET_AT_START.match(after))  # ", zal ik" / "Dat zal ik doen"
    if subordinate:
        return bool(_CABINET_AT_START.match(before))  # "dat ik uw Kamer ... zal informeren"
    if _CABINET_WHOLE.match(before):
        return True
    first = before.split()[0].lower().strip("«“\"'(")
    if first in _ADVERBIAL_OPENERS or re.match(r"^\d", first):
        return bool(_CABINET_AT_START.match(after))  # inversion: "In 2025 zal ik"
    return False


def _third_party_frame(text: str) -> bool:
    """"De HV gaf aan dat ...", "Volgens ProRail ...": someone else's plan, reported."""
    for m in _REPORTING.finditer(text):
        if m.group(0).lower().startswith("volgens"):
            rest = text[m.end() :].lstrip()
            if re.match(r"(?:de\s+)?(?:huidige\s+)?(?:planning|verwachting|afspraken?|wet|regeling)"
                        r"\b(?!\s+van\s+(?!mij|het\s+kabinet))", rest, re.IGNORECASE):
                continue
            if _CABINET_AT_START.match(rest):
                continue
            return True
        if not _cabinet_subject(text, m.start(), m.end()):
            return True
    return False


_REPORTING = re.compile(
    r"\b(?:gaf|gaven|geeft|geven)(?=\s+(?:\w+\s+){0,3}?aan\s+dat\b)|\bheeft\s+(?:mij\s+|ons\s+)?"
    r"(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd|bericht|verklaard)\b"
    r"|\bhebben\s+(?:mij\s+|ons\s+)?(?:aangegeven|laten\s+weten|gemeld|toegezegd|aangekondigd)\b"
    r"|\b(?:laat|liet|lieten|laten)\s+(?:mij\s+|ons\s+)?weten\b|\b(?:meldt|meldde|stelde|schrijft"
    r"|schreef|kondigde|verwacht|verwachten|verwachtte)\b(?=\s+(?:\w+\s+){0,3}?dat\b)|\bvolgens\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# Cues

@dataclass(frozen=True, slots=True)
class _Cue:
    label: str
    strong: bool
    start: int
    end: int
    words: str
    needs_subject: bool = False  # the finite verb's subject must be the cabinet


_PARTICIPLE = (
    r"(?:in\s+gebruik\s+genomen|in\s+werking\s+(?:gesteld|getreden)|ge\w{3,}(?:d|t|en)"
    r"|\w{2,}ge\w{3,}(?:d|t|en)|(?:be|ver|ont|her|er)\w{3,}(?:d|t)|opgeleverd|ingevoerd"
    r"|aangeboden|toegezonden|verzonden|aangepast|afgerond|uitgevoerd|opgesteld|ingediend)"
)
_FUTURE_WORDS = r"(?:zal|zullen)"
_STRONG = [
    ("aankondiging", re.compile(r"\b(?:kondig|kondigen|heb|hebben)\b(?:\s+\w+){0,6}?\s+"
                                r"(?:aan(?:gekondigd)?)\s+(?:\w+\s+){0,6}?te\s+(?:zullen|gaan)\b",
                                re.I), False),
    ("toekomende tijd", re.compile(rf"\b{_FUTURE_WORDS}\b", re.I), True),
    ("gaan + infinitief", re.compile(r"\b(?:ga|gaat|gaan)\b(?=(?:\s+[\w'’-]+){0,10}?\s+\w+en\b)",
                                     re.I), True),
    ("voornemen", re.compile(r"\b(?:ben|zijn|is)\s+(?:ik|wij|we|het\s+kabinet\s+)?\s*(?:voornemens"
                             r"|van\s+plan)\b|\b(?:mijn|ons|het)\s+(?:voornemen|streven|inzet)\s+is"
                             r"\b|\bis\s+het\s+(?:voornemen|streven|de\s+bedoeling)\b|\bhet\s+is\s+"
                             r"(?:mijn|ons|het)\s+(?:voornemen|streven)\b", re.I), False),
    ("streven", re.compile(r"\b(?:streef|streven|streeft)\b(?:\s+\w+){0,3}?\s+ernaar\b", re.I), False),
    ("toezegging", re.compile(r"\b(?:zeg|zeggen)\s+(?:ik|wij|we)\s+(?:u\s+|uw\s+Kamer\s+)?(?:\w+\s+)"
                              r"{0,8}?toe\b|\b(?:ik|wij|we)\s+(?:zeg|zeggen)\s+(?:\w+\s+){0,8}?toe\b",
                              re.I), False),
    ("Kamer informeren", re.compile(
        r"\b(?:informeer|informeren|stuur|sturen|zend|zenden|verstuur|versturen|bericht|berichten"
        r"|rapporteer|rapporteren|bied|bieden)\s+(?:ik|wij|we)\b(?=(?:\s+\w+){0,6}?\s+(?:uw|de)\s+"
        r"Kamer\b|.*\b(?:Kamer|brief|rapportage|voortgang)\b)"
        r"|\b(?:ik|wij|we)\s+(?:informeer|informeren|stuur|sturen|zend|zenden|bericht|berichten"
        r"|bied|bieden)\s+(?:\w+\s+){0,6}?(?:uw|de)\s+Kamer\b"
        r"|\b(?:ontvangt|ontvangen)\s+(?:uw|de)\s+Kamer\b|\b(?:uw|de)\s+Kamer\s+ontvangt\b"
        r"|\b(?:uw|de)\s+Kamer\s+(?:\w+\s+){0,6}?(?:wordt|zal)\s+(?:\w+\s+){0,6}?(?:geïnformeerd"
        r"|ontvangen)\b", re.I), False),
    ("terugkomen", re.compile(r"\b(?:kom|komen)\s+(?:ik|wij|we)\b(?:\s+\w+){0,8}?\s+terug\b"
                              r"|\b(?:ik|wij|we)\s+(?:kom|komen)\s+(?:\w+\s+){0,8}?terug\b", re.I), False),
    ("zoals voorzien", re.compile(r"\bzoals\s+(?:nu\s+|thans\s+|eerder\s+|reeds\s+|momenteel\s+)?"
                                  r"(?:voorzien|gepland|afgesproken|aangekondigd|toegezegd|beoogd)\b"
                                  r"|\b(?:volgens|conform)\s+(?:de\s+)?(?:huidige\s+)?planning\b"
                                  r"|\bde\s+(?:huidige\s+)?planning\s+is\b", re.I), False),
]
_WEAK = [
    ("passief", re.compile(rf"\b(?:wordt|worden)\b(?:\s+[^\s.;]+){{0,20}}?\s+{_PARTICIPLE}\b", re.I)),
    ("gepland", re.compile(r"\b(?:staat|staan|is|zijn)\s+(?:\w+\s+){0,6}?(?:gepland|voorzien"
                           r"|ingepland)\b", re.I)),
    ("gereed", re.compile(r"\b(?:is|zijn)\s+(?:\w+\s+){0,8}?(?:gereed|klaar|beschikbaar|afgerond"
                          r"|operationeel|opgeleverd|in\s+werking)\b", re.I)),
    ("inwerkingtreding", re.compile(r"\b(?:treedt|treden)\b(?:\s+\w+){0,8}?\s+in\s+werking\b", re.I)),
    ("eigen actie", re.compile(
        r"\b(?:ik|wij|we)\s+(?:\w+\s+){0,2}?(?:stuur|sturen|breng|brengen|laat|laten|start|starten"
        r"|organiseer|organiseren|publiceer|publiceren|werk|werken|onderzoek|onderzoeken|verken"
        r"|verkennen|evalueer|evalueren|neem|nemen|stel|stellen|lever|leveren|rond|ronden|zet"
        r"|zetten|verwacht|verwachten|wil|willen|kom|komen|informeer|informeren)\b"
        r"|\b(?:stuur|breng|laat|start|organiseer|publiceer|werk|onderzoek|verken|evalueer|neem"
        r"|stel|lever|rond|zet|verwacht|wil|kom|informeer)\s+ik\b"
        r"|\b(?:sturen|brengen|laten|starten|organiseren|publiceren|werken|onderzoeken|verkennen"
        r"|evalueren|nemen|stellen|leveren|ronden|zetten|verwachten|willen|komen|informeren)"
        r"\s+(?:wij|we)\b", re.I)),
    ("kabinet handelt", re.compile(
        r"\b(?:het\s+kabinet|de\s+regering|de\s+minister|de\s+staatssecretaris)\s+(?:\w+\s+)?"
        r"(?:stuurt|brengt|start|neemt|komt|informeert|publiceert|werkt|onderzoekt|laat|zet|wil"
        r"|verwacht|levert|rondt|stelt)\b", re.I)),
]

# Soft verbs: an attitude, not something one could check was delivered.
_SOFT = re.compile(
    r"\brekening\s+(?:mee\s+)?houden\b|\binvulling\s+geven\b|\baandacht\s+(?:besteden|hebben|geven"
    r"|vragen)\b|\bin\s+de\s+gaten\s+houden\b|\bblijven\b|\bvolgen\b|\binspannen\b|\binzetten\b"
    r"|\bvoor\s+(?:\w+\s+)?ogen\s+houden\b|\bmoeten\b|\bkunnen\s+(?:zijn|worden)\b|\bafhangen\b"
    r"|\bbetrokken\s+(?:zijn|blijven)\b|\bgesprek\s+blijven\b|\bde\s+vinger\s+aan\s+de\s+pols\b",
    re.I,
)
_META = re.compile(
    r"\b(?:hieronder|hierna|in\s+(?:dit|het\s+volgende)\s+antwoord|bij\s+de\s+beantwoording"
    r"|in\s+de\s+beantwoording|in\s+antwoord\s+op\s+vraag|bij\s+vraag)\b"
    r"|\b(?:ga|gaan|gaat)\s+(?:\w+\s+){0,3}?(?:in\s+op|uit\s+van|ervan\s+uit|over|om)\b"
    r"|\b(?:gaat|ging)\s+(?:het|dit|dat)\s+(?:\w+\s+)?om\b",
    re.I,
)
_FORECAST = re.compile(
    r"\b(?:daalt|dalen|daling|stijgt|stijgen|stijging|groeit|groeien|krimpt|krimpen|krimp"
    r"|neemt\s+(?:\w+\s+){0,3}?(?:af|toe)|nemen\s+(?:\w+\s+){0,3}?(?:af|toe)|afname|toename"
    r"|prognoses?|raming(?:en)?|geraamd|geschat|uitgegaan|vanuit\s+gegaan|scenario's?"
    r"|zal\s+(?:\w+\s+){0,4}?(?:dalen|stijgen|groeien|afnemen|toenemen)|zou|zouden)\b",
    re.I,
)
_MODAL_PASSIVE = re.compile(
    r"\b(?:kan|kunnen|moet|moeten|zou|zouden|mag|mogen|dient|dienen)\b(?:\s+\S+){0,10}?\s+worden\b",
    re.I,
)
_THIRD_PARTY_AGENT = re.compile(
    r"\bdoor\s+(?!(?:mij|ons|het\s+kabinet|de\s+regering|mijn\s+ministerie|het\s+ministerie"
    r"|de\s+minister|de\s+staatssecretaris|het\s+rijk|rijkswaterstaat|het\s+rijksvastgoedbedrijf"
    r"|defensie)\b)(?:de|het|een)?\s*[A-Za-zÀ-ÿ]",
    re.I,
)


def _cues(text: str) -> list[_Cue]:
    found: list[_Cue] = []
    for label, pattern, needs_subject in _STRONG:
        for m in pattern.finditer(text):
            found.append(_Cue(label, True, m.start(), m.end(), m.group(0), needs_subject))
    for label, pattern in _WEAK:
        for m in pattern.finditer(text):
            found.append(_Cue(label, False, m.start(), m.end(), m.group(0)))
    return found


def _assess(text: str, cue: _Cue, anchor: date | None) -> Proposal | None:
    if cue.needs_subject and not _cue_subject_ok(text, cue):
        return None
    if _negated(text, cue.start, cue.end) or _META.search(text):
        return None
    if cue.label == "passief":
        if _MODAL_PASSIVE.search(text[: cue.end]) or _THIRD_PARTY_AGENT.search(text[cue.end :]):
            return None
    strong = cue.strong and not _FUTURE_PASSIVE_OF_OTHERS(text, cue)
    if not strong and _FORECAST.search(text):
        return None
    times = [t for t in find_times(text, anchor, future=True) if not _time_negated(text, t)]
    deadline = _closest(text, cue, [t for t in times if t.kind is TimeKind.DEADLINE])
    vague = _closest(text, cue, [t for t in times if t.kind is TimeKind.VAGUE])
    chosen = deadline or vague
    if chosen is None:
        if not strong or _SOFT.search(_clause_text(text, cue)):
            return None
        if any(t.kind is TimeKind.PAST for t in times) and not _future_marker(text):
            return None
    return Proposal(Status.OPEN, f"{cue.label}: {_short(cue.words)}", chosen)


def _cue_subject_ok(text: str, cue: _Cue) -> bool:
    if cue.label == "toekomende tijd" and re.search(
        rf"\b{_FUTURE_WORDS}\b(?:\s+\S+){{0,12}}?\s+(?:worden|zijn)\s+{_PARTICIPLE}\b",
        text[cue.start :], re.I
    ):
        # a future passive: the subject is what is delivered, not who delivers it
        return not _THIRD_PARTY_AGENT.search(text[cue.end :]) and not re.search(
            rf"\b{_FUTURE_WORDS}\s+(?:\w+\s+){{0,3}}moeten\b", text[cue.start :], re.I
        )
    if re.match(r"(?:zal|zullen)\s+(?:\w+\s+){0,3}?moeten\b", text[cue.start :], re.I):
        return False  # "we zullen moeten": a necessity, not a promise
    return _cabinet_subject(text, cue.start, cue.end)


def _FUTURE_PASSIVE_OF_OTHERS(text: str, cue: _Cue) -> bool:  # noqa: N802 - reads as a predicate
    """A strong cue whose sentence is still a prognosis ("zal naar verwachting dalen")."""
    return cue.label == "toekomende tijd" and bool(
        re.search(r"\b(?:zal|zullen)\s+(?:\w+\s+){0,4}?(?:dalen|stijgen|groeien|afnemen|toenemen"
                  r"|krimpen)\b", text, re.I)
    )


def _time_negated(text: str, ref: TimeRef) -> bool:
    """ "niet in 2028", "geen ... in 2026": the phrase itself is negated."""
    before = text[max(0, ref.start - 40) : ref.start].lower()
    return bool(re.search(r"\b(?:niet|geen|nooit)\s+(?:\w+\s+){0,2}$", before)) or bool(
        re.match(r"\s*(?:nog\s+)?geen\b", text[ref.end : ref.end + 12], re.I)
    )


def _closest(text: str, cue: _Cue, refs: list[TimeRef]) -> TimeRef | None:
    """The time phrase of the cue's own clause, else the nearest one in the sentence."""
    if not refs:
        return None
    begin, stop, _ = _clause_bounds(text, cue.start, cue.end)
    inside = [r for r in refs if begin <= r.start and r.end <= stop]
    pool = inside or refs
    return min(pool, key=lambda r: min(abs(r.start - cue.end), abs(cue.start - r.end)))


def _clause_text(text: str, cue: _Cue) -> str:
    begin, _, _ = _clause_bounds(text, cue.start, cue.end)
    following = _CLAUSE_BREAK.search(text, cue.end)
    stop = following.start() if following else len(text)
    # a verb-final clause ends at its last verb, which may follow a comma-free stretch
    return text[begin : max(stop, min(len(text), cue.end + 120))]


def _future_marker(text: str) -> bool:
    return bool(re.search(r"\b(?:zal|zullen|ga|gaat|gaan|volgend|komend|binnenkort)\b", text, re.I))


def _short(words: str) -> str:
    """The cue's words, its middle elided: "wordt … in gebruik genomen"."""
    parts = words.split()
    if len(parts) <= 6:
        return " ".join(parts)
    tail = 3 if " ".join(parts[-3:-1]).lower() == "in gebruik" else 1
    return " ".join(parts[:1]) + " … " + " ".join(parts[-tail:])


# --------------------------------------------------------------------------------------------
# Done: a completion the sentence places in the past

_COMPLETED = re.compile(
    r"\b(?:is|zijn)\s+(?:\w+\s+|\([^)]*\)\s+){0,8}?(?:geopend|opgeleverd|in\s+gebruik\s+genomen"
    r"|afgerond|voltooid|in\s+werking\s+getreden|gerealiseerd|opgericht|gestart|ingevoerd)\b",
    re.I,
)


def _past_completion(text: str, anchor: date | None) -> Proposal | None:
    m = _COMPLETED.search(text)
    if m is None or _negated(text, m.start(), m.end()) or _FORECAST.search(text):
        return None
    near = [
        t
        for t in find_times(text, anchor)
        if t.kind is TimeKind.PAST and min(abs(t.start - m.end()), abs(m.start() - t.end)) < 80
    ]
    if not near:
        return None
    return Proposal(Status.DONE, f"voltooid: {_short(m.group(0))}", near[0])
