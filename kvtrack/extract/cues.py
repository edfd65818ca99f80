"""Which sentences of an answer are the cabinet's own promises, and which time phrase dates them.

A sentence is proposed when a rule of cue_table.py finds the cabinet acting in the future: strong
cues ("zal ik", "informeer ik uw Kamer", "kondig ik aan te zullen") with or without a date, weak ones
("wordt ... gerealiseerd", "stuur ik", "is ... gereed") only with a time phrase that points forward.

Not proposed: questions, negated cues ("niet in 2028 afgerond"), other parties' plans ("de gemeente
zal", "De HV gaf aan dat ..."), forecasts ("daalt na 2025"), attitudes ("zal ik rekening houden").
A completion the sentence places in the past ("is eind vorig jaar geopend") is proposed as done.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.model import Status
from kvtrack.core.timex import TimeKind, TimeRef, find_times
from kvtrack.extract import cue_filters as filters
from kvtrack.extract import cue_table as table
from kvtrack.extract.clauses import (
    CLAUSE_BREAK,
    cabinet_subject,
    clause_bounds,
    is_aside,
    negated,
    segment_bounds,
    third_party_frame,
)
from kvtrack.extract.glue import FUNCTION_WORDS
from kvtrack.extract.literals import PrefilterIndex, sentence_words


@dataclass(frozen=True, slots=True)
class Proposal:
    """Why a sentence is a candidate (`cue`), whether it is open or done, and its time phrase."""

    status: Status
    cue: str
    time: TimeRef | None  # a deadline (with a period) or a vague phrase (without); None: undated
    cue_at: int = 0  # where the cue starts in the sentence (its whitespace collapsed)


@dataclass(frozen=True, slots=True)
class _Cue:
    rule: table.CueRule
    start: int
    end: int


def judge(sentence: str, anchor: date | None) -> Proposal | None:
    """A proposal for `sentence`, or None when it is not the cabinet's promise."""
    text = " ".join(sentence.split())
    if not text or text.endswith("?") or len(text) > 2000:
        return None
    cues = _cues(text)
    # Most sentences have no cue and are no completion: the answer's talk about itself and others'
    # reported plans (which rule a sentence out) are only looked for in the others.
    done = None if cues else _past_completion(text, anchor)
    if (not cues and done is None) or filters.META.search(text) or third_party_frame(text):
        return None
    if cues:  # their time phrases are only looked for in a sentence with a cue
        future = not _PAST_TENSE.search(text)
        times = [t for t in find_times(text, anchor, future=future) if not _time_negated(text, t)]
        for cue in cues:
            proposal = _assess(text, cue, times, anchor)
            if proposal is not None:
                return proposal
        return _past_completion(text, anchor)
    return done


# Perfect and past tense: a bare "5 juli" in such a sentence is the nearest one, not the next.
_PAST_TENSE = LazyPattern(
    r"\b(?:heb|hebt|heeft|hebben|had|hadden|was|waren|werd|werden|zou|zouden)\b", re.IGNORECASE
)
_OWN_PRONOUN = LazyPattern(r"^(?:ik|wij|we)\s|\s(?:ik|wij|we)$", re.IGNORECASE)
_CONDITIONAL = LazyPattern(r"\b(?:zou|zouden)\b", re.IGNORECASE)


_RULES = table.STRONG + table.WEAK


@functools.cache
def _prefilters() -> PrefilterIndex:
    """Each rule with the words its pattern cannot match without, read from the pattern once, at
    the first sentence (not at import: reading the patterns' syntax costs about 50 ms). A rule's
    pattern is compiled only when a sentence first passes its prefilter."""
    return PrefilterIndex([rule.pattern for rule in _RULES], common=FUNCTION_WORDS)


def _cues(text: str) -> list[_Cue]:
    split = sentence_words(text)
    rules = _RULES if split is None else [_RULES[i] for i in _prefilters().possible(*split)]
    return [
        _Cue(rule, m.start(), m.end())
        for rule in rules
        if rule.needs is None or rule.needs.search(text)
        for m in rule.pattern.finditer(text)
    ]


def _assess(text: str, cue: _Cue, times: list[TimeRef], anchor: date | None) -> Proposal | None:
    rule = cue.rule
    if _CONDITIONAL.search(text[cue.start : cue.end]):
        return None  # "toegezegd dat ik uw Kamer ... zou informeren": reported, not promised here
    if rule.subject and not _subject_ok(text, cue):
        return None
    if negated(text, cue.start, cue.end):
        return None
    if rule.label == "passief" and (
        filters.MODAL_PASSIVE.search(text[: cue.end])
        or filters.THIRD_PARTY_AGENT.search(text[cue.end :])
    ):
        return None
    if _forecast(text, cue):
        return None
    if not rule.strong and (_not_a_delivery(text, cue) or _reported(text, cue)):
        return None
    pool = times
    if rule.segment:
        begin, stop = segment_bounds(text, cue.start, cue.end)
        pool = [
            t for t in times if (t.start < stop and t.end > begin) or is_aside(text, t.start, t.end)
        ]
    pool = [t for t in pool if not _in_past_clause(text, t, cue)]
    deadline = _closest(text, cue, [t for t in pool if t.kind is TimeKind.DEADLINE])
    vague = _closest(text, cue, [t for t in pool if t.kind is TimeKind.VAGUE])
    chosen = deadline or vague
    if _completed_already(text, cue, chosen, anchor):
        return None
    if chosen is None:
        if not rule.strong or filters.SOFT.search(_clause_text(text, cue)):
            return None
        past = any(t.kind is TimeKind.PAST for t in times)
        if past and not re.search(r"\b(?:zal|zullen|ga|gaat|gaan)\b", text, re.IGNORECASE):
            return None
    return Proposal(Status.OPEN, f"{rule.label}: {_cue_words(text, cue)}", chosen, cue.start)


_PAST_AUX = r"(?:is|zijn|was|waren|werd|werden)"
# participles that say what is planned or ready, not what happened
_NOT_PAST = r"(?:voorzien|gepland|ingepland|beoogd|verwacht|gereed|geleden)"
_PAST_VERB = LazyPattern(
    rf"\b{_PAST_AUX}\s+(?:\S+\s+){{0,2}}?(?!{_NOT_PAST}\b)"
    rf"{table.PARTICIPLE}\b|\b(?!{_NOT_PAST}\b)"
    rf"{table.PARTICIPLE}\s+{_PAST_AUX}\b|\b(?:heeft|hebben|had|hadden)\b",
    re.IGNORECASE,
)


_FINITE = LazyPattern(
    r"\b(?:is|zijn|was|waren|werd|werden|heeft|hebben|had|hadden|wordt|worden|zal|zullen|gaat"
    r"|gaan|kan|kunnen|moet|moeten)\b",
    re.IGNORECASE,
)
_PAST_FINITE = frozenset(
    {"is", "zijn", "was", "waren", "werd", "werden", "heeft", "hebben", "had", "hadden"}
)


def _in_past_clause(text: str, ref: TimeRef, cue: _Cue) -> bool:
    """ "In de brief die begin februari naar de Kamer is gestuurd, wordt u ... geïnformeerd", "het
    model, dat in 2018 is ontwikkeld": the time phrase dates a relative clause in the past tense
    (its verbs close it, Dutch being verb-final there), not the promise."""
    _, stop, subordinate = clause_bounds(text, ref.start, ref.end)
    if not subordinate:
        return False
    finite = _FINITE.search(text, ref.end, stop)
    if finite is None or finite.group(0).lower() not in _PAST_FINITE:
        return False
    return bool(_PAST_VERB.search(text, max(ref.end, finite.start() - 40), finite.end() + 40))


_PERFECT = LazyPattern(r"\b(?:heeft|hebben|had|hadden)\b", re.IGNORECASE)


def _reported(text: str, cue: _Cue) -> bool:
    """ "Bij haar aanvraag heeft NS een plan gevoegd dat ... in 2024 ... worden gebracht": a weak
    cue in a clause hanging off a main clause in the perfect tense whose subject is not the
    cabinet reports what someone else wrote."""
    begin, _, subordinate = clause_bounds(text, cue.start, cue.end)
    if not subordinate:
        return False
    first = CLAUSE_BREAK.search(text, 0, begin)
    main = text[: first.start() if first else begin]
    perfect = _PERFECT.search(main)
    return perfect is not None and not cabinet_subject(main, perfect.start(), perfect.end())


def _not_a_delivery(text: str, cue: _Cue) -> bool:
    """ "In 2025 is € 10 miljoen beschikbaar", "het commissiedebat is gepland op 12 maart"."""
    begin, stop = segment_bounds(text, cue.start, cue.end)
    segment = text[begin:stop]
    if cue.rule.label == "gereed" and filters.AMOUNT.search(segment):
        return True
    if not cue.rule.actor and filters.MODAL.search(segment):
        return True
    if cue.rule.label == "vindt plaats" and filters.MEETING.search(segment):
        return True
    if cue.rule.label == "passief" and _main_participle(text, cue.end) == "verwacht":
        return True  # "Een definitief besluit daarover wordt verwacht in april": whose is unsaid
    return cue.rule.label in ("gepland", "passief", "gereed", "beoogd", "vindt plaats") and bool(
        filters.KAMER_AGENDA.search(segment)
    )


def _completed_already(text: str, cue: _Cue, time: TimeRef | None, anchor: date | None) -> bool:
    """ "In 2024 zijn 6.100 woningen opgeleverd" (said in December 2024): a perfect tense with a
    period that has begun reports what happened, not what will."""
    words = text[cue.start : cue.end].lower()
    if cue.rule.label != "gereed" or not words.endswith(("afgerond", "opgeleverd")):
        return False
    period = time.period if time is not None else None
    return period is None or anchor is None or period.start <= anchor


def _subject_ok(text: str, cue: _Cue) -> bool:
    after = text[cue.start :]
    if _OWN_PRONOUN.search(text[cue.start : cue.end]):
        return True  # the cue holds its subject: "ik ga", "gaan wij"
    if cue.rule.label == "toekomende tijd":
        if re.match(r"(?:zal|zullen)\s+(?:\w+\s+){0,3}?moeten\b", after, re.IGNORECASE):
            return False  # "we zullen moeten": a necessity, not a promise
        future_passive = re.search(
            rf"^(?:zal|zullen)(?!(?:\s+\S+){{0,12}}?\s+(?:kunnen|moeten)\b)(?:\s+\S+){{0,12}}?"
            rf"\s+(?:(?:worden|zijn)\s+{table.PARTICIPLE}|{table.PARTICIPLE}\s+(?:worden|zijn)\b"
            rf"|{_READY}\s+zijn)\b",
            after,
            re.IGNORECASE,
        )
        if (
            future_passive
            and not filters.THIRD_PARTY_AGENT.search(after)
            and not filters.AMOUNT.search(future_passive.group(0))
        ):
            return True  # what is delivered is the subject, not who delivers it
    return cabinet_subject(text, cue.start, cue.end)


# "De evaluatie zal eind 2026 beschikbaar zijn": like a future passive, the thing delivered is
# the subject (a sum of money being available is not a delivery: AMOUNT).
_READY = r"(?:gereed|klaar|beschikbaar|afgerond|operationeel|opgeleverd|in\s+gebruik)"


def _forecast(text: str, cue: _Cue) -> bool:
    """A trend or prognosis rather than something the cabinet does."""
    if cue.rule.strong or cue.rule.actor:
        begin, stop = segment_bounds(text, cue.start, cue.end)
        return bool(filters.TREND.search(text[begin:stop])) and not cue.rule.strong
    return bool(filters.TREND.search(text) or filters.FORECAST.search(text))


def _time_negated(text: str, ref: TimeRef) -> bool:
    """ "niet in 2028", "in 2026 nog geen": the time phrase itself is negated."""
    before = text[max(0, ref.start - 40) : ref.start].lower()
    if re.search(r"\b(?:niet|geen|nooit)\s+(?:\w+\s+){0,2}$", before):
        return True
    return bool(re.match(r"\s*(?:nog\s+)?geen\b", text[ref.end : ref.end + 12], re.IGNORECASE))


def _closest(text: str, cue: _Cue, refs: list[TimeRef]) -> TimeRef | None:
    """The time phrase of the cue's own clause, else the nearest one in the sentence."""
    if not refs:
        return None
    begin, stop, _ = clause_bounds(text, cue.start, cue.end)
    inside = [r for r in refs if begin <= r.start and r.end <= stop]
    return min(inside or refs, key=lambda r: min(abs(r.start - cue.end), abs(cue.start - r.end)))


_GOVERNED = LazyPattern(r"\b(?:welke|hoe|of|wat|waar|wanneer|waarom|om)\b", re.IGNORECASE)


def _clause_text(text: str, cue: _Cue) -> str:
    begin, _, _ = clause_bounds(text, cue.start, cue.end)
    following = CLAUSE_BREAK.search(text, cue.end)
    stop = following.start() if following else len(text)
    # a verb-final clause keeps its verbs after the object, so look a little further, but not into
    # a clause it governs ("zal onderzoeken welke instrumenten het Rijk kan inzetten")
    governed = _GOVERNED.search(text, cue.end)
    end = max(stop, min(len(text), cue.end + 120))
    return text[begin : min(end, governed.start()) if governed else end]


def _cue_words(text: str, cue: _Cue) -> str:
    """The cue as shown to a reviewer: "wordt … in gebruik genomen", "kondig ik aan te zullen"."""
    words = " ".join(text[cue.start : cue.end].split())
    if cue.rule.label == "passief":
        participle = _main_participle(text, cue.end)
        if participle:
            return f"{words} … {participle}"
    if cue.rule.label in ("toekomende tijd", "gaan", "besluit"):
        rest = " ".join(text[cue.end :].split()[:2])
        return f"{words} {rest}".strip()
    parts = words.split()
    return words if len(parts) <= 7 else " ".join(parts[:3]) + " … " + " ".join(parts[-2:])


def _main_participle(text: str, after: int) -> str | None:
    """The first participle after `after` that is not inside a relative clause."""
    for m in re.finditer(rf"\b{table.PARTICIPLE}\b", text[after:], re.IGNORECASE):
        position = after + m.start()
        _, _, subordinate = clause_bounds(text, position, position + 1)
        if not subordinate:
            return m.group(0)
    return None


def _past_completion(text: str, anchor: date | None) -> Proposal | None:
    m = filters.COMPLETED.search(text)
    if m is None or negated(text, m.start(), m.end()) or filters.TREND.search(text):
        return None
    if re.search(r"\d+(?:[.,]\d+)*\s+(?!jl\b)[a-zà-ÿ]", text[: m.end()]) and not re.search(
        r"\b(?:19|20)\d\d\b", text[: m.end()]
    ):
        return None  # "ruim 6.100 woningen zijn opgeleverd": a figure, not a promise kept
    if re.search(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+\s+(?:procent|%)", text[: m.end()]):
        return None
    near = [
        t
        for t in find_times(text, anchor)
        if t.kind is TimeKind.PAST and min(abs(t.start - m.end()), abs(m.start() - t.end)) < 80
    ]
    if not near:
        return None
    return Proposal(Status.DONE, f"voltooid: {' '.join(m.group(0).split())}", near[0], m.start())
