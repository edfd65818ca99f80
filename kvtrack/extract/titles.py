"""Short Dutch titles for candidate commitments, made from their quote.

The title is the promise without its wrapping: the time phrase (it goes in `due`), the opening adverb,
the cabinet's "zal ik" frame, relative clauses and asides. A first-person verb becomes an infinitive
at the end ("Begin volgend jaar publiceer ik een prognose" → "Een prognose publiceren").
"""

from __future__ import annotations

import re

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.extract.cue_table import INFINITIVES

_OPENERS = LazyPattern(
    r"^(?:(?:daarnaast|daarbij|daarom|daarna|tevens|ook|verder|vervolgens|bovendien|concreet"
    r"|dus|dan|nu|uiteraard|wel|nog|aansluitend|voorts|zoals\s+(?:eerder\s+)?(?:aangegeven|gemeld"
    r"|toegezegd)|in\s+de\s+(?:kamer)?brief(?:\s+van\s+\S+\s+\S+\s+\S+)?)\b[,\s]*)+",
    re.IGNORECASE,
)
_FRAMES = LazyPattern(
    r"^(?:kondig\s+ik\s+aan\s+te\s+zullen"
    r"|(?:zal|zullen|ga|gaat|gaan)\s+(?:ik|wij|we|het\s+kabinet|de\s+regering)"
    r"|(?:ik|wij|we|het\s+kabinet|de\s+regering)\s+(?:zal|zullen|ga|gaat|gaan|wil|willen)"
    r"|(?:ik|wij|we)\s+(?:verwacht(?:en)?|streef|streven)(?:\s+ernaar)?"
    r"|het\s+(?:streven|voornemen)\s+is(?:\s+om)?|wordt|worden)\b\s*",
    re.IGNORECASE,
)
_PARENTHESES = LazyPattern(r"\s*\([^()]*\)")
_SUBCLAUSE = LazyPattern(
    r",\s*(?:waar|waarbij|waarin|waarvan|waarover|waarmee|die|dat|welke|zoals|mits|zodat|omdat"
    r"|hetgeen|wat)\b[^,]*(?:,|$)",
    re.IGNORECASE,
)
_TAIL = LazyPattern(r",?\s*zoals\s+(?:nu\s+|thans\s+)?(?:voorzien|gepland).*$", re.IGNORECASE)
_PARTICLES = frozenset(
    {"af", "in", "op", "aan", "uit", "mee", "toe", "terug", "door", "vast", "voor", "bij", "na",
     "over", "weg", "samen", "neer", "bekend"}
)  # fmt: skip
_FIRST_PERSON = LazyPattern(
    r"^(?:(?P<verb>\w+)\s+(?:ik|wij|we)|(?:ik|wij|we)\s+(?P<verb2>\w+))\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def title_for(
    quote: str, time_text: str | None, cue_at: int | None = None, max_words: int = 12
) -> str:
    text = " ".join(quote.split()).rstrip(".!?;: ")
    text = _part_with(text, cue_at)
    if time_text:
        text = text.replace(time_text, " ", 1)
    text = _TAIL.sub("", text)
    text = _PARENTHESES.sub("", text)
    text = _SUBCLAUSE.sub(" ", text)
    text = " ".join(text.split()).strip(" ,;:–-")
    for _ in range(3):
        text = _OPENERS.sub("", text).strip(" ,")
        text = _FRAMES.sub("", text).strip(" ,")
    moved = _infinitive_last(text)
    words = moved.split() or quote.split()
    if len(words) > max_words:
        # keep an infinitive moved to the end: it says what is promised
        tail = [words[-1]] if moved != text else []
        words = [*words[: max_words - len(tail)], "…", *tail]
    title = " ".join(words).replace(" …", "…")
    return title[:1].upper() + title[1:]


def _part_with(text: str, at: int | None) -> str:
    """Of a sentence with independent parts ("...; ..."), the part the cue is in."""
    if at is None or ";" not in text:
        return text
    start = 0
    for part in text.split(";"):
        if start <= at <= start + len(part):
            return part.strip()
        start += len(part) + 1
    return text


def _infinitive_last(text: str) -> str:
    """ "start ik een pilot" → "een pilot starten"; "rond ik de verkenning af" → "de verkenning
    afronden"."""
    m = _FIRST_PERSON.match(text)
    if m is None:
        return text
    verb = (m["verb"] or m["verb2"]).lower()
    infinitive = INFINITIVES.get(verb) or (verb if verb in INFINITIVES.values() else None)
    if infinitive is None:
        return text
    rest = m["rest"].split()
    if rest and rest[-1].lower() in _PARTICLES:
        infinitive = rest.pop().lower() + infinitive
    return " ".join([*rest, infinitive])
