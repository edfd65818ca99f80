"""An answer document's structure: the header (who asked, who answered, when) and its Vraag/Antwoord
blocks, read from cleaned lines. Official numbers are taken only where the text states them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from kvtrack.core import calendar_nl as cal
from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.errors import KvtrackError
from kvtrack.extract.clean import CleanText


@dataclass(frozen=True, slots=True)
class Block:
    """One question or answer: its numbers ("Antwoord 4 en 5" → (4, 5)) and its text lines."""

    kind: str  # "vraag" or "antwoord"
    numbers: tuple[int, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Header:
    subject: str | None = None
    asked_by: str | None = None
    addressed_to: str | None = None
    answered_by: str | None = None
    submitted: date | None = None
    answered: date | None = None
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    header: Header
    questions: tuple[Block, ...]
    answers: tuple[Block, ...]


NO_STRUCTURE = (
    "no Vraag/Antwoord structure found: expected an answer document with headings such as "
    "'Vraag 1' and 'Antwoord 1'"
)


def read_document(text: CleanText) -> Document:
    """The header and blocks of a cleaned answer document; KvtrackError when it has no answers."""
    lines = list(text.lines)
    headings = [(i, h) for i, line in enumerate(lines) if (h := parse_heading(line)) is not None]
    blocks = _blocks(lines, headings)
    answers = [b for b in blocks if b.kind == "antwoord" and b.numbers]
    if not answers:
        answers = _answers_without_headings(blocks)
    if not answers or not any(line.strip() for b in answers for line in b.lines):
        raise KvtrackError(NO_STRUCTURE)
    first = headings[0][0] if headings else len(lines)
    header = _read_header(lines[:first] + _late_answer_line(lines, first), text.furniture)
    questions = tuple(b for b in blocks if b.kind == "vraag")
    return Document(header, questions, tuple(answers))


# --------------------------------------------------------------------------------------------
# Headings and blocks

_HEADING = LazyPattern(
    r"^(?P<kind>Vraag|Vragen|Antwoord|Antwoorden|VRAAG|VRAGEN|ANTWOORD|ANTWOORDEN)"
    r"(?:\s+(?:op|bij|op\s+de|bij\s+de))?(?:\s+(?:vraag|vragen))?\s*(?P<nums>\d{1,3}[a-h]?"
    # "Antwoord 5 6", "Antwoord 8 9 10 en 11": a merged heading that lost its commas
    r"(?:(?:\s*(?:,|en|&|t/m|tot\s+en\s+met|-|–)\s*|\s+)\d{1,3}[a-h]?(?![\d.,]\d))*)"
    r"(?:\s*(?P<sep>[:.)])\s*(?P<rest>.*)|\s+(?P<text>[A-Z«“\"].*)|\s*)$"
)
_BARE_ANSWER = LazyPattern(r"^(?:Antwoord|ANTWOORD)\s*[:.]?\s*(?P<rest>.*)$")


@dataclass(frozen=True, slots=True)
class Heading:
    kind: str
    numbers: tuple[int, ...]
    rest: str  # text that followed the heading on the same line


def parse_heading(line: str) -> Heading | None:
    stripped = line.strip()
    if stripped[:1] not in ("V", "A"):
        return None  # every heading opens with Vraag/Vragen/Antwoord: most lines are not one
    m = _HEADING.match(stripped)
    if m is None:
        return None
    numbers = parse_numbers(m["nums"])
    if not numbers:
        return None
    kind = "vraag" if m["kind"].lower().startswith("vra") else "antwoord"
    return Heading(kind, numbers, (m["rest"] or m["text"] or "").strip())


def parse_numbers(text: str) -> tuple[int, ...]:
    """ "4 en 5" → (4, 5); "2, 3 en 4" → (2, 3, 4); "2 t/m 4" and "2-4" → (2, 3, 4)."""
    numbers: list[int] = []
    text = re.sub(r"\s*tot\s+en\s+met\s*", " t/m ", text.strip())
    text = re.sub(r"\s*(t/m|-|–)\s*", r"\1", text)
    text = re.sub(r"(\d)[a-h]\b", r"\1", text)  # "3a" is part of question 3
    for part in re.split(r"\s*(?:,|\ben\b|&)\s*|\s+", text):
        span = re.match(r"^(\d{1,3})\s*(?:t/m|-|–)\s*(\d{1,3})$", part)
        if span:
            low, high = int(span[1]), int(span[2])
            if 0 < high - low <= 30:
                numbers.extend(range(low, high + 1))
                continue
            numbers.extend((low, high))
        elif part.isdigit():
            numbers.append(int(part))
    return tuple(dict.fromkeys(n for n in numbers if n > 0))


def _blocks(lines: list[str], headings: list[tuple[int, Heading]]) -> list[Block]:
    blocks: list[Block] = []
    for k, (index, heading) in enumerate(headings):
        end = headings[k + 1][0] if k + 1 < len(headings) else len(lines)
        body = ([heading.rest] if heading.rest else []) + lines[index + 1 : end]
        blocks.append(Block(heading.kind, heading.numbers, tuple(body)))
    return blocks


def _answers_without_headings(blocks: list[Block]) -> list[Block]:
    """Layouts that number only the questions: a bare "Antwoord" line, or no label at all (the
    answer follows the question's last "?")."""
    answers: list[Block] = []
    for block in blocks:
        if block.kind != "vraag":
            continue
        body = list(block.lines)
        split = next((i for i, line in enumerate(body) if _BARE_ANSWER.match(line.strip())), None)
        if split is not None:
            rest = _BARE_ANSWER.match(body[split].strip())
            first = [rest["rest"]] if rest and rest["rest"] else []
            answers.append(Block("antwoord", block.numbers, tuple(first + body[split + 1 :])))
            continue
        last_question = max(
            (i for i, line in enumerate(body[:12]) if line.rstrip().endswith("?")), default=None
        )
        if last_question is not None and last_question + 1 < len(body):
            answers.append(Block("antwoord", block.numbers, tuple(body[last_question + 1 :])))
    return answers


# --------------------------------------------------------------------------------------------
# Header


def _late_answer_line(lines: list[str], first: int) -> list[str]:
    """The website puts "Antwoord van ... (ontvangen ...)" after the first question: read it too
    (with the next lines, where a PDF copy may carry its date)."""
    for i in range(first, len(lines)):
        if re.match(r"\s*Antwoord\s+van\b", lines[i], re.IGNORECASE):
            return lines[i : i + 3]
    return []


_DUTCH_DATE = LazyPattern(
    r"(?P<d>\d{1,2})\s+(?P<m>[a-zA-Z]+)\.?\s+(?P<y>(?:19|20)\d{2})|(?P<nd>\d{1,2})-(?P<nm>\d{1,2})-"
    r"(?P<ny>(?:19|20)\d{2})"
)
_QUESTIONS = LazyPattern(
    r"\b(?:Vragen|VRAGEN)\s+(?:gesteld\s+)?(?:van|door)\s+(?:het\s+lid|de\s+leden|het\s+Kamerlid"
    r"|de\s+Kamerleden)\s+(?P<who>(?:(?!\bVragen\s+van\b).)+?)\s+aan\s+(?:de|het|den)\s+(?P<to>.+?)"
    r"(?:\s+over\s+(?P<subject>.+?))?\s*\((?:ingezonden|ingediend)\s+(?:op\s+)?(?P<date>[^)]*)\)",
    re.DOTALL,
)
_ANSWER_BY = LazyPattern(
    r"Antwoord\s+van\s+(?P<by>.+?)\s*\((?:ontvangen|ingekomen)\s+(?:op\s+)?(?P<date>[^)]*)\)",
    re.IGNORECASE | re.DOTALL,
)
# How every match of _QUESTIONS and _ANSWER_BY ends: "(ingezonden 5 juli 2024)".
_QUESTIONS_END = LazyPattern(r"\((?:ingezonden|ingediend)\s+(?:op\s+)?[^)]*\)")
_ANSWER_END = LazyPattern(r"\((?:ontvangen|ingekomen)\s+(?:op\s+)?[^)]*\)", re.IGNORECASE)


def _search_to_last(pattern: LazyPattern, end: LazyPattern, text: str) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern whose every match ends with a match of `end`, searched
    only up to the last of those: the same match, but a start that cannot reach one is not tried
    in every way its lazy groups could stretch (a header of many "Vragen van ... aan de ..."
    without "(ingezonden ...)" took minutes)."""
    last_end = max((m.end() for m in end.finditer(text)), default=None)
    return None if last_end is None else pattern.search(text, 0, last_end)


_QUOTED_TITLE = LazyPattern(r"[«“\"„‘']([^«»“”\"„‘’']{3,300})[»”\"’']")


def parse_dutch_date(text: str) -> date | None:
    m = _DUTCH_DATE.search(text)
    if m is None:
        return None
    try:
        if m["d"]:
            month = cal.month_number(m["m"])
            return date(int(m["y"]), month, int(m["d"])) if month else None
        return date(int(m["ny"]), int(m["nm"]), int(m["nd"]))
    except ValueError:
        return None


_SPACING_ACCENTS = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303"}


def _combine_accents(text: str) -> str:
    """PDF copies write ć as "c ´" ("Kostic ´ (PvdD)"): put the accent back on its letter."""

    def combine(m: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", m[1] + _SPACING_ACCENTS[m[2]])

    return re.sub(r"([A-Za-z]) ?([´`¨ˆ˜])", combine, text)


def _read_header(lines: list[str], furniture: tuple[str, ...]) -> Header:
    text = _combine_accents(" ".join(line.strip() for line in lines if line.strip()))
    questions = _search_to_last(_QUESTIONS, _QUESTIONS_END, text)
    answer = _search_to_last(_ANSWER_BY, _ANSWER_END, text)
    subject = asked_by = addressed_to = None
    submitted = answered = None
    if questions:
        asked_by = members(questions["who"])
        addressed_to = _squash(questions["to"])
        subject = subject_title(questions["subject"]) if questions["subject"] else None
        submitted = parse_dutch_date(questions["date"])
    answered_by: str | None
    if answer:
        answered_by = _squash(answer["by"]).rstrip(",")
        answered = parse_dutch_date(answer["date"])
    else:
        answered_by, answered = _letter(text)
    if submitted is None and (reply := _REPLY_TO.search(text)):
        submitted = parse_dutch_date(reply["date"])
    return Header(
        subject=subject,
        asked_by=asked_by,
        addressed_to=addressed_to,
        answered_by=answered_by,
        submitted=submitted,
        answered=answered,
        identifiers=identifiers(text, furniture),
    )


# A ministry's Word letter has no "(ontvangen ...)" line: its date is the letter's ("Datum 16 mei
# 2024" in the letterhead, or "Den Haag, 16 mei 2024"), its author in "Antwoorden van de minister
# van ... op Kamervragen", and the questions' date in "In antwoord op uw brief van 5 juli 2024".
_DATE_TEXT = r"\d{1,2}\s+[a-zA-Z]+\.?\s+(?:19|20)\d{2}"
_LETTER_DATE = LazyPattern(
    rf"\bDatum\s*:?\s+(?P<date>{_DATE_TEXT})|(?:Den\s+Haag|['’]s-Gravenhage),?\s+(?P<place>{_DATE_TEXT})"
)
_LETTER_BY = LazyPattern(
    r"\bAntwoord(?:en)?\s+van\s+(?:de\s+)?(?P<by>(?:[Mm]inister|[Ss]taatssecretaris)\b.{3,200}?)"
    r"(?=\s+(?:op\s+(?:de\s+)?(?:Kamer)?vragen|op\s+vragen|over)\b)"
)
_REPLY_TO = LazyPattern(rf"\bIn\s+antwoord\s+op\s+uw\s+brief\s+van\s+(?P<date>{_DATE_TEXT})")


def _letter(text: str) -> tuple[str | None, date | None]:
    by = _LETTER_BY.search(text)
    when = _LETTER_DATE.search(text)
    answered = parse_dutch_date(when["date"] or when["place"]) if when else None
    author = _squash(by["by"]).rstrip(",") if by else None
    return (author[:1].upper() + author[1:] if author else None), answered


def _squash(text: str) -> str:
    return " ".join(text.split())


def subject_title(subject: str) -> str:
    """The article in «...» when the subject names one, else the "over ..." subject itself."""
    subject = _squash(subject).rstrip(".")
    quoted = _QUOTED_TITLE.search(subject)
    if quoted and re.search(
        r"\b(?:artikel|bericht|uitzending|nieuwsbericht|rapport|item)\b",
        subject[: quoted.start()],
        re.IGNORECASE,
    ):
        return quoted[1].strip()
    return subject[:1].upper() + subject[1:]


_MEMBER = LazyPattern(r"(?P<names>[^()]+?)\s*\((?P<party>[^()]+)\)")


def members(who: str) -> str:
    """ "Bouchallikh, Bromet en Kröger (allen GroenLinks)" → "Bouchallikh (GroenLinks), Bromet
    (GroenLinks), Kröger (GroenLinks)"; names without a party are kept as they are."""
    who = _squash(who)
    out: list[str] = []
    last = 0
    for m in _MEMBER.finditer(who):
        last = m.end()
        party = re.sub(
            r"^(?:allen|beiden|beide|alle\s+drie)\s+", "", m["party"].strip(), flags=re.IGNORECASE
        )
        names_text = re.sub(r"^(?:,|en\b)\s*", "", m["names"].strip(" ,"))
        names = [n for n in re.split(r"\s*,\s*|\s+en\s+", names_text) if n.strip()]
        if len(names) > 1 and party == m["party"].strip():
            # "A, B (VVD)": only the last name's party is stated
            out.extend(names[:-1])
            names = names[-1:]
        out.extend(f"{name.strip()} ({party})" for name in names)
    tail = who[last:].strip(" ,")
    if tail:
        out.extend(n for n in re.split(r"\s*,\s*|\s+en\s+", tail) if n)
    return ", ".join(out) if out else who


_PUBLICATION = LazyPattern(r"\bah-(tk|ek)-(\d{4})(\d{4})-(\d+)\b", re.IGNORECASE)
_ZAAK = LazyPattern(r"\b(\d{4}Z\d{4,6})\b")
_DOCUMENT = LazyPattern(r"\b(\d{4}D\d{4,6})\b")
_VERGADERJAAR = LazyPattern(r"vergaderjaar\s+(\d{4})\s*[–—/-]\s*(\d{2,4})", re.IGNORECASE)
_STATEN_GENERAAL = LazyPattern(r"Staten-Generaal\s*(\d{4})\s*-\s*(\d{4})\s*(\d{1,5})\b")
_TITLE_BLOCK_NUMBER = LazyPattern(r"gegeven\s+antwoorden\s+(\d{1,5})$", re.IGNORECASE)
_STATED_NUMBER = LazyPattern(
    r"Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+II)?,?\s+(?:vergaderjaar\s+)?\d{4}\s*[–/-]"
    r"\s*\d{2,4},?\s+nr\.\s*(\d{1,5})",
    re.IGNORECASE,
)
_ELSEWHERE = LazyPattern(r"Zie\s+ook\s+Aanhangsel[^.]*?nr\.\s*\d+\.?", re.IGNORECASE)


def identifiers(header_text: str, furniture: tuple[str, ...]) -> dict[str, str]:
    """Official numbers stated in the header or the page furniture: `publication`, `zaak`,
    `document`, `vergaderjaar`, `aanhangsel` (the document's number in the Aanhangsel). Never
    guessed; "Zie ook Aanhangsel ..., nr. N" names another document (the notice of delay) and the
    number after "Aanhangsel" in a page footer is a page number, so neither is taken."""
    own = _ELSEWHERE.sub(" ", header_text)
    text = " ".join((own, *furniture))
    found: dict[str, str] = {}
    publication = _PUBLICATION.search(text)
    if publication:
        found["publication"] = publication.group(0).lower()
        found["vergaderjaar"] = f"{publication[2]}-{publication[3]}"
        found["aanhangsel"] = str(int(publication[4]))
    table = _STATEN_GENERAAL.search(text)
    if table:
        found.setdefault("vergaderjaar", f"{table[1]}-{table[2]}")
        found.setdefault("aanhangsel", table[3])
    for key, pattern in (("zaak", _ZAAK), ("document", _DOCUMENT)):
        m = pattern.search(text)
        if m:
            found[key] = m[1].upper()
    year = _VERGADERJAAR.search(text)
    if year:
        end = year[2] if len(year[2]) == 4 else year[1][:2] + year[2]
        found.setdefault("vergaderjaar", f"{year[1]}-{end}")
    number = next(filter(None, (_TITLE_BLOCK_NUMBER.search(f) for f in furniture)), None)
    number = number or _STATED_NUMBER.search(own)
    if number:
        found.setdefault("aanhangsel", str(int(number[1])))
    chamber = "ek" if re.search(r"\bEerste\s+Kamer\b", text) else "tk"
    if "publication" not in found and "aanhangsel" in found and "vergaderjaar" in found:
        found["publication"] = (
            f"ah-{chamber}-{found['vergaderjaar'].replace('-', '')}-{found['aanhangsel']}"
        )
    return found
