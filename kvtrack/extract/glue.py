"""Words that PDF extraction glued together across line breaks ("hetkabinet", "doelstellingvan",
"februari2025"), split back.

PyPDF2 drops the line break between the last word of a line and the first of the next, so a text
copied that way reads "Het Algemeen Ambtsbericht is voorzien voor eind februari2025" and "zal
hetkabinet". A glued token is one Dutch does not know that splits into a short function word and
a known word; such a split is taken only when a text has many of them, so a document without the
problem (where an unknown token is a new compound: "netcapaciteit", "lunchmaaltijden") is left
exactly as it is.

The word list is wordfreq's Dutch frequency list, loaded once, lazily, only for text that could be
glued.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

# Words PyPDF2 glues most: articles, prepositions, pronouns, conjunctions, auxiliaries. Only a
# split with one of these on one side is taken (a split into two content words would split
# Dutch compounds).
_FUNCTION_WORDS_TEXT = """de het een van in op te dat die dit deze en of voor met aan naar bij om tot uit door over
als is zijn wordt worden werd werden niet ook nog er ik u uw we wij zij ze hij zal zullen kan
kunnen moet moeten heb heeft hebben was waren wat wie hoe waar maar dan al wel geen meer zo na
onder tussen tegen sinds vanaf per zoals omdat zodat terwijl hun haar mijn ons onze welke
wanneer indien daarbij daarnaast daarom hierbij hiervoor hierover echter reeds ten ter den
gaat gaan ga wil willen mag mogen"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

# Function words that are also endings of Dutch words: split off only after the same ending.
_SUFFIX_LIKE = frozenset({"en", "de", "te", "er", "ze", "we", "u", "den", "ten"})

#: Least zipf frequency for the other side of a split (a word seen about once in ten million).
MIN_ZIPF = 2.5
#: Least number of glued tokens, and share of long tokens, that make a text "glued".
MIN_GLUED = 4
MIN_SHARE = 0.01

_TOKEN = re.compile(r"(?<![\w-])([A-ZÀ-Ý]?[a-zà-ÿ]{3,})(?![\w-])")
# "hetDolfinarium", "deIZA": a function word glued to a capitalised word
_CAPITAL_GLUE = re.compile(r"(?<![\w-])([a-z]{2,5})(?=[A-Z][\wÀ-ÿ]+)")
_YEAR_GLUE = re.compile(r"(?<![\w-])([a-zà-ÿ]{3,})((?:19|20)\d\d)(?!\d)")
_SENTENCE_GLUE = re.compile(r"(?<=[a-zà-ÿ)]{2}[?!.])(?=[A-Z][a-zà-ÿ]{2,})")


@functools.cache
def dutch_words() -> dict[str, float]:
    """Dutch words with their zipf frequency (log10 of uses per billion words), down to 1.5.

    Read from wordfreq's data file directly: importing wordfreq itself costs about 0.3 s for a
    tokenizer this does not need. Falls back on wordfreq's API if its file format ever changes.
    """
    import gzip

    import msgpack  # type: ignore[import-untyped]

    path = _word_list_file()
    data = msgpack.loads(gzip.decompress(path.read_bytes()), raw=False) if path else None
    header = data[0] if data else {}
    if data is None or not isinstance(header, dict) or header.get("format") != "cB":
        from wordfreq import get_frequency_dict

        return {w: zipf for w, f in get_frequency_dict("nl").items() if (zipf := _zipf(f)) >= 1.5}
    # bin i holds the words of frequency 10 ** (-i / 100): zipf 9 - i / 100
    return {word: 9 - i / 100 for i, words in enumerate(data[1:751]) for word in words}


def _word_list_file() -> Path | None:
    """wordfreq's Dutch frequency list, found without importing wordfreq: `importlib.resources`
    would import the package to find it, the very cost reading the file directly avoids."""
    spec = importlib.util.find_spec("wordfreq")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "data" / "large_nl.msgpack.gz"
        if path.is_file():
            return path
    return None


def _zipf(frequency: float) -> float:
    import math

    return 9 + math.log10(frequency) if frequency > 0 else 0.0


def split_glued(lines: list[str]) -> list[str]:
    """The lines with glued words split, when the text shows the glued layout; else unchanged."""
    text = "\n".join(lines)
    tokens = _TOKEN.findall(text)
    if len(tokens) < 50:
        return lines
    words = dutch_words()
    splits = {t: s for t in set(tokens) if (s := _split(t, words)) is not None}
    glued = sum(1 for t in tokens if t in splits)
    if glued < MIN_GLUED or glued < MIN_SHARE * len(tokens):
        return lines
    text = _TOKEN.sub(lambda m: splits.get(m[1], m[1]), text)
    text = _YEAR_GLUE.sub(lambda m: f"{m[1]} {m[2]}" if m[1] in words else m.group(0), text)
    text = _SENTENCE_GLUE.sub(" ", text)
    text = _CAPITAL_GLUE.sub(lambda m: m[1] + " " if m[1] in FUNCTION_WORDS else m[1], text)
    return text.split("\n")


def _split(token: str, words: dict[str, float]) -> str | None:
    """ "hetkabinet" → "het kabinet", "Dooreen" → "Door een"; None for a word or a compound."""
    low = token.lower()
    if low in words:
        return None
    best: tuple[float, int] | None = None
    for i in range(2, len(low) - 1):
        left, right = low[:i], low[i:]
        score = _pair_score(left, right, words)
        if score is not None and (best is None or score > best[0]):
            best = (score, i)
    if best is None:
        return None
    return f"{token[: best[1]]} {token[best[1] :]}"


def _pair_score(left: str, right: str, words: dict[str, float]) -> float | None:
    if left in FUNCTION_WORDS and right in FUNCTION_WORDS:
        return min(words.get(left, 0.0), words.get(right, 0.0))
    if left in FUNCTION_WORDS and len(right) >= 3 and words.get(right, 0.0) >= MIN_ZIPF:
        return words[right]
    if right in _SUFFIX_LIKE and not left.endswith(right):
        return None  # "zorgsectoren" is a plural, not "zorgsector en" ("prioriteitenen" is glued)
    if right in FUNCTION_WORDS and len(left) >= 3 and words.get(left, 0.0) >= MIN_ZIPF:
        return words[left]
    return None
